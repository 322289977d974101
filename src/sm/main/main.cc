// The Main witness (main.h): row templates, the instance builder, chunk routing.
#include "sm/main/main.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "base/check.h"

namespace ziskc::sm {
namespace {

using zisk::Machine;
using zisk::Op;

constexpr std::uint64_t kLo32 = 0xFFFF'FFFFull;

// Ops no machine proves yet (the DMA machines of sm/dma prove DMA ops, sm/fcall the free-input
// calls, sm/keccakf the keccakf precompile, sm/sha256f the sha256 precompile, sm/arith256 the
// arith256 and arith256_mod precompiles: of the ArithEq machine's ops only those two).
bool op_unprovable(Op op) {
  const Machine m = zisk::op_info(op).machine;
  if (m == Machine::kArithEq) return op != Op::kArith256 && op != Op::kArith256Mod;
  return (zisk::is_precompile(m) && m != Machine::kKeccakf && m != Machine::kSha256f) ||
         m == Machine::kHalt;
}

// The MainCols view of a trace row.
MainCols<Fe>& cols(std::span<Fe> row) { return *reinterpret_cast<MainCols<Fe>*>(row.data()); }

}  // namespace

std::optional<std::string> unprovable_reason(const zisk::ZiskInst& inst) {
  if (!op_unprovable(inst.op)) return std::nullopt;
  return fmt::format("not supported yet: proving {}", zisk::op_name(inst.op));
}

std::optional<std::string> unprovable_reason(const emu::StepRecord& step) {
  ZISKC_CHECK(step.inst != nullptr, "step record without its instruction");
  return unprovable_reason(*step.inst);
}

Status check_provable(const zisk::Rom& rom, std::span<const std::uint64_t> inst_counts) {
  ZISKC_CHECK(inst_counts.size() == rom.size(), "one count per ROM instruction");
  for (std::size_t i = 0; i < rom.size(); ++i) {
    if (inst_counts[i] == 0) continue;
    if (auto why = unprovable_reason(rom.inst(i))) {
      return make_error(ErrorCode::kUnsupported, "{} (pc 0x{:x}, executed {} times)", *why,
                        rom.inst(i).pc, inst_counts[i]);
    }
  }
  return Status::ok();
}

Result<MainProgram> MainProgram::make(const zisk::Rom& rom) {
  Result<std::vector<RomEntry>> entries = encode_rom(rom);
  if (!entries) return entries.status();
  const auto end = rom.find(rom.layout().end_pc);
  if (!end || rom.inst(*end).pc != rom.layout().end_pc || !rom.inst(*end).end ||
      rom.inst(*end).op != Op::kCopyB || rom.inst(*end).store != zisk::StoreKind::kNone) {
    return make_error(ErrorCode::kInvalidArgument,
                      "main: the ROM has no end instruction (copyb, no store) at 0x{:x}",
                      rom.layout().end_pc);
  }
  MainProgram p;
  p.rom_ = &rom;
  p.entries_ = std::move(entries).value();
  p.end_index_ = *end;
  p.templates_.resize(p.entries_.size());
  for (std::size_t i = 0; i < p.entries_.size(); ++i) {
    const RomEntry& e = p.entries_[i];
    MainCols<Fe> c{};
    c.rom = e.fields;
    const auto bit = [&](std::uint32_t f) { return Fe::from_u64(e.has(f) ? 1 : 0); };
    c.a_imm = bit(kRomFlagAImm);
    c.a_mem = bit(kRomFlagAMem);
    c.b_imm = bit(kRomFlagBImm);
    c.b_mem = bit(kRomFlagBMem);
    c.b_ind = bit(kRomFlagBInd);
    c.is_ext = bit(kRomFlagExternal);
    c.store_mem = bit(kRomFlagStoreMem);
    c.store_ind = bit(kRomFlagStoreInd);
    c.store_pc = bit(kRomFlagStorePc);
    c.set_pc = bit(kRomFlagSetPc);
    c.m32 = bit(kRomFlagM32);
    c.is_prec = bit(kRomFlagPrecompiled);
    c.is_end = bit(kRomFlagEnd);
    std::copy_n(reinterpret_cast<const Fe*>(&c), kMainInstCols, p.templates_[i].begin());
  }
  // The end instruction must keep the pc where it is (rows after it repeat it) and carry the
  // end flag (the step stops there).
  const RomFields<Fe>& f = p.entries_[p.end_index_].fields;
  if (!f.jmp2.is_zero() || !f.jmp1.is_zero()) {
    return make_error(ErrorCode::kInvalidArgument, "main: the end instruction does not loop");
  }
  if (!p.entries_[p.end_index_].has(kRomFlagEnd)) {
    return make_error(ErrorCode::kInvalidArgument,
                      "main: the end instruction reads memory (no end flag)");
  }
  return p;
}

MainInstanceBuilder::MainInstanceBuilder(const MainProgram& program, std::uint64_t first_step,
                                         unsigned log_height, MainSinks sinks)
    : p_(program),
      first_(first_step),
      end_(first_step + (std::uint64_t{1} << log_height)),
      log_height_(log_height),
      sinks_(sinks) {
  ZISKC_CHECK(log_height >= kMainMinLogHeight && log_height <= kMainMaxLogHeight,
              "main: instance height out of range");
  trace_ = poly::RowMajorMatrix::zeros(std::size_t{1} << log_height, kMainWidth);
  row_inst_.resize(trace_.rows);
  // Upper bounds of what one instance appends (at most 3 memory messages and one operation per
  // row), so the sinks never reallocate mid-instance; untouched capacity costs no memory.
  const std::size_t n = trace_.rows;
  if (sinks_.mem != nullptr) sinks_.mem->reserve(sinks_.mem->size() + 3 * n);
  if (sinks_.mem_align != nullptr) sinks_.mem_align->reserve(sinks_.mem_align->size() + 2 * n);
  for (std::vector<OpRecord>* v : sinks_.ops) {
    if (v != nullptr) v->reserve(v->size() + n);
  }
}

void MainInstanceBuilder::begin_chunk(const emu::ChunkStart& start) {
  known_c_step_ = start.step;
  known_c_ = start.last_c;
}

void MainInstanceBuilder::on_step(const emu::StepRecord& s) {
  if (s.step >= first_ && s.step < end_) {
    const std::size_t row = static_cast<std::size_t>(s.step - first_);
    if (row != next_row_ || ended_) {
      if (order_.is_ok()) {
        order_ = make_error(ErrorCode::kInvalidArgument,
                            "main: instance at step {} got step {} where step {} was expected",
                            first_, s.step, first_ + next_row_);
      }
    } else {
      if (row == 0) {
        if (known_c_step_ != first_ && order_.is_ok()) {
          order_ = make_error(ErrorCode::kInvalidArgument,
                              "main: instance at step {} does not know the last c before it "
                              "(replay the chunk that starts there or the step before)",
                              first_);
        }
        start_c_ = known_c_;
      }
      fill_row(row, s);
      ++next_row_;
      if (s.inst->end) {
        ended_ = true;
        halted_ = s.inst->op == Op::kHalt;
      }
    }
  }
  known_c_step_ = s.step + 1;
  known_c_ = s.c;
}

void MainInstanceBuilder::fill_row(std::size_t row, const emu::StepRecord& s) {
  const std::size_t idx = p_.index_of(s.inst);
  row_inst_[row] = static_cast<std::uint32_t>(idx);
  std::span<Fe> out = trace_.row(row);
  // A constant-size copy (inlined; Fe is trivially copyable).
  std::memcpy(static_cast<void*>(out.data()), p_.row_template(idx).data(),
              sizeof(Fe) * kMainInstCols);
  MainCols<Fe>& c = cols(out);
  c.a[0] = Fe::from_canonical(s.a & kLo32);
  c.a[1] = Fe::from_canonical(s.a >> 32);
  c.b[0] = Fe::from_canonical(s.b & kLo32);
  c.b[1] = Fe::from_canonical(s.b >> 32);
  c.c[0] = Fe::from_canonical(s.c & kLo32);
  c.c[1] = Fe::from_canonical(s.c >> 32);
  c.flag = Fe::from_canonical(s.flag ? 1 : 0);
  c.step = Fe::from_u64(s.step);
  emit_records(s, p_.entry(idx));
}

void MainInstanceBuilder::emit_records(const emu::StepRecord& s, const RomEntry& e) {
  const zisk::ZiskInst& z = *s.inst;
  const std::uint64_t ms = emu::mem_step(s.step, emu::kSlotA);
  if (e.has(kRomFlagAMem) && sinks_.mem != nullptr) {
    sinks_.mem->push_back({.addr = e.a_addr,
                           .mem_step = ms,
                           .value = s.a,
                           .width = 8,
                           .mem_op = static_cast<std::uint8_t>(kMemLoad)});
  }
  if (e.has(kRomFlagBMem)) {
    if (sinks_.mem != nullptr) {
      sinks_.mem->push_back({.addr = e.b_addr,
                             .mem_step = ms + 1,
                             .value = s.b,
                             .width = 8,
                             .mem_op = static_cast<std::uint8_t>(kMemLoad)});
    }
  } else if (e.has(kRomFlagBInd)) {
    mem_access(s, s.a + z.b_value, s.b, z.ind_width, kMemLoad, emu::kSlotB, false);
  }
  if (e.has(kRomFlagStoreMem) || e.has(kRomFlagStoreInd)) {
    const std::uint64_t value = z.store_pc ? z.pc + static_cast<std::uint64_t>(z.jmp_offset2) : s.c;
    const auto mem_op = static_cast<std::uint8_t>(e.rom_init ? kMemRomInit : kMemStore);
    if (e.has(kRomFlagStoreMem)) {
      if (sinks_.mem != nullptr) {
        sinks_.mem->push_back({.addr = e.store_addr,
                               .mem_step = ms + 2,
                               .value = value,
                               .width = 8,
                               .mem_op = mem_op});
      }
    } else {
      mem_access(s, s.a + static_cast<std::uint64_t>(z.store_offset), value, z.ind_width, mem_op,
                 emu::kSlotStore, true);
    }
  }
  if (e.has(kRomFlagExternal)) {
    const Machine m = zisk::op_info(z.op).machine;
    if (std::vector<OpRecord>* sink = sinks_.ops[static_cast<std::size_t>(m)]) {
      const std::uint64_t mask = z.m32 ? kLo32 : ~0ull;
      sink->push_back({z.op, s.a & mask, s.b & mask});
    }
    if (emu::StepVisitor* v = sinks_.steps[static_cast<std::size_t>(m)]) v->on_step(s);
    if (op_unprovable(z.op) && unprovable_.is_ok()) {
      unprovable_ = make_error(ErrorCode::kUnsupported, "{} (step {}, pc 0x{:x})",
                               *unprovable_reason(z), s.step, z.pc);
    }
  }
}

void MainInstanceBuilder::mem_access(const emu::StepRecord& s, std::uint64_t addr,
                                     std::uint64_t value, unsigned width, std::uint8_t mem_op,
                                     std::uint8_t slot, bool is_store) {
  const MemAccess a{.addr = addr,
                    .mem_step = emu::mem_step(s.step, slot),
                    .value = value,
                    .width = static_cast<std::uint8_t>(width),
                    .mem_op = mem_op};
  if (!is_mem_align_access(a)) {
    if (sinks_.mem != nullptr) sinks_.mem->push_back(a);
    return;
  }
  if (sinks_.mem_align == nullptr) return;
  // MemAlign needs the aligned words before the access: the emulator's record of it.
  const emu::MemAccess::Kind kind = is_store ? emu::MemAccess::kStore : emu::MemAccess::kLoad;
  for (const emu::MemAccess& acc : s.accesses) {
    if (acc.slot == slot && acc.kind == kind && acc.addr == addr) {
      sinks_.mem_align->push_back({.access = a, .words = {acc.before[0], acc.before[1]}});
      return;
    }
  }
  ZISKC_CHECK(false, "main: the replay reported no access for an indirect load or store");
}

void MainInstanceBuilder::add_rom_counts() {
  if (sinks_.rom_counts == nullptr) return;
  const std::size_t rows = trace_.rows;
  if (rows > p_.rom().size()) {
    std::vector<std::uint64_t> dense(p_.rom().size(), 0);
    for (std::uint32_t i : row_inst_) ++dense[i];
    for (std::size_t i = 0; i < dense.size(); ++i) {
      if (dense[i] != 0) sinks_.rom_counts->add(i, dense[i]);
    }
    return;
  }
  std::vector<std::uint32_t> sorted = row_inst_;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    sinks_.rom_counts->add(sorted[i], j - i);
    i = j;
  }
}

