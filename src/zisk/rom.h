// The transpiled program (ROM): every ZisK instruction indexed by its pc, the RISC-V
// instruction each one comes from, and what the emulator needs to set up memory.
// Invariants: instructions are sorted by pc with unique pcs; the internal instructions of a
// RISC-V instruction at A follow it at A+1, A+2, A+3 (A+1 only after a 2-byte instruction);
// find(pc) is O(1); the instruction list is what the ROM state machine commits to.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "riscv/decoder.h"
#include "zisk/instruction.h"
#include "zisk/layout.h"

namespace ziskc::zisk {

// A RISC-V instruction of the guest, as the linear sweep of its executable segment found it.
struct RiscvSource {
  std::uint64_t pc = 0;
  riscv::Insn insn;
};

class Rom {
 public:
  Rom() = default;
  // Takes instructions in any order; ZISKC_CHECKs unique pcs (a transpiler bug otherwise).
  Rom(LayoutKind layout, std::vector<ZiskInst> insts, std::vector<RiscvSource> sources,
      std::uint64_t entry, std::uint64_t trap_pc, std::uint64_t rom_data_lo,
      std::uint64_t rom_data_hi);

  LayoutKind layout_kind() const { return layout_; }
  const Layout& layout() const { return zisk::layout(layout_); }
  std::span<const ZiskInst> insts() const { return insts_; }
  std::span<const RiscvSource> sources() const { return sources_; }
  const ZiskInst& inst(std::size_t i) const { return insts_[i]; }
  std::size_t size() const { return insts_.size(); }

  // Index of the instruction at pc, or nullopt.
  std::optional<std::uint32_t> find(std::uint64_t pc) const;
  // The RISC-V source of an instruction, or nullptr (BIOS).
  const RiscvSource* source_of(const ZiskInst& inst) const {
    return inst.source == kNoSource ? nullptr : &sources_[inst.source];
  }

  std::uint64_t entry() const { return entry_; }      // the ELF entry the BIOS calls
  std::uint64_t trap_pc() const { return trap_pc_; }  // where ecall jumps (BIOS trap handler)
  // The ROM data area the BIOS initialises: readable guest memory in the ROM region
  // (8-byte aligned; empty when lo == hi).
  std::uint64_t rom_data_lo() const { return rom_data_lo_; }
  std::uint64_t rom_data_hi() const { return rom_data_hi_; }

 private:
  struct Range {
    std::uint64_t lo = 0, hi = 0;
    std::vector<std::uint32_t> first;  // per 2-byte slot: first instruction index, or ~0
  };
  void build_index();
  static std::optional<std::uint32_t> find_in(const Range& r, std::span<const ZiskInst> insts,
                                              std::uint64_t pc);

  LayoutKind layout_ = LayoutKind::kZisk;
  std::vector<ZiskInst> insts_;
  std::vector<RiscvSource> sources_;
  std::uint64_t entry_ = 0, trap_pc_ = 0, rom_data_lo_ = 0, rom_data_hi_ = 0;
  Range bios_, code_;
};

// The ROM as text, one line per ZisK instruction in pc order; each RISC-V instruction's line
// shows its source beside its first ZisK instruction, internal ones are indented:
//   0x80000000  addi sp, sp, -16        | add(r2, 0xfffffffffffffff0) c-> r2; j(+0x4)
//   0x80000001                          |   ...
// (for `ziskc rom --disasm`).
std::vector<std::string> listing(const Rom& rom);

}  // namespace ziskc::zisk
