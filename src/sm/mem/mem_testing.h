// Test helpers shared by the memory-machine and MemAlign tests (not used by library code): the
// memory-bus tuple of an access, Main's side as direct assume terms, building and checking all
// instances of a plan, the shared tables in a BusDebugger, a fixture that holds one region's
// plan and judges cheating traces, and reference generators of random region logs.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "sm/buses.h"
#include "sm/mem/mem.h"
#include "sm/tables/tables_air.h"
#include "stark/row_checker.h"

namespace ziskc::sm::testing {

inline std::vector<Fe> mem_tuple(const MemAccess& a) {
  return {Fe::from_u64(a.mem_op),           Fe::from_u64(a.addr),
          Fe::from_u64(a.mem_step),         Fe::from_u64(a.width),
          Fe::from_u64(a.value & 0xFFFFFFFF), Fe::from_u64(a.value >> 32)};
}

// Main (or MemAlign) assumes each access once.
inline void add_assumes(stark::BusDebugger& dbg, std::span<const MemAccess> accesses) {
  for (const MemAccess& a : accesses) {
    dbg.add_direct({.bus = kMemoryBus, .tuple = mem_tuple(a), .multiplicity = -Fe::one()});
  }
}

inline void add_terms(stark::BusDebugger& dbg, const std::vector<stark::DirectTerm>& terms) {
  for (const auto& t : terms) dbg.add_direct(t);
}

// The traces of every instance of a plan (range checks counted into range16).
inline std::vector<poly::RowMajorMatrix> plan_traces(const MemPlan& plan, TableCounts& range16) {
  std::vector<poly::RowMajorMatrix> out;
  for (std::size_t i = 0; i < plan.num_instances; ++i) out.push_back(mem_trace(plan, i, range16));
  return out;
}

// Row checker on every instance; the first failure as a Status.
inline Status check_all(const stark::Air& air, const MemPlan& plan,
                        const std::vector<poly::RowMajorMatrix>& traces) {
  for (std::size_t i = 0; i < traces.size(); ++i) {
    const std::vector<Fe> iv = plan.instance_values(i);
    ZISKC_RETURN_IF_ERROR(stark::check_constraints(air, i, traces[i], nullptr, {}, iv));
  }
  return Status::ok();
}

inline void add_plan(stark::BusDebugger& dbg, const stark::Air& air, const MemPlan& plan,
                     const std::vector<poly::RowMajorMatrix>& traces) {
  for (std::size_t i = 0; i < traces.size(); ++i) {
    const std::vector<Fe> iv = plan.instance_values(i);
    ASSERT_TRUE(dbg.add_instance(air, i, traces[i], nullptr, {}, iv).is_ok());
  }
}

inline void add_range16(stark::BusDebugger& dbg, const TableCounts& counts) {
  static const stark::AirPtr air = stark::make_air<Range16TableAir>();
  static const poly::RowMajorMatrix fixed = air->fixed_columns(kTableLogHeight).value();
  ASSERT_TRUE(dbg.add_instance(*air, 0, table_mult_trace(counts), &fixed, {}, {}).is_ok());
}

inline void add_byte_pair(stark::BusDebugger& dbg, const TableCounts& counts) {
  static const stark::AirPtr air = stark::make_air<BytePairTableAir>();
  static const poly::RowMajorMatrix fixed = air->fixed_columns(kTableLogHeight).value();
  ASSERT_TRUE(dbg.add_instance(*air, 0, table_mult_trace(counts), &fixed, {}, {}).is_ok());
}

inline const zisk::Layout& kLayout = zisk::layout(zisk::LayoutKind::kZisk);
using poly::RowMajorMatrix;

// The columns a region's AIR range-checks with Range16.
inline std::vector<std::size_t> range_columns(MemRegion region) {
  switch (region) {
    case MemRegion::kRam:
      return {offsetof(RamCols<Fe>, inc) / sizeof(Fe)};
    case MemRegion::kInputData:
      return {offsetof(InputDataCols<Fe>, inc) / sizeof(Fe), 2, 3, 4, 5};
    case MemRegion::kRomData:
      return {};
  }
  return {};
}

// Judges a (possibly cheating) set of instances of one region machine against Main's claimed
// accesses and the region's sentinels: rejected when a constraint fails or, with the table
// multiplicities re-solved for the trace's own lookups (the cheater's best), a bus does not
// balance: a Range16 lookup of a value >= 2^16 (no table row) or a memory-bus message.
inline bool judge_rejects(const stark::Air& air, const MemRegionSpec& spec,
                          const std::vector<RowMajorMatrix>& t,
                          const std::vector<std::vector<Fe>>& ivs,
                          std::span<const MemAccess> main) {
  stark::BusDebugger dbg;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!stark::check_constraints(air, i, t[i], nullptr, {}, ivs[i]).is_ok()) return true;
    EXPECT_TRUE(dbg.add_instance(air, i, t[i], nullptr, {}, ivs[i]).is_ok());
    for (std::size_t col : range_columns(spec.region)) {
      for (std::size_t r = 0; r < t[i].rows; ++r) {
        if (t[i].at(r, col).value() >= kTableRows) return true;
      }
    }
  }
  add_terms(dbg, mem_chain_terms(spec));
  add_assumes(dbg, main);
  for (const auto& u : dbg.unbalanced()) {
    if (u.bus != kRange16Bus) return true;
  }
  return false;
}

