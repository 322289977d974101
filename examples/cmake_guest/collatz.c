#include "collatz.h"

uint32_t collatz_steps(uint64_t n) {
  uint32_t steps = 0;
  while (n > 1) {
    n = (n & 1) ? 3 * n + 1 : n / 2;
    ++steps;
  }
  return steps;
}
