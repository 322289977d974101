// The columns of the BinaryAdd state machine (air.h constrains them, binary_add.h fills them):
// each row holds kBinaryAddSlots independent 64-bit `add`s, c = (a + b) mod 2^64. Several adds
// per row share the row's fixed costs (the logUp running sum and the quotient chunks), which
// matter for the most frequent operation of every program.
//
// In each slot, a and b are Main's 32-bit limbs as they appear on the operation bus; c is kept as
// four 16-bit chunks (each range-checked on kRange16Bus), so c_lo = c[0] + 2^16 c[1] and c_hi =
// c[2] + 2^16 c[3] are canonical 32-bit limbs. The two carries are not columns: they are (a_lo +
// b_lo - c_lo) / 2^32 and (a_hi + b_hi + carry_lo - c_hi) / 2^32, each forced to 0 or 1.
//
// Invariant: only T members (the width is sizeof / sizeof(T)); padding slots are all zero.
#pragma once

#include <cstddef>

namespace ziskc::sm {

inline constexpr std::size_t kBinaryAddSlots = 4;

template <class T>
struct BinaryAddSlot {
  T a[2];  // a_lo, a_hi
  T b[2];  // b_lo, b_hi
  T c[4];  // 16-bit chunks of c, little-endian
  T sel;   // 1 on slots that prove an add, 0 on padding slots
};

template <class T>
struct BinaryAddCols {
  BinaryAddSlot<T> slot[kBinaryAddSlots];
};

}  // namespace ziskc::sm
