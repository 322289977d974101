// Tests of the guest runtime through two test guests built with `ziskc build` (label e2e):
// runtime_guest.c publishes what it observes of every runtime feature (input API, commit,
// DMA memcpy/memmove/memcmp/memset, malloc, errno/TLS, constructors, atexit, printf), and
// fault_guest.c ends in each way a guest can stop. The expected values are computed here with
// the host's libc. The run-time tests skip, saying so, while `ziskc execute` answers "not
// supported yet"; the static test checks the runtime's code in the ELF.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "guest/tests/guest_abi_check.h"
#include "sdk/process.h"
#include "zisk/layout.h"

#ifndef ZISKC_GUEST_TEST_DIR
#error "ZISKC_GUEST_TEST_DIR is set by guest/CMakeLists.txt"
#endif

namespace ziskc {
namespace {

using Record = std::vector<std::uint8_t>;

std::string elf(const char* name) { return std::string(ZISKC_GUEST_TEST_DIR) + "/" + name; }

// Writes records as a ZisK input file in the test's temporary directory.
std::string write_input(const std::string& name, const std::vector<Record>& records) {
  base::ByteWriter w;
  for (const Record& r : records) {
    w.u64(r.size());
    w.bytes(r);
    for (std::size_t i = r.size(); i % 8 != 0; ++i) w.u8(0);
  }
  const std::string path =
      (std::filesystem::path(::testing::TempDir()) / ("ziskc_" + name + ".bin")).string();
  EXPECT_TRUE(base::write_file_atomic(path, w.data()));
  return path;
}

template <class T>
Record le(T v) {
  Record r(sizeof v);
  std::memcpy(r.data(), &v, sizeof v);
  return r;
}

std::uint32_t fnv(const std::uint8_t* p, std::size_t n) {
  std::uint32_t h = 0x811c9dc5u;
  for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x01000193u;
  return h;
}

struct GuestRun {
  int exit_code;
  std::vector<std::uint32_t> words;  // empty unless the run exited cleanly with 64 words
  std::string console;               // stderr: the UART bytes and ziskc's error line
};

// Runs `ziskc execute -c`; nullopt (after GTEST_SKIP) if execute is not supported yet.
std::optional<GuestRun> execute(const std::string& elf_path, const std::string& input) {
  auto r = sdk::run_process({ZISKC_BIN, "execute", "-e", elf_path, "-i", input, "-c"},
                            sdk::Stderr::kSeparate);
  EXPECT_TRUE(r) << r.status().message();
  if (!r) return std::nullopt;
  if (r->exit_code == 3 && r->errors.find("not supported yet") != std::string::npos) {
    return std::nullopt;
  }
  GuestRun run{r->exit_code, {}, r->errors};
  std::size_t pos = 0;
  while (pos < r->output.size()) {
    const std::size_t nl = r->output.find('\n', pos);
    if (nl == std::string::npos || nl - pos != 8) break;
    run.words.push_back(
        static_cast<std::uint32_t>(std::stoul(r->output.substr(pos, 8), nullptr, 16)));
    pos = nl + 1;
  }
  return run;
}

#define EXECUTE_OR_SKIP(var, elf_path, input)                         \
  auto var##_opt = execute(elf_path, input);                          \
  if (!var##_opt) GTEST_SKIP() << "ziskc execute: not supported yet"; \
  const GuestRun& var = *var##_opt

TEST(GuestRuntime, ObservableBehaviour) {
  Record hundred(100);
  for (int i = 0; i < 100; ++i) hundred[i] = static_cast<std::uint8_t>(7 * i);
  const std::string input = write_input(
      "runtime", {le<std::uint64_t>(0x0123456789abcdefull), le<std::uint32_t>(0xdeadbeef),
                  Record{'h', 'e', 'l', 'l', 'o'}, Record{}, hundred});
  EXECUTE_OR_SKIP(run, elf("runtime_guest.elf"), input);
  ASSERT_EQ(run.exit_code, 0) << run.console;
  ASSERT_EQ(run.words.size(), 64u) << run.console;

  std::vector<std::uint32_t> want(64, 0);
  want[0] = 0x44434241;  // "ABCD"
  want[1] = 0x48474645;  // "EFGH"
  want[2] = 0x00000049;  // "I"
  want[3] = 9;
  want[4] = 0x0FFFEEEE;
  want[5] = 0x89abcdef;
  want[6] = 0x01234567;
  want[7] = 0xdeadbeef;
  want[8] = 5;
  want[9] = 0x6c6c6568;  // "hell"
  want[10] = 0;
  for (std::uint8_t b : hundred) want[11] += b;
  want[12] = 8;
  want[13] = 0x89abcdef;
  want[14] = 0;
  want[15] = 1;
  want[16] = 0xffffffffu;
  std::uint8_t buf[40];
  for (int i = 0; i < 32; ++i) buf[i] = static_cast<std::uint8_t>(i);
  std::memmove(buf + 5, buf + 1, 20);
  want[17] = fnv(buf, 32);
  std::memmove(buf + 2, buf + 9, 20);
  want[18] = fnv(buf, 32);
  for (int i = 0; i < 37; ++i) buf[i] = static_cast<std::uint8_t>(3 * i + 1);
  std::memset(buf + 3, 0, 29);
  want[19] = fnv(buf, 37);
  std::memset(buf + 1, 0xA5, 33);
  want[20] = fnv(buf, 37);
  want[21] = 1;
  want[22] = ERANGE;  // picolibc and glibc agree: 34
  want[23] = 0x5EED;
  want[24] = 3;
  std::uint8_t src[32], dst[32];
  std::uint32_t h = 0x811c9dc5u;
  for (int s = 0; s < 8; ++s) {
    for (int d = 0; d < 8; ++d) {
      for (int len = 0; len <= 20; ++len) {
        for (int i = 0; i < 32; ++i) {
          src[i] = static_cast<std::uint8_t>(i + 16 * s + d);
          dst[i] = 0xEE;
        }
        std::memcpy(dst + d, src + s, static_cast<std::size_t>(len));
        for (std::uint8_t x : dst) h = (h ^ x) * 0x01000193u;
      }
    }
  }
  want[25] = h;
  want[63] = 0xA7E317;
  for (std::size_t i = 0; i < 64; ++i) EXPECT_EQ(run.words[i], want[i]) << "output word " << i;
  EXPECT_NE(run.console.find("printf 42 2a str 18446744073709551615 Z\n"), std::string::npos)
      << run.console;
  EXPECT_NE(run.console.find("atexit handler ran\n"), std::string::npos) << run.console;
}

TEST(GuestRuntime, AbortsEndInAGuestFault) {
  const char* messages[] = {"abort: boom\n", "abort: abort() called\n",
                            "abort: zisk_set_output: index >= 64\n"};
  for (std::uint32_t mode = 0; mode < 3; ++mode) {
    const std::string input = write_input("fault" + std::to_string(mode), {le(mode)});
    EXECUTE_OR_SKIP(run, elf("fault_guest.elf"), input);
    EXPECT_EQ(run.exit_code, 2) << "mode " << mode << ": " << run.console;
    EXPECT_NE(run.console.find(messages[mode]), std::string::npos) << run.console;
  }
}

TEST(GuestRuntime, ExitFromANestedCallIsClean) {
  const std::string input = write_input("fault3", {le<std::uint32_t>(3)});
  EXECUTE_OR_SKIP(run, elf("fault_guest.elf"), input);
  ASSERT_EQ(run.exit_code, 0) << run.console;
  ASSERT_EQ(run.words.size(), 64u);
  EXPECT_EQ(run.words[0], 0x600Du);
}

TEST(GuestRuntime, ElfHasTheRuntimeEntryAndDmaFunctions) {
  int dma_functions = 0;
  ASSERT_NO_FATAL_FAILURE(guest_test::check_guest_abi(elf("runtime_guest.elf"), &dma_functions));
  EXPECT_EQ(dma_functions, 4);  // the runtime guest calls all four
  auto bytes = base::read_file(elf("runtime_guest.elf"));
  ASSERT_TRUE(bytes) << bytes.status().message();
  auto program = zisk::parse_program(*bytes);
  ASSERT_TRUE(program) << program.status().message();
  EXPECT_EQ(program->layout, zisk::LayoutKind::kZisk);
  std::vector<std::string> found;
  for (const riscv::ElfSymbol& s : program->image.symbols) {
    for (const char* want : {"_start", "_exit", "memcpy", "memmove", "memset", "memcmp", "stdout",
                             "__tls_base", "__heap_start", "__heap_end"}) {
      if (s.name == want) found.push_back(s.name);
    }
    if (s.name == "__heap_end") {
      EXPECT_EQ(s.addr, 0xBFFF0000u);
    }
    if (s.name == "__heap_start") {
      EXPECT_GE(s.addr, 0xA0430000u);
    }
  }
  EXPECT_EQ(found.size(), 10u);
  // No segment may hold file bytes below the guest data area (that would read as zisk-0.18),
  // and the stack and output areas have no segment at all.
  for (const riscv::ElfSegment& seg : program->image.segments) {
    if (seg.vaddr >= 0xA0000000u) {
      EXPECT_GE(seg.vaddr, 0xA0430000u);
    }
  }
}

}  // namespace
}  // namespace ziskc
