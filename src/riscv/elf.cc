// ELF64 reader (System V gABI + RISC-V psABI). Reads the file header, the program headers
// (PT_LOAD only) and, if present, .symtab/.strtab. Every offset and size is checked against
// the file before use, with overflow-safe arithmetic; counts are bounded by the kMaxElf*
// limits before anything is allocated from them.
#include "riscv/elf.h"

#include <algorithm>
#include <cstring>

#include "base/bytes.h"

namespace ziskc::riscv {
namespace {

constexpr std::uint16_t kEtExec = 2, kEtDyn = 3, kEmRiscv = 243;
constexpr std::uint32_t kPtLoad = 1, kShtSymtab = 2, kShtStrtab = 3;
constexpr int kFindSymbolLookback = 64;
constexpr std::uint32_t kPfX = 1, kPfW = 2, kPfR = 4;
constexpr std::size_t kEhdrSize = 64, kPhdrSize = 56, kShdrSize = 64, kSymSize = 24;
constexpr std::uint8_t kSttFunc = 2, kSttSection = 3, kSttFile = 4;

Status bad(std::string_view msg) { return Status(ErrorCode::kBadElf, fmt::format("elf: {}", msg)); }

// True if [off, off + n) lies inside a file of `size` bytes (no overflow).
bool in_file(std::uint64_t off, std::uint64_t n, std::size_t size) {
  return off <= size && n <= size - off;
}

std::uint16_t le16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }

struct Shdr {
  std::uint32_t name, type;
  std::uint64_t offset, size, entsize;
  std::uint32_t link;
};

Shdr read_shdr(const std::uint8_t* p) {
  return Shdr{base::load_le32(p),      base::load_le32(p + 4),  base::load_le64(p + 24),
              base::load_le64(p + 32), base::load_le64(p + 56), base::load_le32(p + 40)};
}

Status read_symbols(std::span<const std::uint8_t> f, std::uint64_t shoff, std::uint64_t shnum,
                    ElfImage& image) {
  std::vector<Shdr> sh;
  sh.reserve(shnum);
  for (std::uint64_t i = 0; i < shnum; ++i)
    sh.push_back(read_shdr(f.data() + shoff + i * kShdrSize));
  for (std::uint64_t i = 0; i < shnum; ++i) {
    if (sh[i].type != kShtSymtab) continue;
    const Shdr& s = sh[i];
    const std::string where = fmt::format("section {} (.symtab)", i);
    if (s.entsize != kSymSize) {
      return bad(fmt::format("{}: entry size {} (expected {})", where, s.entsize, kSymSize));
    }
    if (!in_file(s.offset, s.size, f.size())) {
      return bad(fmt::format("{}: [0x{:x}, +0x{:x}) is past the end of the file (0x{:x} bytes)",
                             where, s.offset, s.size, f.size()));
    }
    const std::uint64_t count = s.size / kSymSize;
    if (count > kMaxElfSymbols) {
      return bad(fmt::format("{}: {} symbols (limit {})", where, count, kMaxElfSymbols));
    }
    if (s.link >= shnum || sh[s.link].type != kShtStrtab) {
      return bad(fmt::format("{}: sh_link {} is not a string table", where, s.link));
    }
    const Shdr& str = sh[s.link];
    if (!in_file(str.offset, str.size, f.size())) {
      return bad(
          fmt::format("section {} (.strtab): [0x{:x}, +0x{:x}) is past the end of the "
                      "file (0x{:x} bytes)",
                      s.link, str.offset, str.size, f.size()));
    }
    const auto* strtab = reinterpret_cast<const char*>(f.data() + str.offset);
    for (std::uint64_t k = 1; k < count; ++k) {  // symbol 0 is the null symbol
      const std::uint8_t* p = f.data() + s.offset + k * kSymSize;
      const std::uint32_t name = base::load_le32(p);
      const std::uint8_t type = p[4] & 0xf;
      const std::uint16_t shndx = le16(p + 6);
      if (name == 0 || shndx == 0 || type == kSttSection || type == kSttFile) continue;
      if (name >= str.size) {
        return bad(fmt::format("{}: symbol {}: name offset {} outside the string table ({} bytes)",
                               where, k, name, str.size));
      }
      const void* nul = std::memchr(strtab + name, 0, str.size - name);
      if (nul == nullptr) {
        return bad(fmt::format("{}: symbol {}: name is not NUL-terminated", where, k));
      }
      image.symbols.push_back(ElfSymbol{std::string(strtab + name, static_cast<const char*>(nul)),
                                        base::load_le64(p + 8), base::load_le64(p + 16),
                                        type == kSttFunc});
    }
    break;  // an executable has at most one .symtab
  }
  std::stable_sort(image.symbols.begin(), image.symbols.end(),
                   [](const ElfSymbol& a, const ElfSymbol& b) { return a.addr < b.addr; });
  return Status::ok();
}

}  // namespace

