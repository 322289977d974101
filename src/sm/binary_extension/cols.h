// The columns of the BinaryExtension machine (air.h constrains them, binary_extension.h fills
// them). The machine is two AIRs plus a small table (docs/sm/binary_extension.md):
//
// BinaryShift: one row per sll, srl, sra, sll_w, srl_w, sra_w. With s = b mod 64, every shift
// is a window of the product X * 2^t (X = a, or a_lo * 2^32 for srl_w / sra_w):
//   left  (sll, sll_w):           c = low 64 bits of X * 2^t,  t = s (s mod 32 for sll_w)
//   right (srl, sra, srl_w, sra_w): c = X * 2^t >> 64,          t = 64 - s (32 - s mod 32 for _w)
// plus sign * (ML, MH) for the arithmetic ones (sign = bit 63 of X) and sign-extension of the
// 32-bit result for sll_w (sign = bit 31 of c_lo). t = 16 u + w: the row multiplies by
// 2^w < 2^17 in two 48-bit field equations that give the 16-bit chunks d[0..4] of X * 2^w, and
// the 16-bit shift by u selects which chunks form c. The BinaryShiftTable maps (op, s) to the
// row's control values (Q = 2^(16-w), dir, u one-hot, ML, MH, G, Z), so every one of them is a
// fixed-column value the prover cannot choose.
//
// BinarySext: one row per signextend_b/h/w; b_lo = v[0] + 2^8 v[1] + 2^16 h, the sign bit is
// bit 15 of a 16-bit value that the op selects.
//
// Invariant: only T members (the width is sizeof / sizeof(T)); padding rows are all zero.
#pragma once

namespace ziskc::sm {

template <class T>
struct BinaryShiftCols {
  T a[2];  // a_lo, a_hi (Main's limbs)
  T b[2];  // b_lo, b_hi
  T c[2];  // c_lo, c_hi (the result, proved)
  T q[2];  // b_lo = s + 2^6 q[0] + 2^22 q[1], s = b_lo mod 64 (q range-checked)
  T k;     // carry between the two product equations (16 bits)
  T d[5];  // 16-bit chunks of X * 2^w
  T e;     // the 16-bit value whose bit 15 is the sign
  T sign;  // sign bit used by sra, sra_w, srl_w (s = 0) and sll_w
  // Control values, looked up in the BinaryShiftTable as (op, s, Q, dir, u, ML, MH, G, Z).
  T op;
  T q_pow;  // Q = 2^(16 - w)
  T dir;    // 0: left window, 1: right window
  T u[4];   // one-hot 16-bit shift; their sum is the row selector
  T ml;     // low limb of the sign mask
  T mh;     // high limb of the sign mask
  T g;      // 1 for sll_w: c_hi is only the sign extension
  T z;      // 1 for srl_w, sra_w: X = a_lo * 2^32
};

template <class T>
struct BinarySextCols {
  T a[2];  // a_lo, a_hi (ignored by the ops, echoed on the bus)
  T b_hi;  // ignored by the ops, echoed on the bus
  T v[2];  // the two low bytes of b_lo
  T h;     // the high 16 bits of b_lo
  T sign;  // bit 7 / 15 / 31 of b
  T f[3];  // one-hot op: signextend_b, signextend_h, signextend_w; sum = row selector
};

// Fixed columns of the BinaryShiftTable: one row per (op, s), in the order of the tuple.
template <class T>
struct BinaryShiftTableFixedCols {
  T op;
  T s;
  T q_pow;
  T dir;
  T u[4];
  T ml;
  T mh;
  T g;
  T z;
};

}  // namespace ziskc::sm
