// Witness side of the Binary machine (sm/binary/air.h): which ops each of its three AIRs
// proves, how many rows records need, and the trace of one instance of each.
//
//   binary_trace(records, log_height, range16)              ltu, leu, eq, sub, minu, maxu,
//                                                           ltu_w, leu_w, eq_w, add_w, sub_w
//   binary_signed_trace(records, log_height, range16)       lt, le, min, max (+_w), minu_w, maxu_w
//   binary_logic_trace(records, log_height, binary_table)   and, or, xor
//
// Record i is slot i % slots of row i / slots; the rest are all-zero padding slots that send
// nothing. Lookups are added to the given table counts (atomic: builders may run concurrently).
// Invariant: each trace satisfies its AIR and, with the counts it added, balances every table
// bus; it proves exactly the operation tuples of its records.
#pragma once

#include <cstddef>
#include <cstdint>
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
constexpr bool binary_proves(zisk::Op op) {
  switch (op) {
    case zisk::Op::kLtu:
    case zisk::Op::kLeu:
    case zisk::Op::kEq:
    case zisk::Op::kSub:
    case zisk::Op::kMinu:
    case zisk::Op::kMaxu:
    case zisk::Op::kLtuW:
    case zisk::Op::kLeuW:
    case zisk::Op::kEqW:
    case zisk::Op::kAddW:
    case zisk::Op::kSubW:
      return true;
    default:
      return false;
  }
}
constexpr bool binary_signed_proves(zisk::Op op) {
  switch (op) {
    case zisk::Op::kLt:
    case zisk::Op::kLe:
    case zisk::Op::kMin:
    case zisk::Op::kMax:
    case zisk::Op::kLtW:
    case zisk::Op::kLeW:
    case zisk::Op::kMinW:
    case zisk::Op::kMaxW:
    case zisk::Op::kMinuW:
    case zisk::Op::kMaxuW:
      return true;
    default:
      return false;
  }
}
// Every kBinary op of ops.def goes to exactly one of the three AIRs.
constexpr bool binary_machine_proves(zisk::Op op) {
  return binary_proves(op) || binary_signed_proves(op) || binary_logic_proves(op);
}

// Records per row and the rows that n records need.
inline constexpr std::size_t kBinaryRecordsPerRow = kBinarySlots;
inline constexpr std::size_t kBinarySignedRecordsPerRow = 1;
inline constexpr std::size_t kBinaryLogicRecordsPerRow = kBinaryLogicSlots;
constexpr std::size_t binary_rows(std::size_t n) { return (n + kBinarySlots - 1) / kBinarySlots; }
constexpr std::size_t binary_signed_rows(std::size_t n) { return n; }
constexpr std::size_t binary_logic_rows(std::size_t n) {
  return (n + kBinaryLogicSlots - 1) / kBinaryLogicSlots;
}
inline constexpr std::size_t kBinaryWidth = stark::width_of<BinaryCols>();
inline constexpr std::size_t kBinarySignedWidth = stark::width_of<BinarySignedCols>();
inline constexpr std::size_t kBinaryLogicWidth = stark::width_of<BinaryLogicCols>();
inline constexpr std::size_t kBinarySlotWidth = stark::width_of<BinarySlot>();
inline constexpr std::size_t kBinaryLogicSlotWidth = stark::width_of<BinaryLogicSlot>();

// records.size() <= slots * 2^log_height, every op one the AIR proves, m32 records with zero
// high halves (checked: violations are planner bugs). range16 / binary_table have 2^16 entries.
poly::RowMajorMatrix binary_trace(std::span<const OpRecord> records, unsigned log_height,
                                  TableCounts& range16);
poly::RowMajorMatrix binary_signed_trace(std::span<const OpRecord> records, unsigned log_height,
                                         TableCounts& range16);
poly::RowMajorMatrix binary_logic_trace(std::span<const OpRecord> records, unsigned log_height,
                                        TableCounts& binary_table);
// Row of the BinaryTable holding (x, y, x & y).
constexpr std::size_t binary_table_row(std::uint64_t x, std::uint64_t y) { return x | (y << 8); }
// The multiplicity column of the BinaryTable instance.
poly::RowMajorMatrix binary_table_trace(const TableCounts& binary_table);

inline stark::AirPtr binary_air() { return stark::make_air<BinaryAir>(); }
inline stark::AirPtr binary_signed_air() { return stark::make_air<BinarySignedAir>(); }
inline stark::AirPtr binary_logic_air() { return stark::make_air<BinaryLogicAir>(); }
inline stark::AirPtr binary_table_air() { return stark::make_air<BinaryTableAir>(); }

}  // namespace ziskc::sm
