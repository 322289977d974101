// Domain helpers (see domain.h).
#include "poly/domain.h"

#include "base/check.h"

namespace ziskc::poly {

Fe Domain::generator() const {
  ZISKC_CHECK(log_n <= Fe::kTwoAdicity, "domain larger than the two-adic subgroup");
  return Fe::two_adic_root(log_n);
}

Fe Domain::element(std::size_t i) const { return shift * generator().pow(i & (size() - 1)); }

Fe Domain::vanishing_at(Fe x) const {
  ZISKC_CHECK(!shift.is_zero(), "domain shift must be non-zero");
  Fe u = x * shift.inverse();
  for (unsigned k = 0; k < log_n; ++k) u = u.square();
  return u - Fe::one();
}

Ext3 Domain::vanishing_at(Ext3 x) const {
  ZISKC_CHECK(!shift.is_zero(), "domain shift must be non-zero");
  Ext3 u = x * shift.inverse();
  for (unsigned k = 0; k < log_n; ++k) u = u.square();
  return u - Fe::one();
}

}  // namespace ziskc::poly
