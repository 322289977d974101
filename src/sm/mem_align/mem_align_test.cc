// MemAlign on its own: every width x offset x load/store with random and edge words/values
// passes the row checker and balances against Main's access and the aligned accesses it implies
// (direct terms standing in for Main and the memory machines) and the BytePair table; its new
// words equal an independent byte-array model; every cell matters; cheating rows (wrong value,
// wrong offset, a store that touches other bytes, a load not zero-extended, padding that sends)
// are rejected.
#include "sm/mem_align/mem_align.h"

#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <random>

#include "sm/buses.h"
#include "sm/mem/mem_testing.h"
#include "sm/mem_align/air.h"
#include "stark/shape.h"

namespace ziskc::sm {
namespace {

using poly::RowMajorMatrix;
using testing::mem_tuple;

constexpr std::size_t col(std::size_t offset) { return offset / sizeof(Fe); }
constexpr std::size_t kAw = col(offsetof(MemAlignCols<Fe>, aw));
constexpr std::size_t kStore = col(offsetof(MemAlignCols<Fe>, is_store));
constexpr std::size_t kOff = col(offsetof(MemAlignCols<Fe>, off));
constexpr std::size_t kCross = col(offsetof(MemAlignCols<Fe>, cross));
constexpr std::size_t kB = col(offsetof(MemAlignCols<Fe>, b));
constexpr std::size_t kV = col(offsetof(MemAlignCols<Fe>, v));
constexpr std::size_t kNw = col(offsetof(MemAlignCols<Fe>, nw));

// Independent reference: the window as a byte array, the access by memcpy.
std::array<std::uint64_t, 2> ref_after(const MemAlignRecord& r) {
  std::array<std::uint8_t, 16> win{};
  std::memcpy(win.data(), r.words, 16);
  const unsigned off = static_cast<unsigned>(r.access.addr % 8);
  if (off + r.access.width <= 8) std::memset(win.data() + 8, 0, 8);
  if (r.access.mem_op == kMemStore) std::memcpy(win.data() + off, &r.access.value, r.access.width);
  std::array<std::uint64_t, 2> out{};
  std::memcpy(out.data(), win.data(), 16);
  return out;
}
std::uint64_t ref_load(const std::uint64_t words[2], unsigned off, unsigned width) {
  std::array<std::uint8_t, 16> win{};
  std::memcpy(win.data(), words, 16);
  std::uint64_t v = 0;
  std::memcpy(&v, win.data() + off, width);
  return v;
}

// Every width, offset and kind, with random and edge words and values.
std::vector<MemAlignRecord> all_cases(std::uint64_t seed, int reps) {
  std::mt19937_64 rng(seed);
  const std::uint64_t edge[] = {
      0,          ~0ull,          0x8000000000000000ull, 0x7FFFFFFFFFFFFFFFull,
      0xFFFFFFFF, 0x100000000ull, 0x0102030405060708ull, 1};
  auto pick = [&]() { return rng() % 3 == 0 ? edge[rng() % 8] : rng(); };
  std::vector<MemAlignRecord> out;
  std::uint64_t step = 1;
  for (int rep = 0; rep < reps; ++rep) {
    for (unsigned width : {1u, 2u, 4u, 8u}) {
      for (unsigned off = 0; off < 8; ++off) {
        if (width == 8 && off == 0) continue;  // aligned: the memory machines' job
        for (std::uint8_t op : {kMemLoad, kMemStore}) {
          MemAlignRecord r;
          r.words[0] = pick();
          r.words[1] = off + width > 8 ? pick() : 0;
          r.access = {.addr = 0xA000'0000 + 8 * (rng() % 1000) + off,
                      .mem_step = step += 4,
                      .width = static_cast<std::uint8_t>(width),
                      .mem_op = op};
          r.access.value = op == kMemStore ? pick() : ref_load(r.words, off, width);
          out.push_back(r);
        }
      }
    }
  }
  return out;
}

struct AlignFixture {
  std::vector<MemAlignRecord> records;
  unsigned log_height;
  stark::AirPtr air = stark::make_air<MemAlignAir>();
  TableCounts byte_pair{kTableRows};
  std::vector<RowMajorMatrix> traces;

