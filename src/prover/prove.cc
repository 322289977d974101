// ziskc::prove and ziskc::rom_setup (prove.h): the orchestration of the pipeline.
#include "prover/prove.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <ctime>
#include <memory>

#include "emu/emulator.h"
#include "emu/execute.h"
#include "prover/job.h"
#include "prover/keys.h"
#include "prover/load.h"
#include "prover/machines.h"
#include "prover/main_stage.h"
#include "prover/plan.h"
#include "riscv/decoder.h"
#include "sm/main/main.h"
#include "sm/rom/encoding.h"
#include "stark/prover.h"
#include "stark/row_checker.h"
#include "verifier/proof_file.h"

namespace ziskc {
namespace {

using prover::Job;
using verifier::AirKind;

double cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

class PhaseTimer {
 public:
  explicit PhaseTimer(PhaseSeconds& sink)
      : sink_(&sink), wall_(std::chrono::steady_clock::now()), cpu_(cpu_now()) {}
  ~PhaseTimer() { stop(); }
  void stop() {
    if (sink_ == nullptr) return;
    sink_->wall += std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_).count();
    sink_->cpu += cpu_now() - cpu_;
    sink_ = nullptr;
  }

 private:
  PhaseSeconds* sink_;
  std::chrono::steady_clock::time_point wall_;
  double cpu_;
};

void add(PhaseSeconds& to, const stark::PhaseTime& t) {
  to.wall += t.wall;
  to.cpu += t.cpu;
}

std::uint64_t peak_rss_bytes() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<std::uint64_t>(ru.ru_maxrss) * 1024;
}

// "step 17, pc 0x80000010 (addi a0, a0, 1)" for a row of a Main trace.
std::string describe_main_row(const zisk::Rom& rom, const poly::RowMajorMatrix& trace,
                              std::size_t row, std::uint64_t first_step) {
  const std::uint64_t pc_main = trace.at(row, 0).value();
  const bool internal = pc_main >= sm::kInternalPcShift && pc_main < sm::kNoPc;
  const std::uint64_t pc = internal ? pc_main - sm::kInternalPcShift : pc_main;
  std::string what;
  if (std::optional<std::uint32_t> i = rom.find(pc)) {
    const zisk::ZiskInst& z = rom.inst(*i);
    if (const zisk::RiscvSource* s = rom.source_of(z)) {
      what = fmt::format(" ({}{})", riscv::disassemble(s->insn, s->pc),
                         internal ? ", internal step" : "");
    } else {
      what = fmt::format(" (BIOS: {})", zisk::to_string(z));
    }
  }
  return fmt::format("step {}, pc 0x{:x}{}", first_step + row, pc, what);
}

std::uint64_t stage1_bytes(std::size_t rows, std::size_t cols, unsigned log_blowup) {
  const std::uint64_t cells = std::uint64_t{rows} * cols;
  // trace + LDE + leaves (narrow matrices) + tree (about a third of a digest per LDE row).
  return 8 * cells * (1 + 2 * (std::uint64_t{1} << log_blowup)) + (32 * rows << log_blowup) / 3;
}

class Pipeline {
 public:
  explicit Pipeline(const ProveOptions& o) : o_(o) {}
  Result<ProveResult> run();

 private:
  struct Entry {
    Job job;
    stark::InstanceSpec spec;
    stark::Stage1 stage1;
    bool built = false;
  };
  void progress(const char* phase, std::uint64_t done, std::uint64_t total) const {
    if (o_.progress) o_.progress({.phase = phase, .done = done, .total = total});
  }
  bool tampering() const { return o_.test_hooks.trace || o_.test_hooks.instance_values; }
  Status commit(Job job);
  Result<poly::RowMajorMatrix> witness(Entry& e);
  Status check_trace(const Entry& e, const poly::RowMajorMatrix& trace);

  const ProveOptions& o_;
  std::unique_ptr<prover::LoadedProgram> program_;
  const zisk::Rom* rom_ = nullptr;
  prover::ProgramKeys keys_;
  std::vector<stark::Fe> public_values_;
  std::array<std::vector<std::unique_ptr<Entry>>, verifier::kNumAirs> entries_;
  std::unique_ptr<prover::MainStage> main_;
  stark::ProverTimings timings_;
  std::uint64_t kept_bytes_ = 0;
  std::size_t committed_ = 0, planned_ = 0;
  std::unique_ptr<stark::BusDebugger> bus_;
  ProveStats stats_;
};

