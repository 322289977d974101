// A guest built for ZisK's ABI by another toolchain runs unchanged (issue 2, "Done when"):
// foreign/guest.c is compiled by clang and linked by ld.lld (LLVM, the code generator and linker
// of Rust's riscv64 targets; no Rust riscv64 standard library is installed here) for rv64imac
// with the medium code model, with its own _start, ziskos' DMA memcpy sequence and a linker
// script of its own, without the ziskc SDK. `ziskc execute -c` must print the outputs a host
// computation of the same function gives, and `-X` must count its three DMA copies.
// Skipped when clang or ld.lld is not installed (scripts/install-deps.sh installs both).
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "subprocess.h"

namespace ziskc::difftest {
namespace {

// What foreign/guest.c computes, on the host.
std::vector<std::uint32_t> expected_outputs(const std::vector<std::uint8_t>& data) {
  std::uint32_t h = 0x811c9dc5u;
  for (std::uint8_t b : data) h = (h ^ b) * 0x01000193u;
  const std::uint64_t primes[8] = {2, 3, 5, 7, 11, 13, 17, 19};
  const std::uint64_t w[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  std::uint64_t acc = 1;
  for (std::uint64_t i = 0; i < 8; ++i) {
    acc = acc * primes[i] + (w[i] << 40) / (i + 1) + static_cast<std::uint64_t>(h) % (i + 3);
  }
  std::vector<std::uint32_t> out(64, 0);
  out[0] = static_cast<std::uint32_t>(data.size());
  out[1] = h;
  out[2] = static_cast<std::uint32_t>(acc);
  out[3] = static_cast<std::uint32_t>(acc >> 32);
  out[4] = static_cast<std::uint32_t>(w[8]);
  return out;
}

TEST(ForeignToolchain, LlvmGuestForTheZiskAbiRunsUnchanged) {
  const std::string clang = ZISKC_TESTS_CLANG, lld = ZISKC_TESTS_LLD;
  if (clang.empty() || lld.empty()) GTEST_SKIP() << "clang or ld.lld not installed";
  const std::string src = std::string(ZISKC_TESTS_RISCV_DIR) + "/foreign";
  const std::string work = std::string(ZISKC_TESTS_WORK_DIR) + "/foreign";
  std::filesystem::create_directories(work);
  const std::string elf = work + "/guest.elf", input = work + "/input.bin";

  ProcessResult cc = run_process({clang, "--target=riscv64-unknown-elf", "-march=rv64imac",
                                  "-mabi=lp64", "-mcmodel=medium", "-O2", "-ffreestanding",
                                  "-fno-builtin", "-nostdlib", "-fuse-ld=lld", "--ld-path=" + lld,
                                  "-Wl,-T," + src + "/link.ld", src + "/guest.c", "-o", elf});
  ASSERT_TRUE(cc.exited() && cc.exit_code == 0) << cc.describe() << ": " << cc.err;

  // One record of 1000 pseudo-random bytes: [u64 len][bytes][zero padding to 8].
  std::vector<std::uint8_t> data(1000);
  std::uint64_t x = 0x9e3779b97f4a7c15ull;
  for (std::uint8_t& b : data) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    b = static_cast<std::uint8_t>(x >> 56);
  }
  {
    std::ofstream f(input, std::ios::binary);
    const std::uint64_t len = data.size();
    f.write(reinterpret_cast<const char*>(&len), 8);
    f.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    ASSERT_TRUE(f.good());
  }

  ProcessResult run = run_process({ZISKC_TESTS_ZISKC_BIN, "execute", "-e", elf, "-i", input, "-c"});
  ASSERT_TRUE(run.exited() && run.exit_code == 0) << run.describe() << ": " << run.err;
  std::string expected;
  for (std::uint32_t v : expected_outputs(data)) {
    char line[16];
    std::snprintf(line, sizeof line, "%08x\n", v);
    expected += line;
  }
  EXPECT_EQ(run.out, expected);

  ProcessResult stats =
      run_process({ZISKC_TESTS_ZISKC_BIN, "execute", "-e", elf, "-i", input, "-X"});
  ASSERT_TRUE(stats.exited() && stats.exit_code == 0) << stats.describe() << ": " << stats.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(stats.out, m, std::regex(R"(dma_memcpy\s+0x[0-9a-f]+\s+(\d+))")))
      << stats.out;
  EXPECT_EQ(m[1].str(), "3");  // the length word, the record and the struct
}

}  // namespace
}  // namespace ziskc::difftest
