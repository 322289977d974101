/* ziskc guest SDK: the ZisK guest ABI for C and C++ guests (layout `zisk`, DESIGN.md §2).
 *
 * What a guest can do through this header:
 *   - read its input records, zero-copy        zisk_read_input(), zisk_input_first(), ...
 *   - publish up to 64 u32 public outputs      zisk_set_output(), zisk_commit()
 *   - print on the console (UART)              printf()/puts() (picolibc stdio), zisk_putc()
 *   - stop                                     return from main / exit(), zisk_abort()
 *   - call the VM: DMA, precompiles, hints     memcpy & co, ziskc/precompiles.h, zisk_fcall_*()
 *
 * Invariants the runtime (libziskc_guest.a, guest/src/) relies on and guarantees:
 *   - The ZisK BIOS has written every .data/.rodata/.bss word before _start runs and RAM starts
 *     all-zero, so _start copies and zeroes nothing; it only sets gp, sp and tp.
 *   - Input records are [u64 LE length][bytes][zero pad to 8] from ZISK_INPUT_ADDR + 8; the
 *     guest cannot know how many records there are: its own protocol says so.
 *   - Output word i is the u32 at ZISK_OUTPUT_ADDR + 4*i, i < 64; those 64 words are the public
 *     values of the proof. zisk_commit() appends bytes to the same words (little-endian).
 *   - Every VM call is a CSR instruction pattern that the transpiler recognises; the exact
 *     instruction sequences are ZisK's (ziskos), documented in docs/GUEST_SDK.md.
 */
#ifndef ZISKC_ZISK_H_
#define ZISKC_ZISK_H_

#if !defined(__riscv) || __riscv_xlen != 64
#error "ziskc/zisk.h is for rv64 guests: build with `ziskc build` or the ziskc guest toolchain"
#endif

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Memory map of layout `zisk` (src/zisk/layout.h is the truth on the host side) ---- */
#define ZISK_INPUT_ADDR 0x40000000ull  /* word 0: free-input cell; records from +8 */
#define ZISK_ROM_ADDR 0x80000000ull    /* code and read-only data */
#define ZISK_RAM_ADDR 0xA0000000ull    /* stack [RAM, STACK_TOP) grows down */
#define ZISK_STACK_TOP 0xA0400000ull   /* initial sp */
#define ZISK_SYS_ADDR 0xA0400000ull    /* registers and CSRs: never place data here */
#define ZISK_UART_ADDR 0xA0400200ull   /* a 1-byte store prints a character */
#define ZISK_OUTPUT_ADDR 0xA0410000ull /* 64 u32 public outputs */
#define ZISK_HEAP_START 0xA0430000ull  /* .data, .bss, then the malloc heap ... */
#define ZISK_HEAP_END 0xBFFF0000ull    /* ... up to here (the float library's RAM follows) */
#define ZISK_NUM_OUTPUTS 64
#define ZISK_MARCHID 0x0FFFEEEEull /* what `csrr marchid` reads under ZisK */

/* ---- Input ---- */

/* A view of input bytes that stays valid for the whole run (the input region is read-only). */
typedef struct {
  const uint8_t* data;
  size_t len;
} zisk_input_t;

/* The next input record (zero-copy) and advances the cursor. What lies past the end of the
 * input file is not defined by the ABI: read exactly as many records as your protocol says. */
zisk_input_t zisk_read_input(void);
/* The first record without touching the cursor: the whole input when the file was passed with
 * `ziskc execute --legacy-inputs` (a raw file wrapped as one record), as ZisK's read_input(). */
zisk_input_t zisk_input_first(void);
/* Copies the next record into a u64 / u32 (little-endian). A record of another length aborts. */
uint64_t zisk_read_u64(void);
uint32_t zisk_read_u32(void);
/* Restarts zisk_read_input() at the first record. */
void zisk_input_rewind(void);
/* The raw record stream at ZISK_INPUT_ADDR + 8 (its total length is not known to the guest). */
static inline const uint8_t* zisk_input_stream(void) {
  return (const uint8_t*)(uintptr_t)(ZISK_INPUT_ADDR + 8);
}

/* ---- Public outputs ---- */

/* Output word `index` (< 64) = value; an index >= 64 aborts. */
void zisk_set_output(unsigned index, uint32_t value);
/* Appends `len` bytes to the public output byte stream (word i holds bytes 4i..4i+3,
 * little-endian), continuing where the previous zisk_commit() stopped. Returns the number of
 * bytes written so far in total; committing more than 256 bytes in all aborts. */
size_t zisk_commit(const void* data, size_t len);
/* Reads back output word `index` (< 64). */
uint32_t zisk_get_output(unsigned index);

/* ---- Console (UART at ZISK_UART_ADDR; `ziskc execute` shows it) ---- */
static inline void zisk_putc(char c) { *(volatile uint8_t*)(uintptr_t)ZISK_UART_ADDR = (uint8_t)c; }
void zisk_write(const void* data, size_t len);
void zisk_puts(const char* s); /* no newline appended */
/* stdout, stderr and stdin are picolibc FILEs defined by the runtime: printf() works. */

/* ---- Stopping ---- */

/* Exits through ZisK's exit path (`li a7, 93; ecall`) with `code` in a0, without running
 * atexit handlers. Returning from main() or exit() run them first, then end here. */
__attribute__((noreturn)) void zisk_exit(int code);
/* Prints "abort: <msg>\n" on the console and executes an illegal instruction, so the run ends
 * in a guest fault (ziskc execute reports it; a faulting run cannot be proven). */
__attribute__((noreturn)) void zisk_abort(const char* msg);

