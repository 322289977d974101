// Fuzz target: the ELF loader and the layout checks on whatever it accepts. Any accepted image
// must satisfy parse_elf's documented invariants (checked here; a violation traps), and
// validation, layout detection and decoding of its code must not fail in any other way.
#include <cstdint>
#include <vector>

#include "base/bytes.h"
#include "riscv/decoder.h"
#include "riscv/elf.h"
#include "riscv/testdata/elf_builder.h"
#include "zisk/layout.h"

namespace {

void check(bool cond) {
  if (!cond) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto r = ziskc::riscv::parse_elf({data, size});
  if (!r.is_ok()) {
    check(r.status().code() == ziskc::ErrorCode::kBadElf && !r.status().message().empty());
    return 0;
  }
  const ziskc::riscv::ElfImage& img = *r;
  check(!img.segments.empty());
  for (std::size_t i = 0; i < img.segments.size(); ++i) {
    const auto& s = img.segments[i];
    check(s.memsz > 0 && s.data.size() <= s.memsz && s.memsz <= ziskc::riscv::kMaxElfSegmentMemsz);
    check(s.vaddr <= ~0ull - s.memsz);
    if (i > 0) check(img.segments[i - 1].end() <= s.vaddr);
  }
  for (std::size_t i = 1; i < img.symbols.size(); ++i) {
    check(img.symbols[i - 1].addr <= img.symbols[i].addr);
  }
  ziskc::riscv::find_symbol(img, img.entry);
  ziskc::zisk::detect_layout(img);
  for (auto k : {ziskc::zisk::LayoutKind::kZisk, ziskc::zisk::LayoutKind::kZisk018}) {
    const ziskc::Status st = ziskc::zisk::validate_image(img, ziskc::zisk::layout(k));
    check(st.is_ok() || st.code() == ziskc::ErrorCode::kBadElf);
  }
  for (const auto& s : img.segments) {
    if (!s.exec) continue;
    for (std::size_t off = 0; off + 4 <= s.data.size(); off += 2) {
      const auto insn = ziskc::riscv::decode(ziskc::base::load_le32(s.data.data() + off));
      check(insn.len == 2 || insn.len == 4);
    }
  }
  return 0;
}

// Built-in seeds for the standalone driver: a minimal valid program and variants.
extern "C" void ZiskcFuzzSeeds(std::vector<std::vector<std::uint8_t>>* out) {
  auto b = ziskc::riscv::testing::minimal_program();
  out->push_back(b.build());
  b.with_sections = false;
  out->push_back(b.build());
  b = ziskc::riscv::testing::minimal_program();
  b.segments[1].vaddr = 0xA0030000;  // a zisk-0.18 image
  out->push_back(b.build());
}
