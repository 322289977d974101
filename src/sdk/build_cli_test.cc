// Tests of the `ziskc build` command line (src/cli/build.cc; label sdk): flag parsing
// (-O attached or separate, -I, --sdk, everything after `--` to gcc), exit codes, and that the
// compiler's diagnostics reach stderr before the one `error:` line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/bytes.h"
#include "sdk/process.h"
#include "zisk/layout.h"

namespace ziskc::sdk {
namespace {
namespace fs = std::filesystem;

#ifdef ZISKC_HAVE_GUEST_SDK
#define REQUIRE_GUEST_SDK() (void)0
#else
#define REQUIRE_GUEST_SDK() GTEST_SKIP() << "built with ZISKC_BUILD_GUESTS=OFF: no guest SDK"
#endif

class BuildCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("ziskc_cli_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "inc");
    write("inc/answer.h", "#define BASE 40\n");
    write("g.c",
          "#include <ziskc/zisk.h>\n#include \"answer.h\"\n"
          "int main(void) { zisk_set_output(0, BASE + EXTRA); return 0; }\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  ProcessResult ziskc(std::vector<std::string> args) {
    args.insert(args.begin(), {ZISKC_BIN, "build"});
    auto r = run_process(args, Stderr::kSeparate);
    EXPECT_TRUE(r) << r.status().message();
    return r ? *r : ProcessResult{};
  }
  fs::path dir_;
};

TEST_F(BuildCli, FlagsIncludeDirsAndGccFlagsAfterDashDash) {
  REQUIRE_GUEST_SDK();
  const auto r = ziskc({path("g.c"), "-o", path("g.elf"), "-O1", "-I", path("inc"), "-v", "--",
                        "-DEXTRA=2", "-Wall", "-Werror"});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_TRUE(r.output.empty()) << r.output;                       // nothing on stdout
  EXPECT_NE(r.errors.find("-O1"), std::string::npos) << r.errors;  // -v shows the commands
  EXPECT_NE(r.errors.find("-DEXTRA=2"), std::string::npos);
  auto elf = base::read_file(path("g.elf"));
  ASSERT_TRUE(elf);
  EXPECT_TRUE(zisk::parse_program(*elf));
}

TEST_F(BuildCli, CompilerDiagnosticsThenOneErrorLine) {
  REQUIRE_GUEST_SDK();
  const auto r = ziskc({path("g.c"), "-o", path("g.elf"), "--include", path("inc")});  // no EXTRA
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.errors.find("EXTRA"), std::string::npos) << r.errors;
  const std::size_t error_line = r.errors.rfind("\nerror: build: ");
  ASSERT_NE(error_line, std::string::npos) << r.errors;
  EXPECT_EQ(r.errors.find('\n', error_line + 1), r.errors.size() - 1);  // the last line
  EXPECT_FALSE(fs::exists(path("g.elf")));
}

TEST_F(BuildCli, UsageErrors) {
  // No -o; two sources; an unknown flag before `--`; a missing source.
  EXPECT_EQ(ziskc({path("g.c")}).exit_code, 2);
  write("h.c", "int main(void) { return 0; }\n");
  const auto two = ziskc({path("g.c"), path("h.c"), "-o", path("x.elf")});
  EXPECT_EQ(two.exit_code, 2);
  EXPECT_NE(two.errors.find("one source file or one directory"), std::string::npos) << two.errors;
  EXPECT_EQ(ziskc({path("g.c"), "-o", path("x.elf"), "--no-such-flag"}).exit_code, 2);
  const auto missing = ziskc({path("nope.c"), "-o", path("x.elf")});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.errors.find("error: build: "), std::string::npos);
  EXPECT_FALSE(fs::exists(path("x.elf")));
}

TEST_F(BuildCli, MissingSdkNamesTheFile) {
  const auto r = ziskc({path("g.c"), "-o", path("x.elf"), "--sdk", path("inc")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.errors.find("is missing"), std::string::npos) << r.errors;
}

}  // namespace
}  // namespace ziskc::sdk
