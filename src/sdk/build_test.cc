// Tests of the guest build driver (label sdk): source collection, option checks, the exact
// commands of a plan, SDK and toolchain lookup errors, and real builds with the cross compiler
// (the staged SDK is next to this test binary: <build>/share/ziskc/guest).
#include "sdk/build.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "base/bytes.h"
#include "sdk/process.h"
#include "zisk/layout.h"

namespace ziskc::sdk {
namespace {
namespace fs = std::filesystem;

// A fresh directory under the test temporary directory, removed at the end of the test.
class TempTree {
 public:
  TempTree() {
    path_ = fs::path(::testing::TempDir()) /
            ("ziskc_sdk_" +
             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempTree() { fs::remove_all(path_); }
  std::string file(const std::string& name, const std::string& text = "") const {
    const fs::path p = path_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
  std::string path(const std::string& name = "") const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}
// The tests that run the cross compiler need the staged SDK (absent with ZISKC_BUILD_GUESTS=OFF).
#ifdef ZISKC_HAVE_GUEST_SDK
#define REQUIRE_GUEST_SDK() (void)0
#else
#define REQUIRE_GUEST_SDK() GTEST_SKIP() << "built with ZISKC_BUILD_GUESTS=OFF: no guest SDK"
#endif

std::ptrdiff_t index_of(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) - v.begin();
}

TEST(CollectSources, SingleFileAndKinds) {
  TempTree t;
  for (const char* name : {"a.c", "b.cc", "c.cpp", "d.cxx", "e.S", "f.s"}) t.file(name);
  auto c = collect_sources(t.path("a.c"));
  ASSERT_TRUE(c) << c.status().message();
  ASSERT_EQ(c->size(), 1u);
  EXPECT_EQ((*c)[0].kind, SourceKind::kC);
  EXPECT_EQ((*collect_sources(t.path("b.cc")))[0].kind, SourceKind::kCxx);
  EXPECT_EQ((*collect_sources(t.path("c.cpp")))[0].kind, SourceKind::kCxx);
  EXPECT_EQ((*collect_sources(t.path("d.cxx")))[0].kind, SourceKind::kCxx);
  EXPECT_EQ((*collect_sources(t.path("e.S")))[0].kind, SourceKind::kAsm);
  EXPECT_EQ((*collect_sources(t.path("f.s")))[0].kind, SourceKind::kAsm);
}

TEST(CollectSources, DirectoryIsSortedAndNotRecursive) {
  TempTree t;
  t.file("src/z.c");
  t.file("src/a.cc");
  t.file("src/m.S");
  t.file("src/notes.txt");
  t.file("src/util.h");
  t.file("src/sub/deep.c");
  auto c = collect_sources(t.path("src"));
  ASSERT_TRUE(c) << c.status().message();
  ASSERT_EQ(c->size(), 3u);
  EXPECT_EQ(fs::path((*c)[0].path).filename(), "a.cc");
  EXPECT_EQ(fs::path((*c)[1].path).filename(), "m.S");
  EXPECT_EQ(fs::path((*c)[2].path).filename(), "z.c");
}

TEST(CollectSources, Errors) {
  TempTree t;
  t.file("x.txt");
  fs::create_directories(t.path("empty"));
  auto missing = collect_sources(t.path("nope.c"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find("no such file"), std::string::npos);
  auto unknown = collect_sources(t.path("x.txt"));
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.status().message().find("unknown source type '.txt'"), std::string::npos);
  auto empty = collect_sources(t.path("empty"));
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.status().message().find("no .c"), std::string::npos);
  EXPECT_FALSE(collect_sources(""));
}

TEST(CheckOptions, RejectsBadValues) {
  BuildOptions o{.input = "a.c", .output = "a.elf"};
  EXPECT_TRUE(check_options(o));
  for (const char* level : {"0", "1", "2", "3", "s", "z", "g"}) {
    o.opt_level = level;
    EXPECT_TRUE(check_options(o)) << level;
  }
  o.opt_level = "4";
  EXPECT_EQ(check_options(o).code(), ErrorCode::kInvalidArgument);
  o.opt_level = "2";
  o.output.clear();
  EXPECT_EQ(check_options(o).code(), ErrorCode::kInvalidArgument);
  o.output = "a.c";  // never over a source
  EXPECT_EQ(check_options(o).code(), ErrorCode::kInvalidArgument);
  o.output = "/no/such/dir/a.elf";
  EXPECT_EQ(check_options(o).code(), ErrorCode::kIo);
  o.output = ::testing::TempDir();  // a directory
  EXPECT_EQ(check_options(o).code(), ErrorCode::kInvalidArgument);
  o.output = "a.elf";
  o.extra_flags = {"-DX=1", "-I", "inc", "-include", "pre.h"};
  EXPECT_TRUE(check_options(o));
  o.extra_flags = {"-Wall", "second.c"};
  const Status st = check_options(o);
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(st.message().find("'second.c'"), std::string::npos);
}

TEST(PlanBuild, CommandsAndOrder) {
  TempTree t;
  t.file("dir/main.c");
  t.file("dir/lib.cc");
  const BuildOptions o{.input = t.path("dir"),
                       .output = "out.elf",
                       .opt_level = "s",
                       .include_dirs = {"/inc1", "/inc2"},
                       .extra_flags = {"-DFOO=1"}};
  auto sources = collect_sources(o.input);
  ASSERT_TRUE(sources);
  const SdkLayout sdk{.root = "/sdk",
                      .include_dir = "/sdk/include",
                      .linker_script = "/sdk/zisk.ld",
                      .lib_dir = "/sdk/lib"};
  const Toolchain tc{.gcc = "/bin/xgcc", .gxx = "/bin/xg++"};
  const BuildPlan plan = plan_build(o, *sources, sdk, tc, "/tmp/o", "out.elf.tmp");
  ASSERT_EQ(plan.compiles.size(), 2u);
  const auto& cxx = plan.compiles[0];  // lib.cc sorts first
  const auto& c = plan.compiles[1];
  EXPECT_EQ(cxx[0], "/bin/xg++");
  EXPECT_EQ(c[0], "/bin/xgcc");
  EXPECT_TRUE(contains(cxx, "-fno-exceptions"));
  EXPECT_FALSE(contains(c, "-fno-exceptions"));
  for (const auto& cmd : plan.compiles) {
    EXPECT_TRUE(contains(cmd, "-march=rv64ima_zicsr_zifencei"));
    EXPECT_TRUE(contains(cmd, "-mabi=lp64"));
    EXPECT_TRUE(contains(cmd, "-mcmodel=medany"));
    EXPECT_TRUE(contains(cmd, "--specs=picolibc.specs"));
    EXPECT_TRUE(contains(cmd, "-Os"));
    EXPECT_TRUE(contains(cmd, "-I" + o.input));
    // SDK headers, then the user's include directories, then the extra flags, then -c.
    EXPECT_LT(index_of(cmd, "/sdk/include"), index_of(cmd, "-I/inc1"));
    EXPECT_LT(index_of(cmd, "-I/inc1"), index_of(cmd, "-I/inc2"));
    EXPECT_LT(index_of(cmd, "-I/inc2"), index_of(cmd, "-DFOO=1"));
    EXPECT_LT(index_of(cmd, "-DFOO=1"), index_of(cmd, "-c"));
  }
  EXPECT_EQ(c[c.size() - 1], "/tmp/o/1_main.o");
  EXPECT_EQ(cxx[cxx.size() - 1], "/tmp/o/0_lib.o");

  const auto& link = plan.link;
  EXPECT_EQ(link[0], "/bin/xgcc");  // never g++: it would add -lstdc++
  EXPECT_TRUE(contains(link, "-nostartfiles"));
  EXPECT_TRUE(contains(link, "-march=rv64im"));
  EXPECT_EQ(link[index_of(link, "-T") + 1], "/sdk/zisk.ld");
  EXPECT_LT(index_of(link, "/tmp/o/0_lib.o"), index_of(link, "/tmp/o/1_main.o"));
  EXPECT_LT(index_of(link, "/tmp/o/1_main.o"), index_of(link, "-DFOO=1"));
  // The runtime before libc in one group, so its memcpy & co replace picolibc's.
  EXPECT_LT(index_of(link, "-Wl,--start-group"), index_of(link, "-lziskc_guest"));
  EXPECT_LT(index_of(link, "-lziskc_guest"), index_of(link, "-lc"));
  EXPECT_EQ(link[link.size() - 2], "-o");
  EXPECT_EQ(link.back(), "out.elf.tmp");
}

TEST(LocateSdk, NamesTheMissingFile) {
  TempTree t;
  auto r = locate_sdk(t.path());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.status().code(), ErrorCode::kIo);
  EXPECT_NE(r.status().message().find("include/ziskc/zisk.h is missing"), std::string::npos);
  t.file("include/ziskc/zisk.h");
  t.file("zisk.ld");
  r = locate_sdk(t.path());
  ASSERT_FALSE(r);
  EXPECT_NE(r.status().message().find("lib/libziskc_guest.a is missing"), std::string::npos);
  t.file("lib/libziskc_guest.a");
  r = locate_sdk(t.path());
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_EQ(r->linker_script, t.path("zisk.ld"));
}

TEST(LocateSdk, DefaultIsNextToTheBinary) {
  REQUIRE_GUEST_SDK();
  // The build tree stages the SDK as it is installed: <build>/bin/.. /share/ziskc/guest.
  auto r = locate_sdk("");
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_TRUE(fs::exists(r->lib_dir + "/libziskc_guest.a"));
}

TEST(FindToolchain, MissingCompilerNamesTheDebianPackages) {
  auto r = find_toolchain("no-such-cross-prefix-");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.status().code(), ErrorCode::kIo);
  EXPECT_NE(r.status().message().find("gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf"),
            std::string::npos)
      << r.status().message();
}

TEST(Process, ExitCodeAndStreams) {
  auto r = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"}, Stderr::kSeparate);
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_EQ(r->exit_code, 3);
  EXPECT_EQ(r->output, "out\n");
  EXPECT_EQ(r->errors, "err\n");
  r = run_process({"sh", "-c", "echo a; echo b >&2"});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->exit_code, 0);
  EXPECT_NE(r->output.find("a\n"), std::string::npos);
  EXPECT_NE(r->output.find("b\n"), std::string::npos);
  auto missing = run_process({"no-such-program-ziskc"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.status().code(), ErrorCode::kIo);
}

TEST(Process, OutputIsBounded) {
  auto r = run_process({"sh", "-c", "head -c 3000000 /dev/zero"});
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_TRUE(r->truncated);
  EXPECT_EQ(r->output.size(), kMaxProcessOutput);
}

TEST(Process, FormatCommandQuotes) {
  EXPECT_EQ(format_command({"gcc", "-DX=1", "a b", "it's"}), "gcc -DX=1 'a b' 'it'\\''s'");
}

// Real builds with the cross compiler and the staged SDK.
TEST(Build, CAndCxxGuestsLoadInLayoutZisk) {
  REQUIRE_GUEST_SDK();
  TempTree t;
  t.file("g/main.c",
         "#include <ziskc/zisk.h>\n#include \"util.h\"\nint main(void) {\n"
         "  zisk_set_output(0, twice(21)); return 0; }\n");
  t.file("g/util.h", "unsigned twice(unsigned);\n");
  t.file("g/util.cc", "extern \"C\" unsigned twice(unsigned x) { return 2 * x; }\n");
  BuildLog log;
  const std::string out = t.path("g.elf");
  const Status st = build({.input = t.path("g"), .output = out}, &log);
  ASSERT_TRUE(st) << st.message() << "\n" << log.output;
  ASSERT_EQ(log.commands.size(), 3u);  // two compiles and the link
  auto bytes = base::read_file(out);
  ASSERT_TRUE(bytes);
  auto program = zisk::parse_program(*bytes);
  ASSERT_TRUE(program) << program.status().message();
  EXPECT_EQ(program->layout, zisk::LayoutKind::kZisk);
  EXPECT_EQ(program->image.entry, 0x80000000u);
  // Nothing but the output is left next to it (the staged link output was renamed).
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(t.path())) files += e.is_regular_file();
  EXPECT_EQ(files, 1u);
}

