// ziskc::prove and ziskc::rom_setup (prove.h): the orchestration of the pipeline.
#include "prover/prove.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <ctime>
#include <memory>
#include <optional>

#include "base/bytes.h"
#include "emu/emulator.h"
#include "emu/execute.h"
#include "prover/comm.h"
#include "prover/distribute.h"
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
using prover::RankBytes;
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

// The pipeline of one rank. A single process is a job of one rank (LocalCommunicator); in a
// distributed job (docs/DISTRIBUTED.md) every rank runs the same phases on the same inputs, so
// that every rank knows every instance, and ends each phase in one exchange (distribute.h):
//   setup     program, keys, input, pre-run            -> handshake (all_gather)
//   commit    every witness; stage 1 of its instances  -> stage-1 headers (all_gather)
//   prove     stage 2 .. FRI of its instances          -> instance proofs (gather to rank 0)
//   finish    rank 0: bus balance, the proof file      -> its status (broadcast)
// A phase that fails on a rank still ends in its exchange (no early return inside a phase),
// so every rank learns the error and stops.
class Pipeline {
 public:
  explicit Pipeline(const ProveOptions& o)
      : o_(o), comm_(o.comm != nullptr ? o.comm : &local_), assigner_(comm_->size()) {}
  Result<ProveResult> run();

 private:
  struct Entry {
    Job job;
    stark::InstanceSpec spec;
    stark::Stage1 stage1;
    bool built = false;
    int owner = 0;  // the rank proving it
  };
  void progress(const char* phase, std::uint64_t done, std::uint64_t total) const {
    if (o_.progress) o_.progress({.phase = phase, .done = done, .total = total});
  }
  bool tampering() const {
    return o_.test_hooks.trace || o_.test_hooks.instance_values || o_.test_hooks.stated_steps;
  }
  std::uint64_t cost(const Job& j) const {
    return prover::instance_cost(keys_.pk.shapes[verifier::air_id(j.air)], j.log_height);
  }
  bool root_execution() const { return o_.execution == Execution::kRoot && comm_->size() > 1; }
  // Non-owners build no trace of the instances they do not own (the table counts are summed
  // by an exchange instead) unless --check-constraints, which checks every instance on every
  // rank as before.
  bool replicate_witness() const { return o_.check_constraints; }
  bool exchange_tables() const { return comm_->size() > 1 && !replicate_witness(); }
  Status load(const prover::RootInputs* given);
  Status setup();
  void prepare_main();
  Status commit_machines(std::vector<emu::Chunk>* chunks);
  Status commit_final();
  void set_run(std::uint64_t steps,
               const std::array<std::uint32_t, verifier::kNumOutputs>& outputs);
  Status prove_mine(const stark::GlobalChallenges& g, stark::Proof& mine,
                    std::vector<std::uint32_t>& positions);
  Result<std::vector<std::uint8_t>> finish(const RankBytes& all, const stark::GlobalChallenges& g);
  // Runs one phase: an exception (std::bad_alloc above all) becomes its error, so that the
  // rank still reaches the phase's exchange; the ZISKC_TEST_MPI_DIE hook fires here.
  template <class F>
  Status guarded(const char* phase, F&& f, bool die_hook = true) {
    try {
      if (die_hook) prover::maybe_die_for_tests(*comm_, phase);
      return f();
    } catch (const std::bad_alloc&) {
      return make_error(ErrorCode::kInternal, "out of memory (phase {})", phase);
    } catch (const std::exception& e) {
      return make_error(ErrorCode::kInternal, "{} (phase {})", e.what(), phase);
    }
  }
  Status commit(Job job, int owner);
  Status commit_batch(std::vector<Job> jobs);
  Result<poly::RowMajorMatrix> witness(Entry& e);
  Status check_trace(const Entry& e, const poly::RowMajorMatrix& trace);

