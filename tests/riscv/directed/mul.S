/* Directed test: M-extension multiplications. mul/mulw keep the low 64/32 bits (mulw
 * sign-extends); mulh, mulhsu, mulhu return the high 64 bits of the 128-bit product of
 * signed*signed, signed*unsigned and unsigned*unsigned operands. */
#include "directed.h"

TEST_BEGIN
  TEST_RR(mul, 3, 7, 21)
  TEST_RR(mul, -1, -1, 1)
  TEST_RR(mul, 0x8000000000000000, -1, 0x8000000000000000)
  TEST_RR(mul, 0x100000000, 0x100000000, 0)
  TEST_RR(mul, 0x7fffffffffffffff, 2, -2)
  TEST_RR(mul, 0x0123456789abcdef, 0x10, 0x123456789abcdef0)
  TEST_RR(mul, 0, -1, 0)
  TEST_RR_SAME(mul, 0xffffffff, 0xfffffffe00000001)
  TEST_RR(mulh, -1, -1, 0)
  TEST_RR(mulh, 0x8000000000000000, 0x8000000000000000, 0x4000000000000000)
  TEST_RR(mulh, 0x8000000000000000, -1, 0)
  TEST_RR(mulh, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x3fffffffffffffff)
  TEST_RR(mulh, -2, 3, -1)
  TEST_RR(mulh, 0x8000000000000000, 1, -1)
  TEST_RR(mulh, 0x100000000, 0x100000000, 1)
  TEST_RR_SAME(mulh, 0x8000000000000000, 0x4000000000000000)
  TEST_RR(mulhu, -1, -1, 0xfffffffffffffffe)
  TEST_RR(mulhu, 0x8000000000000000, 2, 1)
  TEST_RR(mulhu, 0x100000000, 0x100000000, 1)
  TEST_RR(mulhu, 5, 7, 0)
  TEST_RR(mulhu, 0x8000000000000000, -1, 0x7fffffffffffffff)
  TEST_RR(mulhsu, -1, -1, -1)
  TEST_RR(mulhsu, -1, 1, -1)
  TEST_RR(mulhsu, 0x8000000000000000, -1, 0x8000000000000000)
  TEST_RR(mulhsu, 2, 0x8000000000000000, 1)
  TEST_RR(mulhsu, 0x7fffffffffffffff, -1, 0x7ffffffffffffffe)
  TEST_RR(mulhsu, -2, 0, 0)
  TEST_RR(mulw, 0x7fffffff, 2, -2)
  TEST_RR(mulw, 0x10000, 0x10000, 0)
  TEST_RR(mulw, 0x123456789, 1, 0x23456789)
  TEST_RR(mulw, 0xffffffff, 0xffffffff, 1)
  TEST_RR(mulw, 0x8000, 0x10000, 0xffffffff80000000)
  TEST_RR(mulw, 0xabcdef0100000003, 0x1234567800000005, 15)
TEST_END

TEST_SCRATCH_BEGIN
TEST_SCRATCH_PATTERN
TEST_SCRATCH_END
