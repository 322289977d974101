// Negative tests of `ziskc execute` (the binary, as users run it): every guest fault kind of
// faults/*.S, the step limit, bad ELFs, bad input files and bad flags. Each must exit with
// code 2 (3 for what is not supported yet), print nothing on stdout, and print exactly one
// `error:` line on stderr that names the cause and, for guest faults, the faulting pc and
// the address -- never crash or hang.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "difftest.h"

namespace ziskc::difftest {
namespace {

constexpr auto kTimeout = std::chrono::seconds(60);

class ExecuteNegative : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto h = Harness::create(default_tools(), std::string(ZISKC_TESTS_WORK_DIR) + "/negative");
    ASSERT_TRUE(h.is_ok()) << h.status().message();
    harness_ = new Harness(std::move(h).value());
  }
  static void TearDownTestSuite() {
    delete harness_;
    harness_ = nullptr;
  }

  static std::string work(const std::string& name) { return harness_->work_dir() + "/" + name; }

  // Runs `ziskc execute <args>`.
  static ProcessResult execute(std::vector<std::string> args) {
    std::vector<std::string> argv = {harness_->tools().ziskc, "execute"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, kTimeout);
  }

  // Checks the contract of a failing run and returns its one error line.
  static std::string expect_error(const ProcessResult& r, int code) {
    EXPECT_TRUE(r.exited()) << r.describe();
    EXPECT_EQ(r.exit_code, code) << r.err;
    EXPECT_EQ(r.out, "") << "stdout must stay empty";
    const std::string& e = r.err;
    const std::size_t at = e.find("error: ");
    EXPECT_NE(at, std::string::npos) << e;
    if (at == std::string::npos) return "";
    const std::string line = e.substr(at);
    EXPECT_EQ(std::count(line.begin(), line.end(), '\n'), 1) << "one error line: " << e;
    EXPECT_EQ(line.back(), '\n');
    return line;
  }

  static Harness* harness_;
};
Harness* ExecuteNegative::harness_ = nullptr;

struct FaultProgram {
  const char* file;
  const char* words;    // text the error line must contain
  const char* address;  // the faulting address, "" if none
  std::vector<std::string> extra_args;
  bool check_pc = true;  // the step limit stops at whichever loop instruction is next
};

TEST_F(ExecuteNegative, GuestFaultsNameThePcAndTheAddress) {
  const FaultProgram cases[] = {
      {"load_null", "load from unmapped address", "0x0", {}},
      {"load_unmapped", "load from unmapped address", "0x10000000", {}},
      {"load_above_ram", "load from unmapped address", "0xc0000000", {}},
      {"store_rom", "store into read-only memory", "0x80000000", {}},
      {"store_input", "store into read-only memory", "0x40000008", {}},
      {"jump_unmapped", "jump to", "0x90000000", {}},
      {"illegal", "illegal instruction", "", {}},
      {"infinite_loop", "step limit reached after 5000 steps", "", {"-n", "5000"}, false},
  };
  for (const FaultProgram& c : cases) {
    SCOPED_TRACE(c.file);
    auto elf = harness_->build_zisk_only(
        fmt::format("{}/faults/{}.S", harness_->tools().source_dir, c.file), c.file);
    ASSERT_TRUE(elf.is_ok()) << elf.status().message();
    auto pc = harness_->symbol_address(*elf, "fault_pc");
    ASSERT_TRUE(pc.is_ok()) << pc.status().message();
    std::vector<std::string> args = {"-e", *elf, "-c"};
    args.insert(args.end(), c.extra_args.begin(), c.extra_args.end());
    const std::string line = expect_error(execute(args), 2);
    EXPECT_NE(line.find("guest fault"), std::string::npos) << line;
    EXPECT_NE(line.find(c.words), std::string::npos) << line;
    if (c.check_pc) {
      EXPECT_NE(line.find(fmt::format("pc 0x{:x}", *pc)), std::string::npos) << line;
    }
    if (*c.address != '\0') {
      EXPECT_NE(line.find(c.address), std::string::npos) << line;
    }
  }
}

