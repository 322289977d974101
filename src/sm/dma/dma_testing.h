// Test helpers of the DMA machine tests (not library code):
//  - DmaProgram: guest programs of DMA operations (every port pattern of docs/EMULATOR.md §3)
//    built with the test assembler over a RAM buffer, a read-only ROM block and the input;
//  - RefMemory: the reference semantics (std::memmove, std::memset, a byte compare, the
//    free-input words) on a byte-level shadow of those regions;
//  - run_dma_program: the emulator in trace mode, every chunk replayed, each DMA step turned
//    into a DmaRecord; per step the test checks the record's accesses against the reference
//    and builds the direct terms standing in for Main (its op-bus assume) and for the memory
//    machines (the true value of every load, the reference value of every store);
//  - judge(): what a cheating prover can get accepted for one instance, given honest Main
//    messages and memory machines that prove every true load and any store (docs/ZKVM.md).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "emu/emulator.h"
#include "emu/replay.h"
#include "emu/testdata/programs.h"
#include "sm/binary_add/op_testing.h"
#include "sm/buses.h"
#include "sm/dma/air.h"
#include "sm/dma/dma.h"
#include "stark/row_builder.h"
#include "stark/row_checker.h"
#include "zisk/transpiler.h"

namespace ziskc::sm::dma_testing {

using namespace zisk::testing;  // NOLINT: Asm and register names
using poly::RowMajorMatrix;

inline constexpr std::uint64_t kBuf = 0xA043'0000;  // RAM buffer (layout zisk heap)
inline constexpr std::uint64_t kBufSize = 8192;
inline constexpr std::uint64_t kParams = kBuf + kBufSize;  // uint256_div(a, 1) parameters
inline constexpr std::uint64_t kRomBlock = 0x8010'0000;    // read-only data in ROM
inline constexpr std::uint64_t kRomBlockSize = 1024;
inline constexpr std::uint64_t kInputSize = 1024;
inline const zisk::Layout& kLayout = zisk::layout(zisk::LayoutKind::kZisk);
inline const std::uint64_t kInputData = kLayout.input_addr + 8;

enum class Kind {
  kMemcpy,        // csrs 0x813, src ; add x0, dst, n
  kXMemcpy,       // csrs 0x813, src ; addi x0, dst, n
  kMemcmp,        // csrs 0x814, b ; add s1, a, n
  kXMemcmp,       // csrs 0x814, b ; addi s1, a, n
  kMemcmpZiskos,  // csrrs a0, 0x814, b ; add x0, a, n
  kMemsetReg,     // csrs 0x816, dst ; addi x0, n, byte
  kMemsetImm,     // csrsi 0x816, 2 ; addi x0, dst, n ; addi x0, dst, byte
  kInputcpyAdd,   // (fcall uint256_div) csrs 0x815, x ; add t1, dst, n
  kInputcpyAddi,  // (fcall uint256_div) csrs 0x815, x ; addi t1, dst, n
};

inline bool is_x_imm(Kind k) {
  return k == Kind::kXMemcpy || k == Kind::kXMemcmp || k == Kind::kMemsetImm ||
         k == Kind::kInputcpyAddi;
}

struct DmaOp {
  Kind kind;
  std::uint64_t dst = 0, src = 0, n = 0;
  std::uint8_t byte = 0;
};

// The byte-level shadow of the regions DMA ops use in the test programs.
class RefMemory {
 public:
  RefMemory() = default;
  RefMemory(std::vector<std::uint8_t> buf, std::vector<std::uint8_t> rom,
            std::vector<std::uint8_t> input, std::vector<std::uint8_t> params)
      : buf_(std::move(buf)),
        rom_(std::move(rom)),
        input_(std::move(input)),
        params_(std::move(params)) {}

