// The emulator's pre-decoded ROM: one 64-byte ExecInst per ZisK instruction, specialised by
// (a source, b source, op, store) into a handler id of the threaded interpreter (core.h), with
// both successors resolved to pointers at decode time. Only set_pc instructions with a
// run-time target look anything up while running (one table load).
// Invariants: insts[i] is rom.inst(i) for i < rom.size(); entries past that are fault stubs
// (a static jump to an address without an instruction); next/next_t are never null except
// for dynamic set_pc instructions; dynamic targets resolve only to jumpable instructions
// (not internal ones, even pc).
#pragma once

#include <cstdint>
#include <vector>

#include "zisk/ops.h"
#include "zisk/rom.h"

namespace ziskc::emu {

// Handlers with a fixed meaning, then six per PURE op (see op_handler()).
#define ZISKC_EMU_FIXED_HANDLERS(X)                                                         \
  X(Generic)                                                                                \
  X(End)                                                                                    \
  X(Fault) X(Nop) X(MovI) X(Mov) X(JumpLink) X(CallImm) X(Jalr) X(JalrLink) X(Ld1u) X(Ld1s) \
      X(Ld2u) X(Ld2s) X(Ld4u) X(Ld4s) X(Ld8) X(St1) X(St2) X(St4) X(St8)

enum Handler : std::uint16_t {
#define ZISKC_EMU_HANDLER_ENUM(n) k##n,
  ZISKC_EMU_FIXED_HANDLERS(ZISKC_EMU_HANDLER_ENUM)
#undef ZISKC_EMU_HANDLER_ENUM
      kFirstOpHandler,
};

// Variants of a pure op: R = register, I = immediate operand; "B" variants do not store.
enum class OpForm : std::uint8_t { kRR, kRI, kIR, kBRR, kBRI, kBIR };
inline constexpr unsigned kOpForms = 6;

namespace detail {
inline constexpr zisk::Op kPureOps[] = {
#define ZISKC_ZISK_OP_PURE(e, name, code, machine) zisk::Op::k##e,
#define ZISKC_ZISK_OP_CTX(e, name, code, machine)
#include "zisk/ops.def"
#undef ZISKC_ZISK_OP_PURE
#undef ZISKC_ZISK_OP_CTX
};
}  // namespace detail
inline constexpr unsigned kNumPureOps = sizeof(detail::kPureOps) / sizeof(detail::kPureOps[0]);
inline constexpr unsigned kNumHandlers = kFirstOpHandler + kOpForms * kNumPureOps;

constexpr int pure_ordinal(zisk::Op op) {
  for (unsigned i = 0; i < kNumPureOps; ++i) {
    if (detail::kPureOps[i] == op) return static_cast<int>(i);
  }
  return -1;
}
constexpr std::uint16_t op_handler(zisk::Op op, OpForm form) {
  return static_cast<std::uint16_t>(kFirstOpHandler + kOpForms * pure_ordinal(op) +
                                    static_cast<unsigned>(form));
}

struct ExecInst {
  const void* handler;     // label address in the running core instantiation
  const ExecInst* next;    // successor when flag == false (or the only one)
  const ExecInst* next_t;  // successor when flag == true
  std::uint64_t a;         // register index or immediate (Jalr: jmp_offset1)
  std::uint64_t b;         // register index, immediate or indirect offset
  std::uint64_t st;        // store register index, or indirect store offset
  std::uint64_t aux;       // link value (pc + jmp_offset2); fault stub: the target address
  std::uint32_t index;     // ROM instruction index (fault stub: the jumping instruction)
  std::uint16_t id;        // Handler
  std::uint16_t pad;
};
static_assert(sizeof(ExecInst) == 64);

class DecodedRom {
 public:
  // specialize = false gives every instruction the Generic handler (replay, and the test that
  // the specialised handlers agree with it).
  DecodedRom(const zisk::Rom& rom, bool specialize);
  DecodedRom(const DecodedRom&) = delete;
  DecodedRom& operator=(const DecodedRom&) = delete;

  const zisk::Rom& rom() const { return rom_; }
  std::vector<ExecInst>& insts() { return insts_; }
  const ExecInst* at(std::uint32_t index) const { return &insts_[index]; }
  std::uint32_t index_of(const ExecInst* e) const {
    return static_cast<std::uint32_t>(e - insts_.data());
  }
  bool is_stub(const ExecInst* e) const { return index_of(e) >= rom_.size(); }
  // Fills every handler pointer from a core instantiation's label table.
  void bind(const void* const* labels);
  // A jumpable instruction at pc (dynamic set_pc targets), or nullptr.
  const ExecInst* lookup(std::uint64_t pc) const {
    const std::uint64_t off = pc - code_lo_;
    if (off < code_span_) {
      const std::uint32_t i = code_entry_[off >> 1];
      return (i != kNone && (pc & 1) == 0) ? &insts_[i] : nullptr;
    }
    return lookup_bios(pc);
  }

 private:
  static constexpr std::uint32_t kNone = 0xFFFF'FFFF;
  const ExecInst* lookup_bios(std::uint64_t pc) const;
  std::uint16_t classify(const zisk::ZiskInst& z) const;

  const zisk::Rom& rom_;
  std::vector<ExecInst> insts_;
  std::vector<std::uint32_t> code_entry_, bios_entry_;  // per 2-byte slot
  std::uint64_t code_lo_ = 0, code_span_ = 0, bios_lo_ = 0, bios_span_ = 0;
};

}  // namespace ziskc::emu
