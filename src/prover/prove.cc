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
  Status setup();
  Status commit_all();
  Status prove_mine(const stark::GlobalChallenges& g, stark::Proof& mine,
                    std::vector<std::uint32_t>& positions);
  Result<std::vector<std::uint8_t>> finish(const RankBytes& all, const stark::GlobalChallenges& g);
  // Runs one phase: an exception (std::bad_alloc above all) becomes its error, so that the
  // rank still reaches the phase's exchange; the ZISKC_TEST_MPI_DIE hook fires here.
  template <class F>
  Status guarded(const char* phase, F&& f) {
    try {
      prover::maybe_die_for_tests(*comm_, phase);
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
  } else {
    // Another rank proves it; this rank still builds the trace once: the records, the table
    // counts and the constraint checks of the plan need every instance's first build.
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

Status Pipeline::setup() {
  // Setup: the program, its keys, the input.
  PhaseTimer setup(stats_.setup);
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
  const zisk::Rom& rom = *rom_;
  ZISKC_ASSIGN_OR_RETURN(
      input_, prover::load_input(rom.layout(), o_.input_path, o_.input, o_.legacy_inputs));
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
  outputs_ = emu::public_outputs(pre);
  steps_ = pre.steps;
  stated_steps_ = pre.steps;
  if (o_.test_hooks.stated_steps) o_.test_hooks.stated_steps(stated_steps_);
  public_values_ = verifier::public_values(outputs_, keys_.vk_digest, stated_steps_);
  stats_.steps = pre.steps;
  return Status::ok();
}

Status Pipeline::commit_all() {
  const zisk::Rom& rom = *rom_;
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

  // Execution and Main, overlapped: Main instances are committed as their chunks arrive (each
  // to the least loaded rank, in step order).
  main_ = std::make_unique<prover::MainStage>(
      rom, *main_program_, input_,
      prover::MainStageOptions{
          .max_steps = o_.max_steps,
          .steps = steps_,
          .log_height = main_h,
          .chunk_log2 = chunk_log2,
          .queue_chunks = std::size_t{4} << (main_h > chunk_log2 ? main_h - chunk_log2 : 0)});
  planned_ = main_->num_instances();
  {
    PhaseTimer te(stats_.execute);
    ZISKC_RETURN_IF_ERROR(main_->run(
        [this](Job&& j) {
          const int owner = assigner_.assign(cost(j));
          return commit(std::move(j), owner);
        },
        [this](std::uint64_t done) { progress("execute", done, steps_); }));
  }

  // The other machines.
  std::vector<Job> jobs;
  {
    PhaseTimer tw(stats_.witness);
    ZISKC_ASSIGN_OR_RETURN(plan_, prover::Plan::make(keys_.vk.statement, main_->take_records(),
                                                     {.max_log_height = max_h}, tables_));
    jobs = plan_->machine_jobs();
  }
  planned_ += jobs.size() + 1 + prover::table_defs().size();
  ZISKC_RETURN_IF_ERROR(commit_batch(std::move(jobs)));
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

  Status st = guarded("setup", [this] { return setup(); });
  std::vector<std::uint8_t> hs;
  if (st.is_ok() && comm_->size() > 1) {
    const std::vector<std::uint8_t>& elf = !o_.elf.empty() ? o_.elf : elf_bytes_;
    hs = prover::encode_handshake(
        prover::handshake_fields(o_, keys_.pk.params, keys_.vk_digest, elf, input_));
  }
  ZISKC_ASSIGN_OR_RETURN(RankBytes handshakes, prover::exchange(*comm_, st, hs));
  if (comm_->size() > 1) ZISKC_RETURN_IF_ERROR(prover::check_handshake(handshakes));

  st = guarded("commit", [this] { return commit_all(); });
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
