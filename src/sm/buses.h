// The buses the zkVM's state machines talk over, and the exact tuple each one carries
// (docs/ZKVM.md is the prose version). This header is the contract between machines written by
// different people: a machine that proves or assumes a message on one of these buses uses the
// layout below, element for element. Bus ids are part of the protocol (they enter every
// fingerprint): never renumber.
//
// Conventions shared by every bus:
//  - A 64-bit value is two field elements (lo, hi), each a canonical integer < 2^32.
//  - step is the 0-based ZisK step (the emulator's step counter); main_step = step.
//  - mem_step = 1 + 4 * step + slot, slot 0: a read, 1: b read, 2: store, 3: the second half of
//    a read-modify-write (MemAlign's aligned write of a sub-word store) or extra accesses of
//    DMA/precompile operations. Every aligned 8-byte word is accessed at most once per mem_step.
//  - Multiplicities: the machine that *checks* a fact proves it; the machine that *uses* it
//    assumes it (Main assumes operations, memory accesses and ROM rows).
#pragma once

#include <cstdint>

namespace ziskc::sm {

// Operation bus: (op, a_lo, a_hi, b_lo, b_hi, c_lo, c_hi, flag[, main_step, extra_arg]).
//  - op is the ZisK opcode (zisk/ops.def); (c, flag) = zisk::apply<op>(a, b) exactly.
//  - For m32 ops (*_w) Main sends a_hi = b_hi = 0 and the op machine computes on the low 32
//    bits of a and b; c is the full 64-bit result (the sign-extended value ZisK defines).
//  - pubout (0x30): Main assumes (0x30, i, 0, v_lo, v_hi, v_lo, v_hi, 0) for each of the 32
//    pubout steps of the BIOS (i < 32, v = 8-byte word i of the output area, so v_lo / v_hi are
//    the public outputs 2i / 2i + 1: zisk/bios.cc publishes words, not u32s); the verifier
//    proves the 32 tuples from the proof's 64 public values as direct terms
//    (sm/main/statement.h), so the outputs are bound to the execution.
//  - main_step and extra_arg are 0 for every op proved by Binary/BinaryAdd/BinaryExtension/
//    Arith (so those machines send the 8-element tuple; the fingerprint zero-pads). Precompile
//    and DMA machines receive main_step = step and extra_arg = jmp_offset1 (the instruction's
//    raw offset: the x-forms' count / byte; Main's kRomFlagPrecompiled, sm/rom/cols.h).
inline constexpr std::uint32_t kOperationBus = 1;

// Memory bus: (mem_op, addr, mem_step, width, value_lo, value_hi).
//  - mem_op: kMemLoad, kMemStore, or kMemRomInit. Main sends kMemRomInit for a BIOS
//    data-initialisation store into the ROM area (ZiskInst::bios_init with a ROM address: a
//    static fact of the program, so a ROM column) and kMemStore for every other store. The
//    ROM-data machine accepts kMemRomInit only as the first access of its word and never a
//    kMemStore, so a guest store into ROM cannot be proven.
//  - addr is the byte address (< 2^32 for every mapped region), width 1, 2, 4 or 8.
//  - Loads: value is the loaded `width` bytes, zero-extended.
//  - Stores: value is the full 64-bit source value; memory receives its low `width` bytes.
//  - Aligned 8-byte accesses (width 8, addr % 8 == 0) are proved by the memory machines
//    (RAM incl. the register words of the system area, ROM data, input data); every other access
//    is proved by MemAlign, which assumes the aligned 8-byte accesses it implies on this same
//    bus: reads at the access's mem_step and, for stores, writes at mem_step + 1 (slot 3).
//  - The 32 RISC-V registers are the RAM words at SYS + 8*i (zisk/layout.h reg_addr); Main
//    reads and writes them with width-8 loads/stores on this bus like any other word.
inline constexpr std::uint32_t kMemoryBus = 2;
inline constexpr std::uint32_t kMemLoad = 1;
inline constexpr std::uint32_t kMemStore = 2;
inline constexpr std::uint32_t kMemRomInit = 3;
// Chain links of the memory machines (docs/sm/mem.md) travel on kMemoryBus too, with these
// mem_ops (never sent by Main or MemAlign): (kMemChain*, 8 * word, mem_step, 8 + flag, value_lo,
// value_hi). Sharing the bus lets the link and the access of a row use one interaction (one
// logUp column less per row than a separate kMemContinuationBus message). The ops are 16 apart
// so that no access op added to them (1..3) can reach another region's chain op.
inline constexpr std::uint32_t kMemChainRam = 0x10;
inline constexpr std::uint32_t kMemChainRomData = 0x20;
inline constexpr std::uint32_t kMemChainInputData = 0x30;

// ROM bus: Main <-> ROM, the instruction fields of one pc (layout owned by sm/main and sm/rom:
// sm/rom/cols.h).
inline constexpr std::uint32_t kRomBus = 3;

// 16-bit range checks: (v) with 0 <= v < 2^16. The U16 table machine proves; anyone assumes.
inline constexpr std::uint32_t kRange16Bus = 4;
// Byte-pair range checks: (x, y) with 0 <= x, y < 256 (one lookup checks two bytes).
inline constexpr std::uint32_t kBytePairBus = 5;

// Continuations across instances of one machine (first/last row state; tuples owned by each
// machine, starting with the machine's own tag so chains never mix).
// Main's (the bus is Main's alone, so its tuples carry no tag): instances assume
// (0, start_step, start_pc, start_c_lo, start_c_hi) and prove (is_last, (1 - is_last) *
// next_step, next_pc, last_c_lo, last_c_hi) (sm/main/statement.h).
inline constexpr std::uint32_t kMainContinuationBus = 10;
inline constexpr std::uint32_t kMemContinuationBus = 11;  // unused: see kMemChainRam

// Private buses of one machine and its table (Binary <-> BinaryTable, ...): ids from 20 on,
// one per table, allocated here so they never collide.
inline constexpr std::uint32_t kBinaryTableBus = 20;
inline constexpr std::uint32_t kBinaryExtensionTableBus = 21;
inline constexpr std::uint32_t kArithTableBus = 22;
inline constexpr std::uint32_t kMemAlignTableBus = 23;  // unused: MemAlign uses BytePair

}  // namespace ziskc::sm
