// logUp: the fingerprint of a bus message, the engine's stage-2 constraints, and the logUp term
// of a direct contribution (docs/STARK.md "logUp" has the construction and soundness).
//
//   compress(bus, t) = bus + sum_j alpha^(j+1) * t_j          (alpha, beta: global challenges)
//   f(bus, t)        = beta - compress(bus, t)
//   term             = m / f(bus, t)   (m > 0 for prove, < 0 for assume)
// Every instance's running sum ends at its bus sum (the sum of its terms over all rows); the
// verifier checks sum over instances + sum of direct terms = 0.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "stark/config.h"
#include "stark/interactions.h"
#include "stark/lanes.h"
#include "stark/shape.h"

namespace ziskc::stark {

struct LogupChallenges {
  Ext3 alpha;
  Ext3 beta;
  std::vector<Ext3> alpha_powers;  // alpha^1 .. alpha^max_tuple_len at [0 .. len)

  static LogupChallenges make(Ext3 alpha, Ext3 beta, std::size_t max_tuple_len);
};

// beta - (bus + sum_j alpha^(j+1) t_j) in the extension type E (Ext3, or PackedExt3 lanes);
// T is the tuple's value type (Fe, Ext3, or PackedFe). tuple.size() <= alpha_powers.size().
template <class T, class E = Ext3>
E fingerprint(const LogupChallenges& c, std::uint32_t bus, std::span<const T> tuple) {
  ZISKC_DCHECK(tuple.size() <= c.alpha_powers.size(), "tuple longer than the alpha powers");
  E acc = ext_constant<E>(Ext3(Fe::from_u64(bus)));
  for (std::size_t j = 0; j < tuple.size(); ++j)
    acc += ext_constant<E>(c.alpha_powers[j]) * tuple[j];
  return ext_constant<E>(c.beta) - acc;
}

// A (bus, tuple, multiplicity) contribution the statement adds directly (public values,
// continuation start and end). multiplicity > 0 proves, < 0 assumes, like b.prove/b.assume.
struct DirectTerm {
  std::uint32_t bus = 0;
  std::vector<Fe> tuple;
  Fe multiplicity = Fe::one();
};

// multiplicity / f(bus, tuple); kVerifyFailed if f is zero (probability ~ 2^-192).
Result<Ext3> logup_term(Ext3 alpha, Ext3 beta, const DirectTerm& t);

// Feeds the engine's logUp constraints of one point, in order, to add(kind, E value).
// `inter` holds the point's interactions (T = PackedFe with E = PackedExt3 in the prover,
// T = E = Ext3 in the verifier); s2 / s2_next are the stage-2 extension columns (helpers, then
// running sum) at this row / next row.
template <class T, class E, class Add>
void eval_logup_constraints(const AirShape& shape, const LogupChallenges& ch,
                            const InteractionBuffer<T>& inter, std::span<const E> s2,
                            std::span<const E> s2_next, const Ext3& bus_sum, Add&& add) {
  const std::size_t h = shape.logup_columns.size();
  E sum_h = ext_constant<E>(Ext3()), sum_h_next = ext_constant<E>(Ext3());
  for (std::size_t c = 0; c < h; ++c) {
    const LogupColumn& col = shape.logup_columns[c];
    const E f1 = fingerprint<T, E>(ch, inter.bus(col.first), inter.tuple(col.first));
    const T& m1 = inter.multiplicity(col.first);
    if (col.second == LogupColumn::kNone) {
      add(ConstraintKind::kEveryRow, s2[c] * f1 - m1);
    } else {
      const E f2 = fingerprint<T, E>(ch, inter.bus(col.second), inter.tuple(col.second));
      const T& m2 = inter.multiplicity(col.second);
      add(ConstraintKind::kEveryRow, s2[c] * f1 * f2 - (f2 * m1 + f1 * m2));
    }
    sum_h += s2[c];
    sum_h_next += s2_next[c];
  }
  const E& s = s2[h];
  const E& s_next = s2_next[h];
  add(ConstraintKind::kFirstRow, s - sum_h);
  add(ConstraintKind::kTransition, s_next - s - sum_h_next);
  add(ConstraintKind::kLastRow, s - ext_constant<E>(bus_sum));
}

}  // namespace ziskc::stark
