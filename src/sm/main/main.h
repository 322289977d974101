// Witness side of Main (sm/main/air.h): the rows of Main instances from replayed chunks, and the
// records every other machine needs for the steps of those rows (docs/sm/main.md "Witness").
//
//   MainProgram::make(rom)                    once per program: the ROM encoding as row templates
//   MainInstanceBuilder b(program, first_step, log_height, sinks)
//   replay_main(replayer, chunk, {&b, ...})   every chunk that overlaps the instances, in order
//   b.finish()                                -> trace + instance values
//
// Instance k of height n = 2^log_height holds steps [k n, (k + 1) n); rows after the run's end
// step repeat the end instruction. Boundaries: chunks (2^c steps) and instances (2^log_height)
// are both powers of two, so either every chunk lies in one instance (n >= chunk: replay the
// instance's chunks one after another into its builder) or every instance lies in one chunk
// (n < chunk: replay the chunk once with all of its instances' builders; replay_main routes
// each step to the builder whose range holds it). A builder takes the "last c" before its first
// step from the chunk start (begin_chunk) or from the step before it, so it must see either the
// chunk that starts at its first step or the step just before; replay_main does both.
// Builders are independent: different instances may be built in parallel, each from one thread.
//
// Records (into the sinks the caller provides; null sinks drop them):
//  - OpRecord of every external op, by the machine that proves it (zisk::op_info(op).machine),
//    a and b as Main sends them (high halves zeroed for m32 ops); pubouts included;
//  - MemAccess of every memory-bus message Main sends, register accesses included (registers
//    are the words at SYS + 8 i): loads slot 0 (a) and 1 (b), stores slot 2 with the *full*
//    source value (sm/buses.h; emu's MemAccess.value is masked to the width); aligned 8-byte
//    accesses go to `mem` (the memory-region machines), every other one to `mem_align` with the
//    aligned words it touches before the access (MemAlign's record);
//  - the whole StepRecord of each step to the machine's step visitor, for machines whose
//    records need more than (op, a, b) (DMA);
//  - ROM execution counts (padding rows included), added to rom_counts when finished.
// A step whose op no machine proves yet (precompiles, free-input calls, halt) still fills
// its row (its operation-bus message is left unbalanced: the program is unprovable);
// unprovable_reason() names it, and the builder remembers the first one.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "emu/core.h"
#include "emu/replay.h"
#include "emu/trace.h"
#include "poly/matrix.h"
#include "sm/main/air.h"
#include "sm/mem_align/mem_align.h"
#include "sm/records.h"
#include "sm/rom/encoding.h"
#include "zisk/rom.h"

namespace ziskc::sm {

inline constexpr std::size_t kMainWidth = stark::width_of<MainCols>();
inline constexpr unsigned kMainMinLogHeight = 1;
inline constexpr unsigned kMainMaxLogHeight = 28;

// "not supported yet: proving <op>" for ops without a proving machine, halt included.
std::optional<std::string> unprovable_reason(const zisk::ZiskInst& inst);
std::optional<std::string> unprovable_reason(const emu::StepRecord& step);
// kUnsupported naming the first instruction with a non-zero count whose op is unprovable
// (inst_counts: executions per ROM instruction, e.g. a stats run's), so the pipeline can refuse
// before it builds any witness.
Status check_provable(const zisk::Rom& rom, std::span<const std::uint64_t> inst_counts);

// The program side of the witness: per instruction, its ROM entry and the first
// kMainInstCols columns of every row that executes it.
class MainProgram {
 public:
  static Result<MainProgram> make(const zisk::Rom& rom);

  const zisk::Rom& rom() const { return *rom_; }
  std::span<const RomEntry> entries() const { return entries_; }
  const RomEntry& entry(std::size_t i) const { return entries_[i]; }
  const std::array<Fe, kMainInstCols>& row_template(std::size_t i) const { return templates_[i]; }
  std::uint32_t end_index() const { return end_index_; }  // the instruction at end_pc
  std::size_t index_of(const zisk::ZiskInst* inst) const {
    return static_cast<std::size_t>(inst - rom_->insts().data());
  }

