// Test-only RISC-V assembler for the zisk and emu tests: encodes instructions from the
// decoder's own opcode table (riscv/opcodes.def, cross-checked against GNU objdump by the
// riscv tests) and builds in-memory guest programs (zisk::Program) without a toolchain.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "base/check.h"
#include "riscv/decoder.h"
#include "zisk/layout.h"

namespace ziskc::zisk::testing {

using riscv::Opcode;

inline std::uint32_t match_of(Opcode op) {
  for (const riscv::OpcodeInfo& i : riscv::opcode_table()) {
    if (i.op == op) return i.match;
  }
  ZISKC_CHECK(false, "opcode not in the table");
  return 0;
}

// Register numbers by ABI name.
enum Reg : unsigned {
  zero = 0,
  ra = 1,
  sp = 2,
  gp = 3,
  tp = 4,
  t0 = 5,
  t1 = 6,
  t2 = 7,
  s0 = 8,
  s1 = 9,
  a0 = 10,
  a1 = 11,
  a2 = 12,
  a3 = 13,
  a4 = 14,
  a5 = 15,
  a6 = 16,
  a7 = 17,
  s2 = 18,
  s3 = 19,
  t3 = 28,
  t4 = 29,
  t5 = 30,
  t6 = 31,
};

class Asm {
 public:
  explicit Asm(std::uint64_t base = 0x8000'0000) : base_(base) {}
  std::uint64_t pc() const { return base_ + bytes_.size(); }
  std::uint64_t base() const { return base_; }
  const std::vector<std::uint8_t>& bytes() const { return bytes_; }

  void word(std::uint32_t w) {
    for (int k = 0; k < 4; ++k) bytes_.push_back(static_cast<std::uint8_t>(w >> (8 * k)));
  }
  void byte(std::uint8_t v) { bytes_.push_back(v); }
  void half(std::uint16_t h) {
    bytes_.push_back(static_cast<std::uint8_t>(h));
    bytes_.push_back(static_cast<std::uint8_t>(h >> 8));
  }
  void r(Opcode op, unsigned rd, unsigned rs1, unsigned rs2) {
    word(match_of(op) | rd << 7 | rs1 << 15 | rs2 << 20);
  }
  void i(Opcode op, unsigned rd, unsigned rs1, std::int64_t imm) {
    word(match_of(op) | rd << 7 | rs1 << 15 | (static_cast<std::uint32_t>(imm) & 0xfff) << 20);
  }
  void shift(Opcode op, unsigned rd, unsigned rs1, unsigned shamt) {
    word(match_of(op) | rd << 7 | rs1 << 15 | shamt << 20);
  }
  void s(Opcode op, unsigned rs2, std::int64_t imm, unsigned rs1) {
    const auto u = static_cast<std::uint32_t>(imm);
    word(match_of(op) | (u & 0x1f) << 7 | rs1 << 15 | rs2 << 20 | ((u >> 5) & 0x7f) << 25);
  }
  void b(Opcode op, unsigned rs1, unsigned rs2, std::int64_t off) {
    const auto u = static_cast<std::uint32_t>(off);
    word(match_of(op) | ((u >> 11) & 1) << 7 | ((u >> 1) & 0xf) << 8 | rs1 << 15 | rs2 << 20 |
         ((u >> 5) & 0x3f) << 25 | ((u >> 12) & 1) << 31);
  }
  void u(Opcode op, unsigned rd, std::uint32_t imm20) {
    word(match_of(op) | rd << 7 | (imm20 & 0xfffff) << 12);
  }
  void j(unsigned rd, std::int64_t off) {
    const auto u = static_cast<std::uint32_t>(off);
    word(match_of(Opcode::kJal) | rd << 7 | ((u >> 12) & 0xff) << 12 | ((u >> 11) & 1) << 20 |
         ((u >> 1) & 0x3ff) << 21 | ((u >> 20) & 1) << 31);
  }
  void csr(Opcode op, unsigned rd, std::uint32_t csr, unsigned rs1_or_uimm) {
    word(match_of(op) | rd << 7 | rs1_or_uimm << 15 | csr << 20);
  }
  void amo(Opcode op, unsigned rd, unsigned rs2, unsigned rs1) {
    word(match_of(op) | rd << 7 | rs1 << 15 | rs2 << 20);
  }

  void add(unsigned rd, unsigned rs1, unsigned rs2) { r(Opcode::kAdd, rd, rs1, rs2); }
  void addi(unsigned rd, unsigned rs1, std::int64_t imm) { i(Opcode::kAddi, rd, rs1, imm); }
  void ld(unsigned rd, std::int64_t imm, unsigned rs1) { i(Opcode::kLd, rd, rs1, imm); }
  void sd(unsigned rs2, std::int64_t imm, unsigned rs1) { s(Opcode::kSd, rs2, imm, rs1); }
  void sw(unsigned rs2, std::int64_t imm, unsigned rs1) { s(Opcode::kSw, rs2, imm, rs1); }
  void sb(unsigned rs2, std::int64_t imm, unsigned rs1) { s(Opcode::kSb, rs2, imm, rs1); }
  void jalr(unsigned rd, unsigned rs1, std::int64_t imm) { i(Opcode::kJalr, rd, rs1, imm); }
  void ecall() { word(match_of(Opcode::kEcall)); }
  // Any 64-bit constant (lui/addiw/slli/addi like the assembler's `li`).
  void li(unsigned rd, std::int64_t v) {
    if (v >= -2048 && v < 2048) {
      addi(rd, zero, v);
      return;
    }
    if (v >= INT32_MIN && v <= INT32_MAX) {
      const std::int64_t hi = (v + 0x800) >> 12, lo = v - (hi << 12);
      u(Opcode::kLui, rd, static_cast<std::uint32_t>(hi));
      if (lo != 0) i(Opcode::kAddiw, rd, rd, lo);
      return;
    }
    const std::int64_t lo = static_cast<std::int64_t>(static_cast<std::uint64_t>(v) << 52) >> 52;
    li(rd, (v - lo) >> 12);
    shift(Opcode::kSlli, rd, rd, 12);
    if (lo != 0) addi(rd, rd, lo);
  }
  // ZisK's exit call.
  void exit() {
    addi(a7, zero, 93);
    ecall();
  }

 private:
  std::uint64_t base_;
  std::vector<std::uint8_t> bytes_;
};

struct DataSegment {
  std::uint64_t vaddr;
  std::vector<std::uint8_t> data;
  std::uint64_t memsz = 0;  // 0: data.size()
  bool write = true;
};

// A program whose one executable segment is `code` (entry = its start, unless given).
inline Program program(const Asm& code, std::vector<DataSegment> data = {},
                       LayoutKind layout = LayoutKind::kZisk,
                       std::vector<riscv::ElfSymbol> symbols = {}) {
  Program p;
  p.layout = layout;
  p.image.entry = code.base();
  riscv::ElfSegment text;
  text.vaddr = code.base();
  text.data = code.bytes();
  text.memsz = text.data.size();
  text.read = text.exec = true;
  p.image.segments.push_back(text);
  for (DataSegment& d : data) {
    riscv::ElfSegment s;
    s.vaddr = d.vaddr;
    s.data = std::move(d.data);
    s.memsz = d.memsz ? d.memsz : s.data.size();
    s.read = true;
    s.write = d.write;
    p.image.segments.push_back(std::move(s));
  }
  std::sort(
      p.image.segments.begin(), p.image.segments.end(),
      [](const riscv::ElfSegment& x, const riscv::ElfSegment& y) { return x.vaddr < y.vaddr; });
  p.image.symbols = std::move(symbols);
  return p;
}

}  // namespace ziskc::zisk::testing
