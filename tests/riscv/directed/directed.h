/* Helper macros of the directed per-instruction tests (tests/riscv/directed/*.S), on top of
 * harness.h. Each helper runs one instruction on constant operands and EXPECTs the result
 * the ISA specification defines; register-register helpers also run the instruction with
 * rd == rs1 and rd == rs2, the aliasing cases a transpiler can get wrong. Helpers use a0..a5
 * and t5 as scratch registers and the scratch memory at BASE + [64, 72) for AMOs / lr/sc. */
#include "harness.h"

/* rd = op(a, b), also with rd == rs1 and rd == rs2. */
.macro test_rr op, a, b, exp, line
  li a0, \a
  li a1, \b
  \op a2, a0, a1
  expect_eq a2, \exp, \line
  \op a0, a0, a1
  expect_eq a0, \exp, \line
  li a0, \a
  \op a1, a0, a1
  expect_eq a1, \exp, \line
.endm
#define TEST_RR(op, a, b, exp) test_rr op, a, b, exp, __LINE__

/* rd = op(a, a) with rs1 == rs2 (and rd == both). */
.macro test_rr_same op, a, exp, line
  li a0, \a
  \op a2, a0, a0
  expect_eq a2, \exp, \line
  \op a0, a0, a0
  expect_eq a0, \exp, \line
.endm
#define TEST_RR_SAME(op, a, exp) test_rr_same op, a, exp, __LINE__

/* rd = op(a, imm), also with rd == rs1. */
.macro test_ri op, a, imm, exp, line
  li a0, \a
  \op a2, a0, \imm
  expect_eq a2, \exp, \line
  \op a0, a0, \imm
  expect_eq a0, \exp, \line
.endm
#define TEST_RI(op, a, imm, exp) test_ri op, a, imm, exp, __LINE__

/* A branch: a2 = 1 if `op a, b` is taken, else 0. */
.macro test_br op, a, b, taken, line
  li a0, \a
  li a1, \b
  li a2, 1
  \op a0, a1, .Ltaken\@
  li a2, 0
.Ltaken\@:
  expect_eq a2, \taken, \line
.endm
#define TEST_BR(op, a, b, taken) test_br op, a, b, taken, __LINE__

/* A zero-compare branch pseudo-instruction (beqz, bltz, ...). */
.macro test_brz op, a, taken, line
  li a0, \a
  li a2, 1
  \op a0, .Ltaken\@
  li a2, 0
.Ltaken\@:
  expect_eq a2, \taken, \line
.endm
#define TEST_BRZ(op, a, taken) test_brz op, a, taken, __LINE__

/* 64-bit AMO at BASE+64: memory holds init; a2 = op(src) must return init, memory new. */
.macro test_amo_d op, init, src, new, line
  addi a5, BASE, 64
  li a0, \init
  sd a0, 0(a5)
  li a1, \src
  \op a2, a1, (a5)
  expect_eq a2, \init, \line
  ld a3, 0(a5)
  expect_eq a3, \new, \line
.endm
#define TEST_AMO_D(op, init, src, new) test_amo_d op, init, src, new, __LINE__

/* 32-bit AMO on the low word of the dword at BASE+64: rd gets the sign-extended old word,
 * the dword becomes new (its high word must not change). */
.macro test_amo_w op, init, src, old, new, line
  addi a5, BASE, 64
  li a0, \init
  sd a0, 0(a5)
  li a1, \src
  \op a2, a1, (a5)
  expect_eq a2, \old, \line
  ld a3, 0(a5)
  expect_eq a3, \new, \line
.endm
#define TEST_AMO_W(op, init, src, old, new) test_amo_w op, init, src, old, new, __LINE__

/* Load `op` at BASE + off after storing the dwords d0, d1 at BASE + 256 and BASE + 264. */
.macro test_ld op, off, exp, line
  \op a2, \off(BASE)
  expect_eq a2, \exp, \line
.endm
#define TEST_LD(op, off, exp) test_ld op, off, exp, __LINE__
