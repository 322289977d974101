// Witness side of the free-input call machine (sm/fcall/air.h): which ops it proves, how many
// rows records need (kFcallSlots records per row), and the trace of one instance.
//
//   fcall_trace(records, log_height, range16) -> 2^log_height x width_of<FcallCols>
//
// Record i is slot i % kFcallSlots of row i / kFcallSlots; the remaining slots are all-zero
// padding slots (they satisfy every constraint and send nothing). The records are Main's
// kFcall sink (sm/main/main.h): (op, a, b) with c = b. The machine looks nothing up (c = b is
// well-formed because b is): `range16` is taken only so that the signature is the one of every
// op machine (prover/machines.h) and is left untouched. Parallel-safe across instances.
// Invariant: the trace satisfies FcallAir and proves exactly the operation tuples
// (op, a_lo, 0, b_lo, b_hi, b_lo, b_hi, 0) of the records.
#pragma once

#include <cstddef>
#include <span>

#include "poly/matrix.h"
#include "sm/fcall/air.h"
#include "sm/records.h"
#include "stark/air.h"
#include "zisk/ops.h"

namespace ziskc::sm {

// fcall_param, fcall and fcall_get (zisk::Machine::kFcall).
constexpr bool fcall_proves(zisk::Op op) {
  return op == zisk::Op::kFcallParam || op == zisk::Op::kFcall || op == zisk::Op::kFcallGet;
}
// Records per row, and the rows that n records need.
inline constexpr std::size_t kFcallRecordsPerRow = kFcallSlots;
constexpr std::size_t fcall_rows(std::size_t num_records) {
  return (num_records + kFcallSlots - 1) / kFcallSlots;
}
inline constexpr std::size_t kFcallWidth = stark::width_of<FcallCols>();
inline constexpr std::size_t kFcallSlotWidth = stark::width_of<FcallSlot>();

// records.size() <= kFcallSlots * 2^log_height, every record's op is a free-input call and its
// a is below 2^32 (all checked: a violation is a bug of the planner or of the transpiler, not
// bad input).
poly::RowMajorMatrix fcall_trace(std::span<const OpRecord> records, unsigned log_height,
                                 TableCounts& range16);

inline stark::AirPtr fcall_air() { return stark::make_air<FcallAir>(); }

}  // namespace ziskc::sm
