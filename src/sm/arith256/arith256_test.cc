// The Arith256 machine on its own (sm/arith256/air.h): completeness on random and edge operands
// (the trace's dl, dh limbs against GMP's a * b + c); the bus messages balance against the
// tuples Main, the memory machines and the Range16 table send; the row checker names the
// failing constraint for corrupted cells of every constrained column group and a wrong result
// limb; cells only the bus reads (step, addr, pointers) and out-of-range limbs or carry halves
// that keep the identity leave the bus unbalanced; records from replayed steps; full STARK
// proofs: the honest one verifies, a wrong statement and tampered witnesses do not.
#include "sm/arith256/arith256.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <iostream>
#include <map>
#include <random>
#include <string>

#include "precompile/test_util.h"
#include "sm/arith256/air.h"
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
#define A256_COL(name) col(offsetof(Arith256Cols<Fe>, name))
constexpr std::size_t kColSel = A256_COL(sel);
constexpr std::size_t kColStep = A256_COL(step);
constexpr std::size_t kColAddr = A256_COL(addr);
constexpr std::size_t kColPtr = A256_COL(ptr);
constexpr std::size_t kColA = A256_COL(a);
constexpr std::size_t kColB = A256_COL(b);
constexpr std::size_t kColC = A256_COL(c);
constexpr std::size_t kColDl = A256_COL(dl);
constexpr std::size_t kColDh = A256_COL(dh);
constexpr std::size_t kColCarryLo = A256_COL(carry_lo);
constexpr std::size_t kColCarryHi = A256_COL(carry_hi);
#undef A256_COL
// Columns the Range16 bus reads: the five limb groups and the two carry halves (contiguous).
constexpr std::size_t kColRangeFirst = kColA, kColRangeEnd = kArith256Width;
static_assert(kColCarryHi + kArith256Carries == kArith256Width);

constexpr std::uint64_t kMax = ~std::uint64_t{0};

std::mt19937_64 seeded(std::uint64_t seed) {
  std::cout << "[ seed     ] " << seed << "\n";
  return std::mt19937_64(seed);
}

Arith256Record record(std::uint64_t step, std::uint64_t addr, const U256& a, const U256& b,
                      const U256& c) {
  return {.step = step,
          .addr = addr,
          .ptr = {addr + 0x100, addr + 0x200, addr + 0x300, addr + 0x400, addr + 0x500},
          .a = a,
          .b = b,
          .c = c};
}

U256 random_u256(std::mt19937_64& rng) {
  U256 x;
  for (auto& v : x) v = rng();
  // Sometimes short values (zero high words) so that carries vary.
  const unsigned keep = 1 + rng() % 4;
  for (unsigned w = keep; w < kArith256Words; ++w) x[w] = rng() % 3 == 0 ? 0 : x[w];
  return x;
}

std::vector<Arith256Record> random_records(std::mt19937_64& rng, std::size_t n) {
  std::vector<Arith256Record> out;
  for (std::size_t k = 0; k < n; ++k) {
    out.push_back(record(1000 + 7 * k, 0xA001'0000 + 0x1000 * k, random_u256(rng), random_u256(rng),
                         random_u256(rng)));
  }
  return out;
}