Result<MainInstance> MainInstanceBuilder::finish() {
  if (!order_.is_ok()) return order_;
  if (halted_) {
    return make_error(ErrorCode::kUnsupported,
                      "main: the run halts at step {}: a halt is a guest error, not provable",
                      first_ + next_row_ - 1);
  }
  const std::size_t n = trace_.rows;
  if (next_row_ < n && !ended_) {
    return make_error(ErrorCode::kInvalidArgument,
                      "main: instance at step {} got {} of its {} steps and the run did not end",
                      first_, next_row_, n);
  }
  if (next_row_ == 0) {
    return make_error(ErrorCode::kInvalidArgument, "main: instance at step {} got no step", first_);
  }
  const std::size_t steps = next_row_;
  // Rows after the end step repeat the end instruction: copyb of 0, no store, pc and step
  // unchanged (the step stops at the end instruction).
  const std::uint32_t end = p_.end_index();
  for (std::size_t r = steps; r < n; ++r) {
    std::span<Fe> out = trace_.row(r);
    std::copy_n(p_.row_template(end).data(), kMainInstCols, out.data());
    cols(out).step = Fe::from_u64(first_ + steps - 1);
    row_inst_[r] = end;
  }
  add_rom_counts();

  const MainCols<Fe>& first = cols(trace_.row(0));
  const MainCols<Fe>& last = cols(trace_.row(n - 1));
  const bool set_pc = !last.set_pc.is_zero();
  const Fe next_pc = set_pc ? last.c[0] + last.rom.jmp1
                            : last.rom.pc + (last.flag.is_zero() ? last.rom.jmp2 : last.rom.jmp1);
  MainInstance out;
  out.instance_values.assign(kMainNumInstanceValues, Fe::zero());
  std::vector<Fe>& iv = out.instance_values;
  iv[kMainIsLast] = Fe::from_u64(ended_ ? 1 : 0);
  iv[kMainStartStep] = Fe::from_u64(first_);
  iv[kMainStartPc] = first.rom.pc;
  iv[kMainStartCLo] = Fe::from_u64(start_c_ & kLo32);
  iv[kMainStartCHi] = Fe::from_u64(start_c_ >> 32);
  // After an end row the step stays (the end instruction's step).
  iv[kMainNextStep] = Fe::from_u64(ended_ ? first_ + steps - 1 : end_);
  iv[kMainNextPc] = next_pc;
  iv[kMainLastCLo] = last.c[0];
  iv[kMainLastCHi] = last.c[1];
  out.first_step = first_;
  out.steps = steps;
  out.is_last = ended_;
  out.trace = std::move(trace_);
  return out;
}

