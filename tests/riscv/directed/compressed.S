/* Directed test: every RV64C instruction, written with explicit c.* mnemonics (no ebreak):
 * immediates sign-extended as the C extension defines, the x8..x15 register subset, the
 * sp-relative loads/stores, c.jalr's link (pc + 2), and 4-byte instructions (an AMO, a
 * division) placed at 2-byte-aligned addresses between compressed ones. */
#include "directed.h"

TEST_BEGIN
  .option push
  .option rvc
  c.li a0, -32
  EXPECT(a0, -32)
  c.li a0, 31
  EXPECT(a0, 31)
  c.lui a1, 1
  EXPECT(a1, 0x1000)
  c.lui a1, 0x1f
  EXPECT(a1, 0x1f000)
  c.lui a1, 0xfffff
  EXPECT(a1, 0xfffffffffffff000)
  c.lui a1, 0xfffe0
  EXPECT(a1, 0xfffffffffffe0000)
  c.li a0, 0
  c.addi a0, -1
  EXPECT(a0, -1)
  c.addi a0, 31
  EXPECT(a0, 30)
  li a0, 0x7fffffff
  c.addiw a0, 1
  EXPECT(a0, 0xffffffff80000000)
  li a0, 0x00000000ffffffff
  c.addiw a0, 0
  EXPECT(a0, -1)

  addi sp, BASE, 512
  c.addi16sp sp, -512
  sub a1, sp, BASE
  EXPECT(a1, 0)
  c.addi16sp sp, 496
  sub a1, sp, BASE
  EXPECT(a1, 496)
  c.addi4spn a2, sp, 1020
  sub a1, a2, BASE
  EXPECT(a1, 1516)
  addi sp, BASE, 256

  li a0, 1
  c.slli a0, 63
  EXPECT(a0, 0x8000000000000000)
  c.srli a0, 1
  EXPECT(a0, 0x4000000000000000)
  li a0, 0x8000000000000000
  c.srai a0, 63
  EXPECT(a0, -1)
  li a0, 0x123456789abcdef0
  c.andi a0, -32
  EXPECT(a0, 0x123456789abcdee0)
  c.andi a0, 15
  EXPECT(a0, 0)

  li a1, 0x1111
  c.mv a0, a1
  EXPECT(a0, 0x1111)
  li a1, 0x2222
  c.add a0, a1
  EXPECT(a0, 0x3333)
  c.sub a0, a1
  EXPECT(a0, 0x1111)
  li a0, 0xff00
  li a1, 0x0ff0
  c.xor a0, a1
  EXPECT(a0, 0xf0f0)
  c.or a0, a1
  EXPECT(a0, 0xfff0)
  c.and a0, a1
  EXPECT(a0, 0x0ff0)
  li a0, 0x7fffffff
  li a1, 1
  c.addw a0, a1
  EXPECT(a0, 0xffffffff80000000)
  li a0, 0
  c.subw a0, a1
  EXPECT(a0, -1)

  /* Loads and stores: register-relative (x8..x15) and sp-relative. */
  addi a5, BASE, 256
  li a0, 0x80000000fedcba98
  c.sd a0, 248(a5)
  c.ld a1, 248(a5)
  EXPECT(a1, 0x80000000fedcba98)
  c.sd a0, 120(a5)
  c.lw a1, 120(a5)
  EXPECT(a1, 0xfffffffffedcba98)
  c.lw a1, 124(a5)
  EXPECT(a1, 0xffffffff80000000)
  li a0, 0x12345678
  c.sw a0, 100(a5)
  c.lw a2, 100(a5)
  EXPECT(a2, 0x12345678)
  li a0, 0x0a0b0c0d0e0f0102
  c.sdsp a0, 504(sp)
  c.ldsp a3, 504(sp)
  EXPECT(a3, 0x0a0b0c0d0e0f0102)
  c.sdsp a0, 240(sp)
  c.lwsp a3, 240(sp)
  EXPECT(a3, 0x0e0f0102)
  c.lwsp a3, 244(sp)
  EXPECT(a3, 0x0a0b0c0d)
  li a0, -2
  c.swsp a0, 252(sp)
  c.lwsp a4, 252(sp)
  EXPECT(a4, -2)
  ld a4, 760(BASE)
  EXPECT(a4, 0x0a0b0c0d0e0f0102)

  /* Control transfer. */
  li a2, 0
  c.j 1f
  c.li a2, 1
1:
  EXPECT(a2, 0)
  li a0, 0
  c.beqz a0, 2f
  c.li a2, 2
2:
  c.bnez a0, 3f
  c.li a2, 3
3:
  EXPECT(a2, 3)
  la a0, c_target
  c.jalr a0
c_ret:
  EXPECT_ADDR(ra, c_ret)
  EXPECT(a1, 0x77)
  la a0, c_target2
  c.jr a0
  c.li a1, 0
c_back:
  EXPECT(a1, 0x78)
  c.nop

  /* 4-byte instructions at addresses = 2 mod 4, between compressed ones. */
  c.nop
  addi a5, BASE, 64
  c.li a1, 7
  c.sd a1, 0(a5)
  c.nop
  amoadd.d a2, a1, (a5)
  c.nop
  div a3, a1, zero
  c.nop
  EXPECT(a2, 7)
  c.ld a4, 0(a5)
  EXPECT(a4, 14)
  EXPECT(a3, -1)
  j c_done

c_target:
  c.li a1, 0x1f
  addi a1, a1, 0x58
  c.jr ra
c_target2:
  li a1, 0x78
  j c_back
c_done:
  .option pop
TEST_END

TEST_SCRATCH_BEGIN
TEST_SCRATCH_PATTERN
TEST_SCRATCH_END
