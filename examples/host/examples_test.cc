// End-to-end tests of the example guests (label e2e): each ELF the build made with
// `ziskc build` (or the CMake toolchain file, for collatz) must
//   - follow the guest ABI (guest/tests/guest_abi_check.h: layout, entry, DMA patterns, only
//     legal uncompressed instructions);
//   - run under `ziskc execute -c` and publish the 64 output words the host computes for its
//     input file, and print the console line the host formats (stderr with -c: this also
//     checks picolibc's printf through the UART).
// The run-time half skips, saying so, while `ziskc execute` answers "not supported yet".
#include <gtest/gtest.h>

#include <string>

#include "base/bytes.h"
#include "examples/host/example_data.h"
#include "guest/tests/guest_abi_check.h"
#include "sdk/process.h"

#ifndef ZISKC_EXAMPLES_DIR
#error "ZISKC_EXAMPLES_DIR (build/examples) is set by examples/CMakeLists.txt"
#endif

namespace ziskc::examples {
namespace {

std::string path_of(std::string_view name, std::string_view ext) {
  return std::string(ZISKC_EXAMPLES_DIR) + "/" + std::string(name) + std::string(ext);
}

class ExampleTest : public ::testing::TestWithParam<std::string_view> {};

TEST_P(ExampleTest, ElfFollowsTheGuestAbi) {
  ASSERT_NO_FATAL_FAILURE(guest_test::check_guest_abi(path_of(GetParam(), ".elf")));
}

TEST_P(ExampleTest, ExecutePublishesTheHostOutputs) {
  const std::string name(GetParam());
  auto input = base::read_file(path_of(name, ".bin"));
  ASSERT_TRUE(input) << input.status().message();
  auto records = decode_records(*input);
  ASSERT_TRUE(records) << records.status().message();
  auto expected = expected_outputs(name, *records);
  ASSERT_TRUE(expected) << expected.status().message();

  auto run = sdk::run_process(
      {ZISKC_BIN, "execute", "-e", path_of(name, ".elf"), "-i", path_of(name, ".bin"), "-c"},
      sdk::Stderr::kSeparate);
  ASSERT_TRUE(run) << run.status().message();
  if (run->exit_code == 3 && run->errors.find("not supported yet") != std::string::npos) {
    GTEST_SKIP() << "ziskc execute: " << run->errors;
  }
  ASSERT_EQ(run->exit_code, 0) << run->errors;
  std::vector<std::uint32_t> words;
  std::size_t pos = 0;
  while (pos < run->output.size()) {
    const std::size_t nl = run->output.find('\n', pos);
    ASSERT_NE(nl, std::string::npos) << "unterminated output line";
    const std::string line = run->output.substr(pos, nl - pos);
    ASSERT_EQ(line.size(), 8u) << "output line '" << line << "'";
    words.push_back(static_cast<std::uint32_t>(std::stoul(line, nullptr, 16)));
    pos = nl + 1;
  }
  ASSERT_EQ(words.size(), 64u);
  for (std::size_t i = 0; i < 64; ++i) {
    EXPECT_EQ(words[i], (*expected)[i]) << name << ": output word " << i;
  }
  auto line = expected_console_line(name, *records);
  ASSERT_TRUE(line) << line.status().message();
  EXPECT_NE(run->errors.find(*line), std::string::npos)
      << name << ": console (stderr) has no line '" << *line << "':\n"
      << run->errors;
}

INSTANTIATE_TEST_SUITE_P(Examples, ExampleTest, ::testing::ValuesIn(example_names()),
                         [](const auto& param_info) { return std::string(param_info.param); });

}  // namespace
}  // namespace ziskc::examples
