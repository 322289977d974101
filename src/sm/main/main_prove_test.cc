// Full STARK proofs of Main + ROM: a program run at a tiny instance height (several Main
// instances chained), the other machines stood in by direct terms (each operation and memory
// record proved as the machine that owns it would), the statement's terms from the proof's
// public values. The proof verifies; a tampered witness forced through the prover, edited
// public values, and another program's key are all rejected by the verifier.
#include <gtest/gtest.h>

#include <bit>

#include "sm/main/main_programs.h"
#include "sm/main/main_testing.h"
#include "stark/keys.h"
#include "stark/prover.h"
#include "stark/verifier.h"

namespace ziskc::sm {
namespace {

stark::StarkParams test_params() {
  auto p = stark::make_params({.security_bits = 100,
                               .log_blowup = 1,
                               .grinding_bits = 4,
                               .log_fold = 3,
                               .log_final_degree = 3});
  ZISKC_CHECK(p.is_ok(), "params");
  return *p;
}

struct Statement {
  std::vector<stark::AirPtr> airs;
  stark::ProvingKey pk;
};

Statement setup_for(const testing::MainBuild& b) {
  Statement s;
  s.airs = {b.main_air, b.rom_air};
  const stark::FixedSpec fixed[] = {
      {.air_id = 1, .log_height = static_cast<std::uint32_t>(std::countr_zero(b.rom_fixed.rows))}};
  auto pk = stark::setup(s.airs, test_params(), fixed);
  ZISKC_CHECK(pk.is_ok(), "setup");
  s.pk = std::move(pk).value();
  return s;
}

std::vector<stark::InstanceSpec> specs_for(std::span<const MainInstance> main,
                                           const poly::RowMajorMatrix& rom_mult) {
  std::vector<stark::InstanceSpec> specs;
  for (const MainInstance& m : main) {
    specs.push_back({.air_id = 0,
                     .log_height = static_cast<std::uint32_t>(std::countr_zero(m.trace.rows)),
                     .instance_values = m.instance_values,
                     .witness = [t = m.trace]() -> Result<poly::RowMajorMatrix> { return t; }});
  }
  specs.push_back({.air_id = 1,
                   .log_height = static_cast<std::uint32_t>(std::countr_zero(rom_mult.rows)),
                   .instance_values = {},
                   .witness = [t = rom_mult]() -> Result<poly::RowMajorMatrix> { return t; }});
  return specs;
}

TEST(MainProveTest, ProofVerifiesAndTamperingFails) {
  testing::MainRun r = testing::run_program(testing::tiny_program(), {}, 6);
  testing::MainBuild b = testing::build_main(r, 6);
  ASSERT_GE(b.instances.size(), 3u);
  Statement s = setup_for(b);
  const std::vector<Fe> pv = testing::public_values(r);
  const std::vector<stark::DirectTerm> direct = testing::stand_in_terms(r, *b.records);
  const auto specs = specs_for(b.instances, b.rom_mult);
  auto proof = stark::prove(s.pk, pv, specs, {.direct_terms = &direct});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  const stark::VerifierOptions opts{.min_security_bits = 100};
  Status ok = stark::verify(s.pk.vk, s.airs, *proof, direct, opts);
  EXPECT_TRUE(ok.is_ok()) << ok.message();

  // Edited public values: the statement's pubout terms no longer match the execution.
  {
    std::vector<Fe> edited = pv;
    edited[1] += Fe::one();
    auto terms = testing::stand_in_terms(r, *b.records);
    auto pub = main_direct_terms(r.rom->layout(), edited, r.result.steps);
    ASSERT_TRUE(pub.is_ok());
    // Replace the statement's terms (the last 34) with the edited ones.
    terms.resize(terms.size() - pub->size());
    for (auto& t : *pub) terms.push_back(t);
    stark::Proof p = *proof;
    p.public_values = edited;
    EXPECT_EQ(stark::verify(s.pk.vk, s.airs, p, terms, opts).code(), ErrorCode::kVerifyFailed);
    EXPECT_EQ(stark::verify(s.pk.vk, s.airs, *proof, terms, opts).code(), ErrorCode::kVerifyFailed);
  }
  // A wrong copyb result in instance 1, forced through the prover.
  {
    std::vector<MainInstance> bad = b.instances;
    std::size_t r_bad = 0;
    for (std::size_t i = 1; i + 1 < bad[1].trace.rows; ++i) {
      const auto& c = *reinterpret_cast<const MainCols<Fe>*>(bad[1].trace.row(i).data());
      if (c.is_ext.is_zero() && c.rom.op == Fe::one()) {
        r_bad = i;
        break;
      }
    }
    ASSERT_NE(r_bad, 0u);
    bad[1].trace.at(r_bad, offsetof(MainCols<Fe>, c) / sizeof(Fe)) += Fe::one();
    auto forged = stark::prove(s.pk, pv, specs_for(bad, b.rom_mult), {.unchecked_for_tests = true});
    ASSERT_TRUE(forged.is_ok()) << forged.status().message();
    EXPECT_EQ(stark::verify(s.pk.vk, s.airs, *forged, direct, opts).code(),
              ErrorCode::kVerifyFailed);
  }
  // A dropped Main instance: the continuation chain breaks.
  {
    std::vector<MainInstance> fewer = b.instances;
    fewer.erase(fewer.begin() + 1);
    auto forged =
        stark::prove(s.pk, pv, specs_for(fewer, b.rom_mult), {.unchecked_for_tests = true});
    ASSERT_TRUE(forged.is_ok()) << forged.status().message();
    EXPECT_EQ(stark::verify(s.pk.vk, s.airs, *forged, direct, opts).code(),
              ErrorCode::kVerifyFailed);
  }
  // Another program's key: its ROM (fixed columns) differs, so the vk does.
  {
    testing::MainRun other_run = testing::run_program(emu::testing::stress_program(1), {}, 6);
    testing::MainBuild other = testing::build_main(other_run, 6);
    Statement os = setup_for(other);
    EXPECT_FALSE(os.pk.vk == s.pk.vk);
    EXPECT_FALSE(stark::verify(os.pk.vk, os.airs, *proof, direct, opts).is_ok());
  }
}

}  // namespace
}  // namespace ziskc::sm
