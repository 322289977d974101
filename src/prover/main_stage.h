// The proof-native front of the pipeline: the emulator in trace mode on its own thread, handing
// minimal-trace chunks through a bounded queue to the Main witness on the calling thread, which
// builds each Main instance as soon as its chunks are there and hands it on (the caller commits
// it while the emulator keeps running).
//
// Instances: instance k covers steps [k 2^h, (k + 1) 2^h) of a run of S steps (known from the
// pre-run), the last one shrunk to the smallest power of two >= what is left (rows after the
// end repeat the end instruction). Chunks are 2^c steps: with h >= c an instance is replayed
// from its own chunks; with h < c the instances inside one chunk are built together from one
// replay (sm/main/main.h replay_main). Records (operations, memory accesses, MemAlign accesses)
// and DMA, keccakf, sha256, arith256 and arith256_mod records are gathered per group of instances
// and concatenated in step order; ROM counts accumulate once, on the first build.
//
// Invariants: chunks are kept (they are a few bytes per step) so that a Main instance whose
// stage 1 was dropped can be rebuilt (regenerate); a regenerated trace equals the first one.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "base/status.h"
#include "emu/emulator.h"
#include "emu/trace.h"
#include "prover/job.h"
#include "sm/arith256/arith256.h"
#include "sm/dma/dma.h"
#include "sm/keccakf/keccakf.h"
#include "sm/main/main.h"
#include "sm/mem_align/mem_align.h"
#include "sm/records.h"
#include "sm/sha256f/sha256f.h"
#include "zisk/rom.h"

namespace ziskc::prover {

struct MainRecords {
  std::array<std::vector<sm::OpRecord>, static_cast<std::size_t>(zisk::Machine::kCount)> ops;
  std::vector<sm::MemAccess> mem;
  std::vector<sm::MemAlignRecord> mem_align;
  sm::DmaRecords dma;                        // by DMA machine, from whole steps (sm/dma/dma.h)
  std::vector<sm::KeccakfRecord> keccakf;    // keccakf calls, from whole steps (sm/keccakf)
  std::vector<sm::Sha256fRecord> sha256f;    // sha256 calls, from whole steps (sm/sha256f)
  std::vector<sm::Arith256Record> arith256;  // arith256 calls, from whole steps (sm/arith256)
  std::vector<sm::Arith256ModRecord> arith256_mod;  // arith256_mod calls, likewise
};

struct MainStageOptions {
  std::uint64_t max_steps = 0;
  std::uint64_t steps = 0;  // the run's step count (pre-run); the trace run must match it
  unsigned log_height = 0;  // instance height of Main (the last instance may be smaller)
  unsigned chunk_log2 = 0;
  std::size_t queue_chunks = 8;  // bound of the chunk queue
};

class MainStage {
 public:
  MainStage(const zisk::Rom& rom, const sm::MainProgram& program,
            std::span<const std::uint8_t> input, const MainStageOptions& options);
  ~MainStage();
  MainStage(const MainStage&) = delete;
  MainStage& operator=(const MainStage&) = delete;

  // Number of Main instances the run needs.
  std::size_t num_instances() const { return instances_.size(); }

  // Runs the emulator and calls on_instance for every Main instance, in order, as soon as its
  // chunks are complete. The Job's build(true) hands over the trace built here; build(false)
  // regenerates it from the kept chunks (valid while this MainStage lives). on_progress gets
  // (steps emulated so far). An error from on_instance stops the emulator.
  Status run(const std::function<Status(Job&&)>& on_instance,
             const std::function<void(std::uint64_t)>& on_progress);

  // Root execution (docs/DISTRIBUTED.md): the trace run alone, every chunk of it (rank 0);
  // an error unless it ends like the pre-run (options.steps steps).
  static Result<std::vector<emu::Chunk>> trace_run(const zisk::Rom& rom,
                                                   std::span<const std::uint8_t> input,
                                                   const MainStageOptions& options);
  // The same as run() with the chunks already there (from trace_run, on rank 0 or received
  // from it) instead of the emulator: the chunk-source seam. The chunks must cover the
  // options.steps steps in chunks of 2^chunk_log2 (decode_chunks checks it); run_result()
  // then only holds the step count.
  Status run_chunks(std::vector<emu::Chunk> chunks, const std::function<Status(Job&&)>& on_instance,
                    const std::function<void(std::uint64_t)>& on_progress);

  // After run(): the run's result (exit, public outputs), every record in step order, and the
  // ROM execution counts.
  const emu::RunResult& run_result() const { return run_result_; }
  MainRecords take_records();
  const sm::TableCounts& rom_counts() const { return rom_counts_; }
  const std::vector<emu::Chunk>& chunks() const { return chunks_; }

 private:
  struct Instance {
    std::uint64_t first_step = 0;
    unsigned log_height = 0;
    std::size_t chunk_lo = 0, chunk_hi = 0;  // chunks [lo, hi] overlap its executed steps
  };
  struct Group {
    std::size_t first = 0, count = 0;  // instances
    std::size_t chunk_lo = 0, chunk_hi = 0;
  };
  Status build_group(const Group& g, const std::function<Status(Job&&)>& on_instance);
  // Builds every group whose chunks are all there; `next` is the first group not yet built.
  Status build_ready(std::size_t& next, const std::function<Status(Job&&)>& on_instance);
  Result<poly::RowMajorMatrix> regenerate(std::size_t k) const;

  const zisk::Rom& rom_;
  const sm::MainProgram& program_;
  std::span<const std::uint8_t> input_;
  MainStageOptions options_;
  std::unique_ptr<emu::Replayer> replayer_;
  std::vector<Instance> instances_;
  std::vector<Group> groups_;
  std::vector<emu::Chunk> chunks_;
  std::vector<MainRecords> group_records_;
  sm::TableCounts rom_counts_;
  emu::RunResult run_result_;
};

}  // namespace ziskc::prover
