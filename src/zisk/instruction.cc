// Text form of ZisK instructions.
#include "zisk/instruction.h"

#include <fmt/format.h>

namespace ziskc::zisk {
namespace {

std::string offset(std::int64_t v) {
  return v < 0 ? fmt::format("-0x{:x}", static_cast<std::uint64_t>(-v))
               : fmt::format("+0x{:x}", static_cast<std::uint64_t>(v));
}

std::string a_text(const ZiskInst& i) {
  switch (i.a_src) {
    case SrcA::kImm:
      return fmt::format("0x{:x}", i.a_value);
    case SrcA::kReg:
      return fmt::format("r{}", i.a_value);
    case SrcA::kMem:
      return fmt::format("mem[0x{:x}]", i.a_value);
    case SrcA::kLastC:
      return "last_c";
    case SrcA::kStep:
      return "step";
  }
  return "?";
}

std::string b_text(const ZiskInst& i) {
  switch (i.b_src) {
    case SrcB::kImm:
      return fmt::format("0x{:x}", i.b_value);
    case SrcB::kReg:
      return fmt::format("r{}", i.b_value);
    case SrcB::kMem:
      return fmt::format("mem[0x{:x}]", i.b_value);
    case SrcB::kLastC:
      return "last_c";
    case SrcB::kInd:
      return fmt::format("ind{}[a{}]", i.ind_width * 8,
                         offset(static_cast<std::int64_t>(i.b_value)));
  }
  return "?";
}

std::string store_text(const ZiskInst& i) {
  const char* what = i.store_pc ? "pc" : "c";
  switch (i.store) {
    case StoreKind::kNone:
      return "";
    case StoreKind::kReg:
      return fmt::format(" {}-> r{}", what, i.store_offset);
    case StoreKind::kMem:
      return fmt::format(" {}-> mem[0x{:x}]", what, static_cast<std::uint64_t>(i.store_offset));
    case StoreKind::kInd:
      return fmt::format(" {}-> ind{}[a{}]", what, i.ind_width * 8, offset(i.store_offset));
  }
  return "";
}

}  // namespace

const char* halt_reason_name(HaltReason r) {
  switch (r) {
    case HaltReason::kNone:
      return "halt";
    case HaltReason::kIllegalInstruction:
      return "illegal instruction";
    case HaltReason::kBadDmaPattern:
      return "DMA CSR port without its add/addi partner instruction";
  }
  return "?";
}

std::string to_string(const ZiskInst& i) {
  std::string s = fmt::format("{}({}, {}){}", op_name(i.op), a_text(i), b_text(i), store_text(i));
  if (i.set_pc) {
    s += fmt::format("; pc = c{}", offset(i.jmp_offset1));
  } else if (i.jmp_offset1 == i.jmp_offset2) {
    s += fmt::format("; j({})", offset(i.jmp_offset2));
  } else {
    s += fmt::format("; j(flag ? {} : {})", offset(i.jmp_offset1), offset(i.jmp_offset2));
  }
  if (i.end) s += "; end";
  if (i.halt != HaltReason::kNone) s += fmt::format(" ({})", halt_reason_name(i.halt));
  return s;
}

}  // namespace ziskc::zisk
