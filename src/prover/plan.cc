// The planner (plan.h).
#include "prover/plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <iterator>
#include <type_traits>
#include <utility>

#include "sm/mem/chain.h"
#include "sm/mem/mem.h"
#include "sm/mem_align/mem_align.h"
#include "sm/rom/rom.h"
#include "stark/protocol.h"
#include "zisk/layout.h"

namespace ziskc::prover {
namespace {

using verifier::AirKind;

// Smallest h >= kMinLogHeight with per_row << h >= n (n > 0), at most max_h.
unsigned fit_log_height(std::uint64_t n, std::size_t per_row, unsigned max_h) {
  unsigned h = stark::kMinLogHeight;
  while (h < max_h && (std::uint64_t{per_row} << h) < n) ++h;
  return h;
}

// Splits [0, n) into instances of per_row << max_h records, the last one shrunk.
struct Piece {
  std::size_t begin, count;
  unsigned log_height;
};
std::vector<Piece> split(std::size_t n, std::size_t per_row, unsigned max_h) {
  std::vector<Piece> out;
  const std::size_t cap = per_row << max_h;
  for (std::size_t b = 0; b < n; b += cap) {
    const std::size_t count = std::min(cap, n - b);
    out.push_back({b, count, fit_log_height(count, per_row, max_h)});
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<Plan>> Plan::make(const verifier::Statement& statement, MainRecords rec,
                                         const PlanOptions& options, TableSet& tables) {
  std::unique_ptr<Plan> p(new Plan(tables));
  p->options_ = options;
  // Operations: route each record to the AIR proving its op.
  std::array<const OpMachine*, 256> by_op{};
  for (const zisk::OpInfo& info : zisk::op_table()) {
    by_op[static_cast<std::uint8_t>(info.op)] = op_machine_for(info.op);
  }
  for (std::size_t m = 0; m < rec.ops.size(); ++m) {
    for (const sm::OpRecord& r : rec.ops[m]) {
      const OpMachine* om = by_op[static_cast<std::uint8_t>(r.op)];
      if (om == nullptr || static_cast<std::size_t>(om->source) != m) {
        return make_error(ErrorCode::kInternal, "not supported yet: proving {} (no machine)",
                          zisk::op_name(r.op));
      }
      p->ops_[verifier::air_id(om->air)].push_back(r);
    }
    rec.ops[m] = {};
  }

  // MemAlign records, and the aligned accesses they assume.
  ZISKC_RETURN_IF_ERROR(
      sm::plan_mem_align(rec.mem_align,
                         options.max_log_height[verifier::air_id(AirKind::kMemAlign)])
          .status());
  std::vector<sm::MemAccess> implied;
  for (const sm::MemAlignRecord& r : rec.mem_align) sm::mem_align_accesses(r, implied);
  p->mem_align_ = std::move(rec.mem_align);

  // DMA records: each machine's instances, and the aligned accesses the machines assume.
  const std::pair<AirKind, sm::DmaMachine> dma_airs[] = {
      {AirKind::kDmaCopy, sm::DmaMachine::kCopy},
      {AirKind::kDmaCmp, sm::DmaMachine::kCmp},
      {AirKind::kDmaAligned, sm::DmaMachine::kAligned}};
  std::vector<sm::DmaRecord>* dma_lists[] = {&rec.dma.copy, &rec.dma.cmp, &rec.dma.aligned};
  std::vector<sm::MemAccess> dma_implied;
  for (std::size_t i = 0; i < std::size(dma_airs); ++i) {
    Dma d{.air = dma_airs[i].first,
          .machine = dma_airs[i].second,
          .records = std::move(*dma_lists[i]),
          .plan = {}};
    std::uint64_t rows = 0, widest = 0;
    for (const sm::DmaRecord& r : d.records) {
      sm::dma_mem_accesses(r, dma_implied);
      const std::uint64_t n = sm::dma_rows(r, d.machine);
      rows += n;
      widest = std::max(widest, n);
    }
    if (!d.records.empty()) {
      const unsigned max_h = options.max_log_height[verifier::air_id(d.air)];
      unsigned h = std::max(sm::kDmaMinLogHeight, stark::kMinLogHeight);
      while (h < max_h && (std::uint64_t{1} << h) < rows) ++h;
      while (h < sm::kDmaMaxLogHeight && (std::uint64_t{1} << h) < widest) ++h;
      Result<sm::DmaPlan> plan = sm::plan_dma(d.machine, d.records, h);
      if (!plan) {
        return plan.status().within(
            fmt::format("dma machine {}", static_cast<unsigned>(verifier::air_id(d.air))));
      }
      d.plan = std::move(plan).value();
    }
    p->dma_.push_back(std::move(d));
  }

  // Precompile calls (KeccakF, Sha256F, Arith256, Arith256Mod): instances of at most
  // per_instance(max_h) calls, the last one shrunk to the smallest height that holds the rest;
  // the loads and stores each call assumes go to the memory machines.
  const auto plan_calls = [&](AirKind air, auto& records, unsigned min_h, unsigned plan_max_h,
                              auto per_instance, auto mem_accesses, auto& pieces, auto& kept) {
    const unsigned max_h =
        std::clamp<unsigned>(options.max_log_height[verifier::air_id(air)], min_h, plan_max_h);
    const std::size_t cap = per_instance(max_h);
    for (std::size_t b = 0; b < records.size(); b += cap) {
      const std::size_t count = std::min(cap, records.size() - b);
      unsigned h = min_h;
      while (per_instance(h) < count) ++h;
      pieces.push_back({b, count, h});
    }
    for (const auto& r : records) mem_accesses(r, dma_implied);
    kept = std::move(records);
  };
  const auto one_per_row = [](unsigned h) { return std::size_t{1} << h; };
  plan_calls(AirKind::kKeccakf, rec.keccakf, sm::kKeccakfMinLogHeight, sm::kKeccakfPlanMaxLogHeight,
             sm::keccakf_calls_per_instance, sm::keccakf_mem_accesses, p->keccakf_pieces_,
             p->keccakf_);
  plan_calls(AirKind::kSha256f, rec.sha256f, sm::kSha256fMinLogHeight, sm::kSha256fPlanMaxLogHeight,
             sm::sha256f_calls_per_instance, sm::sha256f_mem_accesses, p->sha256f_pieces_,
             p->sha256f_);
  plan_calls(AirKind::kArith256, rec.arith256, sm::kArith256MinLogHeight,
             sm::kArith256PlanMaxLogHeight, one_per_row, sm::arith256_mem_accesses,
             p->arith256_pieces_, p->arith256_);
  plan_calls(AirKind::kArith256Mod, rec.arith256_mod, sm::kArith256MinLogHeight,
             sm::kArith256PlanMaxLogHeight, one_per_row, sm::arith256_mod_mem_accesses,
             p->arith256_mod_pieces_, p->arith256_mod_);

  // Aligned accesses by region, in mem_step order.
  const zisk::Layout& layout = zisk::layout(statement.layout);
  struct RegionSpec {
    AirKind air;
    sm::MemRegionSpec spec;
  };
  std::vector<RegionSpec> specs = {{AirKind::kMemRam, sm::ram_region(layout)},
                                   {AirKind::kMemInputData, sm::input_data_region(layout)}};
  if (statement.rom_data_lo != statement.rom_data_hi) {
    specs.push_back(
        {AirKind::kMemRomData, sm::rom_data_region(statement.rom_data_lo, statement.rom_data_hi,
                                                   statement.rom_data_last)});
  }
  std::vector<std::vector<sm::MemAccess>> by_region(specs.size());
  auto route = [&](const sm::MemAccess& a) -> Status {
    for (std::size_t i = 0; i < specs.size(); ++i) {
      if (a.addr % 8 == 0 && specs[i].spec.contains(a.addr / 8)) {
        by_region[i].push_back(a);
        return Status::ok();
      }
    }
    return make_error(ErrorCode::kInternal,
                      "memory access at 0x{:x} (mem_step {}) is in no memory machine's region",
                      a.addr, a.mem_step);
  };
  {
    auto lhs = rec.mem.begin(), rhs = implied.begin();
    while (lhs != rec.mem.end() || rhs != implied.end()) {
      const bool take_lhs =
          rhs == implied.end() || (lhs != rec.mem.end() && lhs->mem_step <= rhs->mem_step);
      ZISKC_RETURN_IF_ERROR(route(take_lhs ? *lhs++ : *rhs++));
    }
    // plan_mem takes accesses in any order (mem_step order is only its fast path); the DMA,
    // KeccakF, Sha256F, Arith256 and Arith256Mod accesses.
    for (const sm::MemAccess& a : dma_implied) ZISKC_RETURN_IF_ERROR(route(a));
  }
  rec.mem = {};
  implied = {};
  dma_implied = {};
  for (std::size_t i = 0; i < specs.size(); ++i) {
    Region r;
    r.air = specs[i].air;
    r.accesses = std::move(by_region[i]);
    const unsigned max_h = options.max_log_height[verifier::air_id(r.air)];
    const std::uint64_t want = r.accesses.size() + r.accesses.size() / 8 + 8;
    unsigned h = std::max(sm::kMemMinLogHeight, stark::kMinLogHeight);
    while (h < max_h && (std::uint64_t{1} << h) < want) ++h;
    Result<sm::MemPlan> plan = sm::plan_mem(specs[i].spec, r.accesses, h);
    if (!plan) return plan.status().within(sm::mem_region_name(specs[i].spec.region));
    r.plan = std::make_shared<sm::MemPlan>(std::move(plan).value());
    p->regions_.push_back(std::move(r));
  }
  return p;
}

std::uint64_t Plan::records(AirKind air) const {
  if (air == AirKind::kMemAlign) return mem_align_.size();
  if (air == AirKind::kKeccakf) return keccakf_.size();
  if (air == AirKind::kSha256f) return sha256f_.size();
  if (air == AirKind::kArith256) return arith256_.size();
  if (air == AirKind::kArith256Mod) return arith256_mod_.size();
  for (const Dma& d : dma_) {
    if (d.air == air) return d.records.size();
  }
  for (const Region& r : regions_) {
    if (r.air == air) return r.accesses.size();
  }
  return ops_[verifier::air_id(air)].size();
}

std::vector<Job> Plan::machine_jobs() {
  std::vector<Job> jobs;
  for (const OpMachine& m : op_machines()) {
    const std::vector<sm::OpRecord>& recs = ops_[verifier::air_id(m.air)];
    const unsigned max_h = options_.max_log_height[verifier::air_id(m.air)];
    std::size_t index = 0;
    for (const Piece& piece : split(recs.size(), m.records_per_row, max_h)) {
      Job j;
      j.air = m.air;
      j.index = index++;
      j.log_height = piece.log_height;
      j.records = piece.count;
      const std::span<const sm::OpRecord> span(recs.data() + piece.begin, piece.count);
      j.build = [this, span, trace = m.trace, h = piece.log_height](bool first) {
        return Result<poly::RowMajorMatrix>(trace(span, h, first ? tables_ : scratch_));
      };
      jobs.push_back(std::move(j));
    }
  }
  for (const Dma& d : dma_) {
    for (std::size_t i = 0; i < d.plan.num_instances(); ++i) {
      Job j;
      j.air = d.air;
      j.index = i;
      j.log_height = d.plan.log_height;
      const std::size_t b = d.plan.starts[i], e = d.plan.starts[i + 1];
      j.records = e - b;
      const std::span<const sm::DmaRecord> span(d.records.data() + b, e - b);
      j.build = [this, span, m = d.machine, h = d.plan.log_height](bool first) {
        TableSet& t = first ? tables_ : scratch_;
        sm::TableCounts& bp = t.get(TableId::kBytePair);
        return Result<poly::RowMajorMatrix>(
            m == sm::DmaMachine::kCopy  ? sm::dma_copy_trace(span, h, bp)
            : m == sm::DmaMachine::kCmp ? sm::dma_cmp_trace(span, h, bp, t.get(TableId::kRange16))
                                        : sm::dma_aligned_trace(span, h, bp));
      };
      jobs.push_back(std::move(j));
    }
  }
  // Precompile machines: one job per planned piece; build(records, log_height, tables).
  const auto call_jobs = [&](AirKind air, const std::vector<CallPiece>& pieces, const auto& records,
                             auto build) {
    using Record = typename std::decay_t<decltype(records)>::value_type;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      const CallPiece& piece = pieces[i];
      Job j;
      j.air = air;
      j.index = i;
      j.log_height = piece.log_height;
      j.records = piece.count;
      const std::span<const Record> span(records.data() + piece.begin, piece.count);
      j.build = [this, span, h = piece.log_height, build](bool first) {
        return Result<poly::RowMajorMatrix>(build(span, h, first ? tables_ : scratch_));
      };
      jobs.push_back(std::move(j));
    }
  };
  call_jobs(AirKind::kKeccakf, keccakf_pieces_, keccakf_,
            [](auto span, unsigned h, TableSet&) { return sm::keccakf_trace(span, h); });
  call_jobs(AirKind::kSha256f, sha256f_pieces_, sha256f_,
            [](auto span, unsigned h, TableSet&) { return sm::sha256f_trace(span, h); });
  call_jobs(AirKind::kArith256, arith256_pieces_, arith256_,
            [](auto span, unsigned h, TableSet& t) {
              return sm::arith256_trace(span, h, t.get(TableId::kRange16));
            });
  call_jobs(AirKind::kArith256Mod, arith256_mod_pieces_, arith256_mod_,
            [](auto span, unsigned h, TableSet& t) {
              return sm::arith256_mod_trace(span, h, t.get(TableId::kRange16));
            });
  {
    const unsigned max_h = options_.max_log_height[verifier::air_id(AirKind::kMemAlign)];
    std::size_t index = 0;
    for (const Piece& piece : split(mem_align_.size(), 1, max_h)) {
      Job j;
      j.air = AirKind::kMemAlign;
      j.index = index++;
      j.log_height = piece.log_height;
      j.records = piece.count;
      const std::span<const sm::MemAlignRecord> span(mem_align_.data() + piece.begin, piece.count);
      j.build = [this, span, h = piece.log_height](bool first) {
        return Result<poly::RowMajorMatrix>(
            sm::mem_align_trace(span, h, (first ? tables_ : scratch_).get(TableId::kBytePair)));
      };
      jobs.push_back(std::move(j));
    }
  }
  // Memory regions in air order (RAM, ROM data, input data).
  std::vector<const Region*> regions;
  for (const Region& r : regions_) regions.push_back(&r);
  std::sort(regions.begin(), regions.end(),
            [](const Region* a, const Region* b) { return a->air < b->air; });
  for (const Region* r : regions) {
    for (std::size_t i = 0; i < r->plan->num_instances; ++i) {
      Job j;
      j.air = r->air;
      j.index = i;
      j.log_height = r->plan->log_height;
      j.instance_values = r->plan->instance_values(i);
      j.records = i == 0 ? r->accesses.size() : 0;
      j.build = [this, plan = r->plan, i](bool first) {
        return Result<poly::RowMajorMatrix>(
            sm::mem_trace(*plan, i, (first ? tables_ : scratch_).get(TableId::kRange16)));
      };
      jobs.push_back(std::move(j));
    }
  }
  return jobs;
}

std::vector<Job> Plan::final_jobs(const sm::TableCounts& rom_counts, unsigned rom_log_height) {
  std::vector<Job> jobs;
  Job rom;
  rom.air = AirKind::kRom;
  rom.log_height = rom_log_height;
  rom.build = [&rom_counts](bool) {
    return Result<poly::RowMajorMatrix>(sm::rom_trace(rom_counts));
  };
  jobs.push_back(std::move(rom));
  for (const TableDef& d : table_defs()) {
    Job j;
    j.air = d.air;
    j.log_height = static_cast<unsigned>(std::countr_zero(d.rows));
    j.build = [this, &d](bool) {
      return Result<poly::RowMajorMatrix>(d.mult_trace(tables_.get(d.id)));
    };
    jobs.push_back(std::move(j));
  }
  return jobs;
}

}  // namespace ziskc::prover
