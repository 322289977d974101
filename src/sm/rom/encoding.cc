// The proof's encoding of ZisK instructions (encoding.h) and the ROM's fixed columns.
#include "sm/rom/encoding.h"

#include <bit>

#include "base/check.h"
#include "sm/rom/air.h"
#include "stark/air_types.h"

namespace ziskc::sm {
namespace {

using zisk::Op;
using zisk::SrcA;
using zisk::SrcB;
using zisk::StoreKind;
using zisk::ZiskInst;

constexpr std::uint64_t kLo32 = 0xFFFF'FFFFull;

Fe lo32(std::uint64_t v) { return Fe::from_u64(v & kLo32); }
Fe hi32(std::uint64_t v) { return Fe::from_u64(v >> 32); }
std::uint64_t static_addr(std::uint64_t a) { return a < (1ull << 32) ? a : kNoAddr; }

// Ops whose flag can be 1 (comparisons, flag, division by zero / overflow).
bool op_may_set_flag(Op op) {
  switch (op) {
    case Op::kFlag:
    case Op::kLtu:
    case Op::kLt:
    case Op::kEq:
    case Op::kLeu:
    case Op::kLe:
    case Op::kLtuW:
    case Op::kLtW:
    case Op::kEqW:
    case Op::kLeuW:
    case Op::kLeW:
    case Op::kDivu:
    case Op::kRemu:
    case Op::kDiv:
    case Op::kRem:
    case Op::kDivuW:
    case Op::kRemuW:
    case Op::kDivW:
    case Op::kRemW:
      return true;
    default:
      return false;
  }
}

class Encoder {
 public:
  explicit Encoder(const zisk::Rom& rom) : rom_(rom), layout_(rom.layout()) {}

  Result<RomEntry> encode(const ZiskInst& z) const {
    RomEntry e;
    RomFields<Fe>& f = e.fields;
    const auto refuse = [&](const char* what) {
      return make_error(ErrorCode::kUnsupported,
                        "rom: instruction at pc 0x{:x} ({}): not supported yet: {}", z.pc,
                        zisk::to_string(z), what);
    };
    e.pc_main = pc_main(z);
    if (z.internal && z.pc < static_cast<std::uint64_t>(kMaxSetPcOffset)) {
      return refuse("an internal instruction below 2^16");
    }
    f.pc = Fe::from_u64(e.pc_main);

    switch (z.a_src) {
      case SrcA::kImm:
        e.flags |= kRomFlagAImm;
        f.a_off = lo32(z.a_value);
        f.a_imm_hi = hi32(z.a_value);
        break;
      case SrcA::kReg:
        e.flags |= kRomFlagAMem;
        e.a_addr = layout_.reg_addr(static_cast<unsigned>(z.a_value));
        f.a_off = Fe::from_u64(e.a_addr);
        break;
      case SrcA::kMem:
        e.flags |= kRomFlagAMem;
        e.a_addr = z.a_value;
        f.a_off = Fe::from_u64(static_addr(z.a_value));
        break;
      case SrcA::kLastC:
        break;
      case SrcA::kStep:
        return refuse("the step number as the a source");
    }

    switch (z.b_src) {
      case SrcB::kImm:
        e.flags |= kRomFlagBImm;
        f.b_off = lo32(z.b_value);
        f.b_imm_hi = hi32(z.b_value);
        break;
      case SrcB::kReg:
        e.flags |= kRomFlagBMem;
        e.b_addr = layout_.reg_addr(static_cast<unsigned>(z.b_value));
        f.b_off = Fe::from_u64(e.b_addr);
        break;
      case SrcB::kMem:
        e.flags |= kRomFlagBMem;
        e.b_addr = z.b_value;
        f.b_off = Fe::from_u64(static_addr(z.b_value));
        break;
      case SrcB::kLastC:
        break;
      case SrcB::kInd:
        e.flags |= kRomFlagBInd;
        f.b_off = Fe::from_i64(static_cast<std::int64_t>(z.b_value));
        break;
    }

    switch (z.store) {
      case StoreKind::kNone:
        break;
      case StoreKind::kReg:
        e.flags |= kRomFlagStoreMem;
        e.store_addr = layout_.reg_addr(static_cast<unsigned>(z.store_offset));
        f.store_off = Fe::from_u64(e.store_addr);
        break;
      case StoreKind::kMem:
        e.flags |= kRomFlagStoreMem;
        e.store_addr = static_cast<std::uint64_t>(z.store_offset);
        f.store_off = Fe::from_u64(static_addr(e.store_addr));
        break;
      case StoreKind::kInd: {
        if (z.a_src != SrcA::kImm) {
          e.flags |= kRomFlagStoreInd;
          f.store_off = Fe::from_i64(z.store_offset);
          break;
        }
        // a is a constant: the address is static.
        const std::uint64_t addr = z.a_value + static_cast<std::uint64_t>(z.store_offset);
        const bool in_rom = addr >= layout_.rom_addr && addr < layout_.rom_end;
        if ((z.bios_init && in_rom) || z.ind_width != 8) {
          // Main sends mem_op kMemRomInit for (a imm, store ind) rows.
          e.flags |= kRomFlagStoreInd;
          e.rom_init = true;
          f.store_off = Fe::from_i64(z.store_offset);
        } else {
          e.flags |= kRomFlagStoreMem;
          e.store_addr = addr;
          f.store_off = Fe::from_u64(static_addr(addr));
        }
        break;
      }
    }
    const bool ind = e.has(kRomFlagBInd) || e.has(kRomFlagStoreInd);
    f.ind_width = Fe::from_u64(ind ? z.ind_width : 8);

    const zisk::Machine machine = zisk::op_info(z.op).machine;
    if (machine == zisk::Machine::kMain) {
      f.op = Fe::from_u64(z.op == Op::kFlag ? 0 : 1);
    } else {
      e.flags |= kRomFlagExternal;
      f.op = Fe::from_u64(static_cast<std::uint64_t>(z.op));
    }
    const bool precompiled =
        machine == zisk::Machine::kDma || zisk::is_precompile(machine);
    if (precompiled) e.flags |= kRomFlagPrecompiled;
    if (z.m32) e.flags |= kRomFlagM32;

    if (z.store_pc) {
      e.flags |= kRomFlagStorePc;
      const std::uint64_t link = z.pc + static_cast<std::uint64_t>(z.jmp_offset2);
      if (link >= (1ull << 32)) return refuse("a link value at or above 2^32");
      // Without set_pc, jmp2 is also the not-taken edge: it must land where the link points.
      if (const auto idx = rom_.find(link);
          idx && rom_.inst(*idx).pc == link && rom_.inst(*idx).internal) {
        return refuse("a link to an internal instruction");
      }
    }
    if (z.set_pc) {
      e.flags |= kRomFlagSetPc;
      if (z.jmp_offset1 <= -kMaxSetPcOffset || z.jmp_offset1 >= kMaxSetPcOffset) {
        return refuse("a dynamic jump offset of 2^16 or more");
      }
      if (op_may_set_flag(z.op)) return refuse("a dynamic jump after an op that sets the flag");
      f.jmp1 = Fe::from_i64(z.jmp_offset1);
    } else if (precompiled) {
      // The op's flag is 0 (its machine proves it), so jmp1 is only the extra argument.
      f.jmp1 = Fe::from_i64(z.jmp_offset1);
    } else {
      f.jmp1 = edge(z, z.jmp_offset1);
    }
    // jmp2 is the not-taken edge, or (store_pc) the link: for a link the target is a normal
    // instruction or none, so pc_main + jmp2 is the link value either way.
    f.jmp2 = z.store_pc ? Fe::from_u64(z.pc + static_cast<std::uint64_t>(z.jmp_offset2)) -
                              Fe::from_u64(e.pc_main)
                        : edge(z, z.jmp_offset2);
    // The end instruction: a copyb at end_pc that loops on itself and touches no memory, so
    // Main may repeat it at a constant step (kRomFlagEnd). Anything else there is not flagged.
    constexpr std::uint32_t kEffects = kRomFlagAMem | kRomFlagBMem | kRomFlagBInd |
                                       kRomFlagExternal | kRomFlagStoreMem | kRomFlagStoreInd |
                                       kRomFlagStorePc | kRomFlagSetPc;
    if (!z.internal && z.end && z.pc == layout_.end_pc && z.op == Op::kCopyB &&
        (e.flags & kEffects) == 0 && f.jmp1.is_zero() && f.jmp2.is_zero()) {
      e.flags |= kRomFlagEnd;
    }
    return e;
  }