// Edge operands: zeros, all ones (a * b + c = 2^512 - 2^256), c carrying into dh, one-word
// values, 2^255.
std::vector<Arith256Record> edge_records() {
  const U256 zero{}, ones{kMax, kMax, kMax, kMax}, one{1, 0, 0, 0}, top{0, 0, 0, 1ull << 63},
      word{kMax, 0, 0, 0};
  const U256 cases[][3] = {{zero, zero, zero}, {ones, ones, ones}, {ones, one, one},
                           {ones, ones, zero}, {zero, ones, ones}, {top, top, top},
                           {word, word, word}, {one, one, ones}};
  std::vector<Arith256Record> out;
  for (std::size_t k = 0; k < std::size(cases); ++k) {
    out.push_back(
        record(20 + 3 * k, 0xA000'0000 + 0x1000 * k, cases[k][0], cases[k][1], cases[k][2]));
  }
  return out;
}

const stark::Air& air() {
  static const stark::AirPtr a = stark::make_air<Arith256Air>();
  return *a;
}

std::optional<stark::ConstraintFailure> failure(const poly::RowMajorMatrix& t) {
  auto r = stark::find_constraint_failure(air(), 0, t, nullptr, {}, {});
  ZISKC_CHECK(r.is_ok(), "shape");
  return *r;
}

poly::RowMajorMatrix trace(std::span<const Arith256Record> recs, unsigned log_h) {
  TableCounts range16(std::size_t{1} << 16);
  return arith256_trace(recs, log_h, range16);
}

Mpz limbs_value(const poly::RowMajorMatrix& t, std::size_t row, std::size_t c0) {
  std::uint64_t w[kArith256Words] = {};
  for (unsigned i = 0; i < kArith256Limbs; ++i) {
    w[i / 4] |= t.at(row, c0 + i).value() << (16 * (i % 4));
  }
  return to_mpz(w, kArith256Words);
}

// The tuples the other machines send for the records: Main assumes the op (-1), the memory
// machines prove the loads and stores (+1).
std::vector<stark::DirectTerm> terms_of(std::span<const Arith256Record> recs) {
  std::vector<stark::DirectTerm> out;
  const auto u = [](std::uint64_t v) { return Fe::from_u64(v); };
  for (const Arith256Record& r : recs) {
    out.push_back({kOperationBus,
                   {u(0xf2), u(0), u(0), u(r.addr), u(0), u(0), u(0), u(0), u(r.step), u(0)},
                   -Fe::one()});
    std::vector<MemAccess> acc;
    arith256_mem_accesses(r, acc);
    for (const MemAccess& a : acc) {
      out.push_back(
          {kMemoryBus,
           {u(a.mem_op), u(a.addr), u(a.mem_step), u(8), u(a.value & 0xFFFFFFFF), u(a.value >> 32)},
           Fe::one()});
    }
  }
  return out;
}

// What the Range16 table proves for a trace: each range-checked cell of a sel = 1 row, when it
// is below 2^16 (the table has no other entries).
std::vector<stark::DirectTerm> range_terms(const poly::RowMajorMatrix& t) {
  std::map<std::uint64_t, std::uint64_t> counts;
  for (std::size_t r = 0; r < t.rows; ++r) {
    if (t.at(r, kColSel) != Fe::one()) continue;
    for (std::size_t c = kColRangeFirst; c < kColRangeEnd; ++c) {
      const std::uint64_t v = t.at(r, c).value();
      if (v < (1u << 16)) ++counts[v];
    }
  }
  std::vector<stark::DirectTerm> out;
  for (auto [v, n] : counts) out.push_back({kRange16Bus, {Fe::from_u64(v)}, Fe::from_u64(n)});
  return out;
}

std::vector<stark::DirectTerm> all_terms(std::span<const Arith256Record> recs,
                                         const poly::RowMajorMatrix& t) {
  std::vector<stark::DirectTerm> out = terms_of(recs);
  for (auto& d : range_terms(t)) out.push_back(std::move(d));
  return out;
}

std::vector<stark::BusDebugger::Unbalanced> unbalanced(const poly::RowMajorMatrix& t,
                                                       std::span<const stark::DirectTerm> terms) {
  stark::BusDebugger bus;
  ZISKC_CHECK(bus.add_instance(air(), 0, t, nullptr, {}, {}).is_ok(), "instance");
  for (const auto& d : terms) bus.add_direct(d);
  return bus.unbalanced();
}

TEST(Arith256Test, TraceMatchesGmp) {
  auto rng = seeded(0x61323536);
  std::vector<Arith256Record> recs = edge_records();
  for (auto& r : random_records(rng, 200)) recs.push_back(r);
  constexpr unsigned kLogH = 8;
  const poly::RowMajorMatrix t = trace(recs, kLogH);
  const Status st = stark::check_constraints(air(), 0, t, nullptr, {}, {});
  ASSERT_TRUE(st.is_ok()) << st.message();
  Mpz two256;
  mpz_ui_pow_ui(two256.get(), 2, 256);
  for (std::size_t k = 0; k < recs.size(); ++k) {
    const Arith256Record& r = recs[k];
    Mpz want, got, dh;
    mpz_mul(want.get(), to_mpz(r.a.data(), 4).get(), to_mpz(r.b.data(), 4).get());
    mpz_add(want.get(), want.get(), to_mpz(r.c.data(), 4).get());
    mpz_mul(got.get(), limbs_value(t, k, kColDh).get(), two256.get());
    mpz_add(got.get(), got.get(), limbs_value(t, k, kColDl).get());
    EXPECT_EQ(mpz_cmp(want.get(), got.get()), 0) << "call " << k;
    EXPECT_EQ(mpz_cmp(limbs_value(t, k, kColA).get(), to_mpz(r.a.data(), 4).get()), 0);
  }
  // all ones: dl = 0, dh = 2^256 - 1; ones * 1 + 1: dl = 0, dh = 1 (the carry into dh).
  const auto [dl1, dh1] = arith256_output(recs[1]);
  EXPECT_EQ(dl1, (U256{}));
  EXPECT_EQ(dh1, (U256{kMax, kMax, kMax, kMax}));
  const auto [dl2, dh2] = arith256_output(recs[2]);
  EXPECT_EQ(dl2, (U256{}));
  EXPECT_EQ(dh2, (U256{1, 0, 0, 0}));
  for (std::size_t r = recs.size(); r < t.rows; ++r) ASSERT_TRUE(t.at(r, kColSel).is_zero());
}

TEST(Arith256Test, BusMessagesAreWhatMainMemoryAndRange16Send) {
  auto rng = seeded(0x61323537);
  std::vector<Arith256Record> recs = random_records(rng, 3);
  recs.push_back(edge_records()[1]);
  const poly::RowMajorMatrix t = trace(recs, 3);
  const std::vector<stark::DirectTerm> terms = all_terms(recs, t);
  {
    stark::BusDebugger bus;
    ASSERT_TRUE(bus.add_instance(air(), 0, t, nullptr, {}, {}).is_ok());
    for (const auto& d : terms) bus.add_direct(d);
    EXPECT_TRUE(bus.unbalanced().empty()) << bus.report();
  }
  // The trace builder's Range16 counts are the ones the rows use.
  TableCounts counts(std::size_t{1} << 16);
  (void)arith256_trace(recs, 3, counts);
  for (const auto& d : range_terms(t)) {
    EXPECT_EQ(counts.get(d.tuple[0].value()), d.multiplicity.value());
  }
  // Another dh word stored (the last memory term of the last call) does not balance.
  std::vector<stark::DirectTerm> w = terms_of(recs);
  w.back().tuple[4] += Fe::one();
  for (auto& d : range_terms(t)) w.push_back(d);
  EXPECT_EQ(unbalanced(t, w).size(), 2u);
}

TEST(Arith256Test, RowCheckerFindsCorruptedCells) {
  auto rng = seeded(0x61323538);
  const std::vector<Arith256Record> recs = random_records(rng, 5);
  const poly::RowMajorMatrix honest = trace(recs, 3);
  ASSERT_FALSE(failure(honest).has_value());
  struct Group {
    const char* name;
    std::size_t first, count;
  };
  const Group groups[] = {{"a", kColA, kArith256Limbs},
                          {"b", kColB, kArith256Limbs},
                          {"c", kColC, kArith256Limbs},
                          {"dl", kColDl, kArith256Limbs},
                          {"dh", kColDh, kArith256Limbs},
                          {"carry_lo", kColCarryLo, kArith256Carries},
                          {"carry_hi", kColCarryHi, kArith256Carries}};
  for (const Group& g : groups) {
    for (int sample = 0; sample < 6; ++sample) {
      const std::size_t c = g.first + rng() % g.count;
      const std::size_t r = rng() % recs.size();
      poly::RowMajorMatrix t = honest;
      t.at(r, c) += Fe::one();
      const auto f = failure(t);
      ASSERT_TRUE(f.has_value()) << g.name << " column " << c << " row " << r;
      EXPECT_EQ(f->constraint, "arith256.limb_identity") << g.name;
      EXPECT_EQ(f->row, r) << g.name;
    }
  }
  {  // sel = 2.
    poly::RowMajorMatrix t = honest;
    t.at(1, kColSel) = Fe::from_u64(2);
    const auto f = failure(t);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->constraint, "arith256.sel_bool");
  }
  {  // A wrong result limb (still in range): dl limb 5 ^ 1.
    poly::RowMajorMatrix t = honest;
    t.at(2, kColDl + 5) = Fe::from_u64(t.at(2, kColDl + 5).value() ^ 1);
    const auto f = failure(t);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->constraint, "arith256.limb_identity");
    EXPECT_EQ(f->row, 2u);
  }
  {  // A padding row with a non-zero limb breaks the identity too.
    poly::RowMajorMatrix t = honest;
    t.at(6, kColA) = Fe::one();
    t.at(6, kColB) = Fe::one();
    const auto f = failure(t);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->row, 6u);
  }
}

