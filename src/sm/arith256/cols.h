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

namespace ziskc::sm {

// Columns of the Arith256Mod machine (docs/sm/arith256.md "arith256_mod"): one row per
// arith256_mod call, a * b + c = q * module + d with 0 <= d < module. q can need 512 bits
// (module 1), so it has 32 limbs; the identity spans positions 0 .. 46 with signed carries
// (stored with the offset kArith256ModCarryOffset); e = module - 1 - d with a borrow chain.
inline constexpr unsigned kArith256ModQLimbs = 2 * kArith256Limbs;
inline constexpr unsigned kArith256ModPositions = kArith256ModQLimbs + kArith256Limbs - 1;  // 47
inline constexpr unsigned kArith256ModCarries = kArith256ModPositions - 1;                  // 46
inline constexpr unsigned kArith256ModCarryOffset = 1u << 31;

template <class T>
struct Arith256ModCols {
  T sel;                       // 1 on a call's row, 0 on padding
  T step;                      // main step of the call
  T addr;                      // the parameter block's address
  T ptr[kArith256BlockWords];  // the block's words: a*, b*, c*, module*, d*
  T a[kArith256Limbs];         // operands, 16-bit limbs
  T b[kArith256Limbs];
  T c[kArith256Limbs];
  T m[kArith256Limbs];              // the module
  T d[kArith256Limbs];              // the result (a * b + c) mod module
  T e[kArith256Limbs];              // module - 1 - d (>= 0: d < module)
  T borrow[kArith256Limbs - 1];     // carries of d + e + 1 = module, bits
  T q[kArith256ModQLimbs];          // the quotient, 16-bit limbs
  T carry_lo[kArith256ModCarries];  // carry_k + 2^31 = lo + 2^16 hi
  T carry_hi[kArith256ModCarries];
};

}  // namespace ziskc::sm
