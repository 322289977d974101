// End-to-end tests of the example guests (label e2e): each ELF the build made with
// `ziskc build` (or the CMake toolchain file, for collatz) must
//   - load in layout `zisk` by auto-detection, enter at _start, and contain ZisK's exact DMA
//     patterns in memcpy/memmove/memcmp/memset and only legal, uncompressed instructions;
//   - run under `ziskc execute -c` and publish the 64 output words the host computes for its
//     input file, printing its line on the console (stderr with -c).
// The run-time half skips, saying so, while `ziskc execute` answers "not supported yet".
#include <gtest/gtest.h>

#include <string>

#include "base/bytes.h"
#include "examples/host/example_data.h"
#include "riscv/decoder.h"
#include "sdk/process.h"
#include "zisk/layout.h"

#ifndef ZISKC_EXAMPLES_DIR
#error "ZISKC_EXAMPLES_DIR (build/examples) is set by examples/CMakeLists.txt"
#endif

namespace ziskc::examples {
namespace {

std::string path_of(std::string_view name, std::string_view ext) {
  return std::string(ZISKC_EXAMPLES_DIR) + "/" + std::string(name) + std::string(ext);
}

// The instruction words of the function `name`, or an empty vector.
std::vector<riscv::Insn> function_code(const zisk::Program& p, std::string_view name) {
  for (const riscv::ElfSymbol& s : p.image.symbols) {
    if (s.name != name || !s.is_func) continue;
    for (const riscv::ElfSegment& seg : p.image.segments) {
      if (s.addr < seg.vaddr || s.addr + s.size > seg.vaddr + seg.data.size()) continue;
      std::vector<riscv::Insn> out;
      for (std::uint64_t a = s.addr; a + 4 <= s.addr + s.size; a += 4) {
        out.push_back(riscv::decode(base::load_le32(seg.data.data() + (a - seg.vaddr))));
      }
      return out;
    }
  }
  return {};
}

std::string text_of(const std::vector<riscv::Insn>& code, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n && i < code.size(); ++i) {
    s += riscv::disassemble(code[i], 0);
    s += "; ";
  }
  return s;
}

class ExampleTest : public ::testing::TestWithParam<std::string_view> {};

TEST_P(ExampleTest, ElfFollowsTheGuestAbi) {
  const std::string elf_path = path_of(GetParam(), ".elf");
  auto bytes = base::read_file(elf_path);
  ASSERT_TRUE(bytes) << bytes.status().message();
  auto program = zisk::parse_program(*bytes);  // auto-detected layout
  ASSERT_TRUE(program) << program.status().message();
  EXPECT_EQ(program->layout, zisk::LayoutKind::kZisk);

  const riscv::ElfSymbol* start = nullptr;
  for (const riscv::ElfSymbol& s : program->image.symbols) {
    if (s.name == "_start") start = &s;
  }
  ASSERT_NE(start, nullptr);
  EXPECT_EQ(program->image.entry, start->addr);
  EXPECT_EQ(program->image.entry, 0x80000000u);

  // ZisK's DMA patterns (ziskos/entrypoint/src/dma/*.s), where the linker kept the function:
  // csrrs with rd = x0 (memcpy) or a0 (memcmp), rs1 = a1, then add x0, a0, a2.
  for (std::string_view fn : {"memcpy", "memmove", "memcmp"}) {
    const auto code = function_code(*program, fn);
    if (code.empty()) continue;
    ASSERT_GE(code.size(), 3u) << fn;
    EXPECT_EQ(text_of(code, 3),
              std::string(fn == "memcmp" ? "csrrs a0, 0x814, a1; " : "csrrs zero, 0x813, a1; ") +
                  "add zero, a0, a2; jalr zero, 0(ra); ")
        << fn;
  }
  // memset: the zero fill inline, then a jump table of 256 16-byte entries, one per byte value.
  const auto memset_code = function_code(*program, "memset");
  if (!memset_code.empty()) {
    ASSERT_EQ(memset_code.size(), 12u + 256 * 4);
    EXPECT_EQ(text_of(memset_code, 4),
              "bne a1, zero, 0x10; csrrs zero, 0x816, a0; addi zero, a2, 0; jalr zero, 0(ra); ");
    for (int v = 0; v < 256; ++v) {
      const std::vector<riscv::Insn> entry(memset_code.begin() + 12 + 4 * v,
                                           memset_code.begin() + 16 + 4 * v);
      ASSERT_EQ(text_of(entry, 4), "csrrs zero, 0x816, a0; addi zero, a2, " + std::to_string(v) +
                                       "; jalr zero, 0(ra); addi zero, zero, 0; ")
          << "memset table entry " << v;
    }
  }

  // Every instruction word of the code segment is a legal, uncompressed instruction (the one
  // deliberate exception is the trap zisk_abort executes).
  std::uint64_t trap = 0;
  for (const riscv::ElfSymbol& s : program->image.symbols) {
    if (s.name == "__zisk_trap") trap = s.addr;
  }
  for (const riscv::ElfSegment& seg : program->image.segments) {
    if (!seg.exec) continue;
    for (std::uint64_t off = 0; off + 4 <= seg.data.size(); off += 4) {
      const std::uint64_t pc = seg.vaddr + off;
      if (pc == trap) continue;
      const riscv::Insn insn = riscv::decode(base::load_le32(seg.data.data() + off));
      ASSERT_EQ(insn.len, 4) << "compressed instruction at 0x" << std::hex << pc;
      ASSERT_NE(insn.op, riscv::Opcode::kIllegal) << "illegal instruction at 0x" << std::hex << pc;
    }
  }
}

TEST_P(ExampleTest, ExecutePublishesTheHostOutputs) {
  const std::string name(GetParam());
  auto input = base::read_file(path_of(name, ".bin"));
  ASSERT_TRUE(input) << input.status().message();
  auto records = decode_records(*input);
  ASSERT_TRUE(records) << records.status().message();
  auto expected = expected_outputs(name, *records);
  ASSERT_TRUE(expected) << expected.status().message();

  auto run = sdk::run_process(
      {ZISKC_BIN, "execute", "-e", path_of(name, ".elf"), "-i", path_of(name, ".bin"), "-c"},
      sdk::Stderr::kSeparate);
  ASSERT_TRUE(run) << run.status().message();
  if (run->exit_code == 3 && run->errors.find("not supported yet") != std::string::npos) {
    GTEST_SKIP() << "ziskc execute: " << run->errors;
  }
  ASSERT_EQ(run->exit_code, 0) << run->errors;
  std::vector<std::uint32_t> words;
  std::size_t pos = 0;
  while (pos < run->output.size()) {
    const std::size_t nl = run->output.find('\n', pos);
    ASSERT_NE(nl, std::string::npos) << "unterminated output line";
    const std::string line = run->output.substr(pos, nl - pos);
    ASSERT_EQ(line.size(), 8u) << "output line '" << line << "'";
    words.push_back(static_cast<std::uint32_t>(std::stoul(line, nullptr, 16)));
    pos = nl + 1;
  }
  ASSERT_EQ(words.size(), 64u);
  for (std::size_t i = 0; i < 64; ++i) {
    EXPECT_EQ(words[i], (*expected)[i]) << name << ": output word " << i;
  }
  EXPECT_NE(run->errors.find('\n'), std::string::npos) << "no console line from " << name;
}

INSTANTIATE_TEST_SUITE_P(Examples, ExampleTest, ::testing::ValuesIn(example_names()),
                         [](const auto& param_info) { return std::string(param_info.param); });

}  // namespace
}  // namespace ziskc::examples
