// Pre-decoding of the ROM: handler classification, successor resolution, jump tables.
#include "emu/decoded.h"

#include <algorithm>

#include "base/check.h"

namespace ziskc::emu {
namespace {

using zisk::Op;
using zisk::SrcA;
using zisk::SrcB;
using zisk::StoreKind;
using zisk::ZiskInst;

std::uint16_t load_handler(Op op, unsigned width) {
  switch (width) {
    case 1:
      return op == Op::kCopyB ? kLd1u : op == Op::kSignExtendB ? kLd1s : kGeneric;
    case 2:
      return op == Op::kCopyB ? kLd2u : op == Op::kSignExtendH ? kLd2s : kGeneric;
    case 4:
      return op == Op::kCopyB ? kLd4u : op == Op::kSignExtendW ? kLd4s : kGeneric;
    case 8:
      return op == Op::kCopyB ? kLd8 : kGeneric;
    default:
      return kGeneric;
  }
}

std::uint16_t store_handler(unsigned width) {
  switch (width) {
    case 1:
      return kSt1;
    case 2:
      return kSt2;
    case 4:
      return kSt4;
    case 8:
      return kSt8;
    default:
      return kGeneric;
  }
}

// Static successors: (flag == false, flag == true) targets, or nullopt for a run-time target.
std::optional<std::pair<std::uint64_t, std::uint64_t>> static_targets(const ZiskInst& z) {
  if (z.set_pc) {
    if (z.op == Op::kCopyB && z.b_src == SrcB::kImm) {
      const std::uint64_t t = z.b_value + static_cast<std::uint64_t>(z.jmp_offset1);
      return std::make_pair(t, t);
    }
    return std::nullopt;
  }
  return std::make_pair(z.pc + static_cast<std::uint64_t>(z.jmp_offset2),
                        z.pc + static_cast<std::uint64_t>(z.jmp_offset1));
}

}  // namespace

std::uint16_t DecodedRom::classify(const ZiskInst& z) const {
  if (z.op == Op::kHalt) return kGeneric;
  const bool a_imm = z.a_src == SrcA::kImm, a_reg = z.a_src == SrcA::kReg;
  const bool b_imm = z.b_src == SrcB::kImm, b_reg = z.b_src == SrcB::kReg;
  if (z.end) {
    return z.op == Op::kCopyB && a_imm && b_imm && z.store == StoreKind::kNone ? kEnd : kGeneric;
  }
  if (z.set_pc) {
    if (z.op == Op::kAnd && a_imm && z.a_value == zisk::kJalrMask && b_reg) {
      if (z.store == StoreKind::kNone) return kJalr;
      if (z.store == StoreKind::kReg && z.store_pc) return kJalrLink;
    }
    if (z.op == Op::kCopyB && b_imm && z.store == StoreKind::kReg && z.store_pc) return kCallImm;
    return kGeneric;
  }
  if (z.store_pc) {
    return z.op == Op::kFlag && a_imm && b_imm && z.store == StoreKind::kReg ? kJumpLink : kGeneric;
  }
  if (z.b_src == SrcB::kInd) {
    return a_reg && z.store == StoreKind::kReg ? load_handler(z.op, z.ind_width)
                                               : std::uint16_t{kGeneric};
  }
  if (z.store == StoreKind::kInd) {
    return a_reg && b_reg && z.op == Op::kCopyB ? store_handler(z.ind_width)
                                                : std::uint16_t{kGeneric};
  }
  if (z.store == StoreKind::kMem || !zisk::is_pure(z.op)) return kGeneric;
  if (!(a_imm || a_reg) || !(b_imm || b_reg)) return kGeneric;
  if (z.store == StoreKind::kReg) {
    if (z.op == Op::kCopyB && a_imm) return b_imm ? kMovI : kMov;
    if (a_reg && b_reg) return op_handler(z.op, OpForm::kRR);
    if (a_reg && b_imm) return op_handler(z.op, OpForm::kRI);
    if (a_imm && b_reg) return op_handler(z.op, OpForm::kIR);
    return kGeneric;
  }
  if (z.op == Op::kFlag && a_imm && b_imm) return kNop;
  if (a_reg && b_reg) return op_handler(z.op, OpForm::kBRR);
  if (a_reg && b_imm) return op_handler(z.op, OpForm::kBRI);
  if (a_imm && b_reg) return op_handler(z.op, OpForm::kBIR);
  return kGeneric;
}

DecodedRom::DecodedRom(const zisk::Rom& rom, bool specialize) : rom_(rom) {
  const auto insts = rom.insts();
  const std::size_t n = insts.size();
  // A static target is valid if an instruction is there and it is not an internal instruction
  // of another RISC-V instruction.
  const auto resolve = [&](std::size_t from, std::uint64_t target) -> std::optional<std::uint32_t> {
    const auto j = rom.find(target);
    if (!j) return std::nullopt;
    const ZiskInst& t = insts[*j];
    if (t.internal && t.source != insts[from].source) return std::nullopt;
    return j;
  };
  std::size_t stubs = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (auto t = static_targets(insts[i])) {
      stubs += !resolve(i, t->first) + !resolve(i, t->second);
    }
  }
  insts_.resize(n + stubs);
  std::size_t stub = n;
  const auto succ = [&](std::size_t from, std::uint64_t target) -> const ExecInst* {
    if (auto j = resolve(from, target)) return &insts_[*j];
    ExecInst& s = insts_[stub++];
    s = ExecInst{};
    s.id = kFault;
    s.index = static_cast<std::uint32_t>(from);
    s.aux = target;
    s.next = s.next_t = &s;
    return &s;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const ZiskInst& z = insts[i];
    ExecInst& e = insts_[i];
    e = ExecInst{};
    e.index = static_cast<std::uint32_t>(i);
    e.id = specialize ? classify(z) : static_cast<std::uint16_t>(kGeneric);
    e.a = z.a_value;
    e.b = z.b_value;
    e.st = static_cast<std::uint64_t>(z.store_offset);
    e.aux = z.pc + static_cast<std::uint64_t>(z.jmp_offset2);
    if (e.id == kJalr || e.id == kJalrLink) e.a = static_cast<std::uint64_t>(z.jmp_offset1);
    if (auto t = static_targets(z)) {
      e.next = succ(i, t->first);
      e.next_t = succ(i, t->second);
    }
  }
  ZISKC_CHECK(stub == insts_.size(), "fault stub count");

