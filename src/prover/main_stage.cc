// The emulator thread and the Main witness (main_stage.h).
#include "prover/main_stage.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <iterator>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "emu/replay.h"
#include "stark/protocol.h"

namespace ziskc::prover {
namespace {

// A bounded FIFO of chunks between the emulator thread (push) and the Main witness (pop).
class ChunkQueue {
 public:
  explicit ChunkQueue(std::size_t capacity) : capacity_(std::max<std::size_t>(1, capacity)) {}

  // Blocks while full; false once the consumer cancelled.
  bool push(emu::Chunk&& c) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return cancelled_ || q_.size() < capacity_; });
    if (cancelled_) return false;
    q_.push_back(std::move(c));
    not_empty_.notify_one();
    return true;
  }
  // Blocks while empty; nullopt once closed and drained.
  std::optional<emu::Chunk> pop() {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return closed_ || !q_.empty(); });
    if (q_.empty()) return std::nullopt;
    emu::Chunk c = std::move(q_.front());
    q_.pop_front();
    not_full_.notify_one();
    return c;
  }
  void close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }
  void cancel() {
    std::lock_guard lock(mu_);
    cancelled_ = true;
    not_full_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<emu::Chunk> q_;
  std::size_t capacity_;
  bool closed_ = false, cancelled_ = false;
};

class QueueSink final : public emu::ChunkSink {
 public:
  explicit QueueSink(ChunkQueue& q) : q_(q) {}
  Status on_chunk(emu::Chunk&& chunk) override {
    if (!q_.push(std::move(chunk))) {
      return Status(ErrorCode::kInternal, "execution stopped: the proving pipeline failed");
    }
    return Status::ok();
  }

 private:
  ChunkQueue& q_;
};

constexpr zisk::Machine kRecordedMachines[] = {zisk::Machine::kBinary, zisk::Machine::kBinaryAdd,
                                               zisk::Machine::kBinaryExtension,
                                               zisk::Machine::kArith, zisk::Machine::kFcall};

// Main's DMA steps into DMA records; the first refused step is kept.
class DmaVisitor final : public emu::StepVisitor {
 public:
  explicit DmaVisitor(sm::DmaRecords& out) : out_(out) {}
  void on_step(const emu::StepRecord& step) override {
    if (!status_.is_ok()) return;
    status_ = sm::dma_records_from_step(step, out_);
  }
  const Status& status() const { return status_; }

 private:
  sm::DmaRecords& out_;
  Status status_;
};

// Main's keccakf steps into KeccakF records; the first refused step is kept.
class KeccakfVisitor final : public emu::StepVisitor {
 public:
  explicit KeccakfVisitor(std::vector<sm::KeccakfRecord>& out) : out_(out) {}
  void on_step(const emu::StepRecord& step) override {
    if (!status_.is_ok()) return;
    status_ = sm::keccakf_record_from_step(step, out_);
  }
  const Status& status() const { return status_; }

 private:
  std::vector<sm::KeccakfRecord>& out_;
  Status status_;
};

// Main's sha256 steps into Sha256F records; the first refused step is kept.
class Sha256fVisitor final : public emu::StepVisitor {
 public:
  explicit Sha256fVisitor(std::vector<sm::Sha256fRecord>& out) : out_(out) {}
  void on_step(const emu::StepRecord& step) override {
    if (!status_.is_ok()) return;
    status_ = sm::sha256f_record_from_step(step, out_);
  }
  const Status& status() const { return status_; }

 private:
  std::vector<sm::Sha256fRecord>& out_;
  Status status_;
};

// Main's arith256 and arith256_mod steps into Arith256 / Arith256Mod records; the first refused
// step is kept. The other ops of the ArithEq machine (the curve ops) are left to Main's
// unprovable refusal.
class Arith256Visitor final : public emu::StepVisitor {
 public:
  Arith256Visitor(std::vector<sm::Arith256Record>& out, std::vector<sm::Arith256ModRecord>& mod)
      : out_(out), mod_(mod) {}
  void on_step(const emu::StepRecord& step) override {
    if (!status_.is_ok()) return;
    if (step.inst->op == zisk::Op::kArith256) status_ = sm::arith256_record_from_step(step, out_);
    if (step.inst->op == zisk::Op::kArith256Mod) {
      status_ = sm::arith256_mod_record_from_step(step, mod_);
    }
  }
  const Status& status() const { return status_; }