TEST(Arith256Test, BusOnlyCellsAndOutOfRangeValuesAreCaught) {
  auto rng = seeded(0x61323539);
  const std::vector<Arith256Record> recs = random_records(rng, 4);
  const poly::RowMajorMatrix honest = trace(recs, 2);
  const std::vector<stark::DirectTerm> stmt = terms_of(recs);
  ASSERT_TRUE(unbalanced(honest, all_terms(recs, honest)).empty());
  // step, addr and the pointers are read only by the bus.
  for (std::size_t c : {kColStep, kColAddr, kColPtr, kColPtr + 2, kColPtr + 4}) {
    poly::RowMajorMatrix t = honest;
    t.at(1, c) += Fe::one();
    EXPECT_FALSE(failure(t).has_value());
    EXPECT_FALSE(unbalanced(t, all_terms(recs, t)).empty()) << "column " << c;
  }
  // A call with sel = 0 sends nothing: Main's op and the memory terms are left over.
  {
    poly::RowMajorMatrix t = honest;
    t.at(0, kColSel) = Fe::zero();
    EXPECT_FALSE(failure(t).has_value());
    EXPECT_FALSE(unbalanced(t, all_terms(recs, t)).empty());
  }
  // An out-of-range carry half with the same carry: carry_lo + 2^16, carry_hi - 1. The
  // identity holds; only the Range16 lookup of carry_lo >= 2^16 is left unproved.
  {
    poly::RowMajorMatrix t = honest;
    std::size_t k = 0;
    while (k < kArith256Carries && t.at(0, kColCarryHi + k).is_zero()) ++k;
    ASSERT_LT(k, kArith256Carries);
    t.at(0, kColCarryLo + k) += Fe::from_u64(1u << 16);
    t.at(0, kColCarryHi + k) -= Fe::one();
    EXPECT_FALSE(failure(t).has_value());
    const auto u = unbalanced(t, all_terms(recs, t));
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].bus, kRange16Bus);
    EXPECT_GE(u[0].tuple[0].value(), 1u << 16);
  }
  // A non-canonical result limb: dl_0 + 2^16 with carry_0 - 1 and dl_1 - 1 keeps every
  // constraint and even the stored word's value; only the Range16 lookup of dl_0 >= 2^16 is
  // left unproved.
  {
    poly::RowMajorMatrix t = honest;
    std::size_t r = 0;
    while (r < recs.size() && t.at(r, kColCarryLo).is_zero()) ++r;
    ASSERT_LT(r, recs.size());
    t.at(r, kColDl) += Fe::from_u64(1u << 16);
    t.at(r, kColCarryLo) -= Fe::one();
    t.at(r, kColDl + 1) -= Fe::one();
    ASSERT_LT(t.at(r, kColDl + 1).value(), 1u << 16) << "dl_1 was 0";
    EXPECT_FALSE(failure(t).has_value());
    const auto u = unbalanced(t, all_terms(recs, t));
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].bus, kRange16Bus);
  }
}

