// The shared lookup tables of the zkVM (sm/buses.h): fixed AIRs whose fixed columns list every
// allowed entry once and whose single witness column is the multiplicity of each entry.
//  - Range16TableAir: 2^16 rows, fixed value = row index; proves (v) on kRange16Bus `mult`
//    times, so a balanced bus shows that every assumed v lies in [0, 2^16).
//  - BytePairTableAir: 2^16 rows, fixed (x, y) = (row & 0xff, row >> 8); proves (x, y) on
//    kBytePairBus, so one lookup shows that two values are bytes.
// Soundness: the fixed columns are committed in the verification key, so the prover cannot
// change the entries; it only chooses multiplicities, and a wrong multiplicity leaves the bus
// unbalanced. Entries are distinct, so each assumed tuple is matched by exactly one row.
#pragma once

#include <cstdint>

#include "poly/matrix.h"
#include "sm/buses.h"
#include "sm/records.h"
#include "stark/air.h"

namespace ziskc::sm {

inline constexpr unsigned kTableLogHeight = 16;
inline constexpr std::size_t kTableRows = std::size_t{1} << kTableLogHeight;

template <class T>
struct TableMultCols {
  T mult;
};
template <class T>
struct Range16FixedCols {
  T value;
};
template <class T>
struct BytePairFixedCols {
  T x;
  T y;
};

struct Range16TableAir {
  stark::AirInfo info() const {
    return {.name = "range16_table",
            .num_main = stark::width_of<TableMultCols>(),
            .num_fixed = stark::width_of<Range16FixedCols>()};
  }
  Result<poly::RowMajorMatrix> fixed_columns(unsigned log_height) const;
  template <class B>
  void eval(B& b) const {
    const auto& fix = b.template fixed<Range16FixedCols>();
    const auto& cur = b.template main<TableMultCols>();
    b.prove(kRange16Bus, {fix.value}, cur.mult);
  }
};

struct BytePairTableAir {
  stark::AirInfo info() const {
    return {.name = "byte_pair_table",
            .num_main = stark::width_of<TableMultCols>(),
            .num_fixed = stark::width_of<BytePairFixedCols>()};
  }
  Result<poly::RowMajorMatrix> fixed_columns(unsigned log_height) const;
  template <class B>
  void eval(B& b) const {
    const auto& fix = b.template fixed<BytePairFixedCols>();
    const auto& cur = b.template main<TableMultCols>();
    b.prove(kBytePairBus, {fix.x, fix.y}, cur.mult);
  }
};

// Row of the byte-pair table holding (x, y).
constexpr std::size_t byte_pair_row(std::uint64_t x, std::uint64_t y) { return x | (y << 8); }

// The multiplicity column of a table instance (2^16 x 1) from its counts. Counts are below p
// for any run the prover accepts (at most 2^40 lookups), checked. Witness side: defined in
// tables.cc (library ziskc_sm_tables, not ziskc_sm_tables_air).
poly::RowMajorMatrix table_mult_trace(const TableCounts& counts);

}  // namespace ziskc::sm
