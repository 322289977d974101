/* The variant-independent start of `_finish` (see harness.h): regsave[32] = digest of the
 * scratch area, h = FNV offset basis; for each dword w: h = (h ^ w) * FNV prime (mod 2^64). */
#include "harness.h"

.macro FINISH_DIGEST
  .section .text_finish, "ax"
  .option norvc
  .globl _finish
_finish:
  la t0, scratch
  li t1, SCRATCH_SIZE / 8
  li t2, 0xcbf29ce484222325
  li t3, 0x100000001b3
1:
  ld t4, 0(t0)
  xor t2, t2, t4
  mul t2, t2, t3
  addi t0, t0, 8
  addi t1, t1, -1
  bnez t1, 1b
  la t0, regsave
  sd t2, 256(t0)
.endm
