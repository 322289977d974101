// ziskc::prove: execute a guest and prove the execution (`ziskc prove`; docs/PROVING.md).
//
// Steps: parse_program -> transpile -> keys (table cache) -> a fast pre-run that refuses a
// program which faults, hits the step limit or uses an op no machine proves ("not supported
// yet: proving dma_memcpy") before any proving work -> the emulator in trace mode on its own
// thread, handing chunks through a bounded queue to the Main witness, whose instances are
// committed (stark::commit_stage1) while the emulator still runs -> the other machines'
// records are planned into instances (power-of-two heights up to the configured maximum; the
// last instance of each machine shrinks to fit) and committed -> tables and ROM multiplicities
// -> global challenges -> every instance's stage 2, quotient, FRI -> the bus balance with the
// statement's direct terms -> the proof file.
//
// Memory: minimal traces and the records of the other machines are kept for the whole run
// (O(steps), tens of bytes per step); stage-1 data (trace, LDE, tree) of an instance is kept
// until its proof only while the kept total stays below keep_stage1_bytes, otherwise dropped
// and regenerated (from the chunks or records), so the peak is bounded by the instances in
// flight. Thread use: one emulator thread plus the parallel loops of base/parallel.h.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "poly/matrix.h"
#include "stark/params.h"
#include "verifier/statement.h"
#include "verifier/vk.h"
#include "zisk/layout.h"
#include "zisk/rom.h"

namespace ziskc {

namespace prover {
class Communicator;  // prover/comm.h
}

struct ProveProgress {
  const char* phase = "";  // "execute", "commit", "prove"
  std::uint64_t done = 0;
  std::uint64_t total = 0;
};

// What tests may do to the witness (tamper tests: the proof must then fail verification).
struct ProveTestHooks {
  // Called on every trace of every instance (each time a witness is built: keep it
  // deterministic), with the AIR, the instance's index within its AIR and its instance values.
  std::function<void(verifier::AirKind air, std::size_t index, poly::RowMajorMatrix& trace)> trace;
  // Called once per instance before it is committed.
  std::function<void(verifier::AirKind air, std::size_t index, std::vector<stark::Fe>& values)>
      instance_values;
  // Called once on the step count the proof states (public values, end direct term, file); the
  // witness keeps the run's real count.
  std::function<void(std::uint64_t& steps)> stated_steps;
};

// Who runs the emulator in a distributed job (docs/DISTRIBUTED.md).
//  - kEveryRank: every rank reads the ELF and the input, runs the pre-run and the trace run;
//  - kRoot: rank 0 alone reads them (the other ranks' elf / input fields are ignored, except
//    `rom`: a transpiled program has no ELF bytes to send, so then every rank gives its own),
//    runs the pre-run and the trace run and sends the bytes, the pre-run's outcome and the
//    minimal-trace chunks to every rank.
// A single process ignores it.
enum class Execution : std::uint8_t { kEveryRank, kRoot };
const char* execution_name(Execution e);  // "all", "root"

struct ProveOptions {
  // The guest: an already transpiled program (tests, embedders; it must outlive the call), else
  // elf bytes, else read from elf_path.
  const zisk::Rom* rom = nullptr;
  std::string elf_path;
  std::vector<std::uint8_t> elf;
  // The input file (ZisK records, or raw bytes with legacy_inputs): input bytes, or read from
  // input_path when input is empty and input_path is not; neither: no input.
  std::string input_path;
  std::vector<std::uint8_t> input;
  bool legacy_inputs = false;
  std::optional<zisk::LayoutKind> layout;
  std::uint64_t max_steps = 0xFFFF'FFFFull;
  // Largest instance height of each machine (log2; 0: the default). Tables and the ROM have
  // fixed heights and ignore this.
  std::array<unsigned, verifier::kNumAirs> max_log_height{};
  // Emulator chunk size (log2); 0: min(18, Main's height).
  unsigned chunk_log2 = 0;
  // Run the row checker on every instance and the bus debugger on all of them before
  // committing; the first failure is returned (kInternal) with AIR, constraint, row, step, pc.
  bool check_constraints = false;
  stark::StarkParams params = {};  // num_queries == 0: default_params()
  std::string cache_dir;           // table cache (prover/table_cache.h); empty: default
  bool use_cache = true;
  std::uint64_t keep_stage1_bytes = std::uint64_t{2} << 30;
  std::function<void(const ProveProgress&)> progress;
  // Tests only: tamper with the witness; the prover then proves what it is given (the stark
  // prover's unchecked_for_tests) and skips its own bus-balance check.
  ProveTestHooks test_hooks;
  // Distributed proving (docs/DISTRIBUTED.md): every rank of the job calls prove() with the
  // same options and its communicator; instances are shared out, rank 0's result holds the
  // proof (the other ranks' ProveResult::proof is empty). nullptr: this process alone.
  prover::Communicator* comm = nullptr;
  // The default, rank 0 alone, was chosen by measurement (docs/DECISIONS.md 16).
  Execution execution = Execution::kRoot;
};

inline constexpr unsigned kDefaultMaxLogHeight = 20;

struct PhaseSeconds {
  double wall = 0, cpu = 0;
};

struct AirStats {
  std::size_t instances = 0;
  std::uint64_t rows = 0;     // sum of instance heights
  std::uint64_t records = 0;  // steps (Main), records or accesses (others)
};

struct ProveStats {
  std::uint64_t steps = 0;
  PhaseSeconds setup;    // parse, transpile, keys
  PhaseSeconds execute;  // pre-run and trace run (overlapped with Main's commitment)
  PhaseSeconds witness;  // replays, records, planning, trace builders (incl. regeneration)
  PhaseSeconds commit;   // stage-1 LDE + Merkle (incl. regeneration)
  PhaseSeconds stage2, quotient, openings, fri, queries;
  PhaseSeconds total;
  std::array<AirStats, verifier::kNumAirs> airs{};
  std::size_t instances = 0;
  std::size_t regenerated = 0;  // instances whose stage 1 was dropped and rebuilt
  std::size_t proof_bytes = 0;
  std::uint64_t peak_rss_bytes = 0;
  std::size_t tables_from_cache = 0, tables_committed = 0;
  // Distributed runs: this rank, the job's size, the instances this rank proved, the wall
  // seconds spent in the exchanges (waiting for other ranks included) and the bytes it sent.
  int rank = 0, ranks = 1;
  std::size_t instances_proved = 0;
  double comm_seconds = 0;
  std::uint64_t comm_bytes_sent = 0;
};

struct ProveResult {
  std::vector<std::uint8_t> proof;  // the proof file (verifier/proof_file.h)
  verifier::VerificationKey vk;
  std::array<std::uint32_t, verifier::kNumOutputs> outputs{};
  std::uint64_t steps = 0;
  ProveStats stats;
};

Result<ProveResult> prove(const ProveOptions& options);

// rom-setup: the verification key of a program (and the table cache filled).
struct SetupOptions {
  std::string elf_path;
  std::vector<std::uint8_t> elf;
  std::optional<zisk::LayoutKind> layout;
  stark::StarkParams params = {};
  std::string cache_dir;
  bool use_cache = true;
};
struct SetupResult {
  verifier::VerificationKey vk;
  stark::Digest vk_digest;
  std::size_t rom_instructions = 0;
  std::size_t tables_from_cache = 0, tables_committed = 0, tables_rebuilt = 0;
  double seconds = 0;
};
Result<SetupResult> rom_setup(const SetupOptions& options);

}  // namespace ziskc