TEST_F(ExecuteNegative, JumpIntoTheMiddleOfAnInstruction) {
  auto elf = harness_->build_zisk_only(
      harness_->tools().source_dir + "/faults/jump_mid_instruction.S", "jump_mid_instruction");
  ASSERT_TRUE(elf.is_ok()) << elf.status().message();
  auto pc = harness_->symbol_address(*elf, "fault_pc");
  auto target = harness_->symbol_address(*elf, "target");
  ASSERT_TRUE(pc.is_ok() && target.is_ok());
  const std::string line = expect_error(execute({"-e", *elf}), 2);
  EXPECT_NE(line.find(fmt::format("jump to 0x{:x}", *target + 2)), std::string::npos) << line;
  EXPECT_NE(line.find(fmt::format("pc 0x{:x}", *pc)), std::string::npos) << line;
}

TEST_F(ExecuteNegative, BadElfs) {
  const std::string missing = work("does_not_exist.elf");
  expect_error(execute({"-e", missing}), 2);

  const std::string empty = work("empty.elf");
  ASSERT_TRUE(write_text_file(empty, "").is_ok());
  std::string line = expect_error(execute({"-e", empty}), 2);
  EXPECT_NE(line.find("elf"), std::string::npos) << line;

  const std::string text = work("text.elf");
  ASSERT_TRUE(write_text_file(text, "#!/bin/sh\necho not an elf\n").is_ok());
  expect_error(execute({"-e", text}), 2);

  // A host (x86-64) executable: wrong machine.
  line = expect_error(execute({"-e", "/bin/true"}), 2);
  EXPECT_NE(line.find("elf"), std::string::npos) << line;

  // Truncations of a real guest.
  auto elf = harness_->build_zisk_only(harness_->tools().source_dir + "/directed/misc.S", "misc");
  ASSERT_TRUE(elf.is_ok());
  auto bytes = base::read_file(*elf);
  ASSERT_TRUE(bytes.is_ok());
  for (std::size_t keep : {std::size_t{10}, std::size_t{64}, std::size_t{200}, bytes->size() / 2}) {
    const std::string cut = work(fmt::format("cut_{}.elf", keep));
    ASSERT_TRUE(base::write_file_atomic(cut, std::span(bytes->data(), keep)).is_ok());
    expect_error(execute({"-e", cut}), 2);
  }

  // A data segment outside the layout's regions (linked at 0x10000000).
  const std::string ld = work("bad_place.ld");
  ASSERT_TRUE(
      write_text_file(ld,
                      "ENTRY(_start)\nSECTIONS {\n . = 0x80000000;\n .text : { *(.text*) }\n"
                      " . = 0x10000000;\n .data : { *(.data*) }\n}\n")
          .is_ok());
  const std::string src = work("bad_place.S");
  ASSERT_TRUE(write_text_file(src,
                              ".text\n.globl _start\n_start:\n li a7, 93\n ecall\n"
                              ".data\n.dword 1\n")
                  .is_ok());
  const std::string obj = work("bad_place.o"), bad = work("bad_place.elf");
  ProcessResult as =
      run_process({harness_->tools().gcc, "-c", "-march=rv64imac", "-mabi=lp64", src, "-o", obj});
  ASSERT_EQ(as.exit_code, 0) << as.err;
  ProcessResult lk = run_process({harness_->tools().ld, "-T", ld, obj, "-o", bad});
  ASSERT_EQ(lk.exit_code, 0) << lk.err;
  line = expect_error(execute({"-e", bad}), 2);
  EXPECT_NE(line.find("segment"), std::string::npos) << line;
}

