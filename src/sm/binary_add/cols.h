// The columns of the BinaryAdd state machine (air.h constrains them, binary_add.h fills them):
// one row per 64-bit `add`, c = (a + b) mod 2^64.
//
// a and b are Main's 32-bit limbs as they appear on the operation bus; c is kept as four 16-bit
// chunks (each range-checked on kRange16Bus), so c_lo = c[0] + 2^16 c[1] and
// c_hi = c[2] + 2^16 c[3] are canonical 32-bit limbs. The two carries are not columns: they are
// (a_lo + b_lo - c_lo) / 2^32 and (a_hi + b_hi + carry_lo - c_hi) / 2^32, each forced to 0 or 1.
//
// Invariant: only T members (the width is sizeof / sizeof(T)); padding rows are all zero.
#pragma once

namespace ziskc::sm {

template <class T>
struct BinaryAddCols {
  T a[2];  // a_lo, a_hi
  T b[2];  // b_lo, b_hi
  T c[4];  // 16-bit chunks of c, little-endian
  T sel;   // 1 on rows that prove an add, 0 on padding rows
};

}  // namespace ziskc::sm
