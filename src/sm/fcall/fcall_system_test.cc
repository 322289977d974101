// Free-input calls on a real emulator run: a guest pushes parameters (a register word and a
// block of 8 memory words), calls input_ready (id 23, the guest SDK's read_input) and
// uint256_div (id 19), and reads the 8 result words with fcall_get. Main's kFcall records built
// into the fcall machine balance Main's operation messages (with the ROM and stand-ins for the
// other machines); without the machine exactly the free-input call messages stay open; the
// emulator's (c, flag) of every such step is (b, 0), the machine's semantics; a tampered
// answer is caught. Optionally the same balance on a guest built with the guest SDK.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "base/bytes.h"
#include "sm/fcall/fcall.h"
#include "sm/main/main_programs.h"
#include "sm/main/main_testing.h"
#include "sm/tables/tables_air.h"
#include "zisk/input_file.h"

namespace ziskc::sm {
namespace {

using testing::MainBuild;
using testing::MainRun;
using zisk::Op;

// A 256-bit dividend over 12345: a quotient with non-zero high limbs and a remainder.
constexpr std::uint64_t kDividend[4] = {0x0123456789abcdefull, 0xfedcba9876543210ull, 0x1111,
                                        0xffffffff00000001ull};
constexpr std::uint64_t kDivisor[4] = {12345, 0, 0, 0};

zisk::Program fcall_program() {
  using namespace testing;  // NOLINT: the assembler's register names
  Asm a;
  a.addi(t0, a0, 8 + 15);                   // a0 = INPUT_ADDR: the last byte of a 16-byte input
  a.csr(Opcode::kCsrrs, zero, 0x8F0, t0);   // fcall_param, 1 word (b = t0)
  a.csr(Opcode::kCsrrwi, zero, 0x8C0, 23);  // fcall input_ready
  a.ld(s1, 8, a0);                          // the first input word
  a.li(s0, static_cast<std::int64_t>(kData));
  a.csr(Opcode::kCsrrs, zero, 0x8F3, s0);   // fcall_param, 8 words at s0 (b = s0)
  a.csr(Opcode::kCsrrwi, zero, 0x8C0, 19);  // fcall uint256_div
  std::vector<unsigned> regs = {s1};        // published: input word 0, q[0..3], r[0..3]
  for (unsigned r = 18; r < 26; ++r) {      // x18..x25 (s2..s9)
    a.csr(Opcode::kCsrrs, r, 0xFFE, zero);  // fcall_get
    regs.push_back(r);
  }
  publish_and_exit(a, regs);
  std::vector<std::uint8_t> data(64);
  for (int w = 0; w < 8; ++w) {
    const std::uint64_t v = w < 4 ? kDividend[w] : kDivisor[w - 4];
    for (int k = 0; k < 8; ++k) data[8 * w + k] = static_cast<std::uint8_t>(v >> (8 * k));
  }
  return program(a, {{kData, data}});
}

const std::vector<std::uint8_t> kInput = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

// Every free-input call step, as the emulator replays it.
class FcallSteps final : public emu::StepVisitor {
 public:
  void on_step(const emu::StepRecord& s) override { steps.push_back(s); }
  std::vector<emu::StepRecord> steps;
};

poly::RowMajorMatrix fcall_instance(std::span<const OpRecord> records, unsigned log_height) {
  TableCounts range16(kTableRows);
  return fcall_trace(records, log_height, range16);
}

TEST(FcallSystemTest, RecordsOfARealRunBalanceMain) {
  MainRun r = testing::run_program(fcall_program(), kInput, 6);
  ASSERT_EQ(r.result.exit.kind, emu::ExitKind::kEnd) << r.result.exit.detail;
  // The guest's results (published words 1..8: quotient and remainder of the division).
  const auto out = emu::public_outputs(r.result);
  EXPECT_EQ(out[0] | std::uint64_t{out[1]} << 32, 0x0807060504030201ull);  // input word 0
  MainBuild b = testing::build_main(r, 8);
  ASSERT_FALSE(b.instances.empty());
  const std::vector<OpRecord>& recs = b.records->of(zisk::Machine::kFcall);
  ASSERT_EQ(recs.size(), 12u);  // 2 fcall_param, 2 fcall, 8 fcall_get
  EXPECT_EQ(recs[0].op, Op::kFcallParam);
  EXPECT_EQ(recs[1].op, Op::kFcall);
  EXPECT_EQ(recs[1].a, 23u);
  EXPECT_EQ(recs[3].op, Op::kFcall);
  EXPECT_EQ(recs[3].a, 19u);
  EXPECT_EQ(recs[2].a, 8u);  // words of the second push
  for (std::size_t i = 4; i < 12; ++i) EXPECT_EQ(recs[i].op, Op::kFcallGet);
  for (const auto& inst : b.instances) {
    Status st =
        stark::check_constraints(*b.main_air, 0, inst.trace, nullptr, {}, inst.instance_values);
    EXPECT_TRUE(st.is_ok()) << st.message();
  }

  const auto air = fcall_air();
  const poly::RowMajorMatrix trace = fcall_instance(recs, 4);
  Status st = stark::check_constraints(*air, 0, trace, nullptr, {}, {});
  EXPECT_TRUE(st.is_ok()) << st.message();
  const auto stand_ins = testing::stand_in_terms(r, *b.records);
  const auto debugger = [&](const poly::RowMajorMatrix* fcall) {
    auto dbg = std::make_unique<stark::BusDebugger>();
    testing::add_main_instances(*dbg, *b.main_air, b.instances);
    EXPECT_TRUE(dbg->add_instance(*b.rom_air, 0, b.rom_mult, &b.rom_fixed, {}, {}).is_ok());
    for (const auto& t : stand_ins) dbg->add_direct(t);
    if (fcall) {
      EXPECT_TRUE(dbg->add_instance(*air, 1, *fcall, nullptr, {}, {}).is_ok());
    }
    return dbg;
  };
  // With the machine every bus balances ...
  auto with = debugger(&trace);
  EXPECT_TRUE(with->unbalanced().empty()) << with->report();
  // ... without it exactly the 12 free-input call messages are open.
  auto without = debugger(nullptr);
  std::uint64_t open = 0;  // identical tuples (three fcall_get of 0) are one entry
  for (const auto& u : without->unbalanced()) {
    EXPECT_EQ(u.bus, kOperationBus);
    EXPECT_TRUE(fcall_proves(static_cast<Op>(u.tuple[0].value()))) << without->report();
    open += (-u.net).value();
  }
  EXPECT_EQ(open, 12u) << without->report();
  // A wrong answer of one fcall_get (the quotient's high limb) leaves Main's message open.
  poly::RowMajorMatrix bad = trace;
  bad.at(3, kFcallSlotWidth + 3) += Fe::one();  // record 7 = row 3, slot 1: its b_lo
  auto tampered = debugger(&bad);
  EXPECT_EQ(tampered->unbalanced().size(), 2u) << tampered->report();
}

TEST(FcallSystemTest, EmulatorComputesCEqualsBAndFlagZero) {
  MainRun r = testing::run_program(fcall_program(), kInput, 6);
  ASSERT_EQ(r.result.exit.kind, emu::ExitKind::kEnd) << r.result.exit.detail;
  testing::MainRecords records(r.rom->size());
  MainSinks sinks = records.sinks();
  FcallSteps visitor;
  sinks.set_steps(zisk::Machine::kFcall, &visitor);
  auto inst = main_instances(*r.program, r.chunks, 8, sinks);
  ASSERT_TRUE(inst.is_ok()) << inst.status().message();
  ASSERT_EQ(visitor.steps.size(), 12u);
  const auto& recs = records.of(zisk::Machine::kFcall);
  for (std::size_t i = 0; i < visitor.steps.size(); ++i) {
    const emu::StepRecord& s = visitor.steps[i];
    EXPECT_EQ(s.c, s.b) << "step " << s.step;
    EXPECT_FALSE(s.flag) << "step " << s.step;
    EXPECT_EQ(recs[i].a, s.a);
    EXPECT_EQ(recs[i].b, s.b);
  }
  // fcall_get's b is the free-input cell: the quotient and remainder words in order, which the
  // guest published (independent check: 12345 * q + rem = dividend on the low limb).
  const std::uint64_t q0 = visitor.steps[4].b, rem0 = visitor.steps[8].b;
  EXPECT_EQ(q0 * 12345 + rem0, kDividend[0]);
  EXPECT_LT(rem0, 12345u);
  for (std::size_t k = 9; k < 12; ++k) EXPECT_EQ(visitor.steps[k].b, 0u);
  const auto out = emu::public_outputs(r.result);
  EXPECT_EQ(out[2] | std::uint64_t{out[3]} << 32, q0);
}

// A guest built with the guest SDK (read_input: input_ready per record), when
// ZISKC_FCALL_TEST_ELF and ZISKC_FCALL_TEST_INPUT name its ELF and input file (e.g. an
// examples/ build: fibonacci.elf, fibonacci.bin); skipped otherwise (the test build does not
// build guests). Main + ROM + the fcall machine + stand-ins for the other machines balance.
TEST(FcallSystemTest, GuestSdkRunBalancesMain) {
  const char* elf_path = std::getenv("ZISKC_FCALL_TEST_ELF");
  const char* input_path = std::getenv("ZISKC_FCALL_TEST_INPUT");
  if (elf_path == nullptr || input_path == nullptr) {
    GTEST_SKIP() << "ZISKC_FCALL_TEST_ELF / ZISKC_FCALL_TEST_INPUT not set";
  }
  auto elf = base::read_file(elf_path);
  ASSERT_TRUE(elf.is_ok()) << elf.status().message();
  auto program = zisk::parse_program(*elf);
  ASSERT_TRUE(program.is_ok()) << program.status().message();
  auto file = base::read_file(input_path);
  ASSERT_TRUE(file.is_ok()) << file.status().message();
  auto input = zisk::parse_input_file(*file, zisk::layout(program->layout).input_data_max());
  ASSERT_TRUE(input.is_ok()) << input.status().message();
  MainRun r = testing::run_program(*program, *input, 12);
  ASSERT_EQ(r.result.exit.kind, emu::ExitKind::kEnd) << r.result.exit.detail;
  MainBuild b = testing::build_main(r, 16);
  const std::vector<OpRecord>& recs = b.records->of(zisk::Machine::kFcall);
  ASSERT_FALSE(recs.empty()) << "the guest made no free-input call";
  unsigned log_height = 4;
  while ((std::size_t{1} << log_height) < fcall_rows(recs.size())) ++log_height;
  const poly::RowMajorMatrix trace = fcall_instance(recs, log_height);
  const auto air = fcall_air();
  Status st = stark::check_constraints(*air, 0, trace, nullptr, {}, {});
  EXPECT_TRUE(st.is_ok()) << st.message();
  stark::BusDebugger dbg;
  testing::add_main_instances(dbg, *b.main_air, b.instances);
  ASSERT_TRUE(dbg.add_instance(*b.rom_air, 0, b.rom_mult, &b.rom_fixed, {}, {}).is_ok());
  for (const auto& t : testing::stand_in_terms(r, *b.records)) dbg.add_direct(t);
  ASSERT_TRUE(dbg.add_instance(*air, 1, trace, nullptr, {}, {}).is_ok());
  EXPECT_TRUE(dbg.unbalanced().empty()) << dbg.report();
  std::size_t counts[3] = {};
  for (const OpRecord& o : recs) ++counts[static_cast<std::size_t>(o.op) - 0xf6];
  std::printf("%zu steps, %zu free-input calls: %zu fcall_param, %zu fcall, %zu fcall_get\n",
              static_cast<std::size_t>(r.result.steps), recs.size(), counts[0], counts[1],
              counts[2]);
}

}  // namespace
}  // namespace ziskc::sm
