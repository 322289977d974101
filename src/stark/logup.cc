// logUp helpers (construction in logup.h).
#include "stark/logup.h"

namespace ziskc::stark {

LogupChallenges LogupChallenges::make(Ext3 alpha, Ext3 beta, std::size_t max_tuple_len) {
  LogupChallenges c{alpha, beta, {}};
  c.alpha_powers.reserve(max_tuple_len);
  Ext3 p = alpha;
  for (std::size_t j = 0; j < max_tuple_len; ++j) {
    c.alpha_powers.push_back(p);
    p *= alpha;
  }
  return c;
}

Result<Ext3> logup_term(Ext3 alpha, Ext3 beta, const DirectTerm& t) {
  Ext3 acc(Fe::from_u64(t.bus));
  Ext3 p = alpha;
  for (Fe v : t.tuple) {
    acc += p * v;
    p *= alpha;
  }
  const Ext3 f = beta - acc;
  if (f.is_zero()) {
    return make_error(ErrorCode::kVerifyFailed, "direct term on bus {}: fingerprint is zero",
                      t.bus);
  }
  return f.inverse() * t.multiplicity;
}

}  // namespace ziskc::stark
