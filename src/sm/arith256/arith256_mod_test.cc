// The Arith256Mod machine on its own (sm/arith256/air_mod.h): completeness on random and edge
// operands (d and q from the trace against GMP, module 1 with a 512-bit quotient, module
// 2^256 - 1, a * b + c < module); bus balance against Main, memory and Range16; the row checker
// on corrupted cells of every constrained group, a wrong d limb, a non-reduced d (d + module
// with q - 1: the limb identity still holds, "reduced" fails), broken borrows; records from
// replayed steps (a zero module refused); full STARK proof verifies, tampering fails.
#include <gtest/gtest.h>

#include <cstddef>
#include <iostream>
#include <map>
#include <random>
#include <string>

#include "precompile/test_util.h"
#include "sm/arith256/air_mod.h"
#include "sm/arith256/arith256.h"
#include "stark/prover.h"
#include "stark/row_checker.h"
#include "stark/verifier.h"
#include "zisk/instruction.h"

namespace ziskc::sm {
namespace {

using field::Fe;
using precompile::testing::Mpz;
using precompile::testing::to_mpz;

constexpr std::size_t col(std::size_t offset_bytes) { return offset_bytes / sizeof(Fe); }
#define MOD_COL(name) col(offsetof(Arith256ModCols<Fe>, name))
constexpr std::size_t kColSel = MOD_COL(sel);
constexpr std::size_t kColPtr = MOD_COL(ptr);
constexpr std::size_t kColA = MOD_COL(a);
constexpr std::size_t kColB = MOD_COL(b);
constexpr std::size_t kColC = MOD_COL(c);
constexpr std::size_t kColM = MOD_COL(m);
constexpr std::size_t kColD = MOD_COL(d);
constexpr std::size_t kColE = MOD_COL(e);
constexpr std::size_t kColBorrow = MOD_COL(borrow);
constexpr std::size_t kColQ = MOD_COL(q);
constexpr std::size_t kColCarryLo = MOD_COL(carry_lo);
constexpr std::size_t kColCarryHi = MOD_COL(carry_hi);
#undef MOD_COL
constexpr std::uint64_t kMax = ~std::uint64_t{0};
constexpr unsigned L = kArith256Limbs;

std::mt19937_64 seeded(std::uint64_t seed) {
  std::cout << "[ seed     ] " << seed << "\n";
  return std::mt19937_64(seed);
}

Arith256ModRecord record(std::uint64_t step, std::uint64_t addr, const U256& a, const U256& b,
                         const U256& c, const U256& m) {
  return {.step = step,
          .addr = addr,
          .ptr = {addr + 0x100, addr + 0x200, addr + 0x300, addr + 0x400, addr + 0x500},
          .a = a,
          .b = b,
          .c = c,
          .m = m};
}

U256 random_u256(std::mt19937_64& rng) {
  U256 x;
  for (auto& v : x) v = rng();
  const unsigned keep = 1 + rng() % 4;
  for (unsigned w = keep; w < kArith256Words; ++w) x[w] = rng() % 3 == 0 ? 0 : x[w];
  return x;
}

std::vector<Arith256ModRecord> random_records(std::mt19937_64& rng, std::size_t n) {
  std::vector<Arith256ModRecord> out;
  for (std::size_t k = 0; k < n; ++k) {
    U256 m = random_u256(rng);
    if (m == U256{}) m[0] = 1;
    out.push_back(record(1000 + 7 * k, 0xA001'0000 + 0x1000 * k, random_u256(rng), random_u256(rng),
                         random_u256(rng), m));
  }
  return out;
}

std::vector<Arith256ModRecord> edge_records() {
  const U256 zero{}, ones{kMax, kMax, kMax, kMax}, one{1, 0, 0, 0}, two{2, 0, 0, 0},
      big{5, 0, 0, 1ull << 63}, secp{0xFFFFFFFEFFFFFC2Full, kMax, kMax, kMax};
  const U256 cases[][4] = {{ones, ones, ones, one},   // q = 2^512 - 2^256, d = 0
                           {ones, ones, ones, ones},  // module 2^256 - 1
                           {zero, zero, zero, one},  {one, one, zero, two},
                           {two, two, zero, ones},  // a * b + c < module: q = 0
                           {ones, ones, ones, big},  {ones, big, one, secp},
                           {big, big, big, secp}};
  std::vector<Arith256ModRecord> out;
  for (std::size_t k = 0; k < std::size(cases); ++k) {
    out.push_back(record(20 + 3 * k, 0xA000'0000 + 0x1000 * k, cases[k][0], cases[k][1],
                         cases[k][2], cases[k][3]));
  }
  return out;
}

const stark::Air& air() {
  static const stark::AirPtr a = stark::make_air<Arith256ModAir>();
  return *a;
}

std::optional<stark::ConstraintFailure> failure(const poly::RowMajorMatrix& t) {
  auto r = stark::find_constraint_failure(air(), 0, t, nullptr, {}, {});
  ZISKC_CHECK(r.is_ok(), "shape");
  return *r;
}

poly::RowMajorMatrix trace(std::span<const Arith256ModRecord> recs, unsigned log_h) {
  TableCounts range16(std::size_t{1} << 16);
  return arith256_mod_trace(recs, log_h, range16);
}

Mpz limbs_value(const poly::RowMajorMatrix& t, std::size_t row, std::size_t c0, unsigned n) {
  std::vector<std::uint64_t> w(n / 4, 0);
  for (unsigned i = 0; i < n; ++i) w[i / 4] |= t.at(row, c0 + i).value() << (16 * (i % 4));
  return to_mpz(w.data(), w.size());
}

// Range-checked columns: a .. e (6 x 16, contiguous), q and the carries (contiguous).
bool range_checked(std::size_t c) {
  return (c >= kColA && c < kColE + L) || (c >= kColQ && c < kArith256ModWidth);
}

std::vector<stark::DirectTerm> all_terms(std::span<const Arith256ModRecord> recs,
                                         const poly::RowMajorMatrix& t) {
  std::vector<stark::DirectTerm> out;
  const auto u = [](std::uint64_t v) { return Fe::from_u64(v); };
  for (const Arith256ModRecord& r : recs) {
    out.push_back({kOperationBus,
                   {u(0xf3), u(0), u(0), u(r.addr), u(0), u(0), u(0), u(0), u(r.step), u(0)},
                   -Fe::one()});
    std::vector<MemAccess> acc;
    arith256_mod_mem_accesses(r, acc);
    for (const MemAccess& a : acc) {
      out.push_back(
          {kMemoryBus,
           {u(a.mem_op), u(a.addr), u(a.mem_step), u(8), u(a.value & 0xFFFFFFFF), u(a.value >> 32)},
           Fe::one()});
    }
  }
  std::map<std::uint64_t, std::uint64_t> counts;
  for (std::size_t r = 0; r < t.rows; ++r) {
    if (t.at(r, kColSel) != Fe::one()) continue;
    for (std::size_t c = 0; c < kArith256ModWidth; ++c) {
      if (!range_checked(c)) continue;
      const std::uint64_t v = t.at(r, c).value();
      if (v < (1u << 16)) ++counts[v];
    }
  }
  for (auto [v, n] : counts) out.push_back({kRange16Bus, {u(v)}, u(n)});
  return out;
}

std::vector<stark::BusDebugger::Unbalanced> unbalanced(const poly::RowMajorMatrix& t,
                                                       std::span<const stark::DirectTerm> terms) {
  stark::BusDebugger bus;
  ZISKC_CHECK(bus.add_instance(air(), 0, t, nullptr, {}, {}).is_ok(), "instance");
  for (const auto& d : terms) bus.add_direct(d);
  return bus.unbalanced();
}

TEST(Arith256ModTest, TraceMatchesGmp) {
  auto rng = seeded(0x6d6f6431);
  std::vector<Arith256ModRecord> recs = edge_records();
  for (auto& r : random_records(rng, 200)) recs.push_back(r);
  const poly::RowMajorMatrix t = trace(recs, 8);
  const Status st = stark::check_constraints(air(), 0, t, nullptr, {}, {});
  ASSERT_TRUE(st.is_ok()) << st.message();
  for (std::size_t k = 0; k < recs.size(); ++k) {
    const Arith256ModRecord& r = recs[k];
    Mpz v, q, d;
    mpz_mul(v.get(), to_mpz(r.a.data(), 4).get(), to_mpz(r.b.data(), 4).get());
    mpz_add(v.get(), v.get(), to_mpz(r.c.data(), 4).get());
    mpz_fdiv_qr(q.get(), d.get(), v.get(), to_mpz(r.m.data(), 4).get());
    EXPECT_EQ(mpz_cmp(d.get(), limbs_value(t, k, kColD, L).get()), 0) << "call " << k;
    EXPECT_EQ(mpz_cmp(q.get(), limbs_value(t, k, kColQ, 2 * L).get()), 0) << "call " << k;
    const U256 out = arith256_mod_output(r);
    EXPECT_EQ(mpz_cmp(d.get(), to_mpz(out.data(), 4).get()), 0) << "call " << k;
  }
  // Module 1 of all ones: the quotient needs more than 256 bits.
  EXPECT_GT(mpz_sizeinbase(limbs_value(t, 0, kColQ, 2 * L).get(), 2), 256u);
  EXPECT_TRUE(unbalanced(t, all_terms(recs, t)).empty());
}

TEST(Arith256ModTest, RowCheckerFindsCorruptedCellsAndNonReducedResults) {
  auto rng = seeded(0x6d6f6432);
  const std::vector<Arith256ModRecord> recs = random_records(rng, 5);
  const poly::RowMajorMatrix honest = trace(recs, 3);
  ASSERT_FALSE(failure(honest).has_value());
  struct Group {
    const char* name;
    std::size_t first, count;
    const char* constraint;
  };
  const Group groups[] = {
      {"a", kColA, L, "arith256_mod.limb_identity"},
      {"b", kColB, L, "arith256_mod.limb_identity"},
      {"c", kColC, L, "arith256_mod.limb_identity"},
      {"m", kColM, L, "arith256_mod.limb_identity"},
      {"d", kColD, L, "arith256_mod.limb_identity"},
      {"e", kColE, L, "arith256_mod.reduced"},
      {"q", kColQ, 2 * L, "arith256_mod.limb_identity"},
      {"carry_lo", kColCarryLo, kArith256ModCarries, "arith256_mod.limb_identity"},
      {"carry_hi", kColCarryHi, kArith256ModCarries, "arith256_mod.limb_identity"}};
  for (const Group& g : groups) {
    for (int sample = 0; sample < 6; ++sample) {
      const std::size_t c = g.first + rng() % g.count;
      const std::size_t r = rng() % recs.size();
      poly::RowMajorMatrix t = honest;
      t.at(r, c) += Fe::one();
      const auto f = failure(t);
      ASSERT_TRUE(f.has_value()) << g.name << " column " << c << " row " << r;
      EXPECT_EQ(f->row, r) << g.name;
      if (g.first != kColM && g.first != kColD) {  // m and d are in both identities
        EXPECT_EQ(f->constraint, g.constraint) << g.name;
      }
    }
  }
  {  // A borrow that is not a bit, and a flipped borrow.
    poly::RowMajorMatrix t = honest;
    t.at(1, kColBorrow + 3) = Fe::from_u64(2);
    ASSERT_TRUE(failure(t).has_value());
    t = honest;
    t.at(1, kColBorrow + 3) = Fe::one() - t.at(1, kColBorrow + 3);
    const auto f = failure(t);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->constraint, "arith256_mod.reduced");
  }
  {  // sel = 2.
    poly::RowMajorMatrix t = honest;
    t.at(2, kColSel) = Fe::from_u64(2);
    const auto f = failure(t);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->constraint, "arith256_mod.sel_bool");
  }
  // A non-reduced result: d + module and q - 1 (a call with q >= 1 and d + module < 2^256), the
  // carries recomputed so that the limb identity holds; e = (module - 1 - d') mod 2^256 in
  // range with its borrows. Only "reduced" can fail, and does.
  std::size_t r = 0;
  Mpz two256;
  mpz_ui_pow_ui(two256.get(), 2, 256);
  for (; r < recs.size(); ++r) {
    Mpz dm;
    mpz_add(dm.get(), limbs_value(honest, r, kColD, L).get(),
            limbs_value(honest, r, kColM, L).get());
    if (mpz_sgn(limbs_value(honest, r, kColQ, 2 * L).get()) > 0 &&
        mpz_cmp(dm.get(), two256.get()) < 0)
      break;
  }
  ASSERT_LT(r, recs.size());
  poly::RowMajorMatrix t = honest;
  std::uint64_t d[L], m[L], q[2 * L], a[L], b[L], cc[L];
  for (unsigned i = 0; i < L; ++i) {
    d[i] = t.at(r, kColD + i).value(), m[i] = t.at(r, kColM + i).value();
    a[i] = t.at(r, kColA + i).value(), b[i] = t.at(r, kColB + i).value();
    cc[i] = t.at(r, kColC + i).value();
  }
  for (unsigned i = 0; i < 2 * L; ++i) q[i] = t.at(r, kColQ + i).value();
  {  // d += m, q -= 1 (16-bit limb arithmetic).
    std::uint64_t cy = 0;
    for (unsigned i = 0; i < L; ++i) {
      const std::uint64_t s = d[i] + m[i] + cy;
      d[i] = s & 0xFFFF, cy = s >> 16;
    }
    ASSERT_EQ(cy, 0u);
    std::uint64_t br = 1;
    for (unsigned i = 0; i < 2 * L; ++i) {
      const std::uint64_t s = q[i] + 0x10000 - br;
      q[i] = s & 0xFFFF, br = 1 - (s >> 16);
    }
    ASSERT_EQ(br, 0u);
  }
  __int128 acc = 0;
  for (unsigned k = 0; k < kArith256ModPositions; ++k) {
    __int128 s = acc;
    for (unsigned i = 0; i < L; ++i) {
      if (k >= i && k - i < L) s += static_cast<__int128>(a[i] * b[k - i]);
      if (k >= i && k - i < 2 * L) s -= static_cast<__int128>(q[k - i] * m[i]);
    }
    if (k < L) s += static_cast<__int128>(cc[k]) - static_cast<__int128>(d[k]);
    ASSERT_EQ(static_cast<std::uint64_t>(s) & 0xFFFF, 0u) << k;
    acc = s >> 16;
    if (k < kArith256ModCarries) {
      const std::uint64_t cv = static_cast<std::uint64_t>(acc + kArith256ModCarryOffset);
      t.at(r, kColCarryLo + k) = Fe::from_u64(cv & 0xFFFF);
      t.at(r, kColCarryHi + k) = Fe::from_u64(cv >> 16);
    }
  }
  ASSERT_EQ(static_cast<std::int64_t>(acc), 0);
  // e = m - 1 - d' wraps (d' >= m): its limbs and borrows as the builder would compute them.
  std::uint64_t br = 1;  // subtract 1 + d' from m, limb by limb
  for (unsigned i = 0; i < L; ++i) {
    const std::uint64_t sub = d[i] + br;
    const std::uint64_t e = (m[i] + 0x20000 - sub) & 0xFFFF;
    t.at(r, kColE + i) = Fe::from_u64(e);
    const std::uint64_t s = d[i] + e + (i == 0 ? 1 : t.at(r, kColBorrow + i - 1).value());
    br = (m[i] < sub) ? 1 : 0;
    if (i + 1 < L) t.at(r, kColBorrow + i) = Fe::from_u64(s >> 16);
  }
  for (unsigned i = 0; i < L; ++i) t.at(r, kColD + i) = Fe::from_u64(d[i]);
  for (unsigned i = 0; i < 2 * L; ++i) t.at(r, kColQ + i) = Fe::from_u64(q[i]);
  const auto f = failure(t);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->constraint, "arith256_mod.reduced");
  EXPECT_EQ(f->row, r);
}

