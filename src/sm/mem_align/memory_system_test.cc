// The whole memory system: a reference memory model runs random access sequences (BIOS inits of
// ROM data, registers, sub-word and unaligned loads and stores in RAM, sub-word ROM and input
// loads, free-input cell reads), Main's accesses go to MemAlign or the region machines, MemAlign's
// implied accesses to the region machines; with Main's accesses as direct assume terms and the
// chain sentinels, every instance (tiny heights, many chained instances) passes the row checker
// and all buses balance; a wrong value claimed by Main does not; and a full STARK proof of a
// small run verifies while proofs of tampered witnesses (RAM, ROM data, input data, MemAlign)
// do not.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "sm/buses.h"
#include "sm/mem/mem_testing.h"
#include "sm/mem_align/air.h"
#include "sm/mem_align/mem_align.h"
#include "stark/prover.h"
#include "stark/verifier.h"

namespace ziskc::sm {
namespace {

using poly::RowMajorMatrix;
using testing::kLayout;

// What one run hands to the memory machines.
struct MemRun {
  MemRegionSpec ram, rom, input;
  std::vector<MemAccess> main;  // every access Main assumes
  std::vector<MemAlignRecord> align;
  std::vector<MemAccess> ram_log, rom_log, input_log;  // aligned accesses per region
};

class Model {
 public:
  explicit Model(std::uint64_t seed) : rng_(seed) {
    rom_lo_ = kLayout.rom_addr + 0x100;
    rom_hi_ = rom_lo_ + 8 * 24;
    for (std::uint64_t a = rom_lo_; a < rom_hi_; a += 8) rom_[a / 8] = rng_() % 4 ? rng_() : 0;
    run_.ram = ram_region(kLayout);
    run_.rom = rom_data_region(rom_lo_, rom_hi_, rom_[rom_hi_ / 8 - 1]);
    run_.input = input_data_region(kLayout);
  }

  MemRun generate(std::size_t steps) {
    std::uint64_t t = 0;
    for (std::uint64_t a = rom_lo_; a < rom_hi_; a += 8, ++t) {  // the BIOS
      main({.addr = a, .mem_step = 1 + 4 * t + 2, .value = rom_[a / 8], .mem_op = kMemRomInit});
    }
    for (std::size_t k = 0; k < steps; ++k, ++t) {
      const std::uint64_t base = 1 + 4 * t;
      if (rng_() % 2) main(load(kLayout.reg_addr(1 + rng_() % 31), 8, base));
      if (rng_() % 3) main(load(pick_addr(), width(), base + 1));
      if (rng_() % 2) {
        main(store(kLayout.reg_addr(1 + rng_() % 31), 8, base + 2));
      } else {
        const unsigned w = width();
        main(store(pick_ram(w), w, base + 2));
      }
    }
    return run_;
  }

