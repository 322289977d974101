// The columns of the Binary machine (air.h constrains them, binary.h fills them). Binary is two
// AIRs plus a table (docs/sm/binary.md):
//
// Binary: one row per comparison, min/max, sub, add_w/sub_w (every kBinary op but and/or/xor).
// Each row computes D = A - B - cin (A + B for add_w) in two 32-bit limbs with 16-bit chunks d
// (range-checked) and the borrows br0 (column) and br1 (derived); the signed ops and the
// sign-extended m32 results read the top bit of one 32-bit limb per operand (a_hi or a_lo,
// b_hi or b_lo, or D_lo for sub_w/add_w), split as limb = h0 + 2^16 h1 with h0 and
// h1 + 2^15 - 2^16 sign looked up in Range16.
//
// BinaryLogic: one row per and, or, xor; a and b in bytes x, y with z = x & y from the
// BinaryTable (x, y, x & y), so c = z (and), x + y - z (or), x + y - 2z (xor) bytewise.
//
// Invariant: only T members (the width is sizeof / sizeof(T)); padding rows are all zero.
#pragma once

namespace ziskc::sm {

template <class T>
struct BinaryCols {
  T a[2];   // a_lo, a_hi (Main's limbs; zero high halves for m32 ops)
  T b[2];   // b_lo, b_hi
  T c[2];   // c_lo, c_hi (the result, proved)
  T d[4];   // 16-bit chunks of D: D_lo = d0 + 2^16 d1, D_hi = d2 + 2^16 d3
  T br0;    // borrow of the low limb (carry for add_w)
  T ah[2];  // SRC_a = ah0 + 2^16 ah1
  T sa;     // bit 31 of SRC_a: the sign of a (a_hi, or a_lo for m32), or of D_lo (sub_w, add_w)
  T bh[2];  // SRC_b = bh0 + 2^16 bh1
  T sb;     // bit 31 of SRC_b: the sign of b
  T lt;     // a < b (signed when sg) for lt/le/min/max (<= for le); eq: inverse of D or 0
  T ssel;   // sign of the min/max-selected operand (sign-extends min_w and friends)
  T m32;    // the _w form
  T sg;     // signed (lt, le, min, max)
  // One-hot kind; their sum is the row selector.
  T klt;   // ltu, lt (+_w)
  T kle;   // leu, le (+_w): D = a - b - 1
  T keq;   // eq (+_w)
  T ksub;  // sub, sub_w
  T kadd;  // add_w
  T kmin;  // minu, min (+_w)
  T kmax;  // maxu, max (+_w)
};

template <class T>
struct BinaryLogicCols {
  T x[8];  // bytes of a
  T y[8];  // bytes of b
  T z[8];  // x & y (from the BinaryTable)
  T f[3];  // one-hot op: and, or, xor; their sum is the row selector
};

template <class T>
struct BinaryTableFixedCols {
  T x;
  T y;
  T z;  // x & y
};

}  // namespace ziskc::sm
