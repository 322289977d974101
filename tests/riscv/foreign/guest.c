/* Test guest of tests/riscv/foreign_toolchain_test.cc, built with clang + ld.lld (LLVM: the code
 * generator and linker of Rust's riscv64 targets) for rv64imac, medium code model, directly for
 * ZisK's ABI without the ziskc SDK or picolibc: its own _start, ziskos' DMA memcpy sequence, the
 * input record read at INPUT_ADDR + 8, outputs stored at OUTPUT_ADDR + 4i. Outputs: [0] the
 * record length, [1] FNV-1a 32 of the record (copied by DMA), [2..3] a mul/div mix over .data,
 * [4] the last word of a struct copied through memcpy. */
typedef unsigned long u64;
typedef unsigned int u32;
typedef unsigned char u8;
#define INPUT_ADDR 0x40000000ul
#define OUTPUT ((volatile u32*)0xA0410000ul)

void* memcpy(void* dst, const void* src, u64 n);
/* ziskos' dma/memcpy.s: the sequence ZisK's transpiler turns into one DMA memcpy. */
__asm__(".section .text.memcpy,\"ax\",@progbits\n"
        ".globl memcpy\n"
        "memcpy:\n"
        "  csrs 0x813, a1\n"
        "  add x0, a0, a2\n"
        "  ret\n");
/* Entry: gp and sp from the linker script, main, then ZisK's exit call (a7 = 93). */
__asm__(".section .text.start,\"ax\",@progbits\n"
        ".globl _start\n"
        "_start:\n"
        "  .option push\n"
        "  .option norelax\n"
        "  la gp, __global_pointer$\n"
        "  .option pop\n"
        "  la sp, __stack_top\n"
        "  call main\n"
        "  li a7, 93\n"
        "  ecall\n"
        "1: j 1b\n");

static u8 buf[4096];
static u64 primes[8] = {2, 3, 5, 7, 11, 13, 17, 19}; /* .data: initialised by the BIOS */
struct blob { u64 w[9]; };
static struct blob src_blob = {{1, 2, 3, 4, 5, 6, 7, 8, 9}}, dst_blob;

int main(void) {
  u64 len;
  memcpy(&len, (const void*)(INPUT_ADDR + 8), 8);
  if (len > sizeof buf) len = sizeof buf;
  memcpy(buf, (const void*)(INPUT_ADDR + 16), len);
  u32 h = 0x811c9dc5u;
  for (u64 i = 0; i < len; ++i) h = (h ^ buf[i]) * 0x01000193u;
  memcpy(&dst_blob, &src_blob, sizeof dst_blob); /* a third DMA copy */
  u64 acc = 1;
  for (u64 i = 0; i < 8; ++i) acc = acc * primes[i] + (dst_blob.w[i] << 40) / (i + 1) + (u32)h % (i + 3);
  OUTPUT[0] = (u32)len;
  OUTPUT[1] = h;
  OUTPUT[2] = (u32)acc;
  OUTPUT[3] = (u32)(acc >> 32);
  OUTPUT[4] = (u32)dst_blob.w[8];
  return 0;
}
