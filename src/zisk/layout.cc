// The two ZisK memory layouts (DESIGN.md §2.1; constants from ZisK's core/src/mem.rs for
// `zisk`, and ZisK 0.18's map for `zisk-0.18`), layout auto-detection and image validation.
#include "zisk/layout.h"

#include <fmt/format.h>

namespace ziskc::zisk {
namespace {

constexpr std::uint64_t kBoot = 0x1000, kEnd = 0x1004, kBiosSize = 1ull << 20;
constexpr std::uint64_t kInput = 0x4000'0000, kInputMax = 0x4000'0000;  // 1 GiB
constexpr std::uint64_t kRom = 0x8000'0000, kRomEnd = 0x8800'0000;      // 128 MiB
constexpr std::uint64_t kRam = 0xA000'0000, kRamEnd = 0xC000'0000;      // 512 MiB
constexpr std::uint64_t kSysSize = 0x1'0000;
constexpr std::uint64_t kUartOff = 0x200, kExtraOff = 0xF00, kFregOff = 0x1000, kCsrOff = 0x8000,
                        kOutputSize = 0x2'0000;

constexpr Layout make_layout(LayoutKind kind, const char* name, std::uint64_t stack_addr,
                             std::uint64_t stack_top, std::uint64_t sys, std::uint64_t heap_end) {
  return Layout{
      .kind = kind,
      .name = name,
      .boot_pc = kBoot,
      .end_pc = kEnd,
      .bios_addr = kBoot,
      .bios_end = kBoot + kBiosSize,
      .input_addr = kInput,
      .input_max = kInputMax,
      .rom_addr = kRom,
      .rom_end = kRomEnd,
      .ram_addr = kRam,
      .ram_end = kRamEnd,
      .stack_addr = stack_addr,
      .stack_top = stack_top,
      .sys_addr = sys,
      .sys_size = kSysSize,
      .uart_addr = sys + kUartOff,
      .extra_params_addr = sys + kExtraOff,
      .float_regs_addr = sys + kFregOff,
      .csr_addr = sys + kCsrOff,
      .output_addr = sys + kSysSize,
      .output_end = sys + kSysSize + kOutputSize,
      .heap_start = sys + kSysSize + kOutputSize,
      .heap_end = heap_end,
  };
}

// zisk: 4 MiB stack at the bottom of RAM, SYS above it. zisk-0.18: SYS at the bottom of RAM,
// the guest places its own stack. In both the top 64 KiB of RAM belong to ZisK's float
// library (FLOAT_LIB_RAM_ADDR = 0xBFFF_0000 in both versions of mem.rs).
constexpr Layout kZiskLayout = make_layout(LayoutKind::kZisk, "zisk", kRam, kRam + 0x40'0000,
                                           kRam + 0x40'0000, kRamEnd - 0x1'0000);
constexpr Layout kZisk018Layout =
    make_layout(LayoutKind::kZisk018, "zisk-0.18", 0, 0, kRam, kRamEnd - 0x1'0000);

static_assert(kZiskLayout.output_addr == 0xA041'0000 && kZiskLayout.heap_start == 0xA043'0000);
static_assert(kZisk018Layout.output_addr == 0xA001'0000 &&
              kZisk018Layout.heap_start == 0xA003'0000);
static_assert(kZiskLayout.csr_word_addr(kMarchidCsr) == 0xA040'8000 + 8 * 0xF12);

// The window whose file bytes mark a zisk-0.18 image (DESIGN §2.1).
constexpr std::uint64_t kLegacyMarkStart = 0xA000'0000, kLegacyMarkEnd = 0xA040'0000;

bool inside(std::uint64_t a, std::uint64_t b, std::uint64_t lo, std::uint64_t hi) {
  return a >= lo && b <= hi;
}
bool intersects(std::uint64_t a, std::uint64_t b, std::uint64_t lo, std::uint64_t hi) {
  return a < hi && lo < b;
}

}  // namespace

const Layout& layout(LayoutKind kind) {
  return kind == LayoutKind::kZisk018 ? kZisk018Layout : kZiskLayout;
}

Result<LayoutKind> parse_layout_name(std::string_view name) {
  if (name == kZiskLayout.name) return LayoutKind::kZisk;
  if (name == kZisk018Layout.name) return LayoutKind::kZisk018;
  return make_error(ErrorCode::kInvalidArgument,
                    "unknown layout '{}' (expected 'zisk' or 'zisk-0.18')", name);
}

LayoutKind detect_layout(const riscv::ElfImage& image) {
  for (const riscv::ElfSegment& s : image.segments) {
    if (s.data.empty()) continue;
    if (intersects(s.vaddr, s.vaddr + s.data.size(), kLegacyMarkStart, kLegacyMarkEnd)) {
      return LayoutKind::kZisk018;
    }
  }
  return LayoutKind::kZisk;
}

Status validate_image(const riscv::ElfImage& image, const Layout& l) {
  const auto bad = [&](std::size_t i, const riscv::ElfSegment& s, std::string_view why) {
    return Status(ErrorCode::kBadElf,
                  fmt::format("elf: segment {} [0x{:x}, 0x{:x}): {} (layout {})", i, s.vaddr,
                              s.end(), why, l.name));
  };
  bool entry_ok = false;
  for (std::size_t i = 0; i < image.segments.size(); ++i) {
    const riscv::ElfSegment& s = image.segments[i];
    const std::uint64_t a = s.vaddr, b = s.end();
    const bool in_rom = inside(a, b, l.rom_addr, l.rom_end);
    const bool in_ram = inside(a, b, l.ram_addr, l.ram_end);
    if (!in_rom && !in_ram) {
      return bad(i, s,
                 fmt::format("outside ROM [0x{:x}, 0x{:x}) and RAM [0x{:x}, 0x{:x})", l.rom_addr,
                             l.rom_end, l.ram_addr, l.ram_end));
    }
    if (s.exec && !in_rom) return bad(i, s, "executable segment outside ROM");
    if (s.write && in_rom) return bad(i, s, "writable segment in ROM");
    if (intersects(a, b, l.sys_addr, l.sys_addr + l.sys_size)) {
      return bad(i, s,
                 fmt::format("overlaps the system area [0x{:x}, 0x{:x})", l.sys_addr,
                             l.sys_addr + l.sys_size));
    }
    if (intersects(a, b, l.output_addr, l.output_end)) {
      return bad(i, s,
                 fmt::format("overlaps the public output area [0x{:x}, 0x{:x})", l.output_addr,
                             l.output_end));
    }
    if (l.stack_top > l.stack_addr && intersects(a, b, l.stack_addr, l.stack_top)) {
      return bad(i, s,
                 fmt::format("overlaps the stack [0x{:x}, 0x{:x})", l.stack_addr, l.stack_top));
    }
    if (s.exec && image.entry >= a && image.entry - a < s.data.size()) entry_ok = true;
  }
  if (!entry_ok) {
    return make_error(ErrorCode::kBadElf,
                      "elf: entry point 0x{:x} is not inside an executable segment's code",
                      image.entry);
  }
  if (image.entry % 2 != 0) {
    return make_error(ErrorCode::kBadElf, "elf: entry point 0x{:x} is not 2-byte aligned",
                      image.entry);
  }
  return Status::ok();
}

Result<Program> parse_program(std::span<const std::uint8_t> elf, std::optional<LayoutKind> forced) {
  ZISKC_ASSIGN_OR_RETURN(riscv::ElfImage image, riscv::parse_elf(elf));
  const LayoutKind detected = detect_layout(image);
  const LayoutKind kind = forced ? *forced : detected;
  if (Status st = validate_image(image, layout(kind)); !st.is_ok()) {
    if (kind == detected) return st;
    // --layout forced the other layout than the ELF's own: say so.
    return Status(st.code(), fmt::format("{}; the ELF is a {} image, it does not fit --layout {}",
                                         st.message(), layout(detected).name, layout(kind).name));
  }
  return Program{std::move(image), kind};
}

}  // namespace ziskc::zisk
