// The ROM multiplicity column.
#include "sm/rom/rom.h"

#include "base/check.h"

namespace ziskc::sm {

poly::RowMajorMatrix rom_trace(const TableCounts& counts) {
  auto m = poly::RowMajorMatrix::zeros(std::size_t{1} << rom_log_height(counts.size()), 1);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const std::uint64_t n = counts.get(i);
    ZISKC_CHECK(n < (1ull << 40), "rom: execution count out of range");
    m.at(i, 0) = Fe::from_u64(n);
  }
  return m;
}

}  // namespace ziskc::sm
