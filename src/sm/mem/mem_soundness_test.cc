// Soundness of the memory-region machines against a cheating prover: every cell of honest
// traces is mutated (a wrong value or a flipped bit) and must be rejected unless it is a free
// witness cell (the mutated trace then proves exactly the same accesses); then the best attempts
// at the frauds the machines exist to prevent, each re-solved so that only the fraud remains.
#include <gtest/gtest.h>

#include <cstddef>
#include <random>

#include "sm/mem/mem_testing.h"

namespace ziskc::sm {
namespace {

using poly::RowMajorMatrix;
using testing::Fixture;
using testing::kLayout;

constexpr std::size_t col(std::size_t offset) { return offset / sizeof(Fe); }
constexpr std::size_t kRamAddr = col(offsetof(RamCols<Fe>, addr));
constexpr std::size_t kRamStep = col(offsetof(RamCols<Fe>, step));
constexpr std::size_t kRamLo = col(offsetof(RamCols<Fe>, v_lo));
constexpr std::size_t kRamSel = col(offsetof(RamCols<Fe>, sel));
constexpr std::size_t kRamWr = col(offsetof(RamCols<Fe>, wr));
constexpr std::size_t kRamNew = col(offsetof(RamCols<Fe>, new_addr));
constexpr std::size_t kRamBig = col(offsetof(RamCols<Fe>, big));
constexpr std::size_t kRamInc = col(offsetof(RamCols<Fe>, inc));
constexpr std::size_t kRomNew = col(offsetof(RomDataCols<Fe>, new_addr));
constexpr std::size_t kRomSel = col(offsetof(RomDataCols<Fe>, sel));
constexpr std::size_t kInSel = col(offsetof(InputDataCols<Fe>, sel));
constexpr std::size_t kInNew = col(offsetof(InputDataCols<Fe>, new_addr));
constexpr std::size_t kInBig = col(offsetof(InputDataCols<Fe>, big));
constexpr std::size_t kInInc = col(offsetof(InputDataCols<Fe>, inc));
constexpr std::size_t kInAddr = col(offsetof(InputDataCols<Fe>, addr));

// The cheater's best for the order constraints: recompute every row's increment (as a field
// element, big = 0) from the other columns, so that only the range checks can object.
void resolve_ram(RowMajorMatrix& m) {
  for (std::size_t r = 1; r < m.rows; ++r) {
    const Fe nw = m.at(r, kRamNew);
    const Fe d_addr = m.at(r, kRamAddr) - m.at(r - 1, kRamAddr) - Fe::one();
    const Fe d_step = m.at(r, kRamStep) - m.at(r - 1, kRamStep) - m.at(r, kRamSel);
    m.at(r, kRamBig) = Fe::zero();
    m.at(r, kRamInc) = nw * d_addr + (Fe::one() - nw) * d_step;
  }
}
void resolve_input(RowMajorMatrix& m) {
  for (std::size_t r = 1; r < m.rows; ++r) {
    m.at(r, kInBig) = Fe::zero();
    m.at(r, kInInc) = m.at(r, kInNew) * (m.at(r, kInAddr) - m.at(r - 1, kInAddr) - Fe::one());
  }
}

// A mutation that a balanced, constraint-satisfying trace survives proves the same accesses;
// it may only touch a silent row (sel = 0), or big where inc = 0, or the unused increment
// columns of row 0 (a link row's own increment is checked by the previous instance).
bool free_cell(const Fixture& f, const RowMajorMatrix& m, std::size_t r, std::size_t c) {
  switch (f.spec.region) {
    case MemRegion::kRam:
      if (c == kRamBig && m.at(r, kRamInc).is_zero()) return true;
      return m.at(r, kRamSel).is_zero();
    case MemRegion::kRomData:
      return m.at(r, kRomSel).is_zero();
    case MemRegion::kInputData:
      if (c == kInBig && m.at(r, kInInc).is_zero()) return true;
      return m.at(r, kInSel).is_zero();
  }
  return false;
}

void sweep(const Fixture& f, std::uint64_t seed) {
  ASSERT_TRUE(f.constraints().is_ok());
  ASSERT_FALSE(f.rejected(f.traces));
  std::mt19937_64 rng(seed);
  std::size_t tried = 0, survived = 0;
  for (std::size_t i = 0; i < f.traces.size(); ++i) {
    const RowMajorMatrix& m = f.traces[i];
    for (std::size_t r = 0; r < m.rows; ++r) {
      for (std::size_t c = 0; c < m.cols; ++c) {
        for (int kind = 0; kind < 2; ++kind) {
          std::vector<RowMajorMatrix> t = f.traces;
          const Fe old = m.at(r, c);
          t[i].at(r, c) = kind == 0 ? old + Fe::from_u64(1 + rng() % 1000) : Fe::one() - old;
          if (t[i].at(r, c) == old) continue;
          ++tried;
          if (f.rejected(t)) continue;
          ++survived;
          EXPECT_TRUE(free_cell(f, m, r, c))
              << mem_region_name(f.spec.region) << " instance " << i << " row " << r << " col "
              << c << " accepted a mutation";
        }
      }
    }
  }
  std::printf("%s: %zu mutations, %zu on free cells survived\n", mem_region_name(f.spec.region),
              tried, survived);
  EXPECT_GT(tried, 100u);
}

TEST(MemSoundnessTest, EveryCellMattersOrIsFree) {
  const MemRegionSpec ram = ram_region(kLayout);
  sweep(Fixture(ram, testing::random_ram(5, 14, ram), 3), 1);
  std::uint64_t last = 0;
  const std::uint64_t lo = 0x8000'0000, hi = lo + 8 * 5;
  sweep(Fixture(rom_data_region(lo, hi, last), testing::random_rom(2, lo, hi, 9, &last), 3), 2);
  const MemRegionSpec in = input_data_region(kLayout);
  sweep(Fixture(in, testing::random_input(3, 14, in), 3), 3);
}

// Accesses of one RAM word w: store A at 10, store B at 20, load at 30 (returns B).
std::vector<MemAccess> two_stores(std::uint64_t w, std::uint64_t load_value) {
  return {{.addr = 8 * w, .mem_step = 10, .value = 0xA, .mem_op = kMemStore},
          {.addr = 8 * w, .mem_step = 20, .value = 0xB, .mem_op = kMemStore},
          {.addr = 8 * w, .mem_step = 30, .value = load_value}};
}

// The row of instance 0 whose step is s.
std::size_t row_of(const RowMajorMatrix& m, std::uint64_t s) {
  for (std::size_t r = 1; r < m.rows; ++r) {
    if (m.at(r, kRamStep).value() == s && !m.at(r, kRamSel).is_zero()) return r;
  }
  ADD_FAILURE() << "no row at step " << s;
  return 0;
}

TEST(MemSoundnessTest, RamStaleLoadIsRejected) {
  const MemRegionSpec spec = ram_region(kLayout);
  const std::uint64_t w = spec.first_w + 77;
  Fixture honest(spec, two_stores(w, 0xB), 4);
  ASSERT_FALSE(honest.rejected(honest.traces));
  // Main claims the load returned the stale A. The same rows with the load's value set to A.
  Fixture f(spec, two_stores(w, 0xB), 4);
  f.accesses[2].value = 0xA;
  std::vector<RowMajorMatrix> t = f.traces;
  const std::size_t load = row_of(t[0], 30);
  t[0].at(load, kRamLo) = Fe::from_u64(0xA);
  EXPECT_TRUE(f.rejected(t));
  // Best attempt 1: move the load between the two stores (the log is no longer sorted).
  t = f.traces;
  const std::size_t s2 = row_of(t[0], 20);
  ASSERT_EQ(load, s2 + 1);
  std::swap_ranges(t[0].row(s2).begin(), t[0].row(s2).end(), t[0].row(load).begin());
  t[0].at(s2, kRamLo) = Fe::from_u64(0xA);
  resolve_ram(t[0]);
  EXPECT_TRUE(f.rejected(t));
  // Best attempt 2: turn the load into a store of A (Main assumed a load).
  t = f.traces;
  t[0].at(load, kRamWr) = Fe::one();
  t[0].at(load, kRamLo) = Fe::from_u64(0xA);
  EXPECT_TRUE(f.rejected(t));
  // Best attempt 3: start a new group for the load (same address: it reads 0, not A).
  t = f.traces;
  t[0].at(load, kRamNew) = Fe::one();
  t[0].at(load, kRamLo) = Fe::from_u64(0xA);
  resolve_ram(t[0]);
  EXPECT_TRUE(f.rejected(t));
}

TEST(MemSoundnessTest, RamFirstReadIsZero) {
  const MemRegionSpec spec = ram_region(kLayout);
  const std::uint64_t w = spec.first_w + 100;
  std::vector<MemAccess> acc = {{.addr = 8 * (w - 1), .mem_step = 4, .value = 9,
                                 .mem_op = kMemStore},
                                {.addr = 8 * w, .mem_step = 8, .value = 0}};
  Fixture f(spec, acc, 3);
  f.accesses[1].value = 9;  // Main claims the fresh word holds 9
  std::vector<RowMajorMatrix> t = f.traces;
  const std::size_t r = row_of(t[0], 8);
  t[0].at(r, kRamLo) = Fe::from_u64(9);
  EXPECT_TRUE(f.rejected(t));
  // Best attempt: continue the previous word's group (which holds 9) at the new address.
  t[0].at(r, kRamNew) = Fe::zero();
  resolve_ram(t[0]);
  EXPECT_TRUE(f.rejected(t));
  // Or with the previous word's address (then the bus message has the wrong address).
  t[0].at(r, kRamAddr) = Fe::from_u64(w - 1);
  resolve_ram(t[0]);
  EXPECT_TRUE(f.rejected(t));
}

TEST(MemSoundnessTest, AddressOutsideRamIsRejected) {
  const MemRegionSpec spec = ram_region(kLayout);
  // An honest load of the last (first) word; Main claims the word past (before) the region.
  // The cheater moves the load and its padding copies there and re-solves the increments.
  for (bool past : {true, false}) {
    const std::uint64_t good = past ? spec.end_w - 1 : spec.first_w;
    const std::uint64_t bad = past ? spec.end_w : spec.first_w - 1;
    Fixture f(spec, {{.addr = 8 * good, .mem_step = 4, .value = 0}}, 3);
    f.accesses[0].addr = 8 * bad;
    std::vector<RowMajorMatrix> t = f.traces;
    const std::size_t r = row_of(t[0], 4);
    for (std::size_t k = r; k < t[0].rows; ++k) {
      if (t[0].at(k, kRamAddr).value() == good) t[0].at(k, kRamAddr) = Fe::from_u64(bad);
    }
    t[0].at(r, kRamNew) = Fe::one();
    resolve_ram(t[0]);
    EXPECT_TRUE(f.rejected(t)) << past;
  }
}

TEST(MemSoundnessTest, PaddingCannotSend) {
  const MemRegionSpec spec = ram_region(kLayout);
  std::vector<MemAccess> acc = {{.addr = 8 * (spec.first_w + 3), .mem_step = 4, .value = 5,
                                 .mem_op = kMemStore}};
  Fixture f(spec, acc, 4);
  // Rows after the store are silent copies; make one a store of 5 at the same step, or at a
  // later step, and let Main assume it.
  std::vector<RowMajorMatrix> t = f.traces;
  const std::size_t r = row_of(t[0], 4) + 1;
  ASSERT_TRUE(t[0].at(r, kRamSel).is_zero());
  t[0].at(r, kRamSel) = Fe::one();
  t[0].at(r, kRamWr) = Fe::one();
  resolve_ram(t[0]);
  f.accesses.push_back({.addr = acc[0].addr, .mem_step = 4, .value = 5, .mem_op = kMemStore});
  EXPECT_TRUE(f.rejected(t));
  // A silent write (wr without sel) that would change memory for a later load.
  t = f.traces;
  t[0].at(r, kRamWr) = Fe::one();
  t[0].at(r, kRamLo) = Fe::from_u64(6);
  EXPECT_TRUE(f.rejected(t));
}

TEST(MemSoundnessTest, ForgedLinksAreRejected) {
  const MemRegionSpec spec = ram_region(kLayout);
  Fixture f(spec, testing::random_ram(8, 40, spec), 3);
  ASSERT_GE(f.traces.size(), 3u);
  // Row 0 of instance 1 is not the last row of instance 0.
  for (std::size_t c : {kRamAddr, kRamStep, kRamLo}) {
    std::vector<RowMajorMatrix> t = f.traces;
    t[1].at(0, c) += Fe::one();
    EXPECT_TRUE(f.rejected(t)) << c;
  }
  // An instance dropped or repeated.
  std::vector<RowMajorMatrix> dropped = f.traces;
  dropped.erase(dropped.begin() + 1);
  std::vector<std::vector<Fe>> ivs;
  for (std::size_t i = 0; i < f.plan.num_instances; ++i) {
    if (i != 1) ivs.push_back(f.plan.instance_values(i));
  }
  EXPECT_TRUE(f.rejected(dropped, &ivs));
  std::vector<RowMajorMatrix> twice = f.traces;
  twice.push_back(f.traces[1]);
  ivs.clear();
  for (std::size_t i = 0; i < f.plan.num_instances; ++i) ivs.push_back(f.plan.instance_values(i));
  ivs.push_back(f.plan.instance_values(1));
  EXPECT_TRUE(f.rejected(twice, &ivs));
  // The end flag: the last instance claims its last row continues the previous address.
  ivs.pop_back();
  ivs.back()[kMemFlagOut] = Fe::zero();
  EXPECT_TRUE(f.rejected(f.traces, &ivs));
}

TEST(MemSoundnessTest, RomDataRefusesStoresAndUninitialisedWords) {
  const std::uint64_t lo = 0x8000'0000, hi = lo + 8 * 6;
  std::uint64_t last = 0;
  Fixture f(rom_data_region(lo, hi, last), testing::random_rom(4, lo, hi, 10, &last), 3);
  ASSERT_FALSE(f.rejected(f.traces));
  // A guest store into ROM: nothing proves mem_op 2 (sel + 2 new_addr is 1 or 3).
  Fixture g = f;
  g.accesses.push_back({.addr = lo, .mem_step = 1000, .value = 1, .mem_op = kMemStore});
  EXPECT_TRUE(g.rejected(g.traces));
  std::vector<RowMajorMatrix> t = f.traces;
  t[0].at(2, kRomNew) = Fe::from_u64(2).inverse();  // the only way to make op 2
  EXPECT_TRUE(f.rejected(t));
  // A load of the word before the area: the first instance continues the start sentinel's
  // word lo - 1 instead of initialising lo.
  t = f.traces;
  ASSERT_EQ(t[0].at(1, kRomNew), Fe::one());
  t[0].at(1, kRomNew) = Fe::zero();
  t[0].at(1, col(offsetof(RomDataCols<Fe>, addr))) = Fe::from_u64(lo / 8 - 1);
  EXPECT_TRUE(f.rejected(t));
  // Skipping a word's init (two consecutive inits two words apart).
  t = f.traces;
  for (std::size_t r = 2; r < t[0].rows; ++r) {
    t[0].at(r, col(offsetof(RomDataCols<Fe>, addr))) += Fe::one();
  }
  EXPECT_TRUE(f.rejected(t));
}

TEST(MemSoundnessTest, InputWordHasOneValue) {
  const MemRegionSpec spec = input_data_region(kLayout);
  const std::uint64_t w = spec.first_w + 9;
  std::vector<MemAccess> acc = {{.addr = 8 * w, .mem_step = 4, .value = 1},
                                {.addr = 8 * w, .mem_step = 8, .value = 1},
                                {.addr = 8 * (w + 1), .mem_step = 6, .value = 3}};
  Fixture f(spec, acc, 3);
  ASSERT_FALSE(f.rejected(f.traces));
  // Main claims the second read returned 2: same group with another value, or a second group
  // of the word (new address without a larger address), or a free read off the free cell.
  f.accesses[1].value = 2;
  std::vector<RowMajorMatrix> t = f.traces;
  std::size_t r = 0;
  for (std::size_t k = 1; k < t[0].rows; ++k) {
    if (t[0].at(k, col(offsetof(InputDataCols<Fe>, step))).value() == 8) r = k;
  }
  ASSERT_GT(r, 0u);
  const std::size_t limb0 = col(offsetof(InputDataCols<Fe>, limb));
  t[0].at(r, limb0) = Fe::from_u64(2);
  EXPECT_TRUE(f.rejected(t));
  t[0].at(r, kInNew) = Fe::one();
  resolve_input(t[0]);
  EXPECT_TRUE(f.rejected(t));
  t[0].at(r, kInNew) = Fe::zero();
  t[0].at(r, col(offsetof(InputDataCols<Fe>, free))) = Fe::one();
  resolve_input(t[0]);
  EXPECT_TRUE(f.rejected(t));
  // The duplicated group after the next word: w, w+1, w again.
  t = f.traces;
  std::swap_ranges(t[0].row(r).begin(), t[0].row(r).end(), t[0].row(r + 1).begin());
  t[0].at(r + 1, kInNew) = Fe::one();
  t[0].at(r + 1, limb0) = Fe::from_u64(2);
  resolve_input(t[0]);
  EXPECT_TRUE(f.rejected(t));
}

}  // namespace
}  // namespace ziskc::sm
