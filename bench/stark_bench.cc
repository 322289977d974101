// STARK engine benchmark: proves and verifies a synthetic AIR of 2^k rows x 64 columns
// (61 degree-3 constraints, one transition, a first-row constraint, and one bus with two
// interactions: the AIR is its own range table) and reports the time of each prover phase,
// peak RSS, proof size and verification time as counters.
//   BM_StarkProve/20   the figure (2^20 rows, default 128-bit parameters)
//   BM_StarkVerify/20  verification of that proof
//   BM_StarkProveMany/14  eight 2^14 instances in one proof (keep_stage1 = false), verified
// Smaller sizes (/16) run quickly for a smoke check.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <map>
#include <random>

#include "base/parallel.h"
#include "stark/prover.h"
#include "stark/verifier.h"

namespace {

using namespace ziskc;
using namespace ziskc::stark;

constexpr std::uint32_t kBus = 1;

template <class T>
struct BenchCols {
  T c[64];
};

// c0 = row index (c0 = 0 on row 0, c0' = c0 + 1); proves (c0) with multiplicity c1 and
// assumes (c2) once per row, so every c2 lies in [0, n) and c1 counts them; c_j = c_{j-1} *
// c_{j-2} * c_{j-3} for j = 3..63 (degree 3).
struct BenchAir {
  AirInfo info() const { return {.name = "bench64", .num_main = width_of<BenchCols>()}; }
  template <class B>
  void eval(B& b) const {
    const auto& cur = b.template main<BenchCols>();
    const auto& nxt = b.template main_next<BenchCols>();
    b.assert_zero_first("bench.c0_start", cur.c[0]);
    b.assert_zero_transition("bench.c0_step", nxt.c[0] - cur.c[0] - b.constant(1));
    for (int j = 3; j < 64; ++j) {
      b.assert_zero("bench.product", cur.c[j] - cur.c[j - 1] * cur.c[j - 2] * cur.c[j - 3]);
    }
    b.prove(kBus, {cur.c[0]}, cur.c[1]);
    b.assume(kBus, {cur.c[2]}, b.constant(1));
  }
};

poly::RowMajorMatrix bench_trace(unsigned log_n) {
  const std::size_t n = std::size_t{1} << log_n;
  auto m = poly::RowMajorMatrix::zeros(n, 64);
  std::mt19937_64 rng(42);
  for (std::size_t r = 0; r < n; ++r) {
    m.at(r, 0) = Fe::from_u64(r);
    const std::size_t v = rng() % n;
    m.at(r, 2) = Fe::from_u64(v);
    m.at(v, 1) += Fe::one();
  }
  base::parallel_for_chunks(0, n, 4096, [&](std::size_t lo, std::size_t hi) {
    for (std::size_t r = lo; r < hi; ++r) {
      Fe* row = m.row(r).data();
      for (int j = 3; j < 64; ++j) row[j] = row[j - 1] * row[j - 2] * row[j - 3] + Fe::zero();
    }
  });
  return m;
}

std::size_t peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<std::size_t>(u.ru_maxrss) / 1024;
}

struct Prepared {
  std::vector<AirPtr> airs;
  ProvingKey pk;
  std::vector<std::uint8_t> proof;
};
std::map<unsigned, Prepared>& prepared() {
  static std::map<unsigned, Prepared> m;
  return m;
}