// Evaluates an AIR on one trace and collects the names of every failing constraint (the row
// checker stops at the first): for tests that pin a constraint by name.
class CollectBuilder : public stark::ColumnViews<Fe> {
 public:
  using Var = Fe;
  using Expr = Fe;
  CollectBuilder(const stark::AirInfo& info, std::size_t n, std::span<const Fe> iv)
      : stark::ColumnViews<Fe>(info.num_main, info.num_fixed), n_(n), iv_(iv) {}
  void set_row(std::size_t r, const Fe* cur, const Fe* next) {
    row_ = r;
    main_ = cur;
    main_next_ = next;
  }
  Expr public_value(std::size_t) const { return Fe::zero(); }
  Expr instance_value(std::size_t i) const { return iv_[i]; }
  Expr is_first_row() const { return row_ == 0 ? Fe::one() : Fe::zero(); }
  Expr is_last_row() const { return row_ + 1 == n_ ? Fe::one() : Fe::zero(); }
  Expr constant(std::uint64_t v) const { return Fe::from_u64(v); }
  Expr constant(Fe v) const { return v; }
  void assert_zero(const char* name, const Expr& e) { note(name, e); }
  void assert_zero_first(const char* name, const Expr& e) {
    if (row_ == 0) note(name, e);
  }
  void assert_zero_last(const char* name, const Expr& e) {
    if (row_ + 1 == n_) note(name, e);
  }
  void assert_zero_transition(const char* name, const Expr& e) {
    if (row_ + 1 != n_) note(name, e);
  }
  void prove(std::uint32_t, std::initializer_list<Expr>, const Expr&) {}
  void assume(std::uint32_t, std::initializer_list<Expr>, const Expr&) {}
  std::vector<std::string> failed;

 private:
  void note(const char* name, const Expr& e) {
    if (!e.is_zero() && std::find(failed.begin(), failed.end(), name) == failed.end()) {
      failed.push_back(name);
    }
  }
  std::size_t n_;
  std::span<const Fe> iv_;
  std::size_t row_ = 0;
};

// Whether constraint `name` of `air` (a concrete AIR struct) fails somewhere on the trace.
template <class A>
bool constraint_fails(const A& air, const RowMajorMatrix& m, std::span<const Fe> iv,
                      const char* name) {
  CollectBuilder b(air.info(), m.rows, iv);
  for (std::size_t r = 0; r < m.rows; ++r) {
    b.set_row(r, m.row(r).data(), m.row((r + 1) % m.rows).data());
    air.eval(b);
  }
  return std::find(b.failed.begin(), b.failed.end(), std::string(name)) != b.failed.end();
}

// A row of a hand-written (cheating) log.
struct LogRow {
  std::uint64_t addr = 0, step = 0, value = 0;
  bool sel = false, wr = false, nw = false, free = false;
};

