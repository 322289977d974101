// Witness side of the Sha256F machine (sm/sha256f/air.h, docs/sm/sha256f.md): the record of one
// sha256 call taken from the emulator's replay, the memory accesses the machine assumes for it
// (which the memory-region machines must prove), the split into instances and the trace.
//
// Pipeline use, per sha256 step (zisk::op_info(op).machine == Machine::kSha256f):
//   sha256f_record_from_step(step, records)  -> one Sha256fRecord (step, addresses, state, block)
//   sha256f_mem_accesses(record, mem_log)    -> the 14 loads (slot 2) and 4 stores (slot 3) for
//                                               plan_mem; the emulator's own accesses of the
//                                               step are the same ones and must not be routed
//                                               twice
// then sha256f_trace(records of one instance, log_height) with at most
// sha256f_calls_per_instance(log_height) records per instance.
//
// Invariant: a record that sha256f_record_from_step accepted is self-consistent (the emulator's
// writes are the compression of its reads, at the addresses the block names, the 14 read words
// distinct).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "emu/trace.h"
#include "poly/matrix.h"
#include "sm/records.h"
#include "sm/sha256f/cols.h"
#include "stark/air_types.h"

namespace ziskc::sm {

struct Sha256fRecord {
  std::uint64_t step = 0;
  std::uint64_t addr = 0;       // the parameter block's address (b of the op)
  std::uint64_t state_ptr = 0;  // block word 0
  std::uint64_t input_ptr = 0;  // block word 1
  std::array<std::uint64_t, kSha256StateWords> state{};  // u64 word i = H_2i | H_2i+1 << 32
  std::array<std::uint64_t, kSha256InputWords> input{};  // the 64 message bytes, little-endian
};

inline constexpr std::size_t kSha256fWidth = stark::width_of<Sha256fCols>();
inline constexpr unsigned kSha256fMinLogHeight = 6;  // 64 rows: one call
inline constexpr unsigned kSha256fMaxLogHeight = 26;
// The planner's cap (src/prover/plan.cc): 2^14 rows x 1187 columns is 156 MB of trace (as
// KeccakF's 2^13 x 2433); 256 calls per instance.
inline constexpr unsigned kSha256fPlanMaxLogHeight = 14;

// Calls per instance of height 2^log_height (64 rows each; instances hold whole calls).
constexpr std::size_t sha256f_calls_per_instance(unsigned log_height) {
  return (std::size_t{1} << log_height) / kSha256Rounds;
}

// Appends the record of a replayed sha256 step. kInvalidArgument naming the step when the step
// is not a sha256 op, its a / c / flag / jmp1 are not 0, an address (block, state, input) is
// not 8-aligned or its words do not lie below 2^32, the accesses are not the 2 + 4 + 8 reads
// and 4 writes of the block's words with writes = the compression of the reads; kUnsupported
// ("not supported yet") when the block, state and input words overlap (one mem_step: the
// memory machines prove one access per word and mem_step).
Status sha256f_record_from_step(const emu::StepRecord& step, std::vector<Sha256fRecord>& out);

// The compression's output state words (precompile::sha256_compress of r.state, r.input).
std::array<std::uint64_t, kSha256StateWords> sha256f_output(const Sha256fRecord& r);

// Appends the 14 loads at slot 2 (block, state, input) then the 4 stores at slot 3.
void sha256f_mem_accesses(const Sha256fRecord& r, std::vector<MemAccess>& out);

// The trace of one instance: the records' calls (64 rows each, in order), then padding calls of
// the zero state and block with sel = 0. records.size() <= sha256f_calls_per_instance(log_height),
// log_height in [kSha256fMinLogHeight, kSha256fMaxLogHeight] (checked).
poly::RowMajorMatrix sha256f_trace(std::span<const Sha256fRecord> records, unsigned log_height);

}  // namespace ziskc::sm
