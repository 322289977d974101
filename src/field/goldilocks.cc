// Out-of-line field helpers: batch inversion (Montgomery's trick) for Fe and Ext3.
#include "field/goldilocks.h"

#include <vector>

#include "field/ext3.h"

namespace ziskc::field {
namespace {

template <class F>
void batch_inverse_impl(std::span<F> xs) {
  std::vector<F> prefix(xs.size());
  F acc = F::one();
  for (std::size_t i = 0; i < xs.size(); ++i) {
    prefix[i] = acc;
    if (!xs[i].is_zero()) acc *= xs[i];
  }
  F inv = acc.inverse();
  for (std::size_t i = xs.size(); i-- > 0;) {
    if (xs[i].is_zero()) continue;
    const F x = xs[i];
    xs[i] = inv * prefix[i];
    inv *= x;
  }
}

}  // namespace

void batch_inverse(std::span<Fe> xs) { batch_inverse_impl(xs); }
void batch_inverse(std::span<Ext3> xs) { batch_inverse_impl(xs); }

}  // namespace ziskc::field