 private:
  unsigned width() { return 1u << (rng_() % 4); }
  std::uint64_t pick_ram(unsigned w) {
    static const std::uint64_t bases[] = {kLayout.heap_start, kLayout.output_addr,
                                          kLayout.stack_top - 64};
    std::uint64_t a = bases[rng_() % 3] + rng_() % 64;
    if (rng_() % 2) a &= ~std::uint64_t{w - 1};  // naturally aligned most of the time
    return a;
  }
  std::uint64_t pick_addr() {
    const int r = static_cast<int>(rng_() % 10);
    if (r < 5) return pick_ram(8);
    if (r < 7) return rom_lo_ + rng_() % (rom_hi_ - rom_lo_ - 8);
    if (r < 8) return kLayout.input_addr + rng_() % 8;  // the free-input cell
    return kLayout.input_addr + 8 + rng_() % 120;
  }
  MemRegionSpec* region_of(std::uint64_t w) {
    for (MemRegionSpec* s : {&run_.ram, &run_.rom, &run_.input}) {
      if (s->contains(w)) return s;
    }
    ADD_FAILURE() << "word outside every region";
    return &run_.ram;
  }
  std::uint64_t word(std::uint64_t w) {
    if (run_.rom.contains(w)) return rom_[w];
    if (run_.input.contains(w)) {
      if (w == run_.input.first_w) return rng_();  // free: a host hint every time
      if (!input_.count(w)) input_[w] = rng_();
      return input_[w];
    }
    return ram_.count(w) ? ram_[w] : 0;
  }
  MemAccess load(std::uint64_t addr, unsigned w, std::uint64_t s) {
    return {.addr = addr, .mem_step = s, .width = static_cast<std::uint8_t>(w)};
  }
  MemAccess store(std::uint64_t addr, unsigned w, std::uint64_t s) {
    return {.addr = addr,
            .mem_step = s,
            .value = rng_(),
            .width = static_cast<std::uint8_t>(w),
            .mem_op = kMemStore};
  }
  std::vector<MemAccess>& log_of(std::uint64_t w) {
    MemRegionSpec* s = region_of(w);
    return s == &run_.ram ? run_.ram_log : s == &run_.rom ? run_.rom_log : run_.input_log;
  }
  // Main's access: fills in a load's value from the model, routes it, updates the model.
  void main(MemAccess a) {
    const std::uint64_t w = a.addr / 8;
    if (!is_mem_align_access(a)) {
      if (a.mem_op == kMemStore) {
        ram_[w] = a.value;
      } else if (a.mem_op == kMemLoad) {
        a.value = word(w);
      }
      log_of(w).push_back(a);
      run_.main.push_back(a);
      return;
    }
    MemAlignRecord r;
    r.words[0] = word(w);
    r.words[1] = mem_align_crosses(a) ? word(w + 1) : 0;
    r.access = a;
    if (a.mem_op == kMemLoad) {
      const unsigned off = static_cast<unsigned>(a.addr % 8);
      a.value = 0;
      for (unsigned k = 0; k < a.width; ++k) {
        const unsigned j = off + k;
        a.value |= ((r.words[j / 8] >> (8 * (j % 8))) & 0xFF) << (8 * k);
      }
      r.access.value = a.value;
    }
    std::vector<MemAccess> implied;
    mem_align_accesses(r, implied);
    for (const MemAccess& x : implied) {
      log_of(x.addr / 8).push_back(x);
      if (x.mem_op == kMemStore) ram_[x.addr / 8] = x.value;
    }
    run_.align.push_back(r);
    run_.main.push_back(a);
  }

