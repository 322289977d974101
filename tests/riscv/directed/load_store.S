/* Directed test: aligned loads and stores of every width. lb/lh/lw sign-extend, lbu/lhu/lwu
 * zero-extend; sub-word stores change only their bytes; 12-bit offsets reach both ends of
 * their range; rd == rs1 and a store of its own base register work. */
#include "directed.h"

TEST_BEGIN
  li a0, 0xf0e1d2c3b4a59687
  sd a0, 256(BASE)
  li a0, 0x0102030405060708
  sd a0, 264(BASE)

  TEST_LD(lb, 256, 0xffffffffffffff87)
  TEST_LD(lb, 257, 0xffffffffffffff96)
  TEST_LD(lb, 263, 0xfffffffffffffff0)
  TEST_LD(lb, 264, 0x08)
  TEST_LD(lbu, 256, 0x87)
  TEST_LD(lbu, 263, 0xf0)
  TEST_LD(lh, 256, 0xffffffffffff9687)
  TEST_LD(lh, 262, 0xfffffffffffff0e1)
  TEST_LD(lh, 264, 0x0708)
  TEST_LD(lhu, 256, 0x9687)
  TEST_LD(lhu, 262, 0xf0e1)
  TEST_LD(lw, 256, 0xffffffffb4a59687)
  TEST_LD(lw, 260, 0xfffffffff0e1d2c3)
  TEST_LD(lw, 264, 0x05060708)
  TEST_LD(lw, 268, 0x01020304)
  TEST_LD(lwu, 256, 0xb4a59687)
  TEST_LD(lwu, 260, 0xf0e1d2c3)
  TEST_LD(ld, 256, 0xf0e1d2c3b4a59687)
  TEST_LD(ld, 264, 0x0102030405060708)

  /* Sub-word stores into a dword of ones / zeros. */
  li a0, -1
  sd a0, 272(BASE)
  sb zero, 277(BASE)
  TEST_LD(ld, 272, 0xffff00ffffffffff)
  sh zero, 274(BASE)
  TEST_LD(ld, 272, 0xffff00ff0000ffff)
  sw zero, 272(BASE)
  TEST_LD(ld, 272, 0xffff00ff00000000)
  sd zero, 280(BASE)
  li a0, 0x1122334455667788
  sb a0, 287(BASE)
  TEST_LD(ld, 280, 0x8800000000000000)
  sh a0, 280(BASE)
  TEST_LD(ld, 280, 0x8800000000007788)
  sw a0, 284(BASE)
  TEST_LD(ld, 280, 0x5566778800007788)
  sd a0, 280(BASE)
  TEST_LD(ld, 280, 0x1122334455667788)

  /* Offsets at both ends of the 12-bit range. */
  li a0, 0x3c3c3c3c3c3c3c3c
  sd a0, 0(BASE)
  addi a5, BASE, 2047
  addi a5, a5, 1
  ld a2, -2048(a5)
  EXPECT(a2, 0x3c3c3c3c3c3c3c3c)
  li a0, 0x5a5a5a5a5a5a5a5a
  addi a5, BASE, -600
  sd a0, 2040(a5)
  ld a2, 1440(BASE)
  EXPECT(a2, 0x5a5a5a5a5a5a5a5a)
  addi a5, BASE, 1700
  lw a2, -1444(a5)
  EXPECT(a2, 0xffffffffb4a59687)

  /* rd == rs1, and a store of the base register itself. */
  addi a1, BASE, 264
  ld a1, 0(a1)
  EXPECT(a1, 0x0102030405060708)
  addi a1, BASE, 296
  sd a1, 0(a1)
  ld a2, 296(BASE)
  EXPECT_ADDR(a2, scratch + BASE_OFFSET + 296)
  addi a1, BASE, 304
  sw a1, 0(a1)
  lwu a2, 304(BASE)
  EXPECT_ADDR(a2, scratch + BASE_OFFSET + 304)

  /* A load into x0 is performed and discarded. */
  ld zero, 256(BASE)
  lb zero, 257(BASE)
  EXPECT(zero, 0)

  /* Initial scratch contents come from the ELF's .data (file bytes): the last scratch
   * dword is element 479 of TEST_SCRATCH_PATTERN's sequence. */
  la a0, scratch + SCRATCH_SIZE - 8
  ld a1, 0(a0)
  EXPECT(a1, 0x7dc41d37df9c2f74)
TEST_END

TEST_SCRATCH_BEGIN
TEST_SCRATCH_PATTERN
TEST_SCRATCH_END
