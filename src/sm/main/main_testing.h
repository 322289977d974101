// Test helpers of the Main and ROM tests (not library code):
//  - running a program in trace mode and building every Main instance, the ROM instance and the
//    records with the witness of main.h;
//  - the other machines' side as direct terms: each operation record proved with the tuple
//    zisk::apply defines, each memory access proved as Main sends it, plus the statement's terms
//    (main_direct_terms);
//  - a judge of cheating provers, `cheater_accepted`: the constraints hold, kRomBus can be
//    balanced by the ROM (whose multiplicities the prover chooses freely: every assumed tuple is
//    a ROM row), kMainContinuationBus balances against the statement, every operation assumed
//    is a correct one (an op machine would prove it) or a published pubout, and the memory
//    accesses assumed form one consistent memory history (a byte-level model of what the memory
//    machines prove: RAM starts at 0, ROM-data words are written once by their BIOS init first,
//    input words are free but fixed, stores never into ROM or input).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "emu/emulator.h"
#include "emu/replay.h"
#include "sm/main/main.h"
#include "sm/main/statement.h"
#include "sm/rom/air.h"
#include "sm/rom/rom.h"
#include "stark/row_checker.h"
#include "zisk/transpiler.h"

namespace ziskc::sm::testing {

class CollectChunks final : public emu::ChunkSink {
 public:
  Status on_chunk(emu::Chunk&& c) override {
    chunks.push_back(std::move(c));
    return Status::ok();
  }
  std::vector<emu::Chunk> chunks;
};

struct MainRun {
  std::unique_ptr<zisk::Rom> rom;  // stable address: program and airs point into it
  std::unique_ptr<MainProgram> program;
  std::vector<emu::Chunk> chunks;
  emu::RunResult result;
};

inline MainRun run_program(const zisk::Program& p, std::span<const std::uint8_t> input,
                           unsigned chunk_log2) {
  MainRun r;
  Result<zisk::Rom> rom = zisk::transpile(p);
  ZISKC_CHECK(rom.is_ok(), "test program does not transpile");
  r.rom = std::make_unique<zisk::Rom>(std::move(rom).value());
  Result<MainProgram> prog = MainProgram::make(*r.rom);
  ZISKC_CHECK(prog.is_ok(), "test program does not encode");
  r.program = std::make_unique<MainProgram>(std::move(prog).value());
  CollectChunks sink;
  Result<emu::RunResult> res = emu::run_trace(*r.rom, input, {}, chunk_log2, sink);
  ZISKC_CHECK(res.is_ok(), "trace run failed");
  r.result = std::move(res).value();
  r.chunks = std::move(sink.chunks);
  return r;
}

inline std::vector<Fe> public_values(const MainRun& r) {
  std::vector<Fe> out;
  for (std::uint32_t w : emu::public_outputs(r.result)) out.push_back(Fe::from_u64(w));
  return out;
}

// The operation message Main sends for a DMA or precompile step (with step and extra_arg).
inline std::vector<Fe> precompiled_op_tuple(const emu::StepRecord& s) {
  return {Fe::from_u64(static_cast<std::uint64_t>(s.inst->op)),
          Fe::from_u64(s.a & 0xffffffffu),
          Fe::from_u64(s.a >> 32),
          Fe::from_u64(s.b & 0xffffffffu),
          Fe::from_u64(s.b >> 32),
          Fe::from_u64(s.c & 0xffffffffu),
          Fe::from_u64(s.c >> 32),
          Fe::from_u64(s.flag ? 1 : 0),
          Fe::from_u64(s.step),
          Fe::from_i64(s.inst->jmp_offset1)};
}

class PrecompiledSteps final : public emu::StepVisitor {
 public:
  void on_step(const emu::StepRecord& s) override { tuples.push_back(precompiled_op_tuple(s)); }
  std::vector<std::vector<Fe>> tuples;
};

struct MainRecords {
  std::array<std::vector<OpRecord>, static_cast<std::size_t>(zisk::Machine::kCount)> ops;
  PrecompiledSteps dma;  // DMA steps' operation tuples
  std::vector<MemAccess> mem;
  std::vector<MemAlignRecord> mem_align;
  std::unique_ptr<TableCounts> rom_counts;

