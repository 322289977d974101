/* Directed test: words that are not valid instructions may sit in the code segment as long
 * as they are never executed (data in .text, padding): loading and transpiling the program
 * must not fail, only executing such a word is a guest fault (see faults/illegal.S). */
#include "directed.h"

TEST_BEGIN
  li a0, 1
  j 1f
  .4byte 0x00000000           /* the all-zero word: defined illegal */
  .4byte 0xffffffff
  .2byte 0x0000
  .balign 4
1:
  li a1, 2
  la a2, table
  ld a3, 8(a2)                /* data read from the code segment (ROM) */
  EXPECT(a3, 0x0123456789abcdef)
  j 2f
  .balign 8
table:
  .dword 0xfedcba9876543210
  .dword 0x0123456789abcdef
2:
  EXPECT(a0, 1)
  EXPECT(a1, 2)
TEST_END

TEST_SCRATCH_BEGIN
TEST_SCRATCH_PATTERN
TEST_SCRATCH_END
