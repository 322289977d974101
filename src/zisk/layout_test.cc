// Layout tests: the constants of DESIGN.md §2.1 for both layouts, name parsing, the
// auto-detection rule, and validate_image's rules, each violation with its exact message;
// real guests built by riscv64-unknown-elf-gcc for each layout are detected and accepted.
#include "zisk/layout.h"

#include <gtest/gtest.h>

#include <string>

#include "base/bytes.h"
#include "riscv/testdata/elf_builder.h"

namespace ziskc::zisk {
namespace {

using riscv::ElfImage;
using riscv::ElfSegment;

ElfSegment seg(std::uint64_t vaddr, std::size_t filesz, std::uint64_t memsz, bool w, bool x) {
  ElfSegment s;
  s.vaddr = vaddr;
  s.memsz = memsz;
  s.data.assign(filesz, 0x13);
  s.read = true;
  s.write = w;
  s.exec = x;
  return s;
}

ElfImage program() {
  ElfImage img;
  img.entry = 0x80000000;
  img.segments = {seg(0x80000000, 0x100, 0x100, false, true),
                  seg(0xA0430000, 0x10, 0x1000, true, false)};
  return img;
}

void expect_invalid(const ElfImage& img, const Layout& l, const std::string& needle) {
  const Status st = validate_image(img, l);
  ASSERT_FALSE(st.is_ok()) << "accepted; expected: " << needle;
  EXPECT_EQ(st.code(), ErrorCode::kBadElf);
  EXPECT_NE(st.message().find(needle), std::string::npos)
      << "message: " << st.message() << "\nexpected to contain: " << needle;
}

TEST(Layout, ZiskConstants) {
  const Layout& l = layout(LayoutKind::kZisk);
  EXPECT_STREQ(l.name, "zisk");
  EXPECT_EQ(l.boot_pc, 0x1000u);
  EXPECT_EQ(l.end_pc, 0x1004u);
  EXPECT_EQ(l.input_addr, 0x40000000u);
  EXPECT_EQ(l.input_max, 1ull << 30);
  EXPECT_EQ(l.rom_addr, 0x80000000u);
  EXPECT_EQ(l.rom_end, 0x88000000u);
  EXPECT_EQ(l.ram_addr, 0xA0000000u);
  EXPECT_EQ(l.ram_end, 0xC0000000u);
  EXPECT_EQ(l.stack_addr, 0xA0000000u);
  EXPECT_EQ(l.stack_top, 0xA0400000u);
  EXPECT_EQ(l.sys_addr, 0xA0400000u);
  EXPECT_EQ(l.sys_size, 0x10000u);
  EXPECT_EQ(l.uart_addr, 0xA0400200u);
  EXPECT_EQ(l.extra_params_addr, 0xA0400F00u);
  EXPECT_EQ(l.float_regs_addr, 0xA0401000u);
  EXPECT_EQ(l.csr_addr, 0xA0408000u);
  EXPECT_EQ(l.csr_word_addr(kMarchidCsr), 0xA0408000u + 8 * 0xF12);
  EXPECT_EQ(l.reg_addr(10), 0xA0400050u);
  EXPECT_EQ(l.output_addr, 0xA0410000u);
  EXPECT_EQ(l.output_end, 0xA0430000u);
  EXPECT_EQ(l.heap_start, 0xA0430000u);
  EXPECT_EQ(l.heap_end, 0xBFFF0000u);
  EXPECT_EQ(kMarchidZisk, 0x0FFFEEEEu);
}

TEST(Layout, Zisk018Constants) {
  const Layout& l = layout(LayoutKind::kZisk018);
  EXPECT_STREQ(l.name, "zisk-0.18");
  EXPECT_EQ(l.boot_pc, 0x1000u);
  EXPECT_EQ(l.input_addr, 0x40000000u);
  EXPECT_EQ(l.rom_addr, 0x80000000u);
  EXPECT_EQ(l.sys_addr, 0xA0000000u);
  EXPECT_EQ(l.uart_addr, 0xA0000200u);
  EXPECT_EQ(l.extra_params_addr, 0xA0000F00u);
  EXPECT_EQ(l.float_regs_addr, 0xA0001000u);
  EXPECT_EQ(l.csr_addr, 0xA0008000u);
  EXPECT_EQ(l.output_addr, 0xA0010000u);
  EXPECT_EQ(l.output_end, 0xA0030000u);
  EXPECT_EQ(l.heap_start, 0xA0030000u);
  EXPECT_EQ(l.heap_end, 0xBFFF0000u);
  EXPECT_EQ(l.stack_addr, 0u);
  EXPECT_EQ(l.stack_top, 0u);
}

TEST(Layout, RegionsAreOrderedAndDisjoint) {
  for (LayoutKind k : {LayoutKind::kZisk, LayoutKind::kZisk018}) {
    const Layout& l = layout(k);
    EXPECT_LE(l.bios_end, l.input_addr) << l.name;
    EXPECT_LE(l.input_addr + l.input_max, l.rom_addr) << l.name;
    EXPECT_LE(l.rom_end, l.ram_addr) << l.name;
    EXPECT_GE(l.sys_addr, l.ram_addr) << l.name;
    EXPECT_LE(l.sys_addr + l.sys_size, l.output_addr) << l.name;
    EXPECT_LE(l.output_end, l.heap_start) << l.name;
    EXPECT_LT(l.heap_start, l.heap_end) << l.name;
    EXPECT_LE(l.heap_end, l.ram_end) << l.name;
    EXPECT_EQ(l.output_end - l.output_addr, 0x20000u) << l.name;
    EXPECT_GE(l.output_end - l.output_addr, 4 * kNumPublicOutputs) << l.name;
  }
}

TEST(Layout, ParseName) {
  EXPECT_EQ(*parse_layout_name("zisk"), LayoutKind::kZisk);
  EXPECT_EQ(*parse_layout_name("zisk-0.18"), LayoutKind::kZisk018);
  auto bad = parse_layout_name("zisk018");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "unknown layout 'zisk018' (expected 'zisk' or 'zisk-0.18')");
}

TEST(Layout, DetectionRule) {
  ElfImage img = program();
  EXPECT_EQ(detect_layout(img), LayoutKind::kZisk);
  // File bytes anywhere in 0xA000_0000..0xA03F_FFFF mark a 0.18 image.
  img.segments[1] = seg(0xA0030000, 8, 0x100, true, false);
  EXPECT_EQ(detect_layout(img), LayoutKind::kZisk018);
  img.segments[1] = seg(0xA03FFFF8, 8, 8, true, false);
  EXPECT_EQ(detect_layout(img), LayoutKind::kZisk018);
  // Only zero-filled memory there (NOLOAD stack/output reservations) is a zisk image.
  img.segments[1] = seg(0xA0000000, 0, 0x400000, true, false);
  EXPECT_EQ(detect_layout(img), LayoutKind::kZisk);
  // A segment that starts below the window with file bytes reaching into it.
  img.segments[1] = seg(0x9FFFFFF8, 16, 16, true, false);
  EXPECT_EQ(detect_layout(img), LayoutKind::kZisk018);
  img.segments[1] = seg(0xA0400000, 8, 8, true, false);
  EXPECT_EQ(detect_layout(img), LayoutKind::kZisk);
}

TEST(Layout, ValidateAcceptsProgram) {
  for (LayoutKind k : {LayoutKind::kZisk, LayoutKind::kZisk018}) {
    const Status st = validate_image(program(), layout(k));
    EXPECT_TRUE(st.is_ok()) << st.message();
  }
}

TEST(Layout, ValidateRejectsSegmentsOutsideTheRegions) {
  const Layout& z = layout(LayoutKind::kZisk);
  ElfImage img = program();
  img.segments.insert(img.segments.begin(), seg(0x10000, 8, 8, false, false));
  expect_invalid(img, z,
                 "elf: segment 0 [0x10000, 0x10008): outside ROM [0x80000000, 0x88000000) and "
                 "RAM [0xa0000000, 0xc0000000) (layout zisk)");
  img = program();
  img.segments[0] = seg(0x87FFFF00, 0x100, 0x200, false, true);  // straddles the ROM end
  img.entry = 0x87FFFF00;
  expect_invalid(img, z, "segment 0 [0x87ffff00, 0x88000100): outside ROM");
  img = program();
  img.segments.insert(img.segments.begin(), seg(0x40000000, 8, 8, false, false));  // input
  expect_invalid(img, z, "segment 0 [0x40000000, 0x40000008): outside ROM");
  img = program();
  img.segments.insert(img.segments.begin(), seg(0x1000, 8, 8, false, true));  // BIOS
  expect_invalid(img, z, "segment 0 [0x1000, 0x1008): outside ROM");
}

TEST(Layout, ValidateRejectsPermissionViolations) {
  const Layout& z = layout(LayoutKind::kZisk);
  ElfImage img = program();
  img.segments[1].exec = true;
  expect_invalid(img, z, "segment 1 [0xa0430000, 0xa0431000): executable segment outside ROM");
  img = program();
  img.segments[0].write = true;
  expect_invalid(img, z, "segment 0 [0x80000000, 0x80000100): writable segment in ROM");
}

TEST(Layout, ValidateRejectsTheSystemArea) {
  ElfImage img = program();
  img.segments[1] = seg(0xA0400100, 0, 0x100, true, false);
  expect_invalid(img, layout(LayoutKind::kZisk),
                 "segment 1 [0xa0400100, 0xa0400200): overlaps the system area [0xa0400000, "
                 "0xa0410000) (layout zisk)");
  img.segments[1] = seg(0xA0000000, 8, 8, true, false);
  expect_invalid(img, layout(LayoutKind::kZisk018),
                 "overlaps the system area [0xa0000000, 0xa0010000) (layout zisk-0.18)");
  // In the other layout the same bytes are stack space: refused too.
  expect_invalid(img, layout(LayoutKind::kZisk),
                 "segment 1 [0xa0000000, 0xa0000008): overlaps the stack [0xa0000000, "
                 "0xa0400000) (layout zisk)");
}

TEST(Layout, ValidateRejectsTheStackAndOutputAreas) {
  ElfImage img = program();
  img.segments[1] = seg(0xA03FFF00, 0, 0x10, true, false);  // bss, no file bytes, in the stack
  expect_invalid(img, layout(LayoutKind::kZisk), "overlaps the stack [0xa0000000, 0xa0400000)");
  img.segments[1] = seg(0xA0420000, 0, 0x10, true, false);  // nothing at all in OUTPUT
  expect_invalid(img, layout(LayoutKind::kZisk),
                 "segment 1 [0xa0420000, 0xa0420010): overlaps the public output area "
                 "[0xa0410000, 0xa0430000) (layout zisk)");
  img.segments[1] = seg(0xA002FFF8, 8, 8, true, false);
  expect_invalid(img, layout(LayoutKind::kZisk018),
                 "overlaps the public output area [0xa0010000, 0xa0030000) (layout zisk-0.18)");
  // zisk-0.18 has no fixed stack: its guest RAM starts right after OUTPUT.
  img.segments[1] = seg(0xA0030000, 8, 8, true, false);
  EXPECT_TRUE(validate_image(img, layout(LayoutKind::kZisk018)).is_ok());
  img.segments[1] = seg(0xA0430000, 8, 8, true, false);  // the first zisk data address
  EXPECT_TRUE(validate_image(img, layout(LayoutKind::kZisk)).is_ok());
}

TEST(Layout, ValidateRejectsBadEntry) {
  const Layout& z = layout(LayoutKind::kZisk);
  ElfImage img = program();
  img.entry = 0x80000100;  // one past the code
  expect_invalid(img, z, "elf: entry point 0x80000100 is not inside an executable segment's code");
  img.entry = 0xA0430000;  // data
  expect_invalid(img, z, "entry point 0xa0430000 is not inside an executable segment's code");
  img = program();
  img.segments[0] = seg(0x80000000, 0x10, 0x100, false, true);
  img.entry = 0x80000020;  // in the zero-filled tail, not the file bytes
  expect_invalid(img, z, "entry point 0x80000020 is not inside");
  img = program();
  img.entry = 0x80000003;
  expect_invalid(img, z, "elf: entry point 0x80000003 is not 2-byte aligned");
  img.entry = 0x80000002;  // a compressed-aligned entry is fine
  EXPECT_TRUE(validate_image(img, z).is_ok());
}

TEST(Layout, InputDataMax) {
  EXPECT_EQ(layout(LayoutKind::kZisk).input_data_max(), (1ull << 30) - 8);
}

TEST(Layout, ParseProgramPropagatesElfErrors) {
  const std::vector<std::uint8_t> junk = {1, 2, 3};
  auto r = parse_program(junk);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kBadElf);
  EXPECT_EQ(r.status().message(), "elf: not an ELF file (bad magic)");
}