Status Pipeline::check_trace(const Entry& e, const poly::RowMajorMatrix& trace) {
  const stark::Air& air = *keys_.pk.airs[verifier::air_id(e.job.air)];
  const stark::CommittedTrace* fixed = keys_.pk.find_fixed(e.spec.air_id, e.spec.log_height);
  const poly::RowMajorMatrix* fm = fixed != nullptr ? &fixed->trace : nullptr;
  ZISKC_ASSIGN_OR_RETURN(std::optional<stark::ConstraintFailure> f,
                         stark::find_constraint_failure(air, e.job.index, trace, fm, public_values_,
                                                        e.spec.instance_values));
  if (f.has_value()) {
    std::string where;
    if (e.job.air == AirKind::kMain) {
      where = ", " + describe_main_row(*rom_, trace, f->row, e.job.first_step);
    }
    return make_error(ErrorCode::kInternal, "check-constraints: {}{}", f->to_string(), where);
  }
  return bus_->add_instance(air, e.job.index, trace, fm, public_values_, e.spec.instance_values);
}

Result<poly::RowMajorMatrix> Pipeline::witness(Entry& e) {
  const bool first = !e.built;
  e.built = true;
  if (!first) ++stats_.regenerated;
  ZISKC_ASSIGN_OR_RETURN(poly::RowMajorMatrix trace, e.job.build(first));
  if (o_.test_hooks.trace) o_.test_hooks.trace(e.job.air, e.job.index, trace);
  if (first && o_.check_constraints) ZISKC_RETURN_IF_ERROR(check_trace(e, trace));
  return trace;
}

Status Pipeline::commit(Job job) {
  auto owned = std::make_unique<Entry>();
  Entry& e = *owned;
  e.job = std::move(job);
  if (o_.test_hooks.instance_values) {
    o_.test_hooks.instance_values(e.job.air, e.job.index, e.job.instance_values);
  }
  const std::uint32_t id = verifier::air_id(e.job.air);
  e.spec.air_id = id;
  e.spec.log_height = e.job.log_height;
  e.spec.instance_values = e.job.instance_values;
  e.spec.witness = [this, &e] { return witness(e); };
  const std::uint64_t bytes =
      stage1_bytes(std::size_t{1} << e.job.log_height, keys_.pk.airs[id]->info().num_main,
                   keys_.pk.params.log_blowup);
  const bool keep = kept_bytes_ + bytes <= o_.keep_stage1_bytes;
  if (keep) kept_bytes_ += bytes;
  stark::ProverOptions po{.keep_stage1 = keep, .unchecked_for_tests = tampering()};
  Result<stark::Stage1> s1 = stark::commit_stage1(keys_.pk, e.spec, public_values_, po, &timings_);
  if (!s1) {
    return s1.status().within(
        fmt::format("{} instance {}", keys_.pk.airs[id]->info().name, e.job.index));
  }
  e.stage1 = std::move(s1).value();
  AirStats& as = stats_.airs[id];
  ++as.instances;
  as.rows += std::uint64_t{1} << e.job.log_height;
  as.records += e.job.records;
  entries_[id].push_back(std::move(owned));
  progress("commit", ++committed_, planned_);
  return Status::ok();
}

