// RowMajorMatrix::zeros (see matrix.h).
#include "poly/matrix.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace ziskc::poly {
namespace {

// Below this, huge pages do not pay (and malloc serves the request from its arenas).
constexpr std::size_t kHugePageMin = std::size_t{8} << 20;

// Advises transparent huge pages for the 2 MiB-aligned part of [p, p + bytes). Only a hint:
// failure (or a kernel without THP) changes nothing but speed.
void advise_huge_pages([[maybe_unused]] void* p, [[maybe_unused]] std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t{1} << 21;
  const auto begin = (reinterpret_cast<std::uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#endif
}

}  // namespace

RowMajorMatrix RowMajorMatrix::zeros(std::size_t rows, std::size_t cols) {
  RowMajorMatrix m;
  m.rows = rows;
  m.cols = cols;
  const std::size_t n = rows * cols;
  if (n * sizeof(Fe) >= kHugePageMin) {
    // Reserve first so the advice is given before the zero fill touches the pages.
    m.values.reserve(n);
    advise_huge_pages(m.values.data(), n * sizeof(Fe));
  }
  m.values.resize(n);
  return m;
}

}  // namespace ziskc::poly
