// Witness side of the DMA machines (sm/dma/air.h, docs/sm/dma.md): the record of one DMA step,
// taken from the emulator's replay, the memory accesses the machines assume for it (which the
// memory-region machines must prove), the split of records into instances and the trace
// builders.
//
// Pipeline use, per DMA step (zisk::op_info(op).machine == Machine::kDma):
//   dma_records_from_step(step, records)    -> records.copy / .cmp / .aligned gets one DmaRecord
//   dma_mem_accesses(record, mem_log)       -> aligned accesses for plan_mem (sm/mem/mem.h);
//                                              the emulator's own DMA accesses in the step
//                                              record (slots 2 and 3) must NOT be routed
// then per machine: plan_dma(machine, records.<machine>, log_height) and the machine's trace
// builder for each instance, with DmaCopyAir / DmaCmpAir / DmaAlignedAir
// {layout.extra_params_addr}. An op's rows never straddle instances (dma_rows(record, machine)
// <= 2^log_height, checked by the planner); instances are independent and may be built in
// parallel.
//
// Invariant: a DmaRecord that dma_records_from_step accepted is self-consistent (its words
// reproduce the emulator's writes and memcmp result); the builders ZISKC_CHECK the rest.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "emu/trace.h"
#include "poly/matrix.h"
#include "sm/records.h"
#include "zisk/ops.h"

namespace ziskc::sm {

struct DmaRecord {
  zisk::Op op = zisk::Op::kDmaMemcpy;
  std::uint64_t step = 0;
  std::uint64_t a = 0, b = 0;    // as Main sends them (registers or immediates)
  std::uint64_t c = 0;           // the op's result (dst, or memcmp's signed difference)
  std::int64_t extra = 0;        // jmp_offset1 (x-forms: n; xmemset: the byte)
  std::uint64_t n = 0;           // bytes
  std::uint64_t count_addr = 0;  // memcpy / memcmp: the EXTRA_PARAMS word holding n
  // Copy ops: the first / last dst word before the op when it is partly outside the range (for
  // a one-word range both hold that word).
  std::uint64_t pre = 0, post = 0;
  // memcpy: the source words from src & ~7 to (src + n - 1) & ~7; inputcpy: the n / 8 free-input
  // words; memcmp: the words of b read (up to the first difference).
  std::vector<std::uint64_t> src;
  std::vector<std::uint64_t> dst;  // memcmp: the words of a read
  std::uint64_t first_diff = 0;    // memcmp: index of the first differing byte, or n
};

enum class DmaMachine {
  kCopy,     // DmaCopyAir: memcpy, xmemcpy, inputcpy, xmemset (any op of theirs)
  kCmp,      // DmaCmpAir: memcmp, xmemcmp
  kAligned,  // DmaAlignedAir: memcpy, xmemcpy, xmemset with dst, src, n multiples of 8, n > 0
};

// The records of a run, by machine.
struct DmaRecords {
  std::vector<DmaRecord> copy;
  std::vector<DmaRecord> cmp;
  std::vector<DmaRecord> aligned;
};

bool is_dma_cmp(zisk::Op op);
// The cheapest machine that proves the record (DmaCopy also proves the aligned ones).
DmaMachine dma_machine(const DmaRecord& r);

// Appends the record of a replayed DMA step. kInvalidArgument naming the step when the step is
// not a DMA op or its accesses are not what the emulator records for it (docs/EMULATOR.md §7),
// or its writes / result differ from the DMA semantics recomputed from its reads.
Status dma_records_from_step(const emu::StepRecord& step, DmaRecords& out);

// Appends the aligned accesses the DMA machine assumes for the record, in mem_step order: the
// count (memcpy, memcmp) at slot 0, partial dst words / words of a at slot 1, source words /
// words of b at slot 2, writes at slot 3 (sm/dma/air.h kDmaSlot*).
void dma_mem_accesses(const DmaRecord& r, std::vector<MemAccess>& out);

// Rows the record takes in machine m (which must prove it: m is dma_machine(r), or kCopy for
// an aligned record).
std::size_t dma_rows(const DmaRecord& r, DmaMachine m);
inline std::size_t dma_rows(const DmaRecord& r) { return dma_rows(r, dma_machine(r)); }

inline constexpr unsigned kDmaMinLogHeight = 2;
inline constexpr unsigned kDmaMaxLogHeight = 26;

// Instances of one machine's records: instance i holds records [starts[i], starts[i + 1])
// (starts has num_instances + 1 entries), consecutive records packed greedily.
struct DmaPlan {
  unsigned log_height = 0;
  std::vector<std::size_t> starts;
  std::size_t num_instances() const { return starts.empty() ? 0 : starts.size() - 1; }
  std::size_t height() const { return std::size_t{1} << log_height; }
};
// kInvalidArgument for a height outside [kDmaMinLogHeight, kDmaMaxLogHeight] or a record m does
// not prove; kUnsupported naming the op when one op needs more rows than an instance has.
Result<DmaPlan> plan_dma(DmaMachine m, std::span<const DmaRecord> records, unsigned log_height);

// The trace of one instance (records of that machine whose rows fit, in order, then padding).
// Adds the instance's lookups to the table counts.
poly::RowMajorMatrix dma_copy_trace(std::span<const DmaRecord> records, unsigned log_height,
                                    TableCounts& byte_pair);
poly::RowMajorMatrix dma_cmp_trace(std::span<const DmaRecord> records, unsigned log_height,
                                   TableCounts& byte_pair, TableCounts& range16);
poly::RowMajorMatrix dma_aligned_trace(std::span<const DmaRecord> records, unsigned log_height,
                                       TableCounts& byte_pair);

}  // namespace ziskc::sm