// The trace of one instance from a hand-written log: rows[0] is row 0 (the link in),
// rows.back() row n-1; silent copies of the row before the last pad it to 2^log_h rows. Each
// increment is solved from its transition as a field element (big = 0), except that rows listed
// in zero_inc get inc = 0 (a cheater ignoring the order constraint).
inline RowMajorMatrix log_trace(MemRegion region, std::vector<LogRow> rows, unsigned log_h,
                                const std::vector<std::size_t>& zero_inc = {}) {
  const std::size_t n = std::size_t{1} << log_h;
  EXPECT_LE(rows.size(), n);
  const LogRow last = rows.back();
  rows.pop_back();
  LogRow pad = rows.back();
  pad.sel = pad.wr = pad.nw = pad.free = false;
  while (rows.size() + 1 < n) rows.push_back(pad);
  rows.push_back(last);
  const auto fe = [](std::uint64_t v) { return Fe::from_u64(v); };
  const auto b = [](bool v) { return v ? Fe::one() : Fe::zero(); };
  std::vector<Fe> inc(n, Fe::zero());
  for (std::size_t r = 1; r < n; ++r) {
    const LogRow& c = rows[r];
    const LogRow& p = rows[r - 1];
    const Fe d_addr = fe(c.addr) - fe(p.addr) - Fe::one();
    if (region == MemRegion::kRam) {
      inc[r] = c.nw ? d_addr : fe(c.step) - fe(p.step) - b(c.sel);
    } else {
      inc[r] = c.nw ? d_addr : Fe::zero();
    }
  }
  for (std::size_t r : zero_inc) inc[r] = Fe::zero();
  std::size_t w = region == MemRegion::kRam       ? stark::width_of<RamCols>()
                  : region == MemRegion::kRomData ? stark::width_of<RomDataCols>()
                                                  : stark::width_of<InputDataCols>();
  auto m = RowMajorMatrix::zeros(n, w);
  for (std::size_t r = 0; r < n; ++r) {
    const LogRow& x = rows[r];
    Fe* row = m.values.data() + r * w;
    const Fe lo = fe(x.value & 0xFFFFFFFF), hi = fe(x.value >> 32);
    if (region == MemRegion::kRam) {
      auto& c = *reinterpret_cast<RamCols<Fe>*>(row);
      c = {fe(x.addr), fe(x.step), lo, hi, b(x.sel), b(x.wr), b(x.nw), Fe::zero(), inc[r]};
    } else if (region == MemRegion::kRomData) {
      auto& c = *reinterpret_cast<RomDataCols<Fe>*>(row);
      c = {fe(x.addr), fe(x.step), lo, hi, b(x.sel), b(x.nw)};
    } else {
      auto& c = *reinterpret_cast<InputDataCols<Fe>*>(row);
      c.addr = fe(x.addr);
      c.step = fe(x.step);
      for (int k = 0; k < 4; ++k) c.limb[k] = fe((x.value >> (16 * k)) & 0xFFFF);
      c.sel = b(x.sel);
      c.new_addr = b(x.nw);
      c.free = b(x.free);
      c.inc = inc[r];
    }
  }
  return m;
}

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
  // A cheating trace is rejected when a constraint fails or a bus does not balance (see
  // judge_rejects), against the accesses of this fixture.
  bool rejected(const std::vector<RowMajorMatrix>& t,
                const std::vector<std::vector<Fe>>* ivs = nullptr) const {
    std::vector<std::vector<Fe>> own;
    if (!ivs) {
      for (std::size_t i = 0; i < t.size(); ++i) own.push_back(plan.instance_values(i));
    }
    return judge_rejects(*air, spec, t, ivs ? *ivs : own, accesses);
  }
};

// Reference RAM model: random loads/stores over a word set with registers, neighbours of the
// region ends and far-apart words; mem_steps with long idle gaps (bridged by the planner).
inline std::vector<MemAccess> random_ram(std::uint64_t seed, std::size_t steps, const MemRegionSpec& s) {
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
inline std::vector<MemAccess> random_rom(std::uint64_t seed, std::uint64_t lo, std::uint64_t hi,
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
inline std::vector<MemAccess> random_input(std::uint64_t seed, std::size_t loads, const MemRegionSpec& s) {
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

}  // namespace ziskc::sm::testing
