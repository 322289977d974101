/* Directed test: rv64i word (*w) instructions. They use the low 32 bits of their operands,
 * shift by the low 5 bits, and sign-extend the 32-bit result to 64 bits. */
#include "directed.h"

TEST_BEGIN
  TEST_RR(addw, 0x7fffffff, 1, 0xffffffff80000000)
  TEST_RR(addw, 0xffffffff, 1, 0)
  TEST_RR(addw, 0x123456789, 0, 0x23456789)
  TEST_RR(addw, 0x80000000, 0x80000000, 0)
  TEST_RR(addw, 0xffffffff00000000, 0xffffffff, -1)
  TEST_RR(subw, 0, 1, -1)
  TEST_RR(subw, 0x80000000, 1, 0x7fffffff)
  TEST_RR(subw, 0x100000000, 1, -1)
  TEST_RR(subw, 0x7fffffff, -1, 0xffffffff80000000)
  TEST_RR(sllw, 1, 31, 0xffffffff80000000)
  TEST_RR(sllw, 1, 32, 1)
  TEST_RR(sllw, 0xffffffff12345678, 4, 0x23456780)
  TEST_RR(sllw, 1, 0x3f, 0xffffffff80000000)
  TEST_RR(srlw, 0x80000000, 31, 1)
  TEST_RR(srlw, 0xffffffff80000000, 0, 0xffffffff80000000)
  TEST_RR(srlw, 0x80000000, 0, 0xffffffff80000000)
  TEST_RR(srlw, 0xffffffff, 1, 0x7fffffff)
  TEST_RR(srlw, 0x1234567800000000, 4, 0)
  TEST_RR(srlw, 0x80000000, 33, 0x40000000)
  TEST_RR(sraw, 0x80000000, 31, -1)
  TEST_RR(sraw, 0x80000000, 1, 0xffffffffc0000000)
  TEST_RR(sraw, 0x7fffffff, 30, 1)
  TEST_RR(sraw, 0xffffffff00000010, 4, 1)
  TEST_RR(sraw, 0x80000000, 32, 0xffffffff80000000)
  TEST_RR_SAME(addw, 0x40000000, 0xffffffff80000000)
  TEST_RR_SAME(subw, 0x123456789, 0)

  TEST_RI(addiw, 0x7fffffff, 1, 0xffffffff80000000)
  TEST_RI(addiw, 0xffffffff, 0, -1)
  TEST_RI(addiw, 0x100000000, -1, -1)
  TEST_RI(addiw, 0x12345678, -2048, 0x12344e78)
  TEST_RI(addiw, 0xfffffffe7fffffff, 2047, 0xffffffff800007fe)
  TEST_RI(slliw, 1, 31, 0xffffffff80000000)
  TEST_RI(slliw, 0xffffffff, 16, 0xffffffffffff0000)
  TEST_RI(slliw, 0x100000001, 0, 1)
  TEST_RI(srliw, 0x80000000, 31, 1)
  TEST_RI(srliw, 0xffffffff80000000, 0, 0xffffffff80000000)
  TEST_RI(srliw, 0xffffffff, 4, 0x0fffffff)
  TEST_RI(sraiw, 0x80000000, 31, -1)
  TEST_RI(sraiw, 0x80000000, 0, 0xffffffff80000000)
  TEST_RI(sraiw, 0xffffffff7fffffff, 16, 0x7fff)

  /* sext.w and negw are addiw / subw pseudo-instructions. */
  li a0, 0x00000000deadbeef
  sext.w a1, a0
  EXPECT(a1, 0xffffffffdeadbeef)
  li a0, 0x80000000
  negw a1, a0
  EXPECT(a1, 0xffffffff80000000)
TEST_END

TEST_SCRATCH_BEGIN
TEST_SCRATCH_PATTERN
TEST_SCRATCH_END
