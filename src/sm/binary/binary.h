// Witness side of the Binary machine (sm/binary/air.h): which ops each of its two AIRs proves,
// the rows per record and the trace of one instance of each.
//
//   binary_trace(records, log_height, range16)              comparisons, min/max, sub, *_w
//   binary_logic_trace(records, log_height, binary_table)   and, or, xor
//
// Row i < records.size() proves records[i]; the rest are all-zero padding rows that send
// nothing. Lookups are added to the given table counts (atomic: builders may run concurrently).
// Invariant: each trace satisfies its AIR and, with the counts it added, balances every table
// bus; it proves exactly the operation tuples of its records.
#pragma once

#include <cstddef>
#include <span>

#include "poly/matrix.h"
#include "sm/binary/air.h"
#include "sm/records.h"
#include "stark/air.h"
#include "zisk/ops.h"

namespace ziskc::sm {

constexpr bool binary_logic_proves(zisk::Op op) {
  return op == zisk::Op::kAnd || op == zisk::Op::kOr || op == zisk::Op::kXor;
}
// Every other kBinary op of ops.def.
constexpr bool binary_proves(zisk::Op op) {
  switch (op) {
    case zisk::Op::kMinu:
    case zisk::Op::kMin:
    case zisk::Op::kMaxu:
    case zisk::Op::kMax:
    case zisk::Op::kLtu:
    case zisk::Op::kLt:
    case zisk::Op::kEq:
    case zisk::Op::kSub:
    case zisk::Op::kLeu:
    case zisk::Op::kLe:
    case zisk::Op::kMinuW:
    case zisk::Op::kMinW:
    case zisk::Op::kMaxuW:
    case zisk::Op::kMaxW:
    case zisk::Op::kLtuW:
    case zisk::Op::kLtW:
    case zisk::Op::kEqW:
    case zisk::Op::kAddW:
    case zisk::Op::kSubW:
    case zisk::Op::kLeuW:
    case zisk::Op::kLeW:
      return true;
    default:
      return false;
  }
}
// Every kBinary op goes to exactly one of the two AIRs.
constexpr bool binary_machine_proves(zisk::Op op) {
  return binary_proves(op) || binary_logic_proves(op);
}
inline constexpr std::size_t kBinaryRowsPerRecord = 1;
inline constexpr std::size_t kBinaryLogicRowsPerRecord = 1;
inline constexpr std::size_t kBinaryWidth = stark::width_of<BinaryCols>();
inline constexpr std::size_t kBinaryLogicWidth = stark::width_of<BinaryLogicCols>();
inline constexpr unsigned kBinaryTableLogHeight = 16;

// records.size() <= 2^log_height and every op one the AIR proves, m32 records with zero high
// halves (checked: violations are planner bugs). range16 / binary_table have 2^16 entries.
poly::RowMajorMatrix binary_trace(std::span<const OpRecord> records, unsigned log_height,
                                  TableCounts& range16);
poly::RowMajorMatrix binary_logic_trace(std::span<const OpRecord> records, unsigned log_height,
                                        TableCounts& binary_table);
// Row of the BinaryTable holding (x, y, x & y).
constexpr std::size_t binary_table_row(std::uint64_t x, std::uint64_t y) { return x | (y << 8); }
// The multiplicity column of the BinaryTable instance.
poly::RowMajorMatrix binary_table_trace(const TableCounts& binary_table);

inline stark::AirPtr binary_air() { return stark::make_air<BinaryAir>(); }
inline stark::AirPtr binary_logic_air() { return stark::make_air<BinaryLogicAir>(); }
inline stark::AirPtr binary_table_air() { return stark::make_air<BinaryTableAir>(); }

}  // namespace ziskc::sm
