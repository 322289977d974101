// Test-only guest programs of the Main tests, built with the test assembler (zisk/testdata):
//  - ops_program: every rv64im ALU op, every load/store width (aligned, unaligned, crossing a
//    word), every branch taken and not, jal/jalr (even and odd immediates), lui/auipc, a
//    non-exit ecall, over a table of edge operands; publishes an accumulator and a checksum;
//  - tiny_program: a short loop (a few hundred steps with the BIOS) for full proofs.
// The emu tests' stress_program (AMOs, CSRs, unaligned accesses) and precompile_program (DMA
// and precompiles: unprovable) are used beside them.
#pragma once

#include <cstdint>
#include <vector>

#include "emu/testdata/programs.h"

namespace ziskc::sm::testing {

using namespace zisk::testing;  // NOLINT
using emu::testing::kData;
using emu::testing::publish_and_exit;

inline const std::vector<std::uint64_t>& edge_operands() {
  static const std::vector<std::uint64_t> v = {0,
                                               1,
                                               0xffffffffffffffffull,
                                               0x8000000000000000ull,
                                               0x7fffffffffffffffull,
                                               0x80000000ull,
                                               0xffffffffull,
                                               0xffffffff80000000ull,
                                               63,
                                               0x0123456789abcdefull};
  return v;
}

inline zisk::Program ops_program() {
  const auto& ops = edge_operands();
  const std::int64_t n = static_cast<std::int64_t>(ops.size());
  Asm a;
  a.li(s0, static_cast<std::int64_t>(kData));  // operand table
  a.li(s1, 0);                                 // accumulator
  a.li(s2, 0);                                 // i * 8
  const std::uint64_t outer = a.pc();
  a.li(s3, 0);  // j * 8
  const std::uint64_t inner = a.pc();
  a.add(t5, s0, s2);
  a.ld(t0, 0, t5);
  a.add(t5, s0, s3);
  a.ld(t1, 0, t5);
  for (Opcode op : {Opcode::kAdd,   Opcode::kSub,  Opcode::kSll,    Opcode::kSlt,   Opcode::kSltu,
                    Opcode::kXor,   Opcode::kSrl,  Opcode::kSra,    Opcode::kOr,    Opcode::kAnd,
                    Opcode::kAddw,  Opcode::kSubw, Opcode::kSllw,   Opcode::kSrlw,  Opcode::kSraw,
                    Opcode::kMul,   Opcode::kMulh, Opcode::kMulhsu, Opcode::kMulhu, Opcode::kMulw,
                    Opcode::kDiv,   Opcode::kDivu, Opcode::kRem,    Opcode::kRemu,  Opcode::kDivw,
                    Opcode::kDivuw, Opcode::kRemw, Opcode::kRemuw}) {
    a.r(op, t2, t0, t1);
    a.r(Opcode::kXor, s1, s1, t2);
    a.shift(Opcode::kSlli, t3, s1, 1);
    a.shift(Opcode::kSrli, t4, s1, 63);
    a.r(Opcode::kOr, s1, t3, t4);  // rotate
  }
  for (Opcode op : {Opcode::kAddi, Opcode::kSlti, Opcode::kSltiu, Opcode::kXori, Opcode::kOri,
                    Opcode::kAndi, Opcode::kAddiw}) {
    a.i(op, t2, t0, -7);
    a.add(s1, s1, t2);
  }
  for (Opcode op : {Opcode::kSlli, Opcode::kSrli, Opcode::kSrai}) {
    a.shift(op, t2, t0, 37);
    a.add(s1, s1, t2);
  }
  for (Opcode op : {Opcode::kSlliw, Opcode::kSrliw, Opcode::kSraiw}) {
    a.shift(op, t2, t0, 13);
    a.add(s1, s1, t2);
  }
  // Branches: each taken or not depending on the operands; the taken path skips one addi.
  for (Opcode op :
       {Opcode::kBeq, Opcode::kBne, Opcode::kBlt, Opcode::kBge, Opcode::kBltu, Opcode::kBgeu}) {
    a.b(op, t0, t1, 8);
    a.addi(s1, s1, 3);
  }
  // Stores and loads of every width at offset (i + j) & 15 of a scratch area (unaligned and
  // crossing words), then a load back of each width.
  a.add(t5, s2, s3);
  a.shift(Opcode::kSrli, t5, t5, 3);
  a.i(Opcode::kAndi, t5, t5, 15);
  a.li(t6, static_cast<std::int64_t>(kData + 0x200));
  a.add(t5, t5, t6);
  a.sd(t0, 0, t5);
  a.s(Opcode::kSw, t1, 3, t5);
  a.s(Opcode::kSh, t1, 9, t5);
  a.sb(t0, 14, t5);
  for (Opcode op : {Opcode::kLb, Opcode::kLh, Opcode::kLw, Opcode::kLd, Opcode::kLbu, Opcode::kLhu,
                    Opcode::kLwu}) {
    a.i(op, t2, t5, 5);
    a.add(s1, s1, t2);
  }
  a.addi(s3, s3, 8);
  a.li(t6, 8 * n);
  a.b(Opcode::kBlt, s3, t6, static_cast<std::int64_t>(inner) - static_cast<std::int64_t>(a.pc()));
  a.addi(s2, s2, 8);
  a.b(Opcode::kBlt, s2, t6, static_cast<std::int64_t>(outer) - static_cast<std::int64_t>(a.pc()));
  // lui, auipc, jal / jalr with even and odd immediates, a non-exit ecall.
  a.u(Opcode::kLui, t0, 0xfedcb);
  a.add(s1, s1, t0);
  a.u(Opcode::kAuipc, t0, 3);
  a.add(s1, s1, t0);
  a.j(ra, 12);         // call f
  a.addi(s1, s1, 5);   // after return
  a.j(zero, 16);       // skip f
  a.addi(t4, ra, -1);  // f: return through jalr with an odd immediate
  a.addi(s1, s1, 1);
  a.jalr(zero, t4, 1);
  a.addi(a7, zero, 1);  // ecall that is not exit: returns to the next instruction
  a.ecall();
  a.add(s1, s1, ra);  // ra holds the ecall's return address (ZisK clobbers it)
  // Checksum of the scratch area.
  a.ld(s2, 0x200, s0);
  a.ld(s3, 0x208, s0);
  publish_and_exit(a, {s1, s2, s3});
  std::vector<std::uint8_t> data(0x220, 0);
  for (std::size_t i = 0; i < ops.size(); ++i) {
    for (int b = 0; b < 8; ++b) data[8 * i + b] = static_cast<std::uint8_t>(ops[i] >> (8 * b));
  }
  return program(a, {{kData, data}});
}

// ZisK's DMA ports as the guest SDK's memcpy / memset / memcmp use them: memcpy (count in a
// register), xmemcpy (immediate count), xmemset, memcmp (equal and different), with unaligned
// and overlapping ranges. Published: the memcmp results and words of the destination.
inline zisk::Program dma_program() {
  Asm a;
  a.li(s0, static_cast<std::int64_t>(kData));
  a.addi(a0, s0, 256 + 5);  // dst
  a.addi(a1, s0, 3);        // src
  a.addi(a2, zero, 37);
  a.csr(Opcode::kCsrrs, zero, 0x813, a1);  // memcpy(dst, src, 37)
  a.add(zero, a0, a2);
  a.addi(a0, s0, 16);  // overlapping, forwards: memmove semantics
  a.csr(Opcode::kCsrrs, zero, 0x813, s0);
  a.addi(zero, a0, 21);  // xmemcpy(s0 + 16, s0, 21)
  a.addi(a3, s0, 400 + 1);
  a.addi(a4, zero, 19);
  a.csr(Opcode::kCsrrs, zero, 0x816, a3);  // xmemset(s0 + 401, 19, 0xab)
  a.addi(zero, a4, 0xab);
  a.addi(a0, s0, 256 + 5);
  a.addi(a1, s0, 3);
  a.csr(Opcode::kCsrrs, zero, 0x814, a1);  // memcmp(dst, src, 37) after the copy: 0
  a.add(s1, a0, a2);
  a.addi(a0, s0, 400);
  a.csr(Opcode::kCsrrs, zero, 0x814, s0);  // memcmp(s0 + 400, s0, 37): differs
  a.add(s2, a0, a2);
  a.ld(s3, 256 + 8, s0);
  a.ld(t0, 408, s0);
  publish_and_exit(a, {s1, s2, s3, t0});
  std::vector<std::uint8_t> data(512);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 13 + 1);
  return program(a, {{kData, data}});
}

inline zisk::Program tiny_program() {
  Asm a;
  a.li(s1, 1);
  a.li(s2, 0);
  a.li(t0, 12);
  const std::uint64_t loop = a.pc();
  a.add(s2, s2, s1);
  a.r(Opcode::kMul, s1, s1, t0);
  a.addi(t0, t0, -1);
  a.b(Opcode::kBne, t0, zero, static_cast<std::int64_t>(loop) - static_cast<std::int64_t>(a.pc()));
  publish_and_exit(a, {s1, s2});
  return program(a);
}

}  // namespace ziskc::sm::testing
