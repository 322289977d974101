// The NTT kernels of ntt_kernels.inc compiled for portable scalar (one lane).
#include <algorithm>
#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

#include "base/check.h"
#include "base/parallel.h"
#include "field/packed_scalar.h"
#include "poly/ntt_internal.h"

namespace ziskc::poly::detail::scalar {
using P = field::scalar::PackedFe;
#include "poly/ntt_kernels.inc"
}  // namespace ziskc::poly::detail::scalar
