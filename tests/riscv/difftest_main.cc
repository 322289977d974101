// ziskc_difftest: runs random differential programs from the command line, to reproduce a
// failing seed printed by riscv_random_test or to run a long campaign.
//   ziskc_difftest --seed S [--count N] [--qemu-only] [--keep] [--ziskc PATH] [--work DIR]
// --qemu-only builds each program and runs only the qemu-riscv64 variant (validates the
// generator). Exit code 0 iff every program agreed (or ran, with --qemu-only).
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "difftest.h"
#include "program_gen.h"

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: ziskc_difftest --seed S [--count N] [--qemu-only] [--keep] "
               "[--ziskc PATH] [--work DIR]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ziskc::difftest;
  uint64_t seed = 1;
  uint64_t count = 1;
  bool qemu_only = false;
  bool keep = false;
  Tools tools = default_tools();
  std::string work = std::string(ZISKC_TESTS_WORK_DIR) + "/tool";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    bool has_value = i + 1 < argc;
    if (a == "--seed" && has_value) {
      seed = std::strtoull(argv[++i], nullptr, 0);
    } else if (a == "--count" && has_value) {
      count = std::strtoull(argv[++i], nullptr, 0);
    } else if (a == "--ziskc" && has_value) {
      tools.ziskc = argv[++i];
    } else if (a == "--work" && has_value) {
      work = argv[++i];
    } else if (a == "--qemu-only") {
      qemu_only = true;
    } else if (a == "--keep") {
      keep = true;
    } else {
      return usage();
    }
  }
  auto harness = Harness::create(tools, work);
  if (!harness) {
    std::fprintf(stderr, "error: %s\n", harness.status().message().c_str());
    return 3;
  }
  uint64_t failures = 0;
  for (uint64_t s = seed; s < seed + count; ++s) {
    std::string stem = fmt::format("seed_{}", s);
    std::string path = fmt::format("{}/{}.S", work, stem);
    std::string text = generate_program(s);
    ziskc::Status st = write_text_file(path, text);
    if (st.is_ok()) {
      if (qemu_only) {
        auto elfs = harness->build(path, stem);
        st = elfs ? harness->run_qemu(elfs->qemu).status() : elfs.status();
      } else {
        st = harness->compare(path, stem, keep);
      }
    }
    if (!st.is_ok()) {
      ++failures;
      std::printf("FAIL seed %llu (%s): %s\n", static_cast<unsigned long long>(s), path.c_str(),
                  st.message().c_str());
    } else if (!keep) {
      std::remove(path.c_str());
    }
  }
  std::printf("%llu of %llu programs %s\n", static_cast<unsigned long long>(count - failures),
              static_cast<unsigned long long>(count), qemu_only ? "ran on qemu" : "agreed");
  return failures == 0 ? 0 : 1;
}
