// Differential-test harness: builds a test program (tests/riscv/harness/harness.h) into its
// ziskc and qemu-riscv64 variants, runs both, and compares the 64 published u32 words
// (x1..x31 as low/high halves, then the scratch digest). Test-only code.
//
// Invariants: every failure (toolchain, qemu, ziskc) is a Status whose message names the
// program and the command; nothing here aborts on bad tool output.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "subprocess.h"

namespace ziskc::difftest {

// The 64 public output words of a test program.
using Outputs = std::array<uint32_t, 64>;
constexpr int kDigestSlot = 32;  // reg_value(out, kDigestSlot) is the scratch digest

// Where the tools are. default_tools() uses the paths CMake compiled in.
struct Tools {
  std::string gcc;          // riscv64-unknown-elf-gcc
  std::string ld;           // riscv64-unknown-elf-ld
  std::string nm;           // riscv64-unknown-elf-nm
  std::string qemu;         // qemu-riscv64
  std::string ziskc;        // the ziskc binary under test
  std::string harness_dir;  // tests/riscv/harness
  std::string source_dir;   // tests/riscv
};
Tools default_tools();

struct GuestElfs {
  std::string zisk;  // exits through ZisK's OUTPUT area
  std::string qemu;  // writes the same words to stdout
};

struct ZiskcRun {
  ProcessResult process;
  Outputs outputs{};  // valid when the run exited 0 with 64 well-formed lines
};

class Harness {
 public:
  // Creates work_dir and assembles the two finish objects into it.
  static Result<Harness> create(Tools tools, std::string work_dir);

  const Tools& tools() const { return tools_; }
  const std::string& work_dir() const { return work_dir_; }

  // Assembles asm_path (rv64imac) and links <work>/<stem>.zisk.elf and <stem>.qemu.elf.
  Result<GuestElfs> build(const std::string& asm_path, const std::string& stem) const;
  // Links one object with the ziskc finish code only (negative tests).
  Result<std::string> build_zisk_only(const std::string& asm_path, const std::string& stem) const;
  // Address of a symbol of an ELF (nm).
  Result<uint64_t> symbol_address(const std::string& elf, const std::string& symbol) const;

  Result<Outputs> run_qemu(const std::string& elf) const;
  // `ziskc execute -e elf -c`; an error unless it exits 0 and prints 64 words.
  Result<Outputs> run_ziskc(const std::string& elf) const;

  // Builds and runs both variants; ok iff the outputs agree. The error message lists every
  // differing register. On success the stem's files are deleted unless keep_files.
  Status compare(const std::string& asm_path, const std::string& stem,
                 bool keep_files = false) const;

 private:
  Harness(Tools tools, std::string work_dir)
      : tools_(std::move(tools)), work_dir_(std::move(work_dir)) {}
  Result<std::string> assemble(const std::string& asm_path, const std::string& obj) const;
  Status link(const std::string& obj, const std::string& finish_obj, const std::string& elf) const;

  Tools tools_;
  std::string work_dir_;
};

// x_reg (1..31) or the digest (kDigestSlot) as one 64-bit value.
uint64_t reg_value(const Outputs& out, int reg);
// "x10 (a0)" / "digest".
std::string reg_name(int reg);
// Empty if equal; otherwise one line per differing register: "x10 (a0): qemu 0x.. ziskc 0x..".
std::string describe_differences(const Outputs& qemu, const Outputs& ziskc);

// Writes text to path (atomically, via base::write_file_atomic).
Status write_text_file(const std::string& path, std::string_view text);

// Parses `ziskc execute -c` stdout: exactly 64 lines of 8 lowercase hex digits.
Result<Outputs> parse_ziskc_outputs(std::string_view text);
// Parses qemu's 256 raw little-endian bytes.
Result<Outputs> parse_raw_outputs(std::string_view bytes);

}  // namespace ziskc::difftest