  std::mt19937_64 rng_;
  std::uint64_t rom_lo_ = 0, rom_hi_ = 0;
  std::map<std::uint64_t, std::uint64_t> ram_, rom_, input_;
  MemRun run_;
};

// Every instance of every machine of a run, ready for the row checker, bus debugger or prover.
struct Built {
  struct Inst {
    stark::AirPtr air;
    std::uint32_t air_id;
    RowMajorMatrix trace;
    std::vector<Fe> iv;
  };
  std::vector<Inst> insts;
  std::vector<stark::DirectTerm> terms;
};

// AIR ids: 0 RAM, 1 ROM data, 2 input data, 3 MemAlign, 4 Range16, 5 BytePair.
std::vector<stark::AirPtr> airs(const MemRun& run) {
  return {mem_air(run.ram),
          mem_air(run.rom),
          mem_air(run.input),
          stark::make_air<MemAlignAir>(),
          stark::make_air<Range16TableAir>(),
          stark::make_air<BytePairTableAir>()};
}

Built build(const MemRun& run, unsigned log_mem, unsigned log_align) {
  Built b;
  const std::vector<stark::AirPtr> a = airs(run);
  TableCounts range16(kTableRows), byte_pair(kTableRows);
  const MemRegionSpec* specs[3] = {&run.ram, &run.rom, &run.input};
  const std::vector<MemAccess>* logs[3] = {&run.ram_log, &run.rom_log, &run.input_log};
  for (std::uint32_t k = 0; k < 3; ++k) {
    auto plan = plan_mem(*specs[k], *logs[k], log_mem);
    EXPECT_TRUE(plan.is_ok()) << plan.status().message();
    for (std::size_t i = 0; i < plan->num_instances; ++i) {
      b.insts.push_back({a[k], k, mem_trace(*plan, i, range16), plan->instance_values(i)});
    }
    for (auto& t : mem_chain_terms(*specs[k])) b.terms.push_back(t);
  }
  const MemAlignPlan ap = plan_mem_align(run.align, log_align).value();
  for (std::size_t i = 0; i < ap.num_instances; ++i) {
    const std::size_t n = ap.height(), end = std::min(run.align.size(), (i + 1) * n);
    b.insts.push_back(
        {a[3],
         3,
         mem_align_trace(std::span(run.align).subspan(i * n, end - i * n), log_align, byte_pair),
         {}});
  }
  b.insts.push_back({a[4], 4, table_mult_trace(range16), {}});
  b.insts.push_back({a[5], 5, table_mult_trace(byte_pair), {}});
  for (const MemAccess& m : run.main) {
    b.terms.push_back(
        {.bus = kMemoryBus, .tuple = testing::mem_tuple(m), .multiplicity = -Fe::one()});
  }
  return b;
}

const RowMajorMatrix* fixed_of(const Built::Inst& in) {
  static const RowMajorMatrix r16 = Range16TableAir{}.fixed_columns(kTableLogHeight).value();
  static const RowMajorMatrix bp = BytePairTableAir{}.fixed_columns(kTableLogHeight).value();
  return in.air_id == 4 ? &r16 : in.air_id == 5 ? &bp : nullptr;
}

std::string check(const Built& b) {
  stark::BusDebugger dbg;
  for (std::size_t i = 0; i < b.insts.size(); ++i) {
    const Built::Inst& in = b.insts[i];
    const Status st = stark::check_constraints(*in.air, i, in.trace, fixed_of(in), {}, in.iv);
    if (!st.is_ok()) return st.message();
    EXPECT_TRUE(dbg.add_instance(*in.air, i, in.trace, fixed_of(in), {}, in.iv).is_ok());
  }
  for (const auto& t : b.terms) dbg.add_direct(t);
  return dbg.unbalanced().empty() ? "" : dbg.report(5);
}

TEST(MemorySystemTest, RandomRunsBalance) {
  for (std::uint64_t seed : {1, 2, 3, 4}) {
    SCOPED_TRACE(seed);
    const MemRun run = Model(seed).generate(150);
    EXPECT_GT(run.align.size(), 30u);
    for (auto [log_mem, log_align] : {std::pair{2u, 2u}, {3u, 4u}, {6u, 8u}}) {
      const Built b = build(run, log_mem, log_align);
      EXPECT_EQ(check(b), "");
    }
  }
}

TEST(MemorySystemTest, WrongClaimsDoNotBalance) {
  const MemRun run = Model(7).generate(80);
  const Built honest = build(run, 3, 3);
  ASSERT_EQ(check(honest), "");
  // Main claims another value for a sub-word load, an aligned load, or a ROM load.
  std::size_t changed = 0;
  for (std::size_t i = 0; i < run.main.size() && changed < 6; ++i) {
    if (run.main[i].mem_op != kMemLoad) continue;
    Built b = honest;
    const std::size_t term = b.terms.size() - run.main.size() + i;
    b.terms[term].tuple[4] += Fe::one();
    EXPECT_NE(check(b), "") << i;
    ++changed;
  }
  EXPECT_EQ(changed, 6u);
  // A guest store into ROM data claimed by Main.
  Built b = honest;
  b.terms.push_back(
      {.bus = kMemoryBus,
       .tuple = testing::mem_tuple(MemAccess{
           .addr = run.rom.first_w * 8, .mem_step = 1u << 20, .value = 1, .mem_op = kMemStore}),
       .multiplicity = -Fe::one()});
  EXPECT_NE(check(b), "");
}

stark::StarkParams test_params() {
  auto p = stark::make_params({.security_bits = 128,
                               .log_blowup = 1,
                               .grinding_bits = 8,
                               .log_fold = 2,
                               .log_final_degree = 2});
  ZISKC_CHECK(p.is_ok(), "params");
  return *p;
}

TEST(MemorySystemTest, FullProofVerifiesAndTamperingFails) {
  const MemRun run = Model(11).generate(60);
  const Built b = build(run, 5, 5);
  ASSERT_EQ(check(b), "");
  const std::vector<stark::AirPtr> a = airs(run);
  const std::vector<stark::FixedSpec> fixed = {{4, kTableLogHeight}, {5, kTableLogHeight}};
  auto pk = stark::setup(a, test_params(), fixed);
  ASSERT_TRUE(pk.is_ok()) << pk.status().message();
  auto specs_of = [](const Built& bb) {
    std::vector<stark::InstanceSpec> specs;
    for (const Built::Inst& in : bb.insts) {
      specs.push_back({in.air_id, static_cast<std::uint32_t>(std::countr_zero(in.trace.rows)),
                       in.iv, [t = in.trace]() -> Result<RowMajorMatrix> { return t; }});
    }
    return specs;
  };
  const auto specs = specs_of(b);
  auto proof = stark::prove(*pk, {}, specs, {.direct_terms = &b.terms});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  const Status ok = stark::verify(pk->vk, a, *proof, b.terms);
  EXPECT_TRUE(ok.is_ok()) << ok.message();
  // The statement with one of Main's load values changed.
  std::vector<stark::DirectTerm> wrong = b.terms;
  for (std::size_t i = 0; i < run.main.size(); ++i) {
    if (run.main[i].mem_op == kMemLoad) {
      wrong[wrong.size() - run.main.size() + i].tuple[4] += Fe::one();
      break;
    }
  }
  EXPECT_EQ(stark::verify(pk->vk, a, *proof, wrong).code(), ErrorCode::kVerifyFailed);
  // A RAM trace with a stale load value (the cheater proves it anyway, skipping the checks).
  Built t = b;
  const std::size_t lo = offsetof(RamCols<Fe>, v_lo) / sizeof(Fe);
  const std::size_t sel = offsetof(RamCols<Fe>, sel) / sizeof(Fe);
  const std::size_t wr = offsetof(RamCols<Fe>, wr) / sizeof(Fe);
  bool done = false;
  for (Built::Inst& in : t.insts) {
    for (std::size_t r = 1; r + 1 < in.trace.rows && in.air_id == 0 && !done; ++r) {
      if (in.trace.at(r, sel) == Fe::one() && in.trace.at(r, wr).is_zero()) {
        in.trace.at(r, lo) += Fe::one();
        done = true;
      }
    }
  }
  ASSERT_TRUE(done);
  auto bad = stark::prove(*pk, {}, specs_of(t), {.unchecked_for_tests = true});
  ASSERT_TRUE(bad.is_ok()) << bad.status().message();
  EXPECT_EQ(stark::verify(pk->vk, a, *bad, b.terms).code(), ErrorCode::kVerifyFailed);
  // The other machines of the system, each with one cell of a proving row changed: a ROM-data
  // load value, an input-data limb, a MemAlign value byte (tables: tables_test.cc).
  struct Tamper {
    std::uint32_t air_id;
    std::size_t col, sel_col;  // the changed cell; columns [sel_col, + sel_n) pick the row
    std::size_t sel_n = 1;
  };
  const Tamper tampers[] = {
      {1, offsetof(RomDataCols<Fe>, v_lo) / sizeof(Fe),
       offsetof(RomDataCols<Fe>, sel) / sizeof(Fe)},
      {2, offsetof(InputDataCols<Fe>, limb) / sizeof(Fe),
       offsetof(InputDataCols<Fe>, sel) / sizeof(Fe)},
      {3, offsetof(MemAlignCols<Fe>, v) / sizeof(Fe), offsetof(MemAlignCols<Fe>, off) / sizeof(Fe),
       8},
  };
  for (const Tamper& tp : tampers) {
    Built tt = b;
    bool changed = false;
    for (Built::Inst& in : tt.insts) {
      for (std::size_t r = 1; r + 1 < in.trace.rows && in.air_id == tp.air_id && !changed; ++r) {
        bool pick = false;
        for (std::size_t k = 0; k < tp.sel_n; ++k)
          pick |= !in.trace.at(r, tp.sel_col + k).is_zero();
        if (!pick) continue;
        in.trace.at(r, tp.col) += Fe::one();
        changed = true;
      }
    }
    ASSERT_TRUE(changed) << "air " << tp.air_id;
    auto forged = stark::prove(*pk, {}, specs_of(tt), {.unchecked_for_tests = true});
    ASSERT_TRUE(forged.is_ok()) << forged.status().message();
    EXPECT_EQ(stark::verify(pk->vk, a, *forged, b.terms).code(), ErrorCode::kVerifyFailed)
        << "air " << tp.air_id;
  }
}

}  // namespace
}  // namespace ziskc::sm