void BM_StarkProve(benchmark::State& state) {
  const unsigned log_n = static_cast<unsigned>(state.range(0));
  auto params = make_params();
  std::vector<AirPtr> airs = {make_air<BenchAir>()};
  auto pk = setup(airs, *params, {});
  if (!pk.is_ok()) {
    state.SkipWithError(pk.status().message().c_str());
    return;
  }
  const poly::RowMajorMatrix trace = bench_trace(log_n);
  std::vector<InstanceSpec> specs = {
      {0, log_n, {}, [&trace]() -> Result<poly::RowMajorMatrix> { return trace; }}};
  ProverTimings t;
  std::vector<std::uint8_t> bytes;
  for (auto _ : state) {
    t = {};
    auto proof = prove(*pk, {}, specs, {}, &t);
    if (!proof.is_ok()) {
      state.SkipWithError(proof.status().message().c_str());
      return;
    }
    bytes = encode_proof(*proof);
  }
  const std::pair<const char*, const stark::PhaseTime*> phases[] = {
      {"witness_copy", &t.witness},
      {"stage1_lde", &t.stage1_lde},
      {"stage1_merkle", &t.stage1_merkle},
      {"stage2", &t.stage2},
      {"quotient", &t.quotient},
      {"openings", &t.openings},
      {"deep_fri", &t.fri},
      {"pow_queries", &t.queries}};
  double cpu = 0;
  for (const auto& [name, pt] : phases) {
    state.counters[std::string(name) + "_s"] = pt->wall;
    state.counters[std::string(name) + "_cpu_s"] = pt->cpu;
    cpu += pt->cpu;
  }
  state.counters["total_cpu_s"] = cpu;
  state.counters["proof_kib"] = static_cast<double>(bytes.size()) / 1024.0;
  state.counters["peak_rss_mib"] = static_cast<double>(peak_rss_mb());
  state.counters["threads"] = base::num_threads();
  state.counters["queries"] = params->num_queries;
  prepared()[log_n] = {airs, std::move(pk).value(), std::move(bytes)};
}

void BM_StarkVerify(benchmark::State& state) {
  const unsigned log_n = static_cast<unsigned>(state.range(0));
  auto it = prepared().find(log_n);
  if (it == prepared().end()) {
    state.SkipWithError("run BM_StarkProve with the same size first");
    return;
  }
  const Prepared& p = it->second;
  for (auto _ : state) {
    Status st = verify_bytes(p.pk.vk, p.airs, p.proof, {});
    if (!st.is_ok()) {
      state.SkipWithError(st.message().c_str());
      return;
    }
  }
  state.counters["proof_kib"] = static_cast<double>(p.proof.size()) / 1024.0;
}

// Eight instances of 2^k rows of the same AIR in one proof: instances run one after another,
// each phase parallel inside; cpu/wall shows how well the inner loops use the cores.
void BM_StarkProveMany(benchmark::State& state) {
  const unsigned log_n = static_cast<unsigned>(state.range(0));
  auto params = make_params();
  std::vector<AirPtr> airs = {make_air<BenchAir>()};
  auto pk = setup(airs, *params, {});
  const poly::RowMajorMatrix trace = bench_trace(log_n);
  std::vector<InstanceSpec> specs(
      8, {0, log_n, {}, [&trace]() -> Result<poly::RowMajorMatrix> { return trace; }});
  ProverTimings t;
  std::size_t bytes = 0;
  for (auto _ : state) {
    t = {};
    auto proof = prove(*pk, {}, specs, {.keep_stage1 = false}, &t);
    if (!proof.is_ok()) {
      state.SkipWithError(proof.status().message().c_str());
      return;
    }
    bytes = encode_proof(*proof).size();
    Status st = verify(pk->vk, airs, *proof, {});
    if (!st.is_ok()) state.SkipWithError(st.message().c_str());
  }
  double wall = 0, cpu = 0;
  for (const stark::PhaseTime* p : {&t.witness, &t.stage1_lde, &t.stage1_merkle, &t.stage2,
                                    &t.quotient, &t.openings, &t.fri, &t.queries}) {
    wall += p->wall;
    cpu += p->cpu;
  }
  state.counters["phases_wall_s"] = wall;
  state.counters["phases_cpu_s"] = cpu;
  state.counters["cpu_per_wall"] = cpu / wall;
  state.counters["proof_kib"] = static_cast<double>(bytes) / 1024.0;
  state.counters["peak_rss_mib"] = static_cast<double>(peak_rss_mb());
}

BENCHMARK(BM_StarkProve)->Arg(16)->Arg(18)->Arg(20)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StarkVerify)->Arg(16)->Arg(18)->Arg(20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StarkProveMany)->Arg(14)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
