/* Collatz sequence lengths, for the CMake-built example guest. */
#ifndef ZISKC_EXAMPLES_COLLATZ_H_
#define ZISKC_EXAMPLES_COLLATZ_H_
#include <stdint.h>
/* Steps for n to reach 1 under n -> n/2 (even), 3n+1 (odd); 0 for n <= 1. */
uint32_t collatz_steps(uint64_t n);
#endif