  // nullptr for an address outside the modelled regions.
  const std::uint8_t* find(std::uint64_t a) const {
    if (a >= kBuf && a < kBuf + buf_.size()) return &buf_[a - kBuf];
    if (a >= kParams && a < kParams + params_.size()) return &params_[a - kParams];
    if (a >= kRomBlock && a < kRomBlock + rom_.size()) return &rom_[a - kRomBlock];
    if (a >= kInputData && a < kInputData + input_.size()) return &input_[a - kInputData];
    return nullptr;
  }
  std::uint8_t* find_mut(std::uint64_t a) { return const_cast<std::uint8_t*>(find(a)); }
  bool known_word(std::uint64_t w) const { return find(w) != nullptr && find(w + 7) != nullptr; }
  std::uint8_t byte(std::uint64_t a) const {
    const std::uint8_t* p = find(a);
    EXPECT_NE(p, nullptr) << "reference: unmodelled address " << a;
    return p ? *p : 0;
  }
  std::uint64_t word(std::uint64_t w) const {
    std::uint64_t v = 0;
    for (unsigned k = 0; k < 8; ++k) v |= std::uint64_t{byte(w + k)} << (8 * k);
    return v;
  }
  void set(std::uint64_t a, std::uint8_t v) {
    std::uint8_t* p = find_mut(a);
    ASSERT_NE(p, nullptr) << "reference: write to unmodelled address " << a;
    *p = v;
  }
  const std::vector<std::uint8_t>& buf() const { return buf_; }
  const std::vector<std::uint8_t>& rom() const { return rom_; }
  const std::vector<std::uint8_t>& input() const { return input_; }
  const std::vector<std::uint8_t>& params() const { return params_; }

 private:
  std::vector<std::uint8_t> buf_, rom_, input_, params_;
};

inline std::vector<std::uint8_t> random_bytes(std::mt19937_64& rng, std::size_t n) {
  std::vector<std::uint8_t> v(n);
  for (auto& x : v) x = static_cast<std::uint8_t>(rng());
  return v;
}

// The reference semantics of one op on mem: memmove, memset, the free-input words, or the byte
// compare (returns c; *cmp_len = bytes of a and b the emulator reads).
inline std::uint64_t apply(RefMemory& mem, const DmaOp& op, std::span<const std::uint64_t> free,
                           std::uint64_t* cmp_len = nullptr) {
  if (cmp_len) *cmp_len = op.n;
  switch (op.kind) {
    case Kind::kMemcpy:
    case Kind::kXMemcpy: {
      std::vector<std::uint8_t> tmp(op.n);
      for (std::uint64_t i = 0; i < op.n; ++i) tmp[i] = mem.byte(op.src + i);
      for (std::uint64_t i = 0; i < op.n; ++i) mem.set(op.dst + i, tmp[i]);
      return op.dst;
    }
    case Kind::kMemsetReg:
    case Kind::kMemsetImm:
      for (std::uint64_t i = 0; i < op.n; ++i) mem.set(op.dst + i, op.byte);
      return op.dst;
    case Kind::kInputcpyAdd:
    case Kind::kInputcpyAddi:
      for (std::uint64_t i = 0; i < op.n; ++i) {
        mem.set(op.dst + i, static_cast<std::uint8_t>(free[i / 8] >> (8 * (i % 8))));
      }
      return op.dst;
    default:
      for (std::uint64_t i = 0; i < op.n; ++i) {
        const int x = mem.byte(op.dst + i), y = mem.byte(op.src + i);
        if (x != y) {
          if (cmp_len) *cmp_len = i + 1;
          return static_cast<std::uint64_t>(static_cast<std::int64_t>(x - y));
        }
      }
      return 0;
  }
}

// A guest program of DMA ops. The uint256_div parameters are a (random, 4 words) and b = 1, so
// every fcall returns the free-input words a0..a3, 0, 0, 0, 0 for the next inputcpy.
class DmaProgram {
 public:
  explicit DmaProgram(std::uint64_t seed) : rng_(seed) {
    std::vector<std::uint8_t> params = random_bytes(rng_, 64);
    std::fill(params.begin() + 32, params.end(), 0);
    params[32] = 1;
    initial_ = RefMemory(random_bytes(rng_, kBufSize), random_bytes(rng_, kRomBlockSize),
                         random_bytes(rng_, kInputSize), params);
    cur_ = initial_;
  }
  std::mt19937_64& rng() { return rng_; }
  const RefMemory& initial() const { return initial_; }
  // The reference state after the ops added so far.
  const RefMemory& current() const { return cur_; }
  const std::vector<DmaOp>& ops() const { return ops_; }
  // The free-input words each inputcpy copies from.
  std::vector<std::uint64_t> free_words() const {
    std::vector<std::uint64_t> w(8, 0);
    std::memcpy(w.data(), initial_.params().data(), 32);
    return w;
  }

