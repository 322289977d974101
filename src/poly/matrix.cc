// RowMajorMatrix::zeros (see matrix.h).
//
// No transparent-huge-page advice: on this project's machine (a 2-vCPU AMD EPYC VM) the first
// touch of 1 GiB advised MADV_HUGEPAGE cost 2.6-3.2 CPU s against 0.5 s with 4 KiB pages,
// and BM_LdeAlloc/20/100 (fresh output) took 6.9-7.6 CPU s with the advice against 3.3-3.6 s
// without, while the LDE into a reused output (BM_LdeNatural, where only the TLB matters)
// was the same within noise (docs/PERFORMANCE.md, STARK engine section, 2026-12-02).
//
// Large matrices (>= 8 MiB) are pre-faulted before the zero fill: the storage is reserved
// (allocated, not touched), two worker threads populate one half each with
// MADV_POPULATE_WRITE (one system call per half instead of one page fault per 4 KiB page),
// then the zero fill writes resident pages. Measured on the 2-vCPU Intel VM (2026-12-02, load < 1,
// 1 GiB): 0.44 s wall for the plain fill against 0.25-0.32 s. Where the call is not supported
// (kernels before 5.14) it fails harmlessly and the fill faults the pages in as before; the values
// are the same.
#include "poly/matrix.h"

#include <sys/mman.h>

#include <cstdint>

#include "base/parallel.h"

namespace ziskc::poly {
namespace {

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14 uapi value; older kernels return EINVAL
#endif

constexpr std::size_t kPopulateMinBytes = std::size_t{8} << 20;
constexpr std::uintptr_t kPage = 4096;

// Pre-faults the whole pages inside [p, p + bytes), in two halves (best effort).
void populate(void* p, std::size_t bytes) {
  const auto begin = (reinterpret_cast<std::uintptr_t>(p) + kPage - 1) & ~(kPage - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(kPage - 1);
  if (end <= begin) return;
  const std::size_t pages = (end - begin) / kPage;
  base::parallel_for_chunks(0, pages, pages / 2, [&](std::size_t lo, std::size_t hi) {
    // The result is ignored on purpose: failure only means the pages fault in later.
    (void)madvise(reinterpret_cast<void*>(begin + lo * kPage), (hi - lo) * kPage,
                  MADV_POPULATE_WRITE);
  });
}

}  // namespace

RowMajorMatrix RowMajorMatrix::zeros(std::size_t rows, std::size_t cols) {
  RowMajorMatrix m;
  m.rows = rows;
  m.cols = cols;
  const std::size_t n = rows * cols;
  if (n * sizeof(Fe) >= kPopulateMinBytes) {
    m.values.reserve(n);
    populate(m.values.data(), n * sizeof(Fe));
  }
  m.values.resize(n);
  return m;
}

}  // namespace ziskc::poly
