// ziskc::execute(): the library call behind `ziskc execute` (the CLI tests in tests/riscv
// drive the binary). Errors are Statuses with the right codes; guest faults are results with a
// message; -X and -S results add up.
#include "emu/execute.h"

#include <gtest/gtest.h>

#include <numeric>
#include <string>

#include "base/bytes.h"
#include "zisk/input_file.h"

namespace ziskc {
namespace {

std::string guest_elf() {
#ifdef ZISKC_EMU_TEST_GUEST
  if (base::read_file(ZISKC_EMU_TEST_GUEST).is_ok()) return ZISKC_EMU_TEST_GUEST;
#endif
  return "";
}

std::string write_tmp(const std::string& name, std::span<const std::uint8_t> bytes) {
  const std::string path = ::testing::TempDir() + "/" + name;
  EXPECT_TRUE(base::write_file_atomic(path, bytes).is_ok());
  return path;
}

TEST(Execute, RunsTheCGuestWithStatsAndProfile) {
  const std::string elf = guest_elf();
  if (elf.empty()) GTEST_SKIP() << "test guest not built";
  const std::string text = "some input bytes for the guest's hash";
  const std::string input = write_tmp(
      "execute_in.bin", std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
  ExecuteOptions o;
  o.elf_path = elf;
  o.input_path = input;
  o.legacy_inputs = true;
  o.stats = true;
  o.profile_top = 3;
  Result<ExecuteResult> r = execute(o);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r->exit, emu::ExitKind::kEnd) << r->fault;
  EXPECT_TRUE(exit_status(*r).is_ok());
  EXPECT_EQ(r->outputs[7], text.size());  // the guest publishes the record length
  ASSERT_TRUE(r->stats.has_value());
  std::uint64_t by_op = 0;
  for (const auto& oc : r->stats->ops) by_op += oc.count;
  EXPECT_EQ(by_op, r->steps);
  EXPECT_EQ(std::accumulate(r->stats->per_machine.begin(), r->stats->per_machine.end(), 0ull),
            r->steps);
  EXPECT_GT(r->stats->per_machine[static_cast<std::size_t>(zisk::Machine::kDma)], 0u);
  EXPECT_GT(r->stats->touched_bytes, 0u);
  ASSERT_EQ(r->profile.size(), 3u);
  EXPECT_EQ(r->profile[0].function, "main");
  EXPECT_GE(r->profile[0].steps, r->profile[1].steps);
  EXPECT_EQ(r->layout, "zisk");
}

TEST(Execute, ErrorsAreStatusesAndFaultsAreResults) {
  ExecuteOptions o;
  o.elf_path = ::testing::TempDir() + "/no_such.elf";
  EXPECT_FALSE(execute(o).is_ok());

  const std::uint8_t junk[] = {0x7f, 'E', 'L', 'F', 2, 1, 1};
  o.elf_path = write_tmp("junk.elf", junk);
  Result<ExecuteResult> r = execute(o);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kBadElf);
  EXPECT_NE(r.status().message().find("junk.elf"), std::string::npos);

  const std::string elf = guest_elf();
  if (elf.empty()) GTEST_SKIP() << "test guest not built";
  o.elf_path = elf;
  const std::uint8_t bad_record[] = {9, 0, 0, 0, 0, 0, 0, 0, 1};
  o.input_path = write_tmp("bad_record.bin", bad_record);
  r = execute(o);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kBadInput);

  o.input_path = "";  // the guest reads a record length from an empty input: 0, then runs
  o.max_steps = 1000;
  r = execute(o);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r->exit, emu::ExitKind::kStepLimit);
  EXPECT_EQ(r->steps, 1000u);
  const Status st = exit_status(*r);
  EXPECT_EQ(st.code(), ErrorCode::kGuestFault);
  EXPECT_NE(st.message().find("step limit"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("pc 0x"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace ziskc