  const ProveOptions& o_;
  prover::LocalCommunicator local_;
  prover::Communicator* comm_;
  prover::Assigner assigner_;
  std::unique_ptr<prover::LoadedProgram> program_;
  const zisk::Rom* rom_ = nullptr;
  std::vector<std::uint8_t> elf_bytes_;  // for the handshake (when read from a file)
  std::vector<std::uint8_t> input_;
  std::array<unsigned, verifier::kNumAirs> max_h_{};
  unsigned chunk_log2_ = 0;
  prover::ProgramKeys keys_;
  std::optional<sm::MainProgram> main_program_;
  std::uint64_t steps_ = 0;
  std::uint64_t stated_steps_ = 0;  // steps_ unless a test hook forges it
  std::array<std::uint32_t, verifier::kNumOutputs> outputs_{};
  std::vector<stark::Fe> public_values_;
  std::array<std::vector<std::unique_ptr<Entry>>, verifier::kNumAirs> entries_;
  std::vector<Entry*> order_;  // canonical order
  std::vector<stark::DirectTerm> terms_;
  std::unique_ptr<prover::MainStage> main_;
  prover::TableSet tables_;
  std::unique_ptr<prover::Plan> plan_;
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

Status Pipeline::commit(Job job, int owner) {
  auto owned = std::make_unique<Entry>();
  Entry& e = *owned;
  e.job = std::move(job);
  e.owner = owner;
  if (o_.test_hooks.instance_values) {
    o_.test_hooks.instance_values(e.job.air, e.job.index, e.job.instance_values);
  }
  const std::uint32_t id = verifier::air_id(e.job.air);
  e.spec.air_id = id;
  e.spec.log_height = e.job.log_height;
  e.spec.instance_values = e.job.instance_values;
  e.spec.witness = [this, &e] { return witness(e); };
  if (owner == comm_->rank()) {
    const std::uint64_t bytes =
        stage1_bytes(std::size_t{1} << e.job.log_height, keys_.pk.airs[id]->info().num_main,
                     keys_.pk.params.log_blowup);
    const bool keep = kept_bytes_ + bytes <= o_.keep_stage1_bytes;
    if (keep) kept_bytes_ += bytes;
    stark::ProverOptions po{.keep_stage1 = keep, .unchecked_for_tests = tampering()};
    Result<stark::Stage1> s1 =
        stark::commit_stage1(keys_.pk, e.spec, public_values_, po, &timings_);
    if (!s1) {
      return s1.status().within(
          fmt::format("{} instance {}", keys_.pk.airs[id]->info().name, e.job.index));
    }
    e.stage1 = std::move(s1).value();
  } else if (!replicate_witness()) {
    // Another rank proves it (and counts its table lookups): nothing to build here. Main's
    // trace was built with its records (MainStage): drop it.
    if (e.job.air == AirKind::kMain) e.job.build = nullptr;
  } else {
    // --check-constraints: every rank builds every trace once and checks it.
    PhaseTimer tw(stats_.witness);
    Result<poly::RowMajorMatrix> t = witness(e);
    if (!t) {
      return t.status().within(
          fmt::format("{} instance {}", keys_.pk.airs[id]->info().name, e.job.index));
    }
  }
  AirStats& as = stats_.airs[id];
  ++as.instances;
  as.rows += std::uint64_t{1} << e.job.log_height;
  as.records += e.job.records;
  entries_[id].push_back(std::move(owned));
  progress("commit", ++committed_, planned_);
  return Status::ok();
}

Status Pipeline::commit_batch(std::vector<Job> jobs) {
  std::vector<std::uint64_t> costs;
  for (const Job& j : jobs) costs.push_back(cost(j));
  const std::vector<int> owners = assigner_.assign_batch(costs);
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    ZISKC_RETURN_IF_ERROR(commit(std::move(jobs[i]), owners[i]));
  }
  return Status::ok();
}

// The program and the input: from the options, or (root execution, ranks > 0) from rank 0.
Status Pipeline::load(const prover::RootInputs* given) {
  PhaseTimer setup(stats_.setup);
  if (given != nullptr) {
    if (given->has_elf) {
      ZISKC_ASSIGN_OR_RETURN(prover::LoadedProgram loaded,
                             prover::load_program("", given->elf, given->layout));
      program_ = std::make_unique<prover::LoadedProgram>(std::move(loaded));
      rom_ = &program_->rom;
      elf_bytes_ = given->elf;
    } else if (o_.rom != nullptr) {
      rom_ = o_.rom;
    } else {
      return Status(ErrorCode::kInvalidArgument,
                    "root execution: rank 0 proves a transpiled program (ProveOptions::rom) and "
                    "sends no ELF; every rank must then give ProveOptions::rom");
    }
    input_ = given->input;
    return Status::ok();
  }
  if (o_.rom == nullptr) {
    ZISKC_ASSIGN_OR_RETURN(prover::LoadedProgram loaded,
                           prover::load_program(o_.elf_path, o_.elf, o_.layout));
    program_ = std::make_unique<prover::LoadedProgram>(std::move(loaded));
    rom_ = &program_->rom;
    if (comm_->size() > 1) {
      if (!o_.elf.empty()) {
        elf_bytes_ = o_.elf;
      } else {
        ZISKC_ASSIGN_OR_RETURN(elf_bytes_, base::read_file(o_.elf_path));
      }
    }
  } else {
    rom_ = o_.rom;
  }
  ZISKC_ASSIGN_OR_RETURN(
      input_, prover::load_input(rom_->layout(), o_.input_path, o_.input, o_.legacy_inputs));
  return Status::ok();
}

