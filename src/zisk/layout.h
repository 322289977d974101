// ZisK guest memory layouts (DESIGN.md §2.1): `zisk` (current ZisK) and `zisk-0.18` (the one
// ZisK 0.18 guests, the RISC-V conformance vectors and published block ELFs were built for).
// A layout is part of the program key. All ranges are half-open [start, end). Invariants:
// BIOS < input < ROM < RAM and none overlap; SYS, OUTPUT and the guest data area lie in RAM.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "base/status.h"
#include "riscv/elf.h"

namespace ziskc::zisk {

enum class LayoutKind { kZisk, kZisk018 };

struct Layout {
  LayoutKind kind;
  const char* name;         // "zisk" | "zisk-0.18"
  std::uint64_t boot_pc;    // 0x1000: first BIOS instruction
  std::uint64_t end_pc;     // 0x1004: the instruction that ends the run
  std::uint64_t bios_addr;  // BIOS code area [bios_addr, bios_end)
  std::uint64_t bios_end;
  std::uint64_t input_addr;  // word 0: free-input cell; input data from input_addr + 8
  std::uint64_t input_max;   // bytes available at input_addr
  std::uint64_t rom_addr;    // program code + read-only data
  std::uint64_t rom_end;
  std::uint64_t ram_addr;  // read-write memory
  std::uint64_t ram_end;
  std::uint64_t stack_addr;  // stack [stack_addr, stack_top) grows down; 0, 0 when the
  std::uint64_t stack_top;   //   guest's own linker script places it (zisk-0.18)
  std::uint64_t sys_addr;    // system area: x0..x31 at sys_addr + 8*i
  std::uint64_t sys_size;
  std::uint64_t uart_addr;  // 1-byte stores here echo to the console
  std::uint64_t extra_params_addr;
  std::uint64_t float_regs_addr;
  std::uint64_t csr_addr;     // CSR k is the word at csr_addr + 8*k
  std::uint64_t output_addr;  // public outputs [output_addr, output_end)
  std::uint64_t output_end;
  std::uint64_t heap_start;  // guest .data/.bss/heap in [heap_start, heap_end)
  std::uint64_t heap_end;    //   (the float library's 64 KiB of RAM follow, up to ram_end)
  // Bytes of an input file that fit (the first input word is the free-input cell).
  constexpr std::uint64_t input_data_max() const { return input_max - 8; }
  constexpr std::uint64_t reg_addr(unsigned i) const { return sys_addr + 8ull * i; }
  constexpr std::uint64_t csr_word_addr(unsigned k) const { return csr_addr + 8ull * k; }
};

inline constexpr std::uint16_t kMarchidCsr = 0xF12;
inline constexpr std::uint64_t kMarchidZisk = 0x0FFF'EEEE;  // ZisK's ARCH_ID_ZISK
// Public outputs: 64 u32 words at output_addr.
inline constexpr std::uint64_t kNumPublicOutputs = 64;

const Layout& layout(LayoutKind kind);
// "zisk" | "zisk-0.18"; kInvalidArgument otherwise.
Result<LayoutKind> parse_layout_name(std::string_view name);
// DESIGN §2.1: an image with a loadable segment holding file bytes (p_filesz > 0) that
// intersects 0xA000_0000..0xA03F_FFFF is zisk-0.18; any other image is zisk.
LayoutKind detect_layout(const riscv::ElfImage& image);
// The layout's rules for a program image: every segment lies wholly in ROM or RAM;
// executable segments are in ROM and ROM segments are not writable; no segment touches the
// system area (registers, CSRs), the public output area or the layout's stack (zisk: 4 MiB
// below SYS; zisk-0.18 guests place their own); the entry is 2-byte aligned inside an
// executable segment's file bytes. Errors are kBadElf naming the segment (index in
// image.segments) and its range. So a zisk-0.18 image (file bytes in zisk's stack) never fits
// zisk; a zisk image's segments do fit zisk-0.18 (only its code's fixed stack and output
// addresses differ, which the loader cannot see).
Status validate_image(const riscv::ElfImage& image, const Layout& layout);

// A guest program ready for the transpiler: the parsed image and the layout it runs in.
struct Program {
  riscv::ElfImage image;
  LayoutKind layout;
};
// parse_elf, then the forced layout (--layout) or detect_layout, then validate_image; when a
// forced layout differs from the detected one and the image does not fit, the kBadElf message
// says so.
Result<Program> parse_program(std::span<const std::uint8_t> elf,
                              std::optional<LayoutKind> forced = std::nullopt);

}  // namespace ziskc::zisk
