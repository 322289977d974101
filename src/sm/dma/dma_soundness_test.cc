// Soundness of the DMA machines against a cheating prover (dma_testing.h cheater_accepted: the
// constraints hold, the op messages are Main's, every assumed load is a true memory value, the
// assumed stores are at exactly the honest (addr, mem_step) pairs with any value, every lookup
// is a table entry): every cell of every op row matters (mutated by +1, -1 and a random amount,
// one at a time), padding rows prove nothing, and internally consistent cheats are rejected: a
// wrong copied byte re-solved through the source word, a dropped word, a write outside
// [dst, dst + n), a count other than n, wrong memcmp results re-solved through dif, its sign
// and the compared bytes.
#include <gtest/gtest.h>

#include "sm/dma/dma_testing.h"

namespace ziskc::sm {
namespace {

using namespace dma_testing;  // NOLINT

constexpr unsigned kLogH = 6;

// A run with every row kind of both machines in one instance each.
struct Fixture {
  DmaProgram p{21};
  DmaRun run;
  // DmaCopy proves every copy op here (aligned ones too); DmaAligned the aligned ones.
  std::vector<DmaRecord> copy_recs;
  RowMajorMatrix copy, cmp, aligned;
  std::vector<stark::DirectTerm> copy_main, cmp_main, aligned_main;  // Main's messages
  std::multiset<std::pair<std::uint64_t, std::uint64_t>> copy_stores, aligned_stores;
  std::unique_ptr<Oracle> oracle;

