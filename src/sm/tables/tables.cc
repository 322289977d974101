// Multiplicity traces of the shared lookup tables (table_mult_trace, declared in tables_air.h):
// the witness side of the tables, in ziskc_sm_tables (the AIRs are in ziskc_sm_tables_air).
#include "sm/tables/tables_air.h"

namespace ziskc::sm {

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
