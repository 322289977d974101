// The columns of the Arith state machine (air.h proves, arith.h fills them), one row per
// mul/div/rem operation. docs/sm/arith.md has the algebra; in short every row checks
//     X * Y + R = P        (integers; X, Y, R signed or unsigned 64-bit, P up to 128 bits)
// with 16-bit chunks and three range-checked carries at 32-bit positions:
//
//   op        x (X)        y (Y)      z                 w                 u / e
//   mulu,mul  a            b          P high            P low  (returned) -
//   muluh..   a            b          P low             P high (returned) -
//   mul_w     2^32 a       b          P high            P low  (P = 2^32 a b)
//   div,rem   quotient q   b          dividend hi; e_lo remainder r       u = dividend lo
//   *_w div   2^32 q       2^32 b     2^32 a (z hi)     2^32 r            (values shifted)
//
// In division rows z[0], z[1] hold the low half of the remainder-check witness
// e = |Y| - |W| - 1 >= 0 (the dividend's low limb is u, which Main's bus value pins); e_hi
// holds its high half. The 32-bit forms are the 64-bit machine on values shifted by 2^32, so
// every sign bit and every bit-31 output bit is the top bit of a chunk 3 (n_x, n_y, n_z, n_w),
// looked up in the ArithChunkTable together with the chunk.
//
// Invariant: only T members (the width is sizeof / sizeof(T)); flags[] is one-hot on active
// rows and all zero on padding rows, which are all-zero rows.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "zisk/ops.h"

namespace ziskc::sm {

template <class T>
struct ArithCols {
  T x[4];                // 16-bit chunks of X (little-endian)
  T y[4];                // chunks of Y
  T z[4];                // chunks of Z (division rows: z[0], z[1] = chunks of e_lo)
  T w[4];                // chunks of W (the returned half of a product, or the remainder)
  T u;                   // 64-bit division rows: the dividend's low 32-bit limb
  T e_hi[2];             // division rows: chunks 2, 3 of the remainder-check witness e
  T carry_lo[3];         // carries c0, c1, c2 = lo + 2^16 * hi (c2 offset by -2), lo in Range16
  T carry_hi[3];         // hi0, hi1 bytes (one BytePair lookup), hi2 in {0, 1, 2}
  T n_x, n_y, n_z, n_w;  // top bit of chunk 3 where it matters (sign or bit-31 output), else 0
  T dz;                  // division by zero
  T ov;                  // signed overflow MIN / -1
  T inv;                 // division rows without dz: inverse of y[0] + y[1] + y[2] + y[3]
  T beta;                // borrow of e's low half, in {0, 1, 2}
  T flags[14];           // one-hot op selector, order of kArithOps
};

// The ops Arith proves, in the order of ArithCols::flags.
inline constexpr std::array<zisk::Op, 14> kArithOps = {
    zisk::Op::kMulu,  zisk::Op::kMuluh, zisk::Op::kMulsuh, zisk::Op::kMul,  zisk::Op::kMulh,
    zisk::Op::kMulW,  zisk::Op::kDivu,  zisk::Op::kRemu,   zisk::Op::kDiv,  zisk::Op::kRem,
    zisk::Op::kDivuW, zisk::Op::kRemuW, zisk::Op::kDivW,   zisk::Op::kRemW,
};

// Flag index of each op (the position in kArithOps).
enum ArithFlag : std::size_t {
  kFMulu = 0,
  kFMuluh,
  kFMulsuh,
  kFMul,
  kFMulh,
  kFMulW,
  kFDivu,
  kFRemu,
  kFDiv,
  kFRem,
  kFDivuW,
  kFRemuW,
  kFDivW,
  kFRemW,
  kNumArithFlags,
};
static_assert(kNumArithFlags == kArithOps.size());

}  // namespace ziskc::sm
