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

}  // namespace ziskc::poly
