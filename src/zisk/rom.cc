// ROM container: sorting, the pc index (one slot per 2 bytes of each code range).
#include "zisk/rom.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/check.h"

namespace ziskc::zisk {
namespace {
constexpr std::uint32_t kNone = 0xFFFF'FFFF;
}

Rom::Rom(LayoutKind layout, std::vector<ZiskInst> insts, std::vector<RiscvSource> sources,
         std::uint64_t entry, std::uint64_t trap_pc, std::uint64_t rom_data_lo,
         std::uint64_t rom_data_hi)
    : layout_(layout),
      insts_(std::move(insts)),
      sources_(std::move(sources)),
      entry_(entry),
      trap_pc_(trap_pc),
      rom_data_lo_(rom_data_lo),
      rom_data_hi_(rom_data_hi) {
  std::sort(insts_.begin(), insts_.end(),
            [](const ZiskInst& x, const ZiskInst& y) { return x.pc < y.pc; });
  for (std::size_t i = 1; i < insts_.size(); ++i) {
    ZISKC_CHECK(insts_[i - 1].pc != insts_[i].pc, "two ZisK instructions at one pc");
  }
  ZISKC_CHECK(insts_.size() < kNone, "too many instructions");
  build_index();
}

void Rom::build_index() {
  const std::uint64_t split = layout().rom_addr;
  bios_ = Range{};
  code_ = Range{};
  for (Range* r : {&bios_, &code_}) {
    r->lo = ~0ull;
    r->hi = 0;
  }
  for (const ZiskInst& i : insts_) {
    Range& r = i.pc < split ? bios_ : code_;
    r.lo = std::min<std::uint64_t>(r.lo, i.pc & ~1ull);
    r.hi = std::max<std::uint64_t>(r.hi, i.pc + 1);
  }
  for (Range* r : {&bios_, &code_}) {
    if (r->lo > r->hi) {
      r->lo = r->hi = 0;
      continue;
    }
    r->first.assign((r->hi - r->lo + 1) / 2, kNone);
  }
  for (std::size_t k = 0; k < insts_.size(); ++k) {
    const ZiskInst& i = insts_[k];
    Range& r = i.pc < split ? bios_ : code_;
    std::uint32_t& slot = r.first[(i.pc - r.lo) >> 1];
    if (slot == kNone) slot = static_cast<std::uint32_t>(k);
  }
}

std::optional<std::uint32_t> Rom::find_in(const Range& r, std::span<const ZiskInst> insts,
                                          std::uint64_t pc) {
  if (pc < r.lo || pc >= r.hi) return std::nullopt;
  const std::uint32_t j = r.first[(pc - r.lo) >> 1];
  if (j == kNone) return std::nullopt;
  if (insts[j].pc == pc) return j;
  if (j + 1 < insts.size() && insts[j + 1].pc == pc) return j + 1;
  return std::nullopt;
}

std::optional<std::uint32_t> Rom::find(std::uint64_t pc) const {
  if (auto j = find_in(code_, insts_, pc)) return j;
  return find_in(bios_, insts_, pc);
}

std::vector<std::string> listing(const Rom& rom) {
  std::vector<std::string> out;
  out.reserve(rom.size());
  for (const ZiskInst& z : rom.insts()) {
    std::string src;
    if (const RiscvSource* s = rom.source_of(z); s != nullptr && !z.internal) {
      src = riscv::disassemble(s->insn, s->pc);
    } else if (z.source == kNoSource) {
      src = z.bios_init ? "[bios: data init]" : "[bios]";
    }
    out.push_back(
        fmt::format("0x{:08x}  {:<32} | {}{}", z.pc, src, z.internal ? "  " : "", to_string(z)));
  }
  return out;
}

}  // namespace ziskc::zisk
