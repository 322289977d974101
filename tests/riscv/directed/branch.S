/* Directed test: conditional branches, taken and not taken, on the signed/unsigned edge
 * cases; the zero-compare pseudo-instructions; backward branches (loops); and branches
 * near the ends of their +-4 KiB range. */
#include "directed.h"

TEST_BEGIN
  TEST_BR(beq, 0, 0, 1)
  TEST_BR(beq, 1, 0, 0)
  TEST_BR(beq, -1, -1, 1)
  TEST_BR(beq, 0x8000000000000000, 0, 0)
  TEST_BR(bne, 0, 1, 1)
  TEST_BR(bne, 5, 5, 0)
  TEST_BR(bne, 0x100000000, 0, 1)
  TEST_BR(blt, -1, 0, 1)
  TEST_BR(blt, 0, -1, 0)
  TEST_BR(blt, 0x8000000000000000, 0x7fffffffffffffff, 1)
  TEST_BR(blt, 5, 5, 0)
  TEST_BR(bge, 5, 5, 1)
  TEST_BR(bge, -1, 0, 0)
  TEST_BR(bge, 0x7fffffffffffffff, 0x8000000000000000, 1)
  TEST_BR(bltu, 0, -1, 1)
  TEST_BR(bltu, -1, 0, 0)
  TEST_BR(bltu, 0x7fffffffffffffff, 0x8000000000000000, 1)
  TEST_BR(bltu, 5, 5, 0)
  TEST_BR(bgeu, -1, 0, 1)
  TEST_BR(bgeu, 0, -1, 0)
  TEST_BR(bgeu, 5, 5, 1)
  TEST_BR(bgt, 1, -1, 1)
  TEST_BR(ble, 1, -1, 0)
  TEST_BR(bgtu, 1, -1, 0)
  TEST_BR(bleu, 1, -1, 1)
  TEST_BRZ(beqz, 0, 1)
  TEST_BRZ(beqz, 0x100000000, 0)
  TEST_BRZ(bnez, 0, 0)
  TEST_BRZ(bnez, 0x8000000000000000, 1)
  TEST_BRZ(bltz, 0x8000000000000000, 1)
  TEST_BRZ(bltz, 0, 0)
  TEST_BRZ(bgez, 0, 1)
  TEST_BRZ(bgez, -1, 0)
  TEST_BRZ(blez, 0, 1)
  TEST_BRZ(blez, 1, 0)
  TEST_BRZ(bgtz, 1, 1)
  TEST_BRZ(bgtz, 0x8000000000000000, 0)

  /* The same register on both sides. */
  li a0, 0x8000000000000000
  li a2, 0
  blt a0, a0, 1f
  bltu a0, a0, 1f
  bne a0, a0, 1f
  li a2, 1
1:
  EXPECT(a2, 1)

  /* A backward branch: sum 1..100. */
  li a0, 0
  li a1, 100
2:
  add a0, a0, a1
  addi a1, a1, -1
  bnez a1, 2b
  EXPECT(a0, 5050)

  /* Near-maximal forward and backward offsets (the ISA limit is -4096 .. +4094). */
  .option push
  .option norvc
  li a2, 0
  beq zero, zero, far_fwd
  li a2, 1
  .fill 1015, 4, 0x00000013  /* nop */
far_fwd:
  EXPECT(a2, 0)
  li a3, 2
  j far_back_entry
far_back:
  addi a3, a3, -1
  beqz a3, far_back_done
  .fill 1000, 4, 0x00000013
far_back_entry:
  bnez a3, far_back
far_back_done:
  .option pop
  EXPECT(a3, 0)
TEST_END

TEST_SCRATCH_BEGIN
TEST_SCRATCH_PATTERN
TEST_SCRATCH_END
