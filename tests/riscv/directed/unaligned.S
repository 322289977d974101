/* Directed test: unaligned loads and stores of every width, inside one dword and crossing
 * a dword boundary (ZisK supports unaligned data accesses; so does qemu-user). */
#include "directed.h"

TEST_BEGIN
  li a0, 0x8786858483828180
  sd a0, 256(BASE)
  li a0, 0x8f8e8d8c8b8a8988
  sd a0, 264(BASE)
  li a0, 0x9796959493929190
  sd a0, 272(BASE)
  li a0, 0x9f9e9d9c9b9a9998
  sd a0, 280(BASE)
  li a0, 0x0706050403020100
  sd a0, 288(BASE)
  sd zero, 296(BASE)

  TEST_LD(lh, 257, 0xffffffffffff8281)
  TEST_LD(lhu, 257, 0x8281)
  TEST_LD(lh, 263, 0xffffffffffff8887)
  TEST_LD(lhu, 263, 0x8887)
  TEST_LD(lh, 287, 0x009f)
  TEST_LD(lh, 295, 0x0007)
  TEST_LD(lw, 257, 0xffffffff84838281)
  TEST_LD(lwu, 257, 0x84838281)
  TEST_LD(lw, 262, 0xffffffff89888786)
  TEST_LD(lw, 263, 0xffffffff8a898887)
  TEST_LD(lwu, 263, 0x8a898887)
  TEST_LD(lw, 285, 0x009f9e9d)
  TEST_LD(lw, 293, 0x00070605)
  TEST_LD(ld, 257, 0x8887868584838281)
  TEST_LD(ld, 263, 0x8e8d8c8b8a898887)
  TEST_LD(ld, 271, 0x969594939291908f)
  TEST_LD(ld, 284, 0x030201009f9e9d9c)
  TEST_LD(ld, 289, 0x0007060504030201)

  /* Unaligned stores inside a dword and across a boundary; neighbours unchanged. */
  li a0, 0x5555555555555555
  sd a0, 512(BASE)
  li a0, 0xbeef
  sh a0, 513(BASE)
  TEST_LD(ld, 512, 0x5555555555beef55)
  sd zero, 528(BASE)
  sd zero, 536(BASE)
  li a0, 0xdeadbeef
  sw a0, 534(BASE)
  TEST_LD(ld, 528, 0xbeef000000000000)
  TEST_LD(ld, 536, 0x000000000000dead)
  sd zero, 544(BASE)
  sd zero, 552(BASE)
  li a0, 0x0123456789abcdef
  sd a0, 547(BASE)
  TEST_LD(ld, 544, 0x6789abcdef000000)
  TEST_LD(ld, 552, 0x0000000000012345)
  TEST_LD(ld, 547, 0x0123456789abcdef)
  li a0, -1
  sd a0, 560(BASE)
  sd a0, 568(BASE)
  sh zero, 567(BASE)
  TEST_LD(ld, 560, 0x00ffffffffffffff)
  TEST_LD(ld, 568, 0xffffffffffffff00)
  sw zero, 573(BASE)
  TEST_LD(ld, 568, 0x000000ffffffff00)
  TEST_LD(lw, 571, 0x0000ffff)

  /* Through a pointer register with an odd displacement. */
  addi a5, BASE, 600
  li a0, 0x1122334455667788
  sd a0, -53(a5)
  ld a2, 547(BASE)
  EXPECT(a2, 0x1122334455667788)
  lhu a2, -51(a5)
  EXPECT(a2, 0x5566)
TEST_END

TEST_SCRATCH_BEGIN
TEST_SCRATCH_PATTERN
TEST_SCRATCH_END
