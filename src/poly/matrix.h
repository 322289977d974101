// RowMajorMatrix: a dense rows x cols matrix of Goldilocks elements stored row by row, the
// layout the Merkle tree hashes (one leaf per row) and the NTT works on (one polynomial per
// column). It owns its values.
//
// Invariant: values.size() == rows * cols. Accessors check indices only in debug builds.
// zeros() gives no huge-page advice (measured slower on first touch) and pre-faults large
// matrices from two threads before the zero fill (see matrix.cc).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "base/check.h"
#include "field/ext3.h"
#include "field/goldilocks.h"

namespace ziskc::poly {

using field::Ext3;
using field::Fe;

struct RowMajorMatrix {
  std::size_t rows = 0, cols = 0;
  std::vector<Fe> values;  // size rows * cols

  static RowMajorMatrix zeros(std::size_t rows, std::size_t cols);

  std::span<Fe> row(std::size_t r) {
    ZISKC_DCHECK(r < rows, "row index out of range");
    return {values.data() + r * cols, cols};
  }
  std::span<const Fe> row(std::size_t r) const {
    ZISKC_DCHECK(r < rows, "row index out of range");
    return {values.data() + r * cols, cols};
  }
  Fe& at(std::size_t r, std::size_t c) {
    ZISKC_DCHECK(r < rows && c < cols, "matrix index out of range");
    return values[r * cols + c];
  }
  Fe at(std::size_t r, std::size_t c) const {
    ZISKC_DCHECK(r < rows && c < cols, "matrix index out of range");
    return values[r * cols + c];
  }
};

}  // namespace ziskc::poly
