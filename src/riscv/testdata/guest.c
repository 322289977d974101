/* Test guest for the ELF loader and decoder tests: built with riscv64-unknown-elf-gcc
 * (-march=rv64ima or rv64imac, -mabi=lp64, -mcmodel=medany, -nostdlib) by CMake. It uses
 * .text, .rodata, .data, .bss, M and A instructions, so the real-ELF tests see every kind of
 * segment and every decoded instruction must be legal. */
#include <stdint.h>

static const uint64_t kTable[8] = {3, 1, 4, 1, 5, 9, 2, 6};
uint64_t counter = 7;
uint64_t scratch[64];

__attribute__((noinline)) uint64_t mix(uint64_t a, uint64_t b) {
  return (a * 0x9E3779B97F4A7C15ull) ^ (b / (a | 1)) ^ (b % 13);
}

int main(void) {
  uint64_t acc = 0;
  for (int i = 0; i < 64; ++i) {
    scratch[i] = mix(kTable[i & 7], (uint64_t)i);
    acc += scratch[i];
  }
  __atomic_fetch_add(&counter, acc, __ATOMIC_SEQ_CST);
  return (int)(counter & 0xff);
}

__attribute__((naked, section(".text.start"))) void _start(void) {
  __asm__ volatile(
      "la sp, __stack_top\n"
      "call main\n"
      "li a7, 93\n"
      "ecall\n");
}
