// The bench guests as compiled-C differential tests: software SHA-256 on ziskc must give
// OpenSSL's digest of the same bytes, and both guests must print on qemu-riscv64 (the same C
// source as a static Linux program) exactly the words ziskc publishes. Small work sizes.
#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <array>
#include <cstdio>
#include <string>

#include "base/bytes.h"
#include "emu/emulator.h"
#include "zisk/input_file.h"
#include "zisk/transpiler.h"

namespace ziskc::emu {
namespace {

std::string path(const std::string& name, const char* variant) {
  return std::string(ZISKC_EMU_GUEST_DIR) + "/" + name + "." + variant + ".elf";
}

// The 8 public output words of the zisk variant with work size kib, or nullopt.
std::optional<std::array<std::uint32_t, 8>> run_zisk(const std::string& name, std::uint64_t kib) {
  Result<std::vector<std::uint8_t>> elf = base::read_file(path(name, "zisk"));
  if (!elf) return std::nullopt;
  Result<zisk::Program> p = zisk::parse_program(*elf);
  EXPECT_TRUE(p.is_ok()) << p.status().message();
  Result<zisk::Rom> rom = zisk::transpile(*p);
  EXPECT_TRUE(rom.is_ok()) << rom.status().message();
  std::uint8_t n[8];
  for (int i = 0; i < 8; ++i) n[i] = static_cast<std::uint8_t>(kib >> (8 * i));
  Result<RunResult> r = run(*rom, zisk::wrap_raw_input(n), {});
  EXPECT_TRUE(r.is_ok());
  EXPECT_EQ(r->exit.kind, ExitKind::kEnd);
  const auto out = public_outputs(*r);
  std::array<std::uint32_t, 8> w{};
  for (int i = 0; i < 8; ++i) w[i] = out[i];
  return w;
}

// qemu-riscv64's output lines for the linux variant, or "" if it cannot run.
std::string run_qemu(const std::string& name, std::uint64_t kib) {
  const std::string elf = path(name, "linux");
  if (std::string(ZISKC_EMU_QEMU).empty() || !base::read_file(elf).is_ok()) return "";
  const std::string cmd = std::string(ZISKC_EMU_QEMU) + " " + elf + " " + std::to_string(kib);
  FILE* f = popen(cmd.c_str(), "r");
  if (f == nullptr) return "";
  std::string out;
  char buf[256];
  while (std::fgets(buf, sizeof buf, f) != nullptr) out += buf;
  EXPECT_EQ(pclose(f), 0) << cmd;
  return out;
}

std::string lines(const std::array<std::uint32_t, 8>& w) {
  std::string s;
  char buf[16];
  for (std::uint32_t v : w) {
    std::snprintf(buf, sizeof buf, "%08x\n", v);
    s += buf;
  }
  return s;
}

TEST(BenchGuests, Sha256MatchesOpenSsl) {
  const std::uint64_t kib = 6;
  auto got = run_zisk("sha256", kib);
  if (!got) GTEST_SKIP() << "bench guests not built (riscv64-unknown-elf-gcc missing)";
  // The guest's message: xorshift64 words from 0x9e3779b97f4a7c15, little-endian.
  std::vector<std::uint8_t> msg;
  std::uint64_t s = 0x9e3779b97f4a7c15ull;
  while (msg.size() < kib * 1024) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    for (int j = 0; j < 8; ++j) msg.push_back(static_cast<std::uint8_t>(s >> (8 * j)));
  }
  unsigned char digest[32];
  SHA256(msg.data(), msg.size(), digest);
  for (int i = 0; i < 8; ++i) {
    const std::uint32_t want = static_cast<std::uint32_t>(digest[4 * i]) << 24 |
                               static_cast<std::uint32_t>(digest[4 * i + 1]) << 16 |
                               static_cast<std::uint32_t>(digest[4 * i + 2]) << 8 |
                               digest[4 * i + 3];
    EXPECT_EQ((*got)[i], want) << "word " << i;
  }
}

TEST(BenchGuests, SameResultsAsQemu) {
  for (const char* name : {"sha256", "keccak"}) {
    SCOPED_TRACE(name);
    auto got = run_zisk(name, 3);
    const std::string want = run_qemu(name, 3);
    if (!got || want.empty()) GTEST_SKIP() << "bench guests or qemu-riscv64 not available";
    EXPECT_EQ(lines(*got), want);
  }
}

}  // namespace
}  // namespace ziskc::emu