// A replayed step of the call `r` (accesses in the emulator's order).
struct FakeStep {
  zisk::ZiskInst inst;
  std::vector<emu::MemAccess> acc;
  emu::StepRecord step(const Arith256Record& r) const {
    return {.step = r.step, .pc = 0x1000, .inst = &inst, .b = r.addr, .accesses = acc};
  }
};

FakeStep fake_step(const Arith256Record& r) {
  FakeStep s;
  s.inst.op = zisk::Op::kArith256;
  const auto load = [&](std::uint64_t addr, std::uint64_t v) {
    s.acc.push_back(
        {.kind = emu::MemAccess::kLoad, .slot = emu::kSlotOpRead, .addr = addr, .value = v});
  };
  const auto store = [&](std::uint64_t addr, std::uint64_t v) {
    s.acc.push_back(
        {.kind = emu::MemAccess::kStore, .slot = emu::kSlotOpWrite, .addr = addr, .value = v});
  };
  for (unsigned i = 0; i < kArith256BlockWords; ++i) load(r.addr + 8 * i, r.ptr[i]);
  for (unsigned w = 0; w < 4; ++w) load(r.ptr[0] + 8 * w, r.a[w]);
  for (unsigned w = 0; w < 4; ++w) load(r.ptr[1] + 8 * w, r.b[w]);
  for (unsigned w = 0; w < 4; ++w) load(r.ptr[2] + 8 * w, r.c[w]);
  const auto [dl, dh] = arith256_output(r);
  for (unsigned w = 0; w < 4; ++w) store(r.ptr[3] + 8 * w, dl[w]);
  for (unsigned w = 0; w < 4; ++w) store(r.ptr[4] + 8 * w, dh[w]);
  return s;
}

