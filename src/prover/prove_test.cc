// The pipeline on small assembler programs (sm/main/main_programs.h): proofs at tiny instance
// heights (several instances of every machine, continuations), verified; statement checks;
// refusals of programs that fault or cannot be proven.
#include "prover/prove.h"

#include <gtest/gtest.h>

#include "sm/main/main_programs.h"
#include "verifier/proof_file.h"
#include "verifier/verify.h"
#include "zisk/transpiler.h"

namespace ziskc {
namespace {

using verifier::AirKind;

zisk::Rom transpiled(const zisk::Program& p) {
  Result<zisk::Rom> r = zisk::transpile(p);
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  return std::move(r).value();
}

ProveOptions tiny_options(const zisk::Rom& rom, unsigned h) {
  ProveOptions o;
  o.rom = &rom;
  o.max_log_height.fill(h);
  o.cache_dir = ::testing::TempDir() + "/ziskc-prove-test-cache";
  // Fewer queries keep the tests fast; the verifier is told the same floor.
  o.params = {
      .log_blowup = 1, .log_fold = 2, .log_final_degree = 2, .grinding_bits = 0, .num_queries = 8};
  return o;
}

constexpr VerifyOptions kTestVerify{.min_security_bits = 8};

TEST(ProveTest, TinyProgramProvesAndVerifies) {
  const zisk::Rom rom = transpiled(sm::testing::tiny_program());
  ProveOptions o = tiny_options(rom, 5);
  o.check_constraints = true;
  Result<ProveResult> r = prove(o);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_GT(r->stats.airs[verifier::air_id(AirKind::kMain)].instances, 1u);
  Result<VerifyResult> v = verify(r->proof, &r->vk, kTestVerify);
  ASSERT_TRUE(v.is_ok()) << v.status().message();
  EXPECT_EQ(v->outputs, r->outputs);
  EXPECT_EQ(v->steps, r->steps);
}

}  // namespace
}  // namespace ziskc
