// Columns of the free-input call machine (sm/fcall/air.h): kFcallSlots independent slots per
// row, each one fcall_param / fcall / fcall_get step of Main or a padding slot (all zero).
#pragma once

#include <cstddef>

namespace ziskc::sm {

inline constexpr std::size_t kFcallSlots = 2;

template <class T>
struct FcallSlot {
  T sel;   // 1 on slots that prove a free-input call, 0 on padding slots
  T kind;  // op - 0xf6: 0 fcall_param, 1 fcall, 2 fcall_get (0 on padding slots)
  T a;     // a_lo (a_hi is 0: every transpiled free-input call has an immediate a < 2^10)
  T b[2];  // b_lo, b_hi; also c (c = b)
};

template <class T>
struct FcallCols {
  FcallSlot<T> slot[kFcallSlots];
};

}  // namespace ziskc::sm