  explicit MainRecords(std::size_t rom_size)
      : rom_counts(std::make_unique<TableCounts>(rom_size)) {}
  MainSinks sinks() {
    MainSinks s;
    for (std::size_t m = 0; m < ops.size(); ++m) s.ops[m] = &ops[m];
    s.mem = &mem;
    s.mem_align = &mem_align;
    s.rom_counts = rom_counts.get();
    s.set_steps(zisk::Machine::kDma, &dma);
    return s;
  }
  const std::vector<OpRecord>& of(zisk::Machine m) const {
    return ops[static_cast<std::size_t>(m)];
  }
};

struct MainBuild {
  std::vector<MainInstance> instances;
  std::unique_ptr<MainRecords> records;
  stark::AirPtr main_air = stark::make_air<MainAir>();
  stark::AirPtr rom_air;
  poly::RowMajorMatrix rom_fixed;
  poly::RowMajorMatrix rom_mult;
};

inline MainBuild build_main(const MainRun& r, unsigned log_height) {
  MainBuild b;
  b.records = std::make_unique<MainRecords>(r.rom->size());
  Result<std::vector<MainInstance>> inst =
      main_instances(*r.program, r.chunks, log_height, b.records->sinks());
  EXPECT_TRUE(inst.is_ok()) << inst.status().message();
  if (inst) b.instances = std::move(inst).value();
  b.rom_fixed = rom_fixed_columns(r.program->entries());
  b.rom_air = stark::make_air<RomAir>(rom_log_height(r.rom->size()),
                                      std::make_shared<const poly::RowMajorMatrix>(b.rom_fixed));
  b.rom_mult = rom_trace(*b.records->rom_counts);
  return b;
}

inline std::vector<Fe> mem_tuple(const MemAccess& a) {
  return {Fe::from_u64(a.mem_op),
          Fe::from_u64(a.addr),
          Fe::from_u64(a.mem_step),
          Fe::from_u64(a.width),
          Fe::from_u64(a.value & 0xFFFF'FFFFull),
          Fe::from_u64(a.value >> 32)};
}

inline std::vector<Fe> op_tuple(const OpRecord& r) {
  const auto out = zisk::apply_pure(r.op, r.a, r.b);
  ZISKC_CHECK(out.has_value(), "op_tuple: op is not pure");
  return {Fe::from_u64(static_cast<std::uint64_t>(r.op)),
          Fe::from_u64(r.a & 0xffffffffu),
          Fe::from_u64(r.a >> 32),
          Fe::from_u64(r.b & 0xffffffffu),
          Fe::from_u64(r.b >> 32),
          Fe::from_u64(out->c & 0xffffffffu),
          Fe::from_u64(out->c >> 32),
          Fe::from_u64(out->flag ? 1 : 0)};
}

// The other machines' proves for Main's records (pure ops, DMA ops and every memory access),
// and the statement's terms. No machine proves precompiles yet: their messages stay open.
inline std::vector<stark::DirectTerm> stand_in_terms(const MainRun& r, const MainRecords& rec) {
  std::vector<stark::DirectTerm> out;
  for (const auto& t : rec.dma.tuples) out.push_back({.bus = kOperationBus, .tuple = t});
  for (const auto& v : rec.ops) {
    for (const OpRecord& o : v) {
      if (zisk::is_pure(o.op)) out.push_back({.bus = kOperationBus, .tuple = op_tuple(o)});
    }
  }
  for (const MemAccess& a : rec.mem) out.push_back({.bus = kMemoryBus, .tuple = mem_tuple(a)});
  for (const MemAlignRecord& a : rec.mem_align) {
    out.push_back({.bus = kMemoryBus, .tuple = mem_tuple(a.access)});
  }
  auto st = main_direct_terms(r.rom->layout(), public_values(r), r.result.steps);
  ZISKC_CHECK(st.is_ok(), "statement terms");
  for (auto& t : *st) out.push_back(std::move(t));
  return out;
}

inline void add_main_instances(stark::BusDebugger& dbg, const stark::Air& air,
                               std::span<const MainInstance> instances) {
  for (std::size_t i = 0; i < instances.size(); ++i) {
    Status st =
        dbg.add_instance(air, i, instances[i].trace, nullptr, {}, instances[i].instance_values);
    ZISKC_CHECK(st.is_ok(), "bus debugger: main instance");
  }
}

// Row checker on every instance, then the bus balance of Main + ROM + stand-ins.
inline void expect_honest_balanced(const MainRun& r, const MainBuild& b) {
  for (std::size_t i = 0; i < b.instances.size(); ++i) {
    Status st = stark::check_constraints(*b.main_air, i, b.instances[i].trace, nullptr, {},
                                         b.instances[i].instance_values);
    EXPECT_TRUE(st.is_ok()) << st.message();
  }
  Status rst = stark::check_constraints(*b.rom_air, 0, b.rom_mult, &b.rom_fixed, {}, {});
  EXPECT_TRUE(rst.is_ok()) << rst.message();
  stark::BusDebugger dbg;
  add_main_instances(dbg, *b.main_air, b.instances);
  ASSERT_TRUE(dbg.add_instance(*b.rom_air, 0, b.rom_mult, &b.rom_fixed, {}, {}).is_ok());
  for (const auto& t : stand_in_terms(r, *b.records)) dbg.add_direct(t);
  EXPECT_TRUE(dbg.unbalanced().empty()) << dbg.report();
}

// --- The judge -------------------------------------------------------------------------------

// Byte-level model of the memory machines over the accesses Main assumes.
class MemoryModel {
 public:
  explicit MemoryModel(const zisk::Rom& rom) : rom_(rom), l_(rom.layout()) {}

  // accesses: (mem_op, addr, mem_step, width, lo, hi), each assumed once.
  bool consistent(std::vector<std::vector<Fe>> accesses, std::string* why) {
    std::sort(accesses.begin(), accesses.end(),
              [](const auto& x, const auto& y) { return x[2].value() < y[2].value(); });
    for (const auto& t : accesses) {
      if (!apply(t, why)) return false;
    }
    return true;
  }

 private:
  enum Region { kNone, kRam, kRomArea, kInput };
  Region region(std::uint64_t a, std::uint64_t w) const {
    const auto in = [&](std::uint64_t lo, std::uint64_t hi) { return a >= lo && a + w <= hi; };
    if (in(l_.ram_addr, l_.ram_end)) return kRam;
    if (in(l_.rom_addr, l_.rom_end)) return kRomArea;
    if (in(l_.input_addr, l_.input_addr + l_.input_max)) return kInput;
    return kNone;
  }
  bool fail(std::string* why, const std::string& m) {
    if (why) *why = m;
    return false;
  }
  bool apply(const std::vector<Fe>& t, std::string* why) {
    const std::uint64_t op = t[0].value(), addr = t[1].value(), step = t[2].value(),
                        w = t[3].value(), lo = t[4].value(), hi = t[5].value();
    const std::string where =
        fmt::format("memory access op {} addr 0x{:x} step {}", op, addr, step);
    if ((w != 1 && w != 2 && w != 4 && w != 8) || lo >> 32 || hi >> 32) {
      return fail(why, where + ": bad width or limbs");
    }
    if (step == 0 || step >> 40) return fail(why, where + ": bad mem_step");
    if (!seen_.insert({addr & ~7ull, step}).second ||
        ((addr & 7) + w > 8 && !seen_.insert({(addr & ~7ull) + 8, step}).second)) {
      return fail(why, where + ": a word accessed twice at one mem_step");
    }
    const Region r = region(addr, w);
    if (r == kNone) return fail(why, where + ": unmapped");
    const std::uint64_t v = lo | hi << 32;
    if (op == kMemLoad) {
      if (w < 8 && v >> (8 * w)) return fail(why, where + ": load value wider than its width");
      const bool free_cell = r == kInput && (addr & ~7ull) == l_.input_addr;
      for (std::uint64_t k = 0; k < w; ++k) {
        const std::uint8_t byte = static_cast<std::uint8_t>(v >> (8 * k));
        auto it = bytes_.find(addr + k);
        if (it == bytes_.end() || free_cell) {
          if (r == kRam && byte != 0) return fail(why, where + ": fresh RAM read non-zero");
          if (r == kRomArea) return fail(why, where + ": ROM read before its init");
          if (r == kInput || r == kRam) bytes_[addr + k] = byte;
        } else if (it->second != byte) {
          return fail(why, where + ": load returns a value that was not stored");
        }
      }
      return true;
    }
    if (op == kMemStore) {
      if (r != kRam) return fail(why, where + ": store outside RAM");
    } else if (op == kMemRomInit) {
      if (r != kRomArea || w != 8 || (addr & 7) != 0) return fail(why, where + ": bad ROM init");
      if (!inits_.insert(addr).second || bytes_.count(addr)) {
        return fail(why, where + ": second ROM init");
      }
    } else {
      return fail(why, where + ": bad mem_op");
    }
    for (std::uint64_t k = 0; k < w; ++k)
      bytes_[addr + k] = static_cast<std::uint8_t>(v >> (8 * k));
    return true;
  }

  const zisk::Rom& rom_;
  const zisk::Layout& l_;
  std::unordered_map<std::uint64_t, std::uint8_t> bytes_;
  std::set<std::uint64_t> inits_;
  std::set<std::pair<std::uint64_t, std::uint64_t>> seen_;
};

// stated_steps: the step count the statement claims (default: the run's).
inline bool cheater_accepted(const MainRun& r, const MainBuild& b,
                             std::span<const MainInstance> instances, std::string* why = nullptr,
                             std::optional<std::uint64_t> stated_steps = std::nullopt) {
  const auto say = [&](const std::string& m) {
    if (why) *why = m;
    return false;
  };
  for (std::size_t i = 0; i < instances.size(); ++i) {
    auto f = stark::find_constraint_failure(*b.main_air, i, instances[i].trace, nullptr, {},
                                            instances[i].instance_values);
    ZISKC_CHECK(f.is_ok(), "trace shape");
    if (f->has_value()) return say((*f)->to_string());
  }
  stark::BusDebugger dbg;
  add_main_instances(dbg, *b.main_air, instances);
  auto st =
      main_direct_terms(r.rom->layout(), public_values(r), stated_steps.value_or(r.result.steps));
  ZISKC_CHECK(st.is_ok(), "statement terms");
  for (const auto& t : *st) dbg.add_direct(t);
  // ROM rows as a set.
  std::set<std::vector<std::uint64_t>> rom_rows;
  for (std::size_t i = 0; i < r.rom->size(); ++i) {
    std::vector<std::uint64_t> row;
    for (Fe v : b.rom_fixed.row(i)) row.push_back(v.value());
    rom_rows.insert(row);
  }
  std::vector<std::vector<Fe>> mem;
  for (const auto& u : dbg.unbalanced()) {
    std::vector<std::uint64_t> key;
    for (Fe v : u.tuple) key.push_back(v.value());
    const std::string what = fmt::format("bus {} tuple ({}) net {}", u.bus, fmt::join(key, ", "),
                                         stark::signed_fe(u.net));
    const std::uint64_t neg = (-u.net).value();  // copies assumed
    if (u.bus == kRomBus) {
      if (!rom_rows.count(key) || neg >= (1ull << 40)) return say(what + ": not a ROM row");
    } else if (u.bus == kOperationBus) {
      const auto op = zisk::find_op(static_cast<std::uint8_t>(key[0]));
      if (key[0] > 0xff || !op || !zisk::is_pure(*op) || neg >= (1ull << 40)) {
        return say(what + ": no machine proves it");
      }
      if (key[1] >> 32 || key[2] >> 32 || key[3] >> 32 || key[4] >> 32) {
        return say(what + ": operand limbs not canonical");
      }
      const auto out = zisk::apply_pure(*op, key[1] | key[2] << 32, key[3] | key[4] << 32);
      if (key[5] != (out->c & 0xFFFF'FFFFull) || key[6] != out->c >> 32 ||
          key[7] != (out->flag ? 1u : 0u)) {
        return say(what + ": wrong result");
      }
    } else if (u.bus == kMemoryBus) {
      if (neg != 1) return say(what + ": a memory access assumed more than once");
      mem.push_back(u.tuple);
    } else {
      return say(what + ": unbalanced");
    }
  }
  MemoryModel model(*r.rom);
  return model.consistent(std::move(mem), why);
}

}  // namespace ziskc::sm::testing
