// NTT entry points (see ntt.h): argument checks, kernel selection by SIMD level, the row
// bit-reversal, and the composition of kernels into the transforms and low-degree extensions.
// CT = Cooley-Tukey kernel (natural -> bit-reversed), GS = Gentleman-Sande (bit-reversed ->
// natural), T / T^-1 = forward / inverse twiddles (poly/twiddles.h).
//
//   ntt   = CT(T), then bit-reverse rows
//   intt  = bit-reverse rows, then GS(T^-1) with 1/n folded into its last layer
//   LDE to N = n * 2^b rows, bit-reversed output: the coefficients c_k * shift^k are copied
//     into each of the 2^b blocks of the output and block t gets CT(T) with twiddle base t.
//     That is what the top b layers of a size-N CT leave there (their second inputs are
//     zero), so block t holds the evaluations on shift * omega_N^bitrev(t) * <omega_n>, in
//     bit-reversed order, and the whole output is in bit-reversed order.
//   LDE, natural output: the coefficients in bit-reversed order, scaled by shift^bitrev(i), are
//     spread to every 2^b-th row with zeros between: that is the size-N zero-padded coefficient
//     vector in bit-reversed order (bit_reverse_N(i * 2^b) = bit_reverse_n(i)), and GS(T)
//     turns a bit-reversed coefficient vector into evaluations in natural order. From
//     evaluations the bit-reversed coefficients come straight out of CT(T^-1), so this path
//     needs no bit reversal at all.
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
  kernels().gs(d, k, cols, 0, tw->data(), Fe::from_u64(n).inverse(), true, 0);
}

// dst[0, n) = src[0, n), in parallel chunks.
void parallel_copy(const Fe* src, Fe* dst, std::size_t n) {
  base::parallel_for_chunks(0, n, 1 << 16, [&](std::size_t lo, std::size_t hi) {
    std::memcpy(dst + lo, src + lo, (hi - lo) * sizeof(Fe));
  });
}

// Out-of-place bit reversal: dst row i = src row bit_reverse(i), with the tiles of
// bit_reverse_rows_raw (dst tile m comes from src tile rev m).
void bit_reverse_copy_rows(const Fe* src, Fe* dst, std::size_t n, std::size_t cols) {
  const unsigned bits = log2_exact(n);
  const std::size_t row_bytes = cols * sizeof(Fe);
  const bool narrow = row_bytes < 64;
  const std::size_t budget = narrow ? std::size_t{1} << 14 : std::size_t{1} << 18;
  unsigned q = 2;
  while (q < 8 && (std::size_t{4} << (2 * q)) * row_bytes <= budget) ++q;
  if (bits < 2 * q) {
    for (std::size_t i = 0; i < n; ++i)
      std::memcpy(dst + i * cols, src + bit_reverse(i, bits) * cols, row_bytes);
    return;
  }
  const unsigned mid = bits - 2 * q;
  const std::size_t t = std::size_t{1} << q;
  std::size_t rev_q[256];
  for (std::size_t x = 0; x < t; ++x) rev_q[x] = bit_reverse(x, q);
  auto first_row = [&](std::size_t a, std::size_t m) { return ((a << mid | m) << q) * cols; };
  base::parallel_for_chunks(0, std::size_t{1} << mid, 4, [&](std::size_t lo, std::size_t hi) {
    std::vector<Fe> buf(narrow ? t * t * cols : 0);
    for (std::size_t m = lo; m < hi; ++m) {
      const std::size_t mr = bit_reverse(m, mid);
      if (narrow) {
        for (std::size_t a = 0; a < t; ++a)
          std::memcpy(buf.data() + a * t * cols, src + first_row(a, mr), t * row_bytes);
      }
      for (std::size_t a = 0; a < t; ++a) {
        Fe* out = dst + first_row(a, m);
        if (narrow) {
          const Fe* in = buf.data() + rev_q[a] * cols;
          if (cols == 1) {
            for (std::size_t c = 0; c < t; ++c) out[c] = in[rev_q[c] * t];
          } else {
            for (std::size_t c = 0; c < t; ++c)
              std::memcpy(out + c * cols, in + rev_q[c] * t * cols, row_bytes);
          }
        } else {
          for (std::size_t c = 0; c < t; ++c)
            std::memcpy(out + c * cols, src + first_row(rev_q[c], mr) + rev_q[a] * cols, row_bytes);
        }
      }
    }
  });
}

// factors[i] = scale * shift^bit_reverse(i, log2 n), from T[2^m + j] = T[j] * shift^(n/2^(m+1))
// (bit_reverse(2^m + j) = bit_reverse(j) + n / 2^(m+1)).
std::vector<Fe> bit_reversed_powers(Fe shift, std::size_t n, Fe scale) {
  std::vector<Fe> f(n);
  f[0] = scale;
  for (std::size_t lo = 1; lo < n; lo *= 2) {
    const Fe step = shift.pow(n / (2 * lo));
    Fe* p = f.data();
    base::parallel_for_chunks(0, lo, 1 << 14, [&](std::size_t b, std::size_t e) {
      for (std::size_t j = b; j < e; ++j) p[lo + j] = p[j] * step;
    });
  }
  return f;
}