 private:
  std::vector<sm::Arith256Record>& out_;
  std::vector<sm::Arith256ModRecord>& mod_;
  Status status_;
};

}  // namespace

MainStage::MainStage(const zisk::Rom& rom, const sm::MainProgram& program,
                     std::span<const std::uint8_t> input, const MainStageOptions& options)
    : rom_(rom),
      program_(program),
      input_(input),
      options_(options),
      replayer_(std::make_unique<emu::Replayer>(rom)),
      rom_counts_(rom.size()) {
  const std::uint64_t n = std::uint64_t{1} << options.log_height;
  const unsigned c = options.chunk_log2;
  const std::uint64_t steps = std::max<std::uint64_t>(options.steps, 1);
  for (std::uint64_t f = 0; f < steps; f += n) {
    Instance in;
    in.first_step = f;
    in.log_height = options.log_height;
    const std::uint64_t left = steps - f;
    while (in.log_height > sm::kMainMinLogHeight &&
           (std::uint64_t{1} << (in.log_height - 1)) >= left) {
      --in.log_height;
    }
    in.log_height = std::max<unsigned>(in.log_height, stark::kMinLogHeight);
    const std::uint64_t end = std::min(f + (std::uint64_t{1} << in.log_height), steps);
    in.chunk_lo = static_cast<std::size_t>(f >> c);
    in.chunk_hi = static_cast<std::size_t>((end - 1) >> c);
    instances_.push_back(in);
  }
  for (std::size_t k = 0; k < instances_.size(); ++k) {
    const Instance& in = instances_[k];
    if (!groups_.empty() && in.chunk_lo <= groups_.back().chunk_hi) {
      Group& g = groups_.back();
      ++g.count;
      g.chunk_hi = std::max(g.chunk_hi, in.chunk_hi);
    } else {
      groups_.push_back({.first = k, .count = 1, .chunk_lo = in.chunk_lo, .chunk_hi = in.chunk_hi});
    }
  }
}

MainStage::~MainStage() = default;

Status MainStage::build_group(const Group& g, const std::function<Status(Job&&)>& on_instance) {
  MainRecords& rec = group_records_.emplace_back();
  sm::MainSinks sinks;
  for (zisk::Machine m : kRecordedMachines) sinks.set_ops(m, &rec.ops[static_cast<std::size_t>(m)]);
  sinks.mem = &rec.mem;
  sinks.mem_align = &rec.mem_align;
  sinks.rom_counts = &rom_counts_;
  DmaVisitor dma(rec.dma);
  sinks.set_steps(zisk::Machine::kDma, &dma);
  KeccakfVisitor keccakf(rec.keccakf);
  sinks.set_steps(zisk::Machine::kKeccakf, &keccakf);
  Sha256fVisitor sha256f(rec.sha256f);
  sinks.set_steps(zisk::Machine::kSha256f, &sha256f);
  Arith256Visitor arith256(rec.arith256, rec.arith256_mod);
  sinks.set_steps(zisk::Machine::kArithEq, &arith256);
  std::vector<std::unique_ptr<sm::MainInstanceBuilder>> owned;
  std::vector<sm::MainInstanceBuilder*> builders;
  for (std::size_t k = g.first; k < g.first + g.count; ++k) {
    owned.push_back(std::make_unique<sm::MainInstanceBuilder>(program_, instances_[k].first_step,
                                                              instances_[k].log_height, sinks));
    builders.push_back(owned.back().get());
  }
  for (std::size_t ch = g.chunk_lo; ch <= g.chunk_hi; ++ch) {
    ZISKC_RETURN_IF_ERROR(sm::replay_main(*replayer_, chunks_[ch], builders));
  }
  ZISKC_RETURN_IF_ERROR(dma.status());
  ZISKC_RETURN_IF_ERROR(keccakf.status());
  ZISKC_RETURN_IF_ERROR(sha256f.status());
  ZISKC_RETURN_IF_ERROR(arith256.status());
  for (std::size_t i = 0; i < builders.size(); ++i) {
    const std::size_t k = g.first + i;
    ZISKC_ASSIGN_OR_RETURN(sm::MainInstance inst, builders[i]->finish());
    Job job;
    job.air = verifier::AirKind::kMain;
    job.index = k;
    job.log_height = instances_[k].log_height;
    job.instance_values = std::move(inst.instance_values);
    job.records = inst.steps;
    job.first_step = inst.first_step;
    auto trace = std::make_shared<std::optional<poly::RowMajorMatrix>>(std::move(inst.trace));
    job.build = [this, k, trace](bool first) -> Result<poly::RowMajorMatrix> {
      if (first && trace->has_value()) {
        poly::RowMajorMatrix m = std::move(**trace);
        trace->reset();
        return m;
      }
      return regenerate(k);
    };
    ZISKC_RETURN_IF_ERROR(on_instance(std::move(job)));
  }
  return Status::ok();
}

