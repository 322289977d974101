/* Negative test (execute_negative_test.cc): a program that never ends; with a step limit
 * (`ziskc execute -n N`) the run stops with exit code 2 and an `error:` line about the
 * step limit. */
#include "harness.h"

TEST_BEGIN
  li a0, 0
  .globl fault_pc
fault_pc:
  addi a0, a0, 1
  j fault_pc
TEST_END

TEST_SCRATCH_BEGIN
TEST_SCRATCH_END