// Keys and the pre-run (in root execution only rank 0 runs it; the others get its outcome).
Status Pipeline::setup() {
  PhaseTimer setup(stats_.setup);
  const zisk::Rom& rom = *rom_;
  prover::KeyOptions ko{.params = o_.params.num_queries == 0 ? prover::default_params() : o_.params,
                        .cache_dir = o_.cache_dir,
                        .use_cache = o_.use_cache};
  prover::KeyStats ks;
  ZISKC_ASSIGN_OR_RETURN(keys_, prover::make_keys(rom, ko, &ks));
  stats_.tables_from_cache = ks.tables_from_cache;
  stats_.tables_committed = ks.tables_committed;
  ZISKC_ASSIGN_OR_RETURN(sm::MainProgram main_program, sm::MainProgram::make(rom));
  main_program_.emplace(std::move(main_program));
  setup.stop();
  if (root_execution() && !comm_->is_root()) return Status::ok();

  // Pre-run: refuse what cannot be proven before any proving work.
  PhaseTimer exec(stats_.execute);
  emu::RunOptions ro;
  ro.max_steps = o_.max_steps;
  ro.stats = true;
  ZISKC_ASSIGN_OR_RETURN(emu::RunResult pre, emu::run(rom, input_, ro));
  if (pre.exit.kind != emu::ExitKind::kEnd) {
    const ErrorCode code = pre.exit.kind == emu::ExitKind::kUnsupported ? ErrorCode::kUnsupported
                                                                        : ErrorCode::kGuestFault;
    return Status(code, "guest fault: " + describe_exit(rom, pre) + " (nothing to prove)");
  }
  ZISKC_RETURN_IF_ERROR(sm::check_provable(rom, pre.stats->inst_counts));
  exec.stop();
  set_run(pre.steps, emu::public_outputs(pre));
  return Status::ok();
}

void Pipeline::set_run(std::uint64_t steps,
                       const std::array<std::uint32_t, verifier::kNumOutputs>& outputs) {
  outputs_ = outputs;
  steps_ = steps;
  stated_steps_ = steps;
  if (o_.test_hooks.stated_steps) o_.test_hooks.stated_steps(stated_steps_);
  public_values_ = verifier::public_values(outputs_, keys_.vk_digest, stated_steps_);
  stats_.steps = steps;
}

// Heights, the chunk size and the Main stage.
void Pipeline::prepare_main() {
  for (std::size_t a = 0; a < verifier::kNumAirs; ++a) {
    unsigned h = o_.max_log_height[a] != 0 ? o_.max_log_height[a] : kDefaultMaxLogHeight;
    max_h_[a] = std::clamp<unsigned>(h, stark::kMinLogHeight, stark::kMaxLogHeight);
  }
  const unsigned main_h =
      std::min<unsigned>(max_h_[verifier::air_id(AirKind::kMain)], sm::kMainMaxLogHeight);
  chunk_log2_ =
      o_.chunk_log2 != 0 ? o_.chunk_log2 : std::min<unsigned>(emu::kDefaultChunkLog2, main_h);
  if (o_.check_constraints) bus_ = std::make_unique<stark::BusDebugger>();
  main_ = std::make_unique<prover::MainStage>(
      *rom_, *main_program_, input_,
      prover::MainStageOptions{
          .max_steps = o_.max_steps,
          .steps = steps_,
          .log_height = main_h,
          .chunk_log2 = chunk_log2_,
          .queue_chunks = std::size_t{4} << (main_h > chunk_log2_ ? main_h - chunk_log2_ : 0)});
  planned_ = main_->num_instances();
}

