// Witness side of the BinaryExtension machine (sm/binary_extension/air.h): which ops each of
// its three AIRs proves, how many rows records need, the control values of the
// BinaryShiftTable and the trace of one instance of each AIR.
//
//   binary_shift_trace(records, log_height, range16, shift_table)     sll, srl, sra
//   binary_shift_w_trace(records, log_height, range16, shift_table)   sll_w, srl_w, sra_w
//   binary_sext_trace(records, log_height, range16, byte_pair)        signextend_b/h/w
//
// Record i is slot i % slots of row i / slots; the rest are all-zero padding slots that send
// nothing. Lookups are added to the given table counts (atomic: builders may run concurrently).
// Invariant: each trace satisfies its AIR and, with the counts it added, balances every table
// bus; it proves exactly the operation tuples of its records.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "poly/matrix.h"
#include "sm/binary_extension/air.h"
#include "sm/records.h"
#include "stark/air.h"
#include "zisk/ops.h"

namespace ziskc::sm {

inline constexpr std::array<zisk::Op, 3> kBinaryShiftOps = {zisk::Op::kSll, zisk::Op::kSrl,
                                                            zisk::Op::kSra};
inline constexpr std::array<zisk::Op, 3> kBinaryShiftWOps = {zisk::Op::kSllW, zisk::Op::kSrlW,
                                                             zisk::Op::kSraW};
inline constexpr std::array<zisk::Op, 3> kBinarySextOps = {
    zisk::Op::kSignExtendB, zisk::Op::kSignExtendH, zisk::Op::kSignExtendW};

namespace internal {
template <std::size_t N>
constexpr bool op_in(const std::array<zisk::Op, N>& ops, zisk::Op op) {
  for (zisk::Op o : ops) {
    if (o == op) return true;
  }
  return false;
}
}  // namespace internal

constexpr bool binary_shift_proves(zisk::Op op) { return internal::op_in(kBinaryShiftOps, op); }
constexpr bool binary_shift_w_proves(zisk::Op op) { return internal::op_in(kBinaryShiftWOps, op); }
constexpr bool binary_sext_proves(zisk::Op op) { return internal::op_in(kBinarySextOps, op); }
// Every kBinaryExtension op of ops.def goes to exactly one of the three AIRs.
constexpr bool binary_extension_proves(zisk::Op op) {
  return binary_shift_proves(op) || binary_shift_w_proves(op) || binary_sext_proves(op);
}

// Records per row and the rows that n records need.
inline constexpr std::size_t kBinaryShiftRecordsPerRow = kBinaryShiftSlots;
inline constexpr std::size_t kBinaryShiftWRecordsPerRow = kBinaryShiftWSlots;
inline constexpr std::size_t kBinarySextRecordsPerRow = kBinarySextSlots;
constexpr std::size_t binary_shift_rows(std::size_t n) {
  return (n + kBinaryShiftSlots - 1) / kBinaryShiftSlots;
}
constexpr std::size_t binary_shift_w_rows(std::size_t n) {
  return (n + kBinaryShiftWSlots - 1) / kBinaryShiftWSlots;
}
constexpr std::size_t binary_sext_rows(std::size_t n) {
  return (n + kBinarySextSlots - 1) / kBinarySextSlots;
}
inline constexpr std::size_t kBinaryShiftWidth = stark::width_of<BinaryShiftCols>();
inline constexpr std::size_t kBinaryShiftWWidth = stark::width_of<BinaryShiftWCols>();
inline constexpr std::size_t kBinarySextWidth = stark::width_of<BinarySextCols>();
inline constexpr std::size_t kBinaryShiftSlotWidth = stark::width_of<BinaryShiftSlot>();
inline constexpr std::size_t kBinaryShiftWSlotWidth = stark::width_of<BinaryShiftWSlot>();
inline constexpr std::size_t kBinarySextSlotWidth = stark::width_of<BinarySextSlot>();

// records.size() <= slots * 2^log_height and every op one the AIR proves (checked: violations
// are planner bugs). range16 and byte_pair have kTableRows entries, shift_table
// kBinaryShiftTableRows.
poly::RowMajorMatrix binary_shift_trace(std::span<const OpRecord> records, unsigned log_height,
                                        TableCounts& range16, TableCounts& shift_table);
poly::RowMajorMatrix binary_shift_w_trace(std::span<const OpRecord> records, unsigned log_height,
                                          TableCounts& range16, TableCounts& shift_table);
poly::RowMajorMatrix binary_sext_trace(std::span<const OpRecord> records, unsigned log_height,
                                       TableCounts& range16, TableCounts& byte_pair);
// The multiplicity column of the BinaryShiftTable instance.
poly::RowMajorMatrix binary_shift_table_trace(const TableCounts& shift_table);

inline stark::AirPtr binary_shift_air() { return stark::make_air<BinaryShiftAir>(); }
inline stark::AirPtr binary_shift_w_air() { return stark::make_air<BinaryShiftWAir>(); }
inline stark::AirPtr binary_sext_air() { return stark::make_air<BinarySextAir>(); }
inline stark::AirPtr binary_shift_table_air() { return stark::make_air<BinaryShiftTableAir>(); }

}  // namespace ziskc::sm