struct FakeStep {
  zisk::ZiskInst inst;
  std::vector<emu::MemAccess> acc;
  emu::StepRecord step(const Arith256ModRecord& r) const {
    return {.step = r.step, .pc = 0x1000, .inst = &inst, .b = r.addr, .accesses = acc};
  }
};

FakeStep fake_step(const Arith256ModRecord& r, const U256& d) {
  FakeStep s;
  s.inst.op = zisk::Op::kArith256Mod;
  const auto push = [&](emu::MemAccess::Kind k, std::uint8_t slot, std::uint64_t addr,
                        std::uint64_t v) {
    s.acc.push_back({.kind = k, .slot = slot, .addr = addr, .value = v});
  };
  for (unsigned i = 0; i < kArith256BlockWords; ++i) {
    push(emu::MemAccess::kLoad, emu::kSlotOpRead, r.addr + 8 * i, r.ptr[i]);
  }
  const U256* ops[4] = {&r.a, &r.b, &r.c, &r.m};
  for (unsigned k = 0; k < 4; ++k) {
    for (unsigned w = 0; w < 4; ++w) {
      push(emu::MemAccess::kLoad, emu::kSlotOpRead, r.ptr[k] + 8 * w, (*ops[k])[w]);
    }
  }
  for (unsigned w = 0; w < 4; ++w) {
    push(emu::MemAccess::kStore, emu::kSlotOpWrite, r.ptr[4] + 8 * w, d[w]);
  }
  return s;
}

