// Domain: the multiplicative coset shift * <omega> of size n = 2^log_n in Goldilocks, where
// omega = Fe::two_adic_root(log_n). shift = 1 is the subgroup itself (the trace domain); the
// LDE domain of a STARK is a coset with shift outside the subgroup.
//
// Invariants: log_n <= Fe::kTwoAdicity and shift != 0 (checked where used).
#pragma once

#include <cstddef>

#include "field/ext3.h"
#include "field/goldilocks.h"

namespace ziskc::poly {

using field::Ext3;
using field::Fe;

struct Domain {
  unsigned log_n = 0;
  Fe shift = Fe::one();

  std::size_t size() const { return std::size_t{1} << log_n; }
  // omega: a primitive 2^log_n-th root of unity.
  Fe generator() const;
  // shift * omega^i.
  Fe element(std::size_t i) const;
  // The vanishing polynomial of the domain, (x / shift)^n - 1, which is zero exactly on it.
  Fe vanishing_at(Fe x) const;
  Ext3 vanishing_at(Ext3 x) const;
};

}  // namespace ziskc::poly
