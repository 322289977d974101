// Adversarial tests of the verifier (docs/STARK.md "Audit"): each builds a concrete forged or
// malformed proof that a sound verifier must reject, or pins a protocol fact the soundness
// argument relies on. Forgeries come from three places: edits of an honest decoded proof, the
// prover's test-only cheating hooks (ProverOptions::tamper_*_for_tests: a prover that lies about
// its stage-2 columns or its out-of-domain openings), and hand-built hostile byte strings.
#include <gtest/gtest.h>

#include <random>

#include "stark/protocol.h"
#include "stark/prover.h"
#include "stark/testing/example_airs.h"
#include "stark/verifier.h"

namespace ziskc::stark {
namespace {

using testing::FibonacciAir;
using testing::RangeTableAir;
using testing::RangeUserAir;

StarkParams audit_params() {
  auto p = make_params({.security_bits = 128,
                        .log_blowup = 1,
                        .grinding_bits = 8,
                        .log_fold = 2,
                        .log_final_degree = 2});
  ZISKC_CHECK(p.is_ok(), "params");
  return *p;
}

InstanceSpec spec_of(std::uint32_t air, const poly::RowMajorMatrix& t, std::vector<Fe> iv = {}) {
  return {air, static_cast<std::uint32_t>(std::countr_zero(t.rows)), std::move(iv),
          [t]() -> Result<poly::RowMajorMatrix> { return t; }};
}

// Range user rows (x, y, sel = 1) with y' = x + y and x alternating 0, 1; the table
// multiplicities that balance them when `with_table`.
struct RangeRows {
  poly::RowMajorMatrix user, table;
};
RangeRows range_rows(unsigned log_n, unsigned log_table) {
  RangeRows r{poly::RowMajorMatrix::zeros(std::size_t{1} << log_n, 3),
              poly::RowMajorMatrix::zeros(std::size_t{1} << log_table, 1)};
  std::uint64_t y = 0;
  for (std::size_t i = 0; i < r.user.rows; ++i) {
    const std::uint64_t x = i % 2;
    r.user.at(i, 0) = Fe::from_u64(x);
    r.user.at(i, 1) = Fe::from_u64(y);
    r.user.at(i, 2) = Fe::one();
    r.table.at(x, 0) += Fe::one();
    r.table.at(y, 0) += Fe::one();
    y += x;
  }
  return r;
}

// ---- 1. An instance without stage 2 cannot carry a bus sum. ----
// The balance adds every instance's bus_sum; only instances with stage 2 absorb theirs and bind
// it by the running-sum constraints. An in-memory proof (verify() takes a Proof, not only bytes)
// could set bus_sum on a Fibonacci instance (no interactions) to cancel an unbalanced bus.
TEST(AuditTest, BusSumOfAnInstanceWithoutStage2IsRefused) {
  std::vector<AirPtr> airs = {make_air<RangeUserAir>(), make_air<FibonacciAir>()};
  auto pk = setup(airs, audit_params(), {});
  ASSERT_TRUE(pk.is_ok()) << pk.status().message();
  // The user assumes its values on the range bus and nothing proves them: unbalanced.
  const RangeRows rows = range_rows(4, 4);
  auto fib = testing::fibonacci_trace(4, Fe::one(), Fe::one());
  std::vector<Fe> pub = {Fe::one(), Fe::one(), fib.at(fib.rows - 1, 1)};
  auto proof = prove(*pk, pub, std::vector<InstanceSpec>{spec_of(0, rows.user), spec_of(1, fib)});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  Status st = verify(pk->vk, airs, *proof, {});
  ASSERT_EQ(st.code(), ErrorCode::kVerifyFailed);
  ASSERT_NE(st.message().find("bus balance"), std::string::npos) << st.message();
  // Forgery: the Fibonacci instance "contributes" the opposite of the user's bus sum.
  Proof forged = *proof;
  ASSERT_FALSE(forged.instances[1].has_stage2);
  forged.instances[1].bus_sum = -forged.instances[0].bus_sum;
  st = verify(pk->vk, airs, forged, {});
  EXPECT_EQ(st.code(), ErrorCode::kMalformedProof) << st.message();
  EXPECT_NE(st.message().find("instances[1].bus_sum"), std::string::npos) << st.message();
  // A stage-2 root on such an instance is not part of any proof either (canonical encoding).
  forged = *proof;
  forged.instances[1].stage2_root.v[0] = Fe::one();
  st = verify(pk->vk, airs, forged, {});
  EXPECT_EQ(st.code(), ErrorCode::kMalformedProof) << st.message();
  EXPECT_NE(st.message().find("instances[1].stage2_root"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace ziskc::stark
