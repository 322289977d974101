// The columns of the Binary machine (air.h constrains them, binary.h fills them). Binary is
// three AIRs plus a table (docs/sm/binary.md); the frequent ones hold several independent
// operations per row (slots), which shares the row's fixed costs (logUp running sum, quotient
// chunks) among them.
//
// Binary (2 slots): ltu, leu, eq, sub, minu, maxu, ltu_w, leu_w, eq_w, add_w, sub_w: the
// operations that need no operand sign. Each slot computes D = a - b - cin (a + b for add_w) in
// two 32-bit limbs of 16-bit chunks d (range-checked), with the borrow br0 (column) and br1
// (derived); sub_w/add_w sign-extend from bit 15 of d1 (sd).
// BinarySigned (1 slot): lt, le, min, max, their _w forms, minu_w, maxu_w (rare in compiled
// code): the same D plus the top bit of one 32-bit limb per operand (a_hi or a_lo for m32,
// b_hi or b_lo), split as limb = h0 + 2^16 h1 with h0 and h1 + 2^15 - 2^16 sign in Range16.
// BinaryLogic (2 slots): and, or, xor; a and b in bytes x, y with z = x & y from the
// BinaryTable (x, y, x & y), so c = z (and), x + y - z (or), x + y - 2z (xor) bytewise.
//
// Invariant: only T members (the width is sizeof / sizeof(T)); padding slots are all zero.
#pragma once

#include <cstddef>

namespace ziskc::sm {

inline constexpr std::size_t kBinarySlots = 2;
inline constexpr std::size_t kBinaryLogicSlots = 2;

template <class T>
struct BinarySlot {
  T a[2];  // a_lo, a_hi (Main's limbs; zero high halves for m32 ops)
  T b[2];  // b_lo, b_hi
  T c[2];  // c_lo, c_hi (the result, proved)
  T d[4];  // 16-bit chunks of D: D_lo = d0 + 2^16 d1, D_hi = d2 + 2^16 d3
  T br0;   // borrow of the low limb (carry for add_w)
  T lt;    // the borrow br1 (a < b, a <= b for leu); eq: inverse of D_lo + D_hi, or 0
  T sd;    // bit 31 of D_lo (sign-extends sub_w and add_w)
  T fl;    // the bus flag: c_lo for comparisons and eq, 0 otherwise
  T m32;   // the _w form
  // One-hot kind; their sum is the slot selector.
  T klt;   // ltu (+_w)
  T kle;   // leu (+_w): D = a - b - 1
  T keq;   // eq (+_w)
  T ksub;  // sub, sub_w
  T kadd;  // add_w
  T kmin;  // minu
  T kmax;  // maxu
};

template <class T>
struct BinaryCols {
  BinarySlot<T> slot[kBinarySlots];
};

template <class T>
struct BinarySignedCols {
  T a[2];   // a_lo, a_hi
  T b[2];   // b_lo, b_hi
  T c[2];   // c_lo, c_hi
  T d[4];   // chunks of D = a - b - cin
  T ah[2];  // SRC_a = ah0 + 2^16 ah1, SRC_a = a_hi (a_lo for m32)
  T sa;     // bit 31 of SRC_a: the sign of a
  T bh[2];  // SRC_b = bh0 + 2^16 bh1
  T sb;     // the sign of b
  T lt;     // a < b (a <= b for le), signed when sg
  T ssel;   // sign of the min/max-selected operand (sign-extends min_w and friends)
  T m32;
  T sg;  // signed
  // One-hot kind; their sum is the row selector.
  T klt;
  T kle;
  T kmin;
  T kmax;
};

template <class T>
struct BinaryLogicSlot {
  T x[8];  // bytes of a
  T y[8];  // bytes of b
  T z[8];  // x & y (from the BinaryTable)
  T f[3];  // one-hot op: and, or, xor; their sum is the slot selector
};

template <class T>
struct BinaryLogicCols {
  BinaryLogicSlot<T> slot[kBinaryLogicSlots];
};

template <class T>
struct BinaryTableFixedCols {
  T x;
  T y;
  T z;  // x & y
};

}  // namespace ziskc::sm