  AlignFixture(std::vector<MemAlignRecord> recs, unsigned log_h)
      : records(std::move(recs)), log_height(log_h) {
    const MemAlignPlan plan = plan_mem_align(records, log_h).value();
    for (std::size_t i = 0; i < plan.num_instances; ++i) {
      const std::size_t n = plan.height();
      const std::size_t end = std::min(records.size(), (i + 1) * n);
      traces.push_back(mem_align_trace(
          std::span<const MemAlignRecord>(records).subspan(i * n, end - i * n), log_h, byte_pair));
    }
  }
  // Main's assumes and the memory machines' proves of the implied aligned accesses.
  void add_sides(stark::BusDebugger& dbg) const {
    std::vector<MemAccess> main, aligned;
    for (const MemAlignRecord& r : records) {
      main.push_back(r.access);
      mem_align_accesses(r, aligned);
    }
    testing::add_assumes(dbg, main);
    for (const MemAccess& a : aligned) dbg.add_direct({.bus = kMemoryBus, .tuple = mem_tuple(a)});
  }
  bool balanced() const {
    stark::BusDebugger dbg;
    for (std::size_t i = 0; i < traces.size(); ++i) {
      EXPECT_TRUE(dbg.add_instance(*air, i, traces[i], nullptr, {}, {}).is_ok());
    }
    testing::add_byte_pair(dbg, byte_pair);
    add_sides(dbg);
    return dbg.unbalanced().empty();
  }
  // Constraints, bytes (< 256: the BytePair table re-solved for the cheater) and the memory bus.
  bool rejected(const std::vector<RowMajorMatrix>& t) const {
    stark::BusDebugger dbg;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (!stark::check_constraints(*air, i, t[i], nullptr, {}, {}).is_ok()) return true;
      for (std::size_t r = 0; r < t[i].rows; ++r) {
        for (std::size_t c = kB; c < kB + 24; ++c) {
          if (t[i].at(r, c).value() >= 256) return true;
        }
      }
      EXPECT_TRUE(dbg.add_instance(*air, i, t[i], nullptr, {}, {}).is_ok());
    }
    add_sides(dbg);
    for (const auto& u : dbg.unbalanced()) {
      if (u.bus != kBytePairBus) return true;
    }
    return false;
  }
};

TEST(MemAlignTest, ShapeAndCost) {
  auto shape = stark::analyze_air(*stark::make_air<MemAlignAir>(), 3);
  ASSERT_TRUE(shape.is_ok()) << shape.status().message();
  EXPECT_EQ(shape->interactions.size(), 17u);
  std::printf("mem_align: %zu main columns, %zu logUp helpers, %zu cells/row\n",
              stark::width_of<MemAlignCols>(), shape->logup_columns.size(),
              stark::width_of<MemAlignCols>() + shape->num_stage2_cols());
}

TEST(MemAlignTest, EveryWidthOffsetAndKindBalances) {
  for (unsigned log_h : {4u, 6u, 9u}) {
    AlignFixture f(all_cases(log_h, 10), log_h);
    for (std::size_t i = 0; i < f.traces.size(); ++i) {
      const Status st = stark::check_constraints(*f.air, i, f.traces[i], nullptr, {}, {});
      EXPECT_TRUE(st.is_ok()) << st.message();
    }
    EXPECT_TRUE(f.balanced());
  }
}

TEST(MemAlignTest, NewWordsMatchByteModel) {
  for (const MemAlignRecord& r : all_cases(77, 40)) {
    std::uint64_t nw[2];
    mem_align_new_words(r, nw);
    const auto ref = ref_after(r);
    ASSERT_EQ(nw[0], ref[0]);
    ASSERT_EQ(nw[1], ref[1]);
    ASSERT_TRUE(check_mem_align_record(r).is_ok());
    std::vector<MemAccess> acc;
    mem_align_accesses(r, acc);
    const bool cross = r.access.addr % 8 + r.access.width > 8;
    ASSERT_EQ(acc.size(), (cross ? 2u : 1u) * (r.access.mem_op == kMemStore ? 2u : 1u));
    ASSERT_EQ(acc[0].addr, r.access.addr & ~7ull);
    ASSERT_EQ(acc.back().mem_step, r.access.mem_step + (r.access.mem_op == kMemStore ? 1 : 0));
  }
}

TEST(MemAlignTest, RecordChecks) {
  MemAlignRecord r;
  r.words[0] = 0x1122334455667788ull;
  r.access = {.addr = 0xA000'0001, .mem_step = 5, .value = 0x77, .width = 1};
  EXPECT_TRUE(check_mem_align_record(r).is_ok());
  MemAlignRecord bad = r;
  bad.access.value = 0x78;
  EXPECT_NE(check_mem_align_record(bad).message().find("hold 0x77"), std::string::npos);
  bad = r;
  bad.access.width = 3;
  EXPECT_FALSE(check_mem_align_record(bad).is_ok());
  bad = r;
  bad.access.addr = 0xA000'0000;
  bad.access.width = 8;
  EXPECT_FALSE(check_mem_align_record(bad).is_ok());
  bad = r;
  bad.access.mem_op = kMemRomInit;
  EXPECT_FALSE(check_mem_align_record(bad).is_ok());
  bad = r;
  bad.access.mem_step = 0;
  EXPECT_FALSE(check_mem_align_record(bad).is_ok());
  EXPECT_EQ(plan_mem_align({}, 4).value().num_instances, 0u);
}

TEST(MemAlignTest, EveryCellMattersOrIsPadding) {
  // One instance of 2^5 rows: 28 accesses of every kind and 4 padding rows.
  std::vector<MemAlignRecord> recs = all_cases(3, 1);
  recs.resize(28);
  AlignFixture f(recs, 5);
  ASSERT_FALSE(f.rejected(f.traces));
  std::mt19937_64 rng(9);
  std::size_t tried = 0, survived = 0;
  const RowMajorMatrix& m = f.traces[0];
  for (std::size_t r = 0; r < m.rows; ++r) {
    const MemAlignRecord* rec = r < recs.size() ? &recs[r] : nullptr;
    const bool cross = rec && mem_align_crosses(rec->access);
    for (std::size_t c = 0; c < m.cols; ++c) {
      for (int kind = 0; kind < 2; ++kind) {
        std::vector<RowMajorMatrix> t = f.traces;
        const Fe old = m.at(r, c);
        t[0].at(r, c) = kind == 0 ? old + Fe::from_u64(1 + rng() % 200) : Fe::one() - old;
        if (t[0].at(r, c) == old) continue;
        ++tried;
        if (f.rejected(t)) continue;
        ++survived;
        // Free cells: any cell of a padding row that no constraint reads, and the unused
        // second word of an access that does not cross (loads leave it, stores skip it).
        const bool free = !rec || (!cross && c >= kB + 8 && c < kB + 16);
        EXPECT_TRUE(free) << "row " << r << " col " << c << " accepted a mutation";
      }
    }
  }
  std::printf("mem_align: %zu mutations, %zu on free cells survived\n", tried, survived);
}

TEST(MemAlignTest, CheatingRowsAreRejected) {
  MemAlignRecord load;
  load.words[0] = 0x1122334455667788ull;
  load.words[1] = 0x99AABBCCDDEEFF00ull;
  load.access = {.addr = 0xA000'0006, .mem_step = 9, .width = 4};
  load.access.value = ref_load(load.words, 6, 4);  // 0xFF001122
  MemAlignRecord store = load;
  store.access.mem_op = kMemStore;
  store.access.mem_step = 13;
  store.access.value = 0xDEADBEEFCAFEF00Dull;
  AlignFixture f({load, store}, 2);
  ASSERT_FALSE(f.rejected(f.traces));
  // A wrong load value (Main claims it), with the window re-solved to hold it: the words read
  // no longer match memory.
  {
    AlignFixture g = f;
    g.records[0].access.value = 0x12345678;
    std::vector<RowMajorMatrix> t = g.traces;
    for (unsigned k = 0; k < 4; ++k) {
      t[0].at(0, kV + k) = Fe::from_u64((0x12345678 >> (8 * k)) & 0xFF);
      t[0].at(0, kB + 6 + k) = t[0].at(0, kV + k);
    }
    EXPECT_TRUE(g.rejected(t));
    // ... or with the window left alone (the load would change memory).
    t = g.traces;
    for (unsigned k = 0; k < 4; ++k)
      t[0].at(0, kV + k) = Fe::from_u64((0x12345678 >> (8 * k)) & 0xFF);
    EXPECT_TRUE(g.rejected(t));
  }
  // A wrong offset: off 5 with aw moved so that 8 aw + off is still the address.
  {
    std::vector<RowMajorMatrix> t = f.traces;
    t[0].at(0, kOff + 6) = Fe::zero();
    t[0].at(0, kOff + 5) = Fe::one();
    t[0].at(0, kAw) += Fe::from_u64(8).inverse();
    EXPECT_TRUE(f.rejected(t));
  }
  // A store that also changes a byte outside its range (byte 0 of the window).
  {
    std::vector<RowMajorMatrix> t = f.traces;
    t[0].at(1, kNw) += Fe::one();
    EXPECT_TRUE(f.rejected(t));
  }
  // The crossing load claims not to cross (no read of the second word).
  {
    std::vector<RowMajorMatrix> t = f.traces;
    t[0].at(0, kCross) = Fe::zero();
    EXPECT_TRUE(f.rejected(t));
  }
  // A load whose value is not zero-extended (Main claims the high bytes).
  {
    AlignFixture g = f;
    g.records[0].access.value |= 0x5500000000ull;
    std::vector<RowMajorMatrix> t = g.traces;
    t[0].at(0, kV + 4) = Fe::from_u64(0x55);
    EXPECT_TRUE(g.rejected(t));
  }
  // A load turned into a store (writes memory that Main never stored).
  {
    std::vector<RowMajorMatrix> t = f.traces;
    t[0].at(0, kStore) = Fe::one();
    EXPECT_TRUE(f.rejected(t));
  }
  // An aligned 8-byte access is the memory machines': a row proving it (width 8, offset 0) is
  // refused even when it is internally consistent (a load that assumes the very word it proves,
  // or a store relayed to mem_step + 1 after a read of the old word).
  for (std::uint8_t op : {kMemLoad, kMemStore}) {
    MemAlignRecord a;
    a.words[0] = 0x0123456789ABCDEFull;
    a.access = {.addr = 0xA000'0040, .mem_step = 21, .width = 8, .mem_op = op};
    a.access.value = op == kMemStore ? 0xFEDCBA9876543210ull : a.words[0];
    // The record checker refuses it, so build the row from an unaligned one and move it.
    MemAlignRecord u = a;
    u.access.addr += 1;
    if (op == kMemLoad) u.access.value = ref_load(u.words, 1, 8);
    AlignFixture g({u}, 2);
    std::vector<RowMajorMatrix> t = g.traces;
    t[0].at(0, kOff + 1) = Fe::zero();
    t[0].at(0, kOff + 0) = Fe::one();
    t[0].at(0, kCross) = Fe::zero();
    for (unsigned k = 0; k < 8; ++k) {
      t[0].at(0, kB + 8 + k) = Fe::zero();
      t[0].at(0, kV + k) = Fe::from_u64((a.access.value >> (8 * k)) & 0xFF);
    }
    const std::uint64_t nw = op == kMemStore ? a.access.value : a.words[0];
    t[0].at(0, kNw + 0) = Fe::from_u64(nw & 0xFFFFFFFF);
    t[0].at(0, kNw + 1) = Fe::from_u64(nw >> 32);
    t[0].at(0, kNw + 2) = Fe::zero();
    t[0].at(0, kNw + 3) = Fe::zero();
    const Status st = stark::check_constraints(*g.air, 0, t[0], nullptr, {}, {});
    EXPECT_FALSE(st.is_ok()) << "aligned 8-byte " << (op == kMemStore ? "store" : "load");
    if (st.is_ok()) continue;
    EXPECT_NE(st.message().find("mem_align.not_aligned_word"), std::string::npos) << st.message();
  }
  // Padding rows cannot send: selecting an offset on a padding row makes it prove an access
  // nobody assumes and assume a read nobody proves.
  {
    std::vector<RowMajorMatrix> t = f.traces;
    t[0].at(3, kOff) = Fe::one();
    EXPECT_TRUE(f.rejected(t));
  }
}

}  // namespace
}  // namespace ziskc::sm
