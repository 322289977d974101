/* Directed test: lr/sc. An sc that follows its lr (same address, no other store in
 * between) succeeds: it writes 0 to rd and stores rs2 (sc.w: the low 32 bits only); lr.w
 * sign-extends. ZisK implements sc as an always-successful store, so only sequences
 * whose sc succeeds on real hardware and qemu are tested (docs/EMULATOR.md, "Tests"). */
#include "directed.h"

TEST_BEGIN
  addi a5, BASE, 64
  li a0, 0x0123456789abcdef
  sd a0, 0(a5)
  lr.d a2, (a5)
  EXPECT(a2, 0x0123456789abcdef)
  li a1, 0x7777
  sc.d a3, a1, (a5)
  EXPECT(a3, 0)
  ld a4, 0(a5)
  EXPECT(a4, 0x7777)

  li a0, 0xaaaaaaaa80000000
  sd a0, 0(a5)
  lr.w a2, (a5)
  EXPECT(a2, 0xffffffff80000000)
  li a1, 0x1234567812345678
  sc.w a3, a1, (a5)
  EXPECT(a3, 0)
  ld a4, 0(a5)
  EXPECT(a4, 0xaaaaaaaa12345678)

  /* The usual atomic-increment loop. */
  sd zero, 0(a5)
  li a4, 10
1:
  lr.d.aq a0, (a5)
  addi a0, a0, 3
  sc.d.rl a1, a0, (a5)
  bnez a1, 1b
  addi a4, a4, -1
  bnez a4, 1b
  ld a2, 0(a5)
  EXPECT(a2, 30)

  /* sc with rd == rs2 and with rd == rs1. */
  lr.d a0, (a5)
  li a1, 55
  sc.d a1, a1, (a5)
  EXPECT(a1, 0)
  ld a2, 0(a5)
  EXPECT(a2, 55)
  lr.w a0, (a5)
  EXPECT(a0, 55)
  li a1, 66
  sc.w a5, a1, (a5)
  EXPECT(a5, 0)
  ld a2, 64(BASE)
  EXPECT(a2, 66)

  /* lr/sc into x0, on the high word of a dword. */
  addi a5, BASE, 76
  lr.w zero, (a5)
  li a1, -1
  sc.w zero, a1, (a5)
  EXPECT(zero, 0)
  ld a2, 72(BASE)
  srli a2, a2, 32
  EXPECT(a2, 0xffffffff)
TEST_END

TEST_SCRATCH_BEGIN
TEST_SCRATCH_PATTERN
TEST_SCRATCH_END
