// Random differential test: seeded random rv64imac programs (program_gen.h) run on
// qemu-riscv64 and on `ziskc execute`; registers x1..x31 and the scratch digest must agree.
// Built twice: riscv_random_test (label emu, a few hundred programs) and
// riscv_random_long_test (label long, thousands). Each batch is one ctest test, so ctest -j
// runs batches in parallel. A failure prints the seed, the kept .S file and the differing
// registers; reproduce with `ziskc_difftest --seed S --keep`.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>

#include "difftest.h"
#include "program_gen.h"

namespace ziskc::difftest {
namespace {

#ifndef ZISKC_RANDOM_BATCHES
#error "define ZISKC_RANDOM_BATCHES, ZISKC_RANDOM_PER_BATCH and ZISKC_RANDOM_SEED_BASE"
#endif

constexpr int kMaxReportedFailures = 3;

class RandomPrograms : public ::testing::TestWithParam<int> {};

TEST_P(RandomPrograms, AgreeWithQemu) {
  const int batch = GetParam();
  std::string work =
      fmt::format("{}/random_{}_{}", ZISKC_TESTS_WORK_DIR, ZISKC_RANDOM_SEED_BASE, batch);
  auto harness = Harness::create(default_tools(), work);
  ASSERT_TRUE(harness.is_ok()) << harness.status().message();
  int failures = 0;
  for (uint64_t i = 0; i < ZISKC_RANDOM_PER_BATCH && failures < kMaxReportedFailures; ++i) {
    uint64_t seed =
        ZISKC_RANDOM_SEED_BASE + static_cast<uint64_t>(batch) * ZISKC_RANDOM_PER_BATCH + i;
    std::string stem = fmt::format("seed_{}", seed);
    std::string path = fmt::format("{}/{}.S", work, stem);
    std::string text = generate_program(seed);
    Status st = write_text_file(path, text);
    ASSERT_TRUE(st.is_ok()) << st.message();
    st = harness->compare(path, stem);
    if (!st.is_ok()) {
      ++failures;
      ADD_FAILURE() << "seed " << seed << " (program kept at " << path << "):\n"
                    << st.message() << "\nreproduce: ziskc_difftest --seed " << seed << " --keep";
    } else {
      std::remove(path.c_str());
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Batches, RandomPrograms, ::testing::Range(0, ZISKC_RANDOM_BATCHES));

}  // namespace
}  // namespace ziskc::difftest
