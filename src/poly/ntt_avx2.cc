// The NTT kernels of ntt_kernels.inc compiled for AVX2 (4 lanes).
#include <algorithm>
#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

#include "base/check.h"
#include "base/parallel.h"
#include "field/packed_avx2.h"
#include "poly/ntt_internal.h"

ZISKC_BEGIN_TARGET_AVX2
namespace ziskc::poly::detail::avx2 {
using P = field::avx2::PackedFe;
#include "poly/ntt_kernels.inc"
}  // namespace ziskc::poly::detail::avx2
ZISKC_END_TARGET
