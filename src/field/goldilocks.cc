// Out-of-line Goldilocks helpers.
#include "field/goldilocks.h"

#include <vector>

namespace ziskc::field {

void batch_inverse(std::span<Fe> xs) {
  std::vector<Fe> prefix(xs.size());
  Fe acc = Fe::one();
  for (std::size_t i = 0; i < xs.size(); ++i) {
    prefix[i] = acc;
    if (!xs[i].is_zero()) acc *= xs[i];
  }
  Fe inv = acc.inverse();
  for (std::size_t i = xs.size(); i-- > 0;) {
    if (xs[i].is_zero()) continue;
    const Fe x = xs[i];
    xs[i] = inv * prefix[i];
    inv *= x;
  }
}

}  // namespace ziskc::field
