// Test-only helper: writes small ELF64 RISC-V executables byte by byte, so tests and fuzz
// seeds can build valid images and then corrupt one field at a time. Layout of the output:
// [ELF header][program headers][segment bytes...][.strtab][.symtab][section headers].
// The offsets of every header are exposed so a test can patch exactly one field.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace ziskc::riscv::testing {

struct BuilderSegment {
  std::uint32_t type = 1;   // PT_LOAD
  std::uint32_t flags = 5;  // PF_R | PF_X
  std::uint64_t vaddr = 0;
  std::vector<std::uint8_t> data;
  std::uint64_t memsz = 0;  // 0: data.size()
};

struct BuilderSymbol {
  std::string name;
  std::uint64_t addr = 0, size = 0;
  bool is_func = true;
};

class ElfBuilder {
 public:
  static constexpr std::size_t kEhdr = 64, kPhdr = 56, kShdr = 64, kSym = 24;

  std::uint64_t entry = 0x80000000;
  std::uint16_t machine = 243, type = 2;
  std::uint32_t flags = 0;
  std::vector<BuilderSegment> segments;
  std::vector<BuilderSymbol> symbols;
  bool with_sections = true;

  // Offset of program header i and of its segment bytes in the last build().
  std::size_t phdr_offset(std::size_t i) const { return kEhdr + i * kPhdr; }
  std::size_t data_offset(std::size_t i) const { return data_offsets_.at(i); }
  std::size_t shdr_offset() const { return shoff_; }
  std::size_t symtab_offset() const { return symoff_; }

  std::vector<std::uint8_t> build() {
    std::vector<std::uint8_t> out(kEhdr + segments.size() * kPhdr, 0);
    data_offsets_.clear();
    for (const BuilderSegment& s : segments) {
      while (out.size() % 8) out.push_back(0);
      data_offsets_.push_back(out.size());
      out.insert(out.end(), s.data.begin(), s.data.end());
    }
    // Header.
    const unsigned char ident[16] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
    std::memcpy(out.data(), ident, 16);
    put16(out, 16, type);
    put16(out, 18, machine);
    put32(out, 20, 1);
    put64(out, 24, entry);
    put64(out, 32, kEhdr);
    put32(out, 48, flags);
    put16(out, 52, kEhdr);
    put16(out, 54, kPhdr);
    put16(out, 56, static_cast<std::uint16_t>(segments.size()));
    for (std::size_t i = 0; i < segments.size(); ++i) {
      const BuilderSegment& s = segments[i];
      const std::size_t p = phdr_offset(i);
      put32(out, p, s.type);
      put32(out, p + 4, s.flags);
      put64(out, p + 8, data_offsets_[i]);
      put64(out, p + 16, s.vaddr);
      put64(out, p + 24, s.vaddr);
      put64(out, p + 32, s.data.size());
      put64(out, p + 40, s.memsz ? s.memsz : s.data.size());
      put64(out, p + 48, 8);
    }
    shoff_ = symoff_ = 0;
    if (!with_sections) return out;
    // .strtab
    const std::size_t stroff = out.size();
    out.push_back(0);
    std::vector<std::uint32_t> names;
    for (const BuilderSymbol& s : symbols) {
      names.push_back(static_cast<std::uint32_t>(out.size() - stroff));
      out.insert(out.end(), s.name.begin(), s.name.end());
      out.push_back(0);
    }
    const std::size_t strsize = out.size() - stroff;
    while (out.size() % 8) out.push_back(0);
    // .symtab: the null symbol, then ours (section index 1 = "defined").
    symoff_ = out.size();
    out.resize(out.size() + kSym * (symbols.size() + 1), 0);
    for (std::size_t i = 0; i < symbols.size(); ++i) {
      const std::size_t p = symoff_ + kSym * (i + 1);
      put32(out, p, names[i]);
      out[p + 4] = symbols[i].is_func ? 0x12 : 0x11;  // GLOBAL FUNC / GLOBAL OBJECT
      put16(out, p + 6, 1);
      put64(out, p + 8, symbols[i].addr);
      put64(out, p + 16, symbols[i].size);
    }
    const std::size_t symsize = out.size() - symoff_;
    // Section headers: null, .strtab (1), .symtab (2, linked to 1).
    shoff_ = out.size();
    out.resize(out.size() + 3 * kShdr, 0);
    std::size_t p = shoff_ + kShdr;
    put32(out, p + 4, 3);
    put64(out, p + 24, stroff);
    put64(out, p + 32, strsize);
    p += kShdr;
    put32(out, p + 4, 2);
    put64(out, p + 24, symoff_);
    put64(out, p + 32, symsize);
    put32(out, p + 40, 1);
    put64(out, p + 56, kSym);
    put64(out, 40, shoff_);
    put16(out, 58, kShdr);
    put16(out, 60, 3);
    return out;
  }

  static void put16(std::vector<std::uint8_t>& b, std::size_t at, std::uint16_t v) {
    std::memcpy(b.data() + at, &v, 2);
  }
  static void put32(std::vector<std::uint8_t>& b, std::size_t at, std::uint32_t v) {
    std::memcpy(b.data() + at, &v, 4);
  }
  static void put64(std::vector<std::uint8_t>& b, std::size_t at, std::uint64_t v) {
    std::memcpy(b.data() + at, &v, 8);
  }

 private:
  std::vector<std::size_t> data_offsets_;
  std::size_t shoff_ = 0, symoff_ = 0;
};

// A minimal valid program: code in ROM (entry at its start), data in zisk RAM.
inline ElfBuilder minimal_program() {
  ElfBuilder b;
  BuilderSegment code;
  code.vaddr = 0x80000000;
  code.flags = 5;
  code.data = {0x93, 0x08, 0xd0, 0x05, 0x73, 0x00, 0x00, 0x00};  // li a7, 93; ecall
  BuilderSegment data;
  data.vaddr = 0xA0430000;
  data.flags = 6;
  data.data = {1, 2, 3, 4, 5, 6, 7, 8};
  data.memsz = 0x1000;
  b.segments = {code, data};
  b.symbols = {{"_start", 0x80000000, 8, true}, {"table", 0xA0430000, 8, false}};
  return b;
}

}  // namespace ziskc::riscv::testing
