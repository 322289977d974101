// Fixed columns of the shared lookup tables (tables_air.h).
#include "sm/tables/tables_air.h"

namespace ziskc::sm {

Result<poly::RowMajorMatrix> Range16TableAir::fixed_columns(unsigned log_height) const {
  if (log_height != kTableLogHeight) {
    return make_error(ErrorCode::kUnsupported, "range16_table: height 2^{} not offered",
                      log_height);
  }
  auto m = poly::RowMajorMatrix::zeros(kTableRows, 1);
  for (std::size_t r = 0; r < kTableRows; ++r) m.at(r, 0) = Fe::from_u64(r);
  return m;
}

Result<poly::RowMajorMatrix> BytePairTableAir::fixed_columns(unsigned log_height) const {
  if (log_height != kTableLogHeight) {
    return make_error(ErrorCode::kUnsupported, "byte_pair_table: height 2^{} not offered",
                      log_height);
  }
  auto m = poly::RowMajorMatrix::zeros(kTableRows, 2);
  for (std::size_t r = 0; r < kTableRows; ++r) {
    m.at(r, 0) = Fe::from_u64(r & 0xff);
    m.at(r, 1) = Fe::from_u64(r >> 8);
  }
  return m;
}

}  // namespace ziskc::sm
