// The columns of the Main state machine (air.h constrains them, main.h fills them): one row per
// ZisK step.
//
// The first block is the executed instruction in the proof's encoding (sm/rom/encoding.h),
// looked up in the ROM; the flag columns are its kRomFlag* bits in bit order (bit k + 1 is the
// k-th flag column), so the lookup's flags element is 1 + sum_k 2^(k+1) flag_k. Then the step's
// values: a, b, c as 32-bit limbs (lo, hi), the op's flag, and the step number.
// Derived, not columns: a_src_c = 1 - a_imm - a_mem (a = last c), b_src_c = 1 - b_imm - b_mem -
// b_ind (b = last c), mem_step = 1 + 4 step + slot.
//
// Invariant: only T members (the width is sizeof / sizeof(T)); the instruction block comes first
// (the witness copies it from a per-instruction template).
#pragma once

#include "sm/rom/cols.h"

namespace ziskc::sm {

template <class T>
struct MainCols {
  RomFields<T> rom;
  // kRomFlag* bits, in bit order.
  T a_imm;
  T a_mem;
  T b_imm;
  T b_mem;
  T b_ind;
  T is_ext;
  T store_mem;
  T store_ind;
  T store_pc;
  T set_pc;
  T m32;
  T is_prec;  // DMA / precompile op: main_step and extra_arg on the operation bus
  T is_end;   // the end instruction: the step stops advancing
  // The step.
  T a[2];
  T b[2];
  T c[2];
  T flag;
  T step;
};

// Columns the witness copies from the instruction's template (rom + flags).
inline constexpr std::size_t kMainInstCols = 10 + 13;

}  // namespace ziskc::sm
