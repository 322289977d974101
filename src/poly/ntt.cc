// NTT, version 1: radix-2 decimation in frequency over whole rows (natural -> bit-reversed),
// followed by a row bit-reversal; parallel within each layer. Correct reference shape; the
// blocked SIMD kernels replace the inner loops.
#include "poly/ntt.h"

#include <algorithm>
#include <utility>

#include "base/check.h"
#include "base/parallel.h"

namespace ziskc::poly {
namespace {

unsigned log2_exact(std::size_t n) {
  ZISKC_CHECK(n != 0 && (n & (n - 1)) == 0, "NTT size must be a power of two");
  unsigned k = 0;
  while ((std::size_t{1} << k) < n) ++k;
  ZISKC_CHECK(k <= Fe::kTwoAdicity, "NTT size above 2^32");
  return k;
}

// In-place DIF over rows: data holds n rows of `cols` values; on return row i holds the
// transform's output bit_reverse(i). root is a primitive n-th root of unity.
void dif_rows(Fe* data, std::size_t n, std::size_t cols, Fe root) {
  for (std::size_t h = n / 2; h >= 1; h /= 2) {
    // Twiddles of this layer: root_{2h}^j, j < h.
    std::vector<Fe> tw(h);
    Fe w = root;
    for (std::size_t m = n; m > 2 * h; m /= 2) w = w.square();
    Fe t = Fe::one();
    for (std::size_t j = 0; j < h; ++j, t *= w) tw[j] = t;
    base::parallel_for_chunks(0, n / 2, 64, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t k = lo; k < hi; ++k) {
        const std::size_t j = k % h;
        const std::size_t i0 = (k / h) * 2 * h + j;
        Fe* a = data + i0 * cols;
        Fe* b = data + (i0 + h) * cols;
        for (std::size_t c = 0; c < cols; ++c) {
          const Fe x = a[c], y = b[c];
          a[c] = x + y;
          b[c] = (x - y) * tw[j];
        }
      }
    });
  }
}

void bit_reverse_rows_raw(Fe* data, std::size_t n, std::size_t cols) {
  const unsigned bits = log2_exact(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t j = bit_reverse(i, bits);
    if (i < j) std::swap_ranges(data + i * cols, data + (i + 1) * cols, data + j * cols);
  }
}

void transform(Fe* data, std::size_t n, std::size_t cols, bool inverse) {
  const unsigned k = log2_exact(n);
  if (n == 1 || cols == 0) return;
  Fe root = Fe::two_adic_root(k);
  if (inverse) root = root.inverse();
  dif_rows(data, n, cols, root);
  bit_reverse_rows_raw(data, n, cols);
  if (inverse) {
    const Fe n_inv = Fe::from_u64(n).inverse();
    base::parallel_for_chunks(0, n * cols, 4096, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t i = lo; i < hi; ++i) data[i] *= n_inv;
    });
  }
}

}  // namespace

void ntt(std::span<Fe> v) { transform(v.data(), v.size(), 1, false); }
void intt(std::span<Fe> v) { transform(v.data(), v.size(), 1, true); }

void ntt_columns(RowMajorMatrix& m) {
  ZISKC_CHECK(m.values.size() == m.rows * m.cols, "matrix size mismatch");
  transform(m.values.data(), m.rows, m.cols, false);
}
void intt_columns(RowMajorMatrix& m) {
  ZISKC_CHECK(m.values.size() == m.rows * m.cols, "matrix size mismatch");
  transform(m.values.data(), m.rows, m.cols, true);
}

void bit_reverse_rows(RowMajorMatrix& m) {
  ZISKC_CHECK(m.values.size() == m.rows * m.cols, "matrix size mismatch");
  bit_reverse_rows_raw(m.values.data(), m.rows, m.cols);
}

RowMajorMatrix coset_ntt_from_coeffs(const RowMajorMatrix& coeffs, unsigned log_blowup, Fe shift,
                                     RowOrder order) {
  ZISKC_CHECK(coeffs.values.size() == coeffs.rows * coeffs.cols, "matrix size mismatch");
  const unsigned k = log2_exact(coeffs.rows);
  ZISKC_CHECK(k + log_blowup <= Fe::kTwoAdicity, "LDE size above 2^32");
  ZISKC_CHECK(!shift.is_zero(), "coset shift must be non-zero");
  const std::size_t big = coeffs.rows << log_blowup;
  RowMajorMatrix out = RowMajorMatrix::zeros(big, coeffs.cols);
  Fe s = Fe::one();
  for (std::size_t i = 0; i < coeffs.rows; ++i, s *= shift) {
    for (std::size_t c = 0; c < coeffs.cols; ++c) out.at(i, c) = coeffs.at(i, c) * s;
  }
  if (big > 1 && coeffs.cols > 0) {
    dif_rows(out.values.data(), big, coeffs.cols, Fe::two_adic_root(k + log_blowup));
    if (order == RowOrder::kNatural) bit_reverse_rows_raw(out.values.data(), big, coeffs.cols);
  }
  return out;
}

RowMajorMatrix coset_lde(const RowMajorMatrix& evals, unsigned log_blowup, Fe shift,
                         RowOrder order) {
  RowMajorMatrix coeffs = evals;
  intt_columns(coeffs);
  return coset_ntt_from_coeffs(coeffs, log_blowup, shift, order);
}

}  // namespace ziskc::poly
