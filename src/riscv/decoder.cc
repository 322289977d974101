// RISC-V rv64imac decoder: table lookup over opcodes.def, operand extraction by format, and
// the expansion of compressed instructions to their 32-bit equivalents (RISC-V Unprivileged
// ISA, chapter "C" Standard Extension, RV64C rows). Reserved encodings and everything outside
// rv64imac (C.FLD, C.FSDSP, ...) expand to nothing and decode to kIllegal.
#include "riscv/decoder.h"

#include <fmt/format.h>

#include <array>

#include "base/check.h"

namespace ziskc::riscv {
namespace {

constexpr OpcodeInfo kTable[] = {
#define ZISKC_RV_OP(name, mnem, mask, match, fmt) {Opcode::k##name, mnem, mask, match, Format::fmt},
#include "riscv/opcodes.def"
#undef ZISKC_RV_OP
};
constexpr std::size_t kNumRows = sizeof(kTable) / sizeof(kTable[0]);
static_assert(kNumRows + 1 == static_cast<std::size_t>(Opcode::kCount));

// Rows grouped by (major opcode bits 6:2, funct3 bits 14:12), computed at compile time, so
// decode scans only the few rows that can match (at most kMaxBucket). Every row's mask
// covers bits 6:0; a row whose mask does not cover funct3 (lui, auipc, jal) is in all 8
// funct3 buckets of its opcode.
constexpr std::size_t kMaxBucket = 12;
struct Bucket {
  std::uint8_t count = 0;
  std::uint8_t rows[kMaxBucket] = {};
};
using BucketTable = std::array<Bucket, 256>;
constexpr std::size_t bucket_of(std::uint32_t w) {
  return ((w >> 2) & 31) | (((w >> 12) & 7) << 5);
}
constexpr BucketTable make_buckets() {
  BucketTable t{};
  for (std::size_t i = 0; i < kNumRows; ++i) {
    if ((kTable[i].mask & 0x7f) != 0x7f) throw "opcode row without a full major opcode";
    for (std::uint32_t f3 = 0; f3 < 8; ++f3) {
      const std::uint32_t w = (kTable[i].match & ~0x7000u) | (f3 << 12);
      if ((w & kTable[i].mask) != kTable[i].match) continue;
      Bucket& b = t[bucket_of(w)];
      if (b.count == kMaxBucket) throw "bucket overflow: raise kMaxBucket";
      b.rows[b.count++] = static_cast<std::uint8_t>(i);
    }
  }
  return t;
}
constexpr BucketTable kBuckets = make_buckets();

constexpr std::int64_t sext(std::uint64_t v, unsigned bits) {
  const std::uint64_t m = 1ull << (bits - 1);
  v &= (bits == 64) ? ~0ull : ((1ull << bits) - 1);
  return static_cast<std::int64_t>((v ^ m) - m);
}
constexpr std::uint32_t bits(std::uint32_t w, unsigned hi, unsigned lo) {
  return (w >> lo) & ((1u << (hi - lo + 1)) - 1);
}

// --- 32-bit encoders used by the compressed expansion ------------------------------------
constexpr std::uint32_t enc_r(std::uint32_t base, unsigned rd, unsigned rs1, unsigned rs2) {
  return base | (rd << 7) | (rs1 << 15) | (rs2 << 20);
}
constexpr std::uint32_t enc_i(std::uint32_t base, unsigned rd, unsigned rs1, std::int64_t imm) {
  return base | (rd << 7) | (rs1 << 15) | ((static_cast<std::uint32_t>(imm) & 0xfff) << 20);
}
constexpr std::uint32_t enc_s(std::uint32_t base, unsigned rs1, unsigned rs2, std::int64_t imm) {
  const auto u = static_cast<std::uint32_t>(imm);
  return base | ((u & 0x1f) << 7) | (rs1 << 15) | (rs2 << 20) | (((u >> 5) & 0x7f) << 25);
}
constexpr std::uint32_t enc_b(std::uint32_t base, unsigned rs1, unsigned rs2, std::int64_t imm) {
  const auto u = static_cast<std::uint32_t>(imm);
  return base | (((u >> 11) & 1) << 7) | (((u >> 1) & 0xf) << 8) | (rs1 << 15) | (rs2 << 20) |
         (((u >> 5) & 0x3f) << 25) | (((u >> 12) & 1) << 31);
}
constexpr std::uint32_t enc_u(std::uint32_t base, unsigned rd, std::int64_t imm) {
  return base | (rd << 7) | (static_cast<std::uint32_t>(imm) & 0xfffff000u);
}
constexpr std::uint32_t enc_j(std::uint32_t base, unsigned rd, std::int64_t imm) {
  const auto u = static_cast<std::uint32_t>(imm);
  return base | (rd << 7) | (((u >> 12) & 0xff) << 12) | (((u >> 11) & 1) << 20) |
         (((u >> 1) & 0x3ff) << 21) | (((u >> 20) & 1) << 31);
}

// Base words (opcode | funct3 | funct7) of the expansion targets.
constexpr std::uint32_t kAddi = 0x00000013, kAddiw = 0x0000001b, kSlli = 0x00001013,
                        kSrli = 0x00005013, kSrai = 0x40005013, kAndi = 0x00007013,
                        kLui = 0x00000037, kLw = 0x00002003, kLd = 0x00003003, kSw = 0x00002023,
                        kSd = 0x00003023, kJal = 0x0000006f, kJalr = 0x00000067, kBeq = 0x00000063,
                        kBne = 0x00001063, kAdd = 0x00000033, kSub = 0x40000033, kXor = 0x00004033,
                        kOr = 0x00006033, kAnd = 0x00007033, kAddw = 0x0000003b, kSubw = 0x4000003b,
                        kEbreak = 0x00100073;

void extract(const OpcodeInfo& row, std::uint32_t w, Insn& insn) {
  const auto rd = static_cast<std::uint8_t>(bits(w, 11, 7));
  const auto rs1 = static_cast<std::uint8_t>(bits(w, 19, 15));
  const auto rs2 = static_cast<std::uint8_t>(bits(w, 24, 20));
  switch (row.format) {
    case Format::kNone:
      break;
    case Format::kR:
      insn.rd = rd, insn.rs1 = rs1, insn.rs2 = rs2;
      break;
    case Format::kI:
      insn.rd = rd, insn.rs1 = rs1, insn.imm = sext(w >> 20, 12);
      break;
    case Format::kShift64:
      insn.rd = rd, insn.rs1 = rs1, insn.imm = bits(w, 25, 20);
      break;
    case Format::kShift32:
      insn.rd = rd, insn.rs1 = rs1, insn.imm = bits(w, 24, 20);
      break;
    case Format::kS:
      insn.rs1 = rs1, insn.rs2 = rs2;
      insn.imm = sext((bits(w, 31, 25) << 5) | bits(w, 11, 7), 12);
      break;
    case Format::kB:
      insn.rs1 = rs1, insn.rs2 = rs2;
      insn.imm = sext((bits(w, 31, 31) << 12) | (bits(w, 7, 7) << 11) | (bits(w, 30, 25) << 5) |
                          (bits(w, 11, 8) << 1),
                      13);
      break;
    case Format::kU:
      insn.rd = rd, insn.imm = sext(w & 0xfffff000u, 32);
      break;
    case Format::kJ:
      insn.rd = rd;
      insn.imm = sext((bits(w, 31, 31) << 20) | (bits(w, 19, 12) << 12) | (bits(w, 20, 20) << 11) |
                          (bits(w, 30, 21) << 1),
                      21);
      break;
    case Format::kCsr:
      insn.rd = rd, insn.rs1 = rs1, insn.csr = static_cast<std::uint16_t>(w >> 20);
      break;
    case Format::kCsrI:
      insn.rd = rd, insn.csr = static_cast<std::uint16_t>(w >> 20), insn.imm = rs1;
      break;
    case Format::kAmo:
      insn.rd = rd, insn.rs1 = rs1, insn.rs2 = rs2;
      insn.aq = bits(w, 26, 26), insn.rl = bits(w, 25, 25);
      break;
    case Format::kLr:
      insn.rd = rd, insn.rs1 = rs1;
      insn.aq = bits(w, 26, 26), insn.rl = bits(w, 25, 25);
      break;
    case Format::kFence:
      insn.imm = w >> 20;
      break;
  }
}

Insn decode32(std::uint32_t w) {
  Insn insn;
  const Bucket& b = kBuckets[bucket_of(w)];
  for (std::uint8_t k = 0; k < b.count; ++k) {
    const OpcodeInfo& row = kTable[b.rows[k]];
    if ((w & row.mask) == row.match) {
      insn.op = row.op;
      extract(row, w, insn);
      break;
    }
  }
  return insn;
}

}  // namespace

std::span<const OpcodeInfo> opcode_table() { return {kTable, kNumRows}; }

std::optional<std::uint32_t> expand_compressed(std::uint16_t c16) {
  const std::uint32_t c = c16;
  const unsigned quadrant = c & 3, funct3 = bits(c, 15, 13);
  const unsigned rd = bits(c, 11, 7), rs2 = bits(c, 6, 2);
  const unsigned rdp = 8 + bits(c, 4, 2), rs1p = 8 + bits(c, 9, 7);  // x8..x15
  constexpr unsigned kSp = 2, kRa = 1;
  // The 6-bit signed immediate of CI instructions: imm[5] = bit 12, imm[4:0] = bits 6:2.
  const std::int64_t ci_imm = sext((bits(c, 12, 12) << 5) | bits(c, 6, 2), 6);
  const std::uint32_t ci_shamt = (bits(c, 12, 12) << 5) | bits(c, 6, 2);
  switch (quadrant) {
    case 0:
      switch (funct3) {
        case 0: {  // c.addi4spn: nzuimm[5:4|9:6|2|3] in bits 12:5; zero is reserved
          const std::uint32_t imm = (bits(c, 12, 11) << 4) | (bits(c, 10, 7) << 6) |
                                    (bits(c, 6, 6) << 2) | (bits(c, 5, 5) << 3);
          if (imm == 0) return std::nullopt;
          return enc_i(kAddi, rdp, kSp, imm);
        }
        case 2:  // c.lw: uimm[5:3] = 12:10, [2] = 6, [6] = 5
          return enc_i(kLw, rdp, rs1p,
                       (bits(c, 12, 10) << 3) | (bits(c, 6, 6) << 2) | (bits(c, 5, 5) << 6));
        case 3:  // c.ld: uimm[5:3] = 12:10, [7:6] = 6:5
          return enc_i(kLd, rdp, rs1p, (bits(c, 12, 10) << 3) | (bits(c, 6, 5) << 6));
        case 6:  // c.sw
          return enc_s(kSw, rs1p, rdp,
                       (bits(c, 12, 10) << 3) | (bits(c, 6, 6) << 2) | (bits(c, 5, 5) << 6));
        case 7:  // c.sd
          return enc_s(kSd, rs1p, rdp, (bits(c, 12, 10) << 3) | (bits(c, 6, 5) << 6));
        default:  // c.fld, reserved, c.fsd
          return std::nullopt;
      }
    case 1:
      switch (funct3) {
        case 0:  // c.addi (c.nop when rd = 0; rd = 0 or imm = 0 are hints, still valid)
          return enc_i(kAddi, rd, rd, ci_imm);
        case 1:  // c.addiw; rd = 0 is reserved
          if (rd == 0) return std::nullopt;
          return enc_i(kAddiw, rd, rd, ci_imm);
        case 2:  // c.li
          return enc_i(kAddi, rd, 0, ci_imm);
        case 3:
          if (rd == kSp) {  // c.addi16sp: nzimm[9|4|6|8:7|5] in bits 12,6,5,4:3,2
            const std::int64_t imm =
                sext((bits(c, 12, 12) << 9) | (bits(c, 6, 6) << 4) | (bits(c, 5, 5) << 6) |
                         (bits(c, 4, 3) << 7) | (bits(c, 2, 2) << 5),
                     10);
            if (imm == 0) return std::nullopt;
            return enc_i(kAddi, kSp, kSp, imm);
          } else {  // c.lui: nzimm[17|16:12]; zero is reserved
            if (ci_imm == 0) return std::nullopt;
            return enc_u(kLui, rd, ci_imm << 12);
          }
        case 4:
          switch (bits(c, 11, 10)) {
            case 0:  // c.srli
              return enc_i(kSrli, rs1p, rs1p, ci_shamt);
            case 1:  // c.srai: funct7 bit 30 comes from the base word
              return kSrai | (rs1p << 7) | (rs1p << 15) | (ci_shamt << 20);
            case 2:  // c.andi
              return enc_i(kAndi, rs1p, rs1p, ci_imm);
            default: {
              static constexpr std::uint32_t kOps[2][4] = {{kSub, kXor, kOr, kAnd},
                                                           {kSubw, kAddw, 0, 0}};
              const std::uint32_t base = kOps[bits(c, 12, 12)][bits(c, 6, 5)];
              if (base == 0) return std::nullopt;  // reserved
              return enc_r(base, rs1p, rs1p, rdp);
            }
          }
        case 5: {  // c.j: offset[11|4|9:8|10|6|7|3:1|5] in bits 12:2
          const std::int64_t imm =
              sext((bits(c, 12, 12) << 11) | (bits(c, 11, 11) << 4) | (bits(c, 10, 9) << 8) |
                       (bits(c, 8, 8) << 10) | (bits(c, 7, 7) << 6) | (bits(c, 6, 6) << 7) |
                       (bits(c, 5, 3) << 1) | (bits(c, 2, 2) << 5),
                   12);
          return enc_j(kJal, 0, imm);
        }
        default: {  // 6: c.beqz, 7: c.bnez: offset[8|4:3] = 12:10, [7:6|2:1|5] = 6:2
          const std::int64_t imm =
              sext((bits(c, 12, 12) << 8) | (bits(c, 11, 10) << 3) | (bits(c, 6, 5) << 6) |
                       (bits(c, 4, 3) << 1) | (bits(c, 2, 2) << 5),
                   9);
          return enc_b(funct3 == 6 ? kBeq : kBne, rs1p, 0, imm);
        }
      }
    case 2:
      switch (funct3) {
        case 0:  // c.slli
          return enc_i(kSlli, rd, rd, ci_shamt);
        case 2:  // c.lwsp: uimm[5] = 12, [4:2] = 6:4, [7:6] = 3:2; rd = 0 reserved
          if (rd == 0) return std::nullopt;
          return enc_i(kLw, rd, kSp,
                       (bits(c, 12, 12) << 5) | (bits(c, 6, 4) << 2) | (bits(c, 3, 2) << 6));
        case 3:  // c.ldsp: uimm[5] = 12, [4:3] = 6:5, [8:6] = 4:2; rd = 0 reserved
          if (rd == 0) return std::nullopt;
          return enc_i(kLd, rd, kSp,
                       (bits(c, 12, 12) << 5) | (bits(c, 6, 5) << 3) | (bits(c, 4, 2) << 6));
        case 4:
          if (bits(c, 12, 12) == 0) {
            if (rs2 == 0) {  // c.jr; rs1 = 0 reserved
              if (rd == 0) return std::nullopt;
              return enc_i(kJalr, 0, rd, 0);
            }
            return enc_r(kAdd, rd, 0, rs2);  // c.mv
          }
          if (rs2 == 0) {
            if (rd == 0) return kEbreak;      // c.ebreak
            return enc_i(kJalr, kRa, rd, 0);  // c.jalr
          }
          return enc_r(kAdd, rd, rd, rs2);  // c.add
        case 6:                             // c.swsp: uimm[5:2] = 12:9, [7:6] = 8:7
          return enc_s(kSw, kSp, rs2, (bits(c, 12, 9) << 2) | (bits(c, 8, 7) << 6));
        case 7:  // c.sdsp: uimm[5:3] = 12:10, [8:6] = 9:7
          return enc_s(kSd, kSp, rs2, (bits(c, 12, 10) << 3) | (bits(c, 9, 7) << 6));
        default:  // c.fldsp, c.fsdsp
          return std::nullopt;
      }
    default:
      return std::nullopt;  // quadrant 3 is not compressed
  }
}

Insn decode(std::uint32_t raw) {
  if ((raw & 3) != 3) {
    const auto c = static_cast<std::uint16_t>(raw);
    Insn insn;
    if (auto w = expand_compressed(c)) insn = decode32(*w);
    insn.len = 2;
    insn.raw = c;
    return insn;
  }
  Insn insn = decode32(raw);
  insn.raw = raw;
  return insn;
}

const char* mnemonic(Opcode op) {
  if (op == Opcode::kIllegal || op >= Opcode::kCount) return "illegal";
  return kTable[static_cast<std::size_t>(op) - 1].mnemonic;
}

Format format_of(Opcode op) {
  if (op == Opcode::kIllegal || op >= Opcode::kCount) return Format::kNone;
  return kTable[static_cast<std::size_t>(op) - 1].format;
}

const char* reg_name(std::uint8_t reg) {
  static constexpr const char* kNames[32] = {"zero", "ra", "sp",  "gp",  "tp", "t0", "t1", "t2",
                                             "s0",   "s1", "a0",  "a1",  "a2", "a3", "a4", "a5",
                                             "a6",   "a7", "s2",  "s3",  "s4", "s5", "s6", "s7",
                                             "s8",   "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
  ZISKC_CHECK(reg < 32, "register index out of range");
  return kNames[reg];
}

namespace {

bool is_memory_i_form(Opcode op) {
  return (op >= Opcode::kLb && op <= Opcode::kLwu) || op == Opcode::kJalr;
}

std::string fence_set(unsigned s) {
  std::string out;
  if (s & 8) out += 'i';
  if (s & 4) out += 'o';
  if (s & 2) out += 'r';
  if (s & 1) out += 'w';
  return out.empty() ? "0" : out;
}

}  // namespace

std::string disassemble(const Insn& insn, std::uint64_t pc) {
  if (insn.op == Opcode::kIllegal) {
    return insn.len == 2 ? fmt::format("illegal 0x{:04x}", insn.raw)
                         : fmt::format("illegal 0x{:08x}", insn.raw);
  }
  const char* m = mnemonic(insn.op);
  const char* rd = reg_name(insn.rd);
  const char* rs1 = reg_name(insn.rs1);
  const char* rs2 = reg_name(insn.rs2);
  switch (format_of(insn.op)) {
    case Format::kNone:
      return m;
    case Format::kR:
      return fmt::format("{} {}, {}, {}", m, rd, rs1, rs2);
    case Format::kI:
      if (is_memory_i_form(insn.op)) return fmt::format("{} {}, {}({})", m, rd, insn.imm, rs1);
      return fmt::format("{} {}, {}, {}", m, rd, rs1, insn.imm);
    case Format::kShift64:
    case Format::kShift32:
      return fmt::format("{} {}, {}, {}", m, rd, rs1, insn.imm);
    case Format::kS:
      return fmt::format("{} {}, {}({})", m, rs2, insn.imm, rs1);
    case Format::kB:
      return fmt::format("{} {}, {}, 0x{:x}", m, rs1, rs2,
                         pc + static_cast<std::uint64_t>(insn.imm));
    case Format::kU:
      return fmt::format("{} {}, 0x{:x}", m, rd,
                         (static_cast<std::uint64_t>(insn.imm) >> 12) & 0xfffff);
    case Format::kJ:
      return fmt::format("{} {}, 0x{:x}", m, rd, pc + static_cast<std::uint64_t>(insn.imm));
    case Format::kCsr:
      return fmt::format("{} {}, 0x{:x}, {}", m, rd, insn.csr, rs1);
    case Format::kCsrI:
      return fmt::format("{} {}, 0x{:x}, {}", m, rd, insn.csr, insn.imm);
    case Format::kAmo:
    case Format::kLr: {
      const char* order = insn.aq ? (insn.rl ? ".aqrl" : ".aq") : (insn.rl ? ".rl" : "");
      if (format_of(insn.op) == Format::kLr) return fmt::format("{}{} {}, ({})", m, order, rd, rs1);
      return fmt::format("{}{} {}, {}, ({})", m, order, rd, rs2, rs1);
    }
    case Format::kFence: {
      const auto v = static_cast<unsigned>(insn.imm);
      if ((v >> 8) == 8 && (v & 0xff) == 0x33) return "fence.tso";
      return fmt::format("fence {}, {}", fence_set((v >> 4) & 15), fence_set(v & 15));
    }
  }
  return m;
}

}  // namespace ziskc::riscv
