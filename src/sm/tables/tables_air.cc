// Fixed columns and multiplicity traces of the shared lookup tables (tables_air.h).
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

poly::RowMajorMatrix table_mult_trace(const TableCounts& counts) {
  ZISKC_CHECK(counts.size() == kTableRows, "table counts of the wrong size");
  auto m = poly::RowMajorMatrix::zeros(kTableRows, 1);
  for (std::size_t r = 0; r < kTableRows; ++r) {
    const std::uint64_t n = counts.get(r);
    ZISKC_CHECK(n < Fe::kP, "table multiplicity does not fit the field");
    m.at(r, 0) = Fe::from_canonical(n);
  }
  return m;
}

}  // namespace ziskc::sm
