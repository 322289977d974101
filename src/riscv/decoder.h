// RISC-V rv64imac decoder. One table (opcodes.def) generates the Opcode enum, the mnemonics
// and the mask/match pairs; operands are extracted by shift and mask according to the row's
// format. Compressed (C) instructions are expanded to the equivalent 32-bit base instruction
// and decoded from it, so a compressed Insn differs from its expansion only in len and raw.
// Invariants of a decoded Insn: it holds no strings; fields its format does not use are 0;
// anything not in rv64imac (floating point, privileged, reserved C encodings...) is kIllegal.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace ziskc::riscv {

enum class Opcode : std::uint8_t {
  kIllegal,
#define ZISKC_RV_OP(name, mnem, mask, match, fmt) k##name,
#include "riscv/opcodes.def"
#undef ZISKC_RV_OP
  kCount,
};

// How a row's operands are laid out in the 32-bit word.
enum class Format : std::uint8_t {
  kNone,     // no operands (ecall, ebreak, fence.i)
  kR,        // rd, rs1, rs2
  kI,        // rd, rs1, imm = sign-extended bits 31:20
  kShift64,  // rd, rs1, imm = shamt (bits 25:20)
  kShift32,  // rd, rs1, imm = shamt (bits 24:20)
  kS,        // rs1, rs2, imm = sign-extended store offset
  kB,        // rs1, rs2, imm = sign-extended branch offset (even)
  kU,        // rd, imm = sign-extended bits 31:12 << 12
  kJ,        // rd, imm = sign-extended jump offset (even)
  kCsr,      // rd, rs1, csr
  kCsrI,     // rd, csr, imm = zero-extended 5-bit uimm (bits 19:15); rs1 = 0
  kAmo,      // rd, rs1 (address), rs2, aq, rl
  kLr,       // rd, rs1 (address), aq, rl
  kFence,    // imm = bits 31:20 (fm, pred, succ); rd, rs1 = 0
};

struct OpcodeInfo {
  Opcode op;
  const char* mnemonic;
  std::uint32_t mask;
  std::uint32_t match;
  Format format;
};

// The rows of opcodes.def in order (kIllegal excluded).
std::span<const OpcodeInfo> opcode_table();

struct Insn {
  Opcode op = Opcode::kIllegal;
  std::uint8_t rd = 0, rs1 = 0, rs2 = 0;
  std::int64_t imm = 0;
  std::uint16_t csr = 0;
  std::uint8_t len = 4;   // 4, or 2 for a compressed instruction
  std::uint32_t raw = 0;  // the instruction word as fetched (16 bits for compressed)
  bool aq = false, rl = false;
  friend bool operator==(const Insn&, const Insn&) = default;
};

// Decodes one instruction. If the low 2 bits of raw are not 0b11, the low 16 bits are a
// compressed instruction (the upper half is ignored) expanded to its base equivalent with
// len = 2. Never fails: unknown encodings give op == kIllegal (with raw and len set).
Insn decode(std::uint32_t raw);

// The 32-bit base instruction a 16-bit compressed instruction stands for, or nullopt if the
// encoding is reserved, illegal, or not rv64c-integer (e.g. c.fld).
std::optional<std::uint32_t> expand_compressed(std::uint16_t c);

const char* mnemonic(Opcode op);
Format format_of(Opcode op);

// ABI register name ("zero", "ra", "sp", ... "t6"); reg must be < 32.
const char* reg_name(std::uint8_t reg);

// objdump-like text, without pseudo-instructions: "addi a0, sp, 16", "jal ra, 0x80000010",
// "lw a1, -8(s0)", "csrrs a0, 0xf12, zero". Branch and jump targets are absolute (pc + imm).
std::string disassemble(const Insn& insn, std::uint64_t pc);

}  // namespace ziskc::riscv
