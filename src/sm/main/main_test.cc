// Main and its witness on real programs: the AIR's shape and cost; programs run in trace mode
// and replayed into Main instances at several instance heights and chunk sizes pass the row
// checker and, with the ROM instance and the other machines stood in by direct terms (each
// record proved with zisk::apply / as the memory access it is), balance every bus; the rows
// and records equal what the emulator did; instances built alone equal the serial build;
// programs with unprovable ops are reported and cannot balance.
#include "sm/main/main.h"

#include <gtest/gtest.h>

#include <map>

#include "base/bytes.h"
#include "sm/main/main_programs.h"
#include "sm/main/main_testing.h"
#include "stark/shape.h"
#include "zisk/input_file.h"

namespace ziskc::sm {
namespace {

using testing::build_main;
using testing::MainRun;
using testing::run_program;

struct Program {
  std::string name;
  zisk::Program program;
  std::vector<std::uint8_t> input;
};

std::vector<Program> programs() {
  std::vector<Program> out;
  out.push_back({"tiny", testing::tiny_program(), {}});
  out.push_back({"ops", testing::ops_program(), {}});
  out.push_back({"stress", emu::testing::stress_program(30), {}});
  out.push_back({"dma", testing::dma_program(), {}});
#ifdef ZISKC_EMU_GUEST_DIR
  // The emulator's bench guest: software SHA-256 in C (rv64ima), 1 KiB of work.
  if (auto elf = base::read_file(std::string(ZISKC_EMU_GUEST_DIR) + "/sha256.zisk.elf");
      elf.is_ok()) {
    auto p = zisk::parse_program(*elf);
    EXPECT_TRUE(p.is_ok()) << p.status().message();
    const std::uint8_t n[8] = {1, 0, 0, 0, 0, 0, 0, 0};
    out.push_back({"sha256_c", std::move(p).value(), zisk::wrap_raw_input(n)});
  }
#endif
  return out;
}

TEST(MainAirTest, ShapeAndCost) {
  const auto air = stark::make_air<MainAir>();
  auto shape = stark::analyze_air(*air, 3);
  ASSERT_TRUE(shape.is_ok()) << shape.status().message();
  EXPECT_LE(shape->max_degree, 3);
  EXPECT_EQ(air->info().num_main, 31u);
  EXPECT_EQ(shape->interactions.size(), 7u);
  EXPECT_EQ(shape->logup_columns.size(), 4u);
  std::printf("main: %zu main columns, %zu interactions, %zu logUp helpers, %zu cells/row\n",
              air->info().num_main, shape->interactions.size(), shape->logup_columns.size(),
              air->info().num_main + shape->num_stage2_cols());
  const auto rom = rom_air_shape(4);
  auto rshape = stark::analyze_air(*rom, 3);
  ASSERT_TRUE(rshape.is_ok()) << rshape.status().message();
  EXPECT_EQ(rshape->logup_columns.size(), 1u);
  EXPECT_EQ(rom->info().num_fixed, 11u);
  // The ROM tuple Main assumes has the ROM's length.
  EXPECT_EQ(shape->interactions[0].bus, kRomBus);
  EXPECT_EQ(shape->interactions[0].tuple_len, rshape->interactions[0].tuple_len);
}

TEST(MainWitnessTest, HonestProgramsBalanceAtEveryHeight) {
  for (const Program& p : programs()) {
    for (auto [chunk_log, log_h] : {std::pair{4u, 4u}, {10u, 6u}, {5u, 9u}, {12u, 12u}}) {
      SCOPED_TRACE(::testing::Message()
                   << p.name << " chunks 2^" << chunk_log << " height 2^" << log_h);
      if (p.name == "sha256_c" && log_h != 12) continue;  // keep the bus debugger small
      MainRun r = run_program(p.program, p.input, chunk_log);
      ASSERT_EQ(r.result.exit.kind, emu::ExitKind::kEnd);
      testing::MainBuild b = build_main(r, log_h);
      const std::uint64_t n = std::uint64_t{1} << log_h;
      ASSERT_EQ(b.instances.size(), (r.result.steps + n - 1) / n);
      for (std::size_t i = 0; i < b.instances.size(); ++i) {
        EXPECT_EQ(b.instances[i].is_last, i + 1 == b.instances.size());
        EXPECT_EQ(b.instances[i].first_step, i * n);
      }
      testing::expect_honest_balanced(r, b);
    }
  }
}

// What the tests compare of a step.
struct Seen {
  emu::StepRecord rec;
  std::vector<emu::MemAccess> accesses;
};
class Recorder final : public emu::StepVisitor {
 public:
  void on_step(const emu::StepRecord& s) override {
    seen.push_back({s, {s.accesses.begin(), s.accesses.end()}});
    seen.back().rec.accesses = {};
  }
  std::vector<Seen> seen;
};

TEST(MainWitnessTest, RowsAndRecordsAreTheEmulatorsSteps) {
  for (const Program& p : programs()) {
    SCOPED_TRACE(p.name);
    MainRun r = run_program(p.program, p.input, 8);
    Recorder rec;
    const emu::Replayer replayer(*r.rom);
    for (const emu::Chunk& c : r.chunks) ASSERT_TRUE(replayer.replay(c, &rec).is_ok());
    ASSERT_EQ(rec.seen.size(), r.result.steps);
    testing::MainBuild b = build_main(r, 10);
    const zisk::Layout& l = r.rom->layout();
    std::map<zisk::Machine, std::size_t> ops;
    std::size_t reg_accesses = 0, non_reg_words = 0;
    std::vector<MemAccess> expect_mem;  // Main's non-register accesses, from the emulator's
    for (const Seen& s : rec.seen) {
      const MainInstance& inst = b.instances[s.rec.step >> 10];
      const auto& c =
          *reinterpret_cast<const MainCols<Fe>*>(inst.trace.row(s.rec.step & 1023).data());
      const zisk::ZiskInst& z = *s.rec.inst;
      ASSERT_EQ(c.step.value(), s.rec.step);
      ASSERT_EQ(c.rom.pc.value(), pc_main(z)) << "step " << s.rec.step;
      ASSERT_EQ(c.a[0].value() | c.a[1].value() << 32, s.rec.a);
      ASSERT_EQ(c.b[0].value() | c.b[1].value() << 32, s.rec.b);
      ASSERT_EQ(c.c[0].value() | c.c[1].value() << 32, s.rec.c);
      ASSERT_EQ(c.flag.value(), s.rec.flag ? 1u : 0u);
      const zisk::Machine m = zisk::op_info(z.op).machine;
      if (m != zisk::Machine::kMain) ++ops[m];
      reg_accesses += (z.a_src == zisk::SrcA::kReg) + (z.b_src == zisk::SrcB::kReg) +
                      (z.store == zisk::StoreKind::kReg);
      // A DMA op's own accesses are its machine's (slots 2 and 3), not Main's.
      if (m == zisk::Machine::kDma || zisk::is_precompile(m)) continue;
      for (const emu::MemAccess& a : s.accesses) {
        MemAccess e{.addr = a.addr,
                    .mem_step = a.mem_step,
                    .value = a.value,
                    .width = a.width,
                    .mem_op = static_cast<std::uint8_t>(
                        a.kind == emu::MemAccess::kLoad ? kMemLoad : kMemStore)};
        if (a.kind == emu::MemAccess::kStore) {
          e.value = z.store_pc ? z.pc + static_cast<std::uint64_t>(z.jmp_offset2) : s.rec.c;
          if (z.bios_init && a.addr >= l.rom_addr && a.addr < l.rom_end) e.mem_op = kMemRomInit;
        }
        expect_mem.push_back(e);
        non_reg_words += !is_mem_align_access(e);
      }
    }
    for (const auto& [m, count] : ops) EXPECT_EQ(b.records->of(m).size(), count) << machine_name(m);
    // Every memory record is either a register access or one of the emulator's accesses.
    EXPECT_EQ(b.records->mem.size(), reg_accesses + non_reg_words);
    std::vector<MemAccess> got;
    for (const MemAccess& a : b.records->mem) {
      if (a.addr < l.reg_addr(0) || a.addr >= l.reg_addr(32)) got.push_back(a);
    }
    for (const MemAlignRecord& a : b.records->mem_align) got.push_back(a.access);
    const auto key = [](const MemAccess& a) {
      return std::tuple(a.mem_step, a.addr, a.value, a.width, a.mem_op);
    };
    const auto by_key = [&](const MemAccess& x, const MemAccess& y) { return key(x) < key(y); };
    std::sort(got.begin(), got.end(), by_key);
    std::sort(expect_mem.begin(), expect_mem.end(), by_key);
    ASSERT_EQ(got.size(), expect_mem.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_TRUE(key(got[i]) == key(expect_mem[i])) << "access " << i;
    }
    // MemAlign's words are the emulator's words before the access.
    for (const MemAlignRecord& a : b.records->mem_align) {
      EXPECT_TRUE(check_mem_align_record(a).is_ok()) << check_mem_align_record(a).message();
    }
    // ROM counts: every step plus the padding rows, which repeat the end instruction.
    std::uint64_t total = 0;
    for (std::uint64_t v : b.records->rom_counts->counts()) total += v;
    EXPECT_EQ(total, b.instances.size() << 10);
  }
}

TEST(MainWitnessTest, InstancesBuiltAloneEqualTheSerialBuild) {
  const zisk::Program prog = testing::ops_program();
  for (auto [chunk_log, log_h] : {std::pair{8u, 5u}, {5u, 8u}, {6u, 6u}}) {
    SCOPED_TRACE(::testing::Message() << "chunks 2^" << chunk_log << " height 2^" << log_h);
    MainRun r = run_program(prog, {}, chunk_log);
    testing::MainBuild serial = build_main(r, log_h);
    const emu::Replayer replayer(*r.rom);
    const std::uint64_t n = std::uint64_t{1} << log_h;
    // Instances in reverse order, each from only the chunks it needs.
    for (std::size_t k = serial.instances.size(); k-- > 0;) {
      testing::MainRecords rec(r.rom->size());
      MainInstanceBuilder b(*r.program, k * n, log_h, rec.sinks());
      MainInstanceBuilder* bp = &b;
      for (const emu::Chunk& c : r.chunks) {
        const std::uint64_t lo = c.start.step, hi = c.start.step + c.steps;
        if (hi > k * n && lo < (k + 1) * n) {
          ASSERT_TRUE(replay_main(replayer, c, std::span(&bp, 1)).is_ok());
        }
      }
      auto inst = b.finish();
      ASSERT_TRUE(inst.is_ok()) << inst.status().message();
      EXPECT_EQ(inst->trace.values, serial.instances[k].trace.values) << "instance " << k;
      EXPECT_EQ(inst->instance_values, serial.instances[k].instance_values) << "instance " << k;
    }
    // A builder that never sees the state before its first step refuses.
    if (serial.instances.size() > 1 && n < (std::uint64_t{1} << chunk_log)) {
      MainInstanceBuilder b(*r.program, n, log_h, {});
      emu::Chunk c = r.chunks[0];
      // Feed only the instance's steps (skip the previous ones by building from a copy of the
      // chunk is not possible), so hand the steps in directly.
      Recorder rec;
      ASSERT_TRUE(replayer.replay(c, &rec).is_ok());
      for (const Seen& s : rec.seen) {
        if (s.rec.step >= n) b.on_step(s.rec);
      }
      EXPECT_EQ(b.finish().status().code(), ErrorCode::kInvalidArgument);
    }
  }
}

TEST(MainWitnessTest, MissingStepsAreRefused) {
  MainRun r = run_program(testing::tiny_program(), {}, 4);
  ASSERT_GT(r.chunks.size(), 3u);
  MainInstanceBuilder b(*r.program, 0, 10, {});
  MainInstanceBuilder* bp = &b;
  const emu::Replayer replayer(*r.rom);
  for (std::size_t i = 0; i < r.chunks.size(); ++i) {
    if (i == 2) continue;
    ASSERT_TRUE(replay_main(replayer, r.chunks[i], std::span(&bp, 1)).is_ok());
  }
  auto inst = b.finish();
  EXPECT_EQ(inst.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(inst.status().message().find("was expected"), std::string::npos)
      << inst.status().message();
  // A range the run never reaches.
  MainInstanceBuilder late(*r.program, 1 << 20, 4, {});
  EXPECT_EQ(late.finish().status().code(), ErrorCode::kInvalidArgument);
}

// poseidon2 of the 16 words at kData, in place: a precompile no machine proves yet.
zisk::Program poseidon2_program() {
  using namespace emu::testing;  // NOLINT
  Asm a;
  a.li(s0, static_cast<std::int64_t>(kData));
  a.csr(Opcode::kCsrrs, zero, 0x812, s0);
  a.ld(s1, 8, s0);
  publish_and_exit(a, {s1});
  std::vector<std::uint8_t> data(128, 0);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 5 + 1);
  return program(a, {{kData, data}});
}

TEST(MainWitnessTest, PrecompileProgramIsProvable) {
  // keccakf (KeccakF), sha256 (Sha256F) and memcpy (DmaCopy): every op of it is proven.
  MainRun r = run_program(emu::testing::precompile_program(), {}, 10);
  ASSERT_EQ(r.result.exit.kind, emu::ExitKind::kEnd);
  emu::RunOptions stats;
  stats.stats = true;
  auto counted = emu::run(*r.rom, {}, stats);
  ASSERT_TRUE(counted.is_ok());
  const Status st = check_provable(*r.rom, counted->stats->inst_counts);
  EXPECT_TRUE(st.is_ok()) << st.message();
}

TEST(MainWitnessTest, UnprovableOpsAreReportedAndCannotBalance) {
  MainRun r = run_program(poseidon2_program(), {}, 10);
  ASSERT_EQ(r.result.exit.kind, emu::ExitKind::kEnd);
  emu::RunOptions stats;
  stats.stats = true;
  auto counted = emu::run(*r.rom, {}, stats);
  ASSERT_TRUE(counted.is_ok());
  Status st = check_provable(*r.rom, counted->stats->inst_counts);
  EXPECT_EQ(st.code(), ErrorCode::kUnsupported);
  EXPECT_NE(st.message().find("not supported yet: proving poseidon2"), std::string::npos)
      << st.message();
  // The builder names the first one too, and still builds its rows.
  testing::MainRecords rec(r.rom->size());
  MainInstanceBuilder b(*r.program, 0, 12, rec.sinks());
  MainInstanceBuilder* bp = &b;
  const emu::Replayer replayer(*r.rom);
  for (const emu::Chunk& c : r.chunks)
    ASSERT_TRUE(replay_main(replayer, c, std::span(&bp, 1)).is_ok());
  EXPECT_EQ(b.unprovable().code(), ErrorCode::kUnsupported);
  EXPECT_NE(b.unprovable().message().find("poseidon2"), std::string::npos);
  auto inst = b.finish();
  ASSERT_TRUE(inst.is_ok()) << inst.status().message();
  // Constraints hold, but no machine proves the precompile's operation: a cheater cannot
  // balance the operation bus.
  testing::MainBuild build = build_main(r, 12);
  std::string why;
  EXPECT_FALSE(testing::cheater_accepted(r, build, build.instances, &why));
  EXPECT_NE(why.find("no machine proves it"), std::string::npos) << why;
  // unprovable_reason per op.
  zisk::ZiskInst z;
  for (auto [op, bad] : {std::pair{zisk::Op::kDmaMemcpy, false},
                         {zisk::Op::kKeccak, false},
                         {zisk::Op::kSha256, false},
                         {zisk::Op::kArith256, false},
                         {zisk::Op::kArith256Mod, false},
                         {zisk::Op::kSecp256k1Add, true},
                         {zisk::Op::kFcallGet, false},
                         {zisk::Op::kHalt, true},
                         {zisk::Op::kAdd, false},
                         {zisk::Op::kPubOut, false},
                         {zisk::Op::kCopyB, false}}) {
    z.op = op;
    EXPECT_EQ(unprovable_reason(z).has_value(), bad) << zisk::op_name(op);
  }
  z.op = zisk::Op::kPoseidon2;
  EXPECT_EQ(unprovable_reason(z).value_or(""), "not supported yet: proving poseidon2");
}

}  // namespace
}  // namespace ziskc::sm
