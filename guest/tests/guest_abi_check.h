// Test helper: checks that a guest ELF built with the ziskc SDK follows the guest ABI, as the
// transpiler will see it. Used by guest/tests/runtime_test.cc and examples/host/examples_test.cc.
//   - it loads in layout `zisk` by auto-detection and enters at _start = 0x8000_0000;
//   - memcpy, memmove, memcmp, memset (where the linker kept them) are exactly ZisK's DMA
//     instruction patterns (ziskos/entrypoint/src/dma/*.s), memset with its 256-entry table;
//   - every word of the code segment is a legal, uncompressed instruction, except the trap
//     that zisk_abort executes on purpose.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "riscv/decoder.h"
#include "zisk/layout.h"

namespace ziskc::guest_test {

// The instruction words of the function `name`, or an empty vector.
inline std::vector<riscv::Insn> function_code(const zisk::Program& p, std::string_view name) {
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

inline std::string text_of(const std::vector<riscv::Insn>& code, std::size_t first, std::size_t n) {
  std::string s;
  for (std::size_t i = first; i < first + n && i < code.size(); ++i) {
    s += riscv::disassemble(code[i], 0);
    s += "; ";
  }
  return s;
}

// Loads the ELF at `path` and checks everything above; `functions` counts the DMA functions
// found. Use with ASSERT_NO_FATAL_FAILURE.
inline void check_guest_abi(const std::string& path, int* functions = nullptr) {
  auto bytes = base::read_file(path);
  ASSERT_TRUE(bytes) << bytes.status().message();
  auto program = zisk::parse_program(*bytes);  // auto-detected layout
  ASSERT_TRUE(program) << program.status().message();
  EXPECT_EQ(program->layout, zisk::LayoutKind::kZisk);

  std::uint64_t start = 0, trap = 0;
  for (const riscv::ElfSymbol& s : program->image.symbols) {
    if (s.name == "_start") start = s.addr;
    if (s.name == "__zisk_trap") trap = s.addr;
  }
  EXPECT_EQ(program->image.entry, 0x80000000u);
  EXPECT_EQ(program->image.entry, start);

  int found = 0;
  for (std::string_view fn : {"memcpy", "memmove", "memcmp"}) {
    const auto code = function_code(*program, fn);
    if (code.empty()) continue;
    ++found;
    EXPECT_EQ(text_of(code, 0, 3),
              std::string(fn == "memcmp" ? "csrrs a0, 0x814, a1; " : "csrrs zero, 0x813, a1; ") +
                  "add zero, a0, a2; jalr zero, 0(ra); ")
        << fn;
  }
  const auto memset_code = function_code(*program, "memset");
  if (!memset_code.empty()) {
    ++found;
    ASSERT_EQ(memset_code.size(), 12u + 256 * 4);
    EXPECT_EQ(text_of(memset_code, 0, 4),
              "bne a1, zero, 0x10; csrrs zero, 0x816, a0; addi zero, a2, 0; jalr zero, 0(ra); ");
    for (int v = 0; v < 256; ++v) {
      ASSERT_EQ(text_of(memset_code, 12 + 4 * v, 4), "csrrs zero, 0x816, a0; addi zero, a2, " +
                                                         std::to_string(v) +
                                                         "; jalr zero, 0(ra); addi zero, zero, 0; ")
          << "memset table entry " << v;
    }
  }
  if (functions != nullptr) *functions = found;

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

}  // namespace ziskc::guest_test
