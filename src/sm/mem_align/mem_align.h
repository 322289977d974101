// Witness side of MemAlign (sm/mem_align/air.h): its records, the aligned accesses each record
// implies for the memory-region machines, the split into instances and the trace builder.
//
// The pipeline hands MemAlign every memory-bus access that is not an aligned 8-byte one,
// together with the aligned word(s) it touches as they were before the access (the emulator's
// trace knows them). mem_align_accesses() lists the aligned loads/stores MemAlign assumes, which
// the pipeline adds to the region machines' records (sm/mem/mem.h) next to Main's own.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "poly/matrix.h"
#include "sm/records.h"

namespace ziskc::sm {

struct MemAlignRecord {
  MemAccess access;            // as Main sends it (loads: the zero-extended value read)
  std::uint64_t words[2] = {};  // aligned words at access.addr & ~7 and the next one, before it
};

// An access MemAlign proves (and not a memory-region machine).
constexpr bool is_mem_align_access(const MemAccess& a) { return a.width != 8 || a.addr % 8 != 0; }
// off + width > 8: the access touches the next aligned word too.
constexpr bool mem_align_crosses(const MemAccess& a) { return (a.addr % 8) + a.width > 8; }

// The 16-byte window after the access (the words themselves for a load).
void mem_align_new_words(const MemAlignRecord& r, std::uint64_t out[2]);

// Appends the aligned accesses the record assumes: loads of its word(s) at mem_step and, for a
// store, stores of the new word(s) at mem_step + 1.
void mem_align_accesses(const MemAlignRecord& r, std::vector<MemAccess>& out);

// kInvalidArgument naming the record when it is not a MemAlign access MemAlign can prove: width
// not 1/2/4/8, an aligned 8-byte access, mem_op not load/store, mem_step 0 or >= 2^40, an
// address >= 2^32, or a load whose value is not the bytes of its words.
Status check_mem_align_record(const MemAlignRecord& r);

inline constexpr unsigned kMemAlignMaxLogHeight = 28;

// Instance i of n = 2^log_height rows holds records [i * n, (i + 1) * n).
struct MemAlignPlan {
  unsigned log_height = 0;
  std::size_t num_instances = 0;
  std::size_t height() const { return std::size_t{1} << log_height; }
};
// Checks every record (check_mem_align_record) and sizes the instances (none without records).
Result<MemAlignPlan> plan_mem_align(std::span<const MemAlignRecord> records, unsigned log_height);

// The trace of one instance: records.size() <= 2^log_height rows of accesses, then padding
// (all-zero rows). Adds its byte-pair lookups to byte_pair (the BytePair table's counts).
poly::RowMajorMatrix mem_align_trace(std::span<const MemAlignRecord> records, unsigned log_height,
                                     TableCounts& byte_pair);

}  // namespace ziskc::sm
