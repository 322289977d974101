// Internal to poly/: the NTT kernels, compiled once per ISA from ntt_kernels.inc (scalar,
// AVX2, AVX-512) and selected at run time by field::simd_level(). Not part of the public API.
//
// Shapes: data is a row-major block of 2^log_n rows x cols values. A "sub-transform with base
// k" is the part of a larger transform that a block at some layer performs: at its relative
// layer s (2^s sub-blocks), sub-block j uses twiddle tw[(k << s) + j]. k = 0 is a plain
// transform of size 2^log_n.
#pragma once

#include <cstddef>

#include "field/goldilocks.h"

namespace ziskc::poly::detail {

using field::Fe;

struct NttKernels {
  // Cooley-Tukey butterflies (x + w y, x - w y), natural order in, bit-reversed order out.
  // With tw = forward table: evaluations at omega^bit_reverse(i); with the inverse table the
  // same with omega^-1.
  void (*ct)(Fe* data, unsigned log_n, std::size_t cols, std::size_t k, const Fe* tw,
             bool parallel);
  // Gentleman-Sande butterflies (x + y, (x - y) w), bit-reversed order in, natural order out;
  // every output is multiplied by `scale`. With tw = inverse table and scale = 1/n this undoes
  // ct with the forward table; with the forward table it maps bit-reversed coefficients to
  // natural-order evaluations. The bottom `skip` layers (the first ones GS runs) are left out,
  // for callers that did them already (skip <= the layers of an in-cache block).
  void (*gs)(Fe* data, unsigned log_n, std::size_t cols, std::size_t k, const Fe* tw, Fe scale,
             bool parallel, unsigned skip);
  // Row r of dst (rows x cols) = row r of src times factor^r * scale (src may equal dst).
  void (*scale_rows)(const Fe* src, Fe* dst, std::size_t rows, std::size_t cols, Fe factor,
                     Fe scale, bool parallel);
  // Row i of src times factors[i] * u_r goes to row i * spread + r of dst (r < spread), u_r
  // being what the bottom log2(spread) GS layers with twiddles tw make of one row followed by
  // zeros; i0 = global index of row 0. Serial; destinations must not overlap unread sources
  // of other rows.
  void (*spread_rows)(const Fe* src, Fe* dst, std::size_t rows, std::size_t cols, const Fe* factors,
                      std::size_t spread, const Fe* tw, std::size_t i0);
};

namespace scalar {
extern const NttKernels kKernels;
}
namespace avx2 {
extern const NttKernels kKernels;
}
namespace avx512 {
extern const NttKernels kKernels;
}

}  // namespace ziskc::poly::detail
