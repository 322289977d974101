/* Platform shim of the emulator bench guests (sha256.c, keccak.c): the same C source runs on
 * ziskc (layout `zisk`: the work size is the u64 of the first input record, the 8 result
 * words go to the public outputs) and, built with -DZISKC_BENCH_LINUX as a static Linux
 * program (no libc: raw syscalls), on qemu-riscv64 (the work size is argv[1], the result
 * words are printed as %08x lines). The guest defines `void work(uint64_t n, uint32_t out[8])`.
 */
#ifndef ZISKC_BENCH_GUEST_MAIN_H
#define ZISKC_BENCH_GUEST_MAIN_H
#include <stddef.h>
#include <stdint.h>

static void work(uint64_t n, uint32_t out[8]);

/* The compiler may emit calls to these for struct/array initialisation. */
void* memset(void* d, int c, size_t n) {
  uint8_t* p = (uint8_t*)d;
  while (n--) *p++ = (uint8_t)c;
  return d;
}
void* memcpy(void* d, const void* s, size_t n) {
  uint8_t* p = (uint8_t*)d;
  const uint8_t* q = (const uint8_t*)s;
  while (n--) *p++ = *q++;
  return d;
}

#ifdef ZISKC_BENCH_LINUX
static long sys3(long n, long a, long b, long c) {
  register long a0 __asm__("a0") = a, a1 __asm__("a1") = b, a2 __asm__("a2") = c;
  register long a7 __asm__("a7") = n;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
  return a0;
}
int linux_main(const uint64_t* sp) {
  uint64_t n = 1;
  if (sp[0] > 1) {
    n = 0;
    for (const char* p = (const char*)sp[2]; *p >= '0' && *p <= '9'; ++p)
      n = 10 * n + (uint64_t)(*p - '0');
  }
  uint32_t out[8];
  work(n, out);
  char text[8 * 9];
  for (int i = 0; i < 8; ++i) {
    for (int k = 0; k < 8; ++k) text[9 * i + k] = "0123456789abcdef"[(out[i] >> (28 - 4 * k)) & 15];
    text[9 * i + 8] = '\n';
  }
  sys3(64, 1, (long)text, (long)sizeof text); /* write(1, ...) */
  return 0;
}
__attribute__((naked, section(".text.start"))) void _start(void) {
  __asm__ volatile("mv a0, sp\n call linux_main\n li a7, 93\n ecall\n");
}
#else
int main(const uint8_t* input) {
  uint32_t out[8];
  work(*(const uint64_t*)(input + 16), out);
  volatile uint32_t* o = (volatile uint32_t*)0xA0410000;
  for (int i = 0; i < 8; ++i) o[i] = out[i];
  return 0;
}
__attribute__((naked, section(".text.start"))) void _start(void) {
  __asm__ volatile("la sp, __stack_top\n call main\n li a7, 93\n ecall\n");
}
#endif

/* Deterministic message bytes: xorshift64. */
static uint64_t bench_rng(uint64_t* s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}
#endif
