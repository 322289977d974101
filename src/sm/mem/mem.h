// Witness side of the memory-region machines (sm/mem/air.h): the planner that turns the aligned
// accesses of one run into each region's chain of rows split into instances, and the trace
// builder of one instance.
//
//   plan_mem(spec, accesses, log_height) -> MemPlan     once per run and region (serial)
//   mem_trace(plan, i, range16) -> trace of instance i  any instances, concurrently
//
// The chain of a plan is every row of every instance in order, with the link rows shared:
// instance i holds chain rows [i * (n - 1), i * (n - 1) + n), so its row 0 is the last row of
// instance i - 1 (a silent row). Beyond the accesses the planner inserts silent rows: a read of 0
// before a store that starts a word (RAM), bridges across increments of 2^16 or more, copies of
// the previous row where an instance must end silently, and the end sentinel.
// Invariant: mem_trace(plan, i) satisfies the region's AIR and sends exactly the accesses of the
// chain rows 1 .. n-1 of instance i with sel = 1 (each access in exactly one instance).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "poly/matrix.h"
#include "sm/mem/chain.h"
#include "sm/records.h"

namespace ziskc::sm {

// One row of a region's chain.
struct MemRow {
  std::uint64_t addr = 0;   // word index
  std::uint64_t step = 0;   // mem_step
  std::uint64_t value = 0;  // the word after this row
  std::uint16_t inc = 0;    // range-checked increment (chunk of 16 bits)
  std::uint8_t flags = 0;   // kRow* bits
  static constexpr std::uint8_t kSel = 1, kWrite = 2, kNew = 4, kBig = 8, kFree = 16;
  bool has(std::uint8_t f) const { return (flags & f) != 0; }
};

struct MemPlan {
  MemRegionSpec spec;
  unsigned log_height = 0;
  std::vector<MemRow> chain;  // 1 + num_instances * (2^log_height - 1) rows
  std::size_t num_instances = 0;
  std::size_t num_accesses = 0;  // rows with kSel (the accesses given to plan_mem)

  std::size_t height() const { return std::size_t{1} << log_height; }
  std::span<const MemRow> instance_rows(std::size_t i) const {
    return {chain.data() + i * (height() - 1), height()};
  }
  // [flag in, flag out] (kMemFlagIn, kMemFlagOut).
  std::vector<Fe> instance_values(std::size_t i) const;
};

// Smallest and largest instance height the planner accepts (rows 0 and n-1 are link rows).
inline constexpr unsigned kMemMinLogHeight = 2;
inline constexpr unsigned kMemMaxLogHeight = 28;

// Sorts the region's aligned accesses (width 8, addr % 8 == 0, addr in the region; any order,
// fastest when in mem_step order) into its chain and splits it into instances of 2^log_height
// rows. Checks the accesses against the region's semantics and returns kInvalidArgument naming
// the first access that the machine could not prove: an address outside the region, a store into
// ROM data or input data, a RAM load that does not return the last value stored, a ROM word
// without its BIOS init (or loaded but never initialised), two values of one input word, two
// accesses of one word at one mem_step, mem_step 0 or >= 2^40.
Result<MemPlan> plan_mem(const MemRegionSpec& spec, std::span<const MemAccess> accesses,
                         unsigned log_height);

// The trace of instance i (2^log_height x width of the region's columns). Adds its range checks
// to range16 (the Range16 table's counts; unused by ROM data).
poly::RowMajorMatrix mem_trace(const MemPlan& plan, std::size_t i, TableCounts& range16);

// The AIR of a region (RamAir, RomDataAir or InputDataAir{first word}).
stark::AirPtr mem_air(const MemRegionSpec& spec);

}  // namespace ziskc::sm
