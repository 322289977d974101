// The statement side of the memory machines: which words each region holds, the chain start
// and end sentinels the verifier adds as direct terms, and the bound on rows it must enforce
// (docs/sm/mem.md "Chain"). Verifier code may use this header (it depends on zisk/layout and
// the AIR constants only).
//
// Sentinels (chain tuples, sm/mem/air.h):
//   RAM    start +(kMemChainRam, 8 * first, 0, 8, 0, 0)   a virtual store of 0 to the first word
//          end   -(kMemChainRam, 8 * end, 0, 9, 0, 0)     a fresh (flag 1) silent read past it
//   ROM    start +(kMemChainRomData, 8 * (lo - 1), 0, 10, 0, 0)   flag 2: the next row inits lo
//          end   -(kMemChainRomData, 8 * (hi - 1), 0, 8, v_last)  the last word and its value
//   input  start +(kMemChainInputData, 8 * first, 0, 8, 0, 0)     word 0 (the free cell) as 0
//          end   -(kMemChainInputData, 8 * end, 0, 9, 0, 0)
// (words, not bytes; [first, end) is the region, [lo, hi) the ROM data area.)
#pragma once

#include <cstdint>
#include <vector>

#include "base/status.h"
#include "sm/mem/air.h"
#include "stark/logup.h"
#include "sm/records.h"
#include "zisk/layout.h"

namespace ziskc::sm {

enum class MemRegion : std::uint8_t { kRam, kRomData, kInputData };
const char* mem_region_name(MemRegion r);

// The words of one region and its chain sentinels. Word w is byte address 8 * w.
struct MemRegionSpec {
  MemRegion region = MemRegion::kRam;
  std::uint64_t first_w = 0;  // words [first_w, end_w) belong to the region
  std::uint64_t end_w = 0;
  std::uint64_t last_value = 0;  // ROM data: the value of word end_w - 1 (the end sentinel's)

  bool contains(std::uint64_t word) const { return word >= first_w && word < end_w; }
  bool empty() const { return first_w == end_w; }
  std::uint32_t chain_op() const;
  // The state the chain starts from (row 0 of the first instance) and must end at (row n-1 of
  // the last instance), and the flag of the start.
  std::uint64_t start_addr() const { return region == MemRegion::kRomData ? first_w - 1 : first_w; }
  std::uint64_t end_addr() const { return region == MemRegion::kRomData ? end_w - 1 : end_w; }
  std::uint64_t end_value() const { return region == MemRegion::kRomData ? last_value : 0; }
  std::uint64_t start_flag() const { return region == MemRegion::kRomData ? kRomDataStartFlag : 0; }
  std::uint64_t end_flag() const { return region == MemRegion::kRomData ? 0 : 1; }
};

// RAM [ram_addr, ram_end) and input data [input_addr, input_addr + input_max) of a layout.
MemRegionSpec ram_region(const zisk::Layout& layout);
MemRegionSpec input_data_region(const zisk::Layout& layout);
// The ROM data area [lo, hi) (bytes, 8-aligned, zisk::Rom::rom_data_lo/hi) whose last word
// holds last_value (the BIOS init value of word hi - 8). Empty when lo == hi.
MemRegionSpec rom_data_region(std::uint64_t lo, std::uint64_t hi, std::uint64_t last_value);

// The chain tuple (kMemoryBus) of a state.
std::vector<Fe> mem_chain_tuple(std::uint32_t chain_op, std::uint64_t addr_w, std::uint64_t step,
                                std::uint64_t flag, std::uint64_t value);

// The two direct terms of a region (start proved, end assumed); none for an empty region (a
// program without ROM data has no ROM-data instance).
std::vector<stark::DirectTerm> mem_chain_terms(const MemRegionSpec& spec);

// kVerifyFailed when the instances of one memory machine hold kMemMaxRows rows or more (the
// verifier calls this with the sum of 2^log_height over the machine's instances).
Status check_mem_rows(MemRegion region, std::uint64_t total_rows);

}  // namespace ziskc::sm