  void add(const DmaOp& op) {
    if (is_x_imm(op.kind)) {
      ZISKC_CHECK(op.n < 2048, "immediate counts are below 2048");
    }
    ops_.push_back(op);
    apply(cur_, op, free_words());
    const auto li = [&](unsigned r, std::uint64_t v) { a_.li(r, static_cast<std::int64_t>(v)); };
    const auto n = static_cast<std::int64_t>(op.n);
    switch (op.kind) {
      case Kind::kMemcpy:
        li(a0, op.dst), li(a1, op.src), li(a2, op.n);
        a_.csr(Opcode::kCsrrs, zero, 0x813, a1);
        a_.add(zero, a0, a2);
        break;
      case Kind::kXMemcpy:
        li(a0, op.dst), li(a1, op.src);
        a_.csr(Opcode::kCsrrs, zero, 0x813, a1);
        a_.addi(zero, a0, n);
        break;
      case Kind::kMemcmp:
        li(a0, op.dst), li(a1, op.src), li(a2, op.n);
        a_.csr(Opcode::kCsrrs, zero, 0x814, a1);
        a_.add(s1, a0, a2);
        break;
      case Kind::kXMemcmp:
        li(a0, op.dst), li(a1, op.src);
        a_.csr(Opcode::kCsrrs, zero, 0x814, a1);
        a_.addi(s1, a0, n);
        break;
      case Kind::kMemcmpZiskos:
        li(a0, op.dst), li(a1, op.src), li(a2, op.n);
        a_.csr(Opcode::kCsrrs, a0, 0x814, a1);
        a_.add(zero, a0, a2);
        break;
      case Kind::kMemsetReg:
        li(a0, op.dst), li(a2, op.n);
        a_.csr(Opcode::kCsrrs, zero, 0x816, a0);
        a_.addi(zero, a2, op.byte);
        break;
      case Kind::kMemsetImm:
        li(a0, op.dst);
        a_.csr(Opcode::kCsrrsi, zero, 0x816, 2);
        a_.addi(zero, a0, n);
        a_.addi(zero, a0, op.byte);
        break;
      case Kind::kInputcpyAdd:
      case Kind::kInputcpyAddi:
        li(t0, kParams);
        a_.csr(Opcode::kCsrrs, zero, 0x8F3, t0);   // 8 parameter words from memory
        a_.csr(Opcode::kCsrrwi, zero, 0x8C0, 19);  // uint256_div
        li(a0, op.dst);
        if (op.kind == Kind::kInputcpyAdd) {
          li(a2, op.n);
          a_.csr(Opcode::kCsrrs, zero, 0x815, a0);
          a_.add(t1, a0, a2);
        } else {
          a_.csr(Opcode::kCsrrs, zero, 0x815, a0);
          a_.addi(t1, a0, n);
        }
        break;
    }
  }

  zisk::Program program() const {
    Asm code = a_;
    code.exit();
    std::vector<std::uint8_t> ram = initial_.buf();
    ram.insert(ram.end(), initial_.params().begin(), initial_.params().end());
    return zisk::testing::program(code,
                                  {{.vaddr = kBuf, .data = ram},
                                   {.vaddr = kRomBlock, .data = initial_.rom(), .write = false}});
  }

