// Main with the real memory machines (the contract test of Main's memory records): programs run
// in trace mode, Main's witness routes its aligned accesses to the memory-region machines (RAM
// with the registers, ROM data with the BIOS inits, input data) and its other accesses to
// MemAlign (whose implied aligned accesses go to the region machines too); the ALU operations
// are stood in by direct terms. (DMA programs need the DMA machines' accesses too: the
// pipeline's tests cover them; here DMA is checked against its operation tuple only.)
// At tiny heights (many chained instances of every machine) every instance passes the row
// checker and, with the statement's terms and the memory chain sentinels, every bus balances.
#include <gtest/gtest.h>

#include "sm/main/main_programs.h"
#include "sm/main/main_testing.h"
#include "sm/mem/chain.h"
#include "sm/mem/mem.h"
#include "sm/mem_align/air.h"
#include "sm/tables/tables_air.h"

namespace ziskc::sm {
namespace {

using poly::RowMajorMatrix;

struct Inst {
  stark::AirPtr air;
  RowMajorMatrix trace;
  const RowMajorMatrix* fixed = nullptr;
  std::vector<Fe> iv;
};

void expect_system_balanced(const zisk::Program& program, unsigned chunk_log, unsigned log_main,
                            unsigned log_mem, unsigned log_small) {
  testing::MainRun r = testing::run_program(program, {}, chunk_log);
  ASSERT_EQ(r.result.exit.kind, emu::ExitKind::kEnd);
  const zisk::Layout& l = r.rom->layout();
  testing::MainRecords rec(r.rom->size());
  auto main = main_instances(*r.program, r.chunks, log_main, rec.sinks());
  ASSERT_TRUE(main.is_ok()) << main.status().message();
  ASSERT_TRUE(rec.dma.tuples.empty()) << "no DMA in these programs";

  // Route every aligned access to its region.
  const MemRegionSpec ram = ram_region(l), input = input_data_region(l);
  std::uint64_t rom_last = 0;
  for (const MemAccess& a : rec.mem) {
    if (a.mem_op == kMemRomInit && a.addr + 8 == r.rom->rom_data_hi()) rom_last = a.value;
  }
  const MemRegionSpec rom = rom_data_region(r.rom->rom_data_lo(), r.rom->rom_data_hi(), rom_last);
  std::vector<MemAccess> logs[3];
  const MemRegionSpec* specs[3] = {&ram, &rom, &input};
  const auto route = [&](const MemAccess& a) {
    for (int k = 0; k < 3; ++k) {
      if (!specs[k]->empty() && specs[k]->contains(a.addr / 8)) {
        logs[k].push_back(a);
        return;
      }
    }
    ADD_FAILURE() << "access at 0x" << std::hex << a.addr << " in no region";
  };
  for (const MemAccess& a : rec.mem) route(a);
  std::vector<MemAccess> implied;
  for (const MemAlignRecord& a : rec.mem_align) mem_align_accesses(a, implied);
  for (const MemAccess& a : implied) route(a);

  TableCounts range16(kTableRows), byte_pair(kTableRows);
  std::vector<Inst> insts;
  std::vector<stark::DirectTerm> terms = testing::stand_in_terms(r, rec);
  // Memory stand-ins are replaced by the machines: keep only the operation and statement terms.
  std::erase_if(terms, [](const stark::DirectTerm& t) { return t.bus == kMemoryBus; });
  for (int k = 0; k < 3; ++k) {
    if (specs[k]->empty()) continue;
    auto plan = plan_mem(*specs[k], logs[k], log_mem);
    ASSERT_TRUE(plan.is_ok()) << mem_region_name(specs[k]->region) << ": "
                              << plan.status().message();
    for (std::size_t i = 0; i < plan->num_instances; ++i) {
      insts.push_back(
          {mem_air(*specs[k]), mem_trace(*plan, i, range16), nullptr, plan->instance_values(i)});
    }
    for (auto& t : mem_chain_terms(*specs[k])) terms.push_back(t);
  }
  if (!rec.mem_align.empty()) {
    auto ap = plan_mem_align(rec.mem_align, log_small);
    ASSERT_TRUE(ap.is_ok()) << ap.status().message();
    for (std::size_t i = 0; i < ap->num_instances; ++i) {
      const std::size_t n = ap->height();
      const std::size_t end = std::min(rec.mem_align.size(), (i + 1) * n);
      insts.push_back({stark::make_air<MemAlignAir>(),
                       mem_align_trace(std::span(rec.mem_align).subspan(i * n, end - i * n),
                                       log_small, byte_pair),
                       nullptr,
                       {}});
    }
  }
  testing::MainBuild b;  // for the ROM AIR and columns
  b.rom_fixed = rom_fixed_columns(r.program->entries());
  b.rom_air = stark::make_air<RomAir>(rom_log_height(r.rom->size()),
                                      std::make_shared<const RowMajorMatrix>(b.rom_fixed));
  for (MainInstance& m : *main)
    insts.push_back({b.main_air, std::move(m.trace), nullptr, m.instance_values});
  insts.push_back({b.rom_air, rom_trace(*rec.rom_counts), &b.rom_fixed, {}});
  const auto r16 = stark::make_air<Range16TableAir>();
  const auto bp = stark::make_air<BytePairTableAir>();
  const RowMajorMatrix r16_fixed = r16->fixed_columns(kTableLogHeight).value();
  const RowMajorMatrix bp_fixed = bp->fixed_columns(kTableLogHeight).value();
  insts.push_back({r16, table_mult_trace(range16), &r16_fixed, {}});
  insts.push_back({bp, table_mult_trace(byte_pair), &bp_fixed, {}});

  stark::BusDebugger dbg;
  std::map<std::string, std::size_t> index;
  for (const Inst& in : insts) {
    const std::size_t i = index[in.air->info().name]++;
    Status st = stark::check_constraints(*in.air, i, in.trace, in.fixed, {}, in.iv);
    EXPECT_TRUE(st.is_ok()) << st.message();
    ASSERT_TRUE(dbg.add_instance(*in.air, i, in.trace, in.fixed, {}, in.iv).is_ok());
  }
  for (const auto& t : terms) dbg.add_direct(t);
  EXPECT_TRUE(dbg.unbalanced().empty()) << dbg.report();
  for (const char* name : {"main", "mem_ram", "mem_rom_data", "mem_input_data"}) {
    EXPECT_GT(index[name], 1u) << name;  // chained instances of each
  }
  // A read of Main returning another value: no memory machine proves that load.
  for (Inst& in : insts) {
    if (in.air->info().name != "main") continue;
    for (std::size_t row = 0; row < in.trace.rows; ++row) {
      auto& c = *reinterpret_cast<MainCols<Fe>*>(in.trace.row(row).data());
      if (c.a_mem.is_zero()) continue;
      c.a[0] += Fe::one();
      stark::BusDebugger bad;
      std::map<std::string, std::size_t> k;
      for (const Inst& x : insts) {
        ASSERT_TRUE(
            bad.add_instance(*x.air, k[x.air->info().name]++, x.trace, x.fixed, {}, x.iv).is_ok());
      }
      for (const auto& t : terms) bad.add_direct(t);
      bool open_load = false;
      for (const auto& u : bad.unbalanced()) {
        open_load |= u.bus == kMemoryBus && u.net == -Fe::one() && u.tuple[4] == c.a[0];
      }
      EXPECT_TRUE(open_load) << bad.report();
      return;
    }
  }
  ADD_FAILURE() << "no memory read in the run";
}

TEST(MainSystemTest, MainWithTheMemoryMachinesBalances) {
  struct Case {
    const char* name;
    zisk::Program program;
  };
  for (const Case& c :
       {Case{"tiny", testing::tiny_program()}, Case{"stress", emu::testing::stress_program(6)},
        Case{"ops", testing::ops_program()}}) {
    SCOPED_TRACE(c.name);
    expect_system_balanced(c.program, 6, 6, 3, 4);
  }
}

}  // namespace
}  // namespace ziskc::sm