 private:
  MainProgram() = default;
  const zisk::Rom* rom_ = nullptr;
  std::vector<RomEntry> entries_;
  std::vector<std::array<Fe, kMainInstCols>> templates_;
  std::uint32_t end_index_ = 0;
};

// Where a builder's records go.
struct MainSinks {
  std::array<std::vector<OpRecord>*, static_cast<std::size_t>(zisk::Machine::kCount)> ops{};
  // Machines that need the whole step (DMA: dma_records_from_step, sm/dma/dma.h) get every
  // StepRecord whose op they prove, in step order.
  std::array<emu::StepVisitor*, static_cast<std::size_t>(zisk::Machine::kCount)> steps{};
  std::vector<MemAccess>* mem = nullptr;
  std::vector<MemAlignRecord>* mem_align = nullptr;
  TableCounts* rom_counts = nullptr;  // rom.size() entries

  void set_ops(zisk::Machine m, std::vector<OpRecord>* v) { ops[static_cast<std::size_t>(m)] = v; }
  void set_steps(zisk::Machine m, emu::StepVisitor* v) { steps[static_cast<std::size_t>(m)] = v; }
};

struct MainInstance {
  poly::RowMajorMatrix trace;       // 2^log_height x kMainWidth
  std::vector<Fe> instance_values;  // MainInstanceValue order
  std::uint64_t first_step = 0;
  std::uint64_t steps = 0;  // executed steps in the instance (the rest is padding)
  bool is_last = false;
};

class MainInstanceBuilder final : public emu::StepVisitor {
 public:
  // Instance over steps [first_step, first_step + 2^log_height); log_height in
  // [kMainMinLogHeight, kMainMaxLogHeight] (checked).
  MainInstanceBuilder(const MainProgram& program, std::uint64_t first_step, unsigned log_height,
                      MainSinks sinks);

  std::uint64_t first_step() const { return first_; }
  std::uint64_t end_step() const { return end_; }
  // Called with the start state of every chunk before it is replayed into this builder.
  void begin_chunk(const emu::ChunkStart& start);
  void on_step(const emu::StepRecord& s) override;
  // The first step whose op is unprovable (unprovable_reason), or ok.
  const Status& unprovable() const { return unprovable_; }
  // The instance after every step of its range was visited, or the run ended inside it.
  // kInvalidArgument if steps are missing or came out of order, kUnsupported if the run
  // halted (a halt is a guest error, never provable).
  Result<MainInstance> finish();

 private:
  void fill_row(std::size_t row, const emu::StepRecord& s);
  void emit_records(const emu::StepRecord& s, const RomEntry& e);
  void mem_access(const emu::StepRecord& s, std::uint64_t addr, std::uint64_t value, unsigned width,
                  std::uint8_t mem_op, std::uint8_t slot, bool is_store);
  void add_rom_counts();

  const MainProgram& p_;
  std::uint64_t first_ = 0, end_ = 0;
  unsigned log_height_ = 0;
  MainSinks sinks_;
  poly::RowMajorMatrix trace_;
  std::vector<std::uint32_t> row_inst_;  // ROM index of each filled row
  std::size_t next_row_ = 0;
  // The last c before step known_c_step_ (from a chunk start or the step before).
  std::uint64_t known_c_step_ = ~0ull, known_c_ = 0;
  std::uint64_t start_c_ = 0;
  bool ended_ = false, halted_ = false;
  Status order_;  // first out-of-order step
  Status unprovable_;
};

// Replays one chunk into the builders that overlap it (sorted by first_step, disjoint ranges):
// each step goes to the builder whose range holds it, and the step before a builder's range to
// that builder too (its start c). Steps outside every range are skipped.
Status replay_main(const emu::Replayer& replayer, const emu::Chunk& chunk,
                   std::span<MainInstanceBuilder* const> builders);

// Every instance of a run, built serially (tests, small runs): ceil(steps / 2^log_height)
// instances from the run's chunks (in order).
Result<std::vector<MainInstance>> main_instances(const MainProgram& program,
                                                 std::span<const emu::Chunk> chunks,
                                                 unsigned log_height, const MainSinks& sinks);

}  // namespace ziskc::sm
