// The planner of every machine but Main: turns the records the Main witness gathered into the
// instances (Jobs) of the op machines, MemAlign, the memory regions, the ROM and the tables.
//
//  - op machines: each AIR's records in step order, split into instances of
//    records_per_row * 2^h records (h = the AIR's maximum height), the last one shrunk to the
//    smallest power of two that holds the rest; no instance for an AIR without records;
//  - MemAlign: the same with one record per row (records checked by plan_mem_align);
//  - DMA machines (DmaCopy, DmaCmp, DmaAligned): each machine's records packed by plan_dma into
//    instances of one height, the smallest (up to the maximum) that holds all its rows, raised
//    to hold the largest single op (an op's rows never straddle instances);
//  - KeccakF: the calls in step order, split into instances of keccakf_calls_per_instance(h)
//    calls (h = the AIR's maximum height, at most kKeccakfPlanMaxLogHeight), the last one shrunk;
//  - Sha256F: likewise with sha256f_calls_per_instance(h), h at most kSha256fPlanMaxLogHeight;
//  - Arith256, Arith256Mod: likewise, one row per call, h at most kArith256PlanMaxLogHeight;
//  - memory regions: Main's aligned accesses and the aligned accesses MemAlign, the DMA
//    machines, KeccakF, Sha256F, Arith256 and Arith256Mod assume, merged
//    in mem_step order and routed by address to RAM, input data and ROM data; each region's
//    chain planned by plan_mem at the smallest height (up to the maximum) that fits its
//    accesses; RAM and input data always have an instance (the verifier's sentinels need one),
//    ROM data when the program has a ROM-data area;
//  - ROM: one instance from the execution counts; tables: one instance each from the counts.
// Trace builders add their table lookups to `tables` on the first build only (Job::build's
// `first`); later builds count into a scratch set, so the tables' multiplicities are exactly
// one build's. Table and ROM jobs must be built after every other job's first build.
#pragma once

#include <array>
#include <memory>
#include <span>
#include <vector>

#include "base/status.h"
#include "prover/job.h"
#include "prover/machines.h"
#include "prover/main_stage.h"
#include "sm/dma/dma.h"
#include "sm/mem/mem.h"
#include "verifier/statement.h"

namespace ziskc::prover {

struct PlanOptions {
  std::array<unsigned, verifier::kNumAirs> max_log_height{};  // resolved (no zeros)
};

// Owns the records and plans the jobs reference; keep it alive until the proof is done.
class Plan {
 public:
  // Routes and plans; kInternal naming the record when one cannot be proven (an op without a
  // machine, an access outside every region) and the planners' own errors.
  static Result<std::unique_ptr<Plan>> make(const verifier::Statement& statement,
                                            MainRecords records, const PlanOptions& options,
                                            TableSet& tables);

  // Jobs of the op machines, the DMA machines, MemAlign and the memory regions (in air order).
  std::vector<Job> machine_jobs();
  // The ROM and table jobs (to be built after every machine job's first build).
  std::vector<Job> final_jobs(const sm::TableCounts& rom_counts, unsigned rom_log_height);

  std::uint64_t records(verifier::AirKind air) const;

 private:
  Plan(TableSet& tables) : tables_(tables) {}
  TableSet& tables_;
  TableSet scratch_;  // counts of regenerated traces (dropped)
  std::array<std::vector<sm::OpRecord>, verifier::kNumAirs> ops_;
  std::vector<sm::MemAlignRecord> mem_align_;
  struct Dma {
    verifier::AirKind air;
    sm::DmaMachine machine;
    std::vector<sm::DmaRecord> records;
    sm::DmaPlan plan;
  };
  std::vector<Dma> dma_;
  // A precompile machine's instance: records [begin, begin + count) at 2^log_height rows.
  struct CallPiece {
    std::size_t begin, count;
    unsigned log_height;
  };
  std::vector<sm::KeccakfRecord> keccakf_;
  std::vector<CallPiece> keccakf_pieces_;
  std::vector<sm::Sha256fRecord> sha256f_;
  std::vector<CallPiece> sha256f_pieces_;
  std::vector<sm::Arith256Record> arith256_;
  std::vector<CallPiece> arith256_pieces_;
  std::vector<sm::Arith256ModRecord> arith256_mod_;
  std::vector<CallPiece> arith256_mod_pieces_;
  struct Region {
    verifier::AirKind air;
    std::vector<sm::MemAccess> accesses;
    std::shared_ptr<sm::MemPlan> plan;
  };
  std::vector<Region> regions_;
  PlanOptions options_;
};

}  // namespace ziskc::prover
