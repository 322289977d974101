// The NTT kernels of ntt_kernels.inc compiled for AVX-512 (8 lanes).
#include <algorithm>
#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

#include "base/check.h"
#include "base/parallel.h"
#include "field/packed_avx512.h"
#include "poly/ntt_internal.h"

ZISKC_BEGIN_TARGET_AVX512
namespace ziskc::poly::detail::avx512 {
using P = field::avx512::PackedFe;
#include "poly/ntt_kernels.inc"
}  // namespace ziskc::poly::detail::avx512
ZISKC_END_TARGET
