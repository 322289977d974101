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
using testing::PowerAir;
using testing::RangeTableAir;
using testing::RangeUserAir;

StarkParams audit_params(unsigned log_blowup = 1) {
  auto p = make_params({.security_bits = 128,
                        .log_blowup = log_blowup,
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

// ---- 2. A prover lying about its openings at zeta / zeta * omega. ----
// The check at zeta uses the openings the proof states; only the DEEP quotients
// (f(x) - f(zeta)) / (x - zeta) and (f(x) - f(zeta*omega)) / (x - zeta*omega), checked by FRI,
// tie them to the committed trees. These provers change some openings, then solve the
// out-of-domain equation for the first quotient opening so that the check at zeta passes: the
// verifier must still reject, in FRI.
using Lie = std::function<void(const TamperContext&, Openings&)>;

Lie solve_quotient_after(const ProvingKey& pk, std::size_t position, Lie lie) {
  return [&pk, position, lie](const TamperContext& c, Openings& o) {
    if (c.position != position) return;
    if (lie) lie(c, o);
    auto sides = [&] {
      return evaluate_ood(*pk.airs[c.air_id], pk.shapes[c.air_id], c.log_height, o, c.public_values,
                          c.instance_values, c.bus_sum, c.alpha, c.beta, c.gamma, c.zeta);
    };
    const OodSides before = sides();
    const Ext3 zh = c.zeta.pow(std::uint64_t{1} << c.log_height) - Ext3::one();
    // Q(zeta) = sum_c zeta^(c n) (q_c0 + X q_c1 + X^2 q_c2): q_00 enters with weight 1.
    o.quotient_z[0] += (before.constraints - before.quotient) * zh.inverse();
    const OodSides after = sides();
    ZISKC_CHECK(after.constraints == after.quotient, "the forged openings solve the check");
  };
}

void expect_rejected_by_fri(const Status& st, const char* what) {
  EXPECT_EQ(st.code(), ErrorCode::kVerifyFailed) << what << ": " << st.message();
  EXPECT_EQ(st.message().find("constraints at zeta"), std::string::npos)
      << what << ": the forged openings should pass the check at zeta: " << st.message();
  EXPECT_NE(st.message().find("fri"), std::string::npos) << what << ": " << st.message();
}

TEST(AuditTest, LyingAboutTraceAndQuotientOpeningsIsCaughtByDeep) {
  std::vector<AirPtr> airs = {make_air<FibonacciAir>()};
  auto pk = setup(airs, audit_params(), {});
  ASSERT_TRUE(pk.is_ok());
  auto trace = testing::fibonacci_trace(5, Fe::one(), Fe::from_u64(2));
  std::vector<Fe> pub = {Fe::one(), Fe::from_u64(2), trace.at(trace.rows - 1, 1)};
  auto honest = prove(*pk, pub, std::vector<InstanceSpec>{spec_of(0, trace)});
  ASSERT_TRUE(honest.is_ok());
  ASSERT_TRUE(verify(pk->vk, airs, *honest, {}).is_ok());

  // A trace breaking fib.b_next at rows 6 and 7: the quotient's excess degree dropped, the
  // check at zeta catches it; the quotient opening solved for instead, FRI catches it.
  auto bad = trace;
  bad.at(7, 1) += Fe::one();
  const std::vector<InstanceSpec> bad_specs = {spec_of(0, bad)};
  auto dropped = prove(*pk, pub, bad_specs, {.unchecked_for_tests = true});
  ASSERT_TRUE(dropped.is_ok());
  Status st = verify(pk->vk, airs, *dropped, {});
  EXPECT_NE(st.message().find("constraints at zeta"), std::string::npos) << st.message();
  auto solved = prove(*pk, pub, bad_specs,
                      {.tamper_openings_for_tests = solve_quotient_after(*pk, 0, nullptr)});
  ASSERT_TRUE(solved.is_ok());
  expect_rejected_by_fri(verify(pk->vk, airs, *solved, {}), "quotient");

  // An honest trace with one opening changed (this row, next row), quotient solved for.
  const std::vector<InstanceSpec> specs = {spec_of(0, trace)};
  const std::pair<const char*, Lie> lies[] = {
      {"main_z", [](const TamperContext&, Openings& o) { o.main_z[0] += Ext3::one(); }},
      {"main_zw", [](const TamperContext&, Openings& o) { o.main_zw[1] += Ext3::one(); }},
  };
  for (const auto& [what, lie] : lies) {
    auto p =
        prove(*pk, pub, specs, {.tamper_openings_for_tests = solve_quotient_after(*pk, 0, lie)});
    ASSERT_TRUE(p.is_ok()) << what;
    expect_rejected_by_fri(verify(pk->vk, airs, *p, {}), what);
    expect_rejected_by_fri(verify_bytes(pk->vk, airs, encode_proof(*p), {}), what);
  }
}

TEST(AuditTest, LyingAboutFixedOpeningsIsCaughtByDeep) {
  std::vector<AirPtr> airs = {make_air<PowerAir>()};
  std::vector<FixedSpec> fixed = {{0, 4}};
  auto pk = setup(airs, audit_params(/*log_blowup=*/2), fixed);  // degree 4: blowup 4
  ASSERT_TRUE(pk.is_ok()) << pk.status().message();
  auto trace = testing::power_trace(4, Fe::from_u64(3));
  std::vector<Fe> iv = {Fe::from_u64(3), trace.at(trace.rows - 1, 0)};
  const std::vector<InstanceSpec> specs = {spec_of(0, trace, iv)};
  auto honest = prove(*pk, {}, specs);
  ASSERT_TRUE(honest.is_ok()) << honest.status().message();
  ASSERT_TRUE(verify(pk->vk, airs, *honest, {}).is_ok());
  const std::pair<const char*, Lie> lies[] = {
      {"fixed_z", [](const TamperContext&, Openings& o) { o.fixed_z[0] += Ext3::one(); }},
      {"fixed_zw", [](const TamperContext&, Openings& o) { o.fixed_zw[0] += Ext3::one(); }},
  };
  for (const auto& [what, lie] : lies) {
    auto p =
        prove(*pk, {}, specs, {.tamper_openings_for_tests = solve_quotient_after(*pk, 0, lie)});
    ASSERT_TRUE(p.is_ok()) << what;
    expect_rejected_by_fri(verify(pk->vk, airs, *p, {}), what);
  }
}

// ---- 3. A prover lying about its logUp columns. ----
// Range user + table with one table copy missing: the buses do not balance by exactly
// -1/f(v). The cheating prover shifts the table's stage-2 columns so that its bus sum absorbs
// the difference, breaking one logUp constraint each time (helper, running-sum transition,
// first row, last row). The balance then holds, so only the logUp constraints, checked at zeta,
// can reject; with the quotient opening solved for too, FRI must reject.
struct RangeForgery {
  std::vector<AirPtr> airs = {make_air<RangeUserAir>(), make_air<RangeTableAir>(4)};
  ProvingKey pk;
  std::vector<InstanceSpec> specs;
  Fe missing;  // the value whose table copy is missing
};

RangeForgery range_forgery() {
  RangeForgery f;
  std::vector<FixedSpec> fixed = {{1, 4}};
  auto pk = setup(f.airs, audit_params(), fixed);
  ZISKC_CHECK(pk.is_ok(), "setup");
  f.pk = std::move(pk).value();
  RangeRows rows = range_rows(4, 4);
  f.missing = rows.user.at(9, 1);
  rows.table.at(f.missing.value(), 0) -= Fe::one();
  f.specs = {spec_of(0, rows.user), spec_of(1, rows.table)};
  return f;
}

Ext3 total_bus_sum(const Proof& p) {
  Ext3 t;
  for (const InstanceProof& ip : p.instances) t += ip.bus_sum;
  return t;
}

void add_ext(poly::RowMajorMatrix& m, std::size_t row, std::size_t ext_col, const Ext3& d) {
  for (std::size_t j = 0; j < 3; ++j) m.at(row, 3 * ext_col + j) += d[j];
}

TEST(AuditTest, LyingAboutLogupColumnsIsCaught) {
  RangeForgery f = range_forgery();
  auto unbalanced = prove(f.pk, {}, f.specs);
  ASSERT_TRUE(unbalanced.is_ok());
  EXPECT_NE(verify(f.pk.vk, f.airs, *unbalanced, {}).message().find("bus balance"),
            std::string::npos);
  using Shift = std::function<void(poly::RowMajorMatrix&, Ext3&, const Ext3&)>;
  constexpr std::size_t kRow = 5, kHelper = 0, kSum = 1;  // the table: one helper, the sum
  const std::pair<const char*, Shift> shifts[] = {
      {"helper",
       [](poly::RowMajorMatrix& s2, Ext3& sum, const Ext3& d) {
         add_ext(s2, kRow, kHelper, d);
         for (std::size_t r = kRow; r < s2.rows; ++r) add_ext(s2, r, kSum, d);
         sum += d;
       }},
      {"transition",
       [](poly::RowMajorMatrix& s2, Ext3& sum, const Ext3& d) {
         for (std::size_t r = kRow; r < s2.rows; ++r) add_ext(s2, r, kSum, d);
         sum += d;
       }},
      {"first row",
       [](poly::RowMajorMatrix& s2, Ext3& sum, const Ext3& d) {
         for (std::size_t r = 0; r < s2.rows; ++r) add_ext(s2, r, kSum, d);
         sum += d;
       }},
      {"last row", [](poly::RowMajorMatrix&, Ext3& sum, const Ext3& d) { sum += d; }},
  };
  for (const auto& [what, shift] : shifts) {
    auto stage2 = [&, shift = shift](const TamperContext& c, poly::RowMajorMatrix& s2, Ext3& sum) {
      if (c.position != 1) return;
      ZISKC_CHECK(s2.cols == 6, "table stage 2: one helper and the running sum");
      const auto d = logup_term(c.alpha, c.beta, {testing::kRangeBus, {f.missing}, Fe::one()});
      ZISKC_CHECK(d.is_ok(), "fingerprint");
      shift(s2, sum, *d);
    };
    auto forged = prove(f.pk, {}, f.specs, {.tamper_stage2_for_tests = stage2});
    ASSERT_TRUE(forged.is_ok()) << what;
    ASSERT_TRUE(total_bus_sum(*forged).is_zero()) << what << ": the forgery balances the buses";
    Status st = verify(f.pk.vk, f.airs, *forged, {});
    EXPECT_EQ(st.code(), ErrorCode::kVerifyFailed) << what;
    EXPECT_NE(st.message().find("instance 1 (air 'range_table'): constraints at zeta"),
              std::string::npos)
        << what << ": " << st.message();
    // The same with the quotient opening solved for: the check at zeta passes, FRI rejects.
    auto solved = prove(f.pk, {}, f.specs,
                        {.tamper_stage2_for_tests = stage2,
                         .tamper_openings_for_tests = solve_quotient_after(f.pk, 1, nullptr)});
    ASSERT_TRUE(solved.is_ok()) << what;
    ASSERT_TRUE(total_bus_sum(*solved).is_zero()) << what;
    expect_rejected_by_fri(verify(f.pk.vk, f.airs, *solved, {}), what);
  }
}

TEST(AuditTest, LyingAboutStage2OpeningsIsCaughtByDeep) {
  std::vector<AirPtr> airs = {make_air<RangeUserAir>(), make_air<RangeTableAir>(4)};
  std::vector<FixedSpec> fixed = {{1, 4}};
  auto pk = setup(airs, audit_params(), fixed);
  ASSERT_TRUE(pk.is_ok());
  const RangeRows rows = range_rows(4, 4);
  const std::vector<InstanceSpec> specs = {spec_of(0, rows.user), spec_of(1, rows.table)};
  auto honest = prove(*pk, {}, specs);
  ASSERT_TRUE(honest.is_ok());
  ASSERT_TRUE(verify(pk->vk, airs, *honest, {}).is_ok());
  const std::pair<const char*, Lie> lies[] = {
      {"stage2_z", [](const TamperContext&, Openings& o) { o.stage2_z[3] += Ext3::one(); }},
      {"stage2_zw", [](const TamperContext&, Openings& o) { o.stage2_zw[0] += Ext3::one(); }},
  };
  for (const auto& [what, lie] : lies) {
    auto p =
        prove(*pk, {}, specs, {.tamper_openings_for_tests = solve_quotient_after(*pk, 0, lie)});
    ASSERT_TRUE(p.is_ok()) << what;
    expect_rejected_by_fri(verify(pk->vk, airs, *p, {}), what);
  }
}

}  // namespace
}  // namespace ziskc::stark
