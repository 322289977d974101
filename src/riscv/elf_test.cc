// ELF reader tests: a valid image built field by field (testdata/elf_builder.h), then one
// corruption per test with the exact message expected; every truncation and every single-byte
// corruption of a small image must return (no crash); real guests built by
// riscv64-unknown-elf-gcc (rv64ima and rv64imac, lp64, medany) parse and decode fully.
#include "riscv/elf.h"

#include <gtest/gtest.h>

#include <string>

#include "base/bytes.h"
#include "riscv/decoder.h"
#include "riscv/testdata/elf_builder.h"

namespace ziskc::riscv {
namespace {

using testing::ElfBuilder;

// Expects parse_elf to fail with kBadElf and a message containing `needle`.
void expect_rejected(const std::vector<std::uint8_t>& bytes, const std::string& needle) {
  auto r = parse_elf(bytes);
  ASSERT_FALSE(r.is_ok()) << "accepted; expected: " << needle;
  EXPECT_EQ(r.status().code(), ErrorCode::kBadElf);
  EXPECT_NE(r.status().message().find(needle), std::string::npos)
      << "message: " << r.status().message() << "\nexpected to contain: " << needle;
  EXPECT_EQ(r.status().message().rfind("elf: ", 0), 0u) << r.status().message();
}

TEST(ParseElf, AcceptsMinimalProgram) {
  ElfBuilder b = testing::minimal_program();
  auto r = parse_elf(b.build());
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  const ElfImage& img = *r;
  EXPECT_EQ(img.entry, 0x80000000u);
  ASSERT_EQ(img.segments.size(), 2u);
  EXPECT_EQ(img.segments[0].vaddr, 0x80000000u);
  EXPECT_EQ(img.segments[0].memsz, 8u);
  EXPECT_EQ(img.segments[0].data, b.segments[0].data);
  EXPECT_TRUE(img.segments[0].read && img.segments[0].exec && !img.segments[0].write);
  EXPECT_EQ(img.segments[1].vaddr, 0xA0430000u);
  EXPECT_EQ(img.segments[1].memsz, 0x1000u);
  EXPECT_EQ(img.segments[1].data.size(), 8u);
  EXPECT_TRUE(img.segments[1].read && img.segments[1].write && !img.segments[1].exec);
  ASSERT_EQ(img.symbols.size(), 2u);
  EXPECT_EQ(img.symbols[0].name, "_start");
  EXPECT_TRUE(img.symbols[0].is_func);
  EXPECT_EQ(img.symbols[1].name, "table");
  EXPECT_FALSE(img.symbols[1].is_func);
  ASSERT_NE(find_symbol(img, 0x80000004), nullptr);
  EXPECT_EQ(find_symbol(img, 0x80000004)->name, "_start");
  EXPECT_EQ(find_symbol(img, 0x80000008), nullptr);
}

TEST(ParseElf, SortsSegmentsAndSkipsOthers) {
  ElfBuilder b = testing::minimal_program();
  std::swap(b.segments[0], b.segments[1]);
  testing::BuilderSegment note;
  note.type = 4;  // PT_NOTE: ignored
  note.vaddr = 0x80000000;
  note.data = {1, 2, 3};
  testing::BuilderSegment empty;  // PT_LOAD with memsz 0: ignored
  empty.vaddr = 0x80000000;
  b.segments.push_back(note);
  b.segments.push_back(empty);
  b.with_sections = false;
  auto r = parse_elf(b.build());
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  ASSERT_EQ(r->segments.size(), 2u);
  EXPECT_EQ(r->segments[0].vaddr, 0x80000000u);
  EXPECT_EQ(r->segments[1].vaddr, 0xA0430000u);
  EXPECT_TRUE(r->symbols.empty());
}

TEST(ParseElf, RejectsBadIdentification) {
  auto good = testing::minimal_program().build();
  expect_rejected({}, "bad magic");
  expect_rejected({0x7f, 'E', 'L'}, "bad magic");
  auto bytes = good;
  bytes[1] = 'X';
  expect_rejected(bytes, "bad magic");
  bytes = good;
  bytes[4] = 1;
  expect_rejected(bytes, "ELF class 1 is not ELFCLASS64 (2)");
  bytes = good;
  bytes[5] = 2;
  expect_rejected(bytes, "data encoding 2 is not little-endian (1)");
  bytes = good;
  bytes[6] = 0;
  expect_rejected(bytes, "ELF version 0 is not 1");
}

TEST(ParseElf, RejectsWrongMachineAndType) {
  ElfBuilder b = testing::minimal_program();
  b.machine = 62;  // x86-64
  expect_rejected(b.build(), "e_machine 62 is not RISC-V (243)");
  b = testing::minimal_program();
  b.type = 3;
  expect_rejected(b.build(), "position-independent executable (ET_DYN) is not supported");
  b.type = 1;
  expect_rejected(b.build(), "e_type 1 is not an executable (ET_EXEC)");
}

TEST(ParseElf, RejectsTruncatedHeaders) {
  ElfBuilder b = testing::minimal_program();
  auto good = b.build();
  expect_rejected({good.begin(), good.begin() + 40}, "truncated ELF header: 40 bytes, need 64");
  // Cut inside the program header table.
  expect_rejected({good.begin(), good.begin() + 64 + 70},
                  "program header table [0x40, +2x56) is past the end of the file (0x86 bytes)");
  // Cut inside the section header table.
  expect_rejected({good.begin(), good.begin() + b.shdr_offset() + 10}, "section header table");
}

TEST(ParseElf, RejectsEveryTruncationWithoutCrashing) {
  auto good = testing::minimal_program().build();
  for (std::size_t n = 0; n < good.size(); ++n) {
    auto r = parse_elf(std::span(good.data(), n));
    EXPECT_FALSE(r.is_ok()) << "prefix of " << n << " bytes accepted";
  }
  EXPECT_TRUE(parse_elf(good).is_ok());
}

TEST(ParseElf, RejectsBadProgramHeaderTable) {
  ElfBuilder b = testing::minimal_program();
  auto bytes = b.build();
  ElfBuilder::put16(bytes, 54, 32);
  expect_rejected(bytes, "e_phentsize 32 (expected 56)");
  bytes = b.build();
  ElfBuilder::put16(bytes, 56, 1000);
  expect_rejected(bytes, "1000 program headers (limit 256)");
  bytes = b.build();
  ElfBuilder::put16(bytes, 56, 0);
  expect_rejected(bytes, "no program headers");
  bytes = b.build();
  ElfBuilder::put64(bytes, 32, ~0ull - 8);  // e_phoff near 2^64: must not wrap
  expect_rejected(bytes, "program header table [0xfffffffffffffff7, +2x56) is past the end");
  b.segments[0].type = 4;
  b.segments[1].type = 6;
  expect_rejected(b.build(), "no loadable (PT_LOAD) segment");
}

TEST(ParseElf, RejectsBadSegments) {
  ElfBuilder b = testing::minimal_program();
  auto bytes = b.build();
  const std::size_t p1 = b.phdr_offset(1);
  // p_filesz past the end of the file.
  ElfBuilder::put64(bytes, p1 + 32, 0x100000);
  ElfBuilder::put64(bytes, p1 + 40, 0x100000);
  expect_rejected(bytes, "program header 1: file bytes [0x");
  expect_rejected(bytes, "+0x100000) are past the end of the file");
  // p_offset + p_filesz overflowing 64 bits.
  bytes = b.build();
  ElfBuilder::put64(bytes, p1 + 8, ~0ull - 3);
  expect_rejected(bytes, "program header 1: file bytes [0xfffffffffffffffc, +0x8) are past");
  // p_filesz > p_memsz.
  bytes = b.build();
  ElfBuilder::put64(bytes, p1 + 40, 4);
  expect_rejected(bytes, "program header 1: p_filesz 0x8 > p_memsz 0x4");
  // Absurd p_memsz.
  bytes = b.build();
  ElfBuilder::put64(bytes, p1 + 40, 1ull << 40);
  expect_rejected(bytes, "program header 1: p_memsz 0x10000000000 exceeds the limit 0x100000000");
  // A segment that wraps the address space.
  bytes = b.build();
  ElfBuilder::put64(bytes, p1 + 16, ~0ull - 0xff);
  ElfBuilder::put64(bytes, p1 + 40, 0x1000);
  expect_rejected(bytes, "program header 1: segment [0xffffffffffffff00, +0x1000) wraps");
}

TEST(ParseElf, RejectsOverlappingSegments) {
  ElfBuilder b = testing::minimal_program();
  b.segments[1].vaddr = 0x80000004;  // inside segment 0 [0x80000000, 0x80000008)
  b.segments[1].memsz = 0;
  expect_rejected(b.build(),
                  "program header 1: segment [0x80000004, 0x8000000c) overlaps program header 0: "
                  "[0x80000000, 0x80000008)");
  // Overlap is detected whatever the header order.
  b = testing::minimal_program();
  testing::BuilderSegment big;
  big.vaddr = 0xA0000000;
  big.flags = 6;
  big.memsz = 0x500000;
  b.segments.push_back(big);
  expect_rejected(b.build(), "overlaps program header 2");
}

TEST(ParseElf, RejectsBadSymbolTables) {
  ElfBuilder b = testing::minimal_program();
  auto bytes = b.build();
  const std::size_t symtab_sh = b.shdr_offset() + 2 * ElfBuilder::kShdr;
  ElfBuilder::put64(bytes, symtab_sh + 56, 16);
  expect_rejected(bytes, "section 2 (.symtab): entry size 16 (expected 24)");
  bytes = b.build();
  ElfBuilder::put32(bytes, symtab_sh + 40, 7);
  expect_rejected(bytes, "section 2 (.symtab): sh_link 7 is not a string table");
  bytes = b.build();
  ElfBuilder::put64(bytes, symtab_sh + 32, 1ull << 40);
  expect_rejected(bytes, "section 2 (.symtab): [0x");
  bytes = b.build();
  ElfBuilder::put32(bytes, b.symtab_offset() + ElfBuilder::kSym, 100000);  // symbol 1's name
  expect_rejected(bytes,
                  "section 2 (.symtab): symbol 1: name offset 100000 outside the string "
                  "table");
  bytes = b.build();
  ElfBuilder::put16(bytes, 60, 5000);
  expect_rejected(bytes, "5000 section headers (limit 4096)");
  bytes = b.build();
  ElfBuilder::put16(bytes, 58, 40);
  expect_rejected(bytes, "e_shentsize 40 (expected 64)");
  // A string table whose last name has no terminating NUL.
  b = testing::minimal_program();
  bytes = b.build();
  const std::size_t strtab_sh = b.shdr_offset() + ElfBuilder::kShdr;
  const std::uint64_t strsize = base::load_le64(bytes.data() + strtab_sh + 32);
  ElfBuilder::put64(bytes, strtab_sh + 32, strsize - 1);  // drop the NUL after "table"
  expect_rejected(bytes, "section 2 (.symtab): symbol 2: name is not NUL-terminated");
}

// Every single-byte corruption of a small image must be handled (accepted or rejected).
TEST(ParseElf, SurvivesEverySingleByteCorruption) {
  const auto good = testing::minimal_program().build();
  int rejected = 0;
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (std::uint8_t v : {std::uint8_t{0x00}, std::uint8_t{0xff}, std::uint8_t{0x80}}) {
      auto bytes = good;
      if (bytes[i] == v) continue;
      bytes[i] = v;
      auto r = parse_elf(bytes);
      if (!r.is_ok()) {
        ++rejected;
        EXPECT_EQ(r.status().code(), ErrorCode::kBadElf);
      }
    }
  }
  EXPECT_GT(rejected, 0);
}

#ifdef ZISKC_RISCV_TEST_ELF_DIR
Result<ElfImage> load_guest(const std::string& name) {
  ZISKC_ASSIGN_OR_RETURN(auto bytes,
                         base::read_file(std::string(ZISKC_RISCV_TEST_ELF_DIR) + "/" + name));
  return parse_elf(bytes);
}

// Decodes every instruction of the executable segments; returns the number of 2-byte ones.
int decode_all(const ElfImage& img, bool allow_compressed) {
  int compressed = 0, decoded = 0;
  for (const ElfSegment& s : img.segments) {
    if (!s.exec) continue;
    for (std::size_t off = 0; off + 2 <= s.data.size();) {
      std::uint32_t w = s.data[off] | (s.data[off + 1] << 8);
      if (off + 4 <= s.data.size()) w |= base::load_le32(s.data.data() + off) & 0xffff0000u;
      const Insn insn = decode(w);
      const std::uint64_t pc = s.vaddr + off;
      // Read-only data (kTable) and alignment padding share the code segment: decode only
      // bytes inside a function symbol.
      const ElfSymbol* sym = find_symbol(img, pc);
      if (sym == nullptr || !sym->is_func) {
        off += 2;
        continue;
      }
      EXPECT_NE(insn.op, Opcode::kIllegal) << std::hex << "pc 0x" << pc << " word 0x" << w << " in "
                                           << (sym ? sym->name : std::string("?"));
      ++decoded;
      if (insn.len == 2) ++compressed;
      if (!allow_compressed) {
        EXPECT_EQ(insn.len, 4) << std::hex << "pc 0x" << pc;
      }
      off += insn.len;
    }
  }
  EXPECT_GT(decoded, 40);  // the guest's functions were actually found and decoded
  return compressed;
}

TEST(ParseElf, RealGuestRv64imaMedany) {
  auto r = load_guest("guest_rv64ima.elf");
  if (!r.is_ok() && r.status().code() == ErrorCode::kIo) {
    GTEST_SKIP() << r.status().message();
  }
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r->entry, 0x80000000u);
  ASSERT_EQ(r->segments.size(), 2u);
  EXPECT_TRUE(r->segments[0].exec);
  EXPECT_EQ(r->segments[1].vaddr, 0xA0430000u);
  EXPECT_TRUE(r->segments[1].write);
  EXPECT_GT(r->segments[1].memsz, r->segments[1].data.size());  // .bss
  bool has_main = false, has_counter = false;
  for (const ElfSymbol& s : r->symbols) {
    has_main |= s.name == "main" && s.is_func;
    has_counter |= s.name == "counter" && !s.is_func && s.addr >= 0xA0430000;
  }
  EXPECT_TRUE(has_main);
  EXPECT_TRUE(has_counter);
  EXPECT_EQ(decode_all(*r, /*allow_compressed=*/false), 0);
}

TEST(ParseElf, RealGuestRv64imacMedany) {
  auto r = load_guest("guest_rv64imac.elf");
  if (!r.is_ok() && r.status().code() == ErrorCode::kIo) {
    GTEST_SKIP() << r.status().message();
  }
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r->flags & 1, 1u);  // EF_RISCV_RVC
  EXPECT_GT(decode_all(*r, /*allow_compressed=*/true), 0);
}
#endif

}  // namespace
}  // namespace ziskc::riscv
