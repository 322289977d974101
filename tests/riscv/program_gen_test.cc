// Tests of the random program generator alone (no ziskc): determinism, and that its programs
// assemble and run to a clean exit on qemu-riscv64, the reference of the differential test.
#include "program_gen.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "difftest.h"

namespace ziskc::difftest {
namespace {

TEST(ProgramGen, SameSeedSameProgram) {
  EXPECT_EQ(generate_program(42), generate_program(42));
  EXPECT_NE(generate_program(42), generate_program(43));
}

TEST(ProgramGen, CoversTheInstructionClasses) {
  std::string all;
  for (uint64_t seed = 0; seed < 20; ++seed) all += generate_program(seed);
  for (const char* needle : {"  divw ", "  remu ", "  mulhsu ", "  amoswap.d", "  amomaxu.w",
                             "  lr.w", "  sc.d", "  lb ", "  lwu ", "  sh ", "  jalr ", "  sraiw ",
                             "  auipc ", ".option rvc", ".option norvc", "fence.i"}) {
    EXPECT_NE(all.find(needle), std::string::npos) << "no '" << needle << "' in 20 programs";
  }
}

// The reference must accept every generated program: they assemble, link at the ZisK
// addresses and exit 0 on qemu-riscv64 with 64 output words.
TEST(ProgramGen, ProgramsRunOnQemu) {
  std::string work = fmt::format("{}/program_gen", ZISKC_TESTS_WORK_DIR);
  auto harness = Harness::create(default_tools(), work);
  ASSERT_TRUE(harness.is_ok()) << harness.status().message();
  for (uint64_t seed = 500; seed < 530; ++seed) {
    std::string text = generate_program(seed);
    std::string path = fmt::format("{}/seed_{}.S", work, seed);
    ASSERT_TRUE(write_text_file(path, text).is_ok());
    auto elfs = harness->build(path, fmt::format("seed_{}", seed));
    ASSERT_TRUE(elfs.is_ok()) << "seed " << seed << ": " << elfs.status().message();
    auto out = harness->run_qemu(elfs->qemu);
    ASSERT_TRUE(out.is_ok()) << "seed " << seed << ": " << out.status().message();
  }
}

TEST(Outputs, ParseZiskcOutputs) {
  std::string text;
  for (int i = 0; i < 64; ++i) text += fmt::format("{:08x}\n", 0x01020304u * i);
  auto out = parse_ziskc_outputs(text);
  ASSERT_TRUE(out.is_ok()) << out.status().message();
  EXPECT_EQ((*out)[63], 0x01020304u * 63);
  EXPECT_EQ(reg_value(*out, 1), (uint64_t{0x01020304} << 32));
  EXPECT_FALSE(parse_ziskc_outputs(text.substr(0, text.size() - 9)).is_ok());  // 63 lines
  EXPECT_FALSE(parse_ziskc_outputs(text + "extra\n").is_ok());
  std::string upper = text;
  upper[7] = 'A';
  EXPECT_FALSE(parse_ziskc_outputs(upper).is_ok());
}

TEST(Outputs, DescribeDifferencesNamesRegisters) {
  Outputs a{};
  Outputs b{};
  EXPECT_EQ(describe_differences(a, b), "");
  b[2 * (10 - 1) + 1] = 1;  // high half of a0
  b[63] = 5;                // digest high half
  std::string d = describe_differences(a, b);
  EXPECT_NE(d.find("x10 (a0)"), std::string::npos) << d;
  EXPECT_NE(d.find("scratch digest"), std::string::npos) << d;
  EXPECT_EQ(d.find("x11"), std::string::npos) << d;
}

}  // namespace
}  // namespace ziskc::difftest
