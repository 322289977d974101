// Region specs, chain sentinels and the row bound of the memory machines (sm/mem/chain.h).
#include "sm/mem/chain.h"

#include "sm/buses.h"

namespace ziskc::sm {

const char* mem_region_name(MemRegion r) {
  switch (r) {
    case MemRegion::kRam:
      return "mem_ram";
    case MemRegion::kRomData:
      return "mem_rom_data";
    case MemRegion::kInputData:
      return "mem_input_data";
  }
  return "?";
}

std::uint32_t MemRegionSpec::chain_op() const {
  switch (region) {
    case MemRegion::kRam:
      return kMemChainRam;
    case MemRegion::kRomData:
      return kMemChainRomData;
    case MemRegion::kInputData:
      return kMemChainInputData;
  }
  return 0;
}

MemRegionSpec ram_region(const zisk::Layout& layout) {
  return {.region = MemRegion::kRam, .first_w = layout.ram_addr / 8, .end_w = layout.ram_end / 8};
}

MemRegionSpec input_data_region(const zisk::Layout& layout) {
  return {.region = MemRegion::kInputData,
          .first_w = layout.input_addr / 8,
          .end_w = (layout.input_addr + layout.input_max) / 8};
}

MemRegionSpec rom_data_region(std::uint64_t lo, std::uint64_t hi, std::uint64_t last_value) {
  ZISKC_CHECK(lo % 8 == 0 && hi % 8 == 0 && lo <= hi && lo >= 8, "ROM data area not aligned");
  return {.region = MemRegion::kRomData,
          .first_w = lo / 8,
          .end_w = hi / 8,
          .last_value = lo == hi ? 0 : last_value};
}

std::vector<Fe> mem_chain_tuple(std::uint32_t chain_op, std::uint64_t addr_w, std::uint64_t step,
                                std::uint64_t flag, std::uint64_t value) {
  return {Fe::from_u64(chain_op),         Fe::from_u64(8 * addr_w),
          Fe::from_u64(step),             Fe::from_u64(8 + flag),
          Fe::from_u64(value & 0xFFFFFFFF), Fe::from_u64(value >> 32)};
}

std::vector<stark::DirectTerm> mem_chain_terms(const MemRegionSpec& spec) {
  if (spec.empty()) return {};
  return {
      {.bus = kMemoryBus,
       .tuple = mem_chain_tuple(spec.chain_op(), spec.start_addr(), 0, spec.start_flag(), 0),
       .multiplicity = Fe::one()},
      {.bus = kMemoryBus,
       .tuple = mem_chain_tuple(spec.chain_op(), spec.end_addr(), 0, spec.end_flag(),
                                spec.end_value()),
       .multiplicity = -Fe::one()},
  };
}

Status check_mem_rows(MemRegion region, std::uint64_t total_rows) {
  if (total_rows >= kMemMaxRows) {
    return make_error(ErrorCode::kVerifyFailed,
                      "{}: {} rows over all instances, the memory argument allows fewer than 2^35",
                      mem_region_name(region), total_rows);
  }
  return Status::ok();
}

}  // namespace ziskc::sm
