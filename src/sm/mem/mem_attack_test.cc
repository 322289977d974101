// Hand-written attacks on the memory-region machines, one per constraint that soundness needs:
// each builds the cheater's whole log (consistent everywhere except the fraud, increments
// re-solved), checks that the honest log of the same shape is accepted, and that the attack is
// rejected. Every attack here is accepted by the AIR with its constraint removed (checked by
// deleting each constraint in turn; docs/sm/mem.md "Tests"), so each constraint is needed.
// Constraints that only restate what others imply are pinned by name instead.
#include <gtest/gtest.h>

#include "sm/mem/mem_testing.h"

namespace ziskc::sm {
namespace {

using poly::RowMajorMatrix;
using testing::constraint_fails;
using testing::judge_rejects;
using testing::log_trace;
using testing::LogRow;

constexpr std::uint64_t kF = 0x1400'0000;  // word index of a tiny test region's first word
constexpr std::uint64_t kP = Fe::kP;

MemAccess ld(std::uint64_t w, std::uint64_t s, std::uint64_t v) {
  return {.addr = 8 * w, .mem_step = s, .value = v, .mem_op = kMemLoad};
}
MemAccess st(std::uint64_t w, std::uint64_t s, std::uint64_t v) {
  return {.addr = 8 * w, .mem_step = s, .value = v, .mem_op = kMemStore};
}
MemAccess init(std::uint64_t w, std::uint64_t s, std::uint64_t v) {
  return {.addr = 8 * w, .mem_step = s, .value = v, .mem_op = kMemRomInit};
}

struct Region {
  MemRegionSpec spec;
  stark::AirPtr air;
  explicit Region(MemRegionSpec s) : spec(s), air(mem_air(s)) {}
  // One instance of 2^4 rows with flags [in, out].
  bool rejects(const std::vector<LogRow>& rows, const std::vector<MemAccess>& main, Fe in, Fe out,
               const std::vector<std::size_t>& zero_inc = {}) const {
    const std::vector<RowMajorMatrix> t = {log_trace(spec.region, rows, 4, zero_inc)};
    return judge_rejects(*air, spec, t, {{in, out}}, main);
  }
  // The first failing constraint's message of a one-instance log.
  std::string failure(const std::vector<LogRow>& rows, Fe in, Fe out) const {
    const RowMajorMatrix t = log_trace(spec.region, rows, 4);
    const std::vector<Fe> iv = {in, out};
    return stark::check_constraints(*air, 0, t, nullptr, {}, iv).message();
  }
};

const Fe k0 = Fe::zero(), k1 = Fe::one(), k2 = Fe::from_u64(2);

Region ram() { return Region({.region = MemRegion::kRam, .first_w = kF, .end_w = kF + 16}); }
const LogRow kRamStart{.addr = kF};
const LogRow kRamEnd{.addr = kF + 16, .nw = true};

TEST(MemAttackTest, RamSilentWrite) {
  const Region r = ram();
  const std::uint64_t w = kF + 2;
  const std::vector<LogRow> honest = {kRamStart,
                                      {.addr = w, .step = 3, .nw = true},
                                      {.addr = w, .step = 4, .value = 5, .sel = true, .wr = true},
                                      {.addr = w, .step = 20, .value = 5, .sel = true},
                                      kRamEnd};
  ASSERT_FALSE(r.rejects(honest, {st(w, 4, 5), ld(w, 20, 5)}, k0, k1));
  // A write no instruction made (not on the bus) changes the word before the load.
  std::vector<LogRow> cheat = honest;
  cheat.insert(cheat.begin() + 3, {.addr = w, .step = 5, .value = 6, .wr = true});
  cheat[4].value = 6;
  EXPECT_TRUE(r.rejects(cheat, {st(w, 4, 5), ld(w, 20, 6)}, k0, k1));
}

TEST(MemAttackTest, RamGroupCannotChangeAddress) {
  const Region r = ram();
  const std::vector<LogRow> honest = {
      kRamStart,
      {.addr = kF + 2, .step = 3, .nw = true},
      {.addr = kF + 2, .step = 4, .value = 9, .sel = true, .wr = true},
      {.addr = kF + 3, .step = 8, .value = 0, .sel = true, .nw = true},
      kRamEnd};
  ASSERT_FALSE(r.rejects(honest, {st(kF + 2, 4, 9), ld(kF + 3, 8, 0)}, k0, k1));
  // The fresh word kF + 3 "continues" kF + 2's group and reads its 9.
  std::vector<LogRow> cheat = honest;
  cheat[3] = {.addr = kF + 3, .step = 8, .value = 9, .sel = true};
  EXPECT_TRUE(r.rejects(cheat, {st(kF + 2, 4, 9), ld(kF + 3, 8, 9)}, k0, k1));
  // Or starts a group but reads 9 anyway.
  cheat[3].nw = true;
  EXPECT_TRUE(r.rejects(cheat, {st(kF + 2, 4, 9), ld(kF + 3, 8, 9)}, k0, k1));
}

TEST(MemAttackTest, RamLoadOrderedBeforeTheLastStore) {
  const Region r = ram();
  const std::uint64_t w = kF + 2;
  const std::vector<LogRow> honest = {
      kRamStart,
      {.addr = w, .step = 9, .nw = true},
      {.addr = w, .step = 10, .value = 0xA, .sel = true, .wr = true},
      {.addr = w, .step = 20, .value = 0xB, .sel = true, .wr = true},
      {.addr = w, .step = 30, .value = 0xB, .sel = true},
      kRamEnd};
  ASSERT_FALSE(r.rejects(honest, {st(w, 10, 0xA), st(w, 20, 0xB), ld(w, 30, 0xB)}, k0, k1));
  // The load at 30 placed before the store at 20 reads the stale 0xA.
  const std::vector<LogRow> cheat = {
      kRamStart,
      {.addr = w, .step = 9, .nw = true},
      {.addr = w, .step = 10, .value = 0xA, .sel = true, .wr = true},
      {.addr = w, .step = 30, .value = 0xA, .sel = true},
      {.addr = w, .step = 20, .value = 0xB, .sel = true, .wr = true},
      kRamEnd};
  const std::vector<MemAccess> claim = {st(w, 10, 0xA), st(w, 20, 0xB), ld(w, 30, 0xA)};
  EXPECT_TRUE(r.rejects(cheat, claim, k0, k1));       // the step goes down: inc = -11
  EXPECT_TRUE(r.rejects(cheat, claim, k0, k1, {4}));  // or inc = 0 against the constraint
  // The same with a new address going down.
  const std::vector<LogRow> back = {kRamStart,
                                    {.addr = kF + 3, .step = 1, .value = 0, .sel = true, .nw = true},
                                    {.addr = kF + 2, .step = 2, .value = 0, .sel = true, .nw = true},
                                    {.addr = kF + 3, .step = 3, .value = 0, .sel = true, .nw = true},
                                    kRamEnd};
  const std::vector<MemAccess> lds = {ld(kF + 3, 1, 0), ld(kF + 2, 2, 0), ld(kF + 3, 3, 0)};
  EXPECT_TRUE(r.rejects(back, lds, k0, k1, {2}));
}

TEST(MemAttackTest, RamFreshWordReadsZero) {
  const Region r = ram();
  for (std::uint64_t v : {std::uint64_t{9}, std::uint64_t{9} << 32}) {  // low / high limb
    const std::vector<LogRow> cheat = {
        kRamStart, {.addr = kF + 3, .step = 8, .value = v, .sel = true, .nw = true}, kRamEnd};
    EXPECT_TRUE(r.rejects(cheat, {ld(kF + 3, 8, v)}, k0, k1)) << v;
  }
}

TEST(MemAttackTest, RamLoadReturnsTheLastStore) {
  const Region r = ram();
  const std::uint64_t w = kF + 2, a = 0x0000'0005'0000'0007ull;
  for (std::uint64_t b : {a ^ 1, a ^ (std::uint64_t{1} << 40)}) {  // differs in the low / high limb
    // The load at 30 returns the older store's value although the newer one is in between.
    const std::vector<LogRow> cheat = {
        kRamStart,
        {.addr = w, .step = 9, .nw = true},
        {.addr = w, .step = 10, .value = a, .sel = true, .wr = true},
        {.addr = w, .step = 20, .value = b, .sel = true, .wr = true},
        {.addr = w, .step = 30, .value = a, .sel = true},
        kRamEnd};
    EXPECT_TRUE(r.rejects(cheat, {st(w, 10, a), st(w, 20, b), ld(w, 30, a)}, k0, k1)) << b;
  }
}

TEST(MemAttackTest, RamEndFlagClosesTheRegion) {
  const Region r = ram();
  // A load of the word past the region (at a mem_step no honest Main sends, p - 1) followed by
  // a same-address last row whose step wraps to the end sentinel's 0: the flag says "new".
  const std::vector<LogRow> cheat = {kRamStart,
                                     {.addr = kF + 16, .step = kP - 1, .sel = true, .nw = true},
                                     {.addr = kF + 16}};
  EXPECT_TRUE(r.rejects(cheat, {ld(kF + 16, kP - 1, 0)}, k0, k1));
}

TEST(MemAttackTest, RamGroupStartsWithARead) {
  const Region r = ram();
  const std::uint64_t w = kF + 2;
  // A group that starts with a store (the planner puts a silent read of 0 first).
  const std::vector<LogRow> rows = {
      kRamStart, {.addr = w, .step = 3, .sel = true, .wr = true, .nw = true}, kRamEnd};
  EXPECT_NE(r.failure(rows, k0, k1).find("ram.new_is_read"), std::string::npos);
}

constexpr std::uint64_t kL = 0x1000'0020;  // ROM data words kL .. kL + 3
const std::uint64_t kRomV[4] = {0x11, 0x2222, 0x333333, 0x4444'0000'0044ull};
Region rom() { return Region(rom_data_region(8 * kL, 8 * (kL + 4), kRomV[3])); }
std::vector<LogRow> rom_log() {
  return {{.addr = kL - 1},
          {.addr = kL, .step = 3, .value = kRomV[0], .sel = true, .nw = true},
          {.addr = kL + 1, .step = 7, .value = kRomV[1], .sel = true, .nw = true},
          {.addr = kL + 2, .step = 11, .value = kRomV[2], .sel = true, .nw = true},
          {.addr = kL + 3, .step = 15, .value = kRomV[3], .sel = true, .nw = true},
          {.addr = kL + 3, .step = 40, .value = kRomV[3], .sel = true},
          {.addr = kL + 3, .value = kRomV[3]}};
}
std::vector<MemAccess> rom_main() {
  return {init(kL, 3, kRomV[0]), init(kL + 1, 7, kRomV[1]), init(kL + 2, 11, kRomV[2]),
          init(kL + 3, 15, kRomV[3]), ld(kL + 3, 40, kRomV[3])};
}

TEST(MemAttackTest, RomHonestLogIsAccepted) {
  ASSERT_FALSE(rom().rejects(rom_log(), rom_main(), k2, k0));
}

TEST(MemAttackTest, RomInitIsProved) {
  // Main lacks the init of kL + 1 (as if the BIOS had skipped it) and loads it as 0x99: the
  // cheater inits it silently with 0x99.
  std::vector<LogRow> cheat = rom_log();
  cheat[2] = {.addr = kL + 1, .step = 7, .value = 0x99, .nw = true};
  cheat.insert(cheat.begin() + 3, {.addr = kL + 1, .step = 30, .value = 0x99, .sel = true});
  std::vector<MemAccess> main = rom_main();
  main[1] = ld(kL + 1, 30, 0x99);
  EXPECT_TRUE(rom().rejects(cheat, main, k2, k0));
}

TEST(MemAttackTest, RomWordsAreConsecutive) {
  // A second group of word kL (a second init with another value) answers a load.
  std::vector<LogRow> cheat = rom_log();
  cheat.insert(cheat.begin() + 2, {.addr = kL, .step = 5, .value = 0x77, .sel = true, .nw = true});
  cheat.insert(cheat.begin() + 3, {.addr = kL, .step = 6, .value = 0x77, .sel = true});
  std::vector<MemAccess> main = rom_main();
  main.push_back(init(kL, 5, 0x77));
  main.push_back(ld(kL, 6, 0x77));
  EXPECT_TRUE(rom().rejects(cheat, main, k2, k0));
}

TEST(MemAttackTest, RomGroupCannotChangeAddress) {
  // A load of the word past the area (kL + 4) inside the last word's group, then back.
  std::vector<LogRow> cheat = rom_log();
  cheat[5].addr = kL + 4;
  std::vector<MemAccess> main = rom_main();
  main[4] = ld(kL + 4, 40, kRomV[3]);
  EXPECT_TRUE(rom().rejects(cheat, main, k2, k0));
}

TEST(MemAttackTest, RomLoadReturnsTheInit) {
  for (std::uint64_t wrong : {kRomV[3] ^ 1, kRomV[3] ^ (std::uint64_t{1} << 40)}) {  // low / high limb
    std::vector<LogRow> cheat = rom_log();
    cheat[5].value = wrong;
    std::vector<MemAccess> main = rom_main();
    main[4].value = wrong;
    EXPECT_TRUE(rom().rejects(cheat, main, k2, k0)) << wrong;
  }
}

TEST(MemAttackTest, RomStartForcesTheFirstInit) {
  // A load of word kL - 1 (no ROM data) continuing the start sentinel's word with its 0.
  std::vector<LogRow> cheat = rom_log();
  cheat.insert(cheat.begin() + 1, {.addr = kL - 1, .step = 50, .sel = true});
  std::vector<MemAccess> main = rom_main();
  main.push_back(ld(kL - 1, 50, 0));
  EXPECT_TRUE(rom().rejects(cheat, main, k2, k0));
}

constexpr std::uint64_t kI = 0x0800'0000;  // input word 0 (the free-input cell)
Region input() {
  return Region({.region = MemRegion::kInputData, .first_w = kI, .end_w = kI + 16});
}
std::vector<LogRow> input_log(std::uint64_t v1, std::uint64_t v2) {
  return {{.addr = kI},
          {.addr = kI + 2, .step = 3, .value = v1, .sel = true, .nw = true},
          {.addr = kI + 3, .step = 4, .value = v2, .sel = true, .nw = true},
          {.addr = kI + 16, .nw = true}};
}

TEST(MemAttackTest, InputWordHasOneValue) {
  const Region r = input();
  const std::uint64_t v1 = 0x1111, v2 = 0x2222'0000'2222ull;
  ASSERT_FALSE(r.rejects(input_log(v1, v2), {ld(kI + 2, 3, v1), ld(kI + 3, 4, v2)}, k0, k1));
  const std::vector<MemAccess> two = {ld(kI + 2, 3, v1), ld(kI + 3, 4, v2), ld(kI + 2, 5, v2)};
  // Back to word kI + 2 without a new group (reads kI + 3's value) ...
  std::vector<LogRow> cheat = input_log(v1, v2);
  cheat.insert(cheat.begin() + 3, {.addr = kI + 2, .step = 5, .value = v2, .sel = true});
  EXPECT_TRUE(r.rejects(cheat, two, k0, k1));
  // ... or with a new group at a smaller address (inc re-solved, or 0 against the constraint) ...
  cheat[3].nw = true;
  EXPECT_TRUE(r.rejects(cheat, two, k0, k1));
  EXPECT_TRUE(r.rejects(cheat, two, k0, k1, {3}));
  // ... or as a free read off the free-input cell.
  cheat[3] = {.addr = kI + 2, .step = 5, .value = v2, .sel = true, .free = true};
  cheat.erase(cheat.begin() + 2);
  EXPECT_TRUE(r.rejects(cheat, {ld(kI + 2, 3, v1), ld(kI + 2, 5, v2)}, k0, k1));
  // A second read of one word with another value in either limb.
  for (std::uint64_t wrong : {v1 ^ 1, v1 ^ (std::uint64_t{1} << 40)}) {
    std::vector<LogRow> c = input_log(v1, v2);
    c.insert(c.begin() + 2, {.addr = kI + 2, .step = 6, .value = wrong, .sel = true});
    EXPECT_TRUE(r.rejects(c, {ld(kI + 2, 3, v1), ld(kI + 2, 6, wrong), ld(kI + 3, 4, v2)}, k0, k1));
  }
}

TEST(MemAttackTest, InputFreeCellIsFree) {
  const Region r = input();
  std::vector<LogRow> rows = {{.addr = kI},
                              {.addr = kI, .step = 3, .value = 5, .sel = true, .free = true},
                              {.addr = kI, .step = 4, .value = 6, .sel = true, .free = true},
                              {.addr = kI + 16, .nw = true}};
  EXPECT_FALSE(r.rejects(rows, {ld(kI, 3, 5), ld(kI, 4, 6)}, k0, k1));
  // A limb >= 2^16 would hand Main a non-canonical value.
  const RowMajorMatrix t = log_trace(MemRegion::kInputData, rows, 4);
  RowMajorMatrix bad = t;
  bad.at(1, 2) = Fe::from_u64(5 + (1 << 16));
  bad.at(1, 3) = Fe::from_u64(Fe::kP - 1);  // limb0 + 2^16 limb1 is still 5
  const std::vector<MemAccess> reads = {ld(kI, 3, 5), ld(kI, 4, 6)};
  EXPECT_TRUE(judge_rejects(*r.air, r.spec, {bad}, {{k0, k1}}, reads));
  rows[1].nw = true;
  rows[1].value = 0;
  EXPECT_NE(r.failure(rows, k0, k1).find("input.new_or_free"), std::string::npos)
      << r.failure(rows, k0, k1);
}


TEST(MemAttackTest, RamNewFlagIsBoolean) {
  const Region r = ram();
  const std::uint64_t w = kF + 2;
  // new_addr = 2 on a silent read of 0 turns its step increment negative: the load at 50 is
  // ordered before the store at 49 and reads the stale 0.
  const std::vector<LogRow> rows = {kRamStart,
                                    {.addr = w, .step = 50, .sel = true, .nw = true},
                                    {.addr = w, .step = 48},
                                    {.addr = w, .step = 49, .value = 7, .sel = true, .wr = true},
                                    kRamEnd};
  RowMajorMatrix t = log_trace(MemRegion::kRam, rows, 4);
  t.at(2, offsetof(RamCols<Fe>, new_addr) / sizeof(Fe)) = Fe::from_u64(2);
  t.at(2, offsetof(RamCols<Fe>, inc) / sizeof(Fe)) = Fe::zero();
  const std::vector<MemAccess> claim = {ld(w, 50, 0), st(w, 49, 7)};
  EXPECT_TRUE(constraint_fails(RamAir{}, t, std::vector<Fe>{k0, k1}, "ram.new_bool"));
  EXPECT_TRUE(judge_rejects(*r.air, r.spec, {t}, {{k0, k1}}, claim));
}

TEST(MemAttackTest, InputEndFlagClosesTheRegion) {
  const Region r = input();
  // A load of the word past the region (the first ROM word) followed by a same-address last
  // row that claims to start a new address.
  const std::vector<LogRow> cheat = {{.addr = kI},
                                     {.addr = kI + 16, .step = 5, .sel = true, .nw = true},
                                     {.addr = kI + 16}};
  EXPECT_TRUE(r.rejects(cheat, {ld(kI + 16, 5, 0)}, k0, k1));
}

// Constraints that other constraints or the bus already imply (a non-boolean flag that cannot
// help a cheater, the link rows' silence, which the count of chain links forces) are kept
// explicit; these tests pin each one by name.
TEST(MemAttackTest, RedundantConstraintsArePinned) {
  struct Pin {
    const char* name;
    std::size_t row;  // kLast: row n - 1
    std::size_t col;
    Fe value;
  };
  constexpr std::size_t kLast = 15;
  const auto c = [](std::size_t off) { return off / sizeof(Fe); };
  const Fe two = Fe::from_u64(2);
  const std::vector<Fe> ram_iv = {k0, k1}, rom_iv = {k2, k0};
  const RowMajorMatrix ram_t = log_trace(
      MemRegion::kRam,
      {kRamStart,
       {.addr = kF + 2, .step = 3, .nw = true},
       {.addr = kF + 2, .step = 4, .value = 5, .sel = true, .wr = true},
       {.addr = kF + 2, .step = 20, .value = 5, .sel = true},
       kRamEnd},
      4);
  for (const Pin& p : {Pin{"ram.sel_bool", 3, c(offsetof(RamCols<Fe>, sel)), two},
                       Pin{"ram.wr_bool", 3, c(offsetof(RamCols<Fe>, wr)), two},
                       Pin{"ram.big_bool", 5, c(offsetof(RamCols<Fe>, big)), two},
                       Pin{"ram.link_in_silent", 0, c(offsetof(RamCols<Fe>, sel)), k1},
                       Pin{"ram.link_out_silent", kLast, c(offsetof(RamCols<Fe>, sel)), k1}}) {
    RowMajorMatrix t = ram_t;
    t.at(p.row, p.col) = p.value;
    EXPECT_TRUE(constraint_fails(RamAir{}, t, ram_iv, p.name)) << p.name;
  }
  const RowMajorMatrix rom_t = log_trace(MemRegion::kRomData, rom_log(), 4);
  for (const Pin& p : {Pin{"rom.sel_bool", 2, c(offsetof(RomDataCols<Fe>, sel)), two},
                       Pin{"rom.new_bool", 2, c(offsetof(RomDataCols<Fe>, new_addr)), two},
                       Pin{"rom.init_on_bus", 2, c(offsetof(RomDataCols<Fe>, sel)), k0},
                       Pin{"rom.link_in_silent", 0, c(offsetof(RomDataCols<Fe>, sel)), k1},
                       Pin{"rom.link_in_not_new", 0, c(offsetof(RomDataCols<Fe>, new_addr)), k1},
                       Pin{"rom.link_out_silent", kLast, c(offsetof(RomDataCols<Fe>, sel)), k1}}) {
    RowMajorMatrix t = rom_t;
    t.at(p.row, p.col) = p.value;
    EXPECT_TRUE(constraint_fails(RomDataAir{}, t, rom_iv, p.name)) << p.name;
  }
  EXPECT_TRUE(constraint_fails(RomDataAir{}, rom_t, std::vector<Fe>{k2, k1}, "rom.flag_out"));
  const RowMajorMatrix in_t = log_trace(MemRegion::kInputData, input_log(3, 4), 4);
  const InputDataAir in_air{.free_word = kI};
  for (const Pin& p : {Pin{"input.sel_bool", 2, c(offsetof(InputDataCols<Fe>, sel)), two},
                       Pin{"input.new_bool", 2, c(offsetof(InputDataCols<Fe>, new_addr)), two},
                       Pin{"input.free_bool", 2, c(offsetof(InputDataCols<Fe>, free)), two},
                       Pin{"input.big_bool", 2, c(offsetof(InputDataCols<Fe>, big)), two},
                       Pin{"input.link_in_silent", 0, c(offsetof(InputDataCols<Fe>, sel)), k1},
                       Pin{"input.link_out_silent", kLast, c(offsetof(InputDataCols<Fe>, sel)), k1}}) {
    RowMajorMatrix t = in_t;
    t.at(p.row, p.col) = p.value;
    EXPECT_TRUE(constraint_fails(in_air, t, ram_iv, p.name)) << p.name;
  }
}

}  // namespace
}  // namespace ziskc::sm