TEST(Layout, ParseProgramValidatesInTheChosenLayout) {
  auto b = riscv::testing::minimal_program();
  b.segments[1].vaddr = 0xA0000000;  // file bytes here: detected as zisk-0.18, whose SYS it is
  const auto bytes = b.build();
  auto r = parse_program(bytes);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().message(),
            "elf: segment 1 [0xa0000000, 0xa0001000): overlaps the system area [0xa0000000, "
            "0xa0010000) (layout zisk-0.18)");
  auto forced = parse_program(bytes, LayoutKind::kZisk);  // stack space in zisk: refused
  ASSERT_FALSE(forced.is_ok());
  EXPECT_EQ(forced.status().code(), ErrorCode::kBadElf);
  EXPECT_EQ(forced.status().message(),
            "elf: segment 1 [0xa0000000, 0xa0001000): overlaps the stack [0xa0000000, "
            "0xa0400000) (layout zisk); the ELF is a zisk-0.18 image, it does not fit --layout "
            "zisk");
  // Forcing the detected layout is the same as detecting it.
  auto same = parse_program(bytes, LayoutKind::kZisk018);
  ASSERT_FALSE(same.is_ok());
  EXPECT_EQ(same.status().message(), r.status().message());
  b.segments[1].vaddr = 0xA0430000;  // a zisk image: its segments also fit zisk-0.18
  const auto zisk_bytes = b.build();
  auto z = parse_program(zisk_bytes);
  ASSERT_TRUE(z.is_ok()) << z.status().message();
  EXPECT_EQ(z->layout, LayoutKind::kZisk);
  auto z018 = parse_program(zisk_bytes, LayoutKind::kZisk018);
  ASSERT_TRUE(z018.is_ok()) << z018.status().message();
  EXPECT_EQ(z018->layout, LayoutKind::kZisk018);
}

