// NTT entry points (see ntt.h): argument checks, kernel selection by SIMD level, the row
// bit-reversal, and the composition of kernels into the transforms and low-degree extensions.
//
//   ntt       = CT(forward twiddles) [natural -> bit-reversed], then bit-reverse rows
//   intt      = bit-reverse rows, then GS(inverse twiddles, scale 1/n) [bit-reversed -> natural]
//   LDE       = coefficients c_k * shift^k replicated into the 2^log_blowup blocks of the output;
//               block t is then CT with twiddle base t, which is exactly what the top
//               log_blowup layers of a size-N CT would leave there (their inputs are zero), so
//               block t holds the evaluations on the coset shift * omega_N^bitrev(t) * <omega_n>
//               in bit-reversed order: the whole result is in bit-reversed order; kNatural
//               bit-reverses its rows.
#include "poly/ntt.h"

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "base/check.h"
#include "base/parallel.h"
#include "field/simd.h"
#include "poly/ntt_internal.h"
#include "poly/twiddles.h"

namespace ziskc::poly {
namespace {

unsigned log2_exact(std::size_t n) {
  ZISKC_CHECK(n != 0 && (n & (n - 1)) == 0, "NTT size must be a power of two");
  unsigned k = 0;
  while ((std::size_t{1} << k) < n) ++k;
  ZISKC_CHECK(k <= Fe::kTwoAdicity, "NTT size above 2^32");
  return k;
}

const detail::NttKernels& kernels() {
  switch (field::simd_level()) {
    case field::SimdLevel::kAvx512:
      return detail::avx512::kKernels;
    case field::SimdLevel::kAvx2:
      return detail::avx2::kKernels;
    case field::SimdLevel::kScalar:
      break;
  }
  return detail::scalar::kKernels;
}

// Bit-reverses n = 2^bits rows of `cols` values in place, tile by tile so that memory is read
// in runs: with index = a | m | c (a and c of q bits), row (a, m, c) trades places with
// (rev c, rev m, rev a). Tiles m and rev m (2^2q rows each) are exchanged while both are in
// cache, each being 2^q runs of 2^q consecutive rows. Wide rows (a cache line or more) are
// swapped in place within L2-sized tiles; narrow rows go through two L1-sized buffers, so that
// every access to memory is a sequential copy.
void bit_reverse_rows_raw(Fe* d, std::size_t n, std::size_t cols) {
  const unsigned bits = log2_exact(n);
  if (n <= 2 || cols == 0) return;
  const std::size_t row_bytes = cols * sizeof(Fe);
  const bool narrow = row_bytes < 64;
  // Largest q (2 <= q <= 8) whose tile stays within 16 KiB (narrow) or 256 KiB (wide).
  const std::size_t budget = narrow ? std::size_t{1} << 14 : std::size_t{1} << 18;
  unsigned q = 2;
  while (q < 8 && (std::size_t{4} << (2 * q)) * row_bytes <= budget) ++q;
  if (bits < 2 * q) {
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t j = bit_reverse(i, bits);
      if (i < j) std::swap_ranges(d + i * cols, d + (i + 1) * cols, d + j * cols);
    }
    return;
  }
  const unsigned mid = bits - 2 * q;
  const std::size_t t = std::size_t{1} << q;
  std::size_t rev_q[256];
  for (std::size_t x = 0; x < t; ++x) rev_q[x] = bit_reverse(x, q);
  // First row of run a of tile m.
  auto run = [&](std::size_t a, std::size_t m) { return d + ((a << mid | m) << q) * cols; };
  base::parallel_for_chunks(0, std::size_t{1} << mid, 4, [&](std::size_t lo, std::size_t hi) {
    std::vector<Fe> buf_m, buf_r;
    if (narrow) {
      buf_m.resize(t * t * cols);
      buf_r.resize(t * t * cols);
    }
    // Tile m gets tile `src` (held in buf) transposed: row (a, c) <- buf row (rev c, rev a).
    auto write_tile = [&](std::size_t m, const std::vector<Fe>& buf) {
      for (std::size_t a = 0; a < t; ++a) {
        Fe* out = run(a, m);
        const Fe* in = buf.data() + rev_q[a] * cols;
        if (cols == 1) {
          for (std::size_t c = 0; c < t; ++c) out[c] = in[rev_q[c] * t];
        } else {
          for (std::size_t c = 0; c < t; ++c)
            std::memcpy(out + c * cols, in + rev_q[c] * t * cols, row_bytes);
        }
      }
    };
    for (std::size_t m = lo; m < hi; ++m) {
      const std::size_t mr = bit_reverse(m, mid);
      if (mr < m) continue;
      if (narrow) {
        for (std::size_t a = 0; a < t; ++a) {
          std::memcpy(buf_m.data() + a * t * cols, run(a, m), t * row_bytes);
          if (mr != m) std::memcpy(buf_r.data() + a * t * cols, run(a, mr), t * row_bytes);
        }
        write_tile(m, mr == m ? buf_m : buf_r);
        if (mr != m) write_tile(mr, buf_m);
        continue;
      }
      for (std::size_t a = 0; a < t; ++a) {
        for (std::size_t c = 0; c < t; ++c) {
          const std::size_t i = ((a << mid | m) << q) | c;
          const std::size_t j = ((rev_q[c] << mid | mr) << q) | rev_q[a];
          if (mr != m || i < j) std::swap_ranges(d + i * cols, d + (i + 1) * cols, d + j * cols);
        }
      }
    }
  });
}

void forward_natural(Fe* d, std::size_t n, std::size_t cols) {
  const unsigned k = log2_exact(n);
  if (n == 1 || cols == 0) return;
  const TwiddleTable tw = forward_twiddles(n / 2);
  kernels().ct(d, k, cols, 0, tw->data(), true);
  bit_reverse_rows_raw(d, n, cols);
}

void inverse_natural(Fe* d, std::size_t n, std::size_t cols) {
  const unsigned k = log2_exact(n);
  if (n == 1 || cols == 0) return;
  const TwiddleTable tw = inverse_twiddles(n / 2);
  bit_reverse_rows_raw(d, n, cols);
  kernels().gs(d, k, cols, 0, tw->data(), Fe::from_u64(n).inverse(), true);
}

// out (N = n << log_blowup rows) holds the scaled coefficients in its first n rows: replicate
// them into every block, transform each block, order the rows.
void lde_from_first_block(RowMajorMatrix& out, std::size_t n, unsigned log_blowup, RowOrder order) {
  const std::size_t cols = out.cols;
  const std::size_t blocks = std::size_t{1} << log_blowup;
  const std::size_t block_len = n * cols;
  Fe* d = out.values.data();
  base::parallel_for_chunks(0, (blocks - 1) * block_len, 1 << 16,
                            [&](std::size_t lo, std::size_t hi) {
                              // Copy [lo, hi) of the concatenated target blocks 1..blocks-1 from
                              // block 0.
                              while (lo < hi) {
                                const std::size_t off = lo % block_len;
                                const std::size_t len = std::min(hi - lo, block_len - off);
                                std::memcpy(d + block_len + lo, d + off, len * sizeof(Fe));
                                lo += len;
                              }
                            });
  const unsigned k = log2_exact(n);
  const TwiddleTable tw = forward_twiddles(std::max<std::size_t>(1, out.rows / 2));
  const auto& kern = kernels();
  if (block_len >= (std::size_t{1} << 15) || blocks == 1) {
    for (std::size_t t = 0; t < blocks; ++t)
      kern.ct(d + t * block_len, k, cols, t, tw->data(), true);
  } else {
    base::parallel_for(0, blocks, [&](std::size_t t) {
      kern.ct(d + t * block_len, k, cols, t, tw->data(), false);
    });
  }
  if (order == RowOrder::kNatural) bit_reverse_rows_raw(d, out.rows, cols);
}

void check_shape(const RowMajorMatrix& m) {
  ZISKC_CHECK(m.values.size() == m.rows * m.cols, "matrix size mismatch");
}

}  // namespace