  Fixture() {
    p.add({Kind::kMemcpy, kBuf + 5, kBuf + 4098, 10});    // F M T, partial first and last
    p.add({Kind::kXMemcpy, kBuf + 64, kBuf + 4160, 24});  // aligned, three words
    p.add({Kind::kMemcpy, kBuf + 99, kBuf + 4201, 3});    // one partial word
    p.add({Kind::kXMemcpy, kBuf + 200, kBuf + 4300, 0});  // n = 0
    p.add({Kind::kMemcpy, 0xFFFF'FFFF'0000'0123, 0x8000'0000'0000'0001, 0});  // n = 0, any a, b
    p.add({Kind::kMemsetReg, kBuf + 301, 0, 13, 0xA5});
    p.add({Kind::kMemsetImm, kBuf + 400, 0, 0, 0x11});
    p.add({Kind::kInputcpyAdd, kBuf + 515, 0, 16});
    p.add({Kind::kInputcpyAddi, kBuf + 600, 0, 8});
    // memcmp: copy then change one byte so a difference falls where wanted.
    p.add({Kind::kXMemcpy, kBuf + 7171, kBuf + 5005, 30});
    p.add({Kind::kMemsetImm, kBuf + 7171 + 20, 0, 1,
           static_cast<std::uint8_t>(p.current().byte(kBuf + 5005 + 20) + 7)});
    p.add({Kind::kMemcmp, kBuf + 7171, kBuf + 5005, 30});   // neq, positive... or negative
    p.add({Kind::kXMemcmp, kBuf + 7171, kBuf + 5005, 20});  // equal (stops before the change)
    p.add({Kind::kMemcmpZiskos, kBuf + 5005 + 20, kBuf + 7171 + 20, 5});  // neq at byte 0
    p.add({Kind::kXMemcmp, kBuf + 7000, kBuf + 7003, 0});                 // n = 0
    p.add({Kind::kMemcmp, kBuf + 7300, kBuf + 7305, 9});  // random bytes: early difference
    p.add({Kind::kMemcpy, kBuf + 800, kBuf + 4800, 48});  // aligned: 6 words, 2 rows
    p.add({Kind::kMemsetImm, kBuf + 904, 0, 16, 0x77});
    p.add({Kind::kMemsetReg, kBuf + 1000, 0, 40, 0xEE});
    run = run_dma_program(p);
    copy_recs = run.records.copy;
    copy_recs.insert(copy_recs.end(), run.records.aligned.begin(), run.records.aligned.end());
    TableCounts bp(kTableRows), r16(kTableRows);
    copy = dma_copy_trace(copy_recs, kLogH, bp);
    cmp = dma_cmp_trace(run.records.cmp, kLogH, bp, r16);
    aligned = dma_aligned_trace(run.records.aligned, kLogH, bp);
    std::set<std::uint64_t> aligned_steps;
    for (const auto& r : run.records.aligned) aligned_steps.insert(r.step);
    for (const auto& t : run.main_terms) {
      const bool is_cmp = is_dma_cmp(static_cast<zisk::Op>(t.tuple[0].value()));
      (is_cmp ? cmp_main : copy_main).push_back(t);
      if (aligned_steps.count(t.tuple[8].value())) aligned_main.push_back(t);
    }
    for (const MemAccess& m : run.accesses) {
      if (m.mem_op != kMemStore) continue;
      copy_stores.insert({m.addr, m.mem_step});
      if (aligned_steps.count((m.mem_step - 1) / 4)) aligned_stores.insert({m.addr, m.mem_step});
    }
    oracle = std::make_unique<Oracle>(p, run);
  }
  std::size_t copy_rows() const {
    std::size_t n = 0;
    for (const auto& r : copy_recs) n += dma_rows(r, DmaMachine::kCopy);
    return n;
  }
  std::size_t aligned_rows() const {
    std::size_t n = 0;
    for (const auto& r : run.records.aligned) n += dma_rows(r);
    return n;
  }
  bool aligned_ok(const RowMajorMatrix& t, std::string* why = nullptr) const {
    return cheater_accepted(*aligned_air(), t, aligned_main, *oracle, aligned_stores, why);
  }
  std::size_t cmp_rows() const {
    std::size_t n = 0;
    for (const auto& r : run.records.cmp) n += dma_rows(r);
    return n;
  }
  bool copy_ok(const RowMajorMatrix& t, std::string* why = nullptr) const {
    return cheater_accepted(*copy_air(), t, copy_main, *oracle, copy_stores, why);
  }
  // main: Main's messages as the cheater claims them (default: the honest ones).
  bool cmp_ok(const RowMajorMatrix& t, std::string* why = nullptr,
              const std::vector<stark::DirectTerm>* main = nullptr) const {
    return cheater_accepted(*cmp_air(), t, main ? *main : cmp_main, *oracle, {}, why);
  }
  // Main's messages with the result of the memcmp at `step` claimed as (lo, hi).
  std::vector<stark::DirectTerm> cmp_main_with_c(std::uint64_t step, Fe lo, Fe hi) const {
    std::vector<stark::DirectTerm> m = cmp_main;
    for (auto& t : m) {
      if (t.tuple[8] == Fe::from_u64(step)) {
        t.tuple[5] = lo;
        t.tuple[6] = hi;
      }
    }
    return m;
  }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

// The column index of a member of a Cols<Fe> row.
const DmaCopyCols<Fe> kCopy{};
const DmaCmpCols<Fe> kCmp{};
template <class C>
std::size_t col(const C& base, const Fe& member) {
  return static_cast<std::size_t>(&member - reinterpret_cast<const Fe*>(&base));
}

TEST(DmaSoundnessTest, HonestTracesAreAccepted) {
  const Fixture& f = fixture();
  ASSERT_FALSE(::testing::Test::HasFailure());
  std::string why;
  EXPECT_TRUE(f.copy_ok(f.copy, &why)) << why;
  EXPECT_TRUE(f.cmp_ok(f.cmp, &why)) << why;
  EXPECT_TRUE(f.aligned_ok(f.aligned, &why)) << why;
  EXPECT_GT(f.copy_rows(), 15u);
  EXPECT_GT(f.cmp_rows(), 8u);
  EXPECT_EQ(f.aligned_rows(), 1u + 2u + 1u + 2u);
}

void sweep(const stark::Air& air, const RowMajorMatrix& honest, std::size_t active,
           const std::function<bool(const RowMajorMatrix&)>& accepted) {
  std::mt19937_64 rng(99);
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < active; ++r) rows.push_back(r);
  rows.push_back(active);
  rows.push_back(honest.rows - 1);
  std::size_t rejected = 0;
  for (std::size_t r : rows) {
    for (std::size_t c = 0; c < honest.cols; ++c) {
      for (Fe delta : {Fe::one(), -Fe::one(), Fe::from_u64(2 + rng() % 1000)}) {
        RowMajorMatrix t = honest;
        t.at(r, c) += delta;
        const bool ok = accepted(t);
        if (r < active) {
          EXPECT_FALSE(ok) << air.info().name << ": cell (row " << r << ", column " << c << ") + "
                           << stark::signed_fe(delta) << " accepted";
          rejected += !ok;
        } else {
          EXPECT_TRUE(!ok || row_sends_nothing(air, t, r))
              << air.info().name << ": padding cell (row " << r << ", column " << c
              << ") sends a message";
        }
      }
    }
  }
  EXPECT_EQ(rejected, 3 * active * honest.cols);
}

TEST(DmaSoundnessTest, EveryCopyCellMatters) {
  const Fixture& f = fixture();
  sweep(*copy_air(), f.copy, f.copy_rows(), [&](const RowMajorMatrix& t) { return f.copy_ok(t); });
}

TEST(DmaSoundnessTest, EveryCmpCellMatters) {
  const Fixture& f = fixture();
  sweep(*cmp_air(), f.cmp, f.cmp_rows(), [&](const RowMajorMatrix& t) { return f.cmp_ok(t); });
}

TEST(DmaSoundnessTest, EveryAlignedCellMatters) {
  const Fixture& f = fixture();
  sweep(*aligned_air(), f.aligned, f.aligned_rows(),
        [&](const RowMajorMatrix& t) { return f.aligned_ok(t); });
}

TEST(DmaSoundnessTest, AlignedCheatsAreRejected) {
  const Fixture& f = fixture();
  const DmaAlignedCols<Fe> k{};
  const auto col_of = [&](const Fe& m) { return col(k, m); };
  std::string why;
  // The 48-byte memcpy: rows r0 (4 words) and r0 + 1 (2 words).
  std::size_t r0 = 0;
  for (const DmaRecord& r : f.run.records.aligned) {
    if (r.n == 48) break;
    r0 += dma_rows(r);
  }
  // A copied word changed: the read (same limbs) is then false.
  RowMajorMatrix t = f.aligned;
  t.at(r0, col_of(k.v[1][0])) += Fe::one();
  EXPECT_FALSE(f.aligned_ok(t, &why));
  EXPECT_NE(why.find("a load the memory machines do not prove"), std::string::npos) << why;
  // The last word dropped (slot 1 of the last row off, count lowered): n is then 40.
  t = f.aligned;
  t.at(r0 + 1, col_of(k.s[0])) = Fe::zero();
  t.at(r0 + 1, col_of(k.v[1][0])) = Fe::zero();
  t.at(r0 + 1, col_of(k.v[1][1])) = Fe::zero();
  for (std::size_t r = r0; r < r0 + 2; ++r) t.at(r, col_of(k.cnt)) -= Fe::one();
  EXPECT_FALSE(f.aligned_ok(t, &why));
  EXPECT_NE(why.find("bus "), std::string::npos) << why;
  // One more word written after the range (slot 2 of the last row on, count raised).
  t = f.aligned;
  t.at(r0 + 1, col_of(k.s[1])) = Fe::one();
  const std::uint64_t extra = f.p.initial().word(kBuf + 4800 + 48);
  t.at(r0 + 1, col_of(k.v[2][0])) = Fe::from_u64(extra & 0xFFFFFFFF);
  t.at(r0 + 1, col_of(k.v[2][1])) = Fe::from_u64(extra >> 32);
  for (std::size_t r = r0; r < r0 + 2; ++r) t.at(r, col_of(k.cnt)) += Fe::one();
  EXPECT_FALSE(f.aligned_ok(t, &why));
  // A memset whose byte is not a byte: limbs 256 * 0x01010101 are not canonical.
  std::size_t s0 = 0;
  for (const DmaRecord& r : f.run.records.aligned) {
    if (r.op == zisk::Op::kDmaXMemset && r.n == 16) break;
    s0 += dma_rows(r);
  }
  t = f.aligned;
  const Fe big = Fe::from_u64(256);
  t.at(s0, col_of(k.fill)) = big;
  t.at(s0, col_of(k.jmp)) = big;
  for (unsigned slot = 0; slot < 2; ++slot) {
    for (unsigned i = 0; i < 2; ++i)
      t.at(s0, col_of(k.v[slot][i])) = big * Fe::from_u64(0x01010101);
  }
  std::vector<stark::DirectTerm> claim = f.aligned_main;
  for (auto& term : claim) {
    if (term.tuple[0] == Fe::from_u64(0xd9) && term.tuple[3] == Fe::from_u64(16))
      term.tuple[9] = big;
  }
  EXPECT_FALSE(cheater_accepted(*aligned_air(), t, claim, *f.oracle, f.aligned_stores, &why));
  EXPECT_NE(why.find("not a table entry"), std::string::npos) << why;
}

// The first row of the op whose record satisfies pred (DmaCopy or DmaCmp rows), and its record.
std::size_t first_row_of(std::span<const DmaRecord> recs,
                         const std::function<bool(const DmaRecord&)>& pred,
                         const DmaRecord** out = nullptr) {
  std::size_t row = 0;
  for (const DmaRecord& r : recs) {
    if (pred(r)) {
      if (out) *out = &r;
      return row;
    }
    row += dma_rows(r, is_dma_cmp(r.op) ? DmaMachine::kCmp : DmaMachine::kCopy);
  }
  ADD_FAILURE() << "no such op";
  return 0;
}

TEST(DmaSoundnessTest, WrongCopiedByteReSolvedThroughTheSource) {
  const Fixture& f = fixture();
  // The 24-byte aligned xmemcpy: row 1 copies source word 1 unshifted.
  const std::size_t r0 = first_row_of(
      f.copy_recs, [](const DmaRecord& r) { return r.op == zisk::Op::kDmaXMemcpy && r.n == 24; });
  const std::size_t row = r0 + 1;
  const std::size_t w0 = col(kCopy, kCopy.w[0]), h2 = col(kCopy, kCopy.row.h[2]);
  RowMajorMatrix t = f.copy;
  t.at(row, w0) += Fe::from_u64(1 << 16);  // byte 2 of the written word + 1
  std::string why;
  EXPECT_FALSE(f.copy_ok(t, &why));
  EXPECT_NE(why.find("dma_copy.w_lo"), std::string::npos) << why;
  t.at(row, h2) += Fe::one();  // ... and the source byte it came from
  EXPECT_FALSE(f.copy_ok(t, &why));
  EXPECT_NE(why.find("a load the memory machines do not prove"), std::string::npos) << why;
  // An out-of-range byte of a partial word changed with its "before" byte.
  const std::size_t e0 = first_row_of(
      f.copy_recs, [](const DmaRecord& r) { return r.op == zisk::Op::kDmaMemcpy && r.n == 10; });
  t = f.copy;
  t.at(e0, w0) += Fe::one();  // byte 0 (outside [dst, dst + n): dst offset 5)
  t.at(e0, col(kCopy, kCopy.row.p[0])) += Fe::one();
  EXPECT_FALSE(f.copy_ok(t, &why));
  EXPECT_NE(why.find("a load the memory machines do not prove"), std::string::npos) << why;
}

// The trace of the copy records with record i replaced by `changed` (the cheater's re-solved
// op), judged against the honest Main messages.
bool copy_with(const Fixture& f, std::size_t i, const DmaRecord& changed, std::string* why) {
  std::vector<DmaRecord> recs = f.copy_recs;
  recs[i] = changed;
  TableCounts bp(kTableRows);
  return f.copy_ok(dma_copy_trace(recs, kLogH, bp), why);
}

std::size_t index_of(std::span<const DmaRecord> recs,
                     const std::function<bool(const DmaRecord&)>& pred) {
  for (std::size_t i = 0; i < recs.size(); ++i) {
    if (pred(recs[i])) return i;
  }
  ADD_FAILURE() << "no such op";
  return 0;
}

TEST(DmaSoundnessTest, DroppedWordsExtraWritesAndOtherCountsAreRejected) {
  const Fixture& f = fixture();
  const auto& recs = f.copy_recs;
  std::string why;
  // The aligned 24-byte xmemcpy re-solved as 16 bytes (its last word not written), as 32 bytes
  // (a word beyond dst + n written with the next source word), or moved one word up.
  const std::size_t i =
      index_of(recs, [](const DmaRecord& r) { return r.op == zisk::Op::kDmaXMemcpy && r.n == 24; });
  DmaRecord shorter = recs[i];
  shorter.n = 16;
  shorter.src.pop_back();
  EXPECT_FALSE(copy_with(f, i, shorter, &why));
  EXPECT_NE(why.find("bus 1 "), std::string::npos) << why;  // Main's op message differs
  DmaRecord longer = recs[i];
  longer.n = 32;
  longer.src.push_back(f.p.initial().word(kBuf + 4160 + 24));
  EXPECT_FALSE(copy_with(f, i, longer, &why));
  EXPECT_NE(why.find("bus 1 "), std::string::npos) << why;
  // The memcpy (count read from memory) with a count one larger: the count load is false.
  const std::size_t j =
      index_of(recs, [](const DmaRecord& r) { return r.op == zisk::Op::kDmaMemcpy && r.n == 10; });
  DmaRecord more = recs[j];
  more.n = 11;
  EXPECT_FALSE(copy_with(f, j, more, &why));
  // Same op message, rows edited: the last row of the 3-word copy made the end (dropping it).
  const std::size_t r0 = first_row_of(
      recs, [](const DmaRecord& r) { return r.op == zisk::Op::kDmaXMemcpy && r.n == 24; });
  RowMajorMatrix t = f.copy;
  const std::size_t oe8 = col(kCopy, kCopy.oe[7]);
  t.at(r0 + 1, oe8) = Fe::one();
  t.at(r0 + 2, oe8) = Fe::zero();
  for (std::size_t c = 0; c < t.cols; ++c) t.at(r0 + 2, c) = Fe::zero();  // now padding
  EXPECT_FALSE(f.copy_ok(t, &why));
  // A padding row turned into an F row writing a word after the last op.
  t = f.copy;
  const std::size_t pad = f.copy_rows();
  for (std::size_t c = 0; c < t.cols; ++c) t.at(pad, c) = t.at(r0 + 1, c);
  t.at(pad, col(kCopy, kCopy.row.f_first)) = Fe::one();
  t.at(pad, col(kCopy, kCopy.row.f_more)) = Fe::zero();
  t.at(pad, oe8) = Fe::one();
  EXPECT_FALSE(f.copy_ok(t, &why));
  // The dst moved by one word with its data (a write outside [dst, dst + n)).
  t = f.copy;
  for (std::size_t r = r0; r < r0 + 3; ++r) t.at(r, col(kCopy, kCopy.row.dw)) += Fe::one();
  EXPECT_FALSE(f.copy_ok(t, &why));
  EXPECT_NE(why.find("bus 1 "), std::string::npos) << why;
}

TEST(DmaSoundnessTest, WrongMemcmpResultsAreRejected) {
  const Fixture& f = fixture();
  const auto& recs = f.run.records.cmp;
  const DmaRecord* rec = nullptr;
  const std::size_t r0 = first_row_of(
      recs, [](const DmaRecord& r) { return r.op == zisk::Op::kDmaMemcmp && r.n == 30; }, &rec);
  ASSERT_NE(rec, nullptr);
  ASSERT_EQ(rec->first_diff, 20u);
  const std::size_t rows = dma_rows(*rec);
  std::size_t last = r0;
  while (f.cmp.at(last, col(kCmp, kCmp.neq)).is_zero()) ++last;
  const std::size_t c0 = col(kCmp, kCmp.c[0]), dif = col(kCmp, kCmp.dif);
  const std::size_t inv = col(kCmp, kCmp.inv), ng = col(kCmp, kCmp.ng);
  const std::size_t c1 = col(kCmp, kCmp.c[1]);
  ASSERT_LT(last, r0 + rows);
  std::string why;
  const auto set_c = [&](RowMajorMatrix& t, Fe lo, Fe hi) {
    for (std::size_t r = r0; r < r0 + rows; ++r) {
      t.at(r, c0) = lo;
      t.at(r, c1) = hi;
    }
  };
  // Main claims another result: the op's rows with it (c is latched) ...
  RowMajorMatrix t = f.cmp;
  const Fe c_lo = f.cmp.at(r0, c0) + Fe::one(), c_hi = f.cmp.at(r0, c1);
  const auto claim = f.cmp_main_with_c(rec->step, c_lo, c_hi);
  set_c(t, c_lo, c_hi);
  EXPECT_FALSE(f.cmp_ok(t, &why, &claim));
  EXPECT_NE(why.find("dma_cmp.c_lo"), std::string::npos) << why;
  // ... re-solved through dif (and its inverse): dif is the bytes' difference ...
  t.at(last, dif) += Fe::one();
  t.at(last, inv) = t.at(last, dif).inverse();
  EXPECT_FALSE(f.cmp_ok(t, &why, &claim));
  EXPECT_NE(why.find("dma_cmp.dif"), std::string::npos) << why;
  // ... and through the a byte itself: the a word read is then false.
  const unsigned e = static_cast<unsigned>((rec->a + 20) % 8);
  t.at(last, col(kCmp, kCmp.row.p[0]) + e) += Fe::one();
  EXPECT_FALSE(f.cmp_ok(t, &why, &claim));
  EXPECT_NE(why.find("a load the memory machines do not prove"), std::string::npos) << why;
  // The sign flipped: c is then not the sign-extended difference (and not canonical).
  t = f.cmp;
  const Fe flip = Fe::one() - t.at(last, ng);
  t.at(last, ng) = flip;
  const Fe f_lo = t.at(last, dif) + Fe::from_u64(dma_detail::kTwo32) * flip;
  const Fe f_hi = Fe::from_u64(dma_detail::kTwo32 - 1) * flip;
  set_c(t, f_lo, f_hi);
  const auto flipped = f.cmp_main_with_c(rec->step, f_lo, f_hi);
  EXPECT_FALSE(f.cmp_ok(t, &why, &flipped));
  EXPECT_NE(why.find("not a table entry"), std::string::npos) << why;
  // "Equal": no difference claimed, the differing byte inside the compared range.
  t = f.cmp;
  const std::size_t neq = col(kCmp, kCmp.neq), oe = col(kCmp, kCmp.oe[0]);
  t.at(last, neq) = Fe::zero();
  t.at(last, dif) = Fe::zero();
  t.at(last, inv) = Fe::zero();
  t.at(last, ng) = Fe::zero();
  t.at(last, col(kCmp, kCmp.rem[0])) = Fe::zero();
  t.at(last, col(kCmp, kCmp.rem[1])) = Fe::zero();
  t.at(last, oe + e) = Fe::zero();
  t.at(last, oe + e + 1) = Fe::one();
  set_c(t, Fe::zero(), Fe::zero());
  const auto equal = f.cmp_main_with_c(rec->step, Fe::zero(), Fe::zero());
  EXPECT_FALSE(f.cmp_ok(t, &why, &equal));
  // ... and the trace of "all 30 bytes equal" over the true words: the bytes differ.
  {
    const RefMemory& mem = f.p.current();
    DmaRecord all = *rec;
    all.first_diff = all.n;
    all.c = 0;
    all.dst.clear();
    all.src.clear();
    for (std::uint64_t w = all.a & ~7ull; w < all.a + all.n; w += 8) all.dst.push_back(mem.word(w));
    for (std::uint64_t w = all.b & ~7ull; w < all.b + all.n; w += 8) all.src.push_back(mem.word(w));
    std::vector<DmaRecord> changed = recs;
    for (auto& r : changed) {
      if (r.step == rec->step) r = all;
    }
    TableCounts bp(kTableRows), r16(kTableRows);
    EXPECT_FALSE(f.cmp_ok(dma_cmp_trace(changed, kLogH, bp, r16), &why, &equal));
    EXPECT_NE(why.find("dma_cmp.equal"), std::string::npos) << why;
  }
  // A difference claimed after n (the xmemcmp of 20 equal bytes; byte 20 differs): the trace
  // of n = 21 with its count lowered to 20 leaves -1 bytes after the difference, which has no
  // 16-bit chunks.
  const std::size_t i = [&] {
    for (std::size_t k = 0; k < recs.size(); ++k) {
      if (recs[k].op == zisk::Op::kDmaXMemcmp && recs[k].n == 20) return k;
    }
    return recs.size();
  }();
  ASSERT_LT(i, recs.size());
  EXPECT_EQ(recs[i].first_diff, 20u);
  const RefMemory& mem = f.p.current();
  DmaRecord after = recs[i];
  after.n = 21;
  after.first_diff = 20;
  after.c = static_cast<std::uint64_t>(static_cast<std::int64_t>(mem.byte(after.a + 20)) -
                                       mem.byte(after.b + 20));
  after.dst.clear();
  after.src.clear();
  for (std::uint64_t w = after.a & ~7ull; w <= after.a + 20; w += 8)
    after.dst.push_back(mem.word(w));
  for (std::uint64_t w = after.b & ~7ull; w <= after.b + 20; w += 8)
    after.src.push_back(mem.word(w));
  std::vector<DmaRecord> changed = recs;
  changed[i] = after;
  TableCounts bp(kTableRows), r16(kTableRows);
  t = dma_cmp_trace(changed, kLogH, bp, r16);
  std::size_t first = 0;
  for (std::size_t k = 0; k < i; ++k) first += dma_rows(recs[k]);
  const std::size_t cnt = col(kCmp, kCmp.row.cnt);
  for (std::size_t r = first; r < first + dma_rows(after); ++r) t.at(r, cnt) -= Fe::one();
  t.at(first, col(kCmp, kCmp.row.jmp)) -= Fe::one();
  std::size_t at = first;
  while (t.at(at, neq).is_zero()) ++at;
  t.at(at, col(kCmp, kCmp.rem[0])) = -Fe::one();
  t.at(at, col(kCmp, kCmp.rem[1])) = Fe::zero();
  const auto later = f.cmp_main_with_c(after.step, Fe::from_u64(after.c & 0xFFFFFFFF),
                                       Fe::from_u64(after.c >> 32));
  EXPECT_FALSE(f.cmp_ok(t, &why, &later));
  EXPECT_NE(why.find("not a table entry"), std::string::npos) << why;
}

}  // namespace
}  // namespace ziskc::sm
