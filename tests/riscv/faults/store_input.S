/* Negative test (execute_negative_test.cc): a store into the read-only input area
 * is a guest fault. `ziskc execute` must exit with code 2 and one `error:` line naming
 * the pc (fault_pc) and the address. If the fault were ignored, the program would exit
 * normally through TEST_END. */
#include "harness.h"

TEST_BEGIN
  li a0, 0x40000008
  .globl fault_pc
fault_pc:
  sw a1, 0(a0)
TEST_END

TEST_SCRATCH_BEGIN
TEST_SCRATCH_END
