// Columns of MemAlign (docs/sm/mem_align.md): one row per memory access that is not an aligned
// 8-byte one. The access covers bytes [off, off + width) of the 16-byte window formed by the
// aligned words aw and aw + 1 (the second only when the access crosses into it).
#pragma once

namespace ziskc::sm {

template <class T>
struct MemAlignCols {
  T aw;        // word index of the first aligned word (byte address >> 3)
  T step;      // mem_step of the access
  T is_store;  // 1: a store (read-modify-write), 0: a load
  T off[8];    // one-hot byte offset (address & 7); all zero on padding rows
  T w2;        // width >= 2
  T w4;        // width >= 4
  T w8;        // width == 8
  T cross;     // off + width > 8: the access continues into word aw + 1
  T b[16];     // bytes of words aw, aw + 1 before the access (second word: 0 unless cross)
  T v[8];      // bytes of the value: loads zero-extended, stores Main's full 64-bit value
  T nw[4];     // 32-bit limbs of words aw, aw + 1 after the access
};

}  // namespace ziskc::sm