// Rows [N - n, N) of d hold n rows; row i goes to rows i * spread + r (kernels().spread_rows,
// which also does the bottom log2(spread) GS layers), N = n * spread. In place, in waves: a
// wave [a, b) may run in parallel when its destinations end below its first source,
// b * spread <= N - n + a; the last rows run serially in increasing order.
void spread_from_top(Fe* d, std::size_t n, std::size_t spread, std::size_t cols,
                     const std::vector<Fe>& factors, const Fe* tw) {
  const auto& kern = kernels();
  const std::size_t top = n * (spread - 1);
  auto run = [&](std::size_t lo, std::size_t hi) {
    kern.spread_rows(d + (top + lo) * cols, d + lo * spread * cols, hi - lo, cols,
                     factors.data() + lo, spread, tw, lo);
  };
  if (spread == 1) {  // in place, every row independent
    base::parallel_for_chunks(0, n, 256, run);
    return;
  }
  std::size_t a = 0;
  while (a < n) {
    const std::size_t b = std::min(n, (top + a) / spread);
    if (b < a + 256) {
      run(a, n);
      return;
    }
    base::parallel_for_chunks(a, b, 256, run);
    a = b;
  }
}

// Natural-order LDE: rows [N - n, N) of out hold the coefficients in bit-reversed order;
// factors[i] scales row i (shift^bitrev(i), and 1/n when they come from evaluations). The
// spread does the bottom log2(N/n) GS layers, GS(T) the rest.
void lde_natural_from_top(RowMajorMatrix& out, std::size_t n, const std::vector<Fe>& factors) {
  const std::size_t big = out.rows;
  Fe* d = out.values.data();
  const TwiddleTable tw = forward_twiddles(std::max<std::size_t>(1, big / 2));
  spread_from_top(d, n, big / n, out.cols, factors, tw->data());
  if (big == 1) return;
  kernels().gs(d, log2_exact(big), out.cols, 0, tw->data(), Fe::one(), true, log2_exact(big / n));
}

// Bit-reversed LDE: rows [0, n) of out hold the scaled coefficients in natural order:
// replicate them into every block and transform block t with twiddle base t.
void lde_bit_reversed_from_first_block(RowMajorMatrix& out, std::size_t n) {
  const std::size_t cols = out.cols;
  const std::size_t blocks = out.rows / n;
  const std::size_t block_len = n * cols;
  Fe* d = out.values.data();
  base::parallel_for_chunks(0, (blocks - 1) * block_len, 1 << 16,
                            [&](std::size_t lo, std::size_t hi) {
                              // [lo, hi) of the concatenated blocks 1.. copied from block 0.
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
  const std::size_t n = coeffs.rows, cols = coeffs.cols;
  shape_output(out, coeffs, n << log_blowup);
  if (cols == 0) return;
  Fe* d = out.values.data();
  if (order == RowOrder::kBitReversed) {
    kernels().scale_rows(coeffs.values.data(), d, n, cols, shift, Fe::one(), true);
    lde_bit_reversed_from_first_block(out, n);
  } else {
    bit_reverse_copy_rows(coeffs.values.data(), d + (out.rows - n) * cols, n, cols);
    lde_natural_from_top(out, n, bit_reversed_powers(shift, n, Fe::one()));
  }
}

void coset_lde_into(const RowMajorMatrix& evals, unsigned log_blowup, Fe shift, RowOrder order,
                    RowMajorMatrix& out) {
  check_lde_args(evals, log_blowup, shift);
  const std::size_t n = evals.rows, cols = evals.cols;
  const unsigned k = log2_exact(n);
  shape_output(out, evals, n << log_blowup);
  if (cols == 0) return;
  Fe* d = out.values.data();
  const Fe n_inv = Fe::from_u64(n).inverse();
  const TwiddleTable tw_inv = inverse_twiddles(std::max<std::size_t>(1, n / 2));
  if (order == RowOrder::kBitReversed) {
    // Natural-order coefficients (times n): bit-reverse, GS(T^-1); then c_k * shift^k / n.
    bit_reverse_copy_rows(evals.values.data(), d, n, cols);
    kernels().gs(d, k, cols, 0, tw_inv->data(), Fe::one(), true, 0);
    kernels().scale_rows(d, d, n, cols, shift, n_inv, true);
    lde_bit_reversed_from_first_block(out, n);
  } else {
    // Bit-reversed coefficients (times n) in the top rows: CT(T^-1) on a copy.
    Fe* top = d + (out.rows - n) * cols;
    parallel_copy(evals.values.data(), top, evals.values.size());
    kernels().ct(top, k, cols, 0, tw_inv->data(), true);
    lde_natural_from_top(out, n, bit_reversed_powers(shift, n, n_inv));
  }
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