TEST(Arith256Test, RecordFromStepChecksTheAccesses) {
  auto rng = seeded(0x6132353a);
  Arith256Record want = random_records(rng, 1)[0];
  want.ptr[3] = want.ptr[0];  // the result over an input: reads and writes at other mem_steps
  FakeStep f = fake_step(want);
  std::vector<Arith256Record> recs;
  ASSERT_TRUE(arith256_record_from_step(f.step(want), recs).is_ok());
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].a, want.a);
  EXPECT_EQ(recs[0].b, want.b);
  EXPECT_EQ(recs[0].c, want.c);
  EXPECT_EQ(recs[0].ptr, want.ptr);
  // The accesses routed to memory are the emulator's, in its order, at slots 2 and 3.
  std::vector<MemAccess> acc;
  arith256_mem_accesses(recs[0], acc);
  ASSERT_EQ(acc.size(), f.acc.size());
  for (std::size_t i = 0; i < acc.size(); ++i) {
    EXPECT_EQ(acc[i].addr, f.acc[i].addr);
    EXPECT_EQ(acc[i].value, f.acc[i].value);
    EXPECT_EQ(acc[i].mem_step, emu::mem_step(want.step, f.acc[i].slot));
    EXPECT_EQ(acc[i].mem_op, f.acc[i].kind == emu::MemAccess::kLoad ? kMemLoad : kMemStore);
  }
  // A wrong written word (dh's top word).
  FakeStep g = f;
  g.acc.back().value ^= 4;
  EXPECT_EQ(arith256_record_from_step(g.step(want), recs).code(), ErrorCode::kInvalidArgument);
  // A misaligned block, a misaligned operand pointer.
  emu::StepRecord s = f.step(want);
  s.b += 4;
  EXPECT_EQ(arith256_record_from_step(s, recs).code(), ErrorCode::kInvalidArgument);
  Arith256Record mis = want;
  mis.ptr[1] += 4;
  FakeStep m = fake_step(mis);
  EXPECT_EQ(arith256_record_from_step(m.step(mis), recs).code(), ErrorCode::kInvalidArgument);
  // Squaring through one pointer (a* == b*) and overlapping dl, dh: not supported yet.
  for (auto [i, j] : {std::pair<unsigned, unsigned>{0, 1}, {3, 4}}) {
    Arith256Record ov = want;
    ov.ptr[j] = ov.ptr[i];
    if (i == 0) ov.b = ov.a;
    FakeStep o = fake_step(ov);
    const Status ovs = arith256_record_from_step(o.step(ov), recs);
    EXPECT_EQ(ovs.code(), ErrorCode::kUnsupported) << i << j;
    EXPECT_NE(ovs.message().find("not supported yet"), std::string::npos) << ovs.message();
  }
  // Another op.
  FakeStep k = f;
  k.inst.op = zisk::Op::kArith256Mod;
  const Status st = arith256_record_from_step(k.step(want), recs);
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(st.message().find("step " + std::to_string(want.step)), std::string::npos)
      << st.message();
  EXPECT_EQ(recs.size(), 1u);
}

