// Fixed columns of the BinaryTable (air.h): the part of the Binary machine that the verifier
// links (ziskc_sm_binary_air).
#include "sm/binary/air.h"

namespace ziskc::sm {

Result<poly::RowMajorMatrix> BinaryTableAir::fixed_columns(unsigned log_height) const {
  if (log_height != kBinaryTableLogHeight) {
    return make_error(ErrorCode::kUnsupported, "binary_table: height 2^{} not offered", log_height);
  }
  auto m = poly::RowMajorMatrix::zeros(std::size_t{1} << kBinaryTableLogHeight, 3);
  for (std::size_t r = 0; r < m.rows; ++r) {
    const std::uint64_t x = r & 0xff, y = r >> 8;
    m.at(r, 0) = field::Fe::from_u64(x);
    m.at(r, 1) = field::Fe::from_u64(y);
    m.at(r, 2) = field::Fe::from_u64(x & y);
  }
  return m;
}

}  // namespace ziskc::sm
