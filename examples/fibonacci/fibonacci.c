/* Example guest: the n-th Fibonacci number modulo 2^64.
 * Input: one 8-byte record, n (u64 LE). Outputs: word 0 = n (low 32 bits), words 1-2 =
 * fib(n) mod 2^64 (low, high), with fib(0) = 0, fib(1) = 1. */
#include <stdio.h>
#include <ziskc/zisk.h>

int main(void) {
  const uint64_t n = zisk_read_u64();
  uint64_t a = 0, b = 1;
  for (uint64_t i = 0; i < n; ++i) {
    const uint64_t t = a + b;
    a = b;
    b = t;
  }
  zisk_set_output(0, (uint32_t)n);
  zisk_set_output(1, (uint32_t)a);
  zisk_set_output(2, (uint32_t)(a >> 32));
  printf("fibonacci(%llu) mod 2^64 = %llu\n", (unsigned long long)n, (unsigned long long)a);
  return 0;
}