stark::StarkParams test_params() {
  auto p = stark::make_params({.security_bits = 128,
                               .log_blowup = 1,
                               .grinding_bits = 8,
                               .log_fold = 2,
                               .log_final_degree = 2});
  ZISKC_CHECK(p.is_ok(), "params");
  return *p;
}

TEST(Arith256Test, FullProofVerifiesAndTamperingFails) {
  auto rng = seeded(0x6132353b);
  std::vector<Arith256Record> recs = random_records(rng, 5);
  recs.push_back(edge_records()[1]);
  constexpr unsigned kLogH = 3;
  const poly::RowMajorMatrix honest = trace(recs, kLogH);
  const std::vector<stark::DirectTerm> terms = all_terms(recs, honest);
  const std::vector<stark::AirPtr> airs = {stark::make_air<Arith256Air>()};
  auto pk = stark::setup(airs, test_params(), {});
  ASSERT_TRUE(pk.is_ok()) << pk.status().message();
  const auto specs = [](const poly::RowMajorMatrix& t) {
    return std::vector<stark::InstanceSpec>{
        {0, kLogH, {}, [t]() -> Result<poly::RowMajorMatrix> { return t; }}};
  };
  auto proof = stark::prove(*pk, {}, specs(honest), {.direct_terms = &terms});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  const Status ok = stark::verify(pk->vk, airs, *proof, terms);
  EXPECT_TRUE(ok.is_ok()) << ok.message();
  // The statement with another dl word stored.
  std::vector<stark::DirectTerm> wrong = terms;
  for (auto& d : wrong) {
    if (d.bus == kMemoryBus && d.tuple[0] == Fe::from_u64(kMemStore)) {
      d.tuple[4] += Fe::one();
      break;
    }
  }
  EXPECT_EQ(stark::verify(pk->vk, airs, *proof, wrong).code(), ErrorCode::kVerifyFailed);
  // Tampered witnesses proven by a cheating prover: a limb of b, a dh limb, a carry half.
  for (auto [r, c] : {std::pair<std::size_t, std::size_t>{0, kColB + 3},
                      {5, kColDh + 15},
                      {2, kColCarryLo + 10}}) {
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
