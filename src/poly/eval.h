// Polynomial evaluation at a point of the cubic extension: from coefficients (Horner) and from
// evaluations on a domain (barycentric formula), the out-of-domain step of a STARK.
#pragma once

#include <span>
#include <vector>

#include "poly/domain.h"
#include "poly/matrix.h"

namespace ziskc::poly {

// sum_i coeffs[i] * z^i (Horner); zero for an empty span.
Ext3 evaluate_coeffs(std::span<const Fe> coeffs, Ext3 z);
Ext3 evaluate_coeffs(std::span<const Ext3> coeffs, Ext3 z);

// Value at z (z not in the domain) of each column's interpolant from its evaluations on the
// domain d (rows = d.size(), natural order): barycentric, parallel over rows.
//   p(z) = Z_d(z) / n * sum_i y_i * x_i / (z - x_i),  x_i = d.element(i).
std::vector<Ext3> evaluate_columns_at(const RowMajorMatrix& evals, const Domain& d, Ext3 z);

// The values at z and at z * omega (omega = d.generator()) of every column, in one pass over
// the rows with one set of weights: x_i / (z*omega - x_i) = w_{i-1} with w_i = x_i / (z - x_i),
// and Z_d(z*omega) = Z_d(z), so p(z*omega) = Z_d(z) / n * sum_i y_{i+1} * w_i (indices mod n).
// Neither z nor z * omega may lie in the domain (they do not both: z does iff z * omega does).
struct ColumnPairValues {
  std::vector<Ext3> at_z, at_z_omega;
};
ColumnPairValues evaluate_columns_at_pair(const RowMajorMatrix& evals, const Domain& d, Ext3 z);

}  // namespace ziskc::poly