// Main (from the emulator, or from `chunks` in root execution) and the planned machines.
Status Pipeline::commit_machines(std::vector<emu::Chunk>* chunks) {
  // Main instances are committed as their chunks arrive (each to the least loaded rank, in step
  // order); with the emulator on its own thread, execution and Main overlap.
  {
    PhaseTimer te(stats_.execute);
    auto on_instance = [this](Job&& j) {
      const int owner = assigner_.assign(cost(j));
      return commit(std::move(j), owner);
    };
    auto on_progress = [this](std::uint64_t done) { progress("execute", done, steps_); };
    ZISKC_RETURN_IF_ERROR(chunks != nullptr
                              ? main_->run_chunks(std::move(*chunks), on_instance, on_progress)
                              : main_->run(on_instance, on_progress));
  }

  // The other machines.
  std::vector<Job> jobs;
  {
    PhaseTimer tw(stats_.witness);
    ZISKC_ASSIGN_OR_RETURN(plan_, prover::Plan::make(keys_.vk.statement, main_->take_records(),
                                                     {.max_log_height = max_h_}, tables_));
    jobs = plan_->machine_jobs();
  }
  planned_ += jobs.size() + 1 + prover::table_defs().size();
  return commit_batch(std::move(jobs));
}

// The ROM and the tables (after every other instance's first build and, in a distributed job,
// the table-count exchange), then the canonical order.
Status Pipeline::commit_final() {
  ZISKC_RETURN_IF_ERROR(
      commit_batch(plan_->final_jobs(main_->rom_counts(), keys_.vk.statement.rom_log_height)));

  // Canonical order.
  for (auto& per_air : entries_) {
    for (auto& e : per_air) order_.push_back(e.get());
  }
  stats_.instances = order_.size();
  ZISKC_ASSIGN_OR_RETURN(terms_,
                         verifier::direct_terms(keys_.vk.statement, outputs_, stated_steps_));
  if (bus_) {
    for (const stark::DirectTerm& t : terms_) bus_->add_direct(t);
    if (!bus_->unbalanced().empty()) {
      return make_error(ErrorCode::kInternal, "check-constraints: the buses do not balance:\n{}",
                        bus_->report());
    }
  }
  return Status::ok();
}

Status Pipeline::prove_mine(const stark::GlobalChallenges& g, stark::Proof& mine,
                            std::vector<std::uint32_t>& positions) {
  const stark::ProverOptions po{.keep_stage1 = false, .unchecked_for_tests = tampering()};
  std::size_t done = 0, total = 0;
  for (const Entry* e : order_) total += e->owner == comm_->rank() ? 1 : 0;
  for (std::size_t i = 0; i < order_.size(); ++i) {
    Entry& e = *order_[i];
    if (e.owner != comm_->rank()) continue;
    Result<stark::InstanceProof> ip =
        stark::prove_instance_rest(keys_.pk, e.spec, i, e.stage1, g, public_values_, po, &timings_);
    if (!ip) {
      return ip.status().within(
          fmt::format("{} instance {}", keys_.pk.airs[e.spec.air_id]->info().name, e.job.index));
    }
    mine.instances.push_back(std::move(ip).value());
    positions.push_back(static_cast<std::uint32_t>(i));
    e.stage1.main.reset();
    progress("prove", ++done, total);
  }
  stats_.instances_proved = done;
  return Status::ok();
}

