// CSR instructions (riscv2zisk_context.rs: csrrw .. csrrci and the DMA / profile patterns):
// plain CSRs are memory words at SYS + 0x8000 + 8k; the ZisK ports (precompiles 0x800+k,
// DMA 0x813..0x816, free-input calls 0x8F0+p / 0x8C0+ / 0xFFE, add256 0x811) become their ops.
// Three deliberate differences from ZisK, none changing a step count:
//  - `csrrs rd, 0x811, rs1` (add256) and `csrrs rd, 0x814, rs1; add x0, ..` (memcmp) with
//    rd == rs1 != 0 are the port, as with rd != rs1 (ZisK makes them a plain CSR read);
//  - where ZisK uses `a = mem[0]` as a don't-care operand of copyb it would read address 0
//    (and panic); ziskc uses a = imm 0;
//  - a DMA port without its partner instruction (ZisK panics while transpiling) becomes a halt,
//    a guest fault only if executed. `csrrs rd, 0x814, rs1; add x0, dst, n` (ziskos'
//    memcmp.s) is accepted as memcmp with the result in rd, besides ZisK's
//    `csrs 0x814, src; add rd, dst, n`.
#include <optional>

#include "riscv/decoder.h"
#include "zisk/transpiler.h"
#include "zisk/transpiler_internal.h"

