/* Finish code of the ziskc variant of a test program (see harness.h): digests the scratch,
 * writes x1..x31 and the digest as 64 u32 words to ZisK's OUTPUT area (0xA041_0000, layout
 * `zisk`) with `sw`, then exits through ZisK's exit call (a7 = 93, ecall). */
#include "finish_common.h"

  FINISH_DIGEST
  la t0, regsave + 8
  li t1, 0xA0410000
  li t3, 64
1:
  lw t4, 0(t0)
  sw t4, 0(t1)
  addi t0, t0, 4
  addi t1, t1, 4
  addi t3, t3, -1
  bnez t3, 1b
  li a0, 0
  li a7, 93
  ecall
2:
  j 2b