// Rank 0: every instance proof in canonical order, the bus balance, the proof file.
Result<std::vector<std::uint8_t>> Pipeline::finish(const RankBytes& all,
                                                   const stark::GlobalChallenges& g) {
  stark::Proof proof;
  proof.params = keys_.pk.params;
  proof.vk_digest = keys_.pk.vk_digest;
  proof.public_values = public_values_;
  proof.instances.resize(order_.size());
  ZISKC_RETURN_IF_ERROR(prover::merge_instance_proofs(all, proof));
  stark::Ext3 sum;
  for (const stark::InstanceProof& ip : proof.instances) sum += ip.bus_sum;
  for (const stark::DirectTerm& t : terms_) {
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
  file.steps = stated_steps_;
  file.outputs = outputs_;
  file.proof = std::move(proof);
  return verifier::encode_proof_file(file);
}

Result<ProveResult> Pipeline::run() {
  PhaseTimer total(stats_.total);
  stats_.rank = comm_->rank();
  stats_.ranks = comm_->size();
  const double comm_before = comm_->comm_seconds();
  const std::uint64_t sent_before = comm_->bytes_sent();

  const bool distributed = comm_->size() > 1;
  const bool root_exec = root_execution();
  Status st;
  if (!distributed) {
    st = guarded("setup", [this] { return load(nullptr); });
    if (st.is_ok()) {
      st = guarded(
          "setup", [this] { return setup(); }, false);
    }
  } else {
    // Prelude: every rank's mode; in root execution rank 0 alone reads the ELF and the input
    // and sends them (no shared file system, the others need no files).
    prover::RootInputs sent;
    st = guarded("setup", [&] {
      if (root_exec && !comm_->is_root()) return Status::ok();
      ZISKC_RETURN_IF_ERROR(load(nullptr));
      if (root_exec) {
        sent.has_elf = o_.rom == nullptr;
        sent.layout = o_.layout;
        sent.elf = !o_.elf.empty() ? o_.elf : elf_bytes_;
        sent.input = input_;
      }
      return Status::ok();
    });
    std::vector<std::uint8_t> pre =
        prover::encode_prelude(o_.execution, root_exec && comm_->is_root() ? &sent : nullptr);
    sent = {};
    Result<RankBytes> preludes = prover::exchange(*comm_, st, pre);
    pre = {};
    if (!preludes) return preludes.status();
    ZISKC_ASSIGN_OR_RETURN(prover::RootInputs got, prover::check_prelude(*preludes, o_.execution));
    preludes = RankBytes{};
    st = guarded(
        "setup",
        [&] {
          if (root_exec && !comm_->is_root()) ZISKC_RETURN_IF_ERROR(load(&got));
          return setup();
        },
        false);
  }
  std::vector<std::uint8_t> hs;
  if (st.is_ok() && distributed) {
    const std::vector<std::uint8_t>& elf = !o_.elf.empty() && !root_exec ? o_.elf : elf_bytes_;
    base::ByteWriter w;
    const std::vector<std::uint8_t> fields = prover::encode_handshake(
        prover::handshake_fields(o_, keys_.pk.params, keys_.vk_digest, elf, input_));
    w.u64(fields.size());
    w.bytes(fields);
    // Root execution: rank 0's pre-run outcome rides on its handshake.
    if (root_exec && comm_->is_root()) {
      w.bytes(prover::encode_prerun({.steps = steps_, .outputs = outputs_}));
    }
    hs = w.take();
  }
  ZISKC_ASSIGN_OR_RETURN(RankBytes handshakes, prover::exchange(*comm_, st, hs));
  if (distributed) {
    RankBytes fields(handshakes.size());
    std::span<const std::uint8_t> root_rest;
    for (std::size_t i = 0; i < handshakes.size(); ++i) {
      base::ByteReader r(handshakes[i], fmt::format("rank {} handshake", i));
      ZISKC_ASSIGN_OR_RETURN(std::uint64_t n, r.read_count("size", r.remaining()));
      ZISKC_ASSIGN_OR_RETURN(std::span<const std::uint8_t> b, r.bytes("fields", n));
      fields[i].assign(b.begin(), b.end());
      ZISKC_ASSIGN_OR_RETURN(std::span<const std::uint8_t> rest, r.bytes("rest", r.remaining()));
      if (i == 0) root_rest = rest;
    }
    ZISKC_RETURN_IF_ERROR(prover::check_handshake(fields));
    if (root_exec) {
      // Every rank decodes rank 0's bytes, so that a bad message fails every rank alike.
      ZISKC_ASSIGN_OR_RETURN(prover::PreRun p, prover::decode_prerun(root_rest));
      if (!comm_->is_root()) set_run(p.steps, p.outputs);
    }
  }

  if (root_exec) {
    // Root execution: rank 0 alone runs the trace run and sends every chunk (in pieces of
    // < 2^31 bytes) before the Main witness starts, so no rank waits on another's commits.
    std::vector<std::uint8_t> stream;
    std::vector<emu::Chunk> chunks;
    st = guarded("chunks", [&] {
      prepare_main();
      if (!comm_->is_root()) return Status::ok();
      PhaseTimer te(stats_.execute);
      ZISKC_ASSIGN_OR_RETURN(
          chunks, prover::MainStage::trace_run(
                      *rom_, input_,
                      {.max_steps = o_.max_steps, .steps = steps_, .chunk_log2 = chunk_log2_}));
      stream = prover::encode_chunks(chunks);
      return Status::ok();
    });
    Result<std::vector<std::uint8_t>> got = prover::broadcast_stream(*comm_, st, stream);
    stream = {};
    if (!got) return got.status();
    st = guarded("commit", [&] {
      if (!comm_->is_root()) {
        PhaseTimer te(stats_.execute);
        ZISKC_ASSIGN_OR_RETURN(chunks, prover::decode_chunks(*got, steps_, chunk_log2_));
        *got = {};
      }
      return commit_machines(&chunks);
    });
  } else {
    st = guarded("commit", [this] {
      prepare_main();
      return commit_machines(nullptr);
    });
  }
  if (exchange_tables()) {
    // Every rank counted the table lookups of its own instances: sum them.
    std::vector<std::uint8_t> mine;
    if (st.is_ok()) {
      st = guarded("tables", [&] {
        mine = prover::encode_table_counts(tables_);
        return Status::ok();
      });
    }
    ZISKC_ASSIGN_OR_RETURN(RankBytes counts, prover::exchange(*comm_, st, mine));
    mine = {};
    // A bad message fails this rank's next phase (no early return: the others go on to the
    // header exchange, which then carries the error to every rank).
    for (std::size_t r = 0; st.is_ok() && r < counts.size(); ++r) {
      if (static_cast<int>(r) == comm_->rank()) continue;
      if (Status a = prover::add_table_counts(counts[r], tables_); !a.is_ok()) {
        st = a.within(fmt::format("rank {}", r));
      }
    }
  }
  if (st.is_ok()) {
    st = guarded(
        "tables", [this] { return commit_final(); }, false);
  }
  prover::PositionedHeaders my_headers;
  for (std::size_t i = 0; st.is_ok() && i < order_.size(); ++i) {
    if (order_[i]->owner == comm_->rank()) {
      my_headers.emplace_back(static_cast<std::uint32_t>(i), order_[i]->stage1.header);
    }
  }
  ZISKC_ASSIGN_OR_RETURN(RankBytes header_bytes,
                         prover::exchange(*comm_, st, prover::encode_headers(my_headers)));
  ZISKC_ASSIGN_OR_RETURN(std::vector<stark::InstanceHeader> headers,
                         prover::merge_headers(header_bytes, order_.size()));
  const stark::GlobalChallenges g =
      stark::derive_global_challenges(keys_.pk.params, keys_.pk.vk_digest, public_values_, headers);

  // Every instance's proof, where its stage 1 was committed.
  stark::Proof mine;
  mine.params = keys_.pk.params;
  mine.vk_digest = keys_.pk.vk_digest;
  mine.public_values = public_values_;
  std::vector<std::uint32_t> positions;
  st = guarded("prove", [&] { return prove_mine(g, mine, positions); });
  std::vector<std::uint8_t> payload;
  if (st.is_ok()) {
    st = guarded("gather", [&] {
      payload = prover::encode_instance_proofs(positions, mine);
      return Status::ok();
    });
  }
  mine = {};
  Result<RankBytes> gathered = prover::exchange_to_root(*comm_, st, payload);
  payload = {};
  Result<std::vector<std::uint8_t>> file = std::vector<std::uint8_t>{};
  if (!gathered) {
    file = gathered.status();
  } else if (comm_->is_root()) {
    Status fs = guarded("finish", [&] {
      file = finish(*gathered, g);
      return Status::ok();
    });
    if (!fs.is_ok()) file = fs;
  }
  gathered = RankBytes{};
  ZISKC_RETURN_IF_ERROR(prover::broadcast_status(*comm_, file.status()));

  ProveResult r;
  r.proof = std::move(file).value();
  r.vk = keys_.vk;
  r.outputs = outputs_;
  r.steps = steps_;
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
  stats_.comm_seconds = comm_->comm_seconds() - comm_before;
  stats_.comm_bytes_sent = comm_->bytes_sent() - sent_before;
  r.stats = stats_;
  return r;
}

}  // namespace

const char* execution_name(Execution e) { return e == Execution::kRoot ? "root" : "all"; }

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
