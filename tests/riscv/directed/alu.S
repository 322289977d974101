/* Directed test: rv64i register-register and immediate ALU instructions, lui, auipc.
 * Expected values follow the RISC-V unprivileged ISA (shift amounts use the low 6 bits,
 * immediates are sign-extended 12-bit, lui/auipc sign-extend their 32-bit result). */
#include "directed.h"

TEST_BEGIN
  TEST_RR(add, 1, 2, 3)
  TEST_RR(add, -1, 1, 0)
  TEST_RR(add, 0x7fffffffffffffff, 1, 0x8000000000000000)
  TEST_RR(add, 0x8000000000000000, 0x8000000000000000, 0)
  TEST_RR(add, 0xffffffff, 1, 0x100000000)
  TEST_RR_SAME(add, 0x4000000000000001, 0x8000000000000002)
  TEST_RR(sub, 0, 1, -1)
  TEST_RR(sub, 0x8000000000000000, 1, 0x7fffffffffffffff)
  TEST_RR(sub, 5, 5, 0)
  TEST_RR_SAME(sub, 0x123456789, 0)
  TEST_RR(and, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0x0f000f000f000f00)
  TEST_RR(or, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xfff0fff0fff0fff0)
  TEST_RR(xor, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0)
  TEST_RR_SAME(xor, -1, 0)
  TEST_RR(slt, -1, 0, 1)
  TEST_RR(slt, 0, -1, 0)
  TEST_RR(slt, 0x8000000000000000, 0x7fffffffffffffff, 1)
  TEST_RR(slt, 5, 5, 0)
  TEST_RR(sltu, -1, 0, 0)
  TEST_RR(sltu, 0, -1, 1)
  TEST_RR(sltu, 0x8000000000000000, 0x7fffffffffffffff, 0)
  TEST_RR(sltu, 1, 2, 1)
  TEST_RR(sll, 1, 63, 0x8000000000000000)
  TEST_RR(sll, 1, 64, 1)
  TEST_RR(sll, 1, 0xffffffffffffffc1, 2)
  TEST_RR(sll, -1, 32, 0xffffffff00000000)
  TEST_RR(srl, 0x8000000000000000, 63, 1)
  TEST_RR(srl, -1, 1, 0x7fffffffffffffff)
  TEST_RR(srl, 0x8000000000000000, 64, 0x8000000000000000)
  TEST_RR(srl, 0xff, 0x44, 0xf)
  TEST_RR(sra, 0x8000000000000000, 63, -1)
  TEST_RR(sra, 0x8000000000000000, 1, 0xc000000000000000)
  TEST_RR(sra, 0x7fffffffffffffff, 62, 1)
  TEST_RR(sra, -16, 0x42, -4)

  TEST_RI(addi, 1, -1, 0)
  TEST_RI(addi, 0x7fffffffffffffff, 1, 0x8000000000000000)
  TEST_RI(addi, 0, -2048, -2048)
  TEST_RI(addi, 0, 2047, 2047)
  TEST_RI(slti, -1, 0, 1)
  TEST_RI(slti, 0, -1, 0)
  TEST_RI(slti, 0x8000000000000000, -2048, 1)
  TEST_RI(slti, -2048, -2048, 0)
  TEST_RI(sltiu, 0, -1, 1)
  TEST_RI(sltiu, -1, -1, 0)
  TEST_RI(sltiu, 5, 6, 1)
  TEST_RI(sltiu, 0, 1, 1)
  TEST_RI(sltiu, 0xfffffffffffff800, -2048, 0)
  TEST_RI(xori, 0x00ff00ff00ff00ff, -1, 0xff00ff00ff00ff00)
  TEST_RI(xori, 0x123, 0x7ff, 0x6dc)
  TEST_RI(ori, 0x8000000000000000, -2048, 0xfffffffffffff800)
  TEST_RI(ori, 0x1000, 0x7ff, 0x17ff)
  TEST_RI(andi, -1, -2048, 0xfffffffffffff800)
  TEST_RI(andi, 0x12345678, 0x7ff, 0x678)
  TEST_RI(slli, 1, 63, 0x8000000000000000)
  TEST_RI(slli, 0xffffffff, 32, 0xffffffff00000000)
  TEST_RI(slli, 3, 0, 3)
  TEST_RI(srli, 0x8000000000000000, 63, 1)
  TEST_RI(srli, -1, 32, 0xffffffff)
  TEST_RI(srli, -1, 0, -1)
  TEST_RI(srai, 0x8000000000000000, 63, -1)
  TEST_RI(srai, 0x8000000000000000, 32, 0xffffffff80000000)
  TEST_RI(srai, 0x7fffffffffffffff, 32, 0x7fffffff)

  lui a0, 0
  EXPECT(a0, 0)
  lui a0, 1
  EXPECT(a0, 0x1000)
  lui a0, 0x7ffff
  EXPECT(a0, 0x7ffff000)
  lui a0, 0x80000
  EXPECT(a0, 0xffffffff80000000)
  lui a0, 0xfffff
  EXPECT(a0, 0xfffffffffffff000)

auipc_0:
  auipc a0, 0
  EXPECT_ADDR(a0, auipc_0)
auipc_1:
  auipc a1, 1
  EXPECT_ADDR(a1, auipc_1 + 0x1000)
auipc_m1:
  auipc a2, 0xfffff
  EXPECT_ADDR(a2, auipc_m1 - 0x1000)
auipc_big:
  auipc a3, 0x7ffff
  la t5, auipc_big
  sub a3, a3, t5
  EXPECT(a3, 0x7ffff000)
auipc_min:
  auipc a4, 0x80000
  la t5, auipc_min
  sub a4, a4, t5
  EXPECT(a4, 0xffffffff80000000)

  /* Writes to x0 are discarded; x0 reads as 0. */
  li a0, 7
  add zero, a0, a0
  addi zero, a0, 1
  lui zero, 0x12345
  EXPECT(zero, 0)
  add a1, zero, a0
  EXPECT(a1, 7)
TEST_END

TEST_SCRATCH_BEGIN
TEST_SCRATCH_PATTERN
TEST_SCRATCH_END
