// The ZisK instruction (DESIGN.md §3): one step computes (c, flag) = op(a, b), optionally
// stores c (or the link pc), and moves the pc. Field meanings follow ZisK's ZiskInst
// (core/src/zisk_inst.rs) after its builder's normalisations (zisk_inst_builder.rs):
//  - a register source or store of x0 never appears (x0 reads become imm 0, x0 stores none);
//  - ZisK's temporary registers 32 and 33 are memory words at SYS + 8*32 / SYS + 8*33 (ZisK
//    keeps only x1..x31 in the Main trace), so they appear as kMem sources and stores;
//  - one ind_width serves both an indirect b source and an indirect store.
// Next pc: set_pc ? c + jmp_offset1 : pc + (flag ? jmp_offset1 : jmp_offset2).
// The value stored is c, or pc + jmp_offset2 when store_pc (the link of jal/jalr/ecall).
#pragma once

#include <cstdint>
#include <string>

#include "zisk/ops.h"

namespace ziskc::zisk {

enum class SrcA : std::uint8_t {
  kImm,    // a = a_value
  kReg,    // a = x[a_value], 1 <= a_value <= 31
  kMem,    // a = 8-byte word at address a_value
  kLastC,  // a = c of the previous step
  kStep,   // a = the step number
};
enum class SrcB : std::uint8_t {
  kImm,    // b = b_value
  kReg,    // b = x[b_value]
  kMem,    // b = 8-byte word at address b_value
  kLastC,  // b = c of the previous step
  kInd,    // b = ind_width bytes at a + (int64)b_value (zero-extended)
};
enum class StoreKind : std::uint8_t {
  kNone,
  kReg,  // x[store_offset] = value, 1 <= store_offset <= 31
  kMem,  // 8-byte word at address store_offset = value
  kInd,  // ind_width bytes at a + store_offset = value
};

// Why a halt instruction stops the run (the transpiler's reason; a halt is a guest fault only
// when executed).
enum class HaltReason : std::uint8_t {
  kNone,
  kIllegalInstruction,  // not rv64imac, or a reserved encoding
  kBadDmaPattern,       // a DMA CSR port not followed by its add/addi partner
};
const char* halt_reason_name(HaltReason r);

// RISC-V jalr target mask: clears bit 0 only (ZisK's JALR_MASK; a = this in jalr's `and`).
inline constexpr std::uint64_t kJalrMask = ~1ull;

// Marks an instruction without a RISC-V source (BIOS code).
inline constexpr std::uint32_t kNoSource = 0xFFFF'FFFF;

struct ZiskInst {
  std::uint64_t pc = 0;
  std::uint64_t a_value = 0;
  std::uint64_t b_value = 0;
  std::int64_t store_offset = 0;
  std::int64_t jmp_offset1 = 0;
  std::int64_t jmp_offset2 = 0;
  Op op = Op::kFlag;
  SrcA a_src = SrcA::kImm;
  SrcB b_src = SrcB::kImm;
  StoreKind store = StoreKind::kNone;
  std::uint8_t ind_width = 8;  // 1, 2, 4 or 8
  bool store_pc = false;
  bool set_pc = false;
  bool m32 = false;
  bool end = false;
  // An extra instruction of a multi-step RISC-V instruction (at pc = source pc + 1..3):
  // reached only by falling through from its group, never a jump target.
  bool internal = false;
  // A BIOS data-initialisation store: the only stores allowed into the ROM data area.
  bool bios_init = false;
  HaltReason halt = HaltReason::kNone;
  // Index into Rom::sources() of the RISC-V instruction this comes from, or kNoSource.
  std::uint32_t source = kNoSource;

  friend bool operator==(const ZiskInst&, const ZiskInst&) = default;
};

// "add(r10, imm 0x5) -> r11; j(+4, +4)" style text of one instruction (for `ziskc rom` and
// error messages).
std::string to_string(const ZiskInst& inst);

}  // namespace ziskc::zisk
