// The transpiler's base ISA part (riscv2zisk_context.rs: convert() and its helpers), the linear
// sweep of executable segments and transpile() itself. CSR ports are in transpiler_csr.cc,
// the BIOS in bios.cc.
#include "zisk/transpiler.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/check.h"
#include "riscv/decoder.h"
#include "zisk/transpiler_internal.h"

namespace ziskc::zisk {
namespace detail {

using riscv::Opcode;

InstBuilder::InstBuilder(const Layout& layout, std::uint64_t pc, std::uint32_t source,
                         bool internal)
    : layout_(&layout) {
  inst_.pc = pc;
  inst_.source = source;
  inst_.internal = internal;
}

InstBuilder& InstBuilder::a_imm(std::uint64_t v) {
  inst_.a_src = SrcA::kImm;
  inst_.a_value = v;
  return *this;
}
InstBuilder& InstBuilder::a_reg(unsigned r) {
  if (r == 0) return a_imm(0);
  if (r > 31) return a_mem(reg_addr(r));
  inst_.a_src = SrcA::kReg;
  inst_.a_value = r;
  return *this;
}
InstBuilder& InstBuilder::a_mem(std::uint64_t addr) {
  inst_.a_src = SrcA::kMem;
  inst_.a_value = addr;
  return *this;
}
InstBuilder& InstBuilder::a_lastc() {
  inst_.a_src = SrcA::kLastC;
  inst_.a_value = 0;
  return *this;
}
InstBuilder& InstBuilder::b_imm(std::uint64_t v) {
  inst_.b_src = SrcB::kImm;
  inst_.b_value = v;
  return *this;
}
InstBuilder& InstBuilder::b_reg(unsigned r) {
  if (r == 0) return b_imm(0);
  if (r > 31) return b_mem(reg_addr(r));
  inst_.b_src = SrcB::kReg;
  inst_.b_value = r;
  return *this;
}
InstBuilder& InstBuilder::b_mem(std::uint64_t addr) {
  inst_.b_src = SrcB::kMem;
  inst_.b_value = addr;
  return *this;
}
InstBuilder& InstBuilder::b_lastc() {
  inst_.b_src = SrcB::kLastC;
  inst_.b_value = 0;
  return *this;
}
InstBuilder& InstBuilder::b_ind(std::int64_t offset, unsigned width) {
  inst_.b_src = SrcB::kInd;
  inst_.b_value = static_cast<std::uint64_t>(offset);
  inst_.ind_width = static_cast<std::uint8_t>(width);
  return *this;
}
InstBuilder& InstBuilder::op(Op op) {
  inst_.op = op;
  inst_.m32 = is_m32(op);
  return *this;
}
InstBuilder& InstBuilder::store_reg(unsigned r) {
  if (r == 0) return *this;  // ZisK's builder drops stores to x0 (and their store_pc)
  if (r > 31) return store_mem(reg_addr(r));
  inst_.store = StoreKind::kReg;
  inst_.store_offset = r;
  return *this;
}
InstBuilder& InstBuilder::store_mem(std::uint64_t addr) {
  inst_.store = StoreKind::kMem;
  inst_.store_offset = static_cast<std::int64_t>(addr);
  return *this;
}
InstBuilder& InstBuilder::store_ind(std::int64_t offset, unsigned width) {
  inst_.store = StoreKind::kInd;
  inst_.store_offset = offset;
  inst_.ind_width = static_cast<std::uint8_t>(width);
  return *this;
}
InstBuilder& InstBuilder::store_pc_reg(unsigned r) {
  if (r == 0) return *this;
  store_reg(r);
  inst_.store_pc = true;
  return *this;
}
InstBuilder& InstBuilder::set_pc() {
  inst_.set_pc = true;
  return *this;
}
InstBuilder& InstBuilder::j(std::int64_t j1, std::int64_t j2) {
  inst_.jmp_offset1 = j1;
  inst_.jmp_offset2 = j2;
  return *this;
}
InstBuilder& InstBuilder::end() {
  inst_.end = true;
  return *this;
}
InstBuilder& InstBuilder::halt(HaltReason reason) {
  inst_.halt = reason;
  return *this;
}
InstBuilder& InstBuilder::bios_init() {
  inst_.bios_init = true;
  return *this;
}

InstBuilder Converter::at(const Ctx& c) const {
  return InstBuilder(layout_, c.pc(), c.source, false);
}
InstBuilder Converter::internal(const Ctx& c, unsigned k) const {
  ZISKC_CHECK(k >= 1 && static_cast<std::int64_t>(k) < c.len(),
              "internal instruction outside its RISC-V instruction");
  return InstBuilder(layout_, c.pc() + k, c.source, true);
}

void Converter::register_op(const Ctx& c, Op op) {
  const auto& i = c.i();
  emit(at(c).a_reg(i.rs1).b_reg(i.rs2).op(op).store_reg(i.rd).j(c.len(), c.len()));
}

void Converter::immediate_op(const Ctx& c, Op op) {
  const auto& i = c.i();
  emit(at(c)
           .a_reg(i.rs1)
           .b_imm(static_cast<std::uint64_t>(i.imm))
           .op(op)
           .store_reg(i.rd)
           .j(c.len(), c.len()));
}

void Converter::immediate_op_or_x0_copyb(const Ctx& c, Op op) {
  immediate_op(c, c.i().rs1 == 0 ? Op::kCopyB : op);
}

void Converter::copyb(const Ctx& c, unsigned reg) {
  emit(at(c).a_imm(0).b_reg(reg).op(Op::kCopyB).store_reg(c.i().rd).j(c.len(), c.len()));
}

void Converter::nop(const Ctx& c) {
  emit(at(c).a_imm(0).b_imm(0).op(Op::kFlag).j(c.len(), c.len()));
}

void Converter::hint(const Ctx& c) {
  const auto& i = c.i();
  emit(at(c)
           .a_reg(i.rs1)
           .b_imm(static_cast<std::uint64_t>(i.imm))
           .op(Op::kFlag)
           .j(c.len(), c.len()));
}

void Converter::halt(const Ctx& c, HaltReason reason) {
  emit(at(c).a_imm(0).b_imm(0).op(Op::kHalt).j(c.len(), c.len()).end().halt(reason));
}

void Converter::branch(const Ctx& c, Op op, bool negate) {
  const auto& i = c.i();
  InstBuilder b = at(c).a_reg(i.rs1).b_reg(i.rs2).op(op);
  if (negate) {
    b.j(c.len(), i.imm);
  } else {
    b.j(i.imm, c.len());
  }
  emit(b);
}

void Converter::load(const Ctx& c, Op op, unsigned width) {
  const auto& i = c.i();
  emit(at(c).a_reg(i.rs1).b_ind(i.imm, width).op(op).store_reg(i.rd).j(c.len(), c.len()));
}

void Converter::store(const Ctx& c, unsigned width) {
  const auto& i = c.i();
  emit(at(c).a_reg(i.rs1).b_reg(i.rs2).op(Op::kCopyB).store_ind(i.imm, width).j(c.len(), c.len()));
}

void Converter::lui(const Ctx& c) {
  const auto& i = c.i();
  emit(at(c)
           .a_imm(0)
           .b_imm(static_cast<std::uint64_t>(i.imm))
           .op(Op::kCopyB)
           .store_reg(i.rd)
           .j(c.len(), c.len()));
}

void Converter::auipc(const Ctx& c) {
  const auto& i = c.i();
  const std::uint64_t result = c.pc() + static_cast<std::uint64_t>(i.imm);
  // ZisK fuses `auipc rd, hi; jalr rd|x0, lo(rd)` into one static jump (a call or tail call).
  if (!c.next.empty()) {
    const riscv::Insn& n = c.next[0].insn;
    if (n.op == Opcode::kJalr && n.len == 4 && i.rd != 0 && n.rs1 == i.rd &&
        (n.rd == i.rd || n.rd == 0)) {
      const std::uint64_t return_pc = c.pc() + 4 + 4;
      const std::uint64_t jump_pc = (result + static_cast<std::uint64_t>(n.imm)) & kJalrMask;
      const std::int64_t off = static_cast<std::int64_t>(jump_pc - c.pc());
      emit(at(c)
               .a_imm(0)
               .b_imm(n.rd == 0 ? result : return_pc)
               .op(Op::kCopyB)
               .store_reg(i.rd)
               .j(off, off));
      return;
    }
  }
  emit(at(c).a_imm(0).b_imm(result).op(Op::kCopyB).store_reg(i.rd).j(4, 4));
}

void Converter::jal(const Ctx& c) {
  const auto& i = c.i();
  emit(at(c).a_imm(0).b_imm(0).op(Op::kFlag).store_pc_reg(i.rd).j(i.imm, c.len()));
}

void Converter::jalr(const Ctx& c) {
  const auto& i = c.i();
  if (i.imm % 2 == 0) {
    // (rs1 + imm) & ~1 == (rs1 & ~1) + imm for even imm: one step.
    emit(at(c).a_imm(kJalrMask).b_reg(i.rs1).op(Op::kAnd).set_pc().store_pc_reg(i.rd).j(i.imm,
                                                                                        c.len()));
    return;
  }
  emit(at(c).a_imm(static_cast<std::uint64_t>(i.imm)).b_reg(i.rs1).op(Op::kAdd).j(1, 1));
  emit(internal(c, 1).a_imm(kJalrMask).b_lastc().op(Op::kAnd).set_pc().store_pc_reg(i.rd).j(
      0, c.len() - 1));
}

void Converter::ecall(const Ctx& c) {
  // Every ecall goes to the BIOS trap handler with ra = the next instruction (ZisK clobbers
  // ra); the handler ends the run if a7 == 93, else returns.
  emit(at(c).a_imm(0).b_imm(trap_pc_).op(Op::kCopyB).store_pc_reg(1).set_pc().j(0, 4));
}

void Converter::sc(const Ctx& c, unsigned width) {
  const auto& i = c.i();
  if (i.rd == 0) {
    emit(at(c).a_reg(i.rs1).b_reg(i.rs2).op(Op::kCopyB).store_ind(0, width).j(4, 4));
    return;
  }
  // sc always succeeds: store, then rd = 0.
  emit(at(c).a_reg(i.rs1).b_reg(i.rs2).op(Op::kCopyB).store_ind(0, width).j(1, 1));
  emit(internal(c, 1).a_imm(0).b_imm(0).op(Op::kCopyB).store_reg(i.rd).j(3, 3));
}

void Converter::atomic_op(const Ctx& c, Op load_op, Op op, unsigned width) {
  const auto& i = c.i();
  const bool direct = i.rd != i.rs1 && i.rd != i.rs2;
  // load -> rd (or a temporary when rd is also an operand), op, store, [tmp -> rd]
  emit(at(c).a_reg(i.rs1).b_ind(0, width).op(load_op).store_reg(direct ? i.rd : kTmpReg1).j(1, 1));
  emit(internal(c, 1).a_lastc().b_reg(i.rs2).op(op).j(1, 1));
  if (direct) {
    emit(internal(c, 2).a_reg(i.rs1).b_lastc().op(Op::kCopyB).store_ind(0, width).j(2, 2));
    return;
  }
  emit(internal(c, 2).a_reg(i.rs1).b_lastc().op(Op::kCopyB).store_ind(0, width).j(1, 1));
  emit(internal(c, 3).a_imm(0).b_reg(kTmpReg1).op(Op::kCopyB).store_reg(i.rd).j(1, 1));
}

void Converter::atomic_swap(const Ctx& c, Op load_op, unsigned width) {
  const auto& i = c.i();
  const bool direct = i.rd != i.rs1 && i.rd != i.rs2;
  emit(at(c).a_reg(i.rs1).b_ind(0, width).op(load_op).store_reg(direct ? i.rd : kTmpReg1).j(1, 1));
  if (direct) {
    emit(internal(c, 1).a_reg(i.rs1).b_reg(i.rs2).op(Op::kCopyB).store_ind(0, width).j(3, 3));
    return;
  }
  emit(internal(c, 1).a_reg(i.rs1).b_reg(i.rs2).op(Op::kCopyB).store_ind(0, width).j(1, 1));
  emit(internal(c, 2).a_imm(0).b_reg(kTmpReg1).op(Op::kCopyB).store_reg(i.rd).j(2, 2));
}

void Converter::add(const Ctx& c) {
  const auto& i = c.i();
  if (i.len == 2) {  // c.add / c.mv: ZisK always emits the register op
    register_op(c, Op::kAdd);
    return;
  }
  if (input_ && input_->csr == 0x813 && i.rd == 0) {
    // csrs 0x813, src; add x0, dst, count: the count went to EXTRA_PARAMS at the csrs.
    emit(at(c).a_reg(i.rs1).b_reg(input_->reg).op(Op::kDmaMemcpy).j(0, 4));
    return;
  }
  if (input_ && input_->csr == 0x814 && (input_->result_rd == 0 || i.rd == 0)) {
    const unsigned rd = input_->result_rd != 0 ? input_->result_rd : i.rd;
    emit(at(c).a_reg(i.rs1).b_reg(input_->reg).op(Op::kDmaMemcmp).store_reg(rd).j(0, 4));
    return;
  }
  if (i.rs1 == 0) {
    copyb(c, i.rs2);
  } else if (i.rs2 == 0) {
    copyb(c, i.rs1);
  } else {
    register_op(c, Op::kAdd);
  }
}

void Converter::convert(std::span<const RiscvSource> segment, std::size_t k, std::uint32_t base) {
  input_ = output_;
  output_.reset();
  const Ctx c{segment[k], segment.subspan(k + 1), base + static_cast<std::uint32_t>(k)};
  const riscv::Insn& i = c.i();
  const bool compressed = i.len == 2;
  switch (i.op) {
    case Opcode::kAdd:
      return add(c);
    case Opcode::kSub:
      return register_op(c, Op::kSub);
    case Opcode::kSll:
      return register_op(c, Op::kSll);
    case Opcode::kSlt:
      return register_op(c, Op::kLt);
    case Opcode::kSltu:
      return register_op(c, Op::kLtu);
    case Opcode::kXor:
      return register_op(c, Op::kXor);
    case Opcode::kSrl:
      return register_op(c, Op::kSrl);
    case Opcode::kSra:
      return register_op(c, Op::kSra);
    case Opcode::kOr:
      if (!compressed && i.rs1 == 0) return copyb(c, i.rs2);
      if (!compressed && i.rs2 == 0) return copyb(c, i.rs1);
      return register_op(c, Op::kOr);
    case Opcode::kAnd:
      return register_op(c, Op::kAnd);
    case Opcode::kAddw:
      return register_op(c, Op::kAddW);
    case Opcode::kSubw:
      return register_op(c, Op::kSubW);
    case Opcode::kSllw:
      return register_op(c, Op::kSllW);
    case Opcode::kSrlw:
      return register_op(c, Op::kSrlW);
    case Opcode::kSraw:
      return register_op(c, Op::kSraW);
    case Opcode::kAddi:
      if (i.rd == 0) return i.rs1 == 0 ? nop(c) : hint(c);
      if (i.imm == 0 && i.rs1 != 0) return copyb(c, i.rs1);
      return immediate_op_or_x0_copyb(c, Op::kAdd);
    case Opcode::kSlli:
      return immediate_op(c, Op::kSll);
    case Opcode::kSlti:
      return immediate_op(c, Op::kLt);
    case Opcode::kSltiu:
      return immediate_op(c, Op::kLtu);
    case Opcode::kXori:
      return immediate_op_or_x0_copyb(c, Op::kXor);
    case Opcode::kSrli:
      return immediate_op(c, Op::kSrl);
    case Opcode::kSrai:
      return immediate_op(c, Op::kSra);
    case Opcode::kOri:
      return immediate_op_or_x0_copyb(c, Op::kOr);
    case Opcode::kAndi:
      return immediate_op(c, Op::kAnd);
    case Opcode::kAuipc:
      return auipc(c);
    case Opcode::kAddiw:
      if (i.rd == 0 && i.rs1 == 0 && i.imm == 0) return nop(c);
      return immediate_op(c, Op::kAddW);
    case Opcode::kSlliw:
      return immediate_op(c, Op::kSllW);
    case Opcode::kSrliw:
      return immediate_op(c, Op::kSrlW);
    case Opcode::kSraiw:
      return immediate_op(c, Op::kSraW);
    case Opcode::kJalr:
      return jalr(c);
    case Opcode::kJal:
      return jal(c);
    case Opcode::kBeq:
      return branch(c, Op::kEq, false);
    case Opcode::kBne:
      return branch(c, Op::kEq, true);
    case Opcode::kBlt:
      return branch(c, Op::kLt, false);
    case Opcode::kBge:
      return branch(c, Op::kLt, true);
    case Opcode::kBltu:
      return branch(c, Op::kLtu, false);
    case Opcode::kBgeu:
      return branch(c, Op::kLtu, true);
    case Opcode::kLb:
      return load(c, Op::kSignExtendB, 1);
    case Opcode::kLbu:
      return load(c, Op::kCopyB, 1);
    case Opcode::kLh:
      return load(c, Op::kSignExtendH, 2);
    case Opcode::kLhu:
      return load(c, Op::kCopyB, 2);
    case Opcode::kLw:
    case Opcode::kLrW:
      return load(c, Op::kSignExtendW, 4);
    case Opcode::kLwu:
      return load(c, Op::kCopyB, 4);
    case Opcode::kLd:
    case Opcode::kLrD:
      return load(c, Op::kCopyB, 8);
    case Opcode::kLui:
      return lui(c);
    case Opcode::kSb:
      return store(c, 1);
    case Opcode::kSh:
      return store(c, 2);
    case Opcode::kSw:
      return store(c, 4);
    case Opcode::kSd:
      return store(c, 8);
    case Opcode::kScW:
      return sc(c, 4);
    case Opcode::kScD:
      return sc(c, 8);
    case Opcode::kFence:
    case Opcode::kFenceI:
    case Opcode::kEbreak:
      return nop(c);
    case Opcode::kEcall:
      return ecall(c);
    case Opcode::kCsrrw:
    case Opcode::kCsrrs:
    case Opcode::kCsrrc:
    case Opcode::kCsrrwi:
    case Opcode::kCsrrsi:
    case Opcode::kCsrrci:
      return csr(c);
    case Opcode::kMul:
      return register_op(c, Op::kMul);
    case Opcode::kMulh:
      return register_op(c, Op::kMulh);
    case Opcode::kMulhsu:
      return register_op(c, Op::kMulsuh);
    case Opcode::kMulhu:
      return register_op(c, Op::kMuluh);
    case Opcode::kMulw:
      return register_op(c, Op::kMulW);
    case Opcode::kDiv:
      return register_op(c, Op::kDiv);
    case Opcode::kDivu:
      return register_op(c, Op::kDivu);
    case Opcode::kDivw:
      return register_op(c, Op::kDivW);
    case Opcode::kDivuw:
      return register_op(c, Op::kDivuW);
    case Opcode::kRem:
      return register_op(c, Op::kRem);
    case Opcode::kRemu:
      return register_op(c, Op::kRemu);
    case Opcode::kRemw:
      return register_op(c, Op::kRemW);
    case Opcode::kRemuw:
      return register_op(c, Op::kRemuW);
    case Opcode::kAmoSwapD:
      return atomic_swap(c, Op::kCopyB, 8);
    case Opcode::kAmoAddD:
      return atomic_op(c, Op::kCopyB, Op::kAdd, 8);
    case Opcode::kAmoXorD:
      return atomic_op(c, Op::kCopyB, Op::kXor, 8);
    case Opcode::kAmoAndD:
      return atomic_op(c, Op::kCopyB, Op::kAnd, 8);
    case Opcode::kAmoOrD:
      return atomic_op(c, Op::kCopyB, Op::kOr, 8);
    case Opcode::kAmoMinD:
      return atomic_op(c, Op::kCopyB, Op::kMin, 8);
    case Opcode::kAmoMaxD:
      return atomic_op(c, Op::kCopyB, Op::kMax, 8);
    case Opcode::kAmoMinuD:
      return atomic_op(c, Op::kCopyB, Op::kMinu, 8);
    case Opcode::kAmoMaxuD:
      return atomic_op(c, Op::kCopyB, Op::kMaxu, 8);
    case Opcode::kAmoSwapW:
      return atomic_swap(c, Op::kSignExtendW, 4);
    case Opcode::kAmoAddW:
      return atomic_op(c, Op::kSignExtendW, Op::kAddW, 4);
    case Opcode::kAmoXorW:
      return atomic_op(c, Op::kSignExtendW, Op::kXor, 4);
    case Opcode::kAmoAndW:
      return atomic_op(c, Op::kSignExtendW, Op::kAnd, 4);
    case Opcode::kAmoOrW:
      return atomic_op(c, Op::kSignExtendW, Op::kOr, 4);
    case Opcode::kAmoMinW:
      return atomic_op(c, Op::kSignExtendW, Op::kMinW, 4);
    case Opcode::kAmoMaxW:
      return atomic_op(c, Op::kSignExtendW, Op::kMaxW, 4);
    case Opcode::kAmoMinuW:
      return atomic_op(c, Op::kSignExtendW, Op::kMinuW, 4);
    case Opcode::kAmoMaxuW:
      return atomic_op(c, Op::kSignExtendW, Op::kMaxuW, 4);
    case Opcode::kIllegal:
    case Opcode::kCount:
      break;
  }
  return halt(c, HaltReason::kIllegalInstruction);
}

}  // namespace detail

namespace {

using detail::InitWord;

// The RISC-V instructions of an executable segment, by a linear sweep from its start
// (ZisK's riscv_interpreter). A 4-byte instruction that would cover the start of a function
// symbol is cut to a 2-byte illegal one so the sweep resynchronises there.
void sweep(const riscv::ElfSegment& seg, const std::vector<std::uint64_t>& func_starts,
           std::vector<RiscvSource>& out) {
  const std::vector<std::uint8_t>& d = seg.data;
  std::size_t p = 0;
  while (p + 2 <= d.size()) {
    const std::uint64_t pc = seg.vaddr + p;
    std::uint32_t raw =
        static_cast<std::uint32_t>(d[p]) | (static_cast<std::uint32_t>(d[p + 1]) << 8);
    std::size_t len = 2;
    if ((raw & 3) == 3) {
      const bool cut =
          p + 4 > d.size() || std::binary_search(func_starts.begin(), func_starts.end(), pc + 2);
      if (!cut) {
        raw |= (static_cast<std::uint32_t>(d[p + 2]) << 16) |
               (static_cast<std::uint32_t>(d[p + 3]) << 24);
        len = 4;
      }
    }
    riscv::Insn insn = riscv::decode(raw);
    if (len == 2 && (raw & 3) == 3) {  // a cut or truncated 4-byte encoding
      insn = riscv::Insn{};
      insn.raw = raw;
    }
    insn.len = static_cast<std::uint8_t>(len);
    out.push_back(RiscvSource{pc, insn});
    p += len;
  }
}

// Every 8-byte word the BIOS stores: the whole ROM data area [lo, hi) (all ROM segments,
// code included, zero-filled between them, so every readable ROM word has a first write) and
// the nonzero words of the file bytes of RAM segments (RAM starts all-zero).
Result<std::vector<InitWord>> init_words(const riscv::ElfImage& image, const Layout& l,
                                         const TranspileOptions& options, std::uint64_t* rom_lo,
                                         std::uint64_t* rom_hi) {
  std::uint64_t lo = ~0ull, hi = 0;
  for (const riscv::ElfSegment& s : image.segments) {
    if (s.vaddr >= l.rom_addr && s.end() <= l.rom_end) {
      lo = std::min<std::uint64_t>(lo, s.vaddr & ~7ull);
      hi = std::max<std::uint64_t>(hi, (s.end() + 7) & ~7ull);
    }
  }
  if (lo > hi) lo = hi = 0;
  *rom_lo = lo;
  *rom_hi = hi;
  if ((hi - lo) / 8 > options.max_init_words) {
    return make_error(ErrorCode::kBadElf,
                      "elf: ROM data [0x{:x}, 0x{:x}) is {} words, more than the {} the BIOS "
                      "may initialise",
                      lo, hi, (hi - lo) / 8, options.max_init_words);
  }
  std::vector<InitWord> out;
  out.reserve((hi - lo) / 8);
  for (std::uint64_t a = lo; a < hi; a += 8) out.push_back({a, 0});
  const auto put_byte = [&](std::uint64_t addr, std::uint8_t v) {
    if (addr >= lo && addr < hi) {
      out[(addr - lo) / 8].value |= static_cast<std::uint64_t>(v) << (8 * (addr & 7));
      return;
    }
    if (v == 0) return;
    const std::uint64_t w = addr & ~7ull;
    if (out.empty() || out.back().addr != w) out.push_back({w, 0});
    out.back().value |= static_cast<std::uint64_t>(v) << (8 * (addr & 7));
  };
  for (const riscv::ElfSegment& s : image.segments) {
    for (std::size_t k = 0; k < s.data.size(); ++k) put_byte(s.vaddr + k, s.data[k]);
    if (out.size() > options.max_init_words) {
      return make_error(ErrorCode::kBadElf,
                        "elf: more than {} initialised data words (the BIOS limit)",
                        options.max_init_words);
    }
  }
  return out;
}

}  // namespace

Result<Rom> transpile(const Program& program, const TranspileOptions& options) {
  const Layout& l = layout(program.layout);
  const riscv::ElfImage& image = program.image;
  std::uint64_t code_bytes = 0;
  for (const riscv::ElfSegment& s : image.segments) {
    if (s.exec) code_bytes += s.data.size();
  }
  if (code_bytes > options.max_code_bytes) {
    return make_error(ErrorCode::kBadElf,
                      "elf: {} bytes of executable segments, more than the {} supported",
                      code_bytes, options.max_code_bytes);
  }
  std::uint64_t rom_lo = 0, rom_hi = 0;
  ZISKC_ASSIGN_OR_RETURN(std::vector<InitWord> init,
                         init_words(image, l, options, &rom_lo, &rom_hi));
  const std::uint64_t trap_pc = detail::bios_trap_pc(l, init.size());

  std::vector<std::uint64_t> func_starts;
  for (const riscv::ElfSymbol& sym : image.symbols) {
    if (sym.is_func) func_starts.push_back(sym.addr);
  }
  std::sort(func_starts.begin(), func_starts.end());

  std::vector<RiscvSource> sources;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // [begin, end) per segment
  for (const riscv::ElfSegment& s : image.segments) {
    if (!s.exec) continue;
    const std::size_t begin = sources.size();
    sweep(s, func_starts, sources);
    spans.emplace_back(begin, sources.size());
  }
  std::vector<ZiskInst> insts;
  insts.reserve(sources.size() + sources.size() / 8 + init.size() + 64);
  for (const auto& [begin, end] : spans) {
    detail::Converter conv(l, trap_pc, insts);
    const std::span<const RiscvSource> seg(sources.data() + begin, end - begin);
    for (std::size_t k = 0; k < seg.size(); ++k) {
      conv.convert(seg, k, static_cast<std::uint32_t>(begin));
    }
  }
  const bool entry_found = std::any_of(sources.begin(), sources.end(),
                                       [&](const RiscvSource& s) { return s.pc == image.entry; });
  if (!entry_found) {
    return make_error(ErrorCode::kBadElf,
                      "elf: entry point 0x{:x} is not the start of an instruction (linear sweep "
                      "of its segment)",
                      image.entry);
  }
  detail::emit_bios(l, init, image.entry, insts);
  return Rom(program.layout, std::move(insts), std::move(sources), image.entry, trap_pc, rom_lo,
             rom_hi);
}

std::uint64_t fcall_param_words(unsigned p) {
  static constexpr std::uint64_t kWords[16] = {1,  2,  4,  8,  12, 16, 20,  24,
                                               28, 32, 48, 64, 80, 96, 128, 256};
  return p < 16 ? kWords[p] : 0;
}

}  // namespace ziskc::zisk