  // Jump tables of the two code ranges (ROM and BIOS), one slot per 2 bytes.
  const std::uint64_t split = rom.layout().rom_addr;
  std::uint64_t lo[2] = {~0ull, ~0ull}, hi[2] = {0, 0};
  for (const ZiskInst& z : insts) {
    const int r = z.pc >= split;
    lo[r] = std::min<std::uint64_t>(lo[r], z.pc & ~1ull);
    hi[r] = std::max<std::uint64_t>(hi[r], (z.pc & ~1ull) + 2);
  }
  std::vector<std::uint32_t>* tables[2] = {&bios_entry_, &code_entry_};
  std::uint64_t* los[2] = {&bios_lo_, &code_lo_};
  std::uint64_t* spans[2] = {&bios_span_, &code_span_};
  for (int r = 0; r < 2; ++r) {
    if (lo[r] > hi[r]) continue;
    *los[r] = lo[r];
    *spans[r] = hi[r] - lo[r];
    tables[r]->assign(*spans[r] / 2, kNone);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const ZiskInst& z = insts[i];
    if (z.internal || (z.pc & 1) != 0) continue;
    const int r = z.pc >= split;
    (*tables[r])[(z.pc - *los[r]) >> 1] = static_cast<std::uint32_t>(i);
  }
}

const ExecInst* DecodedRom::lookup_bios(std::uint64_t pc) const {
  const std::uint64_t off = pc - bios_lo_;
  if (off >= bios_span_ || (pc & 1) != 0) return nullptr;
  const std::uint32_t i = bios_entry_[off >> 1];
  return i != kNone ? &insts_[i] : nullptr;
}

void DecodedRom::bind(const void* const* labels) {
  for (ExecInst& e : insts_) e.handler = labels[e.id];
}

}  // namespace ziskc::emu