void ntt(std::span<Fe> v) { forward_natural(v.data(), v.size(), 1); }
void intt(std::span<Fe> v) { inverse_natural(v.data(), v.size(), 1); }

void ntt_columns(RowMajorMatrix& m) {
  check_shape(m);
  forward_natural(m.values.data(), m.rows, m.cols);
}
void intt_columns(RowMajorMatrix& m) {
  check_shape(m);
  inverse_natural(m.values.data(), m.rows, m.cols);
}

void bit_reverse_rows(RowMajorMatrix& m) {
  check_shape(m);
  bit_reverse_rows_raw(m.values.data(), m.rows, m.cols);
}

namespace {

// Gives out the shape rows x cols, reusing its storage when the size already matches.
void shape_output(RowMajorMatrix& out, const RowMajorMatrix& in, std::size_t rows) {
  ZISKC_CHECK(&out != &in, "LDE output must not alias its input");
  if (out.values.size() != rows * in.cols) out = RowMajorMatrix::zeros(rows, in.cols);
  out.rows = rows;
  out.cols = in.cols;
}

void check_lde_args(const RowMajorMatrix& in, unsigned log_blowup, Fe shift) {
  check_shape(in);
  const unsigned k = log2_exact(in.rows);
  ZISKC_CHECK(k + log_blowup <= Fe::kTwoAdicity, "LDE size above 2^32");
  ZISKC_CHECK(!shift.is_zero(), "coset shift must be non-zero");
}

}  // namespace

