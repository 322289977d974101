// The packed field types the prover's constraint evaluation uses: the widest the build target
// supports (the project builds with -march=native, DECISIONS.md 4, so the compiler's target
// macros describe the machine that runs the binary): AVX-512 (8 lanes), AVX2 (4 lanes), or the
// one-lane scalar type in a portable build. Every path computes the same values (the packed
// types are lane-wise Fe / Ext3, tested against them in field/).
#pragma once

#if defined(__AVX512F__) && defined(__AVX512DQ__) && defined(__AVX512VL__) && defined(__AVX512BW__)
#include "field/packed_avx512.h"
namespace ziskc::stark {
namespace lanes = field::avx512;
}
#elif defined(__AVX2__)
#include "field/packed_avx2.h"
namespace ziskc::stark {
namespace lanes = field::avx2;
}
#else
#include "field/packed_scalar.h"
namespace ziskc::stark {
namespace lanes = field::scalar;
}
#endif

#include "field/ext3.h"

namespace ziskc::stark {

using PackedFe = lanes::PackedFe;
using PackedExt3 = lanes::PackedExt3;
inline constexpr std::size_t kLanes = PackedFe::kWidth;

// An Ext3 constant in an extension value type (Ext3 itself or lanes of it).
template <class E>
E ext_constant(const field::Ext3& x) {
  if constexpr (std::is_same_v<E, field::Ext3>) {
    return x;
  } else {
    return E::broadcast(x);
  }
}

}  // namespace ziskc::stark