TEST_F(ExecuteNegative, BadInputsAndFlags) {
  auto elf = harness_->build_zisk_only(harness_->tools().source_dir + "/directed/misc.S", "misc2");
  ASSERT_TRUE(elf.is_ok());
  expect_error(execute({"-e", *elf, "-i", work("no_such_input.bin")}), 2);

  // A record whose length runs past the end of the file.
  std::vector<std::uint8_t> bad = {100, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};
  const std::string bad_path = work("bad_input.bin");
  ASSERT_TRUE(base::write_file_atomic(bad_path, bad).is_ok());
  std::string line = expect_error(execute({"-e", *elf, "-i", bad_path}), 2);
  EXPECT_NE(line.find("record 0"), std::string::npos) << line;
  // The same bytes are fine as a raw input.
  ProcessResult ok = execute({"-e", *elf, "-i", bad_path, "--legacy-inputs", "-c"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;

  line = expect_error(execute({"-e", *elf, "--layout", "nope"}), 2);
  EXPECT_NE(line.find("layout"), std::string::npos) << line;
  ProcessResult no_elf = execute({"-c"});
  EXPECT_EQ(no_elf.exit_code, 2);
  ProcessResult bad_number = execute({"-e", *elf, "-n", "many"});
  EXPECT_EQ(bad_number.exit_code, 2);
  // Negative and out-of-range step limits are refused, not wrapped or saturated.
  for (const char* n : {"-5", "18446744073709551616", "99999999999999999999999", "12x", ""}) {
    ProcessResult r = execute({"-e", *elf, "-n", n});
    EXPECT_EQ(r.exit_code, 2) << "-n '" << n << "': " << r.err;
  }
  ProcessResult hex = execute({"-e", *elf, "-n", "0x100000", "-c"});
  EXPECT_EQ(hex.exit_code, 0) << hex.err;
  ProcessResult bad_top = execute({"-e", *elf, "-S", "-T", "-1"});
  EXPECT_EQ(bad_top.exit_code, 2) << bad_top.err;
}

TEST_F(ExecuteNegative, UnsupportedPrecompileIsExitCode3) {
  const std::string src = work("poseidon1.S");
  ASSERT_TRUE(write_text_file(src,
                              "#include \"harness.h\"\nTEST_BEGIN\n  la a0, scratch\n"
                              "  .globl fault_pc\nfault_pc:\n  csrs 0x81B, a0\nTEST_END\n"
                              "TEST_SCRATCH_BEGIN\nTEST_SCRATCH_END\n")
                  .is_ok());
  auto elf = harness_->build_zisk_only(src, "poseidon1");
  ASSERT_TRUE(elf.is_ok()) << elf.status().message();
  auto pc = harness_->symbol_address(*elf, "fault_pc");
  ASSERT_TRUE(pc.is_ok());
  const std::string line = expect_error(execute({"-e", *elf, "-c"}), 3);
  EXPECT_NE(line.find("not supported yet: precompile poseidon1"), std::string::npos) << line;
  EXPECT_EQ(line.find("not supported: not supported"), std::string::npos) << line;
  EXPECT_NE(line.find(fmt::format("pc 0x{:x}", *pc)), std::string::npos) << line;
}

TEST_F(ExecuteNegative, BadDmaPatternFaultsOnlyWhenExecuted) {
  const std::string src = work("bad_dma.S");
  ASSERT_TRUE(write_text_file(src,
                              "#include \"harness.h\"\nTEST_BEGIN\n  j 1f\n"
                              "  csrs 0x813, a1\n  sub a0, a0, a0\n1:\n  li a1, 7\n"
                              "  .globl fault_pc\nfault_pc:\n  csrs 0x816, a0\n"
                              "  sub a0, a0, a0\nTEST_END\nTEST_SCRATCH_BEGIN\n"
                              "TEST_SCRATCH_END\n")
                  .is_ok());
  auto elf = harness_->build_zisk_only(src, "bad_dma");
  ASSERT_TRUE(elf.is_ok()) << elf.status().message();
  auto pc = harness_->symbol_address(*elf, "fault_pc");
  ASSERT_TRUE(pc.is_ok());
  const std::string line = expect_error(execute({"-e", *elf, "-c"}), 2);
  EXPECT_NE(line.find("DMA"), std::string::npos) << line;
  EXPECT_NE(line.find(fmt::format("pc 0x{:x}", *pc)), std::string::npos) << line;
}

}  // namespace
}  // namespace ziskc::difftest
