// Witness side of the Arith256 machine (sm/arith256/air.h, docs/sm/arith256.md): the record of
// one arith256 call taken from the emulator's replay, the memory accesses the machine assumes
// for it (which the memory-region machines must prove), the split into instances and the trace.
//
// Pipeline use, per arith256 step (op zisk::Op::kArith256):
//   arith256_record_from_step(step, records)  -> one Arith256Record (step, addresses, a, b, c)
//   arith256_mem_accesses(record, mem_log)    -> the 17 loads (slot 2) and 8 stores (slot 3) for
//                                                plan_mem; the emulator's own accesses of the
//                                                step are the same ones and must not be routed
//                                                twice
// then arith256_trace(records of one instance, log_height, range16), one row per record.
//
// Invariant: a record that arith256_record_from_step accepted is self-consistent (the emulator's
// writes are dl, dh of its reads at the addresses the block names, the 17 read words distinct
// and the 8 written words distinct).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "emu/trace.h"
#include "poly/matrix.h"
#include "sm/arith256/cols.h"
#include "sm/records.h"
#include "stark/air_types.h"

namespace ziskc::sm {

using U256 = std::array<std::uint64_t, kArith256Words>;  // little-endian u64 words

struct Arith256Record {
  std::uint64_t step = 0;
  std::uint64_t addr = 0;                                // parameter block (b of the op)
  std::array<std::uint64_t, kArith256BlockWords> ptr{};  // a*, b*, c*, dl*, dh*
  U256 a{}, b{}, c{};
};

inline constexpr std::size_t kArith256Width = stark::width_of<Arith256Cols>();
inline constexpr unsigned kArith256MinLogHeight = 2;
inline constexpr unsigned kArith256MaxLogHeight = 26;
// The planner's cap (src/prover/plan.cc): 2^16 rows x 150 columns is 79 MB of trace (KeccakF's
// cap is 160 MB); 65536 calls per instance.
inline constexpr unsigned kArith256PlanMaxLogHeight = 16;

// dl, dh of a * b + c (precompile::arith256).
std::pair<U256, U256> arith256_output(const Arith256Record& r);

// Appends the record of a replayed arith256 step. kInvalidArgument naming the step when the step
// is not an arith256 op, its a / c / flag / jmp1 are not 0, an address (block or a pointer) is
// not 8-aligned or its words do not lie below 2^32, the accesses are not the 5 + 12 reads and
// 8 writes of the block's words with writes = dl, dh of the reads; kUnsupported ("not supported
// yet") when the 17 read words are not distinct (e.g. a* == b*) or dl and dh overlap (one
// mem_step: the memory machines prove one access per word and mem_step).
Status arith256_record_from_step(const emu::StepRecord& step, std::vector<Arith256Record>& out);

// Appends the 17 loads at slot 2 (block, a, b, c) then the 8 stores at slot 3 (dl, dh).
void arith256_mem_accesses(const Arith256Record& r, std::vector<MemAccess>& out);

// The trace of one instance: one row per record, then zero rows with sel = 0. Adds the range
// checks of the records' rows to range16 (2^16 rows). records.size() <= 2^log_height,
// log_height in [kArith256MinLogHeight, kArith256MaxLogHeight] (checked).
poly::RowMajorMatrix arith256_trace(std::span<const Arith256Record> records, unsigned log_height,
                                    TableCounts& range16);

// arith256_mod (sm/arith256/air_mod.h): d = (a * b + c) mod module, module != 0.
struct Arith256ModRecord {
  std::uint64_t step = 0;
  std::uint64_t addr = 0;                                // parameter block (b of the op)
  std::array<std::uint64_t, kArith256BlockWords> ptr{};  // a*, b*, c*, module*, d*
  U256 a{}, b{}, c{}, m{};
};

inline constexpr std::size_t kArith256ModWidth = stark::width_of<Arith256ModCols>();

// d of the call (precompile::arith256_mod; module != 0, checked).
U256 arith256_mod_output(const Arith256ModRecord& r);

// As arith256_record_from_step for an arith256_mod step: 5 + 16 reads (block, a, b, c,
// module) and 4 writes (d); kInvalidArgument also for a zero module (the emulator faults on it,
// so a replayed step never has one); kUnsupported for overlapping block / a / b / c / module.
Status arith256_mod_record_from_step(const emu::StepRecord& step,
                                     std::vector<Arith256ModRecord>& out);

// Appends the 21 loads at slot 2 (block, a, b, c, module) then the 4 stores at slot 3 (d).
void arith256_mod_mem_accesses(const Arith256ModRecord& r, std::vector<MemAccess>& out);

// The trace of one instance, as arith256_trace.
poly::RowMajorMatrix arith256_mod_trace(std::span<const Arith256ModRecord> records,
                                        unsigned log_height, TableCounts& range16);

}  // namespace ziskc::sm
