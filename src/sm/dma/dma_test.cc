// DMA machines on real emulator runs: guest programs of every DMA port pattern (test assembler)
// run in trace mode and are replayed; each DMA step's record and accesses are checked against
// the reference semantics (dma_testing.h: std::memmove / memset / byte compare on a shadow of
// the memory); the traces of both machines at several heights pass the row checker and, with
// Main's op-bus assumes and the memory machines' proves as direct terms and the real table
// instances, every bus balances. Also: rows per op, the planner, malformed step records, shapes.
#include <gtest/gtest.h>

#include "sm/dma/dma_testing.h"
#include "stark/shape.h"

namespace ziskc::sm {
namespace {

using namespace dma_testing;  // NOLINT

constexpr std::uint64_t kDstArea = kBuf;         // [0, 3072) of the buffer
constexpr std::uint64_t kSrcArea = kBuf + 4096;  // [4096, 7168)
constexpr std::uint64_t kCmpArea = kBuf + 7168;  // [7168, 8192)

// Builds, checks and balances a program's DMA ops at the given instance heights: with every
// aligned op in DmaAligned (the pipeline's routing), and with all copy ops in DmaCopy.
void expect_proves(const DmaProgram& p, std::initializer_list<unsigned> heights) {
  const DmaRun run = run_dma_program(p);
  ASSERT_FALSE(::testing::Test::HasFailure());
  std::vector<DmaRecord> all_copy = run.records.copy;
  all_copy.insert(all_copy.end(), run.records.aligned.begin(), run.records.aligned.end());
  for (unsigned log_h : heights) {
    SCOPED_TRACE(::testing::Message() << "instances of 2^" << log_h);
    TableCounts byte_pair(kTableRows), range16(kTableRows);
    const Instances copy = build(DmaMachine::kCopy, run.records.copy, log_h, byte_pair, range16);
    const Instances cmp = build(DmaMachine::kCmp, run.records.cmp, log_h, byte_pair, range16);
    const Instances aligned =
        build(DmaMachine::kAligned, run.records.aligned, log_h, byte_pair, range16);
    const Instances* routed[] = {&copy, &cmp, &aligned};
    EXPECT_EQ(check_all(run, routed, byte_pair, range16), "");
    TableCounts bp2(kTableRows), r16b(kTableRows);
    const Instances general = build(DmaMachine::kCopy, all_copy, log_h, bp2, r16b);
    const Instances cmp2 = build(DmaMachine::kCmp, run.records.cmp, log_h, bp2, r16b);
    const Instances* copy_only[] = {&general, &cmp2};
    EXPECT_EQ(check_all(run, copy_only, bp2, r16b), "") << "aligned ops in DmaCopy";
  }
}

TEST(DmaTest, MemcpyEveryOffsetAndSmallLength) {
  DmaProgram p(1);
  for (std::uint64_t n = 0; n <= 17; ++n) {
    for (unsigned od = 0; od < 8; ++od) {
      for (unsigned os = 0; os < 8; ++os) {
        const Kind k = (n + od + os) % 2 ? Kind::kXMemcpy : Kind::kMemcpy;
        p.add({k, kDstArea + 8 * (p.rng()() % 300) + od, kSrcArea + 8 * (p.rng()() % 300) + os, n});
      }
    }
  }
  expect_proves(p, {5, 9});
}

TEST(DmaTest, MemcpyLargeAndAcrossRegions) {
  DmaProgram p(2);
  for (std::uint64_t n : {100, 255, 1000, 2047}) {
    p.add({Kind::kXMemcpy, kDstArea + p.rng()() % 8, kSrcArea + p.rng()() % 8, n});
  }
  p.add({Kind::kMemcpy, kDstArea + 5, kSrcArea + 2, 3000});
  p.add({Kind::kMemcpy, kDstArea + 16, kSrcArea + 16, 2048});  // both aligned
  // From read-only ROM data and from the input.
  for (unsigned k = 0; k < 12; ++k) {
    p.add(
        {Kind::kMemcpy, kDstArea + p.rng()() % 1000, kRomBlock + p.rng()() % 500, p.rng()() % 300});
    p.add({Kind::kXMemcpy, kDstArea + p.rng()() % 1000, kInputData + p.rng()() % 500,
           p.rng()() % 300});
  }
  expect_proves(p, {9, 12});
}

TEST(DmaTest, OverlappingMemmoveBothDirections) {
  DmaProgram p(3);
  for (std::uint64_t d : {1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 24}) {
    for (std::uint64_t n : {5, 16, 33, 100}) {
      const std::uint64_t base = kDstArea + 8 * (p.rng()() % 200) + p.rng()() % 8;
      p.add({Kind::kMemcpy, base + d, base, n});   // dst above src
      p.add({Kind::kXMemcpy, base, base + d, n});  // dst below src
    }
  }
  p.add({Kind::kMemcpy, kDstArea + 3, kDstArea + 3, 40});  // dst == src
  expect_proves(p, {6, 10});
}

TEST(DmaTest, MemsetEveryByteBothForms) {
  DmaProgram p(4);
  for (unsigned byte = 0; byte < 256; ++byte) {
    const Kind k = byte % 2 ? Kind::kMemsetImm : Kind::kMemsetReg;
    p.add({k, kDstArea + p.rng()() % 2000, 0, p.rng()() % 41, static_cast<std::uint8_t>(byte)});
  }
  p.add({Kind::kMemsetReg, kDstArea + 1, 0, 3000, 0x5a});
  p.add({Kind::kMemsetImm, kDstArea, 0, 0, 0xff});
  expect_proves(p, {9, 12});  // the 3000-byte memset takes 376 rows
}

TEST(DmaTest, InputcpyEveryOffset) {
  DmaProgram p(5);
  for (std::uint64_t n : {0, 8, 16, 24, 32, 64}) {
    for (unsigned od = 0; od < 8; ++od) {
      const Kind k = od % 2 ? Kind::kInputcpyAdd : Kind::kInputcpyAddi;
      p.add({k, kDstArea + 8 * (p.rng()() % 300) + od, 0, n});
    }
  }
  expect_proves(p, {4, 8});
}

TEST(DmaTest, MemcmpEqualFirstLastAndEveryDifference) {
  DmaProgram p(6);
  const Kind kinds[3] = {Kind::kMemcmp, Kind::kXMemcmp, Kind::kMemcmpZiskos};
  unsigned form = 0;
  const auto next_kind = [&] { return kinds[form++ % 3]; };
  // Equal: a copy of the source compared with it, at every offset pair and small length.
  for (std::uint64_t n = 0; n <= 17; n += 1) {
    for (unsigned oa = 0; oa < 8; oa += 3) {
      for (unsigned ob = 0; ob < 8; ++ob) {
        const std::uint64_t a = kCmpArea + 8 * (p.rng()() % 64) + oa;
        const std::uint64_t b = kSrcArea + 8 * (p.rng()() % 300) + ob;
        p.add({Kind::kXMemcpy, a, b, n});
        p.add({next_kind(), a, b, n});
      }
    }
  }
  // A difference at byte i (first, middle, last) of n: copy, then change byte i.
  for (std::uint64_t n : {1, 2, 7, 8, 9, 16, 17, 40, 300}) {
    for (std::uint64_t i : {std::uint64_t{0}, n / 2, n - 1}) {
      for (unsigned rep = 0; rep < 3; ++rep) {
        const std::uint64_t a = kCmpArea + 8 * (p.rng()() % 64) + p.rng()() % 8;
        const std::uint64_t b = kSrcArea + 8 * (p.rng()() % 300) + p.rng()() % 8;
        p.add({Kind::kXMemcpy, a, b, n});
        const std::uint8_t was = p.current().byte(a + i);
        // Bigger and smaller bytes: both signs of the result.
        const auto now = static_cast<std::uint8_t>(rep == 0 ? was + 1 : was - 1 - rep);
        p.add({Kind::kMemsetImm, a + i, 0, 1, now});
        p.add({next_kind(), a, b, n});
      }
    }
  }
  // Random data (a difference almost at once), overlapping and identical ranges.
  for (unsigned k = 0; k < 30; ++k) {
    const std::uint64_t a = kSrcArea + p.rng()() % 2000;
    p.add({next_kind(), a, kDstArea + p.rng()() % 2000, p.rng()() % 100});
    p.add({next_kind(), a, a + 1 + p.rng()() % 9, p.rng()() % 50});
    p.add({next_kind(), a, a, p.rng()() % 200});
  }
  p.add({Kind::kMemcmp, kSrcArea, kSrcArea, 2500});  // equal, long: 313 rows
  expect_proves(p, {9, 11});
}

TEST(DmaTest, RandomMixes) {
  for (std::uint64_t seed : {11, 12, 13}) {
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    DmaProgram p(seed);
    for (unsigned k = 0; k < 120; ++k) {
      const auto r = p.rng()();
      const std::uint64_t n = r % 5 == 0 ? p.rng()() % 600 : p.rng()() % 24;
      const std::uint64_t x = kDstArea + p.rng()() % 2500, y = kBuf + p.rng()() % 7000;
      switch (r % 7) {
        case 0:
          p.add({Kind::kMemcpy, x, y, n});
          break;
        case 1:
          p.add({Kind::kXMemcpy, x, y, n});
          break;
        case 2:
          p.add({Kind::kMemsetReg, x, 0, n, static_cast<std::uint8_t>(p.rng()())});
          break;
        case 3:
          p.add({Kind::kInputcpyAdd, x, 0, 8 * (n % 9)});
          break;
        case 4:
          p.add({Kind::kMemcmp, x, y, n});
          break;
        case 5:
          p.add({Kind::kXMemcmp, y, y + p.rng()() % 3, n});
          break;
        default:
          p.add({Kind::kXMemcpy, y, x, n});
          p.add({Kind::kMemcmpZiskos, x, y, n});
      }
    }
    expect_proves(p, {7, 10});  // ops of up to 600 bytes: 77 rows
  }
}

TEST(DmaTest, RowsPerOp) {
  const auto rec = [](zisk::Op op, std::uint64_t a, std::uint64_t b, std::uint64_t n) {
    DmaRecord r;
    r.op = op;
    r.a = a;
    r.b = b;
    r.n = n;
    r.first_diff = n;
    return r;
  };
  using zisk::Op;
  const auto copy_rows = [](const DmaRecord& r) { return dma_rows(r, DmaMachine::kCopy); };
  EXPECT_EQ(dma_rows(rec(Op::kDmaMemcpy, 0x1000, 0x2000, 0)), 1u);
  EXPECT_EQ(copy_rows(rec(Op::kDmaMemcpy, 0x1000, 0x2000, 8)), 1u);  // aligned: one word
  EXPECT_EQ(dma_rows(rec(Op::kDmaMemcpy, 0x1000, 0x2001, 8)), 2u);   // + trailing source word
  EXPECT_EQ(dma_rows(rec(Op::kDmaMemcpy, 0x1001, 0x2000, 8)), 2u);   // two dst words
  EXPECT_EQ(dma_rows(rec(Op::kDmaMemcpy, 0x1005, 0x2002, 10)), 3u);  // F M T
  EXPECT_EQ(copy_rows(rec(Op::kDmaMemcpy, 0x1000, 0x2000, 4096)), 512u);
  EXPECT_EQ(dma_rows(rec(Op::kDmaXMemset, 0x1003, 0, 4096)), 513u);
  EXPECT_EQ(dma_rows(rec(Op::kDmaInputcpy, 0x1003, 64, 64)), 9u);
  // DmaAligned: four words per row.
  EXPECT_EQ(dma_machine(rec(Op::kDmaMemcpy, 0x1000, 0x2000, 4096)), DmaMachine::kAligned);
  EXPECT_EQ(dma_rows(rec(Op::kDmaMemcpy, 0x1000, 0x2000, 4096)), 128u);
  EXPECT_EQ(dma_rows(rec(Op::kDmaXMemset, 0x1000, 0, 40)), 2u);
  EXPECT_EQ(dma_machine(rec(Op::kDmaXMemset, 0x1000, 0, 0)), DmaMachine::kCopy);  // n = 0
  EXPECT_EQ(dma_machine(rec(Op::kDmaMemcpy, 0x1000, 0x2004, 8)), DmaMachine::kCopy);
  EXPECT_EQ(dma_machine(rec(Op::kDmaMemcpy, 0x1000, 0x2000, 12)), DmaMachine::kCopy);
  EXPECT_EQ(dma_machine(rec(Op::kDmaInputcpy, 0x1000, 64, 64)), DmaMachine::kCopy);
  EXPECT_EQ(dma_machine(rec(Op::kDmaMemcmp, 0x1000, 0x2000, 64)), DmaMachine::kCmp);
  DmaRecord c = rec(Op::kDmaMemcmp, 0x1000, 0x2003, 100);
  c.first_diff = 4;  // byte 4: one word of a, window 4 + 3 < 8
  EXPECT_EQ(dma_rows(c), 1u);
  c.first_diff = 5;  // window 5 + 3 = 8: the next word of b holds the differing byte
  EXPECT_EQ(dma_rows(c), 2u);
}

TEST(DmaTest, PlannerPacksOpsWithoutSplittingThem) {
  std::vector<DmaRecord> recs(5);
  const std::uint64_t lens[5] = {8, 40, 0, 120, 8};  // 1, 5, 1, 15, 1 rows (aligned)
  for (int i = 0; i < 5; ++i) {
    recs[i].a = 0x1000;
    recs[i].b = 0x2000;
    recs[i].n = lens[i];
  }
  const Result<DmaPlan> plan = plan_dma(DmaMachine::kCopy, recs, 4);
  ASSERT_TRUE(plan.is_ok()) << plan.status().message();
  EXPECT_EQ(plan->starts, (std::vector<std::size_t>{0, 3, 5}));  // 7 rows, then 16
  EXPECT_EQ(plan_dma(DmaMachine::kCopy, recs, 3).status().code(), ErrorCode::kUnsupported);
  EXPECT_EQ(plan_dma(DmaMachine::kCopy, recs, 1).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(plan_dma(DmaMachine::kCopy, recs, 27).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(plan_dma(DmaMachine::kCopy, {}, 4)->num_instances(), 0u);
  // Record 2 (n = 0) is not an aligned op; the others take 1, 2, 4, 1 rows there.
  EXPECT_EQ(plan_dma(DmaMachine::kAligned, recs, 2).status().code(), ErrorCode::kInvalidArgument);
  recs.erase(recs.begin() + 2);
  const Result<DmaPlan> aligned = plan_dma(DmaMachine::kAligned, recs, 2);
  ASSERT_TRUE(aligned.is_ok()) << aligned.status().message();
  EXPECT_EQ(aligned->starts, (std::vector<std::size_t>{0, 2, 3, 4}));
  EXPECT_EQ(plan_dma(DmaMachine::kCmp, recs, 4).status().code(), ErrorCode::kInvalidArgument);
}

// A replayed memcpy step with its accesses, for the malformed-record tests.
struct StepCopy {
  zisk::ZiskInst inst;
  std::vector<emu::MemAccess> accesses;
  emu::StepRecord step() const {
    emu::StepRecord s;
    s.step = 40;
    s.inst = &inst;
    s.a = 0xA043'0003;
    s.b = 0xA043'0100;
    s.c = s.a;
    s.accesses = accesses;
    return s;
  }
};

TEST(DmaTest, MalformedStepRecordsAreRefused) {
  // xmemcpy(0xA043_0003, 0xA043_0100, 8): dst words 0 (partial) and 8 (partial), src word 0x100.
  StepCopy good;
  good.inst.op = zisk::Op::kDmaXMemcpy;
  good.inst.jmp_offset1 = 8;
  const auto rd = [](std::uint64_t addr, std::uint64_t v) {
    emu::MemAccess a;
    a.kind = emu::MemAccess::kLoad;
    a.slot = emu::kSlotOpRead;
    a.addr = addr;
    a.value = v;
    return a;
  };
  const auto wr = [](std::uint64_t addr, std::uint64_t v) {
    emu::MemAccess a;
    a.kind = emu::MemAccess::kStore;
    a.slot = emu::kSlotOpWrite;
    a.addr = addr;
    a.value = v;
    return a;
  };
  const std::uint64_t pre = 0x1111'1111'1111'1111, post = 0x2222'2222'2222'2222;
  const std::uint64_t src = 0x0807'0605'0403'0201;
  good.accesses = {rd(0xA043'0000, pre), rd(0xA043'0008, post), rd(0xA043'0100, src),
                   wr(0xA043'0000, 0x0504'0302'0111'1111), wr(0xA043'0008, 0x2222'2222'2208'0706)};
  DmaRecords out;
  ASSERT_TRUE(dma_records_from_step(good.step(), out).is_ok());
  ASSERT_EQ(out.copy.size(), 1u);
  EXPECT_EQ(out.copy[0].pre, pre);
  EXPECT_EQ(out.copy[0].post, post);
  EXPECT_EQ(out.copy[0].src, std::vector<std::uint64_t>{src});

  const auto refused = [&](StepCopy s, const char* what) {
    DmaRecords o;
    const Status st = dma_records_from_step(s.step(), o);
    EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument) << what;
    EXPECT_NE(st.message().find("dma: step 40"), std::string::npos) << st.message();
  };
  StepCopy s = good;
  s.accesses[4].value ^= 0x100;  // a wrong byte in the range
  refused(s, "wrong byte");
  s = good;
  s.accesses[3].value ^= 1;  // a byte outside the range changed
  refused(s, "outside byte");
  s = good;
  s.accesses.pop_back();  // a dropped write
  refused(s, "dropped write");
  s = good;
  s.accesses.push_back(wr(0xA043'0010, 0));  // a write beyond the range
  refused(s, "extra write");
  s = good;
  s.accesses[2].addr = 0xA043'0108;  // the wrong source word
  refused(s, "source address");
  s = good;
  s.inst.op = zisk::Op::kAdd;
  refused(s, "not a DMA op");
  s = good;
  s.inst.op = zisk::Op::kDmaXMemcmp;  // memcmp reading these words differs at byte 0
  refused(s, "memcmp result");
}

TEST(DmaTest, ShapesDegreesAndCosts) {
  for (const stark::AirPtr& air : {copy_air(), cmp_air(), aligned_air()}) {
    const Result<stark::AirShape> shape = stark::analyze_air(*air, 3);
    ASSERT_TRUE(shape.is_ok()) << shape.status().message();
    const std::size_t cells = shape->info.num_main + shape->num_stage2_cols();
    std::printf("%s: %zu columns, %zu interactions in %zu logUp columns, %zu cells per row\n",
                air->info().name.c_str(), shape->info.num_main, shape->interactions.size(),
                shape->logup_columns.size(), cells);
    EXPECT_LE(shape->max_degree, 3);
  }
  EXPECT_EQ(stark::width_of<DmaCopyCols>(), 55u);
  EXPECT_EQ(stark::width_of<DmaCmpCols>(), 59u);
  EXPECT_EQ(stark::width_of<DmaAlignedCols>(), 22u);
}

TEST(DmaTest, PaddingRowsSendNothing) {
  DmaProgram p(7);
  p.add({Kind::kMemcpy, kDstArea + 1, kSrcArea + 6, 20});
  p.add({Kind::kMemcmp, kSrcArea + 2, kSrcArea + 2, 20});
  p.add({Kind::kMemcpy, kDstArea + 64, kSrcArea + 64, 40});
  const DmaRun run = run_dma_program(p);
  TableCounts bp(kTableRows), r16(kTableRows);
  const RowMajorMatrix copy = dma_copy_trace(run.records.copy, 4, bp);
  const RowMajorMatrix cmp = dma_cmp_trace(run.records.cmp, 4, bp, r16);
  const RowMajorMatrix aligned = dma_aligned_trace(run.records.aligned, 4, bp);
  for (std::size_t r = 6; r < 16; ++r) {
    EXPECT_TRUE(row_sends_nothing(*copy_air(), copy, r)) << r;
    EXPECT_TRUE(row_sends_nothing(*cmp_air(), cmp, r)) << r;
    EXPECT_TRUE(row_sends_nothing(*aligned_air(), aligned, r)) << r;
  }
}

}  // namespace
}  // namespace ziskc::sm
