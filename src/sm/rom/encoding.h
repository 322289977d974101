// The proof's encoding of a ZisK instruction (one ROM row; docs/sm/rom.md "Encoding"): what the
// ROM machine commits to and what Main's row carries for the step that executes it.
//
// It differs from ZiskInst so that Main's constraints stay small and every fault of the
// emulator stays unprovable:
//  - registers are memory words: a register source / store becomes a memory source / store at
//    SYS + 8 i (sm/buses.h), so Main has only imm / mem / last-c / indirect sources;
//  - internal instructions (the extra steps of one RISC-V instruction) are at pc + 2^32 in the
//    proof's pc space. A dynamic jump (set_pc) lands on c_lo + jmp1 < 2^32 + 2^16 and can never
//    reach one (they lie at >= 2^32 + 2^16); static edges reach one only inside its group, as
//    in the emulator;
//  - jump offsets are differences in that pc space; a static edge the emulator faults on (no
//    instruction there, or another group's internal instruction) points at kNoPc, where no
//    instruction is;
//  - a constant address that is not below 2^32 becomes kNoAddr (no memory machine proves it);
//  - an indirect store whose a is an immediate is a BIOS ROM-data initialisation (mem_op
//    kMemRomInit) when bios_init targets the ROM area; any other one of width 8 becomes a store
//    to the constant address a + offset; a sub-word one keeps the indirect form (and is then
//    provable only as a ROM init: the transpiler emits none);
//  - Main's internal ops: flag is op 0, copyb and profile (c = b, flag = 0) are op 1;
//  - DMA and precompile ops (kRomFlagPrecompiled) keep their raw jmp_offset1 in jmp1: it is
//    the extra argument of their operation message, and their flag is 0, so only jmp2 moves;
//  - the end instruction (at end_pc, a copyb looping on itself with no memory access) carries
//    kRomFlagEnd: Main's step stops advancing on it (sm/main/air.h).
// Instructions the proof cannot express are refused with kUnsupported naming the pc: a = step
// sources, set_pc with |jmp1| >= 2^16 or with an op that can set the flag, a link value not
// below 2^32 or at an internal instruction, an internal instruction below 2^16.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "field/goldilocks.h"
#include "poly/matrix.h"
#include "sm/rom/cols.h"
#include "zisk/rom.h"

namespace ziskc::sm {

using field::Fe;

inline constexpr std::uint64_t kInternalPcShift = 1ull << 32;
inline constexpr std::uint64_t kNoPc = 1ull << 33;
inline constexpr std::uint64_t kNoAddr = 1ull << 32;
inline constexpr std::int64_t kMaxSetPcOffset = 1 << 16;

struct RomEntry {
  RomFields<Fe> fields;
  std::uint32_t flags = 0;  // kRomFlag* bits (kRomFlagReal not included)
  // Facts the Main witness uses, consistent with `fields`:
  std::uint64_t pc_main = 0;     // fields.pc
  std::uint64_t a_addr = 0;      // kRomFlagAMem: the word's address
  std::uint64_t b_addr = 0;      // kRomFlagBMem
  std::uint64_t store_addr = 0;  // kRomFlagStoreMem
  bool rom_init = false;         // the store is a BIOS ROM-data init (kMemRomInit)

  bool has(std::uint32_t f) const { return (flags & f) != 0; }
  // The tuple's flags element.
  std::uint64_t flags_value() const { return kRomFlagReal | flags; }
};

// The pc of an instruction in the proof's pc space.
constexpr std::uint64_t pc_main(const zisk::ZiskInst& z) {
  return z.internal ? z.pc + kInternalPcShift : z.pc;
}

// One entry per instruction of rom, by index (rom.inst(i)).
Result<std::vector<RomEntry>> encode_rom(const zisk::Rom& rom);

inline constexpr unsigned kRomMinLogHeight = 2;
// Height of the ROM instance for n instructions: the next power of two above n (at least one
// padding row is not needed: padding is only what the power of two leaves), >= 2^kRomMinLogHeight.
unsigned rom_log_height(std::size_t num_insts);

// The fixed columns (2^rom_log_height x width_of<RomFixedCols>): row i = entries[i], the rest 0.
poly::RowMajorMatrix rom_fixed_columns(std::span<const RomEntry> entries);
Result<poly::RowMajorMatrix> rom_fixed_columns(const zisk::Rom& rom);

}  // namespace ziskc::sm
