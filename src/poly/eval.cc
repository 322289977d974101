// Horner and barycentric evaluation (see eval.h).
#include "poly/eval.h"

#include <algorithm>

#include "base/check.h"
#include "base/parallel.h"

namespace ziskc::poly {
namespace {

// Montgomery batch inversion over Ext3 (no zeros expected: z is outside the domain).
void batch_inverse_ext(std::span<Ext3> xs) {
  std::vector<Ext3> prefix(xs.size());
  Ext3 acc = Ext3::one();
  for (std::size_t i = 0; i < xs.size(); ++i) {
    prefix[i] = acc;
    acc *= xs[i];
  }
  Ext3 inv = acc.inverse();
  for (std::size_t i = xs.size(); i-- > 0;) {
    const Ext3 x = xs[i];
    xs[i] = inv * prefix[i];
    inv *= x;
  }
}

}  // namespace

Ext3 evaluate_coeffs(std::span<const Fe> coeffs, Ext3 z) {
  Ext3 acc = Ext3::zero();
  for (std::size_t i = coeffs.size(); i-- > 0;) acc = acc * z + coeffs[i];
  return acc;
}

Ext3 evaluate_coeffs(std::span<const Ext3> coeffs, Ext3 z) {
  Ext3 acc = Ext3::zero();
  for (std::size_t i = coeffs.size(); i-- > 0;) acc = acc * z + coeffs[i];
  return acc;
}

std::vector<Ext3> evaluate_columns_at(const RowMajorMatrix& evals, const Domain& d, Ext3 z) {
  ZISKC_CHECK(evals.rows == d.size(), "evaluation rows must equal the domain size");
  ZISKC_CHECK(evals.values.size() == evals.rows * evals.cols, "matrix size mismatch");
  const std::size_t n = d.size();
  const std::size_t cols = evals.cols;
  // weights[i] = x_i / (z - x_i).
  std::vector<Ext3> weights(n);
  const Fe omega = d.generator();
  Fe x = d.shift;
  for (std::size_t i = 0; i < n; ++i, x *= omega) weights[i] = z - x;
  batch_inverse_ext(weights);
  x = d.shift;
  for (std::size_t i = 0; i < n; ++i, x *= omega) weights[i] = weights[i] * x;
  ZISKC_CHECK(std::none_of(weights.begin(), weights.end(), [](Ext3 w) { return w.is_zero(); }),
              "evaluation point lies in the domain");
  std::vector<Ext3> sums(cols, Ext3::zero());
  for (std::size_t i = 0; i < n; ++i) {
    const auto row = evals.row(i);
    for (std::size_t c = 0; c < cols; ++c) sums[c] += weights[i] * row[c];
  }
  const Ext3 scale = d.vanishing_at(z) * Fe::from_u64(n).inverse();
  for (auto& s : sums) s *= scale;
  return sums;
}

}  // namespace ziskc::poly
