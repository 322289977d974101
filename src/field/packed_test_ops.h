// Test-only bridge to the packed types: each ISA's PackedFe / PackedExt3 operations wrapped as
// out-of-line functions on arrays (compiled inside that ISA's target region in
// packed_test_ops.cc), so default-target test code can run the same field laws over them.
#pragma once

#include <cstddef>
#include <cstdint>

#include "field/ext3.h"
#include "field/goldilocks.h"
#include "field/simd.h"

namespace ziskc::field::testing {

struct PackedOps {
  SimdLevel level;
  std::size_t width;
  bool (*supported)();
  // Base field, width lanes: out = op(a[, b]).
  void (*add)(const Fe* a, const Fe* b, Fe* out);
  void (*sub)(const Fe* a, const Fe* b, Fe* out);
  void (*mul)(const Fe* a, const Fe* b, Fe* out);
  void (*neg)(const Fe* a, Fe* out);
  void (*square)(const Fe* a, Fe* out);
  void (*inverse)(const Fe* a, Fe* out);
  void (*pow)(const Fe* a, std::uint64_t e, Fe* out);
  bool (*equal)(const Fe* a, const Fe* b);
  // out[0..width) = 0, then the first n lanes of a (load_partial + store_partial round trip).
  void (*partial)(const Fe* a, std::size_t n, Fe* out);
  // out[k] = sum_t a[t * width + k] * b[t * width + k] through PackedDotAccumulator.
  void (*dot)(const Fe* a, const Fe* b, std::size_t terms, Fe* out);
  // The NTT shuffles for half-size h (1 <= h < width), on 2 * width elements; and
  // load_repeated<h> of t.
  void (*deinterleave)(std::size_t h, const Fe* xy, Fe* ab);
  void (*interleave)(std::size_t h, const Fe* ab, Fe* xy);
  void (*load_repeated)(std::size_t h, const Fe* t, Fe* out);
  // Extension field, width elements.
  void (*ext_add)(const Ext3* a, const Ext3* b, Ext3* out);
  void (*ext_sub)(const Ext3* a, const Ext3* b, Ext3* out);
  void (*ext_mul)(const Ext3* a, const Ext3* b, Ext3* out);
  void (*ext_mul_base)(const Ext3* a, const Fe* b, Ext3* out);
  void (*ext_neg)(const Ext3* a, Ext3* out);
  void (*ext_square)(const Ext3* a, Ext3* out);
  void (*ext_inverse)(const Ext3* a, Ext3* out);
  void (*ext_pow)(const Ext3* a, std::uint64_t e, Ext3* out);
  bool (*ext_equal)(const Ext3* a, const Ext3* b);
};

const PackedOps& scalar_ops();
const PackedOps& avx2_ops();
const PackedOps& avx512_ops();

}  // namespace ziskc::field::testing