TEST(Build, CompileErrorLeavesNoOutputAndKeepsDiagnostics) {
  REQUIRE_GUEST_SDK();
  TempTree t;
  t.file("bad.c", "int main(void) { return not_declared; }\n");
  const std::string out = t.path("bad.elf");
  BuildLog log;
  const Status st = build({.input = t.path("bad.c"), .output = out}, &log);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.code(), ErrorCode::kBadInput);
  EXPECT_NE(st.message().find("compiling"), std::string::npos) << st.message();
  EXPECT_NE(log.output.find("not_declared"), std::string::npos) << log.output;
  EXPECT_FALSE(fs::exists(out));
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(t.path())) files += e.is_regular_file();
  EXPECT_EQ(files, 1u);  // only bad.c
}

TEST(Build, LinkErrorAndOversizedDataAreReported) {
  REQUIRE_GUEST_SDK();
  TempTree t;
  t.file("undef.c", "int f(void); int main(void) { return f(); }\n");
  BuildLog log;
  Status st = build({.input = t.path("undef.c"), .output = t.path("u.elf")}, &log);
  ASSERT_FALSE(st);
  EXPECT_NE(st.message().find("linking"), std::string::npos) << st.message();
  EXPECT_NE(log.output.find("undefined reference"), std::string::npos);
  // 600 MiB of .bss cannot fit in guest RAM: the linker reports the overflow.
  t.file("big.c", "char big[600u << 20];\nint main(void) { return big[7]; }\n");
  log = {};
  st = build({.input = t.path("big.c"), .output = t.path("big.elf")}, &log);
  ASSERT_FALSE(st);
  EXPECT_NE(log.output.find("overflowed"), std::string::npos) << log.output;
  EXPECT_FALSE(fs::exists(t.path("big.elf")));
}

TEST(Build, ExtraFlagsReachTheCompiler) {
  REQUIRE_GUEST_SDK();
  TempTree t;
  t.file("f.c",
         "#ifndef ANSWER\n#error ANSWER not defined\n#endif\n"
         "int main(void) { return ANSWER - 42; }\n");
  BuildLog log;
  Status st = build(
      {.input = t.path("f.c"), .output = t.path("f.elf"), .extra_flags = {"-DANSWER=42"}}, &log);
  EXPECT_TRUE(st) << st.message() << log.output;
  st = build({.input = t.path("f.c"), .output = t.path("f.elf")}, &log);
  EXPECT_FALSE(st);
}

}  // namespace
}  // namespace ziskc::sdk