Result<poly::RowMajorMatrix> MainStage::regenerate(std::size_t k) const {
  const Instance& in = instances_[k];
  sm::MainInstanceBuilder b(program_, in.first_step, in.log_height, sm::MainSinks{});
  sm::MainInstanceBuilder* ptr = &b;
  for (std::size_t ch = in.chunk_lo; ch <= in.chunk_hi; ++ch) {
    ZISKC_RETURN_IF_ERROR(sm::replay_main(*replayer_, chunks_[ch], {&ptr, 1}));
  }
  ZISKC_ASSIGN_OR_RETURN(sm::MainInstance inst, b.finish());
  return std::move(inst.trace);
}

Status MainStage::run(const std::function<Status(Job&&)>& on_instance,
                      const std::function<void(std::uint64_t)>& on_progress) {
  ChunkQueue queue(options_.queue_chunks);
  QueueSink sink(queue);
  Result<emu::RunResult> result = Status(ErrorCode::kInternal, "the emulator did not run");
  std::thread emulator([&] {
    emu::RunOptions ro;
    ro.max_steps = options_.max_steps;
    result = emu::run_trace(rom_, input_, ro, options_.chunk_log2, sink);
    queue.close();
  });
  Status failed;
  std::size_t next = 0;
  std::uint64_t emulated = 0;
  while (std::optional<emu::Chunk> c = queue.pop()) {
    if (!failed.is_ok()) continue;  // drain until the emulator stops
    emulated += c->steps;
    chunks_.push_back(std::move(*c));
    if (on_progress) on_progress(emulated);
    if (Status st = build_ready(next, on_instance); !st.is_ok()) {
      failed = st;
      queue.cancel();
    }
  }
  emulator.join();
  if (!failed.is_ok()) return failed;
  if (!result) return result.status();
  run_result_ = std::move(result).value();
  if (run_result_.exit.kind != emu::ExitKind::kEnd || run_result_.steps != options_.steps) {
    return make_error(ErrorCode::kInternal,
                      "the trace run ended differently from the pre-run ({} steps, {} expected)",
                      run_result_.steps, options_.steps);
  }
  if (next != groups_.size()) {
    return make_error(ErrorCode::kInternal, "{} Main instances were never completed",
                      groups_.size() - next);
  }
  return Status::ok();
}

Status MainStage::build_ready(std::size_t& next, const std::function<Status(Job&&)>& on_instance) {
  while (next < groups_.size() && groups_[next].chunk_hi < chunks_.size()) {
    ZISKC_RETURN_IF_ERROR(build_group(groups_[next], on_instance));
    ++next;
  }
  return Status::ok();
}

namespace {
class CollectSink final : public emu::ChunkSink {
 public:
  explicit CollectSink(std::vector<emu::Chunk>& out) : out_(out) {}
  Status on_chunk(emu::Chunk&& chunk) override {
    out_.push_back(std::move(chunk));
    return Status::ok();
  }

 private:
  std::vector<emu::Chunk>& out_;
};
}  // namespace

Result<std::vector<emu::Chunk>> MainStage::trace_run(const zisk::Rom& rom,
                                                     std::span<const std::uint8_t> input,
                                                     const MainStageOptions& options) {
  std::vector<emu::Chunk> chunks;
  CollectSink sink(chunks);
  emu::RunOptions ro;
  ro.max_steps = options.max_steps;
  ZISKC_ASSIGN_OR_RETURN(emu::RunResult r,
                         emu::run_trace(rom, input, ro, options.chunk_log2, sink));
  if (r.exit.kind != emu::ExitKind::kEnd || r.steps != options.steps) {
    return make_error(ErrorCode::kInternal,
                      "the trace run ended differently from the pre-run ({} steps, {} expected)",
                      r.steps, options.steps);
  }
  return chunks;
}

