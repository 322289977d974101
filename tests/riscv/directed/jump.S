/* Directed test: jal and jalr. The link register gets the address of the next instruction;
 * jalr computes (rs1 + imm) & ~1 from rs1's value before writing rd (so rd == rs1 works);
 * call/tail (auipc + jalr) and a jal over more than 64 KiB. */
#include "directed.h"

TEST_BEGIN
  .option push
  .option norvc
  jal ra, fn_a
ret_a:
  EXPECT_ADDR(ra, ret_a)
  EXPECT(a0, 0xa)
  jal t0, fn_b
ret_b:
  EXPECT_ADDR(t0, ret_b)
  EXPECT(a0, 0xb)
  li a1, 0
  j skip_1
  li a1, 1
skip_1:
  EXPECT(a1, 0)

  /* jalr: bit 0 of the target is cleared; negative offsets; rd == rs1. */
  la a0, target_1 + 1
  jalr ra, 0(a0)
ret_c:
  EXPECT_ADDR(ra, ret_c)
  EXPECT(a1, 0x1)
  la a0, target_2 + 16
  jalr a2, -16(a0)
ret_d:
  EXPECT_ADDR(a2, ret_d)
  EXPECT(a1, 0x2)
  la a0, target_3
  jalr a0, 0(a0)
ret_e:
  EXPECT_ADDR(a0, ret_e)
  EXPECT(a1, 0x3)
  la a0, target_4 - 2047
  jalr zero, 2047(a0)
  li a1, 0x77
after_4:
  EXPECT(a1, 0x4)

  /* call / tail pseudo-instructions (auipc + jalr). */
  call fn_c
  EXPECT(a0, 0xc)
  li a3, 0
  tail tail_target
  li a3, 1
tail_target:
  EXPECT(a3, 0)

  /* A jal over 64 KiB and back. */
  li a4, 0
  jal ra, far_fn
far_ret:
  EXPECT(a4, 0x55)
  EXPECT_ADDR(ra, far_ret)
  j done

fn_a:
  li a0, 0xa
  ret
fn_b:
  li a0, 0xb
  jr t0
fn_c:
  li a0, 0xc
  ret
target_1:
  li a1, 1
  ret
target_2:
  li a1, 2
  jr a2
target_3:
  li a1, 3
  jr a0
target_4:
  li a1, 4
  j after_4
  .fill 16400, 4, 0x00000013
far_fn:
  li a4, 0x55
  ret
done:
  .option pop
TEST_END

TEST_SCRATCH_BEGIN
TEST_SCRATCH_PATTERN
TEST_SCRATCH_END
