/* Example guest built through the CMake toolchain file: the start value below N with the
 * longest Collatz sequence. Input: one 4-byte record, N (u32 LE). Outputs: word 0 = N,
 * word 1 = the smallest start value in [1, N) with the most steps, word 2 = its step count. */
#include <stdio.h>
#include <ziskc/zisk.h>

#include "collatz.h"

int main(void) {
  const uint32_t limit = zisk_read_u32();
  uint32_t best = 0, best_steps = 0;
  for (uint32_t n = 1; n < limit; ++n) {
    const uint32_t s = collatz_steps(n);
    if (s > best_steps || best == 0) {
      best = n;
      best_steps = s;
    }
  }
  zisk_set_output(0, limit);
  zisk_set_output(1, best);
  zisk_set_output(2, best_steps);
  printf("below %lu, %lu has the longest Collatz sequence: %lu steps\n", (unsigned long)limit,
         (unsigned long)best, (unsigned long)best_steps);
  return 0;
}
