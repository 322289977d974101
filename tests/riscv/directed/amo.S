/* Directed test: every A-extension AMO, 32- and 64-bit, with the aq/rl variants. An AMO
 * returns the old memory value (the *.w forms sign-extend the old 32-bit word, also for
 * the unsigned min/max) and stores op(old, rs2); *.w forms change only their 4 bytes.
 * Also: rd == rs2, rd == rs1 (the address must be read before rd is written), rd == x0. */
#include "directed.h"

TEST_BEGIN
  TEST_AMO_D(amoswap.d, 0x1111111111111111, 0x2222222222222222, 0x2222222222222222)
  TEST_AMO_D(amoadd.d, 0x7fffffffffffffff, 1, 0x8000000000000000)
  TEST_AMO_D(amoadd.d, -1, 1, 0)
  TEST_AMO_D(amoxor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0)
  TEST_AMO_D(amoand.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0x0f000f000f000f00)
  TEST_AMO_D(amoor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xfff0fff0fff0fff0)
  TEST_AMO_D(amomin.d, -5, 3, -5)
  TEST_AMO_D(amomin.d, 3, -5, -5)
  TEST_AMO_D(amomin.d, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_AMO_D(amomax.d, -5, 3, 3)
  TEST_AMO_D(amomax.d, 0x8000000000000000, 0x7fffffffffffffff, 0x7fffffffffffffff)
  TEST_AMO_D(amominu.d, -5, 3, 3)
  TEST_AMO_D(amominu.d, 0x8000000000000000, 0x7fffffffffffffff, 0x7fffffffffffffff)
  TEST_AMO_D(amomaxu.d, -5, 3, -5)
  TEST_AMO_D(amomaxu.d, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_AMO_D(amoadd.d.aq, 40, 2, 42)
  TEST_AMO_D(amoadd.d.rl, 40, 2, 42)
  TEST_AMO_D(amoswap.d.aqrl, 40, 2, 2)

  TEST_AMO_W(amoswap.w, 0xaaaaaaaa80000001, 0x12345678, 0xffffffff80000001, 0xaaaaaaaa12345678)
  TEST_AMO_W(amoadd.w, 0xaaaaaaaa7fffffff, 1, 0x7fffffff, 0xaaaaaaaa80000000)
  TEST_AMO_W(amoadd.w, 0x00000000ffffffff, 1, -1, 0)
  TEST_AMO_W(amoxor.w, 0x55555555ffff0000, 0xffffffff0f0f0f0f, 0xffffffffffff0000, 0x55555555f0f00f0f)
  TEST_AMO_W(amoand.w, 0x55555555ffff0000, 0x0ff00ff0, 0xffffffffffff0000, 0x555555550ff00000)
  TEST_AMO_W(amoor.w, 0x5555555500000001, 0x80000000, 1, 0x5555555580000001)
  TEST_AMO_W(amomin.w, 0x0000000080000000, 5, 0xffffffff80000000, 0x0000000080000000)
  TEST_AMO_W(amomin.w, 0x0000000000000005, 0x00000000ffffffff, 5, 0x00000000ffffffff)
  TEST_AMO_W(amomax.w, 0x0000000080000000, 5, 0xffffffff80000000, 0x0000000000000005)
  TEST_AMO_W(amomax.w, 0x0000000000000005, 0x00000000ffffffff, 5, 0x0000000000000005)
  TEST_AMO_W(amominu.w, 0x0000000080000000, 5, 0xffffffff80000000, 0x0000000000000005)
  TEST_AMO_W(amomaxu.w, 0x0000000080000000, 5, 0xffffffff80000000, 0x0000000080000000)
  TEST_AMO_W(amomaxu.w, 0x1234567800000005, 0xffffffff00000007, 5, 0x1234567800000007)
  TEST_AMO_W(amoadd.w.aqrl, 0x0000000100000002, 3, 2, 0x0000000100000005)

  /* A .w AMO on the high word of a dword (4-byte aligned, not 8-byte aligned). */
  li a0, 0x8000000000000007
  sd a0, 64(BASE)
  addi a5, BASE, 68
  li a1, 1
  amoadd.w a2, a1, (a5)
  EXPECT(a2, 0xffffffff80000000)
  ld a3, 64(BASE)
  EXPECT(a3, 0x8000000100000007)

  /* rd == rs2: the old value replaces the operand after the store. */
  addi a5, BASE, 64
  li a0, 100
  sd a0, 0(a5)
  li a1, 11
  amoadd.d a1, a1, (a5)
  EXPECT(a1, 100)
  ld a3, 0(a5)
  EXPECT(a3, 111)
  /* rd == rs1: the access uses the address, rd then gets the old value. */
  li a1, 5
  amoswap.d a5, a1, (a5)
  EXPECT(a5, 111)
  ld a3, 64(BASE)
  EXPECT(a3, 5)
  /* rd == rs1 == rs2. */
  addi a5, BASE, 64
  amoadd.d a5, a5, (a5)
  EXPECT(a5, 5)
  ld a3, 64(BASE)
  la t5, scratch + BASE_OFFSET + 64 + 5
  sub a3, a3, t5
  EXPECT(a3, 0)
  /* rd == x0: the memory update still happens. */
  addi a5, BASE, 72
  sd zero, 0(a5)
  li a1, 9
  amoor.d zero, a1, (a5)
  amoadd.w zero, a1, (a5)
  EXPECT(zero, 0)
  ld a3, 0(a5)
  EXPECT(a3, 18)
TEST_END

TEST_SCRATCH_BEGIN
TEST_SCRATCH_PATTERN
TEST_SCRATCH_END
