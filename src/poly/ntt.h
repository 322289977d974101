// Number-theoretic transforms over Goldilocks on single vectors and on the columns of a
// row-major matrix (each column one polynomial), plus the coset low-degree extension a STARK
// commits to.
//
// Conventions: a vector of n = 2^k values is either coefficients c_0..c_{n-1} or evaluations
// v_i = p(omega_n^i) in natural order, omega_n = Fe::two_adic_root(k). Every function acts on
// all columns, runs in parallel through base/parallel.h and checks its arguments (sizes are
// powers of two up to 2^Fe::kTwoAdicity) with ZISKC_CHECK: these are internal parameters, not
// untrusted input.
#pragma once

#include <cstdint>
#include <span>

#include "poly/matrix.h"

namespace ziskc::poly {

// Coefficients -> evaluations on <omega_n>, natural order in and out (n = v.size()).
void ntt(std::span<Fe> v);
// Evaluations on <omega_n> -> coefficients (the inverse of ntt).
void intt(std::span<Fe> v);

// The same on every column of m (n = m.rows).
void ntt_columns(RowMajorMatrix& m);   // coefficients -> evaluations on <omega_rows>
void intt_columns(RowMajorMatrix& m);  // evaluations -> coefficients

// Permutes the rows: row i <-> row bit_reverse(i, log2(rows)).
void bit_reverse_rows(RowMajorMatrix& m);

enum class RowOrder { kNatural, kBitReversed };

// Column evaluations on <omega_n> (n = rows, natural order) -> evaluations on the coset
// shift * <omega_N>, N = n << log_blowup: row i of the result holds p(shift * omega_N^j) with
// j = i (kNatural) or j = bit_reverse(i, log2 N) (kBitReversed).
RowMajorMatrix coset_lde(const RowMajorMatrix& evals, unsigned log_blowup, Fe shift,
                         RowOrder order);
// Same from coefficients (rows = number of coefficients, a power of two; zero-extended).
RowMajorMatrix coset_ntt_from_coeffs(const RowMajorMatrix& coeffs, unsigned log_blowup, Fe shift,
                                     RowOrder order);

// The same two, writing into `out` (resized to (rows << log_blowup) x cols). Storage whose size
// already matches is reused as is, without allocation or zero fill: for callers that extend
// many matrices of one shape. `out` must not alias the input.
void coset_lde_into(const RowMajorMatrix& evals, unsigned log_blowup, Fe shift, RowOrder order,
                    RowMajorMatrix& out);
void coset_ntt_from_coeffs_into(const RowMajorMatrix& coeffs, unsigned log_blowup, Fe shift,
                                RowOrder order, RowMajorMatrix& out);

// bit_reverse(i, bits): the low `bits` bits of i in reverse order (bits <= 64).
constexpr std::size_t bit_reverse(std::size_t i, unsigned bits) {
  if (bits == 0) return 0;
  std::uint64_t x = i;
  x = ((x >> 1) & 0x5555555555555555ull) | ((x & 0x5555555555555555ull) << 1);
  x = ((x >> 2) & 0x3333333333333333ull) | ((x & 0x3333333333333333ull) << 2);
  x = ((x >> 4) & 0x0F0F0F0F0F0F0F0Full) | ((x & 0x0F0F0F0F0F0F0F0Full) << 4);
  x = __builtin_bswap64(x);
  return static_cast<std::size_t>(x >> (64 - bits));
}

}  // namespace ziskc::poly
