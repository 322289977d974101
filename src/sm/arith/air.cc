// Fixed columns of the Arith chunk table (air.h).
#include "sm/arith/air.h"

namespace ziskc::sm {

using field::Fe;

Result<poly::RowMajorMatrix> ArithChunkTableAir::fixed_columns(unsigned log_height) const {
  if (log_height != kArithChunkTableLogHeight) {
    return make_error(ErrorCode::kUnsupported, "arith_chunk_table: height 2^{} not offered",
                      log_height);
  }
  auto m = poly::RowMajorMatrix::zeros(kArithChunkTableRows, 2);
  constexpr std::size_t kHalf = kArithChunkTableRows / 2;
  for (std::size_t r = 0; r < kHalf; ++r) {
    m.at(r, 0) = Fe::from_u64(r);
    m.at(r, 1) = Fe::from_u64(r >> 15);
    m.at(kHalf + r, 0) = Fe::from_u64(r);
    m.at(kHalf + r, 1) = Fe::from_u64(kChunkAny);
  }
  return m;
}

}  // namespace ziskc::sm