void coset_ntt_from_coeffs_into(const RowMajorMatrix& coeffs, unsigned log_blowup, Fe shift,
                                RowOrder order, RowMajorMatrix& out) {
  check_lde_args(coeffs, log_blowup, shift);
  shape_output(out, coeffs, coeffs.rows << log_blowup);
  if (coeffs.cols == 0) return;
  kernels().scale_rows(coeffs.values.data(), out.values.data(), coeffs.rows, coeffs.cols, shift,
                       Fe::one(), true);
  lde_from_first_block(out, coeffs.rows, log_blowup, order);
}

void coset_lde_into(const RowMajorMatrix& evals, unsigned log_blowup, Fe shift, RowOrder order,
                    RowMajorMatrix& out) {
  check_lde_args(evals, log_blowup, shift);
  const std::size_t n = evals.rows;
  shape_output(out, evals, n << log_blowup);
  if (evals.cols == 0) return;
  Fe* d = out.values.data();
  std::memcpy(d, evals.values.data(), evals.values.size() * sizeof(Fe));
  // Coefficients in natural order (times n), then c_k * shift^k / n.
  bit_reverse_rows_raw(d, n, evals.cols);
  if (n > 1) {
    const TwiddleTable tw = inverse_twiddles(n / 2);
    kernels().gs(d, log2_exact(n), evals.cols, 0, tw->data(), Fe::one(), true);
  }
  kernels().scale_rows(d, d, n, evals.cols, shift, Fe::from_u64(n).inverse(), true);
  lde_from_first_block(out, n, log_blowup, order);
}

RowMajorMatrix coset_ntt_from_coeffs(const RowMajorMatrix& coeffs, unsigned log_blowup, Fe shift,
                                     RowOrder order) {
  RowMajorMatrix out;
  coset_ntt_from_coeffs_into(coeffs, log_blowup, shift, order, out);
  return out;
}

RowMajorMatrix coset_lde(const RowMajorMatrix& evals, unsigned log_blowup, Fe shift,
                         RowOrder order) {
  RowMajorMatrix out;
  coset_lde_into(evals, log_blowup, shift, order, out);
  return out;
}

}  // namespace ziskc::poly
