// Witness side of the BinaryAdd machine (sm/binary_add/air.h): which ops it proves, how many
// rows records need (kBinaryAddSlots records per row), and the trace of one instance.
//
//   binary_add_trace(records, log_height, range16) -> 2^log_height x width_of<BinaryAddCols>
//
// Record i is slot i % kBinaryAddSlots of row i / kBinaryAddSlots; the remaining slots are
// all-zero padding slots (they satisfy every constraint and send nothing). The builder adds its
// four Range16 lookups per record to `range16`; it may run concurrently with other builders
// (TableCounts is atomic). Invariant: the trace satisfies BinaryAddAir and, with the counts it
// added, balances the Range16 bus against the table; it proves exactly the operation tuples of the
// records.
#pragma once

#include <cstddef>
#include <span>

#include "poly/matrix.h"
#include "sm/binary_add/air.h"
#include "sm/records.h"
#include "stark/air.h"
#include "zisk/ops.h"

namespace ziskc::sm {

// BinaryAdd proves `add` only (add_w is Binary's: its result is sign-extended).
constexpr bool binary_add_proves(zisk::Op op) { return op == zisk::Op::kAdd; }
// Records per row, and the rows that n records need.
inline constexpr std::size_t kBinaryAddRecordsPerRow = kBinaryAddSlots;
constexpr std::size_t binary_add_rows(std::size_t num_records) {
  return (num_records + kBinaryAddSlots - 1) / kBinaryAddSlots;
}
inline constexpr std::size_t kBinaryAddWidth = stark::width_of<BinaryAddCols>();
inline constexpr std::size_t kBinaryAddSlotWidth = stark::width_of<BinaryAddSlot>();

// records.size() <= kBinaryAddSlots * 2^log_height and every record's op is add (both checked: a
// violation is a bug of the planner, not bad input).
poly::RowMajorMatrix binary_add_trace(std::span<const OpRecord> records, unsigned log_height,
                                      TableCounts& range16);

inline stark::AirPtr binary_add_air() { return stark::make_air<BinaryAddAir>(); }

}  // namespace ziskc::sm