 private:
  std::mt19937_64 rng_;
  RefMemory initial_, cur_;
  Asm a_;
  std::vector<DmaOp> ops_;
};

inline Fe fe(std::uint64_t v) { return Fe::from_u64(v); }

// Main's op-bus message for a DMA step.
inline std::vector<Fe> op_tuple(zisk::Op op, std::uint64_t a, std::uint64_t b, std::uint64_t c,
                                std::uint64_t step, std::int64_t jmp1) {
  return {fe(static_cast<std::uint64_t>(op)),
          fe(a & 0xFFFFFFFF),
          fe(a >> 32),
          fe(b & 0xFFFFFFFF),
          fe(b >> 32),
          fe(c & 0xFFFFFFFF),
          fe(c >> 32),
          Fe::zero(),
          fe(step),
          Fe::from_i64(jmp1)};
}

inline std::vector<Fe> mem_tuple(const MemAccess& m) {
  return {fe(m.mem_op),     fe(m.addr), fe(m.mem_step), fe(8), fe(m.value & 0xFFFFFFFF),
          fe(m.value >> 32)};
}

struct DmaRun {
  std::unique_ptr<zisk::Rom> rom;
  DmaRecords records;
  std::vector<stark::DirectTerm> main_terms;  // Main's assumes (one per DMA step)
  std::vector<stark::DirectTerm> mem_terms;   // the memory machines' proves
  std::vector<MemAccess> accesses;            // every access the DMA machines assume
  std::vector<std::uint64_t> results;         // c of each DMA step
};

// What a DMA op does to the reference, checked against the record's accesses. Returns the
// expected result c.
class Checker final : public emu::StepVisitor {
 public:
  Checker(const DmaProgram& p, DmaRun& run) : p_(p), run_(run), mem_(p.initial()) {}
  std::size_t seen() const { return next_; }

  void on_step(const emu::StepRecord& s) override {
    if (zisk::op_info(s.inst->op).machine != zisk::Machine::kDma) return;
    ASSERT_LT(next_, p_.ops().size());
    const DmaOp& op = p_.ops()[next_++];
    SCOPED_TRACE(::testing::Message() << "DMA op " << next_ - 1 << " at step " << s.step);
    std::vector<DmaRecord>* lists[3] = {&run_.records.copy, &run_.records.cmp,
                                        &run_.records.aligned};
    std::size_t sizes[3];
    for (int k = 0; k < 3; ++k) sizes[k] = lists[k]->size();
    const Status st = dma_records_from_step(s, run_.records);
    ASSERT_TRUE(st.is_ok()) << st.message();
    int grew = -1;
    for (int k = 0; k < 3; ++k) {
      if (lists[k]->size() != sizes[k]) {
        EXPECT_EQ(grew, -1);
        EXPECT_EQ(lists[k]->size(), sizes[k] + 1);
        grew = k;
      }
    }
    ASSERT_NE(grew, -1);
    const bool cmp = grew == 1;
    const DmaRecord& rec = lists[grew]->back();
    EXPECT_EQ(static_cast<int>(dma_machine(rec)), grew);
    EXPECT_EQ(rec.a, op.dst);
    EXPECT_EQ(rec.n, op.n);
    if (op.kind != Kind::kMemsetReg && op.kind != Kind::kMemsetImm &&
        op.kind != Kind::kInputcpyAdd && op.kind != Kind::kInputcpyAddi) {
      EXPECT_EQ(rec.b, op.src);
    }
    // The reference: before and after the op.
    const RefMemory before = mem_;
    std::uint64_t cmp_len = 0;  // bytes of a and b the emulator reads
    const std::uint64_t want_c = apply(mem_, op, p_.free_words(), &cmp_len);
    EXPECT_EQ(s.c, want_c) << "the emulator's result";
    run_.results.push_back(s.c);
    run_.main_terms.push_back(
        {.bus = kOperationBus,
         .tuple = op_tuple(s.inst->op, s.a, s.b, s.c, s.step, s.inst->jmp_offset1),
         .multiplicity = -Fe::one()});
    // The accesses the DMA assumes, against the reference.
    std::vector<MemAccess> acc;
    dma_mem_accesses(rec, acc);
    std::set<std::uint64_t> want_writes, want_src, want_dst, got_writes, got_src, got_dst;
    const auto words_of = [](std::uint64_t lo, std::uint64_t len, std::set<std::uint64_t>& out) {
      for (std::uint64_t w = lo & ~std::uint64_t{7}; len > 0 && w < lo + len; w += 8) out.insert(w);
    };
    const bool copy = !cmp;
    const bool src_op = op.kind == Kind::kMemcpy || op.kind == Kind::kXMemcpy;
    if (copy) {
      words_of(op.dst, op.n, want_writes);
      if (op.n > 0) {
        if (op.dst % 8 != 0) want_dst.insert(op.dst & ~std::uint64_t{7});
        if ((op.dst + op.n) % 8 != 0) want_dst.insert((op.dst + op.n - 1) & ~std::uint64_t{7});
      }
      if (src_op) words_of(op.src, op.n, want_src);
    } else {
      words_of(op.dst, cmp_len, want_dst);
      words_of(op.src, cmp_len, want_src);
    }
    const std::uint64_t step = s.step;
    bool count_seen = false;
    for (const MemAccess& m : acc) {
      ASSERT_EQ(m.width, 8);
      ASSERT_EQ(m.addr % 8, 0u);
      const std::uint64_t slot = m.mem_step - emu::mem_step(step, 0);
      ASSERT_LT(slot, 4u);
      std::uint64_t want = 0;
      if (slot == kDmaSlotCount) {
        EXPECT_EQ(m.addr, kLayout.extra_params_addr);
        EXPECT_FALSE(count_seen);
        count_seen = true;
        want = op.n;
      } else if (m.mem_op == kMemStore) {
        EXPECT_EQ(slot, kDmaSlotWrite);
        got_writes.insert(m.addr);
        want = mem_.word(m.addr);
      } else {
        (slot == kDmaSlotDst ? got_dst : got_src).insert(m.addr);
        EXPECT_NE(slot, kDmaSlotWrite);
        want = before.word(m.addr);
      }
      EXPECT_EQ(m.value, want) << "access at 0x" << std::hex << m.addr << " slot " << slot;
      MemAccess honest = m;
      honest.value = want;
      run_.mem_terms.push_back(
          {.bus = kMemoryBus, .tuple = mem_tuple(honest), .multiplicity = Fe::one()});
      run_.accesses.push_back(m);
    }
    const bool reads_count =
        op.kind == Kind::kMemcpy || op.kind == Kind::kMemcmp || op.kind == Kind::kMemcmpZiskos;
    EXPECT_EQ(count_seen, reads_count);
    EXPECT_EQ(got_writes, want_writes);
    EXPECT_EQ(got_src, want_src);
    EXPECT_EQ(got_dst, want_dst);
  }

