// Main's soundness against a cheating prover (main_testing.h `cheater_accepted`: constraints,
// ROM rows, continuation balance, correct operations, a consistent memory history):
//  - every cell of sampled rows (first, last, middle, random, padding) and every instance value,
//    mutated, is rejected;
//  - a wrong pc, a skipped instruction, a wrong c for an internal op (re-solved consistently), a
//    wrong a source (a register read returning another value, op result re-solved), a wrong
//    external result, broken continuations (an instance dropped, duplicated, shifted, a false
//    is_last, a cycle), and padding rows that store or pretend to be another instruction are
//    all rejected;
//  - the step count: another stated count, padding rows that keep counting, or an end step
//    moved are rejected.
#include <gtest/gtest.h>

#include <optional>
#include <random>

#include "sm/main/main_programs.h"
#include "sm/main/main_testing.h"

namespace ziskc::sm {
namespace {

using testing::MainRun;

struct Fixture {
  MainRun run;
  testing::MainBuild build;
  Fixture(const zisk::Program& p, unsigned chunk_log, unsigned log_h)
      : run(testing::run_program(p, {}, chunk_log)), build(testing::build_main(run, log_h)) {}
  bool accepted(std::span<const MainInstance> inst, std::string* why = nullptr,
                std::optional<std::uint64_t> stated_steps = std::nullopt) const {
    return testing::cheater_accepted(run, build, inst, why, stated_steps);
  }
  std::vector<MainInstance> copy() const { return build.instances; }
};

MainCols<Fe>& row(MainInstance& inst, std::size_t r) {
  return *reinterpret_cast<MainCols<Fe>*>(inst.trace.row(r).data());
}

Fe lo(std::uint64_t v) { return Fe::from_u64(v & 0xFFFF'FFFFull); }
Fe hi(std::uint64_t v) { return Fe::from_u64(v >> 32); }
std::uint64_t val(const Fe (&x)[2]) { return x[0].value() | x[1].value() << 32; }

TEST(MainSoundnessTest, HonestRunsAreAccepted) {
  for (const zisk::Program& p : {testing::tiny_program(), emu::testing::stress_program(4)}) {
    Fixture f(p, 5, 6);
    std::string why;
    EXPECT_TRUE(f.accepted(f.build.instances, &why)) << why;
  }
}

TEST(MainSoundnessTest, EveryMutatedCellIsRejected) {
  const std::uint64_t seed = 0x3a17;
  SCOPED_TRACE(::testing::Message() << "seed " << seed);
  std::mt19937_64 rng(seed);
  Fixture f(testing::tiny_program(), 5, 6);
  const auto& honest = f.build.instances;
  ASSERT_GE(honest.size(), 3u);
  const MainInstance& last = honest.back();
  ASSERT_LT(last.steps, last.trace.rows) << "the last instance should have padding rows";
  struct Cell {
    std::size_t inst, row;
  };
  const std::size_t n = honest[0].trace.rows;
  std::vector<Cell> rows = {{0, 0},
                            {0, n - 1},
                            {1, n / 2},
                            {1, rng() % n},
                            {honest.size() - 1, 0},
                            {honest.size() - 1, last.steps - 1},
                            {honest.size() - 1, last.steps},
                            {honest.size() - 1, n - 1}};
  for (std::size_t c = 0; c < kMainWidth; ++c) {
    for (const Cell& cell : rows) {
      std::vector<MainInstance> t = f.copy();
      t[cell.inst].trace.at(cell.row, c) += Fe::from_u64(1 + rng() % 1000);
      EXPECT_FALSE(f.accepted(t)) << "mutated cell (instance " << cell.inst << ", row " << cell.row
                                  << ", column " << c << ") accepted";
    }
  }
  for (std::size_t k : {std::size_t{0}, std::size_t{1}, honest.size() - 1}) {
    for (std::size_t v = 0; v < kMainNumInstanceValues; ++v) {
      std::vector<MainInstance> t = f.copy();
      t[k].instance_values[v] += Fe::one();
      EXPECT_FALSE(f.accepted(t)) << "instance " << k << " value " << v << " accepted";
    }
  }
}

// The first row (instance, row) after `from` whose instruction satisfies pred.
template <class Pred>
std::pair<std::size_t, std::size_t> find_row(const Fixture& f, Pred pred, std::size_t from = 1) {
  const auto& inst = f.build.instances;
  for (std::size_t k = 0; k < inst.size(); ++k) {
    for (std::size_t r = (k == 0 ? from : 1); r + 1 < inst[k].steps; ++r) {
      const auto& c = *reinterpret_cast<const MainCols<Fe>*>(inst[k].trace.row(r).data());
      if (pred(c)) return {k, r};
    }
  }
  ADD_FAILURE() << "no such row";
  return {0, 1};
}

TEST(MainSoundnessTest, WrongPcIsRejected) {
  Fixture f(testing::tiny_program(), 5, 6);
  std::string why;
  // Only the pc changes: no ROM row has that tuple.
  {
    auto t = f.copy();
    row(t[0], 10).rom.pc += Fe::from_u64(4);
    EXPECT_FALSE(f.accepted(t, &why));
  }
  // The whole instruction block replaced by another ROM instruction (the lookup is fine):
  // the previous row's next pc does not lead there.
  {
    auto t = f.copy();
    const auto& tmpl = f.run.program->row_template(f.run.program->end_index());
    std::copy(tmpl.begin(), tmpl.end(), t[0].trace.row(10).begin());
    EXPECT_FALSE(f.accepted(t, &why));
    EXPECT_NE(why.find("main.next_pc"), std::string::npos) << why;
  }
}

TEST(MainSoundnessTest, SkippedInstructionIsRejected) {
  Fixture f(testing::tiny_program(), 5, 6);
  auto t = f.copy();
  MainInstance& last = t.back();
  // Drop row 5 of the last instance: later rows move up, a padding row is appended, and the
  // steps are renumbered so the step chain holds.
  const std::size_t n = last.trace.rows;
  for (std::size_t r = 5; r + 1 < n; ++r) {
    std::copy(last.trace.row(r + 1).begin(), last.trace.row(r + 1).end(),
              last.trace.row(r).begin());
  }
  for (std::size_t r = 0; r < n; ++r) row(last, r).step = Fe::from_u64(last.first_step + r);
  std::string why;
  EXPECT_FALSE(f.accepted(t, &why));
  EXPECT_NE(why.find("main.next_pc"), std::string::npos) << why;
}

TEST(MainSoundnessTest, WrongInternalResultIsRejected) {
  Fixture f(testing::tiny_program(), 5, 6);
  // A copyb with c != b, re-solved downstream: the next row's last-c sources and the store
  // value follow the wrong c.
  const auto [k, r] = find_row(f, [](const MainCols<Fe>& c) {
    return c.is_ext.is_zero() && c.rom.op == Fe::one() && !c.store_mem.is_zero();
  });
  auto t = f.copy();
  MainCols<Fe>& c = row(t[k], r);
  const std::uint64_t wrong = val(c.c) + 1;
  c.c[0] = lo(wrong);
  c.c[1] = hi(wrong);
  MainCols<Fe>& next = row(t[k], r + 1);
  if ((Fe::one() - next.a_imm - next.a_mem).is_zero() == false) {
    next.a[0] = c.c[0];
    next.a[1] = c.c[1];
  }
  std::string why;
  EXPECT_FALSE(f.accepted(t, &why));
  EXPECT_NE(why.find("main.copyb_c_lo"), std::string::npos) << why;
  // A flag op (jal) claiming flag 0 takes the other edge: rejected by its own constraint.
  Fixture g(emu::testing::stress_program(2), 5, 6);
  const auto [k2, r2] =
      find_row(g, [](const MainCols<Fe>& x) { return x.is_ext.is_zero() && x.rom.op.is_zero(); });
  auto t2 = g.copy();
  ASSERT_EQ(row(t2[k2], r2).flag, Fe::one());
  row(t2[k2], r2).flag = Fe::zero();
  EXPECT_FALSE(g.accepted(t2, &why));
  EXPECT_NE(why.find("main.flag_op_flag"), std::string::npos) << why;
}

TEST(MainSoundnessTest, WrongSourceIsRejected) {
  Fixture f(testing::tiny_program(), 5, 6);
  // A register read (a from memory) returning another value, the external op re-solved with
  // it: every constraint holds and the op is correct, but the memory history is inconsistent.
  const auto [k, r] = find_row(f, [](const MainCols<Fe>& c) {
    return !c.a_mem.is_zero() && !c.is_ext.is_zero() && c.m32.is_zero() && c.store_mem.is_zero() &&
           c.store_ind.is_zero() && c.set_pc.is_zero();
  });
  auto t = f.copy();
  MainCols<Fe>& c = row(t[k], r);
  const std::uint64_t a = val(c.a) + 1;
  const auto op = zisk::find_op(static_cast<std::uint8_t>(c.rom.op.value()));
  ASSERT_TRUE(op.has_value());
  const auto out = zisk::apply_pure(*op, a, val(c.b));
  ASSERT_TRUE(out.has_value());
  c.a[0] = lo(a);
  c.a[1] = hi(a);
  const bool same_flow = (out->flag ? 1u : 0u) == c.flag.value();
  c.c[0] = lo(out->c);
  c.c[1] = hi(out->c);
  c.flag = Fe::from_u64(out->flag ? 1 : 0);
  std::string why;
  EXPECT_FALSE(f.accepted(t, &why));
  if (same_flow) {
    EXPECT_NE(why.find("memory access"), std::string::npos) << why;
  }
  // Claiming a = last c where the instruction reads a register: not the ROM's instruction.
  auto t2 = f.copy();
  row(t2[k], r).a_mem = Fe::zero();
  row(t2[k], r).a[0] = row(t2[k], r - 1).c[0];
  row(t2[k], r).a[1] = row(t2[k], r - 1).c[1];
  EXPECT_FALSE(f.accepted(t2, &why));
}

TEST(MainSoundnessTest, WrongExternalResultIsRejected) {
  Fixture f(testing::tiny_program(), 5, 6);
  const auto [k, r] = find_row(f, [](const MainCols<Fe>& c) {
    return !c.is_ext.is_zero() &&
           c.rom.op == Fe::from_u64(static_cast<std::uint64_t>(zisk::Op::kMul));
  });
  auto t = f.copy();
  row(t[k], r).c[0] += Fe::one();
  std::string why;
  EXPECT_FALSE(f.accepted(t, &why));
}

TEST(MainSoundnessTest, BrokenContinuationsAreRejected) {
  Fixture f(testing::tiny_program(), 5, 6);
  const std::size_t count = f.build.instances.size();
  ASSERT_GE(count, 4u);
  std::string why;
  {  // an instance dropped
    auto t = f.copy();
    t.erase(t.begin() + 1);
    EXPECT_FALSE(f.accepted(t, &why));
  }
  {  // an instance repeated
    auto t = f.copy();
    t.insert(t.begin() + 2, t[1]);
    EXPECT_FALSE(f.accepted(t, &why));
  }
  {  // the list order does not matter (the chain is in the values): reversed is the same proof
    auto t = f.copy();
    std::reverse(t.begin(), t.end());
    EXPECT_TRUE(f.accepted(t, &why)) << why;
  }
  {  // an instance claims to start elsewhere in time (rows renumbered consistently)
    auto t = f.copy();
    const Fe shift = Fe::from_u64(t[1].trace.rows);
    for (std::size_t r = 0; r < t[1].trace.rows; ++r) row(t[1], r).step += shift;
    t[1].instance_values[kMainStartStep] += shift;
    t[1].instance_values[kMainNextStep] += shift;
    EXPECT_FALSE(f.accepted(t, &why));
  }
  {  // a start c that is not the previous instance's last c (row 0 consistent with it)
    auto t = f.copy();
    t[2].instance_values[kMainStartCLo] += Fe::one();
    MainCols<Fe>& c0 = row(t[2], 0);
    if (!(Fe::one() - c0.a_imm - c0.a_mem).is_zero()) c0.a[0] += Fe::one();
    if (!(Fe::one() - c0.b_imm - c0.b_mem - c0.b_ind).is_zero()) c0.b[0] += Fe::one();
    EXPECT_FALSE(f.accepted(t, &why));
  }
  {  // a non-last instance that claims to end the run
    auto t = f.copy();
    t[1].instance_values[kMainIsLast] = Fe::one();
    EXPECT_FALSE(f.accepted(t, &why));
  }
  {  // the run cut short: the instances after 1 dropped and instance 1 claiming the end
    auto t = f.copy();
    t.resize(2);
    t[1].instance_values[kMainIsLast] = Fe::one();
    t[1].instance_values[kMainNextPc] = Fe::from_u64(f.run.rom->layout().end_pc);
    t[1].instance_values[kMainLastCLo] = Fe::zero();
    t[1].instance_values[kMainLastCHi] = Fe::zero();
    EXPECT_FALSE(f.accepted(t, &why));
  }
  {  // a cycle: an instance whose out state is its in state
    auto t = f.copy();
    auto& iv = t[1].instance_values;
    iv[kMainNextStep] = iv[kMainStartStep];
    iv[kMainNextPc] = iv[kMainStartPc];
    iv[kMainLastCLo] = iv[kMainStartCLo];
    iv[kMainLastCHi] = iv[kMainStartCHi];
    EXPECT_FALSE(f.accepted(t, &why));
  }
}

TEST(MainSoundnessTest, StepCountIsProven) {
  Fixture f(testing::tiny_program(), 5, 6);
  const std::uint64_t steps = f.run.result.steps;
  const MainInstance& last = f.build.instances.back();
  ASSERT_LT(last.steps, last.trace.rows) << "the last instance should have padding rows";
  std::string why;
  EXPECT_TRUE(f.accepted(f.build.instances, &why, steps)) << why;
  // The honest witness with another stated count: the end message does not match.
  for (std::uint64_t s : {steps - 1, steps + 1, steps + last.trace.rows - last.steps}) {
    EXPECT_FALSE(f.accepted(f.build.instances, &why, s)) << "stated " << s;
    EXPECT_NE(why.find("bus"), std::string::npos) << why;
  }
  {  // a later end: the padding rows keep counting (as before the end flag), next step moved
    auto t = f.copy();
    MainInstance& l = t.back();
    for (std::size_t r = l.steps; r < l.trace.rows; ++r) {
      row(l, r).step = Fe::from_u64(l.first_step + r);
    }
    l.instance_values[kMainNextStep] = Fe::from_u64(l.first_step + l.trace.rows - 1);
    EXPECT_FALSE(f.accepted(t, &why, l.first_step + l.trace.rows)) << "padding counted";
    EXPECT_NE(why.find("main.next_step"), std::string::npos) << why;
  }
  {  // an earlier end: the last instance claims one step less at its end
    auto t = f.copy();
    t.back().instance_values[kMainNextStep] -= Fe::one();
    EXPECT_FALSE(f.accepted(t, &why, steps - 1)) << "end step moved";
    EXPECT_NE(why.find("main.end_step"), std::string::npos) << why;
  }
  // No run has 0 steps or more than Main's row bound: main_direct_terms refuses them.
  EXPECT_FALSE(main_direct_terms(f.run.rom->layout(), testing::public_values(f.run), 0).is_ok());
  EXPECT_FALSE(
      main_direct_terms(f.run.rom->layout(), testing::public_values(f.run), kMainMaxRows + 1)
          .is_ok());
}

TEST(MainSoundnessTest, PaddingRowsCannotStoreOrBecomeOtherInstructions) {
  Fixture f(testing::tiny_program(), 5, 6);
  const MainInstance& last = f.build.instances.back();
  const std::size_t pad = last.steps + 1;
  ASSERT_LT(pad, last.trace.rows);
  std::string why;
  {  // a padding row that also stores its c to a RAM word
    auto t = f.copy();
    MainCols<Fe>& c = row(t.back(), pad);
    c.store_mem = Fe::one();
    c.rom.store_off = Fe::from_u64(f.run.rom->layout().ram_addr);
    EXPECT_FALSE(f.accepted(t, &why));
    EXPECT_NE(why.find("not a ROM row"), std::string::npos) << why;
  }
  {  // a padding row that becomes a real store instruction (the BIOS marchid store)
    auto t = f.copy();
    std::size_t store = 0;
    for (std::size_t i = 0; i < f.run.rom->size(); ++i) {
      if (f.run.program->entry(i).has(kRomFlagStoreMem) &&
          f.run.program->entry(i).has(kRomFlagBImm)) {
        store = i;
        break;
      }
    }
    const auto& tmpl = f.run.program->row_template(store);
    std::copy(tmpl.begin(), tmpl.end(), t.back().trace.row(pad).begin());
    MainCols<Fe>& c = row(t.back(), pad);
    c.b[0] = c.rom.b_off;
    c.b[1] = c.rom.b_imm_hi;
    c.c[0] = c.b[0];
    c.c[1] = c.b[1];
    EXPECT_FALSE(f.accepted(t, &why));
  }
}

}  // namespace
}  // namespace ziskc::sm
