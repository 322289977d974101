// CPU feature detection and the SIMD level cap (see simd.h).
#include "field/simd.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace ziskc::field {
namespace {

SimdLevel level_from_env() {
  const char* env = std::getenv("ZISKC_SIMD");
  if (env == nullptr) return SimdLevel::kAvx512;
  if (std::strcmp(env, "scalar") == 0) return SimdLevel::kScalar;
  if (std::strcmp(env, "avx2") == 0) return SimdLevel::kAvx2;
  return SimdLevel::kAvx512;
}

std::atomic<SimdLevel>& cap() {
  static std::atomic<SimdLevel> c{level_from_env()};
  return c;
}

}  // namespace

bool cpu_has_avx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}

bool cpu_has_avx512() {
  static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
                          __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw");
  return has;
}

SimdLevel simd_level() {
  const SimdLevel c = cap().load(std::memory_order_relaxed);
  if (c == SimdLevel::kAvx512 && cpu_has_avx512()) return SimdLevel::kAvx512;
  if (c != SimdLevel::kScalar && cpu_has_avx2()) return SimdLevel::kAvx2;
  return SimdLevel::kScalar;
}

void limit_simd_level(SimdLevel max_level) { cap().store(max_level, std::memory_order_relaxed); }

const char* simd_level_name(SimdLevel level) {
  switch (level) {
    case SimdLevel::kScalar:
      return "scalar";
    case SimdLevel::kAvx2:
      return "avx2";
    case SimdLevel::kAvx512:
      return "avx512";
  }
  return "?";
}

}  // namespace ziskc::field
