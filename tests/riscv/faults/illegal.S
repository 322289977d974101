/* Negative test (execute_negative_test.cc): executing an illegal instruction (the all-zero
 * word, defined illegal by the ISA) is a guest fault: exit 2, one `error:` line naming the
 * pc (fault_pc). */
#include "harness.h"

TEST_BEGIN
  li a0, 1
  .globl fault_pc
fault_pc:
  .4byte 0x00000000
TEST_END

TEST_SCRATCH_BEGIN
TEST_SCRATCH_END
