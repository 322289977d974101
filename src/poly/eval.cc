// Horner and barycentric evaluation (see eval.h).
//
// Both split their input into contiguous chunks, one per worker: Horner evaluates each chunk
// and recombines with powers of z; the barycentric sum computes its weights x_i / (z - x_i)
// with one batch inversion per chunk and accumulates y_i * w_i per column in the lazy 192-bit
// form (FeAccumulator), one reduction per column and chunk.
#include "poly/eval.h"

#include <algorithm>
#include <array>

#include "base/check.h"
#include "base/parallel.h"

namespace ziskc::poly {
namespace {

constexpr std::size_t kHornerChunk = std::size_t{1} << 14;

template <class C>
Ext3 horner(std::span<const C> coeffs, Ext3 z) {
  Ext3 acc = Ext3::zero();
  for (std::size_t i = coeffs.size(); i-- > 0;) acc = acc * z + coeffs[i];
  return acc;
}

template <class C>
Ext3 evaluate_parallel(std::span<const C> coeffs, Ext3 z) {
  const std::size_t n = coeffs.size();
  if (n <= kHornerChunk) return horner(coeffs, z);
  const std::size_t chunks = (n + kHornerChunk - 1) / kHornerChunk;
  std::vector<Ext3> parts(chunks);
  base::parallel_for(0, chunks, [&](std::size_t c) {
    const std::size_t lo = c * kHornerChunk;
    const std::size_t len = std::min(kHornerChunk, n - lo);
    parts[c] = horner(coeffs.subspan(lo, len), z) * z.pow(lo);
  });
  Ext3 sum = Ext3::zero();
  for (const Ext3& p : parts) sum += p;
  return sum;
}

}  // namespace

Ext3 evaluate_coeffs(std::span<const Fe> coeffs, Ext3 z) { return evaluate_parallel(coeffs, z); }
Ext3 evaluate_coeffs(std::span<const Ext3> coeffs, Ext3 z) { return evaluate_parallel(coeffs, z); }

namespace {

// Barycentric sums over rows [lo, hi) for one point (kPair = false: sum_i y_i w_i) or for z and
// z * omega (kPair: also sum_i y_{i+1} w_i, the row after hi - 1 being row (hi mod n)).
template <bool kPair>
void barycentric_chunk(const RowMajorMatrix& evals, const Domain& d, Ext3 z, std::size_t lo,
                       std::size_t hi, Ext3* out_z, Ext3* out_zw) {
  const std::size_t n = d.size();
  const std::size_t cols = evals.cols;
  const Fe omega = d.generator();
  // Weights x_i / (z - x_i) for i in [lo, hi).
  std::vector<Ext3> w(hi - lo);
  Fe x = d.shift * omega.pow(lo);
  for (std::size_t i = lo; i < hi; ++i, x *= omega) w[i - lo] = z - x;
  field::batch_inverse(std::span<Ext3>(w));
  x = d.shift * omega.pow(lo);
  for (std::size_t i = lo; i < hi; ++i, x *= omega) {
    ZISKC_CHECK(!w[i - lo].is_zero(), "evaluation point lies in the domain");
    w[i - lo] *= x;
  }
  std::vector<std::array<field::FeAccumulator, 3>> acc(cols), acc_next(kPair ? cols : 0);
  for (std::size_t i = lo; i < hi; ++i) {
    const Ext3 wi = w[i - lo];
    const Fe* row = evals.values.data() + i * cols;
    for (std::size_t c = 0; c < cols; ++c) {
      acc[c][0].add_product(row[c], wi[0]);
      acc[c][1].add_product(row[c], wi[1]);
      acc[c][2].add_product(row[c], wi[2]);
    }
    if constexpr (kPair) {
      const Fe* next = evals.values.data() + ((i + 1) & (n - 1)) * cols;
      for (std::size_t c = 0; c < cols; ++c) {
        acc_next[c][0].add_product(next[c], wi[0]);
        acc_next[c][1].add_product(next[c], wi[1]);
        acc_next[c][2].add_product(next[c], wi[2]);
      }
    }
  }
  for (std::size_t c = 0; c < cols; ++c) {
    out_z[c] = Ext3(acc[c][0].reduce(), acc[c][1].reduce(), acc[c][2].reduce());
    if constexpr (kPair) {
      out_zw[c] = Ext3(acc_next[c][0].reduce(), acc_next[c][1].reduce(), acc_next[c][2].reduce());
    }
  }
}

void check_barycentric_args(const RowMajorMatrix& evals, const Domain& d) {
  ZISKC_CHECK(evals.rows == d.size(), "evaluation rows must equal the domain size");
  ZISKC_CHECK(evals.values.size() == evals.rows * evals.cols, "matrix size mismatch");
  ZISKC_CHECK(!d.shift.is_zero(), "domain shift must be non-zero");
}

std::size_t barycentric_chunks(std::size_t n) {
  const std::size_t threads = static_cast<std::size_t>(base::num_threads());
  return std::max<std::size_t>(1, std::min(threads, n / 1024));
}

}  // namespace

ColumnPairValues evaluate_columns_at_pair(const RowMajorMatrix& evals, const Domain& d, Ext3 z) {
  check_barycentric_args(evals, d);
  const std::size_t n = d.size(), cols = evals.cols;
  const std::size_t chunks = barycentric_chunks(n);
  std::vector<Ext3> pz(chunks * cols), pzw(chunks * cols);
  base::parallel_for(0, chunks, [&](std::size_t ch) {
    barycentric_chunk<true>(evals, d, z, n * ch / chunks, n * (ch + 1) / chunks,
                            pz.data() + ch * cols, pzw.data() + ch * cols);
  });
  const Ext3 scale = d.vanishing_at(z) * Fe::from_u64(n).inverse();
  ColumnPairValues r{std::vector<Ext3>(cols), std::vector<Ext3>(cols)};
  for (std::size_t ch = 0; ch < chunks; ++ch) {
    for (std::size_t c = 0; c < cols; ++c) {
      r.at_z[c] += pz[ch * cols + c];
      r.at_z_omega[c] += pzw[ch * cols + c];
    }
  }
  for (std::size_t c = 0; c < cols; ++c) {
    r.at_z[c] *= scale;
    r.at_z_omega[c] *= scale;
  }
  return r;
}

std::vector<Ext3> evaluate_columns_at(const RowMajorMatrix& evals, const Domain& d, Ext3 z) {
  check_barycentric_args(evals, d);
  const std::size_t n = d.size(), cols = evals.cols;
  const std::size_t chunks = barycentric_chunks(n);
  std::vector<Ext3> partial(chunks * cols);
  base::parallel_for(0, chunks, [&](std::size_t ch) {
    barycentric_chunk<false>(evals, d, z, n * ch / chunks, n * (ch + 1) / chunks,
                             partial.data() + ch * cols, nullptr);
  });
  const Ext3 scale = d.vanishing_at(z) * Fe::from_u64(n).inverse();
  std::vector<Ext3> sums(cols, Ext3::zero());
  for (std::size_t ch = 0; ch < chunks; ++ch)
    for (std::size_t c = 0; c < cols; ++c) sums[c] += partial[ch * cols + c];
  for (auto& s : sums) s *= scale;
  return sums;
}

}  // namespace ziskc::poly
