// Fuzz target: the rv64imac decoder and disassembler. The input is read as little-endian
// 32-bit words at every 2-byte offset. Checked for every word: register fields < 32, a legal
// 32-bit decode matches its table row, a legal compressed decode equals the decode of its
// expansion, and the disassembler always produces text.
#include <cstdint>
#include <cstring>
#include <vector>

#include "riscv/decoder.h"

namespace {

void check(bool cond) {
  if (!cond) __builtin_trap();
}

void check_word(std::uint32_t w) {
  using ziskc::riscv::Opcode;
  const auto insn = ziskc::riscv::decode(w);
  check(insn.rd < 32 && insn.rs1 < 32 && insn.rs2 < 32);
  check(!ziskc::riscv::disassemble(insn, 0x80000000).empty());
  if ((w & 3) != 3) {
    check(insn.len == 2 && insn.raw == (w & 0xffff));
    const auto e = ziskc::riscv::expand_compressed(static_cast<std::uint16_t>(w));
    check(e.has_value() == (insn.op != Opcode::kIllegal));
    if (e) {
      auto base = ziskc::riscv::decode(*e);
      base.len = 2;
      base.raw = insn.raw;
      check(base == insn);
    }
    return;
  }
  check(insn.len == 4 && insn.raw == w);
  if (insn.op != Opcode::kIllegal) {
    const auto& row = ziskc::riscv::opcode_table()[static_cast<std::size_t>(insn.op) - 1];
    check((w & row.mask) == row.match);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  for (std::size_t off = 0; off + 4 <= size; off += 2) {
    std::uint32_t w;
    std::memcpy(&w, data + off, 4);
    check_word(w);
  }
  return 0;
}

// Built-in seeds: every table row's match word, then a few compressed forms.
extern "C" void ZiskcFuzzSeeds(std::vector<std::vector<std::uint8_t>>* out) {
  std::vector<std::uint8_t> words;
  for (const auto& row : ziskc::riscv::opcode_table()) {
    for (int k = 0; k < 4; ++k) words.push_back(static_cast<std::uint8_t>(row.match >> (8 * k)));
  }
  out->push_back(words);
  out->push_back({0x2e, 0x85, 0x82, 0x80, 0x41, 0x11, 0x06, 0xe4, 0x01, 0x00, 0x00, 0x00});
}