Status MainStage::run_chunks(std::vector<emu::Chunk> chunks,
                             const std::function<Status(Job&&)>& on_instance,
                             const std::function<void(std::uint64_t)>& on_progress) {
  const std::size_t expected = groups_.empty() ? 0 : groups_.back().chunk_hi + 1;
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    if (chunks[i].start.step != total) {
      return make_error(ErrorCode::kInternal, "chunk {} starts at step {}, expected {}", i,
                        chunks[i].start.step, total);
    }
    total += chunks[i].steps;
  }
  if (chunks.size() != expected || total != options_.steps) {
    return make_error(ErrorCode::kInternal,
                      "{} chunks of {} steps in total; the run needs {} chunks of {} steps",
                      chunks.size(), total, expected, options_.steps);
  }
  chunks_ = std::move(chunks);
  if (on_progress) on_progress(total);
  std::size_t next = 0;
  ZISKC_RETURN_IF_ERROR(build_ready(next, on_instance));
  if (next != groups_.size()) {
    return make_error(ErrorCode::kInternal, "{} Main instances were never completed",
                      groups_.size() - next);
  }
  run_result_ = {};
  run_result_.exit.kind = emu::ExitKind::kEnd;
  run_result_.steps = total;
  return Status::ok();
}

MainRecords MainStage::take_records() {
  MainRecords out;
  std::size_t nmem = 0, nalign = 0, ncopy = 0, ncmp = 0, naligned = 0, nkeccakf = 0, nsha256f = 0,
              narith256 = 0, narith256_mod = 0;
  std::array<std::size_t, static_cast<std::size_t>(zisk::Machine::kCount)> nops{};
  for (const MainRecords& g : group_records_) {
    nmem += g.mem.size();
    nalign += g.mem_align.size();
    ncopy += g.dma.copy.size();
    ncmp += g.dma.cmp.size();
    naligned += g.dma.aligned.size();
    nkeccakf += g.keccakf.size();
    nsha256f += g.sha256f.size();
    narith256 += g.arith256.size();
    narith256_mod += g.arith256_mod.size();
    for (std::size_t m = 0; m < nops.size(); ++m) nops[m] += g.ops[m].size();
  }
  out.mem.reserve(nmem);
  out.mem_align.reserve(nalign);
  out.dma.copy.reserve(ncopy);
  out.dma.cmp.reserve(ncmp);
  out.dma.aligned.reserve(naligned);
  out.keccakf.reserve(nkeccakf);
  out.sha256f.reserve(nsha256f);
  out.arith256.reserve(narith256);
  out.arith256_mod.reserve(narith256_mod);
  for (std::size_t m = 0; m < nops.size(); ++m) out.ops[m].reserve(nops[m]);
  for (MainRecords& g : group_records_) {
    out.mem.insert(out.mem.end(), g.mem.begin(), g.mem.end());
    out.mem_align.insert(out.mem_align.end(), g.mem_align.begin(), g.mem_align.end());
    for (auto [to, from] : {std::pair{&out.dma.copy, &g.dma.copy},
                            {&out.dma.cmp, &g.dma.cmp},
                            {&out.dma.aligned, &g.dma.aligned}}) {
      std::move(from->begin(), from->end(), std::back_inserter(*to));
    }
    out.keccakf.insert(out.keccakf.end(), g.keccakf.begin(), g.keccakf.end());
    out.sha256f.insert(out.sha256f.end(), g.sha256f.begin(), g.sha256f.end());
    out.arith256.insert(out.arith256.end(), g.arith256.begin(), g.arith256.end());
    out.arith256_mod.insert(out.arith256_mod.end(), g.arith256_mod.begin(), g.arith256_mod.end());
    for (std::size_t m = 0; m < nops.size(); ++m) {
      out.ops[m].insert(out.ops[m].end(), g.ops[m].begin(), g.ops[m].end());
    }
    g = MainRecords{};
  }
  group_records_.clear();
  return out;
}

}  // namespace ziskc::prover
