// Directed per-instruction tests (directed/*.S): each program checks its results against
// the values the ISA specification defines (EXPECT in harness.h) and is also run
// differentially: qemu-riscv64 must pass every check (else the test's expectation is wrong),
// ziskc must pass every check and publish exactly qemu's registers and scratch digest.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "difftest.h"

namespace ziskc::difftest {
namespace {

constexpr int kFailCountReg = 27;  // s11: number of failed EXPECTs
constexpr int kFirstFailReg = 26;  // s10: source line of the first failed EXPECT

const std::vector<std::string>& directed_files() {
  static const std::vector<std::string> files = {
      "alu",  "alu_w",  "mul",  "div",        "load_store", "unaligned",          "amo",
      "lrsc", "branch", "jump", "compressed", "misc",       "illegal_unexecuted",
  };
  return files;
}

class Directed : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    auto h = Harness::create(default_tools(), std::string(ZISKC_TESTS_WORK_DIR) + "/directed");
    ASSERT_TRUE(h.is_ok()) << h.status().message();
    harness_ = new Harness(std::move(h).value());
  }
  static void TearDownTestSuite() {
    delete harness_;
    harness_ = nullptr;
  }
  static Harness* harness_;
};
Harness* Directed::harness_ = nullptr;

TEST_P(Directed, MatchesSpecAndQemu) {
  ASSERT_NE(harness_, nullptr);
  const std::string& name = GetParam();
  std::string path = fmt::format("{}/directed/{}.S", harness_->tools().source_dir, name);
  auto elfs = harness_->build(path, name);
  ASSERT_TRUE(elfs.is_ok()) << elfs.status().message();

  auto want = harness_->run_qemu(elfs->qemu);
  ASSERT_TRUE(want.is_ok()) << want.status().message();
  ASSERT_EQ(reg_value(*want, kFailCountReg), 0u)
      << path << ": " << reg_value(*want, kFailCountReg)
      << " EXPECT(s) fail on qemu-riscv64, the first at line " << reg_value(*want, kFirstFailReg)
      << " (the test's expected value is wrong)";

  auto got = harness_->run_ziskc(elfs->zisk);
  ASSERT_TRUE(got.is_ok()) << path << ": " << got.status().message();
  EXPECT_EQ(reg_value(*got, kFailCountReg), 0u)
      << path << ": " << reg_value(*got, kFailCountReg)
      << " EXPECT(s) fail on ziskc, the first at line " << reg_value(*got, kFirstFailReg);
  std::string diff = describe_differences(*want, *got);
  EXPECT_EQ(diff, "") << path << " (" << elfs->zisk << "): ziskc differs from qemu-riscv64:\n"
                      << diff;
}

INSTANTIATE_TEST_SUITE_P(Riscv, Directed, ::testing::ValuesIn(directed_files()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           return param_info.param;
                         });

// Every directed/*.S is in the list above (so none is silently skipped).
TEST(DirectedList, CoversEveryFile) {
  std::vector<std::string> on_disk;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(ZISKC_TESTS_RISCV_DIR) + "/directed")) {
    if (entry.path().extension() == ".S") on_disk.push_back(entry.path().stem().string());
  }
  std::vector<std::string> listed = directed_files();
  std::sort(on_disk.begin(), on_disk.end());
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(on_disk, listed);
}

}  // namespace
}  // namespace ziskc::difftest
