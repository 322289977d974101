// Shared scaffolding of the precompile machines' benchmarks (bench_sm_keccakf, bench_sm_sha256f,
// bench_sm_arith256): the machine alone, its partners' sides (Main's operation message, the
// memory machines' accesses, the Range16 table) as direct terms, and a STARK proof of one
// instance at the default parameters (128-bit: blowup 2, 112 queries) reporting calls per
// second and proof bytes per call. Benchmarks only (includes Google Benchmark).
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "sm/buses.h"
#include "sm/records.h"
#include "stark/proof.h"
#include "stark/prover.h"

namespace ziskc::sm::bench {

// For every call: Main's assumed (op, 0, 0, addr, 0, 0, 0, 0, step, 0), proved here with
// multiplicity -1, and the memory machines' side of its accesses (mem_accesses(record, out)).
template <class Record, class MemAccesses>
void add_call_terms(std::vector<stark::DirectTerm>& terms, std::uint64_t op,
                    std::span<const Record> records, MemAccesses mem_accesses) {
  const auto u = [](std::uint64_t v) { return Fe::from_u64(v); };
  std::vector<MemAccess> acc;
  for (const Record& r : records) {
    terms.push_back({kOperationBus,
                     {u(op), u(0), u(0), u(r.addr), u(0), u(0), u(0), u(0), u(r.step), u(0)},
                     -Fe::one()});
    acc.clear();
    mem_accesses(r, acc);
    for (const MemAccess& a : acc) {
      terms.push_back(
          {kMemoryBus,
           {u(a.mem_op), u(a.addr), u(a.mem_step), u(8), u(a.value & 0xFFFFFFFF), u(a.value >> 32)},
           Fe::one()});
    }
  }
}

// The Range16 table's side of the lookups counted in `counts`.
inline void add_range16_terms(std::vector<stark::DirectTerm>& terms, const TableCounts& counts) {
  for (std::size_t v = 0; v < counts.size(); ++v) {
    if (counts.get(v) != 0) {
      terms.push_back({kRange16Bus, {Fe::from_u64(v)}, Fe::from_u64(counts.get(v))});
    }
  }
}

// Proves one instance of Air at height 2^h built by `trace` (every iteration), `calls` calls.
template <class Air>
void prove_one_instance(benchmark::State& state, unsigned h, std::size_t calls,
                        const std::vector<stark::DirectTerm>& terms,
                        const std::function<Result<poly::RowMajorMatrix>()>& trace) {
  const std::vector<stark::AirPtr> airs = {stark::make_air<Air>()};
  auto params = stark::make_params({});
  auto pk = stark::setup(airs, *params, {});
  if (!pk.is_ok()) {
    state.SkipWithError(pk.status().message().c_str());
    return;
  }
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::vector<stark::InstanceSpec> specs = {{0, h, {}, trace}};
    auto proof = stark::prove(*pk, {}, specs, {.direct_terms = &terms});
    if (!proof.is_ok()) {
      state.SkipWithError(proof.status().message().c_str());
      return;
    }
    bytes = stark::encode_proof(*proof).size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * calls));
  state.counters["proof_bytes_per_call"] = static_cast<double>(bytes) / static_cast<double>(calls);
}

}  // namespace ziskc::sm::bench
