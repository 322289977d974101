// Run-time choice of the SIMD code path for the field layer and everything built on its packed
// types (NTT, hashing). The scalar path is always compiled and always correct; the AVX2 and
// AVX-512 paths are compiled into every build (through target regions, below) and used only
// when the CPU reports the features, so a portable build runs on any x86-64 CPU.
//
// Writing a SIMD kernel: put the code that uses field::avx2::PackedFe (or avx512::) inside
// ZISKC_BEGIN_TARGET_AVX2 ... ZISKC_END_TARGET, in a namespace of its own, after every #include.
// Functions and templates defined inside the region (lambdas included) are compiled for that
// ISA; inline functions and templates defined outside it (Fe, std::) keep the default target,
// so no AVX code can leak into shared inline functions. The hash layer's kernels use the same
// target strings through function attributes, which lets them inline the packed helpers.
#pragma once

namespace ziskc::field {

enum class SimdLevel { kScalar = 0, kAvx2 = 1, kAvx512 = 2 };

// CPU support (AVX-512 means F + DQ + VL + BW, which the kernels use).
bool cpu_has_avx2();
bool cpu_has_avx512();

// The level in use: the best the CPU supports, capped by limit_simd_level (default: no cap).
SimdLevel simd_level();
// Caps the level (tests and benchmarks compare the paths). Call it between pieces of work,
// not while other threads compute. Also read at start-up from the environment variable
// ZISKC_SIMD = scalar | avx2 | avx512.
void limit_simd_level(SimdLevel max_level);
const char* simd_level_name(SimdLevel level);

}  // namespace ziskc::field

#define ZISKC_BEGIN_TARGET_AVX2 _Pragma("GCC push_options") _Pragma("GCC target(\"avx2\")")
#define ZISKC_BEGIN_TARGET_AVX512 \
  _Pragma("GCC push_options") _Pragma("GCC target(\"avx512f,avx512dq,avx512vl,avx512bw\")")
#define ZISKC_END_TARGET _Pragma("GCC pop_options")
// Force-inlined helpers inside a target region.
#define ZISKC_SIMD_INLINE __attribute__((always_inline)) inline
