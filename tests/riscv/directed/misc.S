/* Directed test: fence, fence.i and nop are no-ops; every instruction kind with rd == x0
 * leaves x0 at 0 and keeps its side effects (stores, AMO updates); `add x0, a0, a2` on its
 * own (the second half of ZisK's DMA pattern, without its csrs) is a plain no-op; x0 used
 * as a source reads 0 everywhere. */
#include "directed.h"

TEST_BEGIN
  li a0, 0x1234
  li a2, 0x5678
  fence
  fence rw, rw
  fence r, r
  fence.i
  nop
  add zero, a0, a2
  EXPECT(a0, 0x1234)
  EXPECT(a2, 0x5678)
  mul zero, a0, a2
  mulh zero, a0, a2
  sll zero, a0, a2
  slli zero, a0, 3
  lui zero, 0x80000
  auipc zero, 1
  ld zero, 0(BASE)
  jal zero, 1f
1:
  la a3, 2f
  jalr zero, 0(a3)
2:
  addi a5, BASE, 64
  sd a0, 0(a5)
  amoadd.d zero, a2, (a5)
  EXPECT(zero, 0)
  ld a4, 0(a5)
  EXPECT(a4, 0x68ac)

  /* x0 as a source. */
  add a1, zero, zero
  EXPECT(a1, 0)
  sub a1, zero, a0
  EXPECT(a1, -0x1234)
  sltu a1, zero, a0
  EXPECT(a1, 1)
  divu a1, a0, zero
  EXPECT(a1, -1)
  sd zero, 0(a5)
  ld a1, 0(a5)
  EXPECT(a1, 0)
  amoswap.d a1, zero, (a5)
  EXPECT(a1, 0)
TEST_END

TEST_SCRATCH_BEGIN
TEST_SCRATCH_PATTERN
TEST_SCRATCH_END