/* ---- DMA (ZisK CSR ports 0x813 memcpy, 0x814 memcmp, 0x815 inputcpy, 0x816 memset) ----
 * The runtime's memcpy, memmove, memset and memcmp ARE these ports (they replace picolibc's), so
 * plain C code and the compiler's own calls use them. The inline forms below emit the pattern
 * in place. Each pattern is two instructions that must stay adjacent, with no compression. */
static inline void zisk_dma_memcpy(void* dst, const void* src, size_t n) {
  __asm__ volatile(".option push\n.option norvc\ncsrs 0x813, %1\nadd x0, %0, %2\n.option pop"
                   :
                   : "r"(dst), "r"(src), "r"(n)
                   : "memory");
}
static inline int zisk_dma_memcmp(const void* a, const void* b, size_t n) {
  long r;
  __asm__ volatile(".option push\n.option norvc\ncsrrs %0, 0x814, %2\nadd x0, %1, %3\n.option pop"
                   : "=&r"(r)
                   : "r"(a), "r"(b), "r"(n)
                   : "memory");
  return (int)r;
}
/* Fills n bytes at dst with the compile-time constant byte `value` (0..255). */
#define ZISK_DMA_MEMSET(dst, value, n)                                                         \
  __asm__ volatile(".option push\n.option norvc\ncsrs 0x816, %0\naddi x0, %1, %2\n.option pop" \
                   :                                                                           \
                   : "r"(dst), "r"(n), "i"((value)&0xff)                                       \
                   : "memory")
/* Copies the next n bytes of the pending free-input (fcall) result to dst. Unverified hint
 * data: the guest must check what it receives. */
static inline void zisk_dma_inputcpy(void* dst, size_t n) {
  __asm__ volatile(".option push\n.option norvc\ncsrs 0x815, %0\nadd x0, %0, %1\n.option pop"
                   :
                   : "r"(dst), "r"(n)
                   : "memory");
}

/* ---- Free-input calls (host hints; the VM does not check their results) ----
 * A call pushes its parameters (csrs 0x8F0+p), triggers the call (csrwi 0x8C0+(id>>5), id&31)
 * and then reads the result words one by one (csrr 0xFFE). */

/* Pushes one parameter word by value (port 0x8F0). */
static inline void zisk_fcall_param(uint64_t value) {
  __asm__ volatile("csrs 0x8F0, %0" : : "r"(value) : "memory");
}
/* Port offset p of a parameter of `words` u64 passed by address, or -1. */
#define ZISK_FCALL_PORT(words) \
  ((words) == 1     ? 0        \
   : (words) == 2   ? 1        \
   : (words) == 4   ? 2        \
   : (words) == 8   ? 3        \
   : (words) == 12  ? 4        \
   : (words) == 16  ? 5        \
   : (words) == 20  ? 6        \
   : (words) == 24  ? 7        \
   : (words) == 28  ? 8        \
   : (words) == 32  ? 9        \
   : (words) == 48  ? 10       \
   : (words) == 64  ? 11       \
   : (words) == 80  ? 12       \
   : (words) == 96  ? 13       \
   : (words) == 128 ? 14       \
   : (words) == 256 ? 15       \
                    : -1)
#ifdef __cplusplus
#define ZISK__STATIC_ASSERT(c, m) static_assert(c, m)
#else
#define ZISK__STATIC_ASSERT(c, m) _Static_assert(c, m)
#endif
/* Pushes a parameter of `words` (a constant in 2,4,8,12,...,256) u64 at address `ptr`. */
#define ZISK_FCALL_PARAM_WORDS(ptr, words)                                                        \
  do {                                                                                            \
    ZISK__STATIC_ASSERT(ZISK_FCALL_PORT(words) > 0, "unsupported fcall word count");              \
    __asm__ volatile("csrs %0, %1" : : "i"(0x8F0 + ZISK_FCALL_PORT(words)), "r"(ptr) : "memory"); \
  } while (0)
/* Runtime form of ZISK_FCALL_PARAM_WORDS; returns -1 (and pushes nothing) for other counts. */
int zisk_fcall_param_words(const uint64_t* ptr, size_t words);
/* Calls free-input function `id` (a constant < 1024). */
#define ZISK_FCALL(id)                                                                      \
  do {                                                                                      \
    ZISK__STATIC_ASSERT((id) >= 0 && (id) < 1024, "fcall id must be < 1024");               \
    __asm__ volatile("csrwi %0, %1" : : "i"(0x8C0 + ((id) >> 5)), "i"((id)&31) : "memory"); \
  } while (0)
/* Reads the next result word of the last call. */
static inline uint64_t zisk_fcall_get(void) {
  uint64_t v;
  __asm__ volatile("csrr %0, 0xFFE" : "=r"(v) : : "memory");
  return v;
}
#define ZISK_FCALL_INPUT_READY 23
/* Tells the host the guest is about to read the input up to byte address `last_addr`
 * (ZisK's fcall_input_ready; read_input calls it, as ZisK does, before touching a record). */
static inline void zisk_input_ready(uint64_t last_addr) {
  zisk_fcall_param(last_addr);
  ZISK_FCALL(ZISK_FCALL_INPUT_READY);
}

/* ---- Misc ---- */
/* The marchid CSR: ZISK_MARCHID under ZisK and ziskc. */
static inline uint64_t zisk_marchid(void) {
  uint64_t v;
  __asm__ volatile("csrr %0, marchid" : "=r"(v));
  return v;
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#include "ziskc/precompiles.h"

#endif /* ZISKC_ZISK_H_ */
