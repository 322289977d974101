// The PackedOps tables of packed_test_ops.h: packed_test_ops.inc compiled once per ISA.
#include "field/packed_test_ops.h"

#include "field/packed_avx2.h"
#include "field/packed_avx512.h"
#include "field/packed_scalar.h"

namespace ziskc::field::testing {
namespace scalar_impl {
using P = field::scalar::PackedFe;
using E = field::scalar::PackedExt3;
using PackedDotAccumulator = field::scalar::PackedDotAccumulator;
constexpr SimdLevel kLevel = SimdLevel::kScalar;
bool is_supported() { return true; }
#include "field/packed_test_ops.inc"
}  // namespace scalar_impl
}  // namespace ziskc::field::testing

ZISKC_BEGIN_TARGET_AVX2
namespace ziskc::field::testing::avx2_impl {
using P = field::avx2::PackedFe;
using E = field::avx2::PackedExt3;
using PackedDotAccumulator = field::avx2::PackedDotAccumulator;
constexpr SimdLevel kLevel = SimdLevel::kAvx2;
bool is_supported() { return cpu_has_avx2(); }
#include "field/packed_test_ops.inc"
}  // namespace ziskc::field::testing::avx2_impl
ZISKC_END_TARGET

ZISKC_BEGIN_TARGET_AVX512
namespace ziskc::field::testing::avx512_impl {
using P = field::avx512::PackedFe;
using E = field::avx512::PackedExt3;
using PackedDotAccumulator = field::avx512::PackedDotAccumulator;
constexpr SimdLevel kLevel = SimdLevel::kAvx512;
bool is_supported() { return cpu_has_avx512(); }
#include "field/packed_test_ops.inc"
}  // namespace ziskc::field::testing::avx512_impl
ZISKC_END_TARGET

namespace ziskc::field::testing {
const PackedOps& scalar_ops() { return scalar_impl::kOps; }
const PackedOps& avx2_ops() { return avx2_impl::kOps; }
const PackedOps& avx512_ops() { return avx512_impl::kOps; }
}  // namespace ziskc::field::testing
