// Witness side of the KeccakF machine (sm/keccakf/air.h, docs/sm/keccakf.md): the record of one
// keccakf call taken from the emulator's replay, the memory accesses the machine assumes for it
// (which the memory-region machines must prove), the split into instances and the trace.
//
// Pipeline use, per keccakf step (zisk::op_info(op).machine == Machine::kKeccakf):
//   keccakf_record_from_step(step, records)   -> one KeccakfRecord (step, address, input state)
//   keccakf_mem_accesses(record, mem_log)     -> the 25 loads (slot 2) and 25 stores (slot 3) for
//                                                plan_mem; the emulator's own accesses of the
//                                                step are the same ones and must not be routed
//                                                twice
// then keccakf_trace(records of one instance, log_height) with at most
// keccakf_calls_per_instance(log_height) records per instance.
//
// Invariant: a record that keccakf_record_from_step accepted is self-consistent (the emulator's
// writes are Keccak-f of its reads at addr + 8i).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "emu/trace.h"
#include "poly/matrix.h"
#include "sm/keccakf/cols.h"
#include "sm/records.h"
#include "stark/air_types.h"

namespace ziskc::sm {

struct KeccakfRecord {
  std::uint64_t step = 0;
  std::uint64_t addr = 0;                        // the state's address (b of the op)
  std::array<std::uint64_t, kKeccakLanes> in{};  // lanes before the permutation
};

inline constexpr std::size_t kKeccakfWidth = stark::width_of<KeccakfCols>();
inline constexpr unsigned kKeccakfMinLogHeight = 5;  // 32 rows: one call
inline constexpr unsigned kKeccakfMaxLogHeight = 26;
// The planner's cap (src/prover/plan.cc): 2^13 rows x 2433 columns is 160 MB of trace, so the
// prover's default height 2^20 would need gigabytes per instance; 341 calls per instance.
inline constexpr unsigned kKeccakfPlanMaxLogHeight = 13;

// Calls per instance of height 2^log_height (24 rows each; the rest are padding rows).
constexpr std::size_t keccakf_calls_per_instance(unsigned log_height) {
  return (std::size_t{1} << log_height) / kKeccakRounds;
}

// Appends the record of a replayed keccakf step. kInvalidArgument naming the step when the step
// is not a keccakf op, its a / c / flag are not 0, its address is not 8-aligned or not below
// 2^32, or its accesses are not the 25 reads and 25 writes of addr + 8i with writes =
// Keccak-f(reads).
Status keccakf_record_from_step(const emu::StepRecord& step, std::vector<KeccakfRecord>& out);

// The permutation's output (precompile::keccak_f1600 of r.in).
std::array<std::uint64_t, kKeccakLanes> keccakf_output(const KeccakfRecord& r);

// Appends the 25 loads at slot 2 then the 25 stores at slot 3 (air.h kKeccakfSlot*).
void keccakf_mem_accesses(const KeccakfRecord& r, std::vector<MemAccess>& out);

// The trace of one instance: the records' permutations (24 rows each, in order), then padding
// permutations of the zero state with sel = 0 (the last one cut at the instance's end).
// records.size() <= keccakf_calls_per_instance(log_height), log_height in
// [kKeccakfMinLogHeight, kKeccakfMaxLogHeight] (checked).
poly::RowMajorMatrix keccakf_trace(std::span<const KeccakfRecord> records, unsigned log_height);

}  // namespace ziskc::sm
