// `ziskc prove -e ELF [-i INPUT] [-o PROOF] [--legacy-inputs] [--layout L] [-n MAX_STEPS]
// [--stats] [--check-constraints] [--instance-log-height [AIR=]H ...] [--chunk-log2 C]
// [--cache-dir D] [--no-cache] [--mpi] [--execute-on root|all]`: executes and proves the guest,
// writes the proof file atomically (default proof.bin), shows a progress bar on stderr when it is a
// terminal (phase lines otherwise) and the time of each phase; --stats adds the instances of every
// machine. Exit codes: 0 proved, 2 bad ELF / input / guest fault / flag, 3 not supported yet or
// internal. The work is ziskc::prove. Under mpirun (or with --mpi) the process is one rank of a
// distributed proof (docs/DISTRIBUTED.md): rank 0 shows the progress, reports errors and writes the
// file;
// --execute-on says whether every rank or rank 0 alone runs the emulator (then only rank 0
// reads -e and -i).
#include "prover/prove.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "prover/comm.h"
#include "verifier/statement.h"
#ifdef ZISKC_HAVE_MPI
#include "dist/mpi_communicator.h"
#endif

namespace ziskc::cli {
namespace {

struct ProveFlags {
  std::string elf, inputs, output = "proof.bin", layout, cache_dir;
  bool legacy_inputs = false, stats = false, check_constraints = false, no_cache = false;
  bool mpi = false;
  std::string execute_on;
  std::uint64_t max_steps = 0xFFFF'FFFFull;
  std::vector<std::string> heights;
  unsigned chunk_log2 = 0;
};

// Progress on stderr: a redrawn line on a terminal (at most 10 times a second), one line per
// phase otherwise.
class ProgressBar {
 public:
  ProgressBar() : tty_(isatty(fileno(stderr)) != 0) {}
  void update(const ProveProgress& p) {
    const std::string phase = p.phase;
    if (!tty_) {
      if (phase != phase_) std::fprintf(stderr, "prove: %s\n", p.phase);
      phase_ = phase;
      return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (phase == phase_ && p.done != p.total && now - last_ < std::chrono::milliseconds(100)) {
      return;
    }
    phase_ = phase;
    last_ = now;
    const double frac =
        p.total > 0 ? static_cast<double>(p.done) / static_cast<double>(p.total) : 0;
    constexpr int kWidth = 30;
    const int full = static_cast<int>(frac * kWidth);
    std::string bar(static_cast<std::size_t>(full), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r\033[K%-8s [%s] %llu/%llu", p.phase, bar.c_str(),
                 static_cast<unsigned long long>(p.done), static_cast<unsigned long long>(p.total));
    std::fflush(stderr);
  }
  void finish() {
    if (tty_ && !phase_.empty()) std::fprintf(stderr, "\r\033[K");
  }

 private:
  bool tty_;
  std::string phase_;
  std::chrono::steady_clock::time_point last_{};
};

// "H" (every machine) or "AIR=H" with an AIR name of the zkVM (main, binary, mem_ram, ...).
Status parse_heights(const std::vector<std::string>& specs,
                     std::array<unsigned, verifier::kNumAirs>& out) {
  const verifier::Statement statement{};
  const std::vector<stark::AirPtr> airs = verifier::make_airs(statement);
  for (const std::string& s : specs) {
    const std::size_t eq = s.find('=');
    const std::string name = eq == std::string::npos ? "" : s.substr(0, eq);
    const std::string num = eq == std::string::npos ? s : s.substr(eq + 1);
    const std::optional<std::uint64_t> v = parse_u64(num);
    if (!v || *v < 2 || *v > stark::kMaxLogHeight) {
      return make_error(ErrorCode::kInvalidArgument,
                        "--instance-log-height {}: the height must be a number in [2, {}]", s,
                        stark::kMaxLogHeight);
    }
    const unsigned h = static_cast<unsigned>(*v);
    bool found = name.empty();
    for (std::size_t a = 0; a < airs.size(); ++a) {
      if (name.empty() || airs[a]->info().name == name) {
        out[a] = h;
        found = true;
      }
    }
    if (!found) {
      std::string names;
      for (const stark::AirPtr& a : airs) names += (names.empty() ? "" : ", ") + a->info().name;
      return make_error(ErrorCode::kInvalidArgument,
                        "--instance-log-height {}: unknown machine '{}' (one of: {})", s, name,
                        names);
    }
  }
  return Status::ok();
}

void print_stats(const ProveResult& r) {
  const ProveStats& s = r.stats;
  const std::vector<stark::AirPtr> airs = verifier::make_airs(r.vk.statement);
  std::fprintf(stderr, "%-20s %9s %12s %12s %7s\n", "machine", "instances", "rows", "records",
               "fill");
  for (std::size_t a = 0; a < airs.size(); ++a) {
    const AirStats& as = s.airs[a];
    if (as.instances == 0) continue;
    std::fprintf(
        stderr, "%-20s %9zu %12llu %12llu %6.1f%%\n", airs[a]->info().name.c_str(), as.instances,
        static_cast<unsigned long long>(as.rows), static_cast<unsigned long long>(as.records),
        as.rows > 0 ? 100.0 * static_cast<double>(as.records) / static_cast<double>(as.rows) : 0.0);
  }
  std::fprintf(stderr, "table cache: %zu tables from the cache, %zu committed\n",
               s.tables_from_cache, s.tables_committed);
  std::fprintf(stderr, "stage-1 traces regenerated: %zu\n", s.regenerated);
}

// An MPI job (`mpirun -np N ziskc prove ...`, detected from the launcher's environment, or
// --mpi): the communicator of this rank (docs/DISTRIBUTED.md); null for a single process.
Result<std::unique_ptr<prover::Communicator>> mpi_communicator(bool forced) {
#ifdef ZISKC_HAVE_MPI
  if (!forced && !dist::launched_by_mpi()) return std::unique_ptr<prover::Communicator>{};
  ZISKC_ASSIGN_OR_RETURN(std::unique_ptr<dist::MpiCommunicator> c, dist::MpiCommunicator::init());
  return std::unique_ptr<prover::Communicator>(std::move(c));
#else
  const char* launched = std::getenv("OMPI_COMM_WORLD_SIZE");
  if (!forced && (launched == nullptr || std::string(launched) == "1")) {
    return std::unique_ptr<prover::Communicator>{};
  }
  return Status(ErrorCode::kUnsupported,
                "not supported yet: distributed proving in this build (ziskc was built without "
                "MPI; install libopenmpi-dev and rebuild)");
#endif
}

int run_prove(const ProveFlags& f) {
  Result<std::unique_ptr<prover::Communicator>> comm = mpi_communicator(f.mpi);
  if (!comm) return report_error(comm.status());
  // Rank 0 (or the single process) reports and writes; the other ranks only exit non-zero.
  const bool root = *comm == nullptr || (*comm)->is_root();
  ProveOptions o;
  o.comm = comm->get();
  o.elf_path = f.elf;
  o.input_path = f.inputs;
  o.legacy_inputs = f.legacy_inputs;
  o.max_steps = f.max_steps;
  o.check_constraints = f.check_constraints;
  o.cache_dir = f.cache_dir;
  o.use_cache = !f.no_cache;
  o.chunk_log2 = f.chunk_log2;
  if (f.chunk_log2 != 0 && (f.chunk_log2 < 1 || f.chunk_log2 > 32)) {
    return report_error(Status(ErrorCode::kInvalidArgument, "--chunk-log2: must be in [1, 32]"));
  }
  // Validated by the parser (root | all); empty: the default (root).
  if (f.execute_on == "all") o.execution = Execution::kEveryRank;
  if (!f.layout.empty()) {
    Result<zisk::LayoutKind> k = zisk::parse_layout_name(f.layout);
    if (!k) return report_error(k.status().within("--layout"));
    o.layout = *k;
  }
  if (Status st = parse_heights(f.heights, o.max_log_height); !st) return report_error(st);
  ProgressBar bar;
  if (root) o.progress = [&bar](const ProveProgress& p) { bar.update(p); };
  Result<ProveResult> r = prove(o);
  bar.finish();
  if (!r) return root ? report_error(r.status()) : exit_code_for(r.status().code());
  const ProveStats& s = r->stats;
  if (s.ranks > 1) {
    std::fprintf(stderr,
                 "rank %d/%d: %zu instances proved, %.2f s (cpu %.2f s; cpu setup %.2f, execute "
                 "%.2f, witness %.2f), peak RSS %.0f MiB, exchanges %.2f s (%.1f KiB sent)\n",
                 s.rank, s.ranks, s.instances_proved, s.total.wall, s.total.cpu, s.setup.cpu,
                 s.execute.cpu, s.witness.cpu, static_cast<double>(s.peak_rss_bytes) / (1 << 20),
                 s.comm_seconds, static_cast<double>(s.comm_bytes_sent) / 1024);
  }
  if (!root) return 0;
  if (Status st = base::write_file_atomic(f.output, r->proof); !st) return report_error(st);
  std::fprintf(stderr, "proof: %s (%zu bytes, %zu instances)\n", f.output.c_str(), s.proof_bytes,
               s.instances);
  std::fprintf(stderr, "proved %llu steps in %.2f s (%.0f steps/s), peak RSS %.0f MiB\n",
               static_cast<unsigned long long>(s.steps), s.total.wall,
               s.total.wall > 0 ? static_cast<double>(s.steps) / s.total.wall : 0.0,
               static_cast<double>(s.peak_rss_bytes) / (1 << 20));
  std::fprintf(stderr,
               "phases (wall s): setup %.2f, execute %.2f, witness %.2f, commit %.2f, stage2 %.2f, "
               "quotient %.2f, openings %.2f, fri %.2f, queries %.2f\n",
               s.setup.wall, s.execute.wall, s.witness.wall, s.commit.wall, s.stage2.wall,
               s.quotient.wall, s.openings.wall, s.fri.wall, s.queries.wall);
  if (f.stats) print_stats(*r);
  return 0;
}

}  // namespace

void register_prove(CLI::App& app, CommandRun* run) {
  auto f = std::make_shared<ProveFlags>();
  auto* cmd = app.add_subcommand("prove", "Execute and prove a guest program");
  cmd->add_option("-e,--elf", f->elf, "Guest ELF")->required();
  cmd->add_option("-i,--inputs", f->inputs, "Input file (ZisK records [u64 len][bytes][pad])");
  cmd->add_option("-o,--output", f->output, "Proof file (default: proof.bin)");
  cmd->add_flag("--legacy-inputs", f->legacy_inputs, "The input file is raw bytes (one record)");
  cmd->add_option("--layout", f->layout, "Memory layout: zisk | zisk-0.18 (default: detect)");
  cmd->add_option("-n,--max-steps", f->max_steps, "Step limit (default 2^32 - 1)")
      ->transform(u64_text("a step count"));
  cmd->add_flag("--stats", f->stats, "Print the instances of every machine");
  cmd->add_flag("--check-constraints", f->check_constraints,
                "Check every constraint and bus before committing; report the first failure");
  cmd->add_option("--instance-log-height", f->heights,
                  "Largest instance height (log2) of every machine, or of one: AIR=H "
                  "(e.g. main=18); repeatable");
  cmd->add_option("--chunk-log2", f->chunk_log2, "Emulator chunk size (log2; default 18)")
      ->transform(u64_text("a chunk size (log2)"));
  cmd->add_option("--cache-dir", f->cache_dir, "Table cache directory");
  cmd->add_flag("--no-cache", f->no_cache, "Do not use the table cache");
  cmd->add_flag("--mpi", f->mpi,
                "Distributed proving: one rank of an MPI job (implied under mpirun)");
  cmd->add_option("--execute-on", f->execute_on,
                  "Distributed proving: who runs the emulator: root (rank 0 alone reads the ELF "
                  "and input and sends the minimal-trace chunks; default) | all (every rank)")
      ->check(CLI::IsMember({"root", "all"}));
  cmd->callback([run, f] { *run = [f] { return run_prove(*f); }; });
}

}  // namespace ziskc::cli