 private:
  const DmaProgram& p_;
  DmaRun& run_;
  RefMemory mem_;
  std::size_t next_ = 0;
};

class CollectChunks final : public emu::ChunkSink {
 public:
  Status on_chunk(emu::Chunk&& c) override {
    chunks.push_back(std::move(c));
    return Status::ok();
  }
  std::vector<emu::Chunk> chunks;
};

// Runs the program in trace mode (chunks of 2^chunk_log2 steps), replays every chunk and checks
// every DMA step against the reference.
inline DmaRun run_dma_program(const DmaProgram& p, unsigned chunk_log2 = 10) {
  DmaRun run;
  Result<zisk::Rom> rom = zisk::transpile(p.program());
  EXPECT_TRUE(rom.is_ok()) << rom.status().message();
  if (!rom) return run;
  run.rom = std::make_unique<zisk::Rom>(std::move(rom).value());
  CollectChunks sink;
  Result<emu::RunResult> r = emu::run_trace(*run.rom, p.initial().input(), {}, chunk_log2, sink);
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  if (!r) return run;
  EXPECT_EQ(r->exit.kind, emu::ExitKind::kEnd) << r->exit.detail;
  const emu::Replayer replayer(*run.rom);
  Checker check(p, run);
  for (const emu::Chunk& c : sink.chunks) {
    const Result<emu::ChunkStart> end = replayer.replay(c, &check);
    EXPECT_TRUE(end.is_ok()) << end.status().message();
  }
  EXPECT_EQ(check.seen(), p.ops().size());
  return run;
}

// The instances of one machine for a run at one height, with the table counts they produced.
struct Instances {
  DmaMachine machine = DmaMachine::kCopy;
  std::vector<RowMajorMatrix> traces;
  std::vector<std::size_t> rows;  // rows used in each instance
};

inline Instances build(DmaMachine m, std::span<const DmaRecord> recs, unsigned log_height,
                       TableCounts& byte_pair, TableCounts& range16) {
  Instances out;
  out.machine = m;
  const Result<DmaPlan> plan = plan_dma(m, recs, log_height);
  EXPECT_TRUE(plan.is_ok()) << plan.status().message();
  if (!plan) return out;
  for (std::size_t i = 0; i < plan->num_instances(); ++i) {
    const auto part = recs.subspan(plan->starts[i], plan->starts[i + 1] - plan->starts[i]);
    switch (m) {
      case DmaMachine::kCopy:
        out.traces.push_back(dma_copy_trace(part, log_height, byte_pair));
        break;
      case DmaMachine::kCmp:
        out.traces.push_back(dma_cmp_trace(part, log_height, byte_pair, range16));
        break;
      case DmaMachine::kAligned:
        out.traces.push_back(dma_aligned_trace(part, log_height, byte_pair));
        break;
    }
    std::size_t rows = 0;
    for (const DmaRecord& r : part) rows += dma_rows(r, m);
    out.rows.push_back(rows);
  }
  return out;
}

inline const stark::AirPtr& copy_air() {
  static const stark::AirPtr a =
      stark::make_air<DmaCopyAir>(DmaCopyAir{.extra_params_addr = kLayout.extra_params_addr});
  return a;
}
inline const stark::AirPtr& cmp_air() {
  static const stark::AirPtr a =
      stark::make_air<DmaCmpAir>(DmaCmpAir{.extra_params_addr = kLayout.extra_params_addr});
  return a;
}
inline const stark::AirPtr& aligned_air() {
  static const stark::AirPtr a =
      stark::make_air<DmaAlignedAir>(DmaAlignedAir{.extra_params_addr = kLayout.extra_params_addr});
  return a;
}
inline const stark::AirPtr& air_of(DmaMachine m) {
  return m == DmaMachine::kCopy ? copy_air() : m == DmaMachine::kCmp ? cmp_air() : aligned_air();
}

// Row checker on every instance, then the bus debugger over all instances, the tables and the
// run's direct terms. "" when everything holds, else the first problem.
inline std::string check_all(const DmaRun& run, std::span<const Instances* const> machines,
                             const TableCounts& byte_pair, const TableCounts& range16) {
  using sm::testing::byte_pair_fixture;
  using sm::testing::range16_fixture;
  stark::BusDebugger dbg;
  std::size_t id = 0;
  for (const Instances* inst : machines) {
    const stark::Air& air = *air_of(inst->machine);
    for (const RowMajorMatrix& t : inst->traces) {
      const Status st = stark::check_constraints(air, id, t, nullptr, {}, {});
      if (!st.is_ok()) return st.message();
      if (!dbg.add_instance(air, id, t, nullptr, {}, {}).is_ok()) return "bus eval";
      ++id;
    }
  }
  const auto& bp = byte_pair_fixture();
  const auto& r16 = range16_fixture();
  if (!dbg.add_instance(*bp.air, id++, bp.mult_trace(byte_pair), &bp.fixed, {}, {}).is_ok() ||
      !dbg.add_instance(*r16.air, id++, r16.mult_trace(range16), &r16.fixed, {}, {}).is_ok()) {
    return "table eval";
  }
  for (const auto& t : run.main_terms) dbg.add_direct(t);
  for (const auto& t : run.mem_terms) dbg.add_direct(t);
  return dbg.unbalanced().empty() ? "" : dbg.report(8);
}

// The value of every word at every mem_step, as the memory machines know it: the program's
// initial regions (untouched RAM is 0), the honest DMA writes, and the count word.
class Oracle {
 public:
  Oracle(const DmaProgram& p, const DmaRun& run) : initial_(p.initial()) {
    for (const MemAccess& m : run.accesses) {
      if (m.mem_op == kMemStore) writes_[m.addr].push_back({m.mem_step, m.value});
      if (m.addr == kLayout.extra_params_addr) {
        writes_[m.addr].push_back({m.mem_step - 1, m.value});  // Main's copyb before the op
      }
    }
    for (auto& [a, v] : writes_) std::sort(v.begin(), v.end());
  }
  // Whether a load of (addr, mem_step) returning v is provable.
  bool load_ok(std::uint64_t addr, std::uint64_t ms, std::uint64_t v) const {
    if (addr % 8 != 0) return false;
    if (addr == kLayout.input_addr) return true;  // the free-input cell
    std::uint64_t cur = 0;
    if (initial_.known_word(addr)) {
      cur = initial_.word(addr);
    } else if (addr < kLayout.ram_addr || addr >= kLayout.ram_end) {
      return false;  // an unmodelled ROM or input word: not claimed provable
    }
    if (auto it = writes_.find(addr); it != writes_.end()) {
      for (const auto& [s, x] : it->second) {
        if (s < ms) cur = x;
      }
    }
    return cur == v;
  }

