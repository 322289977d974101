// The columns of the BinaryExtension machine (air.h constrains them, binary_extension.h fills
// them). The machine is three AIRs plus a small table (docs/sm/binary_extension.md); each AIR
// row holds several independent operations (slots), which shares the row's fixed costs (logUp
// running sum, quotient chunks) among them.
//
// BinaryShift (sll, srl, sra) and BinaryShiftW (sll_w, srl_w, sra_w): with s = b mod 64, a
// shift is a window of the product X * 2^t:
//   left  (sll, sll_w):        c = low bits of X * 2^t,                t = s (s mod 32 for _w)
//   right (srl, sra, _w forms): c = X * 2^t >> 64 (>> 32 for _w),      t = 64 - s (32 - s mod 32)
// plus sign * (ML, MH) for the arithmetic forms and the sign extension of _w results. X = a
// (64-bit) or a_lo (_w); t = 16 u + w: the row multiplies by 2^w < 2^17 in field equations of at
// most 48 bits that give the 16-bit chunks d of X * 2^w, and the 16-bit shift by u selects which
// chunks form c. The BinaryShiftTable maps (kind, op, s) to the control values (Q = 2^(16-w),
// dir, u one-hot, ML, MH), so the prover chooses none of them.
//
// BinarySext: signextend_b/h/w; b_lo = v[0] + 2^8 v[1] + 2^16 h, the sign bit is bit 15 of the
// 16-bit value t that the op selects.
//
// Invariant: only T members (the width is sizeof / sizeof(T)); padding slots are all zero.
#pragma once

#include <cstddef>

namespace ziskc::sm {

inline constexpr std::size_t kBinaryShiftSlots = 2;
inline constexpr std::size_t kBinaryShiftWSlots = 2;
inline constexpr std::size_t kBinarySextSlots = 4;

template <class T>
struct BinaryShiftSlot {
  T a[2];  // a_lo, a_hi (Main's limbs)
  T b[2];  // b_lo, b_hi
  T c[2];  // c_lo, c_hi (the result, proved)
  T q[2];  // b_lo = s + 2^6 q[0] + 2^22 q[1], s = b_lo mod 64 (q range-checked)
  T k;     // carry between the two product equations (16 bits)
  T d[5];  // 16-bit chunks of a * 2^w
  T e;     // Q * d4: the 16-bit value whose bit 15 is bit 63 of a
  T sign;  // bit 63 of a (used by sra)
  // Control values, looked up in the BinaryShiftTable.
  T op;
  T q_pow;  // Q = 2^(16 - w)
  T dir;    // 0: left window (sll), 1: right window (srl, sra)
  T u[4];   // one-hot 16-bit shift; their sum is the slot selector
  T ml;     // low limb of the sign mask
  T mh;     // high limb of the sign mask
};

template <class T>
struct BinaryShiftCols {
  BinaryShiftSlot<T> slot[kBinaryShiftSlots];
};

template <class T>
struct BinaryShiftWSlot {
  T a[2];  // a_lo, a_hi (a_hi is not read by the _w ops)
  T b[2];  // b_lo, b_hi
  T c[2];  // c_lo, c_hi (the result, proved)
  T q[2];  // b_lo = s + 2^6 q[0] + 2^22 q[1]
  T d[3];  // 16-bit chunks of a_lo * 2^w
  T e;     // the 16-bit value whose bit 15 is the sign
  T sign;  // bit 31 of a_lo (srl_w, sra_w) or of the 32-bit result (sll_w)
  T op;
  T q_pow;
  T dir;
  T u[2];  // their sum is the slot selector
  T ml;
  T mh;
};

template <class T>
struct BinaryShiftWCols {
  BinaryShiftWSlot<T> slot[kBinaryShiftWSlots];
};

template <class T>
struct BinarySextSlot {
  T a[2];  // a_lo, a_hi (ignored by the ops, echoed on the bus)
  T b_hi;  // ignored by the ops, echoed on the bus
  T v[2];  // the two low bytes of b_lo
  T h;     // the high 16 bits of b_lo
  T t;     // the 16-bit value whose bit 15 is the sign: 2^8 v0, v0 + 2^8 v1 or h
  T sign;  // bit 7 / 15 / 31 of b
  T c_lo;  // the result's low limb (its high limb is sign * (2^32 - 1))
  T f[3];  // one-hot op: signextend_b, signextend_h, signextend_w; sum = slot selector
};

template <class T>
struct BinarySextCols {
  BinarySextSlot<T> slot[kBinarySextSlots];
};

// Fixed columns of the BinaryShiftTable: one row per (op, s), in the order of the tuple.
template <class T>
struct BinaryShiftTableFixedCols {
  T kind;  // 0: BinaryShift ops, 1: BinaryShiftW ops
  T op;
  T s;
  T q_pow;
  T dir;
  T u[4];
  T ml;
  T mh;
};

}  // namespace ziskc::sm