#ifdef ZISKC_RISCV_TEST_ELF_DIR
TEST(Layout, ParseProgramDetectsOrForcesTheLayout) {
  auto bytes = base::read_file(std::string(ZISKC_RISCV_TEST_ELF_DIR) + "/guest_rv64ima_018.elf");
  if (!bytes.is_ok()) {
    GTEST_SKIP() << bytes.status().message();
  }
  auto detected = parse_program(*bytes);
  ASSERT_TRUE(detected.is_ok()) << detected.status().message();
  EXPECT_EQ(detected->layout, LayoutKind::kZisk018);
  EXPECT_EQ(detected->image.entry, 0x80000000u);
  auto forced = parse_program(*bytes, LayoutKind::kZisk);  // its data is zisk's stack
  ASSERT_FALSE(forced.is_ok());
  EXPECT_NE(forced.status().message().find("overlaps the stack"), std::string::npos)
      << forced.status().message();
  EXPECT_NE(forced.status().message().find("does not fit --layout zisk"), std::string::npos)
      << forced.status().message();
}

Result<riscv::ElfImage> load_guest(const std::string& name) {
  ZISKC_ASSIGN_OR_RETURN(auto bytes,
                         base::read_file(std::string(ZISKC_RISCV_TEST_ELF_DIR) + "/" + name));
  return riscv::parse_elf(bytes);
}

TEST(Layout, RealGuests) {
  auto z = load_guest("guest_rv64ima.elf");
  auto c = load_guest("guest_rv64imac.elf");
  auto old = load_guest("guest_rv64ima_018.elf");
  if (!z.is_ok() && z.status().code() == ErrorCode::kIo) {
    GTEST_SKIP() << z.status().message();
  }
  ASSERT_TRUE(z.is_ok() && c.is_ok() && old.is_ok());
  EXPECT_EQ(detect_layout(*z), LayoutKind::kZisk);
  EXPECT_EQ(detect_layout(*c), LayoutKind::kZisk);
  EXPECT_EQ(detect_layout(*old), LayoutKind::kZisk018);
  for (auto* img : {&*z, &*c}) {
    const Status st = validate_image(*img, layout(LayoutKind::kZisk));
    EXPECT_TRUE(st.is_ok()) << st.message();
  }
  const Status st = validate_image(*old, layout(LayoutKind::kZisk018));
  EXPECT_TRUE(st.is_ok()) << st.message();
}
#endif

}  // namespace
}  // namespace ziskc::zisk
