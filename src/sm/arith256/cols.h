// Columns of the Arith256 machine (docs/sm/arith256.md): one row per arith256 call
// (a * b + c = dh * 2^256 + dl on 256-bit operands), the operands and results as 16-bit limbs,
// the per-position carries of the limb identity as two 16-bit halves.
//
// Limb l of a 256-bit value x is bits 16l .. 16l + 15 (word w of the guest's little-endian u64
// array is limbs 4w .. 4w + 3; its bus limbs are x_4w + 2^16 x_4w+1 and x_4w+2 + 2^16 x_4w+3).
//
// Invariant: only T members, so the width is sizeof / sizeof(T).
#pragma once

namespace ziskc::sm {

inline constexpr unsigned kArith256Limbs = 16;  // 16-bit limbs of a 256-bit value
inline constexpr unsigned kArith256Words = 4;   // u64 words of a 256-bit value
inline constexpr unsigned kArith256Carries = 2 * kArith256Limbs - 1;  // positions 0 .. 30
inline constexpr unsigned kArith256BlockWords = 5;                    // [a*, b*, c*, dl*, dh*]

template <class T>
struct Arith256Cols {
  T sel;                       // 1 on a call's row, 0 on padding
  T step;                      // main step of the call
  T addr;                      // the parameter block's address, b_lo of the op message
  T ptr[kArith256BlockWords];  // the block's words: a*, b*, c*, dl*, dh*
  T a[kArith256Limbs];         // operands, 16-bit limbs
  T b[kArith256Limbs];
  T c[kArith256Limbs];
  T dl[kArith256Limbs];  // results: low and high 256 bits of a * b + c
  T dh[kArith256Limbs];
  T carry_lo[kArith256Carries];  // carry out of limb position k = lo + 2^16 hi
  T carry_hi[kArith256Carries];
};

}  // namespace ziskc::sm
