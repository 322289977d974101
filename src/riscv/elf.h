// Structural ELF64 reader for RISC-V executables (little-endian, EM_RISCV, ET_EXEC).
// No zkVM policy lives here: which addresses are acceptable is zisk/layout.h's business.
// Invariants of a parsed ElfImage: every segment is a PT_LOAD with memsz > 0 and
// data.size() == p_filesz <= memsz; segments are sorted by vaddr and do not overlap;
// vaddr + memsz does not wrap. Every length read from the file is bounded before it is used
// to allocate, and every rejection is a kBadElf Status naming the field and the bad value.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"

namespace ziskc::riscv {

struct ElfSegment {
  std::uint64_t vaddr = 0;
  std::uint64_t memsz = 0;
  std::vector<std::uint8_t> data;  // the file bytes, size == p_filesz; the rest is zero
  bool read = false, write = false, exec = false;
  std::uint64_t end() const { return vaddr + memsz; }
};

struct ElfSymbol {
  std::string name;
  std::uint64_t addr = 0;
  std::uint64_t size = 0;
  bool is_func = false;
};

struct ElfImage {
  std::uint64_t entry = 0;
  std::uint32_t flags = 0;           // e_flags (EF_RISCV_RVC = 1, float ABI in bits 1..2)
  std::vector<ElfSegment> segments;  // PT_LOAD with memsz > 0, sorted by vaddr
  std::vector<ElfSymbol> symbols;    // named symbols from .symtab, if present, sorted by addr
};

// Limits that keep a hostile file from exhausting memory or time.
inline constexpr std::uint64_t kMaxElfSegments = 256;
inline constexpr std::uint64_t kMaxElfSections = 4096;
inline constexpr std::uint64_t kMaxElfSymbols = 1u << 22;
inline constexpr std::uint64_t kMaxElfSegmentMemsz = 1ull << 32;  // 4 GiB

// Parses an ELF64 RISC-V executable. Errors: ErrorCode::kBadElf with a located message,
// e.g. "elf: program header 2: segment [0x80001000, +0x2000) overlaps segment 1".
Result<ElfImage> parse_elf(std::span<const std::uint8_t> bytes);

// A symbol whose [addr, addr + size) holds `addr` (searching back over at most 64 symbols
// that start at or before it), or nullptr.
const ElfSymbol* find_symbol(const ElfImage& image, std::uint64_t addr);

}  // namespace ziskc::riscv