Result<ElfImage> parse_elf(std::span<const std::uint8_t> f) {
  if (f.size() < 4 || std::memcmp(f.data(),
                                  "\x7f"
                                  "ELF",
                                  4) != 0) {
    return bad("not an ELF file (bad magic)");
  }
  if (f.size() < kEhdrSize) {
    return bad(fmt::format("truncated ELF header: {} bytes, need {}", f.size(), kEhdrSize));
  }
  const std::uint8_t* h = f.data();
  if (h[4] != 2) return bad(fmt::format("ELF class {} is not ELFCLASS64 (2)", h[4]));
  if (h[5] != 1) return bad(fmt::format("data encoding {} is not little-endian (1)", h[5]));
  if (h[6] != 1) return bad(fmt::format("ELF version {} is not 1", h[6]));
  const std::uint16_t type = le16(h + 16), machine = le16(h + 18);
  if (machine != kEmRiscv) {
    return bad(fmt::format("e_machine {} is not RISC-V ({})", machine, kEmRiscv));
  }
  if (type == kEtDyn) return bad("position-independent executable (ET_DYN) is not supported");
  if (type != kEtExec) return bad(fmt::format("e_type {} is not an executable (ET_EXEC)", type));

  ElfImage image;
  image.entry = base::load_le64(h + 24);
  image.flags = base::load_le32(h + 48);
  const std::uint64_t phoff = base::load_le64(h + 32), shoff = base::load_le64(h + 40);
  const std::uint16_t phentsize = le16(h + 54), phnum = le16(h + 56);
  const std::uint16_t shentsize = le16(h + 58), shnum = le16(h + 60);

  if (phnum == 0) return bad("no program headers");
  if (phentsize != kPhdrSize) {
    return bad(fmt::format("e_phentsize {} (expected {})", phentsize, kPhdrSize));
  }
  if (phnum > kMaxElfSegments) {
    return bad(fmt::format("{} program headers (limit {})", phnum, kMaxElfSegments));
  }
  if (!in_file(phoff, std::uint64_t{phnum} * kPhdrSize, f.size())) {
    return bad(
        fmt::format("program header table [0x{:x}, +{}x{}) is past the end of the file "
                    "(0x{:x} bytes)",
                    phoff, phnum, kPhdrSize, f.size()));
  }
  struct Load {
    std::uint64_t index;
    ElfSegment seg;
  };
  std::vector<Load> loads;
  for (std::uint64_t i = 0; i < phnum; ++i) {
    const std::uint8_t* p = f.data() + phoff + i * kPhdrSize;
    if (base::load_le32(p) != kPtLoad) continue;
    const std::uint32_t flags = base::load_le32(p + 4);
    const std::uint64_t offset = base::load_le64(p + 8), vaddr = base::load_le64(p + 16);
    const std::uint64_t filesz = base::load_le64(p + 32), memsz = base::load_le64(p + 40);
    const std::string where = fmt::format("program header {}", i);
    if (filesz > memsz) {
      return bad(fmt::format("{}: p_filesz 0x{:x} > p_memsz 0x{:x}", where, filesz, memsz));
    }
    if (memsz > kMaxElfSegmentMemsz) {
      return bad(fmt::format("{}: p_memsz 0x{:x} exceeds the limit 0x{:x}", where, memsz,
                             kMaxElfSegmentMemsz));
    }
    if (vaddr > ~0ull - memsz) {
      return bad(fmt::format("{}: segment [0x{:x}, +0x{:x}) wraps the address space", where, vaddr,
                             memsz));
    }
    if (!in_file(offset, filesz, f.size())) {
      return bad(
          fmt::format("{}: file bytes [0x{:x}, +0x{:x}) are past the end of the file "
                      "(0x{:x} bytes)",
                      where, offset, filesz, f.size()));
    }
    if (memsz == 0) continue;
    ElfSegment seg;
    seg.vaddr = vaddr;
    seg.memsz = memsz;
    seg.data.assign(f.begin() + offset, f.begin() + offset + filesz);
    seg.read = flags & kPfR;
    seg.write = flags & kPfW;
    seg.exec = flags & kPfX;
    loads.push_back(Load{i, std::move(seg)});
  }
  if (loads.empty()) return bad("no loadable (PT_LOAD) segment");
  std::stable_sort(loads.begin(), loads.end(),
                   [](const Load& a, const Load& b) { return a.seg.vaddr < b.seg.vaddr; });
  for (std::size_t k = 1; k < loads.size(); ++k) {
    const ElfSegment& prev = loads[k - 1].seg;
    const ElfSegment& cur = loads[k].seg;
    if (cur.vaddr < prev.end()) {
      return bad(fmt::format(
          "program header {}: segment [0x{:x}, 0x{:x}) overlaps program "
          "header {}: [0x{:x}, 0x{:x})",
          loads[k].index, cur.vaddr, cur.end(), loads[k - 1].index, prev.vaddr, prev.end()));
    }
  }
  for (Load& l : loads) image.segments.push_back(std::move(l.seg));

  // Section headers are optional (stripped files keep only what loading needs).
  if (shoff != 0 && shnum != 0) {
    if (shentsize != kShdrSize) {
      return bad(fmt::format("e_shentsize {} (expected {})", shentsize, kShdrSize));
    }
    if (shnum > kMaxElfSections) {
      return bad(fmt::format("{} section headers (limit {})", shnum, kMaxElfSections));
    }
    if (!in_file(shoff, std::uint64_t{shnum} * kShdrSize, f.size())) {
      return bad(
          fmt::format("section header table [0x{:x}, +{}x{}) is past the end of the "
                      "file (0x{:x} bytes)",
                      shoff, shnum, kShdrSize, f.size()));
    }
    ZISKC_RETURN_IF_ERROR(read_symbols(f, shoff, shnum, image));
  }
  return image;
}

const ElfSymbol* find_symbol(const ElfImage& image, std::uint64_t addr) {
  // Symbols are sorted by address: look back from the last one starting at or before addr
  // for one whose extent covers it (aliases and nested symbols share a start address).
  auto it = std::upper_bound(image.symbols.begin(), image.symbols.end(), addr,
                             [](std::uint64_t a, const ElfSymbol& s) { return a < s.addr; });
  for (int looked = 0; it != image.symbols.begin() && looked < kFindSymbolLookback; ++looked) {
    --it;
    if (addr - it->addr < it->size) return &*it;
  }
  return nullptr;
}

}  // namespace ziskc::riscv
