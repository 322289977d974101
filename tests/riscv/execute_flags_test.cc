// `ziskc execute` flags on a clean run: -c prints exactly the 64 output words, -f the count
// at OUTPUT_ADDR then that many words, UART output goes to stdout without -c/-f and to stderr
// with them, and -m / -X / -S print their reports (not on stdout when -c or -f is given).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "difftest.h"

namespace ziskc::difftest {
namespace {

// Prints "ok\n" on the UART, then sets the output area to [3, 0xa, 0xb, 0xc] and exits. (It
// defines the symbols the harness's finish code refers to, which it does not call.)
constexpr const char* kProgram = R"(
  .text
  .globl _start
  .type _start, @function
_start:
  li t0, 0xA0400200
  li t1, 'o'
  sb t1, 0(t0)
  li t1, 'k'
  sb t1, 0(t0)
  li t1, '\n'
  sb t1, 0(t0)
  li t0, 0xA0410000
  li t1, 3
  sw t1, 0(t0)
  li t1, 0xa
  sw t1, 4(t0)
  li t1, 0xb
  sw t1, 8(t0)
  li t1, 0xc
  sw t1, 12(t0)
  li a7, 93
  ecall
  .size _start, . - _start
  .data
  .globl scratch, regsave
scratch:
regsave:
  .dword 0
)";

class ExecuteFlags : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto h = Harness::create(default_tools(), std::string(ZISKC_TESTS_WORK_DIR) + "/flags");
    ASSERT_TRUE(h.is_ok()) << h.status().message();
    const std::string src = h->work_dir() + "/flags.S";
    ASSERT_TRUE(write_text_file(src, kProgram).is_ok());
    auto elf = h->build_zisk_only(src, "flags");
    ASSERT_TRUE(elf.is_ok()) << elf.status().message();
    elf_ = new std::string(*elf);
    ziskc_ = new std::string(h->tools().ziskc);
  }
  static void TearDownTestSuite() {
    delete elf_;
    delete ziskc_;
  }
  static ProcessResult execute(std::vector<std::string> flags) {
    std::vector<std::string> argv = {*ziskc_, "execute", "-e", *elf_};
    argv.insert(argv.end(), flags.begin(), flags.end());
    ProcessResult r = run_process(argv, std::chrono::seconds(60));
    EXPECT_TRUE(r.exited() && r.exit_code == 0) << r.describe() << ": " << r.err;
    return r;
  }
  static std::string* elf_;
  static std::string* ziskc_;
};
std::string* ExecuteFlags::elf_ = nullptr;
std::string* ExecuteFlags::ziskc_ = nullptr;

TEST_F(ExecuteFlags, LogOutputPrintsTheSixtyFourWordsOnly) {
  const ProcessResult r = execute({"-c"});
  std::string want = "00000003\n0000000a\n0000000b\n0000000c\n";
  for (int i = 4; i < 64; ++i) want += "00000000\n";
  EXPECT_EQ(r.out, want);
  EXPECT_EQ(r.err, "ok\n");  // the UART moves to stderr
}

TEST_F(ExecuteFlags, RiscofOutputPrintsTheCountedWords) {
  const ProcessResult r = execute({"-f"});
  EXPECT_EQ(r.out, "0000000a\n0000000b\n0000000c\n");
  EXPECT_EQ(r.err, "ok\n");
}

TEST_F(ExecuteFlags, UartGoesToStdoutWithoutOutputFlags) {
  const ProcessResult r = execute({});
  EXPECT_EQ(r.out, "ok\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(ExecuteFlags, MetricsStatsAndProfileReports) {
  ProcessResult r = execute({"-m", "-X", "-S", "-c"});
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 64) << "stdout: the 64 words only";
  for (const char* needle : {"steps: ", "steps/s: ", "per state machine:", "binary_add", "copyb",
                             "memory touched:", "top ", "_start", "[bios]"}) {
    EXPECT_NE(r.err.find(needle), std::string::npos) << "no '" << needle << "' in:\n" << r.err;
  }
  r = execute({"-m"});
  EXPECT_NE(r.out.find("steps: "), std::string::npos) << r.out;
}

TEST_F(ExecuteFlags, LayoutCanBeForced) {
  const ProcessResult r = execute({"--layout", "zisk", "-c"});
  EXPECT_EQ(r.out.substr(0, 9), "00000003\n");
}

}  // namespace
}  // namespace ziskc::difftest