 private:
  // pc_main of the instruction a static edge of z lands on, or kNoPc where the emulator faults.
  std::uint64_t target(const ZiskInst& z, std::uint64_t t) const {
    const auto idx = rom_.find(t);
    if (!idx) return kNoPc;
    const ZiskInst& d = rom_.inst(*idx);
    if (d.pc != t) return kNoPc;
    if (d.internal && d.source != z.source) return kNoPc;
    return pc_main(d);
  }
  Fe edge(const ZiskInst& z, std::int64_t off) const {
    const __int128 t = static_cast<__int128>(z.pc) + off;
    const std::uint64_t to = t >= 0 && t < (static_cast<__int128>(1) << 32)
                                 ? target(z, static_cast<std::uint64_t>(t))
                                 : kNoPc;
    return Fe::from_u64(to) - Fe::from_u64(pc_main(z));
  }

  const zisk::Rom& rom_;
  const zisk::Layout& layout_;
};

}  // namespace

Result<std::vector<RomEntry>> encode_rom(const zisk::Rom& rom) {
  const Encoder enc(rom);
  std::vector<RomEntry> out;
  out.reserve(rom.size());
  for (const ZiskInst& z : rom.insts()) {
    Result<RomEntry> e = enc.encode(z);
    if (!e) return e.status();
    out.push_back(*e);
  }
  return out;
}

unsigned rom_log_height(std::size_t num_insts) {
  unsigned k = kRomMinLogHeight;
  while ((std::size_t{1} << k) < num_insts) ++k;
  return k;
}

poly::RowMajorMatrix rom_fixed_columns(std::span<const RomEntry> entries) {
  constexpr std::size_t kWidth = stark::width_of<RomFixedCols>();
  auto m = poly::RowMajorMatrix::zeros(std::size_t{1} << rom_log_height(entries.size()), kWidth);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    auto& row = *reinterpret_cast<RomFixedCols<Fe>*>(m.row(i).data());
    row.f = entries[i].fields;
    row.flags = Fe::from_u64(entries[i].flags_value());
  }
  return m;
}

Result<poly::RowMajorMatrix> rom_fixed_columns(const zisk::Rom& rom) {
  Result<std::vector<RomEntry>> e = encode_rom(rom);
  if (!e) return e.status();
  return rom_fixed_columns(*e);
}

Result<stark::AirPtr> rom_air(const zisk::Rom& rom) {
  Result<poly::RowMajorMatrix> fixed = rom_fixed_columns(rom);
  if (!fixed) return fixed.status();
  const unsigned log_height = rom_log_height(rom.size());
  return stark::make_air<RomAir>(
      log_height, std::make_shared<const poly::RowMajorMatrix>(std::move(fixed).value()));
}

stark::AirPtr rom_air_shape(unsigned log_height) {
  return stark::make_air<RomAir>(log_height, nullptr);
}

}  // namespace ziskc::sm
