// The prover (phases in prover.h, protocol in docs/STARK.md).
#include "stark/prover.h"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <ctime>

#include "base/parallel.h"
#include "poly/domain.h"
#include "poly/eval.h"
#include "poly/ntt.h"
#include "stark/fri.h"
#include "stark/row_checker.h"

namespace ziskc::stark {
namespace {

double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

class Timer {
 public:
  explicit Timer(PhaseTime* sink)
      : sink_(sink), start_(std::chrono::steady_clock::now()), cpu_(process_cpu_seconds()) {}
  ~Timer() { stop(); }
  void stop() {
    if (sink_ == nullptr) return;
    sink_->wall += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    sink_->cpu += process_cpu_seconds() - cpu_;
    sink_ = nullptr;
  }

 private:
  PhaseTime* sink_;
  std::chrono::steady_clock::time_point start_;
  double cpu_;
};

PhaseTime* field_of(ProverTimings* t, PhaseTime ProverTimings::*f) {
  return t ? &(t->*f) : nullptr;
}

Status check_spec(const ProvingKey& pk, const InstanceSpec& spec,
                  std::span<const Fe> public_values) {
  if (spec.air_id >= pk.airs.size()) {
    return make_error(ErrorCode::kInvalidArgument, "air id {} out of range ({} airs)", spec.air_id,
                      pk.airs.size());
  }
  const AirInfo& info = pk.airs[spec.air_id]->info();
  if (spec.log_height < kMinLogHeight || spec.log_height > kMaxLogHeight ||
      spec.log_height + pk.params.log_blowup > kMaxLogDomain) {
    return make_error(ErrorCode::kInvalidArgument, "air '{}': log height {} unsupported", info.name,
                      spec.log_height);
  }
  if (spec.instance_values.size() != info.num_instance_values) {
    return make_error(ErrorCode::kInvalidArgument, "air '{}': {} instance values, expected {}",
                      info.name, spec.instance_values.size(), info.num_instance_values);
  }
  if (public_values.size() < info.num_public_values) {
    return make_error(ErrorCode::kInvalidArgument, "air '{}': needs {} public values, got {}",
                      info.name, info.num_public_values, public_values.size());
  }
  if (info.num_fixed > 0 && pk.find_fixed(spec.air_id, spec.log_height) == nullptr) {
    return make_error(ErrorCode::kInvalidArgument,
                      "air '{}': no fixed columns committed for log height {}", info.name,
                      spec.log_height);
  }
  if (!spec.witness) {
    return make_error(ErrorCode::kInvalidArgument, "air '{}': no witness callback", info.name);
  }
  return Status::ok();
}

Result<poly::RowMajorMatrix> run_witness(const ProvingKey& pk, const InstanceSpec& spec) {
  const AirInfo& info = pk.airs[spec.air_id]->info();
  ZISKC_ASSIGN_OR_RETURN(poly::RowMajorMatrix m, spec.witness());
  if (m.rows != (std::size_t{1} << spec.log_height) || m.cols != info.num_main ||
      m.values.size() != m.rows * m.cols) {
    return make_error(ErrorCode::kInvalidArgument,
                      "air '{}': witness is {} x {}, expected 2^{} x {}", info.name, m.rows, m.cols,
                      spec.log_height, info.num_main);
  }
  return m;
}

Result<CommittedTrace> commit_main(const ProvingKey& pk, poly::RowMajorMatrix trace,
                                   ProverTimings* timings) {
  // commit_trace does LDE then Merkle; time them apart for the benchmark.
  CommittedTrace c;
  c.log_height = static_cast<unsigned>(std::countr_zero(trace.rows));
  {
    Timer tm(field_of(timings, &ProverTimings::stage1_lde));
    c.lde = poly::coset_lde(trace, pk.params.log_blowup, kLdeShift, poly::RowOrder::kNatural);
  }
  c.trace = std::move(trace);
  Timer tm(field_of(timings, &ProverTimings::stage1_merkle));
  ZISKC_RETURN_IF_ERROR(build_tree(c, stage1_rows_per_leaf(c.lde.cols), /*consecutive=*/true));
  return c;
}

#if defined(__AVX512F__) && defined(__AVX512DQ__) && defined(__AVX512VL__) && defined(__AVX512BW__)
// Columns c .. c+7 of the 8 consecutive rows at `rows` (stride `cols`) into out[c .. c+7]:
// an 8 x 8 transposition in registers (unpack within 128-bit lanes, then two rounds of
// 128-bit lane shuffles). It replaces 64 scalar loads and 8 store-to-load round trips.
// (GCC 12's intrinsic headers start some shuffles from _mm512_undefined_epi32(), which
// -Wuninitialized reports once inlined; field/packed_avx512.h silences it the same way.)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
inline void transpose8_block(const Fe* rows, std::size_t cols, PackedFe* out) {
  __m512i r[8];
  for (int l = 0; l < 8; ++l) r[l] = _mm512_loadu_si512(rows + l * cols);
  __m512i t[8];
  for (int p = 0; p < 4; ++p) {
    t[2 * p] = _mm512_unpacklo_epi64(r[2 * p], r[2 * p + 1]);      // columns 0 2 4 6
    t[2 * p + 1] = _mm512_unpackhi_epi64(r[2 * p], r[2 * p + 1]);  // columns 1 3 5 7
  }
  // u[0..3]: rows 0-3 of columns {0,4}, {2,6}, {1,5}, {3,7}; u[4..7] the same for rows 4-7.
  __m512i u[8];
  for (int h = 0; h < 2; ++h) {
    u[4 * h + 0] = _mm512_shuffle_i64x2(t[4 * h], t[4 * h + 2], 0x88);
    u[4 * h + 1] = _mm512_shuffle_i64x2(t[4 * h], t[4 * h + 2], 0xDD);
    u[4 * h + 2] = _mm512_shuffle_i64x2(t[4 * h + 1], t[4 * h + 3], 0x88);
    u[4 * h + 3] = _mm512_shuffle_i64x2(t[4 * h + 1], t[4 * h + 3], 0xDD);
  }
  constexpr int kFirst[4] = {0, 2, 1, 3};  // column of u[j]'s first half (the second is +4)
  for (int j = 0; j < 4; ++j) {
    out[kFirst[j]].v = _mm512_shuffle_i64x2(u[j], u[j + 4], 0x88);
    out[kFirst[j] + 4].v = _mm512_shuffle_i64x2(u[j], u[j + 4], 0xDD);
  }
}
#pragma GCC diagnostic pop
#endif

// Gathers column values of kLanes rows (idx) of a row-major matrix into packed lanes.
void gather(const poly::RowMajorMatrix& m, const std::size_t* idx, PackedFe* out) {
  std::size_t c = 0;
#if defined(__AVX512F__) && defined(__AVX512DQ__) && defined(__AVX512VL__) && defined(__AVX512BW__)
  static_assert(kLanes == 8);
  bool consecutive = true;
  for (std::size_t l = 1; l < kLanes; ++l) consecutive &= idx[l] == idx[0] + l;
  if (consecutive) {
    const Fe* rows = m.values.data() + idx[0] * m.cols;
    for (; c + 8 <= m.cols; c += 8) transpose8_block(rows + c, m.cols, out + c);
  }
#endif
  alignas(64) std::array<Fe, kLanes> tmp;
  for (; c < m.cols; ++c) {
    for (std::size_t l = 0; l < kLanes; ++l) tmp[l] = m.values[idx[l] * m.cols + c];
    out[c] = PackedFe::load(tmp.data());
  }
}
// The same for the Ext3 columns of a stage-2 matrix (3 base columns each).
void gather_ext(const poly::RowMajorMatrix& m, const std::size_t* idx, PackedExt3* out) {
  alignas(64) std::array<Fe, kLanes> t0, t1, t2;
  for (std::size_t c = 0; c < m.cols / 3; ++c) {
    for (std::size_t l = 0; l < kLanes; ++l) {
      const Fe* p = m.values.data() + idx[l] * m.cols + 3 * c;
      t0[l] = p[0];
      t1[l] = p[1];
      t2[l] = p[2];
    }
    out[c] = {PackedFe::load(t0.data()), PackedFe::load(t1.data()), PackedFe::load(t2.data())};
  }
}
PackedFe load_lanes(const std::array<Fe, kLanes>& a) { return PackedFe::load(a.data()); }

// Lane-wise Montgomery inversion; false if some lane of some element is zero.
bool batch_inverse_packed(std::span<PackedExt3> xs) {
  if (xs.empty()) return true;
  std::vector<PackedExt3> prefix(xs.size());
  PackedExt3 acc = PackedExt3::one();
  for (std::size_t i = 0; i < xs.size(); ++i) {
    prefix[i] = acc;
    acc *= xs[i];
  }
  const auto a0 = acc.c0.to_array(), a1 = acc.c1.to_array(), a2 = acc.c2.to_array();
  for (std::size_t l = 0; l < kLanes; ++l) {
    if (a0[l].is_zero() && a1[l].is_zero() && a2[l].is_zero()) return false;
  }
  PackedExt3 inv = acc.inverse();
  for (std::size_t i = xs.size(); i-- > 0;) {
    const PackedExt3 x = xs[i];
    xs[i] = inv * prefix[i];
    inv *= x;
  }
  return true;
}

// Evaluates the AIR on kLanes consecutive points of a domain of `size` points whose next row is
// `step` points further (the trace domain: step 1; the LDE coset: step 2^log_blowup).
struct PointSet {
  std::size_t size, step;
  void rows(std::size_t i0, std::size_t* cur, std::size_t* next) const {
    // Indices wrap, so a domain smaller than kLanes (a 4-row trace with 8 lanes) still works:
    // the extra lanes repeat rows and their results are not stored.
    for (std::size_t l = 0; l < kLanes; ++l) {
      cur[l] = (i0 + l) & (size - 1);
      next[l] = (i0 + l + step) & (size - 1);
    }
  }
};

// Stage 2: helper columns and running sum on the trace domain (rows of n), and the bus sum.
Result<poly::RowMajorMatrix> stage2_trace(const Air& air, const AirShape& shape,
                                          const poly::RowMajorMatrix& main,
                                          const poly::RowMajorMatrix* fixed,
                                          std::span<const Fe> public_values,
                                          std::span<const Fe> instance_values,
                                          const LogupChallenges& ch, Ext3& bus_sum) {
  const std::size_t n = main.rows;
  const std::size_t h = shape.logup_columns.size();
  const std::size_t e = h + 1;
  const std::size_t k_count = shape.interactions.size();
  auto out = poly::RowMajorMatrix::zeros(n, 3 * e);
  std::vector<Ext3> row_sum(n);
  std::atomic<bool> zero_fingerprint{false};
  const std::size_t wm = shape.info.num_main, wf = shape.info.num_fixed;
  const unsigned log_n = static_cast<unsigned>(std::countr_zero(n));
  const Fe omega = Fe::two_adic_root(log_n);
  const Fe w_last = omega.inverse();
  const PointSet pts{n, 1};
  const std::size_t groups = (n + kLanes - 1) / kLanes;
  base::parallel_for_chunks(0, groups, 16, [&](std::size_t glo, std::size_t ghi) {
    ProverBuilder b(shape.info, public_values, instance_values, {});
    std::vector<PackedFe> cur(wm), nxt(wm), fcur(wf), fnxt(wf);
    constexpr std::size_t kBlock = 128;  // groups per batch inversion
    std::vector<PackedExt3> f(kBlock * k_count);
    std::vector<PackedFe> m(kBlock * k_count);
    Fe x = omega.pow(glo * kLanes);
    for (std::size_t g0 = glo; g0 < ghi; g0 += kBlock) {
      const std::size_t g1 = std::min(ghi, g0 + kBlock);
      for (std::size_t g = g0; g < g1; ++g) {
        std::size_t ci[kLanes], ni[kLanes];
        pts.rows(g * kLanes, ci, ni);
        gather(main, ci, cur.data());
        gather(main, ni, nxt.data());
        if (wf) {
          gather(*fixed, ci, fcur.data());
          gather(*fixed, ni, fnxt.data());
        }
        std::array<Fe, kLanes> first{}, last{}, trans{};
        for (std::size_t l = 0; l < kLanes; ++l) {
          first[l] = ci[l] == 0 ? Fe::one() : Fe::zero();
          last[l] = ci[l] == n - 1 ? Fe::one() : Fe::zero();
          trans[l] = x - w_last;
          x *= omega;
        }
        b.set_point(cur.data(), nxt.data(), fcur.data(), fnxt.data(),
                    {PackedFe::one(), load_lanes(first), load_lanes(last), load_lanes(trans)});
        air.eval(b);
        const InteractionBuffer<PackedFe>& in = b.interactions();
        ZISKC_CHECK(in.size() == k_count, "interaction count differs from the shape");
        for (std::size_t k = 0; k < k_count; ++k) {
          f[(g - g0) * k_count + k] = fingerprint<PackedFe, PackedExt3>(ch, in.bus(k), in.tuple(k));
          m[(g - g0) * k_count + k] = in.multiplicity(k);
        }
      }
      if (!batch_inverse_packed(std::span<PackedExt3>(f).first((g1 - g0) * k_count))) {
        zero_fingerprint = true;
        return;
      }
      for (std::size_t g = g0; g < g1; ++g) {
        const std::size_t base = (g - g0) * k_count;
        const std::size_t valid = std::min(kLanes, n - g * kLanes);
        PackedExt3 sum = PackedExt3::zero();
        for (std::size_t c = 0; c < h; ++c) {
          const LogupColumn& col = shape.logup_columns[c];
          PackedExt3 v = f[base + col.first] * m[base + col.first];
          if (col.second != LogupColumn::kNone) v += f[base + col.second] * m[base + col.second];
          const auto v0 = v.c0.to_array(), v1 = v.c1.to_array(), v2 = v.c2.to_array();
          for (std::size_t l = 0; l < valid; ++l) {
            Fe* o = out.values.data() + (g * kLanes + l) * 3 * e + 3 * c;
            o[0] = v0[l];
            o[1] = v1[l];
            o[2] = v2[l];
          }
          sum += v;
        }
        Ext3 sums[kLanes];
        sum.store(sums);
        for (std::size_t l = 0; l < valid; ++l) row_sum[g * kLanes + l] = sums[l];
      }
    }
  });
  if (zero_fingerprint) {
    return make_error(ErrorCode::kInternal, "air '{}': a bus fingerprint is zero", shape.info.name);
  }
  // Running sum in two parallel passes (field addition is exact, so the split does not change
  // a value): each chunk's total, then each chunk's prefix from the totals before it.
  const std::size_t chunks = std::max<std::size_t>(
      1, std::min<std::size_t>(static_cast<std::size_t>(base::num_threads()), n / 4096));
  std::vector<Ext3> chunk_total(chunks);
  base::parallel_for(0, chunks, [&](std::size_t c) {
    Ext3 t;
    for (std::size_t r = n * c / chunks; r < n * (c + 1) / chunks; ++r) t += row_sum[r];
    chunk_total[c] = t;
  });
  base::parallel_for(0, chunks, [&](std::size_t c) {
    Ext3 s;
    for (std::size_t k = 0; k < c; ++k) s += chunk_total[k];
    for (std::size_t r = n * c / chunks; r < n * (c + 1) / chunks; ++r) {
      s += row_sum[r];
      Fe* o = out.values.data() + r * 3 * e + 3 * h;
      for (int j = 0; j < 3; ++j) o[j] = s[j];
    }
  });
  Ext3 total;
  for (const Ext3& t : chunk_total) total += t;
  bus_sum = total;
  return out;
}

// Values of the quotient sum_k gamma^k C_k(x) / Z_H(x) on the LDE coset (N x 3).
poly::RowMajorMatrix quotient_values(const Air& air, const AirShape& shape, unsigned log_n,
                                     unsigned log_blowup, const CommittedTrace& main,
                                     const CommittedTrace* fixed, const CommittedTrace* s2,
                                     std::span<const Fe> public_values,
                                     std::span<const Fe> instance_values,
                                     std::span<const Ext3> gamma_powers, const LogupChallenges& ch,
                                     const Ext3& bus_sum) {
  const std::size_t n = std::size_t{1} << log_n;
  const unsigned log_big = log_n + log_blowup;
  const std::size_t big = std::size_t{1} << log_big;
  const std::size_t step = std::size_t{1} << log_blowup;
  const poly::Domain lde{log_big, kLdeShift};
  const Fe w_big = lde.generator();
  const Fe w_last = Fe::two_adic_root(log_n).inverse();
  const Fe n_inv = Fe::from_u64(n).inverse();
  // Z_H(x_i) = shift^n * omega_N^(i n) - 1 depends on i mod 2^b only.
  std::vector<Fe> zh(step), zh_inv(step);
  const Fe shift_n = kLdeShift.pow(n);
  for (std::size_t j = 0; j < step; ++j) {
    zh[j] = shift_n * Fe::two_adic_root(log_blowup).pow(j) - Fe::one();
    zh_inv[j] = zh[j].inverse();
  }
  auto q = poly::RowMajorMatrix::zeros(big, 3);
  const std::size_t wm = shape.info.num_main, wf = shape.info.num_fixed;
  const std::size_t e2 = shape.num_stage2_ext();
  const PointSet pts{big, step};
  static_assert(kLanes <= 8, "the LDE domain has at least 8 points (n >= 4, blowup >= 2)");
  const std::size_t groups = big / kLanes;
  base::parallel_for_chunks(0, groups, 16, [&](std::size_t glo, std::size_t ghi) {
    ProverBuilder b(shape.info, public_values, instance_values, gamma_powers);
    std::vector<PackedFe> cur(wm), nxt(wm), fcur(wf), fnxt(wf);
    std::vector<PackedExt3> s2c(e2), s2n(e2);
    // Points in blocks of kBlock groups: the selector denominators stay in cache (and are
    // not a fresh allocation the size of the domain).
    constexpr std::size_t kBlock = 512;
    std::vector<Fe> xs(kBlock * kLanes), d1(kBlock * kLanes), d2(kBlock * kLanes);
    for (std::size_t g = glo; g < ghi; ++g) {
      const std::size_t lo = (glo + (g - glo) / kBlock * kBlock) * kLanes;
      if (g * kLanes == lo) {
        const std::size_t len = (std::min(ghi, g + kBlock) - g) * kLanes;
        Fe x = lde.element(lo);
        for (std::size_t i = 0; i < len; ++i) {
          xs[i] = x;
          d1[i] = x - Fe::one();
          d2[i] = x - w_last;
          x *= w_big;
        }
        field::batch_inverse(std::span<Fe>(d1).first(len));
        field::batch_inverse(std::span<Fe>(d2).first(len));
      }
      std::size_t ci[kLanes], ni[kLanes];
      pts.rows(g * kLanes, ci, ni);
      gather(main.lde, ci, cur.data());
      gather(main.lde, ni, nxt.data());
      if (wf) {
        gather(fixed->lde, ci, fcur.data());
        gather(fixed->lde, ni, fnxt.data());
      }
      std::array<Fe, kLanes> l0, ln, tr, zi;
      for (std::size_t l = 0; l < kLanes; ++l) {
        const std::size_t i = ci[l] - lo;
        const Fe z = zh[ci[l] & (step - 1)];
        l0[l] = z * n_inv * d1[i];
        ln[l] = z * w_last * n_inv * d2[i];
        tr[l] = xs[i] - w_last;
        zi[l] = zh_inv[ci[l] & (step - 1)];
      }
      const std::array<PackedFe, 4> sel = {PackedFe::one(), load_lanes(l0), load_lanes(ln),
                                           load_lanes(tr)};
      b.set_point(cur.data(), nxt.data(), fcur.data(), fnxt.data(), sel);
      air.eval(b);
      if (e2 > 0) {
        gather_ext(s2->lde, ci, s2c.data());
        gather_ext(s2->lde, ni, s2n.data());
        eval_logup_constraints<PackedFe, PackedExt3>(
            shape, ch, b.interactions(), std::span<const PackedExt3>(s2c),
            std::span<const PackedExt3>(s2n), bus_sum,
            [&](ConstraintKind k, const PackedExt3& v) { b.add(k, v); });
      }
      ZISKC_DCHECK(b.num_constraints() == gamma_powers.size(), "constraint count");
      const PackedExt3 c = b.accumulated(ConstraintKind::kEveryRow) +
                           b.accumulated(ConstraintKind::kFirstRow) * sel[1] +
                           b.accumulated(ConstraintKind::kLastRow) * sel[2] +
                           b.accumulated(ConstraintKind::kTransition) * sel[3];
      const PackedExt3 v = c * load_lanes(zi);
      const auto v0 = v.c0.to_array(), v1 = v.c1.to_array(), v2 = v.c2.to_array();
      for (std::size_t l = 0; l < kLanes; ++l) {
        Fe* o = q.values.data() + ci[l] * 3;
        o[0] = v0[l];
        o[1] = v1[l];
        o[2] = v2[l];
      }
    }
  });
  return q;
}

}  // namespace

Result<Stage1> commit_stage1(const ProvingKey& pk, const InstanceSpec& spec,
                             std::span<const Fe> public_values, const ProverOptions& options,
                             ProverTimings* timings) {
  ZISKC_RETURN_IF_ERROR(check_spec(pk, spec, public_values));
  Timer tw(field_of(timings, &ProverTimings::witness));
  ZISKC_ASSIGN_OR_RETURN(poly::RowMajorMatrix trace, run_witness(pk, spec));
  tw.stop();
  if (options.check_constraints) {
    const CommittedTrace* fixed = pk.find_fixed(spec.air_id, spec.log_height);
    ZISKC_RETURN_IF_ERROR(check_constraints(*pk.airs[spec.air_id], 0, trace,
                                            fixed ? &fixed->trace : nullptr, public_values,
                                            spec.instance_values));
  }
  ZISKC_ASSIGN_OR_RETURN(CommittedTrace c, commit_main(pk, std::move(trace), timings));
  Stage1 s;
  s.header = {spec.air_id, spec.log_height, spec.instance_values, c.root()};
  if (options.keep_stage1) s.main = std::make_unique<CommittedTrace>(std::move(c));
  return s;
}

Result<InstanceProof> prove_instance_rest(const ProvingKey& pk, const InstanceSpec& spec,
                                          std::size_t position, Stage1& stage1,
                                          const GlobalChallenges& g,
                                          std::span<const Fe> public_values,
                                          const ProverOptions& options, ProverTimings* timings) {
  ZISKC_RETURN_IF_ERROR(check_spec(pk, spec, public_values));
  const Air& air = *pk.airs[spec.air_id];
  const AirShape& shape = pk.shapes[spec.air_id];
  const StarkParams& params = pk.params;
  const unsigned log_n = spec.log_height;
  const std::size_t n = std::size_t{1} << log_n;
  const unsigned log_big = log_n + params.log_blowup;
  const std::size_t big = std::size_t{1} << log_big;
  if (!stage1.main) {
    Timer tw(field_of(timings, &ProverTimings::witness));
    ZISKC_ASSIGN_OR_RETURN(poly::RowMajorMatrix trace, run_witness(pk, spec));
    tw.stop();
    ZISKC_ASSIGN_OR_RETURN(CommittedTrace c, commit_main(pk, std::move(trace), timings));
    if (!(c.root() == stage1.header.stage1_root)) {
      return make_error(ErrorCode::kInternal,
                        "air '{}': the witness callback returned a different trace the second "
                        "time",
                        air.info().name);
    }
    stage1.main = std::make_unique<CommittedTrace>(std::move(c));
  }
  const CommittedTrace& main = *stage1.main;
  const CommittedTrace* fixed = pk.find_fixed(spec.air_id, spec.log_height);

  InstanceProof proof;
  proof.air_id = spec.air_id;
  proof.log_height = spec.log_height;
  proof.instance_values = spec.instance_values;
  proof.stage1_root = stage1.header.stage1_root;
  hash::Transcript t = instance_transcript(g, position);
  const LogupChallenges ch = LogupChallenges::make(g.alpha, g.beta, shape.max_tuple_len);
  const bool unchecked = options.unchecked_for_tests || options.tamper_stage2_for_tests ||
                         options.tamper_openings_for_tests;

  // Stage 2.
  std::optional<CommittedTrace> s2;
  if (shape.has_stage2()) {
    Timer ts(field_of(timings, &ProverTimings::stage2));
    Ext3 bus_sum;
    ZISKC_ASSIGN_OR_RETURN(poly::RowMajorMatrix s2t,
                           stage2_trace(air, shape, main.trace, fixed ? &fixed->trace : nullptr,
                                        public_values, spec.instance_values, ch, bus_sum));
    if (options.tamper_stage2_for_tests) {
      const TamperContext ctx{.position = position,
                              .air_id = spec.air_id,
                              .log_height = spec.log_height,
                              .public_values = public_values,
                              .instance_values = spec.instance_values,
                              .alpha = g.alpha,
                              .beta = g.beta};
      options.tamper_stage2_for_tests(ctx, s2t, bus_sum);
    }
    // Leaves of consecutive rows (hashed in place, no leaf copy; docs/STARK.md section 2).
    s2.emplace();
    s2->log_height = log_n;
    s2->lde = poly::coset_lde(s2t, params.log_blowup, kLdeShift, poly::RowOrder::kNatural);
    s2->trace = std::move(s2t);
    ZISKC_RETURN_IF_ERROR(build_tree(*s2, rows_per_leaf(s2->lde.cols), /*consecutive=*/true));
    proof.has_stage2 = true;
    proof.stage2_root = s2->root();
    proof.bus_sum = bus_sum;
    t.absorb(proof.stage2_root);
    t.absorb(proof.bus_sum);
  }

  // Quotient.
  Timer tq(field_of(timings, &ProverTimings::quotient));
  const Ext3 gamma = t.squeeze_ext3();
  std::vector<Ext3> gamma_powers(shape.num_constraints_total());
  Ext3 gp = Ext3::one();
  for (Ext3& x : gamma_powers) {
    x = gp;
    gp *= gamma;
  }
  poly::RowMajorMatrix qv =
      quotient_values(air, shape, log_n, params.log_blowup, main, fixed, s2 ? &*s2 : nullptr,
                      public_values, spec.instance_values, gamma_powers, ch, proof.bus_sum);
  poly::intt_columns(qv);  // coefficients of Q(shift * X)
  const std::size_t nq = shape.num_quotient_chunks;
  const Fe shift_inv = kLdeShift.inverse();
  auto chunks = poly::RowMajorMatrix::zeros(n, 3 * nq);  // coefficients, chunk-major columns
  {
    // Coefficient j of Q is qv[j] * shift^-j; the rows are split in parallel ranges, each
    // starting from its own power of shift^-1.
    std::atomic<bool> too_high{false};
    base::parallel_for_chunks(0, big, 1 << 14, [&](std::size_t lo, std::size_t hi) {
      Fe s = shift_inv.pow(lo);
      for (std::size_t j = lo; j < hi; ++j) {
        for (int e = 0; e < 3; ++e) {
          const Fe c = qv.at(j, e) * s;
          if (j < nq * n) {
            chunks.at(j % n, 3 * (j / n) + e) = c;
          } else if (!c.is_zero()) {
            too_high.store(true, std::memory_order_relaxed);
          }
        }
        s *= shift_inv;
      }
    });
    if (too_high && !unchecked) {
      return make_error(ErrorCode::kInvalidArgument,
                        "air '{}' instance at position {}: the witness does not satisfy the "
                        "constraints (quotient degree too high; the row checker names the "
                        "failing constraint)",
                        air.info().name, position);
    }
  }
  qv = {};
  CommittedTrace q;
  q.log_height = log_n;
  q.lde =
      poly::coset_ntt_from_coeffs(chunks, params.log_blowup, kLdeShift, poly::RowOrder::kNatural);
  q.trace = std::move(chunks);
  ZISKC_RETURN_IF_ERROR(build_tree(q, rows_per_leaf(q.lde.cols), /*consecutive=*/true));
  proof.quotient_root = q.root();
  t.absorb(proof.quotient_root);
  tq.stop();

  // Out-of-domain openings.
  Timer to(field_of(timings, &ProverTimings::openings));
  const Ext3 zeta = t.squeeze_ext3();
  const poly::Domain h{log_n, Fe::one()};
  if (h.vanishing_at(zeta).is_zero() || (zeta[1].is_zero() && zeta[2].is_zero())) {
    return make_error(ErrorCode::kInternal, "out-of-domain point fell in the base field");
  }
  const Ext3 zeta_next = zeta * h.generator();
  Openings& o = proof.openings;
  // zeta and zeta * omega in one pass per matrix (one set of barycentric weights).
  auto open_pair = [&](const poly::RowMajorMatrix& m, std::vector<Ext3>& at_z,
                       std::vector<Ext3>& at_zw) {
    poly::ColumnPairValues v = poly::evaluate_columns_at_pair(m, h, zeta);
    at_z = std::move(v.at_z);
    at_zw = std::move(v.at_z_omega);
  };
  if (fixed) open_pair(fixed->trace, o.fixed_z, o.fixed_zw);
  open_pair(main.trace, o.main_z, o.main_zw);
  if (s2) open_pair(s2->trace, o.stage2_z, o.stage2_zw);
  {
    std::vector<Fe> col(n);
    for (std::size_t c = 0; c < q.trace.cols; ++c) {
      for (std::size_t r = 0; r < n; ++r) col[r] = q.trace.at(r, c);
      o.quotient_z.push_back(poly::evaluate_coeffs(col, zeta));
    }
  }
  if (options.tamper_openings_for_tests) {
    const TamperContext ctx{.position = position,
                            .air_id = spec.air_id,
                            .log_height = spec.log_height,
                            .public_values = public_values,
                            .instance_values = spec.instance_values,
                            .alpha = g.alpha,
                            .beta = g.beta,
                            .gamma = gamma,
                            .zeta = zeta,
                            .bus_sum = proof.bus_sum};
    options.tamper_openings_for_tests(ctx, o);
  }
  for (const auto* v :
       {&o.fixed_z, &o.fixed_zw, &o.main_z, &o.main_zw, &o.stage2_z, &o.stage2_zw, &o.quotient_z}) {
    for (const Ext3& x : *v) t.absorb(x);
  }
  const Ext3 lambda = t.squeeze_ext3();
  to.stop();

  // DEEP composition on the LDE coset.
  Timer tf(field_of(timings, &ProverTimings::fri));
  std::vector<const CommittedTrace*> trees;
  if (fixed) trees.push_back(fixed);
  trees.push_back(&main);
  if (s2) trees.push_back(&*s2);
  const std::size_t num_shifted = trees.size();  // trees opened at zeta * omega too
  trees.push_back(&q);
  std::vector<Ext3> lambda_pow;
  Ext3 a1z, a2zw;
  {
    std::vector<const std::vector<Ext3>*> z_open = {&o.fixed_z, &o.main_z, &o.stage2_z,
                                                    &o.quotient_z};
    std::vector<const std::vector<Ext3>*> zw_open = {&o.fixed_zw, &o.main_zw, &o.stage2_zw};
    Ext3 lp = Ext3::one();
    for (const auto* v : z_open) {
      for (const Ext3& x : *v) {
        lambda_pow.push_back(lp);
        a1z += lp * x;
        lp *= lambda;
      }
    }
    std::size_t j = 0;
    for (const auto* v : zw_open) {
      for (const Ext3& x : *v) a2zw += lambda_pow[j++] * x;
    }
    lambda_pow.push_back(lp);  // lambda^J1 scales the zeta*omega part
  }
  const Ext3 lambda_j1 = lambda_pow.back();
  std::vector<Ext3> deep(big);
  const poly::Domain lde{log_big, kLdeShift};
  // Packed: kLanes points at a time, one broadcast lambda^j per column.
  std::vector<PackedExt3> lambda_packed;
  std::vector<std::array<PackedFe, 3>> lambda_hi;  // high halves for the lazy products
  for (const Ext3& l : lambda_pow) {
    lambda_packed.push_back(PackedExt3::broadcast(l));
    lambda_hi.push_back({PackedFe::broadcast(Fe::from_canonical(l[0].value() >> 32)),
                         PackedFe::broadcast(Fe::from_canonical(l[1].value() >> 32)),
                         PackedFe::broadcast(Fe::from_canonical(l[2].value() >> 32))});
  }
  const PackedExt3 a1z_p = PackedExt3::broadcast(a1z), a2zw_p = PackedExt3::broadcast(a2zw),
                   lambda_j1_p = PackedExt3::broadcast(lambda_j1);
  // 1/(x - z) for base-field x without extension inversions: with z' = z^p, z'' = z^(p^2)
  // and m_z(X) = (X - z)(X - z')(X - z'') (z's minimal polynomial, coefficients in F_p, no
  // root in F_p since z is not in F_p), 1/(x - z) = (x^2 - (z' + z'') x + z' z'') / m_z(x).
  // One base-field batch inversion of m_zeta(x) * m_zeta_omega(x) serves both denominators.
  struct Conj {
    Fe c2, c1, c0;  // m_z(X) = X^3 - c2 X^2 + c1 X - c0
    Ext3 s, t;      // z' + z'', z' z''
    Fe m(Fe x) const { return ((x - c2) * x + c1) * x - c0; }
  };
  auto conj = [](const Ext3& z) {
    const Ext3 z1 = z.frobenius(), z2 = z1.frobenius();
    const Ext3 c2 = z + z1 + z2, c1 = z * z1 + z * z2 + z1 * z2, c0 = z * z1 * z2;
    ZISKC_CHECK(c2[1].is_zero() && c2[2].is_zero() && c1[1].is_zero() && c1[2].is_zero() &&
                    c0[1].is_zero() && c0[2].is_zero(),
                "minimal polynomial coefficients outside the base field");
    return Conj{c2[0], c1[0], c0[0], z1 + z2, z1 * z2};
  };
  const Conj cz = conj(zeta), czw = conj(zeta_next);
  base::parallel_for_chunks(0, big / kLanes, 128, [&](std::size_t glo, std::size_t ghi) {
    // Denominators in blocks of kBlock groups (cache-resident, allocated once per worker).
    constexpr std::size_t kBlock = 512;
    std::vector<Ext3> inv_z(kBlock * kLanes), inv_zw(kBlock * kLanes);
    std::vector<Fe> mz(kBlock * kLanes), mzw(kBlock * kLanes), prod(kBlock * kLanes);
    const Fe w = lde.generator();
    std::size_t lo = 0;
    std::vector<PackedFe> cols;
    for (std::size_t gi = glo; gi < ghi; ++gi) {
      if ((gi - glo) % kBlock == 0) {
        lo = gi * kLanes;
        const std::size_t len = (std::min(ghi, gi + kBlock) - gi) * kLanes;
        Fe x = lde.element(lo);
        for (std::size_t i = 0; i < len; ++i) {
          mz[i] = cz.m(x);
          mzw[i] = czw.m(x);
          prod[i] = mz[i] * mzw[i];
          x *= w;
        }
        // Never zero: m_zeta and m_zeta_omega have no root in F_p.
        field::batch_inverse(std::span<Fe>(prod).first(len));
        x = lde.element(lo);
        for (std::size_t i = 0; i < len; ++i) {
          const Ext3 x2(x * x);
          inv_z[i] = (x2 - cz.s * x + cz.t) * (mzw[i] * prod[i]);
          inv_zw[i] = (x2 - czw.s * x + czw.t) * (mz[i] * prod[i]);
          x *= w;
        }
      }
      std::size_t rows[kLanes];
      for (std::size_t l = 0; l < kLanes; ++l) rows[l] = gi * kLanes + l;
      // sum_j lambda^j f_j(x) as lazy dot products (one reduction per coefficient).
      std::array<lanes::PackedDotAccumulator, 3> l2{}, lq{};
      std::size_t j = 0;
      for (std::size_t tr = 0; tr < trees.size(); ++tr) {
        const poly::RowMajorMatrix& m = trees[tr]->lde;
        cols.resize(m.cols);
        gather(m, rows, cols.data());
        auto& acc = tr < num_shifted ? l2 : lq;
        for (std::size_t c = 0; c < m.cols; ++c, ++j) {
          acc[0].add_product(cols[c], lambda_packed[j].c0, lambda_hi[j][0]);
          acc[1].add_product(cols[c], lambda_packed[j].c1, lambda_hi[j][1]);
          acc[2].add_product(cols[c], lambda_packed[j].c2, lambda_hi[j][2]);
        }
      }
      const PackedExt3 a2{l2[0].reduce(), l2[1].reduce(), l2[2].reduce()};
      const PackedExt3 aq{lq[0].reduce(), lq[1].reduce(), lq[2].reduce()};
      const std::size_t off = gi * kLanes - lo;
      const PackedExt3 d = (a2 + aq - a1z_p) * PackedExt3::load(inv_z.data() + off) +
                           lambda_j1_p * ((a2 - a2zw_p) * PackedExt3::load(inv_zw.data() + off));
      d.store(deep.data() + gi * kLanes);
    }
  });
  const FriLayout layout = fri_layout(log_n, params);
  ZISKC_ASSIGN_OR_RETURN(FriProver fri,
                         FriProver::commit(std::move(deep), layout, t, proof.fri_roots,
                                           proof.final_poly, /*truncate_for_tests=*/unchecked));
  tf.stop();

  // Grinding and queries.
  Timer tqr(field_of(timings, &ProverTimings::queries));
  proof.pow_nonce = params.grinding_bits > 0 ? t.grind(params.grinding_bits) : 0;
  t.absorb_u64(proof.pow_nonce);
  const std::vector<std::uint64_t> idx = t.squeeze_indices(params.num_queries, log_big);
  proof.queries.resize(idx.size());
  base::parallel_for(0, idx.size(), [&](std::size_t qi) {
    QueryProof& qp = proof.queries[qi];
    for (const CommittedTrace* tr : trees) {
      qp.trees.push_back(tr->open(idx[qi]));
    }
    qp.fri_layers = fri.open(idx[qi]);
  });
  return proof;
}

Result<Proof> prove(const ProvingKey& pk, std::span<const Fe> public_values,
                    std::span<const InstanceSpec> specs, const ProverOptions& options,
                    ProverTimings* timings) {
  std::vector<std::uint32_t> ids;
  for (const InstanceSpec& s : specs) ids.push_back(s.air_id);
  ZISKC_RETURN_IF_ERROR(instance_indices(ids).status());
  std::vector<Stage1> stage1;
  std::vector<InstanceHeader> headers;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    auto s = commit_stage1(pk, specs[i], public_values, options, timings);
    if (!s.is_ok()) return s.status().within(fmt::format("instance {}", i));
    headers.push_back(s->header);
    stage1.push_back(std::move(s).value());
  }
  const GlobalChallenges g =
      derive_global_challenges(pk.params, pk.vk_digest, public_values, headers);
  Proof proof;
  proof.params = pk.params;
  proof.vk_digest = pk.vk_digest;
  proof.public_values.assign(public_values.begin(), public_values.end());
  Ext3 total;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    auto ip = prove_instance_rest(pk, specs[i], i, stage1[i], g, public_values, options, timings);
    if (!ip.is_ok()) return ip.status().within(fmt::format("instance {}", i));
    total += ip->bus_sum;
    proof.instances.push_back(std::move(ip).value());
    stage1[i].main.reset();  // free the instance's stage-1 data
  }
  if (options.direct_terms) {
    for (const DirectTerm& d : *options.direct_terms) {
      ZISKC_ASSIGN_OR_RETURN(Ext3 term, logup_term(g.alpha, g.beta, d));
      total += term;
    }
    if (!total.is_zero()) {
      return make_error(ErrorCode::kInvalidArgument,
                        "the buses do not balance (sum of bus sums and direct terms is not zero; "
                        "the bus debugger lists the unbalanced messages)");
    }
  }
  return proof;
}

}  // namespace ziskc::stark
