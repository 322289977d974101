/* Assembler harness shared by every test program in tests/riscv (directed and random).
 *
 * A test program is:
 *     #define BASE x8          (optional; the scratch base register, default x8 = s0)
 *     #include "harness.h"
 *     TEST_BEGIN
 *       ... body: any rv64imac code that never writes BASE ...
 *     TEST_END
 *     TEST_SCRATCH_BEGIN
 *       ... up to SCRATCH_SIZE bytes of initial scratch contents (the rest is zero) ...
 *     TEST_SCRATCH_END
 *
 * Invariants:
 * - TEST_BEGIN sets BASE = scratch + 2048 and every other register x1..x31 to 0, so the
 *   scratch area is addressable as [-2048, SCRATCH_SIZE - 2048) from BASE with one 12-bit
 *   immediate.
 * - TEST_END stores x1..x31 to `regsave` (right after the scratch) and jumps to `_finish`,
 *   which is linked from finish_zisk.S (ziskc) or finish_qemu.S (qemu-riscv64). `_finish`
 *   appends a 64-bit FNV-1a-style digest of the scratch area and publishes 64 u32 words:
 *   words 2(i-1), 2(i-1)+1 = low, high half of x_i (i = 1..31), words 62, 63 = the digest.
 * - Only the code after the body differs between the two variants, so addresses are equal.
 *
 * Directed tests additionally use EXPECT(reg, value): it records reg into the next slot of
 * the record area (scratch offsets -2048..-1, so it is covered by the digest) and checks it
 * against a value known from the ISA specification (the first RECORD_SLOTS records are kept;
 * later checks only compare). A failed check increments s11 (x27) and,
 * for the first failure, stores its source line in s10 (x26). Directed tests therefore must
 * not write t6 (the expected-value temporary), s10 or s11 except through EXPECT, and keep
 * their own memory traffic inside scratch offsets [0, MEM_LIMIT) from BASE.
 */
#ifndef ZISKC_TESTS_RISCV_HARNESS_H
#define ZISKC_TESTS_RISCV_HARNESS_H

#ifndef BASE
#define BASE x8
#endif

#define SCRATCH_SIZE 3840
#define BASE_OFFSET 2048
#define REGSAVE_OFFSET (SCRATCH_SIZE - BASE_OFFSET) /* regsave[0] relative to BASE */
#define MEM_LIMIT REGSAVE_OFFSET                   /* directed memory tests stay below */
#define RECORD_SLOTS 256                           /* EXPECT records: 256 dwords */

.macro TEST_BEGIN
  .section .text.start, "ax"
  .globl _start
_start:
  .option push
  .option norvc
  .irp r, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    li x\r, 0
  .endr
  la BASE, scratch + BASE_OFFSET
  .option pop
  .set test_record_off, -BASE_OFFSET
.endm

.macro TEST_END
  .option push
  .option norvc
  .irp r, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    sd x\r, (REGSAVE_OFFSET + 8 * \r)(BASE)
  .endr
  j _finish
  .option pop
.endm

.macro TEST_SCRATCH_BEGIN
  .section .data.scratch, "aw"
  .balign 4096
  .globl scratch
scratch:
.endm

.macro TEST_SCRATCH_END
  .org scratch + SCRATCH_SIZE
  .globl regsave
regsave:
  .zero 8 * 33
.endm

/* Fills the scratch with a fixed pseudo-random pattern (for directed tests). */
.macro TEST_SCRATCH_PATTERN
  .set pattern_x, 0x243F6A8885A308D3
  .rept SCRATCH_SIZE / 8
    .dword pattern_x
    .set pattern_x, (pattern_x * 6364136223846793005 + 1442695040888963407)
  .endr
.endm

/* Records reg (while record slots last) and compares it with t6 (see EXPECT). */
.macro expect_t6 reg, line
  .if test_record_off < -BASE_OFFSET + 8 * RECORD_SLOTS
    sd \reg, test_record_off(BASE)
    .set test_record_off, test_record_off + 8
  .endif
  beq \reg, t6, .Lexpect_ok\@
  bnez s11, .Lexpect_count\@
  li s10, \line
.Lexpect_count\@:
  addi s11, s11, 1
.Lexpect_ok\@:
.endm

.macro expect_eq reg, value, line
  li t6, \value
  expect_t6 \reg, \line
.endm
#define EXPECT(reg, value) expect_eq reg, value, __LINE__

/* EXPECT_ADDR(reg, symbol_expression): reg == the link address of the expression. */
.macro expect_addr reg, sym, line
  la t6, \sym
  expect_t6 \reg, \line
.endm
#define EXPECT_ADDR(reg, sym) expect_addr reg, sym, __LINE__

#endif