 private:
  RefMemory initial_;
  std::map<std::uint64_t, std::vector<std::pair<std::uint64_t, std::uint64_t>>> writes_;
};

// Whether a cheating prover gets `trace` (one instance) accepted: its constraints hold, its
// op-bus messages are exactly Main's `main_terms`, every load it assumes is true (oracle), the
// stores it assumes are at exactly the (addr, mem_step) pairs `stores` lists (any value, even
// non-canonical limbs: the memory machines prove any store), and every lookup is a table entry.
inline bool cheater_accepted(const stark::Air& air, const RowMajorMatrix& trace,
                             std::span<const stark::DirectTerm> main_terms, const Oracle& oracle,
                             const std::multiset<std::pair<std::uint64_t, std::uint64_t>>& stores,
                             std::string* why = nullptr) {
  using sm::testing::byte_pair_fixture;
  using sm::testing::range16_fixture;
  const auto fail = [&](std::string s) {
    if (why) *why = std::move(s);
    return false;
  };
  auto failure = stark::find_constraint_failure(air, 0, trace, nullptr, {}, {});
  ZISKC_CHECK(failure.is_ok(), "trace shape");
  if (failure->has_value()) return fail((*failure)->to_string());
  stark::BusDebugger dbg;
  ZISKC_CHECK(dbg.add_instance(air, 0, trace, nullptr, {}, {}).is_ok(), "bus eval");
  for (const auto& t : main_terms) dbg.add_direct(t);
  std::multiset<std::pair<std::uint64_t, std::uint64_t>> seen_stores;
  std::set<std::pair<std::uint64_t, std::uint64_t>> seen_loads;
  for (const auto& u : dbg.unbalanced()) {
    std::string msg = fmt::format("bus {} tuple (", u.bus);
    for (Fe x : u.tuple) msg += fmt::format("{} ", x.value());
    msg += ") net " + stark::signed_fe(u.net);
    if (u.bus == kBytePairBus || u.bus == kRange16Bus) {
      const auto& t = u.bus == kBytePairBus ? byte_pair_fixture() : range16_fixture();
      if (!t.contains(u.bus, u.tuple)) return fail("not a table entry: " + msg);
      continue;
    }
    if (u.bus != kMemoryBus || u.net != -Fe::one() || u.tuple.size() != 6) return fail(msg);
    const std::uint64_t op = u.tuple[0].value(), addr = u.tuple[1].value();
    const std::uint64_t ms = u.tuple[2].value();
    if (u.tuple[3] != fe(8)) return fail("not an 8-byte access: " + msg);
    // Stores of any value are proved (the memory machines do not range-check what they store:
    // canonical limbs are the writer's duty); loads return canonical words only.
    if (op == kMemLoad) {
      if (u.tuple[4].value() >> 32 || u.tuple[5].value() >> 32) {
        return fail("a load of non-canonical limbs: " + msg);
      }
      const std::uint64_t v = u.tuple[4].value() | (u.tuple[5].value() << 32);
      if (!oracle.load_ok(addr, ms, v) || !seen_loads.insert({addr, ms}).second) {
        return fail("a load the memory machines do not prove: " + msg);
      }
    } else if (op == kMemStore) {
      seen_stores.insert({addr, ms});
    } else {
      return fail(msg);
    }
  }
  if (seen_stores != stores) return fail("the stores are not the honest ones");
  return true;
}

// Whether row r of `trace` sends nothing (every multiplicity of its interactions is zero).
inline bool row_sends_nothing(const stark::Air& air, const RowMajorMatrix& trace, std::size_t r) {
  return sm::testing::row_sends_nothing(air, trace, r);
}

}  // namespace ziskc::sm::dma_testing
