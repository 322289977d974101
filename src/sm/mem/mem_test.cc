// Memory-region machines: honest logs from a reference memory model pass the row checker and
// balance the bus (Main's accesses as direct assume terms, the chain sentinels, the Range16
// table); the planner refuses what the machines could not prove; cheating traces (stale loads,
// reordered logs, non-zero first reads, stores into ROM, duplicated input groups, addresses
// outside the region, forged links, padding that sends) fail a constraint or the bus; every
// cell of a trace matters unless it is a documented free cell.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "sm/mem/mem_testing.h"
#include "stark/shape.h"

namespace ziskc::sm {
namespace {

using poly::RowMajorMatrix;
using testing::add_assumes;

const zisk::Layout& kLayout = zisk::layout(zisk::LayoutKind::kZisk);

// A region's plan, traces, table counts and the accesses Main assumes.
struct Fixture {
  MemRegionSpec spec;
  std::vector<MemAccess> accesses;
  MemPlan plan;
  stark::AirPtr air;
  TableCounts range16{kTableRows};
  std::vector<RowMajorMatrix> traces;

  Fixture(MemRegionSpec s, std::vector<MemAccess> acc, unsigned log_height)
      : spec(s), accesses(std::move(acc)), air(mem_air(s)) {
    auto p = plan_mem(spec, accesses, log_height);
    ZISKC_CHECK(p.is_ok(), p.status().message().c_str());
    plan = std::move(*p);
    traces = testing::plan_traces(plan, range16);
  }
  // Row checker on every instance of `t` (default: the honest traces).
  Status constraints(const std::vector<RowMajorMatrix>* t = nullptr) const {
    return testing::check_all(*air, plan, t ? *t : traces);
  }
  // Bus balance with the given traces, instance values and table counts.
  bool balanced(const std::vector<RowMajorMatrix>& t, const TableCounts& counts,
                const std::vector<std::vector<Fe>>* ivs = nullptr) const {
    stark::BusDebugger dbg;
    for (std::size_t i = 0; i < t.size(); ++i) {
      const std::vector<Fe> iv = ivs ? (*ivs)[i] : plan.instance_values(i);
      EXPECT_TRUE(dbg.add_instance(*air, i, t[i], nullptr, {}, iv).is_ok());
    }
    testing::add_range16(dbg, counts);
    testing::add_terms(dbg, mem_chain_terms(spec));
    add_assumes(dbg, accesses);
    return dbg.unbalanced().empty();
  }
  bool balanced() const { return balanced(traces, range16); }
  // A cheating trace is rejected when a constraint fails or, with the table counts re-solved
  // for its own range checks (the cheater's best), the bus does not balance.
  bool rejected(const std::vector<RowMajorMatrix>& t,
                const std::vector<std::vector<Fe>>* ivs = nullptr) const {
    for (std::size_t i = 0; i < t.size(); ++i) {
      const std::vector<Fe> iv = ivs ? (*ivs)[i] : plan.instance_values(i);
      if (!stark::check_constraints(*air, i, t[i], nullptr, {}, iv).is_ok()) return true;
    }
    return !balanced(t, recount(t), ivs);
  }
  // The Range16 counts a trace's own lookups need (values >= 2^16 cannot be counted: they stay
  // unbalanced).
  TableCounts recount(const std::vector<RowMajorMatrix>& t) const {
    TableCounts c(kTableRows);
    const std::vector<std::size_t> cols = range_columns();
    for (const auto& m : t) {
      for (std::size_t r = 0; r < m.rows; ++r) {
        for (std::size_t col : cols) {
          if (m.at(r, col).value() < kTableRows) c.add(m.at(r, col).value());
        }
      }
    }
    return c;
  }
  std::vector<std::size_t> range_columns() const {
    switch (spec.region) {
      case MemRegion::kRam:
        return {offsetof(RamCols<Fe>, inc) / sizeof(Fe)};
      case MemRegion::kInputData:
        return {offsetof(InputDataCols<Fe>, inc) / sizeof(Fe), 2, 3, 4, 5};
      case MemRegion::kRomData:
        return {};
    }
    return {};
  }
};

// Reference RAM model: random loads/stores over a word set with registers, neighbours of the
// region ends and far-apart words; mem_steps with long idle gaps (bridged by the planner).
std::vector<MemAccess> random_ram(std::uint64_t seed, std::size_t steps, const MemRegionSpec& s) {
  std::mt19937_64 rng(seed);
  std::vector<std::uint64_t> words = {s.first_w, s.first_w + 1, s.end_w - 1, s.end_w - 2};
  for (unsigned i = 0; i < 34; ++i) words.push_back(kLayout.reg_addr(i) / 8);
  for (int i = 0; i < 12; ++i) words.push_back(s.first_w + rng() % (s.end_w - s.first_w));
  const std::uint64_t edge[] = {0, 1, 0xFFFFFFFF, 0x100000000, ~0ull, 0x8000000000000000ull,
                                0x7FFFFFFFFFFFFFFFull};
  std::map<std::uint64_t, std::uint64_t> mem;
  std::vector<MemAccess> out;
  std::uint64_t t = 0;
  for (std::size_t k = 0; k < steps; ++k) {
    const int r = static_cast<int>(rng() % 100);
    t += r < 3 ? (1ull << (20 + rng() % 17)) : 1 + rng() % 3;  // idle gaps up to 2^36 steps
    std::vector<std::uint64_t> used;
    for (unsigned slot = 0; slot < 4; ++slot) {
      if (rng() % 3 == 0) continue;
      const std::uint64_t w = words[rng() % words.size()];
      if (std::find(used.begin(), used.end(), w) != used.end()) continue;
      used.push_back(w);
      MemAccess a{.addr = 8 * w, .mem_step = 1 + 4 * t + slot, .width = 8};
      if (rng() % 2 == 0) {
        a.mem_op = kMemStore;
        a.value = rng() % 4 == 0 ? edge[rng() % 7] : rng();
        mem[w] = a.value;
      } else {
        a.mem_op = kMemLoad;
        a.value = mem.count(w) ? mem[w] : 0;
      }
      out.push_back(a);
    }
  }
  return out;
}

// ROM data over [lo, hi): the BIOS init of every word, then random loads.
std::vector<MemAccess> random_rom(std::uint64_t seed, std::uint64_t lo, std::uint64_t hi,
                                  std::size_t loads, std::uint64_t* last) {
  std::mt19937_64 rng(seed);
  std::vector<MemAccess> out;
  std::map<std::uint64_t, std::uint64_t> v;
  std::uint64_t step = 1;
  for (std::uint64_t a = lo; a < hi; a += 8) {
    v[a] = rng() % 5 == 0 ? 0 : rng();
    out.push_back({.addr = a, .mem_step = step += 4, .value = v[a], .mem_op = kMemRomInit});
  }
  for (std::size_t k = 0; k < loads; ++k) {
    const std::uint64_t a = lo + 8 * (rng() % ((hi - lo) / 8));
    out.push_back({.addr = a, .mem_step = step += 1 + rng() % 9, .value = v[a]});
  }
  *last = v[hi - 8];
  return out;
}

// Input data: fixed random words (incl. far-apart BIOS-style probes) and free-cell reads.
std::vector<MemAccess> random_input(std::uint64_t seed, std::size_t loads, const MemRegionSpec& s) {
  std::mt19937_64 rng(seed);
  std::vector<std::uint64_t> words = {s.first_w + 1, s.first_w + 2, s.end_w - 1};
  for (std::uint64_t k = 1; k <= 7; ++k) words.push_back(s.first_w + (k << 24));
  for (int i = 0; i < 10; ++i) words.push_back(s.first_w + 3 + rng() % 200);
  std::map<std::uint64_t, std::uint64_t> v;
  for (std::uint64_t w : words) v[w] = rng() % 6 == 0 ? ~0ull : rng();
  std::vector<MemAccess> out;
  std::uint64_t step = 1;
  for (std::size_t k = 0; k < loads; ++k) {
    MemAccess a{.mem_step = step += 1 + rng() % 7};
    if (rng() % 4 == 0) {
      a.addr = 8 * s.first_w;  // the free-input cell: any value every time
      a.value = rng();
    } else {
      const std::uint64_t w = words[rng() % words.size()];
      a.addr = 8 * w;
      a.value = v[w];
    }
    out.push_back(a);
  }
  return out;
}

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
