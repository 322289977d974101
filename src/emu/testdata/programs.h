// Test-only guest programs for the emu tests, built with the test assembler
// (zisk/testdata/asm.h): each exercises one area and ends by publishing registers to the
// OUTPUT area and exiting through ZisK's exit call.
#pragma once

#include <cstdint>
#include <vector>

#include "zisk/testdata/asm.h"

namespace ziskc::emu::testing {

using namespace zisk::testing;  // NOLINT

inline constexpr std::uint64_t kOut = 0xA041'0000;   // OUTPUT_ADDR (layout zisk)
inline constexpr std::uint64_t kData = 0xA043'0000;  // guest RAM data

// Stores registers regs[i] to output word pair i, then exits.
inline void publish_and_exit(Asm& a, std::vector<unsigned> regs) {
  a.li(t6, static_cast<std::int64_t>(kOut));
  for (std::size_t i = 0; i < regs.size(); ++i) a.sd(regs[i], static_cast<std::int64_t>(8 * i), t6);
  a.exit();
}

// Arithmetic, branches, calls, loads/stores of every width (aligned and not), AMOs and CSRs:
// a loop of `iterations` rounds mixing them. Published: s1..s3.
inline zisk::Program stress_program(int iterations) {
  Asm a;
  a.li(s0, static_cast<std::int64_t>(kData));
  a.li(s1, 0x0123'4567'89ab'cdefLL);
  a.li(s2, 1);
  a.li(s3, 0);
  a.li(t0, iterations);
  const std::uint64_t loop = a.pc();
  // s1 = s1 * 0x9e37... + s2 ; s2 ^= s1 >> 29 ; s3 += s1 / (s2 | 1) + s1 % 7
  a.li(t1, static_cast<std::int64_t>(0x9e37'79b9'7f4a'7c15ull));
  a.r(Opcode::kMul, s1, s1, t1);
  a.add(s1, s1, s2);
  a.shift(Opcode::kSrli, t2, s1, 29);
  a.r(Opcode::kXor, s2, s2, t2);
  a.i(Opcode::kOri, t3, s2, 1);
  a.r(Opcode::kDivu, t4, s1, t3);
  a.add(s3, s3, t4);
  a.addi(t3, zero, 7);
  a.r(Opcode::kRemu, t4, s1, t3);
  a.add(s3, s3, t4);
  a.r(Opcode::kMulh, t4, s1, s2);
  a.r(Opcode::kAddw, s3, s3, t4);
  // Memory: store s1 unaligned at s0 + (s2 & 31), read it back in pieces.
  a.i(Opcode::kAndi, t2, s2, 31);
  a.add(t2, s0, t2);
  a.sd(s1, 3, t2);
  a.i(Opcode::kLw, t4, t2, 5);
  a.add(s3, s3, t4);
  a.i(Opcode::kLhu, t4, t2, 4);
  a.r(Opcode::kXor, s3, s3, t4);
  a.s(Opcode::kSh, s2, 9, t2);
  a.i(Opcode::kLbu, t4, t2, 10);
  a.add(s3, s3, t4);
  a.i(Opcode::kLd, t4, s0, 8);
  a.add(s3, s3, t4);
  // AMOs and lr/sc on an aligned word.
  a.addi(t5, s0, 64);
  a.amo(Opcode::kAmoAddD, t4, s1, t5);
  a.amo(Opcode::kAmoXorW, t3, s2, t5);
  a.add(s3, s3, t3);
  a.amo(Opcode::kAmoMaxuD, t3, t3, t5);  // rd == rs2: through a temporary
  a.amo(Opcode::kLrD, t4, zero, t5);
  a.amo(Opcode::kScD, t3, s3, t5);
  a.add(s3, s3, t3);
  // A CSR round trip (plain CSRs are memory words).
  a.csr(Opcode::kCsrrw, t4, 0x340, s1);
  a.csr(Opcode::kCsrrs, t3, 0x340, s2);
  a.add(s3, s3, t3);
  a.csr(Opcode::kCsrrc, t3, 0x340, t3);  // rd == rs1
  // A call through jal / jalr with an odd immediate.
  a.j(ra, 12);
  a.addi(s3, s3, 1);  // skipped by the jal, executed on return
  a.j(zero, 12);
  a.addi(t4, ra, -3);  // callee: return through jalr imm odd
  a.jalr(zero, t4, 3);
  a.addi(t0, t0, -1);
  a.b(Opcode::kBne, t0, zero, static_cast<std::int64_t>(loop) - static_cast<std::int64_t>(a.pc()));
  publish_and_exit(a, {s1, s2, s3});
  return program(a, {{kData, std::vector<std::uint8_t>(128, 0x5a)}});
}

// Precompiles and DMA: keccak-f once on the zero 25-word state, sha256 compress twice through
// its parameter block, a memcpy after them. Published: keccak lanes 0, 1 and a sha256 state word.
inline zisk::Program precompile_program() {
  Asm a;
  a.li(s0, static_cast<std::int64_t>(kData));  // keccak state at +0 (25 words)
  a.csr(Opcode::kCsrrs, zero, 0x800, s0);
  a.addi(a0, s0, 512);  // sha256 params {state = +256, input = +320} at +512
  for (int k = 0; k < 2; ++k) a.csr(Opcode::kCsrrs, zero, 0x805, a0);
  a.addi(a0, s0, 400);  // memcpy(+400, +3, 37)
  a.addi(a1, s0, 3);
  a.addi(a2, zero, 37);
  a.csr(Opcode::kCsrrs, zero, 0x813, a1);
  a.add(zero, a0, a2);
  a.ld(s1, 0, s0);
  a.ld(s2, 8, s0);
  a.i(Opcode::kLwu, s3, s0, 256);
  publish_and_exit(a, {s1, s2, s3});
  std::vector<std::uint8_t> data(1024, 0);
  for (std::size_t i = 256; i < 384; ++i) data[i] = static_cast<std::uint8_t>(i * 7);
  const std::uint64_t params[2] = {kData + 256, kData + 320};
  for (int w = 0; w < 2; ++w) {
    for (int b = 0; b < 8; ++b)
      data[512 + 8 * w + b] = static_cast<std::uint8_t>(params[w] >> (8 * b));
  }
  return program(a, {{kData, data}});
}

}  // namespace ziskc::emu::testing
