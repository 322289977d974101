// End-to-end tests of the prover and verifier on the example AIRs: completeness (single AIR,
// fixed columns, two AIRs on a bus, several instances with continuation buses), soundness
// (one corrupted witness cell per sampled (row, column) rejected by the verifier, unbalanced
// buses, wrong public values, wrong direct terms, reordered instances) and parameters below
// the verifier's floor.
#include "stark/prover.h"

#include <gtest/gtest.h>

#include <random>

#include "base/parallel.h"
#include "stark/row_checker.h"
#include "stark/testing/example_airs.h"
#include "stark/verifier.h"

namespace ziskc::stark {
namespace {

using testing::ChainAir;
using testing::FibonacciAir;
using testing::PowerAir;
using testing::RangeTableAir;
using testing::RangeUserAir;

// 128-bit conjectured security with cheap grinding: 120 queries at blowup 2.
StarkParams test_params() {
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

struct Fib {
  ProvingKey pk;
  std::vector<AirPtr> airs;
  poly::RowMajorMatrix trace;
  std::vector<Fe> pub;
};
Fib make_fib(unsigned log_n, StarkParams params = test_params()) {
  std::vector<AirPtr> airs = {make_air<FibonacciAir>()};
  auto pk = setup(airs, params, {});
  ZISKC_CHECK(pk.is_ok(), "setup");
  auto t = testing::fibonacci_trace(log_n, Fe::from_u64(1), Fe::from_u64(2));
  std::vector<Fe> pub = {Fe::from_u64(1), Fe::from_u64(2), t.at(t.rows - 1, 1)};
  return {std::move(pk).value(), airs, std::move(t), std::move(pub)};
}

TEST(ProverTest, FibonacciCompleteAndStable) {
  Fib f = make_fib(5);
  std::vector<InstanceSpec> specs = {spec_of(0, f.trace)};
  auto proof = prove(f.pk, f.pub, specs);
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  Status st = verify(f.pk.vk, f.airs, *proof, {});
  EXPECT_TRUE(st.is_ok()) << st.message();
  const std::vector<std::uint8_t> bytes = encode_proof(*proof);
  auto back = decode_proof(bytes);
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  EXPECT_TRUE(*back == *proof);
  EXPECT_TRUE(verify_bytes(f.pk.vk, f.airs, bytes, {}).is_ok());
  // Same inputs, same bytes, whatever the thread count and whether stage 1 is kept.
  const int threads = base::num_threads();
  base::set_num_threads(1);
  auto again = prove(f.pk, f.pub, specs, {.keep_stage1 = false});
  base::set_num_threads(threads);
  ASSERT_TRUE(again.is_ok()) << again.status().message();
  EXPECT_EQ(encode_proof(*again), bytes);
}

TEST(ProverTest, WrongPublicValuesFail) {
  Fib f = make_fib(4);
  std::vector<InstanceSpec> specs = {spec_of(0, f.trace)};
  auto proof = prove(f.pk, f.pub, specs);
  ASSERT_TRUE(proof.is_ok());
  for (std::size_t i = 0; i < f.pub.size(); ++i) {
    Proof p = *proof;
    p.public_values[i] += Fe::one();
    Status st = verify(f.pk.vk, f.airs, p, {});
    EXPECT_EQ(st.code(), ErrorCode::kVerifyFailed) << i;
    EXPECT_NE(st.message().find("constraints at zeta"), std::string::npos) << st.message();
  }
  // The honest prover refuses to prove a wrong claim.
  std::vector<Fe> wrong = f.pub;
  wrong[2] += Fe::one();
  auto bad = prove(f.pk, wrong, specs);
  ASSERT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("does not satisfy"), std::string::npos);
  auto checked = prove(f.pk, wrong, specs, {.check_constraints = true});
  ASSERT_FALSE(checked.is_ok());
  EXPECT_NE(checked.status().message().find("'fib.result' (last row) fails at row 15"),
            std::string::npos)
      << checked.status().message();
}

// Every column, sampled rows (first, last, middle, random): the corrupted witness is found by
// the row checker and the proof a cheating prover makes from it is rejected by the verifier.
template <class MakeSpecs>
void expect_corruptions_rejected(const ProvingKey& pk, std::span<const AirPtr> airs,
                                 std::span<const Fe> pub, const poly::RowMajorMatrix& honest,
                                 std::size_t target, MakeSpecs make_specs,
                                 const std::vector<DirectTerm>& direct, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  SCOPED_TRACE(::testing::Message() << "seed " << seed);
  const std::size_t n = honest.rows;
  for (std::size_t c = 0; c < honest.cols; ++c) {
    for (std::size_t r : {std::size_t{0}, n - 1, n / 2, static_cast<std::size_t>(rng() % n)}) {
      poly::RowMajorMatrix t = honest;
      t.at(r, c) += Fe::from_u64(1 + rng() % 1000);
      std::vector<InstanceSpec> specs = make_specs(t);
      const AirPtr& air = airs[specs[target].air_id];
      const CommittedTrace* fixed = pk.find_fixed(specs[target].air_id, specs[target].log_height);
      auto failure = find_constraint_failure(*air, 0, t, fixed ? &fixed->trace : nullptr, pub,
                                             specs[target].instance_values);
      ASSERT_TRUE(failure.is_ok());
      const bool constraint_broken = failure->has_value();
      auto proof = prove(pk, pub, specs, {.unchecked_for_tests = true});
      ASSERT_TRUE(proof.is_ok()) << proof.status().message();
      Status st = verify(pk.vk, airs, *proof, direct);
      EXPECT_EQ(st.code(), ErrorCode::kVerifyFailed)
          << "cell (" << r << ", " << c << "): " << st.message();
      // A cell that breaks no constraint can only be caught by the bus.
      if (!constraint_broken) {
        EXPECT_NE(st.message().find("bus balance"), std::string::npos) << st.message();
      }
    }
  }
}

TEST(ProverTest, FibonacciCorruptedCellsRejected) {
  Fib f = make_fib(4);
  expect_corruptions_rejected(
      f.pk, f.airs, f.pub, f.trace, 0,
      [](const poly::RowMajorMatrix& t) { return std::vector<InstanceSpec>{spec_of(0, t)}; }, {},
      1);
}

TEST(ProverTest, FixedColumnsAndInstanceValues) {
  std::vector<AirPtr> airs = {make_air<PowerAir>()};
  std::vector<FixedSpec> fixed = {{0, 4}, {0, 5}};
  // PowerAir's step has degree 4: blowup 4 (3 quotient chunks).
  StarkParams params = test_params();
  EXPECT_FALSE(setup(airs, params, fixed).is_ok());
  auto p4 = make_params({.security_bits = 128,
                         .log_blowup = 2,
                         .grinding_bits = 8,
                         .log_fold = 2,
                         .log_final_degree = 2});
  ASSERT_TRUE(p4.is_ok());
  auto pk = setup(airs, *p4, fixed);
  ASSERT_TRUE(pk.is_ok()) << pk.status().message();
  EXPECT_EQ(pk->shapes[0].num_quotient_chunks, 3u);
  EXPECT_EQ(pk->vk.fixed_roots.size(), 2u);
  auto t = testing::power_trace(4, Fe::from_u64(5));
  std::vector<Fe> iv = {t.at(0, 0), t.at(15, 0)};
  auto proof = prove(*pk, {}, std::vector<InstanceSpec>{spec_of(0, t, iv)});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  EXPECT_TRUE(verify(pk->vk, airs, *proof, {}).is_ok());
  // Wrong instance value: rejected.
  Proof p = *proof;
  p.instances[0].instance_values[1] += Fe::one();
  EXPECT_EQ(verify(pk->vk, airs, p, {}).code(), ErrorCode::kVerifyFailed);
  // A verification key with another fixed root (another program) rejects the proof.
  VerificationKey other = pk->vk;
  other.fixed_roots[0].root.v[0] += Fe::one();
  EXPECT_NE(verify(other, airs, *proof, {}).message().find("vk digest"), std::string::npos);
  // A height without committed fixed columns cannot be proven.
  auto t6 = testing::power_trace(6, Fe::from_u64(5));
  auto no = prove(*pk, {}, std::vector<InstanceSpec>{spec_of(0, t6, {t6.at(0, 0), t6.at(63, 0)})});
  EXPECT_EQ(no.status().code(), ErrorCode::kInvalidArgument);
  expect_corruptions_rejected(
      *pk, airs, {}, t, 0,
      [&](const poly::RowMajorMatrix& tt) { return std::vector<InstanceSpec>{spec_of(0, tt, iv)}; },
      {}, 2);
}

// Range user rows and the table multiplicities that balance them (see air_test.cc).
std::pair<poly::RowMajorMatrix, poly::RowMajorMatrix> range_witness(unsigned log_user,
                                                                    unsigned log_table,
                                                                    std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto user = poly::RowMajorMatrix::zeros(std::size_t{1} << log_user, 3);
  auto table = poly::RowMajorMatrix::zeros(std::size_t{1} << log_table, 1);
  const std::uint64_t range = std::uint64_t{1} << log_table;
  std::uint64_t y = rng() % range;
  for (std::size_t r = 0; r < user.rows; ++r) {
    const bool sel = (rng() % 4) != 0;
    std::uint64_t x = r + 1 == user.rows ? rng() % range : rng() % (range - y);
    user.at(r, 0) = Fe::from_u64(x);
    user.at(r, 1) = Fe::from_u64(y);
    user.at(r, 2) = sel ? Fe::one() : Fe::zero();
    if (sel) {
      table.at(x, 0) += Fe::one();
      table.at(y, 0) += Fe::one();
    }
    y = x + y;
  }
  return {user, table};
}

struct Range {
  std::vector<AirPtr> airs;
  ProvingKey pk;
};
Range make_range(unsigned log_table) {
  std::vector<AirPtr> airs = {make_air<RangeUserAir>(), make_air<RangeTableAir>(log_table)};
  std::vector<FixedSpec> fixed = {{1, log_table}};
  auto pk = setup(airs, test_params(), fixed);
  ZISKC_CHECK(pk.is_ok(), "setup");
  return {airs, std::move(pk).value()};
}

TEST(ProverTest, WitnessMustBeDeterministicAndInstancesSorted) {
  Fib f = make_fib(4);
  int calls = 0;
  poly::RowMajorMatrix t = f.trace;
  InstanceSpec flaky{0, 4, {}, [&]() -> Result<poly::RowMajorMatrix> {
                       poly::RowMajorMatrix m = t;
                       m.at(0, 0) += Fe::from_u64(calls++);  // differs on the second call
                       return m;
                     }};
  auto r = prove(f.pk, f.pub, std::vector<InstanceSpec>{flaky}, {.keep_stage1 = false});
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInternal);
  EXPECT_NE(r.status().message().find("different trace"), std::string::npos);
  // A witness of the wrong shape, and instances out of canonical order.
  InstanceSpec wrong{0, 5, {}, [&]() -> Result<poly::RowMajorMatrix> { return t; }};
  EXPECT_EQ(prove(f.pk, f.pub, std::vector<InstanceSpec>{wrong}).status().code(),
            ErrorCode::kInvalidArgument);
  Range rg = make_range(4);
  auto [user, table] = range_witness(4, 4, 1);
  std::vector<InstanceSpec> unsorted = {spec_of(1, table), spec_of(0, user)};
  auto u = prove(rg.pk, {}, unsorted);
  EXPECT_EQ(u.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(u.status().message().find("sorted by air"), std::string::npos);
}

TEST(ProverTest, TwoAirsBalanceABus) {
  Range rg = make_range(5);
  auto [user, table] = range_witness(6, 5, 3);
  std::vector<InstanceSpec> specs = {spec_of(0, user), spec_of(1, table)};
  std::vector<DirectTerm> none;
  auto proof = prove(rg.pk, {}, specs, {.direct_terms = &none});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  EXPECT_TRUE(verify(rg.pk.vk, rg.airs, *proof, {}).is_ok());
  EXPECT_TRUE(proof->instances[0].has_stage2);
  EXPECT_FALSE(proof->instances[0].bus_sum.is_zero());
  EXPECT_TRUE((proof->instances[0].bus_sum + proof->instances[1].bus_sum).is_zero());
  // A direct term that the buses do not need breaks the balance.
  std::vector<DirectTerm> extra = {{testing::kRangeBus, {Fe::from_u64(3)}, Fe::one()}};
  EXPECT_NE(verify(rg.pk.vk, rg.airs, *proof, extra).message().find("bus balance"),
            std::string::npos);
  // The table proving one more copy of 3: every instance is valid on its own, the balance
  // fails; the honest prover asked to check the balance refuses.
  auto t2 = table;
  t2.at(3, 0) += Fe::one();
  std::vector<InstanceSpec> specs2 = {spec_of(0, user), spec_of(1, t2)};
  EXPECT_EQ(prove(rg.pk, {}, specs2, {.direct_terms = &none}).status().code(),
            ErrorCode::kInvalidArgument);
  auto unbalanced = prove(rg.pk, {}, specs2);
  ASSERT_TRUE(unbalanced.is_ok());
  Status st = verify(rg.pk.vk, rg.airs, *unbalanced, {});
  EXPECT_EQ(st.code(), ErrorCode::kVerifyFailed);
  EXPECT_NE(st.message().find("bus balance"), std::string::npos) << st.message();
  // ... and the direct term assuming that copy restores it.
  std::vector<DirectTerm> fix = {{testing::kRangeBus, {Fe::from_u64(3)}, -Fe::one()}};
  EXPECT_TRUE(verify(rg.pk.vk, rg.airs, *unbalanced, fix).is_ok());
  // A value out of range (x = 40 >= 32) on the user's last row (where no transition reads it):
  // no table row proves it, so the proof fails the balance, and the debugger names it.
  auto u2 = user;
  auto t3 = table;
  const std::size_t last = u2.rows - 1;
  if (u2.at(last, 2) == Fe::one()) t3.at(u2.at(last, 0).value(), 0) -= Fe::one();
  u2.at(last, 0) = Fe::from_u64(40);
  u2.at(last, 2) = Fe::one();
  ASSERT_TRUE(check_constraints(*rg.airs[0], 0, u2, nullptr, {}, {}).is_ok());
  auto out_of_range = prove(rg.pk, {}, std::vector<InstanceSpec>{spec_of(0, u2), spec_of(1, t3)});
  ASSERT_TRUE(out_of_range.is_ok());
  EXPECT_NE(verify(rg.pk.vk, rg.airs, *out_of_range, {}).message().find("bus balance"),
            std::string::npos);
  BusDebugger d;
  ASSERT_TRUE(d.add_instance(*rg.airs[0], 0, u2, nullptr, {}, {}).is_ok());
  ASSERT_TRUE(d.add_instance(*rg.airs[1], 0, t3, &rg.pk.find_fixed(1, 5)->trace, {}, {}).is_ok());
  auto ub = d.unbalanced();
  ASSERT_EQ(ub.size(), 1u) << d.report();
  EXPECT_EQ(ub[0].tuple, std::vector<Fe>{Fe::from_u64(40)});
  EXPECT_EQ(ub[0].net, -Fe::one());
}

TEST(ProverTest, RangeCorruptedCellsRejected) {
  Range rg = make_range(4);
  auto [user, table] = range_witness(4, 4, 5);
  expect_corruptions_rejected(
      rg.pk, rg.airs, {}, user, 0,
      [&](const poly::RowMajorMatrix& t) {
        return std::vector<InstanceSpec>{spec_of(0, t), spec_of(1, table)};
      },
      {}, 6);
  expect_corruptions_rejected(
      rg.pk, rg.airs, {}, table, 1,
      [&](const poly::RowMajorMatrix& t) {
        return std::vector<InstanceSpec>{spec_of(0, user), spec_of(1, t)};
      },
      {}, 7);
}

struct Chain {
  std::vector<AirPtr> airs;
  ProvingKey pk;
  std::vector<poly::RowMajorMatrix> traces;
  std::vector<std::vector<Fe>> iv;
  std::vector<DirectTerm> ends;
};
Chain make_chain(unsigned log_n, int segments) {
  std::vector<AirPtr> airs = {make_air<ChainAir>()};
  auto pk = setup(airs, test_params(), {});
  ZISKC_CHECK(pk.is_ok(), "setup");
  Chain c{airs, std::move(pk).value(), {}, {}, {}};
  Fe a = Fe::zero(), b = Fe::one();
  c.ends.push_back({testing::kChainBus, {a, b}, Fe::one()});
  for (int i = 0; i < segments; ++i) {
    auto t = testing::fibonacci_trace(log_n, a, b);
    const std::size_t l = t.rows - 1;
    c.iv.push_back({a, b, t.at(l, 1), t.at(l, 0) + t.at(l, 1)});
    a = c.iv.back()[2];
    b = c.iv.back()[3];
    c.traces.push_back(std::move(t));
  }
  c.ends.push_back({testing::kChainBus, {a, b}, -Fe::one()});
  return c;
}

TEST(ProverTest, SeveralInstancesChainedByABus) {
  Chain c = make_chain(3, 3);
  std::vector<InstanceSpec> specs;
  for (std::size_t i = 0; i < c.traces.size(); ++i)
    specs.push_back(spec_of(0, c.traces[i], c.iv[i]));
  auto proof = prove(c.pk, {}, specs, {.direct_terms = &c.ends});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  ASSERT_EQ(proof->instances.size(), 3u);
  EXPECT_TRUE(verify(c.pk.vk, c.airs, *proof, c.ends).is_ok());
  // Without the statement's ends, or with a wrong end, the chain does not balance.
  EXPECT_EQ(verify(c.pk.vk, c.airs, *proof, {}).code(), ErrorCode::kVerifyFailed);
  auto wrong = c.ends;
  wrong[1].tuple[0] += Fe::one();
  EXPECT_NE(verify(c.pk.vk, c.airs, *proof, wrong).message().find("bus balance"),
            std::string::npos);
  // Dropping the middle segment breaks the chain.
  Proof p = *proof;
  p.instances.erase(p.instances.begin() + 1);
  EXPECT_EQ(verify(c.pk.vk, c.airs, p, c.ends).code(), ErrorCode::kVerifyFailed);
  // Swapping two instances changes every challenge: the instance proofs no longer verify.
  Proof s = *proof;
  std::swap(s.instances[0], s.instances[2]);
  EXPECT_EQ(verify(c.pk.vk, c.airs, s, c.ends).code(), ErrorCode::kVerifyFailed);
  // A forged continuation: segment 1 claims another start (its own constraints then fail).
  Proof f = *proof;
  f.instances[1].instance_values[0] += Fe::one();
  EXPECT_EQ(verify(c.pk.vk, c.airs, f, c.ends).code(), ErrorCode::kVerifyFailed);
}

// The smallest height (4 rows, fewer than the 8 AVX-512 lanes) with a bus and fixed columns.
TEST(ProverTest, SmallestHeightsWithABus) {
  Range rg = make_range(2);
  auto [user, table] = range_witness(2, 2, 11);
  auto proof = prove(rg.pk, {}, std::vector<InstanceSpec>{spec_of(0, user), spec_of(1, table)});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  Status st = verify(rg.pk.vk, rg.airs, *proof, {});
  EXPECT_TRUE(st.is_ok()) << st.message();
  Chain c = make_chain(2, 2);
  std::vector<InstanceSpec> specs = {spec_of(0, c.traces[0], c.iv[0]),
                                     spec_of(0, c.traces[1], c.iv[1])};
  auto chained = prove(c.pk, {}, specs, {.direct_terms = &c.ends});
  ASSERT_TRUE(chained.is_ok()) << chained.status().message();
  EXPECT_TRUE(verify(c.pk.vk, c.airs, *chained, c.ends).is_ok());
}

TEST(ProverTest, ChainCorruptedCellsRejected) {
  Chain c = make_chain(3, 2);
  expect_corruptions_rejected(
      c.pk, c.airs, {}, c.traces[1], 1,
      [&](const poly::RowMajorMatrix& t) {
        return std::vector<InstanceSpec>{spec_of(0, c.traces[0], c.iv[0]), spec_of(0, t, c.iv[1])};
      },
      c.ends, 8);
}

TEST(ProverTest, ParametersBelowTheFloorAreRefused) {
  auto weak = make_params({.security_bits = 60,
                           .log_blowup = 1,
                           .grinding_bits = 0,
                           .log_fold = 2,
                           .log_final_degree = 2});
  ASSERT_TRUE(weak.is_ok());
  EXPECT_EQ(weak->num_queries, 60u);
  Fib f = make_fib(4, *weak);
  auto proof = prove(f.pk, f.pub, std::vector<InstanceSpec>{spec_of(0, f.trace)});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  Status st = verify(f.pk.vk, f.airs, *proof, {});
  EXPECT_EQ(st.code(), ErrorCode::kVerifyFailed);
  EXPECT_NE(st.message().find("below the verifier's floor of 128"), std::string::npos)
      << st.message();
  Status low = verify(f.pk.vk, f.airs, *proof, {}, {.min_security_bits = 60});
  EXPECT_TRUE(low.is_ok()) << low.message();
  // Lowering the stated query count of a strong proof: refused by the floor.
  Fib g = make_fib(4);
  auto strong = prove(g.pk, g.pub, std::vector<InstanceSpec>{spec_of(0, g.trace)});
  ASSERT_TRUE(strong.is_ok());
  Proof p = *strong;
  p.params.num_queries = 100;
  EXPECT_NE(verify(g.pk.vk, g.airs, p, {}).message().find("floor"), std::string::npos);
  // 128 bits cannot be asked beyond the field bound.
  EXPECT_FALSE(make_params({.security_bits = 160}).is_ok());
  auto dflt = make_params();
  ASSERT_TRUE(dflt.is_ok());
  EXPECT_EQ(dflt->num_queries, 112u);  // (128 - 16) / 1
  EXPECT_EQ(conjectured_security_bits(*dflt), 128u);
}

}  // namespace
}  // namespace ziskc::stark
