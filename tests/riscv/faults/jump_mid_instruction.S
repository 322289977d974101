/* Negative test (execute_negative_test.cc): a jump to the middle of a 4-byte instruction.
 * ZisK transpiles each RISC-V instruction at its own address, so a target that is not the
 * start of an instruction is a misaligned jump and a guest fault (DESIGN.md §2.1), exit 2.
 * (Real hardware would decode the upper half as a new instruction; ziskc does not.) */
#include "harness.h"

TEST_BEGIN
  la a0, target + 2
  .globl fault_pc
fault_pc:
  jr a0
  .option push
  .option norvc
target:
  lui a1, 0x12345
  .option pop
TEST_END

TEST_SCRATCH_BEGIN
TEST_SCRATCH_END