namespace {

class Router final : public emu::StepVisitor {
 public:
  explicit Router(std::span<MainInstanceBuilder* const> b) : b_(b) {}
  void on_step(const emu::StepRecord& s) override {
    while (cur_ < b_.size() && s.step >= b_[cur_]->end_step()) ++cur_;
    if (cur_ == b_.size()) return;
    MainInstanceBuilder* cur = b_[cur_];
    if (s.step >= cur->first_step()) {
      cur->on_step(s);
      if (cur_ + 1 < b_.size() && s.step + 1 == b_[cur_ + 1]->first_step())
        b_[cur_ + 1]->on_step(s);
    } else if (s.step + 1 == cur->first_step()) {
      cur->on_step(s);
    }
  }

 private:
  std::span<MainInstanceBuilder* const> b_;
  std::size_t cur_ = 0;
};

}  // namespace

Status replay_main(const emu::Replayer& replayer, const emu::Chunk& chunk,
                   std::span<MainInstanceBuilder* const> builders) {
  for (std::size_t i = 0; i < builders.size(); ++i) {
    ZISKC_CHECK(i == 0 || builders[i - 1]->end_step() <= builders[i]->first_step(),
                "main: builders must be sorted and disjoint");
    builders[i]->begin_chunk(chunk.start);
  }
  Router router(builders);
  Result<emu::ChunkStart> end = replayer.replay(chunk, &router);
  return end.status();
}

