// Memory-region machines: honest logs from a reference memory model pass the row checker and
// balance the bus (Main's accesses as direct assume terms, the chain sentinels, the Range16
// table); the planner refuses what the machines could not prove; cheating traces (stale loads,
// reordered logs, non-zero first reads, stores into ROM, duplicated input groups, addresses
// outside the region, forged links, padding that sends) fail a constraint or the bus; every
// cell of a trace matters unless it is a documented free cell.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "sm/mem/mem_testing.h"
#include "stark/shape.h"

namespace ziskc::sm {
namespace {

using testing::Fixture;
using testing::kLayout;
using testing::random_input;
using testing::random_ram;
using testing::random_rom;

TEST(MemAirTest, ShapesAndCosts) {
  for (const stark::AirPtr& air : {mem_air(ram_region(kLayout)), mem_air(input_data_region(kLayout)),
                                   stark::make_air<RomDataAir>()}) {
    auto shape = stark::analyze_air(*air, 3);
    ASSERT_TRUE(shape.is_ok()) << air->info().name << ": " << shape.status().message();
    EXPECT_LE(shape->max_degree, 3);
    // Cost per row: main columns + 3 * (helper columns + running sum).
    std::printf("%s: %zu main columns, %zu interactions, %zu logUp helpers, %zu cells/row\n",
                air->info().name.c_str(), air->info().num_main, shape->interactions.size(),
                shape->logup_columns.size(), air->info().num_main + shape->num_stage2_cols());
  }
  EXPECT_EQ(stark::analyze_air(*stark::make_air<RamAir>(), 3)->logup_columns.size(), 1u);
  EXPECT_EQ(stark::analyze_air(*stark::make_air<RomDataAir>(), 3)->logup_columns.size(), 1u);
}

TEST(MemRamTest, RandomLogsBalance) {
  const MemRegionSpec spec = ram_region(kLayout);
  for (std::uint64_t seed : {1, 2, 3}) {
    SCOPED_TRACE(seed);
    for (unsigned log_h : {2u, 4u, 7u}) {
      Fixture f(spec, random_ram(seed, 300, spec), log_h);
      EXPECT_TRUE(f.constraints().is_ok()) << f.constraints().message();
      EXPECT_TRUE(f.balanced());
      EXPECT_GT(f.plan.num_instances, log_h == 7 ? 0u : 5u);
    }
  }
}

TEST(MemRamTest, UnsortedInputAndEdgeCases) {
  const MemRegionSpec spec = ram_region(kLayout);
  std::vector<MemAccess> acc = random_ram(9, 200, spec);
  std::shuffle(acc.begin(), acc.end(), std::mt19937_64(4));
  Fixture f(spec, acc, 5);
  EXPECT_TRUE(f.constraints().is_ok());
  EXPECT_TRUE(f.balanced());
  // The first and last word, a read of the first word straight from the start sentinel, a
  // store at mem_step 1, the largest mem_step, and a region without any access.
  const std::uint64_t a0 = 8 * spec.first_w, a1 = 8 * (spec.end_w - 1);
  Fixture g(spec,
            {{.addr = a0, .mem_step = 5, .value = 0},
             {.addr = a1, .mem_step = 1, .value = 7, .mem_op = kMemStore},
             {.addr = a1, .mem_step = (1ull << 40) - 1, .value = 7}},
            2);
  EXPECT_TRUE(g.constraints().is_ok());
  EXPECT_TRUE(g.balanced());
  Fixture e(spec, {}, 3);
  EXPECT_EQ(e.plan.num_instances, 1u);
  EXPECT_TRUE(e.balanced());
}

TEST(MemRamTest, PlannerRefusesWhatCannotBeProved) {
  const MemRegionSpec spec = ram_region(kLayout);
  const std::uint64_t a = 8 * spec.first_w + 64;
  auto bad = [&](std::vector<MemAccess> acc) { return plan_mem(spec, acc, 3).status().message(); };
  EXPECT_NE(bad({{.addr = a, .mem_step = 5, .value = 1}}).find("RAM starts at 0"),
            std::string::npos);
  EXPECT_NE(bad({{.addr = a, .mem_step = 5, .value = 1, .mem_op = kMemStore},
                 {.addr = a, .mem_step = 9, .value = 2}})
                .find("the last store left 0x1"),
            std::string::npos);
  EXPECT_NE(bad({{.addr = a, .mem_step = 5, .value = 1, .mem_op = kMemStore},
                 {.addr = a, .mem_step = 5, .value = 1}})
                .find("second access"),
            std::string::npos);
  EXPECT_NE(bad({{.addr = 8 * spec.end_w, .mem_step = 5}}).find("outside"), std::string::npos);
  EXPECT_NE(bad({{.addr = 8 * spec.first_w - 8, .mem_step = 5}}).find("outside"),
            std::string::npos);
  EXPECT_NE(bad({{.addr = a + 4, .mem_step = 5}}).find("not aligned"), std::string::npos);
  EXPECT_NE(bad({{.addr = a, .mem_step = 0}}).find("mem_step"), std::string::npos);
  EXPECT_NE(bad({{.addr = a, .mem_step = 5, .mem_op = kMemRomInit}}).find("not provable"),
            std::string::npos);
  EXPECT_FALSE(plan_mem(spec, {}, 1).is_ok());
}

TEST(MemRomDataTest, InitsThenLoadsBalance) {
  for (std::uint64_t seed : {1, 2}) {
    std::uint64_t last = 0;
    const std::uint64_t lo = 0x8000'0000, hi = lo + 8 * 37;
    std::vector<MemAccess> acc = random_rom(seed, lo, hi, 120, &last);
    if (seed == 2) std::shuffle(acc.begin(), acc.end(), std::mt19937_64(1));
    Fixture f(rom_data_region(lo, hi, last), acc, seed == 1 ? 4 : 6);
    EXPECT_TRUE(f.constraints().is_ok()) << f.constraints().message();
    EXPECT_TRUE(f.balanced());
  }
  EXPECT_TRUE(mem_chain_terms(rom_data_region(0x8000'0000, 0x8000'0000, 0)).empty());
}

TEST(MemRomDataTest, PlannerRefusesUninitialisedWords) {
  const std::uint64_t lo = 0x8000'1000, hi = lo + 32;
  const MemRegionSpec spec = rom_data_region(lo, hi, 4);
  std::vector<MemAccess> init;
  for (std::uint64_t a = lo; a < hi; a += 8) {
    init.push_back({.addr = a, .mem_step = 1 + a - lo, .value = (a - lo) / 8 + 1,
                    .mem_op = kMemRomInit});
  }
  EXPECT_TRUE(plan_mem(spec, init, 2).is_ok());
  auto msg = [&](std::vector<MemAccess> acc) { return plan_mem(spec, acc, 2).status().message(); };
  std::vector<MemAccess> missing(init.begin(), init.end() - 1);
  EXPECT_NE(msg(missing).find("no BIOS init"), std::string::npos);
  missing.push_back({.addr = hi - 8, .mem_step = 99, .value = 4});
  EXPECT_NE(msg(missing).find("never initialised"), std::string::npos);
  std::vector<MemAccess> store = init;
  store.push_back({.addr = lo, .mem_step = 99, .value = 1, .mem_op = kMemStore});
  EXPECT_NE(msg(store).find("not provable"), std::string::npos);
  std::vector<MemAccess> wrong = init;
  wrong.push_back({.addr = lo, .mem_step = 99, .value = 5});
  EXPECT_NE(msg(wrong).find("the BIOS wrote 0x1"), std::string::npos);
  std::vector<MemAccess> twice = init;
  twice.push_back({.addr = lo, .mem_step = 99, .value = 1, .mem_op = kMemRomInit});
  EXPECT_NE(msg(twice).find("second BIOS init"), std::string::npos);
  EXPECT_NE(plan_mem(rom_data_region(lo, hi, 5), init, 2).status().message().find("region says"),
            std::string::npos);
}

TEST(MemInputDataTest, FixedWordsAndFreeCellBalance) {
  const MemRegionSpec spec = input_data_region(kLayout);
  for (std::uint64_t seed : {1, 2, 3}) {
    Fixture f(spec, random_input(seed, 200, spec), 2 + static_cast<unsigned>(seed));
    EXPECT_TRUE(f.constraints().is_ok()) << f.constraints().message();
    EXPECT_TRUE(f.balanced());
  }
  const MemRegionSpec s = spec;
  const std::vector<MemAccess> two = {{.addr = 8 * s.first_w + 8, .mem_step = 1, .value = 1},
                                      {.addr = 8 * s.first_w + 8, .mem_step = 2, .value = 2}};
  EXPECT_NE(plan_mem(s, two, 2).status().message().find("read as"), std::string::npos);
  const std::vector<MemAccess> store = {{.addr = 8 * s.first_w, .mem_step = 1, .mem_op = kMemStore}};
  EXPECT_FALSE(plan_mem(s, store, 2).is_ok());
}

}  // namespace
}  // namespace ziskc::sm
