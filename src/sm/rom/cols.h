// The columns of the ROM state machine (docs/sm/rom.md) and the layout of the kRomBus tuple that
// Main looks up for every step (sm/main/air.h builds the same tuple from its own columns).
//
// One ROM row per ZisK instruction of the program (BIOS included), as fixed columns committed at
// setup, plus one witness column: how many steps executed the instruction. The tuple is
//   (pc, a_off, a_imm_hi, b_off, b_imm_hi, store_off, jmp1, jmp2, ind_width, op, flags)
// in the *proof's* encoding of the instruction (sm/rom/encoding.h), which differs from ZiskInst:
// registers are memory addresses, internal instructions live at pc + 2^32, jump offsets are
// differences in that pc space, and internal ops are op 0 (flag) / 1 (copyb, profile).
// flags = kRomFlagReal + the sum of the kRomFlag* bits: odd on every instruction row, 0 on the
// padding rows (all of whose columns are 0), so a padding row never equals a Main lookup.
//
// Invariant: only T members (the width is sizeof / sizeof(T)).
#pragma once

#include <cstdint>

namespace ziskc::sm {

// The instruction fields of one ROM row in tuple order (the flags element follows them).
template <class T>
struct RomFields {
  T pc;         // pc in the proof's pc space: pc, or pc + 2^32 for an internal instruction
  T a_off;      // a: immediate low limb | memory address (register i: SYS + 8 i) | 0
  T a_imm_hi;   // a: immediate high limb | 0
  T b_off;      // b: immediate low limb | memory address | indirect offset (signed) | 0
  T b_imm_hi;   // b: immediate high limb | 0
  T store_off;  // store: memory address | indirect offset (signed) | 0
  T jmp1;       // jump offsets as differences in the proof's pc space (signed); DMA and
                //   precompile ops: jmp1 is the raw jmp_offset1 (their extra argument)
  T jmp2;
  T ind_width;  // width of the indirect access, 1, 2, 4 or 8 (8 when nothing is indirect)
  T op;         // ZisK opcode; Main's internal ops are 0 (flag) and 1 (copyb and profile)
};

template <class T>
struct RomFixedCols {
  RomFields<T> f;
  T flags;  // kRomFlagReal + kRomFlag* bits; 0 on padding rows
};

template <class T>
struct RomCols {
  T mult;  // executions of the row's instruction over all Main instances
};

// Bits of the flags element. Bit k (k >= 1) is Main's k-th flag column (sm/main/cols.h), in
// this order.
inline constexpr std::uint32_t kRomFlagReal = 1u << 0;      // every instruction row
inline constexpr std::uint32_t kRomFlagAImm = 1u << 1;      // a = (a_off, a_imm_hi)
inline constexpr std::uint32_t kRomFlagAMem = 1u << 2;      // a = word at a_off (load, slot 0)
inline constexpr std::uint32_t kRomFlagBImm = 1u << 3;      // b = (b_off, b_imm_hi)
inline constexpr std::uint32_t kRomFlagBMem = 1u << 4;      // b = word at b_off (load, slot 1)
inline constexpr std::uint32_t kRomFlagBInd = 1u << 5;      // b = ind_width bytes at a + b_off
inline constexpr std::uint32_t kRomFlagExternal = 1u << 6;  // op proved on kOperationBus
inline constexpr std::uint32_t kRomFlagStoreMem = 1u << 7;  // word at store_off = value
inline constexpr std::uint32_t kRomFlagStoreInd = 1u << 8;  // ind_width bytes at a + store_off
inline constexpr std::uint32_t kRomFlagStorePc = 1u << 9;   // value = pc + jmp2 (the link)
inline constexpr std::uint32_t kRomFlagSetPc = 1u << 10;    // next pc = c + jmp1
inline constexpr std::uint32_t kRomFlagM32 = 1u << 11;      // 32-bit operands on the bus
// DMA and precompile ops: the operation message carries (main_step, extra_arg = jmp1), and
// jmp1 holds the instruction's raw jmp_offset1 (the op's flag is 0: it never jumps).
inline constexpr std::uint32_t kRomFlagPrecompiled = 1u << 12;
// The end instruction (the one at the layout's end_pc, which loops on itself without memory
// access or operation): Main's step stops advancing there, so the end message carries the step
// at which the run first reached it (sm/main/air.h).
inline constexpr std::uint32_t kRomFlagEnd = 1u << 13;
inline constexpr unsigned kNumRomFlags = 13;  // kRomFlagAImm .. kRomFlagEnd

}  // namespace ziskc::sm
