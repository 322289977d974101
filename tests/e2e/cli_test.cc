// The proving commands as a user runs them (label e2e): `ziskc rom-setup`, `ziskc prove`,
// `ziskc verify` on the fibonacci example with a small input. Checks the exit codes (0 ok,
// 1 proof rejected, 2 bad input or guest fault), that `verify -c` prints exactly what
// `execute -c` prints, that a proof is refused under another program's key or with a flipped
// byte, and that a refused prove writes no proof file (an existing one is left as it was);
// the keccakf-precompile and sha256-precompile guests proven and verified the same way.
// Each TEST runs in its own process (gtest_discover_tests), so each proves at most once.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "base/bytes.h"
#include "examples/host/example_data.h"
#include "sdk/process.h"

#ifndef ZISKC_EXAMPLES_DIR
#error "ZISKC_EXAMPLES_DIR (build/examples) is set by examples/CMakeLists.txt"
#endif

namespace ziskc {
namespace {

namespace fs = std::filesystem;

std::string elf_of(std::string_view name) {
  return std::string(ZISKC_EXAMPLES_DIR) + "/" + std::string(name) + ".elf";
}

sdk::ProcessResult run(std::vector<std::string> args) {
  args.insert(args.begin(), ZISKC_BIN);
  Result<sdk::ProcessResult> r = sdk::run_process(args, sdk::Stderr::kSeparate);
  ZISKC_CHECK(r.is_ok(), "ziskc did not start");
  return std::move(r).value();
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("ziskc-cli-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    Result<std::vector<examples::Record>> rec = examples::make_input("fibonacci", 30, 1);
    ZISKC_CHECK(rec.is_ok(), "fibonacci input");
    ZISKC_CHECK(base::write_file_atomic(path("in.bin"), examples::encode_records(*rec)).is_ok(),
                "write input");
  }
  std::string path(const char* name) const { return (dir_ / name).string(); }
  std::vector<std::string> prove_args(const char* out) const {
    return {"prove", "-e",      elf_of("fibonacci"), "-i",          path("in.bin"),
            "-o",    path(out), "--cache-dir",       path("cache"), "--instance-log-height",
            "12"};
  }
  fs::path dir_;
};

TEST_F(CliTest, RomSetupProveVerify) {
  sdk::ProcessResult setup = run(
      {"rom-setup", "-e", elf_of("fibonacci"), "-o", path("vk.bin"), "--cache-dir", path("cache")});
  ASSERT_EQ(setup.exit_code, 0) << setup.errors;
  ASSERT_TRUE(fs::exists(path("vk.bin")));

  sdk::ProcessResult p = run(prove_args("proof.bin"));
  ASSERT_EQ(p.exit_code, 0) << p.errors;
  EXPECT_NE(p.errors.find("proof: "), std::string::npos) << p.errors;
  EXPECT_NE(p.errors.find("phases (wall s)"), std::string::npos) << p.errors;
  EXPECT_EQ(p.errors.find('\r'), std::string::npos) << "progress bar on a non-terminal";
  ASSERT_TRUE(fs::exists(path("proof.bin")));

  // verify -c prints exactly what execute -c prints.
  sdk::ProcessResult exec = run({"execute", "-e", elf_of("fibonacci"), "-i", path("in.bin"), "-c"});
  ASSERT_EQ(exec.exit_code, 0) << exec.errors;
  sdk::ProcessResult v = run({"verify", "-p", path("proof.bin"), "-k", path("vk.bin"), "-c"});
  ASSERT_EQ(v.exit_code, 0) << v.errors;
  EXPECT_EQ(v.output, exec.output);
  EXPECT_EQ(v.output.size(), 64u * 9);
  EXPECT_NE(v.errors.find("proof verified"), std::string::npos) << v.errors;
  sdk::ProcessResult embedded = run({"verify", "-p", path("proof.bin")});
  EXPECT_EQ(embedded.exit_code, 0) << embedded.errors;
  EXPECT_TRUE(embedded.output.empty());

  // Another program's key: rejected (1), nothing on stdout even with -c.
  ASSERT_EQ(run({"rom-setup", "-e", elf_of("collatz"), "-o", path("other.vk"), "--cache-dir",
                 path("cache")})
                .exit_code,
            0);
  sdk::ProcessResult other = run({"verify", "-p", path("proof.bin"), "-k", path("other.vk"), "-c"});
  EXPECT_EQ(other.exit_code, 1) << other.errors;
  EXPECT_TRUE(other.output.empty()) << other.output;
  EXPECT_NE(other.errors.find("proof rejected"), std::string::npos) << other.errors;

  // A flipped byte in the middle of the proof: rejected (1) with a message.
  Result<std::vector<std::uint8_t>> bytes = base::read_file(path("proof.bin"));
  ASSERT_TRUE(bytes.is_ok());
  (*bytes)[bytes->size() / 2] ^= 0x10;
  ASSERT_TRUE(base::write_file_atomic(path("flipped.bin"), *bytes).is_ok());
  sdk::ProcessResult flipped = run({"verify", "-p", path("flipped.bin"), "-k", path("vk.bin")});
  EXPECT_EQ(flipped.exit_code, 1) << flipped.errors;
  EXPECT_NE(flipped.errors.find("error: "), std::string::npos) << flipped.errors;

  // Bad inputs (2): a missing proof file, a key that is not a key.
  EXPECT_EQ(run({"verify", "-p", path("missing.bin")}).exit_code, 2);
  sdk::ProcessResult badkey = run({"verify", "-p", path("proof.bin"), "-k", path("in.bin")});
  EXPECT_EQ(badkey.exit_code, 2) << badkey.errors;
}

// A guest that hashes with the keccakf precompile (keccak_precompile: Keccak-256 of 300 bytes,
// three keccak-f calls): rom-setup, prove (KeccakF instances in --stats), verify -c = execute -c.
TEST_F(CliTest, KeccakfPrecompileGuestIsProvenAndVerified) {
  Result<std::vector<examples::Record>> rec = examples::make_input("keccak_precompile", 300, 3);
  ASSERT_TRUE(rec.is_ok());
  ASSERT_TRUE(base::write_file_atomic(path("k.bin"), examples::encode_records(*rec)).is_ok());
  const std::string elf = elf_of("keccak_precompile");
  ASSERT_EQ(
      run({"rom-setup", "-e", elf, "-o", path("k.vk"), "--cache-dir", path("cache")}).exit_code, 0);
  sdk::ProcessResult p = run({"prove", "-e", elf, "-i", path("k.bin"), "-o", path("k.proof"),
                              "--cache-dir", path("cache"), "--stats"});
  ASSERT_EQ(p.exit_code, 0) << p.errors;
  EXPECT_NE(p.errors.find("\nkeccakf "), std::string::npos) << p.errors;
  sdk::ProcessResult exec = run({"execute", "-e", elf, "-i", path("k.bin"), "-c"});
  ASSERT_EQ(exec.exit_code, 0) << exec.errors;
  sdk::ProcessResult v = run({"verify", "-p", path("k.proof"), "-k", path("k.vk"), "-c"});
  ASSERT_EQ(v.exit_code, 0) << v.errors;
  EXPECT_EQ(v.output, exec.output);
  Result<examples::Outputs> want = examples::expected_outputs("keccak_precompile", *rec);
  ASSERT_TRUE(want.is_ok());
  EXPECT_EQ(v.output.substr(0, 9), fmt::format("{:08x}\n", (*want)[0]));
}

// A guest that hashes with the sha256 precompile (sha256_precompile: SHA-256 of 300 bytes, five
// compressions): rom-setup, prove (Sha256F instances in --stats), verify -c = execute -c, the
// first output word the host's OpenSSL digest word.
TEST_F(CliTest, Sha256PrecompileGuestIsProvenAndVerified) {
  Result<std::vector<examples::Record>> rec = examples::make_input("sha256_precompile", 300, 3);
  ASSERT_TRUE(rec.is_ok());
  ASSERT_TRUE(base::write_file_atomic(path("s.bin"), examples::encode_records(*rec)).is_ok());
  const std::string elf = elf_of("sha256_precompile");
  ASSERT_EQ(
      run({"rom-setup", "-e", elf, "-o", path("s.vk"), "--cache-dir", path("cache")}).exit_code, 0);
  sdk::ProcessResult p = run({"prove", "-e", elf, "-i", path("s.bin"), "-o", path("s.proof"),
                              "--cache-dir", path("cache"), "--stats"});
  ASSERT_EQ(p.exit_code, 0) << p.errors;
  EXPECT_NE(p.errors.find("\nsha256f "), std::string::npos) << p.errors;
  sdk::ProcessResult exec = run({"execute", "-e", elf, "-i", path("s.bin"), "-c"});
  ASSERT_EQ(exec.exit_code, 0) << exec.errors;
  sdk::ProcessResult v = run({"verify", "-p", path("s.proof"), "-k", path("s.vk"), "-c"});
  ASSERT_EQ(v.exit_code, 0) << v.errors;
  EXPECT_EQ(v.output, exec.output);
  Result<examples::Outputs> want = examples::expected_outputs("sha256_precompile", *rec);
  ASSERT_TRUE(want.is_ok());
  EXPECT_EQ(v.output.substr(0, 9), fmt::format("{:08x}\n", (*want)[0]));
}

TEST_F(CliTest, RefusedProveWritesNoProofFile) {
  const std::vector<std::uint8_t> sentinel = {'o', 'l', 'd'};
  ASSERT_TRUE(base::write_file_atomic(path("old.bin"), sentinel).is_ok());
  // The step limit: a guest fault (2), found before any proving work.
  std::vector<std::string> a = prove_args("limited.bin");
  a.insert(a.end(), {"-n", "100"});
  sdk::ProcessResult limited = run(a);
  EXPECT_EQ(limited.exit_code, 2) << limited.errors;
  EXPECT_NE(limited.errors.find("step limit"), std::string::npos) << limited.errors;
  EXPECT_FALSE(fs::exists(path("limited.bin")));
  a = prove_args("old.bin");
  a.insert(a.end(), {"-n", "100"});
  EXPECT_EQ(run(a).exit_code, 2);
  Result<std::vector<std::uint8_t>> old = base::read_file(path("old.bin"));
  ASSERT_TRUE(old.is_ok());
  EXPECT_EQ(*old, sentinel) << "a refused prove replaced the existing file";
  // A missing ELF, a bad height flag: bad input (2), no file.
  sdk::ProcessResult noelf = run({"prove", "-e", path("missing.elf"), "-o", path("x.bin")});
  EXPECT_EQ(noelf.exit_code, 2) << noelf.errors;
  a = prove_args("y.bin");
  a.insert(a.end(), {"--instance-log-height", "nosuchair=5"});
  sdk::ProcessResult badflag = run(a);
  EXPECT_EQ(badflag.exit_code, 2) << badflag.errors;
  EXPECT_FALSE(fs::exists(path("x.bin")));
  EXPECT_FALSE(fs::exists(path("y.bin")));
  // rom-setup of something that is not an ELF.
  EXPECT_EQ(run({"rom-setup", "-e", path("in.bin"), "-o", path("z.vk")}).exit_code, 2);
  EXPECT_FALSE(fs::exists(path("z.vk")));
}

// prove's numeric flags are parsed strictly, as execute's: negative, overflowing or partly
// numeric values (and an --execute-on mode other than root / all) are a CLI error (exit 2) before any work, and no proof file is written.
TEST_F(CliTest, ProveNumericFlagsAreStrict) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"-n", "-5"},
      {"-n", "18446744073709551616"},
      {"-n", "99999999999999999999999"},
      {"-n", "12x"},
      {"--max-steps", ""},
      {"--chunk-log2", "-1"},
      {"--chunk-log2", "4294967312"},  // 2^32 + 16: would wrap to 16 as an unsigned
      {"--chunk-log2", "1e3"},
      {"--instance-log-height", "-12"},
      {"--instance-log-height", "main=+12"},
      {"--instance-log-height", "main= 12"},
      {"--instance-log-height", "18446744073709551628"},  // 2^64 + 12
      {"--execute-on", "bogus"},
      {"--execute-on", ""},
  };
  for (const auto& [flag, value] : bad) {
    std::vector<std::string> a = prove_args("bad.bin");
    a.insert(a.end(), {flag, value});
    sdk::ProcessResult r = run(a);
    EXPECT_EQ(r.exit_code, 2) << flag << " '" << value << "': " << r.errors;
    EXPECT_NE(r.errors.find(flag == "-n" ? "max-steps" : flag.substr(2)), std::string::npos)
        << flag << " '" << value << "': " << r.errors;
    EXPECT_EQ(r.errors.find("proof: "), std::string::npos) << flag << " '" << value << "'";
    EXPECT_FALSE(fs::exists(path("bad.bin"))) << flag << " '" << value << "'";
  }
}

}  // namespace
}  // namespace ziskc
