/* Directed test: M-extension division and remainder, including the two special cases the
 * ISA defines without trapping: division by zero (quotient all ones, remainder = dividend)
 * and signed overflow (-2^63 / -1 = -2^63, remainder 0; likewise for the *w forms on the
 * low 32 bits, results sign-extended). Quotients round toward zero. */
#include "directed.h"

TEST_BEGIN
  TEST_RR(div, 20, 6, 3)
  TEST_RR(div, -20, 6, -3)
  TEST_RR(div, 20, -6, -3)
  TEST_RR(div, -20, -6, 3)
  TEST_RR(div, 5, 0, -1)
  TEST_RR(div, 0, 0, -1)
  TEST_RR(div, -5, 0, -1)
  TEST_RR(div, 0x8000000000000000, -1, 0x8000000000000000)
  TEST_RR(div, 0x8000000000000000, 1, 0x8000000000000000)
  TEST_RR_SAME(div, -7, 1)
  TEST_RR(divu, 20, 6, 3)
  TEST_RR(divu, -20, 6, 0x2aaaaaaaaaaaaaa7)
  TEST_RR(divu, 5, 0, -1)
  TEST_RR(divu, 0x8000000000000000, -1, 0)
  TEST_RR(divu, -1, 1, -1)
  TEST_RR(divu, -1, -1, 1)
  TEST_RR(rem, 20, 6, 2)
  TEST_RR(rem, -20, 6, -2)
  TEST_RR(rem, 20, -6, 2)
  TEST_RR(rem, -20, -6, -2)
  TEST_RR(rem, 5, 0, 5)
  TEST_RR(rem, -5, 0, -5)
  TEST_RR(rem, 0x8000000000000000, -1, 0)
  TEST_RR(rem, 0x8000000000000000, 0, 0x8000000000000000)
  TEST_RR(remu, 20, 6, 2)
  TEST_RR(remu, -20, 6, 2)
  TEST_RR(remu, 5, 0, 5)
  TEST_RR(remu, -1, 0, -1)
  TEST_RR(remu, 0x8000000000000000, -1, 0x8000000000000000)
  TEST_RR_SAME(remu, 0x123456789, 0)

  TEST_RR(divw, 20, 6, 3)
  TEST_RR(divw, -20, 6, -3)
  TEST_RR(divw, 0xffffffff80000000, -1, 0xffffffff80000000)
  TEST_RR(divw, 0x80000000, -1, 0xffffffff80000000)
  TEST_RR(divw, 5, 0, -1)
  TEST_RR(divw, 0x100000005, 0x100000000, -1)
  TEST_RR(divw, 0x100000014, 6, 3)
  TEST_RR(divuw, 0xffffffff, 1, -1)
  TEST_RR(divuw, 0xffffffec, 6, 0x2aaaaaa7)
  TEST_RR(divuw, 5, 0, -1)
  TEST_RR(divuw, 0x80000000, 1, 0xffffffff80000000)
  TEST_RR(divuw, 0x80000000, -1, 0)
  TEST_RR(remw, 20, 6, 2)
  TEST_RR(remw, -20, 6, -2)
  TEST_RR(remw, 0x80000000, -1, 0)
  TEST_RR(remw, 5, 0, 5)
  TEST_RR(remw, 0x1fffffffb, 0, -5)
  TEST_RR(remw, 0x80000000, 0, 0xffffffff80000000)
  TEST_RR(remuw, 20, 6, 2)
  TEST_RR(remuw, 0xffffffff, 0, -1)
  TEST_RR(remuw, 0x80000005, 0x10, 5)
  TEST_RR(remuw, 0xfffffff5, 0xfffffffe, -11)
  TEST_RR(remuw, 0x100000007, 0x100000003, 1)

  /* Results written to x0 are discarded, even for division by zero. */
  li a0, 9
  div zero, a0, zero
  remu zero, a0, zero
  EXPECT(zero, 0)
TEST_END

TEST_SCRATCH_BEGIN
TEST_SCRATCH_PATTERN
TEST_SCRATCH_END