TEST(Arith256ModTest, RecordFromStepChecksTheAccesses) {
  auto rng = seeded(0x6d6f6433);
  const Arith256ModRecord want = random_records(rng, 1)[0];
  FakeStep f = fake_step(want, arith256_mod_output(want));
  std::vector<Arith256ModRecord> recs;
  ASSERT_TRUE(arith256_mod_record_from_step(f.step(want), recs).is_ok());
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].m, want.m);
  EXPECT_EQ(recs[0].ptr, want.ptr);
  std::vector<MemAccess> acc;
  arith256_mod_mem_accesses(recs[0], acc);
  ASSERT_EQ(acc.size(), f.acc.size());
  for (std::size_t i = 0; i < acc.size(); ++i) {
    EXPECT_EQ(acc[i].addr, f.acc[i].addr);
    EXPECT_EQ(acc[i].value, f.acc[i].value);
    EXPECT_EQ(acc[i].mem_step, emu::mem_step(want.step, f.acc[i].slot));
  }
  // A non-reduced d written (d + module, when it fits): refused.
  FakeStep g = f;
  g.acc.back().value ^= 1;
  EXPECT_EQ(arith256_mod_record_from_step(g.step(want), recs).code(), ErrorCode::kInvalidArgument);
  // A zero module.
  Arith256ModRecord z = want;
  z.m = {};
  FakeStep zs = fake_step(z, {});
  const Status zst = arith256_mod_record_from_step(zs.step(z), recs);
  EXPECT_EQ(zst.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(zst.message().find("module is zero"), std::string::npos) << zst.message();
  // module* == a*: not supported yet.
  Arith256ModRecord ov = want;
  ov.ptr[3] = ov.ptr[0];
  ov.m = ov.a;
  if (ov.m == U256{}) ov.m[0] = 1, ov.a[0] = 1;
  FakeStep o = fake_step(ov, arith256_mod_output(ov));
  EXPECT_EQ(arith256_mod_record_from_step(o.step(ov), recs).code(), ErrorCode::kUnsupported);
  // arith256 is another op.
  FakeStep k = f;
  k.inst.op = zisk::Op::kArith256;
  EXPECT_EQ(arith256_mod_record_from_step(k.step(want), recs).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(recs.size(), 1u);
}

TEST(Arith256ModTest, FullProofVerifiesAndTamperingFails) {
  auto rng = seeded(0x6d6f6434);
  std::vector<Arith256ModRecord> recs = random_records(rng, 5);
  recs.push_back(edge_records()[0]);
  constexpr unsigned kLogH = 3;
  const poly::RowMajorMatrix honest = trace(recs, kLogH);
  const std::vector<stark::DirectTerm> terms = all_terms(recs, honest);
  ASSERT_TRUE(unbalanced(honest, terms).empty());
  const std::vector<stark::AirPtr> airs = {stark::make_air<Arith256ModAir>()};
  auto p = stark::make_params({.security_bits = 128,
                               .log_blowup = 1,
                               .grinding_bits = 8,
                               .log_fold = 2,
                               .log_final_degree = 2});
  ASSERT_TRUE(p.is_ok());
  auto pk = stark::setup(airs, *p, {});
  ASSERT_TRUE(pk.is_ok()) << pk.status().message();
  const auto specs = [](const poly::RowMajorMatrix& t) {
    return std::vector<stark::InstanceSpec>{
        {0, kLogH, {}, [t]() -> Result<poly::RowMajorMatrix> { return t; }}};
  };
  auto proof = stark::prove(*pk, {}, specs(honest), {.direct_terms = &terms});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  EXPECT_TRUE(stark::verify(pk->vk, airs, *proof, terms).is_ok());
  std::vector<stark::DirectTerm> wrong = terms;
  for (auto& d : wrong) {
    if (d.bus == kMemoryBus && d.tuple[0] == Fe::from_u64(kMemStore)) {
      d.tuple[4] += Fe::one();
      break;
    }
  }
  EXPECT_EQ(stark::verify(pk->vk, airs, *proof, wrong).code(), ErrorCode::kVerifyFailed);
  for (auto [r, c] : {std::pair<std::size_t, std::size_t>{0, kColQ + 3},
                      {5, kColE + 15},
                      {2, kColCarryLo + 30}}) {
    SCOPED_TRACE(::testing::Message() << "row " << r << " column " << c);
    poly::RowMajorMatrix t = honest;
    t.at(r, c) += Fe::one();
    auto bad = stark::prove(*pk, {}, specs(t), {.unchecked_for_tests = true});
    ASSERT_TRUE(bad.is_ok()) << bad.status().message();
    EXPECT_EQ(stark::verify(pk->vk, airs, *bad, terms).code(), ErrorCode::kVerifyFailed);
  }
}

}  // namespace
}  // namespace ziskc::sm
