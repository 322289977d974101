// RowMajorMatrix::zeros (see matrix.h).
//
// No transparent-huge-page advice: on this project's machine (a 2-vCPU AMD EPYC VM) the first
// touch of 1 GiB advised MADV_HUGEPAGE cost 2.6-3.2 CPU s against 0.5 s with 4 KiB pages,
// and BM_LdeAlloc/20/100 (fresh output) took 6.9-7.6 CPU s with the advice against 3.3-3.6 s
// without, while the LDE into a reused output (BM_LdeNatural, where only the TLB matters)
// was the same within noise (docs/PERFORMANCE.md, STARK engine section, 2026-12-02).
#include "poly/matrix.h"

namespace ziskc::poly {

RowMajorMatrix RowMajorMatrix::zeros(std::size_t rows, std::size_t cols) {
  RowMajorMatrix m;
  m.rows = rows;
  m.cols = cols;
  m.values.resize(rows * cols);
  return m;
}

}  // namespace ziskc::poly