Result<ProveResult> Pipeline::run() {
  PhaseTimer total(stats_.total);
  // Setup: the program, its keys, the input.
  PhaseTimer setup(stats_.setup);
  if (o_.rom == nullptr) {
    ZISKC_ASSIGN_OR_RETURN(prover::LoadedProgram loaded,
                           prover::load_program(o_.elf_path, o_.elf, o_.layout));
    program_ = std::make_unique<prover::LoadedProgram>(std::move(loaded));
    rom_ = &program_->rom;
  } else {
    rom_ = o_.rom;
  }
  const zisk::Rom& rom = *rom_;
  ZISKC_ASSIGN_OR_RETURN(
      std::vector<std::uint8_t> input,
      prover::load_input(rom.layout(), o_.input_path, o_.input, o_.legacy_inputs));
  prover::KeyOptions ko{.params = o_.params.num_queries == 0 ? prover::default_params() : o_.params,
                        .cache_dir = o_.cache_dir,
                        .use_cache = o_.use_cache};
  prover::KeyStats ks;
  ZISKC_ASSIGN_OR_RETURN(keys_, prover::make_keys(rom, ko, &ks));
  stats_.tables_from_cache = ks.tables_from_cache;
  stats_.tables_committed = ks.tables_committed;
  ZISKC_ASSIGN_OR_RETURN(sm::MainProgram main_program, sm::MainProgram::make(rom));
  setup.stop();

  // Pre-run: refuse what cannot be proven before any proving work.
  PhaseTimer exec(stats_.execute);
  emu::RunOptions ro;
  ro.max_steps = o_.max_steps;
  ro.stats = true;
  ZISKC_ASSIGN_OR_RETURN(emu::RunResult pre, emu::run(rom, input, ro));
  if (pre.exit.kind != emu::ExitKind::kEnd) {
    const ErrorCode code = pre.exit.kind == emu::ExitKind::kUnsupported ? ErrorCode::kUnsupported
                                                                        : ErrorCode::kGuestFault;
    return Status(code, "guest fault: " + describe_exit(rom, pre) + " (nothing to prove)");
  }
  ZISKC_RETURN_IF_ERROR(sm::check_provable(rom, pre.stats->inst_counts));
  exec.stop();
  const std::array<std::uint32_t, 64> outputs = emu::public_outputs(pre);
  public_values_ = verifier::public_values(outputs, keys_.vk_digest, pre.steps);
  stats_.steps = pre.steps;

  // Heights.
  std::array<unsigned, verifier::kNumAirs> max_h{};
  for (std::size_t a = 0; a < verifier::kNumAirs; ++a) {
    unsigned h = o_.max_log_height[a] != 0 ? o_.max_log_height[a] : kDefaultMaxLogHeight;
    max_h[a] = std::clamp<unsigned>(h, stark::kMinLogHeight, stark::kMaxLogHeight);
  }
  const unsigned main_h =
      std::min<unsigned>(max_h[verifier::air_id(AirKind::kMain)], sm::kMainMaxLogHeight);
  const unsigned chunk_log2 =
      o_.chunk_log2 != 0 ? o_.chunk_log2 : std::min<unsigned>(emu::kDefaultChunkLog2, main_h);
  if (o_.check_constraints) bus_ = std::make_unique<stark::BusDebugger>();

  // Execution and Main, overlapped: Main instances are committed as their chunks arrive.
  main_ = std::make_unique<prover::MainStage>(
      rom, main_program, input,
      prover::MainStageOptions{
          .max_steps = o_.max_steps,
          .steps = pre.steps,
          .log_height = main_h,
          .chunk_log2 = chunk_log2,
          .queue_chunks = std::size_t{4} << (main_h > chunk_log2 ? main_h - chunk_log2 : 0)});
  planned_ = main_->num_instances();
  {
    PhaseTimer te(stats_.execute);
    ZISKC_RETURN_IF_ERROR(
        main_->run([this](Job&& j) { return commit(std::move(j)); },
                   [this, &pre](std::uint64_t done) { progress("execute", done, pre.steps); }));
  }

  // The other machines.
  prover::TableSet tables;
  std::unique_ptr<prover::Plan> plan;
  std::vector<Job> jobs;
  {
    PhaseTimer tw(stats_.witness);
    ZISKC_ASSIGN_OR_RETURN(plan, prover::Plan::make(keys_.vk.statement, main_->take_records(),
                                                    {.max_log_height = max_h}, tables));
    jobs = plan->machine_jobs();
  }
  planned_ += jobs.size() + 1 + prover::table_defs().size();
  for (Job& j : jobs) ZISKC_RETURN_IF_ERROR(commit(std::move(j)));
  for (Job& j : plan->final_jobs(main_->rom_counts(), keys_.vk.statement.rom_log_height)) {
    ZISKC_RETURN_IF_ERROR(commit(std::move(j)));
  }

  // Canonical order, global challenges.
  std::vector<Entry*> order;
  for (auto& per_air : entries_) {
    for (auto& e : per_air) order.push_back(e.get());
  }
  stats_.instances = order.size();
  const std::vector<stark::DirectTerm> terms = verifier::direct_terms(keys_.vk.statement, outputs);
  if (bus_) {
    for (const stark::DirectTerm& t : terms) bus_->add_direct(t);
    if (!bus_->unbalanced().empty()) {
      return make_error(ErrorCode::kInternal, "check-constraints: the buses do not balance:\n{}",
                        bus_->report());
    }
  }
  std::vector<stark::InstanceHeader> headers;
  for (Entry* e : order) headers.push_back(e->stage1.header);
  const stark::GlobalChallenges g =
      stark::derive_global_challenges(keys_.pk.params, keys_.pk.vk_digest, public_values_, headers);

  // Every instance's proof.
  stark::Proof proof;
  proof.params = keys_.pk.params;
  proof.vk_digest = keys_.pk.vk_digest;
  proof.public_values = public_values_;
  stark::Ext3 sum;
  const stark::ProverOptions po{.keep_stage1 = false, .unchecked_for_tests = tampering()};
  for (std::size_t i = 0; i < order.size(); ++i) {
    Entry& e = *order[i];
    Result<stark::InstanceProof> ip =
        stark::prove_instance_rest(keys_.pk, e.spec, i, e.stage1, g, public_values_, po, &timings_);
    if (!ip) {
      return ip.status().within(
          fmt::format("{} instance {}", keys_.pk.airs[e.spec.air_id]->info().name, e.job.index));
    }
    sum += ip->bus_sum;
    proof.instances.push_back(std::move(ip).value());
    e.stage1.main.reset();
    progress("prove", i + 1, order.size());
  }
  for (const stark::DirectTerm& t : terms) {
    ZISKC_ASSIGN_OR_RETURN(stark::Ext3 term, stark::logup_term(g.alpha, g.beta, t));
    sum += term;
  }
  if (!sum.is_zero() && !tampering()) {
    return make_error(ErrorCode::kInternal,
                      "the buses do not balance (prove with --check-constraints to list the "
                      "unbalanced messages)");
  }

  verifier::ProofFile file;
  file.vk = keys_.vk;
  file.steps = pre.steps;
  file.outputs = outputs;
  file.proof = std::move(proof);
  ProveResult r;
  r.proof = verifier::encode_proof_file(file);
  r.vk = keys_.vk;
  r.outputs = outputs;
  r.steps = pre.steps;
  add(stats_.witness, timings_.witness);
  stats_.commit.wall = timings_.stage1_lde.wall + timings_.stage1_merkle.wall;
  stats_.commit.cpu = timings_.stage1_lde.cpu + timings_.stage1_merkle.cpu;
  add(stats_.stage2, timings_.stage2);
  add(stats_.quotient, timings_.quotient);
  add(stats_.openings, timings_.openings);
  add(stats_.fri, timings_.fri);
  add(stats_.queries, timings_.queries);
  total.stop();
  stats_.proof_bytes = r.proof.size();
  stats_.peak_rss_bytes = peak_rss_bytes();
  r.stats = stats_;
  return r;
}

}  // namespace

Result<ProveResult> prove(const ProveOptions& options) { return Pipeline(options).run(); }

Result<SetupResult> rom_setup(const SetupOptions& o) {
  const auto t0 = std::chrono::steady_clock::now();
  ZISKC_ASSIGN_OR_RETURN(prover::LoadedProgram p,
                         prover::load_program(o.elf_path, o.elf, o.layout));
  prover::KeyOptions ko{.params = o.params.num_queries == 0 ? prover::default_params() : o.params,
                        .cache_dir = o.cache_dir,
                        .use_cache = o.use_cache};
  prover::KeyStats ks;
  ZISKC_ASSIGN_OR_RETURN(prover::ProgramKeys keys, prover::make_keys(p.rom, ko, &ks));
  SetupResult r;
  r.vk = std::move(keys.vk);
  r.vk_digest = keys.vk_digest;
  r.rom_instructions = p.rom.size();
  r.tables_from_cache = ks.tables_from_cache;
  r.tables_committed = ks.tables_committed;
  r.tables_rebuilt = ks.tables_rebuilt;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace ziskc
