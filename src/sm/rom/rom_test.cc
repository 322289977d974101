// The ROM machine and the proof's instruction encoding: every instruction of transpiled
// programs encodes as the emulator executes it (registers as SYS words, internal instructions at
// pc + 2^32, jump offsets that lead to the instruction the emulator runs next on every replayed
// step, faulting edges at kNoPc, BIOS data stores as RAM stores or ROM inits); the fixed
// columns are the entries then zero rows; the AIR proves exactly its rows with their
// multiplicities (every mutated multiplicity of sampled rows unbalances the bus); a full STARK
// proof of the ROM with Main's lookups as direct terms verifies and a proof of a tampered
// multiplicity does not; instructions the proof cannot express are refused by name.
#include "sm/rom/rom.h"

#include <gtest/gtest.h>

#include <set>

#include "emu/emulator.h"
#include "emu/replay.h"
#include "emu/testdata/programs.h"
#include "stark/keys.h"
#include "stark/prover.h"
#include "stark/row_checker.h"
#include "stark/shape.h"
#include "stark/verifier.h"
#include "zisk/transpiler.h"

namespace ziskc::sm {
namespace {

using zisk::Op;
using zisk::ZiskInst;

class Collect final : public emu::ChunkSink {
 public:
  Status on_chunk(emu::Chunk&& c) override {
    chunks.push_back(std::move(c));
    return Status::ok();
  }
  std::vector<emu::Chunk> chunks;
};

class Steps final : public emu::StepVisitor {
 public:
  void on_step(const emu::StepRecord& s) override { steps.push_back(s); }
  std::vector<emu::StepRecord> steps;
};

zisk::Rom transpiled(const zisk::Program& p) {
  auto rom = zisk::transpile(p);
  ZISKC_CHECK(rom.is_ok(), "transpile");
  return std::move(rom).value();
}

// Next pc (proof pc space) of a step as Main computes it from the entry.
Fe next_pc(const RomEntry& e, const emu::StepRecord& s) {
  if (e.has(kRomFlagSetPc)) return Fe::from_u64(s.c & 0xFFFF'FFFFull) + e.fields.jmp1;
  return e.fields.pc + (s.flag ? e.fields.jmp1 : e.fields.jmp2);
}

TEST(RomEncodingTest, EveryReplayedStepFollowsItsEncoding) {
  for (const zisk::Program& p :
       {emu::testing::stress_program(20), emu::testing::precompile_program()}) {
    const zisk::Rom rom = transpiled(p);
    auto entries = encode_rom(rom);
    ASSERT_TRUE(entries.is_ok()) << entries.status().message();
    ASSERT_EQ(entries->size(), rom.size());
    const zisk::Layout& l = rom.layout();
    std::set<std::uint64_t> pcs;
    for (std::size_t i = 0; i < rom.size(); ++i) {
      const ZiskInst& z = rom.inst(i);
      const RomEntry& e = (*entries)[i];
      EXPECT_EQ(e.pc_main, z.internal ? z.pc + (1ull << 32) : z.pc);
      EXPECT_EQ(e.fields.pc.value(), e.pc_main);
      EXPECT_TRUE(pcs.insert(e.pc_main).second);
      EXPECT_EQ(e.has(kRomFlagAImm), z.a_src == zisk::SrcA::kImm);
      EXPECT_EQ(e.has(kRomFlagAMem), z.a_src == zisk::SrcA::kReg || z.a_src == zisk::SrcA::kMem);
      if (z.a_src == zisk::SrcA::kReg) {
        EXPECT_EQ(e.a_addr, l.reg_addr(static_cast<unsigned>(z.a_value)));
      }
      if (z.b_src == zisk::SrcB::kReg) {
        EXPECT_EQ(e.b_addr, l.reg_addr(static_cast<unsigned>(z.b_value)));
      }
      if (z.store == zisk::StoreKind::kReg) {
        EXPECT_EQ(e.store_addr, l.reg_addr(static_cast<unsigned>(z.store_offset)));
      }
      EXPECT_EQ(e.has(kRomFlagBInd), z.b_src == zisk::SrcB::kInd);
      EXPECT_EQ(e.has(kRomFlagExternal), zisk::op_info(z.op).machine != zisk::Machine::kMain);
      EXPECT_EQ(e.has(kRomFlagStorePc), z.store_pc);
      EXPECT_EQ(e.has(kRomFlagSetPc), z.set_pc);
      EXPECT_EQ(e.has(kRomFlagM32), z.m32);
      EXPECT_EQ(e.flags_value() % 2, 1u);
      EXPECT_EQ(e.flags_value() >> (kNumRomFlags + 1), 0u);
      // Only the BIOS's end instruction carries the end flag.
      EXPECT_EQ(e.has(kRomFlagEnd), !z.internal && z.pc == l.end_pc) << "pc 0x" << std::hex << z.pc;
      if (z.bios_init) {
        const std::uint64_t addr = z.a_value + static_cast<std::uint64_t>(z.store_offset);
        const bool in_rom = addr >= l.rom_addr && addr < l.rom_end;
        EXPECT_EQ(e.rom_init, in_rom);
        EXPECT_EQ(e.has(kRomFlagStoreInd), in_rom);
        if (!in_rom) {
          EXPECT_EQ(e.store_addr, addr);
        }
      }
    }
    // On every step the emulator runs, the encoding leads to the next step's instruction.
    Collect sink;
    auto run = emu::run_trace(rom, {}, {}, 8, sink);
    ASSERT_TRUE(run.is_ok());
    ASSERT_EQ(run->exit.kind, emu::ExitKind::kEnd) << emu::exit_kind_name(run->exit.kind);
    Steps st;
    const emu::Replayer replayer(rom);
    for (const auto& c : sink.chunks) ASSERT_TRUE(replayer.replay(c, &st).is_ok());
    ASSERT_EQ(st.steps.size(), run->steps);
    ASSERT_GT(st.steps.size(), 200u);
    for (std::size_t k = 0; k + 1 < st.steps.size(); ++k) {
      const auto& s = st.steps[k];
      const RomEntry& e = (*entries)[static_cast<std::size_t>(s.inst - rom.insts().data())];
      ASSERT_EQ(next_pc(e, s).value(), pc_main(*st.steps[k + 1].inst)) << "step " << k;
      if (e.has(kRomFlagStorePc)) {
        EXPECT_EQ((e.fields.pc + e.fields.jmp2).value(),
                  s.inst->pc + static_cast<std::uint64_t>(s.inst->jmp_offset2));
      }
    }
    // The end instruction loops.
    const RomEntry& end = (*entries)[*rom.find(l.end_pc)];
    EXPECT_TRUE(end.fields.jmp1.is_zero() && end.fields.jmp2.is_zero());
  }
}

// A ROM of hand-made instructions around the BIOS's boot and end.
zisk::Rom custom(std::vector<ZiskInst> extra) {
  std::vector<ZiskInst> insts;
  ZiskInst boot;
  boot.pc = 0x1000;
  boot.op = Op::kCopyB;
  boot.jmp_offset1 = boot.jmp_offset2 = 4;
  ZiskInst end = boot;
  end.pc = 0x1004;
  end.end = true;
  end.jmp_offset1 = end.jmp_offset2 = 0;
  insts = {boot, end};
  for (const ZiskInst& z : extra) insts.push_back(z);
  std::vector<zisk::RiscvSource> sources(4);
  return zisk::Rom(zisk::LayoutKind::kZisk, std::move(insts), std::move(sources), 0x8000'0000,
                   0x1008, 0, 0);
}

ZiskInst at(std::uint64_t pc, std::uint32_t source, bool internal = false) {
  ZiskInst z;
  z.pc = pc;
  z.op = Op::kCopyB;
  z.source = source;
  z.internal = internal;
  z.jmp_offset1 = z.jmp_offset2 = 4;
  return z;
}

TEST(RomEncodingTest, StaticEdgesFollowTheEmulatorsRules) {
  ZiskInst x = at(0x8000'0000, 0), xi = at(0x8000'0001, 0, true), y = at(0x8000'0004, 1);
  x.jmp_offset1 = x.jmp_offset2 = 1;  // into its own internal instruction: allowed
  xi.jmp_offset1 = xi.jmp_offset2 = 3;
  y.op = Op::kEq;
  y.jmp_offset1 = -3;     // another group's internal instruction: the emulator faults
  y.jmp_offset2 = 0x100;  // nothing there
  const zisk::Rom rom = custom({x, xi, y});
  auto e = encode_rom(rom);
  ASSERT_TRUE(e.is_ok()) << e.status().message();
  const auto entry = [&](std::uint64_t pc) { return (*e)[*rom.find(pc)]; };
  const Fe base = Fe::from_u64(0x8000'0000);
  EXPECT_EQ(entry(0x8000'0000).fields.jmp1, Fe::from_u64(0x8000'0001 + (1ull << 32)) - base);
  EXPECT_EQ(entry(0x8000'0001).fields.pc, Fe::from_u64(0x8000'0001 + (1ull << 32)));
  EXPECT_EQ(entry(0x8000'0001).fields.jmp1 + entry(0x8000'0001).fields.pc,
            Fe::from_u64(0x8000'0004));
  EXPECT_EQ(entry(0x8000'0004).fields.jmp1, Fe::from_u64(kNoPc) - Fe::from_u64(0x8000'0004));
  EXPECT_EQ(entry(0x8000'0004).fields.jmp2, Fe::from_u64(kNoPc) - Fe::from_u64(0x8000'0004));
}

TEST(RomEncodingTest, EndFlagOnlyOnAnEndThatLoopsWithoutMemory) {
  // custom(): 0x1000 boot, 0x1004 the end (copyb of last c, no store, jmp 0).
  auto e = encode_rom(custom({}));
  ASSERT_TRUE(e.is_ok()) << e.status().message();
  EXPECT_FALSE((*e)[0].has(kRomFlagEnd));
  EXPECT_TRUE((*e)[1].has(kRomFlagEnd));
  // An end at 0x1004 that reads a register: Main could not repeat it at one step.
  zisk::Rom rom = custom({});
  std::vector<ZiskInst> insts = {rom.inst(0), rom.inst(1)};
  insts[1].b_src = zisk::SrcB::kReg;
  insts[1].b_value = 1;
  auto e2 = encode_rom(zisk::Rom(zisk::LayoutKind::kZisk, insts, std::vector<zisk::RiscvSource>(4),
                                 0x8000'0000, 0x1008, 0, 0));
  ASSERT_TRUE(e2.is_ok()) << e2.status().message();
  EXPECT_FALSE((*e2)[1].has(kRomFlagEnd));
}

TEST(RomEncodingTest, InexpressibleInstructionsAreRefused) {
  const auto refused = [](ZiskInst z, const char* what) {
    const zisk::Rom rom = custom({z});
    auto e = encode_rom(rom);
    EXPECT_EQ(e.status().code(), ErrorCode::kUnsupported) << what;
    EXPECT_NE(e.status().message().find(what), std::string::npos) << e.status().message();
    EXPECT_NE(e.status().message().find("0x80000000"), std::string::npos) << e.status().message();
    auto cols = rom_fixed_columns(rom);
    EXPECT_EQ(cols.status().code(), ErrorCode::kUnsupported);
    EXPECT_FALSE(rom_air(rom).is_ok());
  };
  ZiskInst step = at(0x8000'0000, 0);
  step.a_src = zisk::SrcA::kStep;
  refused(step, "step number");
  ZiskInst far = at(0x8000'0000, 0);
  far.set_pc = true;
  far.jmp_offset1 = 1 << 16;
  refused(far, "dynamic jump offset");
  ZiskInst cmp = at(0x8000'0000, 0);
  cmp.set_pc = true;
  cmp.op = Op::kLtu;
  refused(cmp, "sets the flag");
  ZiskInst link = at(0x8000'0000, 0);
  link.store_pc = true;
  link.store = zisk::StoreKind::kReg;
  link.store_offset = 1;
  link.jmp_offset2 = -0x8000'0001ll;  // link 2^64 - 1
  refused(link, "link value");
  // A set_pc with a flag-free op and a small offset is fine.
  ZiskInst ok = at(0x8000'0000, 0);
  ok.set_pc = true;
  ok.op = Op::kAnd;
  ok.jmp_offset1 = -2048;
  EXPECT_TRUE(encode_rom(custom({ok})).is_ok());
}

TEST(RomMachineTest, ProvesItsRowsWithTheirMultiplicities) {
  const zisk::Rom rom = transpiled(emu::testing::stress_program(3));
  auto air = rom_air(rom);
  ASSERT_TRUE(air.is_ok()) << air.status().message();
  const unsigned log_h = rom_log_height(rom.size());
  EXPECT_GE(std::size_t{1} << log_h, rom.size());
  EXPECT_LT(std::size_t{1} << (log_h - 1), rom.size());
  auto fixed = (*air)->fixed_columns(log_h);
  ASSERT_TRUE(fixed.is_ok());
  EXPECT_EQ((*air)->fixed_columns(log_h + 1).status().code(), ErrorCode::kUnsupported);
  EXPECT_EQ(rom_air_shape(log_h)->fixed_columns(log_h).status().code(), ErrorCode::kUnsupported);
  for (std::size_t r = rom.size(); r < fixed->rows; ++r) {
    for (Fe v : fixed->row(r)) ASSERT_TRUE(v.is_zero()) << "padding row " << r;
  }
  // Multiplicities from counts; the assumes Main would send, as direct terms.
  TableCounts counts(rom.size());
  for (std::size_t i = 0; i < rom.size(); ++i) counts.add(i, (i * 7) % 5);
  const auto mult = rom_trace(counts);
  ASSERT_EQ(mult.rows, fixed->rows);
  std::vector<stark::DirectTerm> assumes;
  for (std::size_t i = 0; i < rom.size(); ++i) {
    if (counts.get(i) == 0) continue;
    const auto row = fixed->row(i);
    assumes.push_back({.bus = kRomBus,
                       .tuple = {row.begin(), row.end()},
                       .multiplicity = -Fe::from_u64(counts.get(i))});
  }
  stark::BusDebugger dbg;
  ASSERT_TRUE(dbg.add_instance(**air, 0, mult, &*fixed, {}, {}).is_ok());
  for (const auto& t : assumes) dbg.add_direct(t);
  EXPECT_TRUE(dbg.unbalanced().empty()) << dbg.report();
  // A multiplicity on a padding row proves an all-zero tuple nobody assumes.
  if (rom.size() < mult.rows) {
    auto bad = mult;
    bad.at(rom.size(), 0) = Fe::one();
    stark::BusDebugger d2;
    ASSERT_TRUE(d2.add_instance(**air, 0, bad, &*fixed, {}, {}).is_ok());
    for (const auto& t : assumes) d2.add_direct(t);
    EXPECT_EQ(d2.unbalanced().size(), 1u);
  }
  auto shape = stark::analyze_air(**air, 3);
  ASSERT_TRUE(shape.is_ok());
  EXPECT_EQ(shape->logup_columns.size(), 1u);
}

// A ROM with multiplicities and the lookups Main would send for them.
struct RomFixture {
  zisk::Rom rom = transpiled(emu::testing::stress_program(2));
  stark::AirPtr air;
  unsigned log_h = 0;
  poly::RowMajorMatrix fixed, mult;
  std::vector<stark::DirectTerm> assumes;
  RomFixture() {
    air = rom_air(rom).value();
    log_h = rom_log_height(rom.size());
    fixed = air->fixed_columns(log_h).value();
    TableCounts counts(rom.size());
    for (std::size_t i = 0; i < rom.size(); ++i) counts.add(i, (i * 5) % 3);
    mult = rom_trace(counts);
    for (std::size_t i = 0; i < rom.size(); ++i) {
      if (counts.get(i) == 0) continue;
      const auto row = fixed.row(i);
      assumes.push_back({.bus = kRomBus,
                         .tuple = {row.begin(), row.end()},
                         .multiplicity = -Fe::from_u64(counts.get(i))});
    }
  }
  bool balanced(const poly::RowMajorMatrix& m) const {
    stark::BusDebugger dbg;
    EXPECT_TRUE(dbg.add_instance(*air, 0, m, &fixed, {}, {}).is_ok());
    for (const auto& t : assumes) dbg.add_direct(t);
    return dbg.unbalanced().empty();
  }
};

TEST(RomMachineTest, EveryMutatedMultiplicityIsRejected) {
  const RomFixture f;
  ASSERT_TRUE(f.balanced(f.mult));
  for (std::size_t r = 0; r < f.mult.rows; r += 1 + r / 8) {
    for (const Fe d : {Fe::one(), -Fe::one(), Fe::from_u64(12345)}) {
      poly::RowMajorMatrix t = f.mult;
      t.at(r, 0) += d;
      EXPECT_FALSE(f.balanced(t)) << "row " << r;
    }
  }
}

TEST(RomMachineTest, StarkProofVerifiesAndTamperedMultiplicityFails) {
  const RomFixture f;
  auto params = stark::make_params({.security_bits = 100,
                                    .log_blowup = 1,
                                    .grinding_bits = 4,
                                    .log_fold = 3,
                                    .log_final_degree = 3});
  ASSERT_TRUE(params.is_ok());
  const std::vector<stark::AirPtr> airs = {f.air};
  const stark::FixedSpec fixed[] = {{.air_id = 0, .log_height = f.log_h}};
  auto pk = stark::setup(airs, *params, fixed);
  ASSERT_TRUE(pk.is_ok()) << pk.status().message();
  auto specs = [&](poly::RowMajorMatrix m) {
    return std::vector<stark::InstanceSpec>{
        {.air_id = 0,
         .log_height = f.log_h,
         .instance_values = {},
         .witness = [m]() -> Result<poly::RowMajorMatrix> { return m; }}};
  };
  const stark::VerifierOptions opts{.min_security_bits = 100};
  auto proof = stark::prove(*pk, {}, specs(f.mult), {.direct_terms = &f.assumes});
  ASSERT_TRUE(proof.is_ok()) << proof.status().message();
  const Status ok = stark::verify(pk->vk, airs, *proof, f.assumes, opts);
  EXPECT_TRUE(ok.is_ok()) << ok.message();
  // An execution moved from one instruction to the next (the step total is unchanged), and a
  // multiplicity put on a padding row: both forced through the prover, both refused.
  poly::RowMajorMatrix moved = f.mult;
  std::size_t r = 0;
  while (moved.at(r, 0).is_zero()) ++r;
  moved.at(r, 0) -= Fe::one();
  moved.at(r + 1, 0) += Fe::one();
  poly::RowMajorMatrix padded = f.mult;
  ASSERT_LT(f.rom.size(), padded.rows) << "the stress ROM should leave padding rows";
  padded.at(padded.rows - 1, 0) = Fe::one();
  for (const poly::RowMajorMatrix* m : {&moved, &padded}) {
    auto forged = stark::prove(*pk, {}, specs(*m), {.unchecked_for_tests = true});
    ASSERT_TRUE(forged.is_ok()) << forged.status().message();
    EXPECT_EQ(stark::verify(pk->vk, airs, *forged, f.assumes, opts).code(),
              ErrorCode::kVerifyFailed);
  }
}

}  // namespace
}  // namespace ziskc::sm