namespace ziskc::zisk::detail {
namespace {

using riscv::Opcode;

constexpr std::uint32_t kCsrMemcpy = 0x813, kCsrMemcmp = 0x814, kCsrInputcpy = 0x815,
                        kCsrMemset = 0x816, kCsrProfile = 0x81A, kCsrAdd256 = 0x811;
constexpr std::uint32_t kCsrFcallFirst = 0x8C0, kCsrFcallLast = 0x8DF;
constexpr std::uint32_t kCsrFcallParamFirst = 0x8F0, kCsrFcallParamLast = 0x8FF;
constexpr std::uint32_t kCsrFcallGet = 0xFFE;
constexpr std::uint64_t kM64 = ~0ull;

// The precompile op of a `csrs 0x8xx, rs1` port (ZisK's CSR_PRECOMPILED order), or nullopt.
std::optional<Op> precompile_op(std::uint32_t csr) {
  switch (csr) {
    case 0x800:
      return Op::kKeccak;
    case 0x801:
      return Op::kArith256;
    case 0x802:
      return Op::kArith256Mod;
    case 0x803:
      return Op::kSecp256k1Add;
    case 0x804:
      return Op::kSecp256k1Dbl;
    case 0x805:
      return Op::kSha256;
    case 0x806:
      return Op::kBn254CurveAdd;
    case 0x807:
      return Op::kBn254CurveDbl;
    case 0x808:
      return Op::kBn254ComplexAdd;
    case 0x809:
      return Op::kBn254ComplexSub;
    case 0x80A:
      return Op::kBn254ComplexMul;
    case 0x80B:
      return Op::kArith384Mod;
    case 0x80C:
      return Op::kBls12381CurveAdd;
    case 0x80D:
      return Op::kBls12381CurveDbl;
    case 0x80E:
      return Op::kBls12381ComplexAdd;
    case 0x80F:
      return Op::kBls12381ComplexSub;
    case 0x810:
      return Op::kBls12381ComplexMul;
    case 0x812:
      return Op::kPoseidon2;
    case 0x817:
      return Op::kSecp256r1Add;
    case 0x818:
      return Op::kSecp256r1Dbl;
    case 0x819:
      return Op::kBlake2;
    case 0x81B:
      return Op::kPoseidon1;
    default:
      return std::nullopt;
  }
}

bool is_addi(const RiscvSource& s) { return s.insn.op == Opcode::kAddi && s.insn.len == 4; }
bool is_add(const RiscvSource& s) { return s.insn.op == Opcode::kAdd && s.insn.len == 4; }

}  // namespace

void Converter::csr(const Ctx& c) {
  switch (c.i().op) {
    case Opcode::kCsrrw:
      return csrrw(c);
    case Opcode::kCsrrs:
      return csrrs(c);
    case Opcode::kCsrrc:
      return csrrc(c);
    case Opcode::kCsrrwi:
      return csrrwi(c);
    case Opcode::kCsrrsi:
      return csrrsi(c);
    default:
      return csrrci(c);
  }
}

void Converter::csrrw(const Ctx& c) {
  const auto& i = c.i();
  const std::uint64_t csr = csr_addr(i.csr);
  if (i.rd == i.rs1) {
    if (i.rd == 0) {
      emit(at(c).a_imm(0).b_imm(0).op(Op::kCopyB).store_mem(csr).j(4, 4));
      return;
    }
    emit(at(c).a_imm(0).b_mem(csr).op(Op::kCopyB).store_reg(kTmpReg2).j(1, 1));
    emit(internal(c, 1).a_imm(0).b_reg(i.rs1).op(Op::kCopyB).store_mem(csr).j(1, 1));
    emit(internal(c, 2).a_imm(0).b_reg(kTmpReg2).op(Op::kCopyB).store_reg(i.rd).j(2, 2));
  } else if (i.rd == 0) {
    emit(at(c).a_imm(0).b_reg(i.rs1).op(Op::kCopyB).store_mem(csr).j(4, 4));
  } else {
    emit(at(c).a_imm(0).b_mem(csr).op(Op::kCopyB).store_reg(i.rd).j(1, 1));
    emit(internal(c, 1).a_imm(0).b_reg(i.rs1).op(Op::kCopyB).store_mem(csr).j(3, 3));
  }
}

void Converter::csrrs(const Ctx& c) {
  const auto& i = c.i();
  const std::uint64_t csr = csr_addr(i.csr);
  // The ports that return a value in rd are single ZisK instructions that read rs1 (a and b)
  // before they store rd, so rd == rs1 is fine; they are matched before the rd == rs1 form of a
  // plain CSR (ZisK matches them after it and turns `csrrs a0, 0x811, a0` into a plain CSR
  // read: a0 = 0; its Rust guests never emit rd == rs1 since asm! `out` excludes the inputs).
  if (i.rd != 0 && i.rs1 != 0) {
    if (i.csr == kCsrAdd256) {
      emit(at(c).a_imm(0).b_reg(i.rs1).op(Op::kAdd256).store_reg(i.rd).j(0, 4));
      return;
    }
    if (i.csr == kCsrMemcmp && !c.next.empty() && is_add(c.next[0]) && c.next[0].insn.rd == 0) {
      // ziskos' memcmp.s: csrrs rd, 0x814, src; add x0, dst, count (result in rd). The first
      // step only stores the count, the memcmp at the add reads src before it writes rd.
      emit(at(c)
               .a_imm(0)
               .b_reg(c.next[0].insn.rs2)
               .op(Op::kCopyB)
               .store_mem(layout_.extra_params_addr)
               .j(0, 4));
      output_ = Pending{i.csr, i.rs1, i.rd};
      return;
    }
  }
  if (i.rd == i.rs1) {
    if (i.rd == 0) {
      emit(at(c).a_imm(0).b_imm(0).op(Op::kCopyB).j(4, 4));
      return;
    }
    emit(at(c).a_imm(0).b_mem(csr).op(Op::kCopyB).store_reg(kTmpReg2).j(1, 1));
    emit(internal(c, 1).a_lastc().b_reg(i.rs1).op(Op::kOr).store_mem(csr).j(1, 1));
    emit(internal(c, 2).a_imm(0).b_reg(kTmpReg2).op(Op::kCopyB).store_reg(i.rd).j(2, 2));
    return;
  }
  if (i.rd == 0) {
    switch (i.csr) {
      case kCsrMemcpy:
      case kCsrMemcmp:
        return dma_memcpy_memcmp(c);
      case kCsrInputcpy:
        return dma_inputcpy(c);
      case kCsrMemset:
        return dma_memset(c, false);
      case kCsrProfile:
        return profile(c);
      default:
        break;
    }
    if (precompile_op(i.csr)) return precompile(c);
    if (i.csr >= kCsrFcallParamFirst && i.csr <= kCsrFcallParamLast) {
      emit(at(c)
               .a_imm(fcall_param_words(i.csr - kCsrFcallParamFirst))
               .b_reg(i.rs1)
               .op(Op::kFcallParam)
               .j(4, 4));
      return;
    }
    emit(at(c).a_mem(csr).b_reg(i.rs1).op(Op::kOr).store_mem(csr).j(4, 4));
    return;
  }
  if (i.rs1 == 0) {
    if (i.csr == kCsrFcallGet) {
      emit(at(c).a_imm(0).b_mem(layout_.input_addr).op(Op::kFcallGet).store_reg(i.rd).j(4, 4));
    } else {
      emit(at(c).a_imm(0).b_mem(csr).op(Op::kCopyB).store_reg(i.rd).j(4, 4));
    }
    return;
  }
  emit(at(c).a_imm(0).b_mem(csr).op(Op::kCopyB).store_reg(i.rd).j(1, 1));
  emit(internal(c, 1).a_lastc().b_reg(i.rs1).op(Op::kOr).store_mem(csr).j(3, 3));
}

void Converter::csrrc(const Ctx& c) {
  const auto& i = c.i();
  const std::uint64_t csr = csr_addr(i.csr);
  if (i.rd == i.rs1) {
    if (i.rd == 0) {
      emit(at(c).a_imm(0).b_imm(0).op(Op::kCopyB).j(4, 4));
      return;
    }
    emit(at(c).a_imm(0).b_mem(csr).op(Op::kCopyB).store_reg(kTmpReg2).j(1, 1));
    emit(internal(c, 1).a_imm(kM64).b_reg(i.rs1).op(Op::kXor).j(1, 1));
    emit(internal(c, 2).a_reg(kTmpReg2).b_lastc().op(Op::kAnd).store_mem(csr).j(1, 1));
    emit(internal(c, 3).a_imm(0).b_reg(kTmpReg2).op(Op::kCopyB).store_reg(i.rd).j(1, 1));
  } else if (i.rd == 0) {
    emit(at(c).a_imm(kM64).b_reg(i.rs1).op(Op::kXor).j(1, 1));
    emit(internal(c, 1).a_mem(csr).b_lastc().op(Op::kAnd).store_mem(csr).j(3, 3));
  } else if (i.rs1 == 0) {
    emit(at(c).a_imm(0).b_mem(csr).op(Op::kCopyB).store_reg(i.rd).j(4, 4));
  } else {
    emit(at(c).a_imm(0).b_mem(csr).op(Op::kCopyB).store_reg(i.rd).j(1, 1));
    emit(internal(c, 1).a_imm(kM64).b_reg(i.rs1).op(Op::kXor).j(1, 1));
    emit(internal(c, 2).a_reg(i.rd).b_lastc().op(Op::kAnd).store_mem(csr).j(2, 2));
  }
}

void Converter::csrrwi(const Ctx& c) {
  const auto& i = c.i();
  const std::uint64_t csr = csr_addr(i.csr);
  const std::uint64_t uimm = static_cast<std::uint64_t>(i.imm);
  if (i.rd == 0) {
    if (i.csr >= kCsrFcallFirst && i.csr <= kCsrFcallLast) {
      const std::uint64_t id = ((i.csr - kCsrFcallFirst) << 5) + uimm;
      emit(at(c).a_imm(id).b_imm(0).op(Op::kFcall).j(4, 4));
    } else {
      emit(at(c).a_imm(0).b_imm(uimm).op(Op::kCopyB).store_mem(csr).j(4, 4));
    }
    return;
  }
  emit(at(c).a_imm(0).b_mem(csr).op(Op::kCopyB).store_reg(i.rd).j(1, 1));
  emit(internal(c, 1).a_imm(0).b_imm(uimm).op(Op::kCopyB).store_mem(csr).j(3, 3));
}

void Converter::csrrsi(const Ctx& c) {
  const auto& i = c.i();
  const std::uint64_t csr = csr_addr(i.csr);
  const std::uint64_t uimm = static_cast<std::uint64_t>(i.imm);
  if (i.rd == 0) {
    if (i.csr == kCsrMemset) return dma_memset(c, true);
    if (uimm == 0) {
      emit(at(c).a_imm(0).b_imm(0).op(Op::kCopyB).j(4, 4));
    } else {
      emit(at(c).a_mem(csr).b_imm(uimm).op(Op::kOr).store_mem(csr).j(4, 4));
    }
    return;
  }
  if (uimm == 0) {
    emit(at(c).a_imm(0).b_mem(csr).op(Op::kCopyB).store_reg(i.rd).j(4, 4));
    return;
  }
  emit(at(c).a_imm(0).b_mem(csr).op(Op::kCopyB).store_reg(i.rd).j(1, 1));
  emit(internal(c, 1).a_lastc().b_imm(uimm).op(Op::kOr).store_mem(csr).j(3, 3));
}

void Converter::csrrci(const Ctx& c) {
  const auto& i = c.i();
  const std::uint64_t csr = csr_addr(i.csr);
  const std::uint64_t uimm = static_cast<std::uint64_t>(i.imm);
  if (i.rd == 0) {
    if (uimm == 0) {
      emit(at(c).a_imm(0).b_imm(0).op(Op::kCopyB).j(4, 4));
    } else {
      emit(at(c).a_mem(csr).b_imm(uimm ^ kM64).op(Op::kAnd).store_mem(csr).j(4, 4));
    }
    return;
  }
  if (uimm == 0) {
    emit(at(c).a_imm(0).b_mem(csr).op(Op::kCopyB).store_reg(i.rd).j(4, 4));
    return;
  }
  emit(at(c).a_imm(0).b_mem(csr).op(Op::kCopyB).store_reg(i.rd).j(1, 1));
  emit(internal(c, 1).a_lastc().b_imm(uimm ^ kM64).op(Op::kAnd).store_mem(csr).j(3, 3));
}

void Converter::extended_precompile_op(const Ctx& c, Op op, unsigned rs1, std::uint64_t rs2,
                                       bool rs2_is_imm, unsigned rd, std::int64_t extended_arg,
                                       std::int64_t size) {
  InstBuilder b = at(c).a_reg(rs1);
  if (rs2_is_imm) {
    b.b_imm(rs2);
  } else {
    b.b_reg(static_cast<unsigned>(rs2));
  }
  emit(b.op(op).store_reg(rd).j(extended_arg, size));
}

void Converter::dma_memcpy_memcmp(const Ctx& c) {
  const auto& i = c.i();
  if (!c.next.empty() && is_add(c.next[0])) {
    // csrs 0x81x, src; add rd, dst, count: count -> EXTRA_PARAMS now, the op at the add.
    emit(at(c)
             .a_imm(0)
             .b_reg(c.next[0].insn.rs2)
             .op(Op::kCopyB)
             .store_mem(layout_.extra_params_addr)
             .j(0, 4));
    output_ = Pending{i.csr, i.rs1, 0};
    return;
  }
  if (!c.next.empty() && is_addi(c.next[0])) {
    // csrs 0x81x, src; addi rd, dst, count: one step that skips the addi.
    const riscv::Insn& n = c.next[0].insn;
    extended_precompile_op(c, i.csr == kCsrMemcpy ? Op::kDmaXMemcpy : Op::kDmaXMemcmp, n.rs1, i.rs1,
                           false, n.rd, n.imm, 8);
    return;
  }
  halt(c, HaltReason::kBadDmaPattern);
}

void Converter::dma_inputcpy(const Ctx& c) {
  if (!c.next.empty() && is_add(c.next[0])) {
    const riscv::Insn& n = c.next[0].insn;
    extended_precompile_op(c, Op::kDmaInputcpy, n.rs1, n.rs2, false, n.rd, 0, 8);
    return;
  }
  if (!c.next.empty() && is_addi(c.next[0])) {
    const riscv::Insn& n = c.next[0].insn;
    extended_precompile_op(c, Op::kDmaInputcpy, n.rs1, static_cast<std::uint64_t>(n.imm), true,
                           n.rd, 0, 8);
    return;
  }
  halt(c, HaltReason::kBadDmaPattern);
}

void Converter::dma_memset(const Ctx& c, bool immediate_form) {
  const auto& i = c.i();
  const auto byte_ok = [](std::int64_t v) { return v >= 0 && v <= 0xFF; };
  if (immediate_form) {
    // csrsi 0x816, 2; addi x0, dst, count; addi x0, dst, byte: one step over all three.
    if (i.imm == 2 && c.next.size() > 1 && is_addi(c.next[0]) && is_addi(c.next[1]) &&
        byte_ok(c.next[1].insn.imm)) {
      const riscv::Insn& n = c.next[0].insn;
      extended_precompile_op(c, Op::kDmaXMemset, n.rs1, static_cast<std::uint64_t>(n.imm), true,
                             n.rd, c.next[1].insn.imm, 12);
      return;
    }
  } else if (!c.next.empty() && is_addi(c.next[0]) && byte_ok(c.next[0].insn.imm)) {
    // csrs 0x816, dst; addi x0, count, byte.
    const riscv::Insn& n = c.next[0].insn;
    extended_precompile_op(c, Op::kDmaXMemset, i.rs1, n.rs1, false, n.rd, n.imm, 8);
    return;
  }
  halt(c, HaltReason::kBadDmaPattern);
}

void Converter::profile(const Ctx& c) {
  if (!c.next.empty() && is_addi(c.next[0]) && c.next[0].insn.rd == 0 && c.next[0].insn.rs1 == 0) {
    extended_precompile_op(c, Op::kProfile, c.i().rs1,
                           static_cast<std::uint64_t>(c.next[0].insn.imm), true, 0, 0, 8);
    return;
  }
  halt(c, HaltReason::kBadDmaPattern);
}

void Converter::precompile(const Ctx& c) {
  // a = 0, b = the parameter block pointer; jmp_offset1 must be 0 (ZisK's precompile proofs).
  emit(at(c).a_imm(0).b_reg(c.i().rs1).op(*precompile_op(c.i().csr)).j(0, 4));
}

}  // namespace ziskc::zisk::detail