Result<std::vector<MainInstance>> main_instances(const MainProgram& program,
                                                 std::span<const emu::Chunk> chunks,
                                                 unsigned log_height, const MainSinks& sinks) {
  if (log_height < kMainMinLogHeight || log_height > kMainMaxLogHeight) {
    return make_error(ErrorCode::kInvalidArgument, "main: instance height 2^{} out of range",
                      log_height);
  }
  std::uint64_t total = 0;
  for (const emu::Chunk& c : chunks) total += c.steps;
  const std::uint64_t n = std::uint64_t{1} << log_height;
  const std::uint64_t count = (total + n - 1) / n;
  const emu::Replayer replayer(program.rom());
  std::vector<std::unique_ptr<MainInstanceBuilder>> owned;
  std::vector<MainInstanceBuilder*> builders;
  for (std::uint64_t k = 0; k < count; ++k) {
    owned.push_back(std::make_unique<MainInstanceBuilder>(program, k * n, log_height, sinks));
    builders.push_back(owned.back().get());
  }
  // Each chunk once, routed to the instances it overlaps.
  for (const emu::Chunk& c : chunks) {
    if (Status st = replay_main(replayer, c, builders); !st.is_ok()) return st;
  }
  std::vector<MainInstance> out;
  for (MainInstanceBuilder* b : builders) {
    Result<MainInstance> inst = b->finish();
    if (!inst) return inst.status();
    out.push_back(std::move(inst).value());
  }
  return out;
}

}  // namespace ziskc::sm
