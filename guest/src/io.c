/* ziskc guest runtime: input records, public outputs, the console and picolibc's stdio hooks.
 *
 * Invariants: the input cursor `g_input_pos` is the byte offset, from ZISK_INPUT_ADDR + 8, of
 * the next record's length word, always a multiple of 8; `g_output_bytes` counts the bytes
 * zisk_commit() has written (<= 256). Every record length is checked against the size of the
 * input region before it moves the cursor, so a corrupt length aborts instead of wrapping.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ziskc/zisk.h"

/* The input region is 1 GiB; its first word is the free-input cell. */
#define ZISK_INPUT_DATA_MAX (0x40000000ull - 8)
#define ZISK_OUTPUT_BYTES (4 * ZISK_NUM_OUTPUTS)

void __zisk_trap(void) __attribute__((noreturn));

static uint64_t g_input_pos;
static size_t g_output_bytes;

/* The record whose length word is at byte offset `pos` of the record stream; *next is the
 * offset of the following record. Mirrors ZisK's read_slice_zerocopy(): input_ready for the
 * length word, then for the padded data, before reading either. */
static zisk_input_t record_at(uint64_t pos, uint64_t* next) {
  const uint64_t addr = ZISK_INPUT_ADDR + 8 + pos;
  if (pos > ZISK_INPUT_DATA_MAX - 8) zisk_abort("read_input: past the end of the input region");
  zisk_input_ready(addr + 7);
  const uint64_t len = *(const volatile uint64_t*)(uintptr_t)addr;
  if (len > ZISK_INPUT_DATA_MAX - 8 - pos) zisk_abort("read_input: record longer than the input");
  const uint64_t padded = (len + 7) & ~7ull;
  if (len > 0) zisk_input_ready(addr + 8 + padded - 1);
  *next = pos + 8 + padded;
  zisk_input_t r = {(const uint8_t*)(uintptr_t)(addr + 8), (size_t)len};
  return r;
}

zisk_input_t zisk_read_input(void) { return record_at(g_input_pos, &g_input_pos); }

zisk_input_t zisk_input_first(void) {
  uint64_t next;
  return record_at(0, &next);
}

void zisk_input_rewind(void) { g_input_pos = 0; }

uint64_t zisk_read_u64(void) {
  const zisk_input_t r = zisk_read_input();
  if (r.len != 8) zisk_abort("zisk_read_u64: the record is not 8 bytes long");
  return *(const uint64_t*)r.data; /* record data is 8-byte aligned */
}

uint32_t zisk_read_u32(void) {
  const zisk_input_t r = zisk_read_input();
  if (r.len != 4) zisk_abort("zisk_read_u32: the record is not 4 bytes long");
  return *(const uint32_t*)r.data;
}

static volatile uint32_t* output_word(unsigned index) {
  return (volatile uint32_t*)(uintptr_t)(ZISK_OUTPUT_ADDR + 4ull * index);
}

void zisk_set_output(unsigned index, uint32_t value) {
  if (index >= ZISK_NUM_OUTPUTS) zisk_abort("zisk_set_output: index >= 64");
  *output_word(index) = value;
}

uint32_t zisk_get_output(unsigned index) {
  if (index >= ZISK_NUM_OUTPUTS) zisk_abort("zisk_get_output: index >= 64");
  return *output_word(index);
}

size_t zisk_commit(const void* data, size_t len) {
  if (len > ZISK_OUTPUT_BYTES - g_output_bytes) {
    zisk_abort("zisk_commit: more than 256 bytes of public output");
  }
  const uint8_t* p = (const uint8_t*)data;
  for (size_t i = 0; i < len; ++i, ++g_output_bytes) {
    volatile uint32_t* w = output_word((unsigned)(g_output_bytes / 4));
    const unsigned shift = 8 * (unsigned)(g_output_bytes % 4);
    *w = (*w & ~(0xffu << shift)) | ((uint32_t)p[i] << shift);
  }
  return g_output_bytes;
}

void zisk_write(const void* data, size_t len) {
  const char* p = (const char*)data;
  for (size_t i = 0; i < len; ++i) zisk_putc(p[i]);
}

void zisk_puts(const char* s) {
  while (*s) zisk_putc(*s++);
}

void zisk_abort(const char* msg) {
  zisk_puts("abort: ");
  zisk_puts(msg ? msg : "(null)");
  zisk_putc('\n');
  __zisk_trap();
}

/* abort() and failed assert()s (which call abort) end in a guest fault, not a clean exit. */
void abort(void) { zisk_abort("abort() called"); }

int zisk_fcall_param_words(const uint64_t* ptr, size_t words) {
  switch (words) {
#define ZISK__CASE(w)               \
  case w:                           \
    ZISK_FCALL_PARAM_WORDS(ptr, w); \
    return 0;
    ZISK__CASE(2)
    ZISK__CASE(4)
    ZISK__CASE(8)
    ZISK__CASE(12)
    ZISK__CASE(16)
    ZISK__CASE(20)
    ZISK__CASE(24)
    ZISK__CASE(28)
    ZISK__CASE(32)
    ZISK__CASE(48)
    ZISK__CASE(64)
    ZISK__CASE(80)
    ZISK__CASE(96)
    ZISK__CASE(128)
    ZISK__CASE(256)
#undef ZISK__CASE
    default:
      return -1;
  }
}

/* ---- picolibc tinystdio: stdout/stderr write to the UART, stdin is always at end of file ---- */
static int uart_put(char c, FILE* f) {
  (void)f;
  zisk_putc(c);
  return (unsigned char)c;
}

static int no_get(FILE* f) {
  (void)f;
  return _FDEV_EOF;
}

static FILE g_console = FDEV_SETUP_STREAM(uart_put, NULL, NULL, _FDEV_SETUP_WRITE);
static FILE g_stdin = FDEV_SETUP_STREAM(NULL, no_get, NULL, _FDEV_SETUP_READ);

FILE* const stdin = &g_stdin;
FILE* const stdout = &g_console;
FILE* const stderr = &g_console;
