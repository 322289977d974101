/* Test guest of the emu tests (replay, execute): built by CMake with riscv64-unknown-elf-gcc
 * -march=rv64imac (compressed code), no libc. It runs a few hundred thousand steps of mixed
 * work: a software hash over the input record (integer and sub-word memory traffic), a sort,
 * DMA memcpy/memset/memcmp through ZisK's CSR ports, AMOs, unaligned accesses, a non-exit
 * ecall and UART output; the results go to the 64 public output words. */
#include <stdint.h>

#define OUTPUT ((volatile uint32_t*)0xA0410000)
#define UART ((volatile uint8_t*)0xA0400200)

static uint64_t table[256];
static uint8_t buf_a[300], buf_b[300];
static uint32_t sortme[200];
static const char kHello[] = "guest: hello\n";

static void dma_memcpy(void* dst, const void* src, uint64_t n) {
  __asm__ volatile(".option push\n.option norvc\ncsrs 0x813, %1\nadd x0, %0, %2\n.option pop"
                   :
                   : "r"(dst), "r"(src), "r"(n)
                   : "memory");
}
static void dma_memset0(void* dst, uint64_t n) {
  __asm__ volatile(".option push\n.option norvc\ncsrs 0x816, %0\naddi x0, %1, 0\n.option pop"
                   :
                   : "r"(dst), "r"(n)
                   : "memory");
}
static int64_t dma_memcmp(const void* a, const void* b, uint64_t n) {
  register int64_t r __asm__("a0") = (int64_t)a;
  __asm__ volatile(".option push\n.option norvc\ncsrs 0x814, %1\nadd %0, %0, %2\n.option pop"
                   : "+r"(r)
                   : "r"(b), "r"(n)
                   : "memory");
  return r;
}

static uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  return h * 0xff51afd7ed558ccdull;
}

int main(const uint8_t* input) {
  for (const char* p = kHello; *p; ++p) *UART = (uint8_t)*p;
  const uint64_t len = *(const uint64_t*)(input + 8);
  const uint8_t* data = input + 16;
  uint64_t h = 0;
  for (int i = 0; i < 256; ++i) table[i] = mix((uint64_t)i, 0x1234);
  for (int round = 0; round < 40; ++round) {
    for (uint64_t i = 0; i < len; ++i) h = mix(h, table[(data[i] + round) & 255]);
    uint32_t w;
    __builtin_memcpy(&w, data + (round % 5) + 1, 4); /* unaligned 32-bit load */
    h ^= w;
  }
  for (int i = 0; i < 200; ++i) sortme[i] = (uint32_t)mix(h, (uint64_t)i);
  for (int i = 1; i < 200; ++i) { /* insertion sort */
    uint32_t v = sortme[i];
    int j = i - 1;
    while (j >= 0 && sortme[j] > v) {
      sortme[j + 1] = sortme[j];
      --j;
    }
    sortme[j + 1] = v;
  }
  for (int i = 0; i < 300; ++i) buf_a[i] = (uint8_t)(h >> (i % 56));
  dma_memcpy(buf_b + 3, buf_a + 1, 250);
  dma_memset0(buf_b + 260, 17);
  const int64_t cmp = dma_memcmp(buf_b + 3, buf_a + 1, 250);
  uint64_t acc = 0;
  __atomic_fetch_add(&acc, h, __ATOMIC_SEQ_CST);
  __atomic_fetch_xor(&acc, sortme[100], __ATOMIC_SEQ_CST);
  register uint64_t a7 __asm__("a7") = 1; /* not the exit call: returns */
  __asm__ volatile("ecall" : : "r"(a7) : "ra", "memory");
  OUTPUT[0] = (uint32_t)h;
  OUTPUT[1] = (uint32_t)(h >> 32);
  OUTPUT[2] = sortme[0];
  OUTPUT[3] = sortme[199];
  OUTPUT[4] = (uint32_t)cmp;
  OUTPUT[5] = buf_b[100];
  OUTPUT[6] = (uint32_t)acc;
  OUTPUT[7] = (uint32_t)len;
  return 0;
}

__attribute__((naked, section(".text.start"))) void _start(void) {
  __asm__ volatile(
      "la sp, __stack_top\n"
      "call main\n"
      "li a7, 93\n"
      "ecall\n");
}
