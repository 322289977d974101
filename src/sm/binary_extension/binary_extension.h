// Witness side of the BinaryExtension machine (sm/binary_extension/air.h): which ops each of
// its two AIRs proves, the rows per record, the control values of the BinaryShiftTable and the
// trace of one instance of each AIR.
//
//   binary_shift_trace(records, log_height, range16, shift_table)
//   binary_sext_trace(records, log_height, range16, byte_pair)
//
// Row i < records.size() proves records[i]; the rest are all-zero padding rows that send
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

// The shift ops in table order (row of (op, s) = index * 64 + s).
inline constexpr std::array<zisk::Op, 6> kBinaryShiftOps = {zisk::Op::kSll,  zisk::Op::kSrl,
                                                            zisk::Op::kSra,  zisk::Op::kSllW,
                                                            zisk::Op::kSrlW, zisk::Op::kSraW};
inline constexpr std::array<zisk::Op, 3> kBinarySextOps = {
    zisk::Op::kSignExtendB, zisk::Op::kSignExtendH, zisk::Op::kSignExtendW};

constexpr bool binary_shift_proves(zisk::Op op) {
  for (zisk::Op o : kBinaryShiftOps) {
    if (o == op) return true;
  }
  return false;
}
constexpr bool binary_sext_proves(zisk::Op op) {
  for (zisk::Op o : kBinarySextOps) {
    if (o == op) return true;
  }
  return false;
}
// Every kBinaryExtension op of ops.def goes to exactly one of the two AIRs.
constexpr bool binary_extension_proves(zisk::Op op) {
  return binary_shift_proves(op) || binary_sext_proves(op);
}
inline constexpr std::size_t kBinaryShiftRowsPerRecord = 1;
inline constexpr std::size_t kBinarySextRowsPerRecord = 1;
inline constexpr std::size_t kBinaryShiftWidth = stark::width_of<BinaryShiftCols>();
inline constexpr std::size_t kBinarySextWidth = stark::width_of<BinarySextCols>();
inline constexpr std::size_t kBinaryShiftTableRows = std::size_t{1} << kBinaryShiftTableLogHeight;

// The control values of (op, s), s = b mod 64: one row of the BinaryShiftTable.
struct ShiftControl {
  std::uint64_t op = 0;
  std::uint64_t s = 0;
  std::uint64_t q_pow = 0;  // 2^(16 - w)
  std::uint64_t dir = 0;
  std::uint64_t u = 0;  // index of the one-hot u column
  std::uint64_t ml = 0, mh = 0;
  std::uint64_t g = 0, z = 0;
  unsigned w = 0;  // the multiplier is 2^w
};
// op must be a shift op, s < 64.
ShiftControl shift_control(zisk::Op op, unsigned s);
// Row of the table holding (op, s).
std::size_t shift_table_row(zisk::Op op, unsigned s);

// records.size() <= 2^log_height, every op a shift op (checked: violations are planner bugs).
// range16 has kTableRows entries, shift_table kBinaryShiftTableRows.
poly::RowMajorMatrix binary_shift_trace(std::span<const OpRecord> records, unsigned log_height,
                                        TableCounts& range16, TableCounts& shift_table);
// Every op a sign-extension op; byte_pair has kTableRows entries.
poly::RowMajorMatrix binary_sext_trace(std::span<const OpRecord> records, unsigned log_height,
                                       TableCounts& range16, TableCounts& byte_pair);
// The multiplicity column of the BinaryShiftTable instance.
poly::RowMajorMatrix binary_shift_table_trace(const TableCounts& shift_table);

inline stark::AirPtr binary_shift_air() { return stark::make_air<BinaryShiftAir>(); }
inline stark::AirPtr binary_sext_air() { return stark::make_air<BinarySextAir>(); }
inline stark::AirPtr binary_shift_table_air() { return stark::make_air<BinaryShiftTableAir>(); }

}  // namespace ziskc::sm
