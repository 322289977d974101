// Symbolic analysis and logUp layout (rules in shape.h).
#include "stark/shape.h"

#include <algorithm>

#include "stark/symbolic.h"

namespace ziskc::stark {

Result<AirShape> analyze_air(const Air& air, int max_degree) {
  const AirInfo& info = air.info();
  SymbolicBuilder b(info);
  air.eval(b);
  AirShape s;
  s.info = info;
  if (b.public_values_read() > info.num_public_values) {
    return make_error(ErrorCode::kInvalidArgument,
                      "air '{}': reads public value {} but declares {} public values", info.name,
                      b.public_values_read() - 1, info.num_public_values);
  }
  if (b.instance_values_read() > info.num_instance_values) {
    return make_error(ErrorCode::kInvalidArgument,
                      "air '{}': reads instance value {} but declares {} instance values",
                      info.name, b.instance_values_read() - 1, info.num_instance_values);
  }
  if (b.constraints().empty() && b.interactions().empty()) {
    return make_error(ErrorCode::kInvalidArgument, "air '{}': no constraint and no interaction",
                      info.name);
  }
  s.main_use.assign(info.num_main, 0);
  s.fixed_use.assign(info.num_fixed, 0);
  auto note_use = [&](const Sym& e) {
    const std::size_t m = info.num_main, f = info.num_fixed;
    for (std::size_t c = 0; c < m; ++c) {
      if (e.uses(c)) s.main_use[c] |= 1;
      if (e.uses(m + c)) s.main_use[c] |= 2;
    }
    for (std::size_t c = 0; c < f; ++c) {
      if (e.uses(2 * m + c)) s.fixed_use[c] |= 1;
      if (e.uses(2 * m + f + c)) s.fixed_use[c] |= 2;
    }
  };
  for (const SymbolicConstraint& c : b.constraints()) {
    if (c.degree > max_degree) {
      return make_error(ErrorCode::kInvalidArgument,
                        "air '{}': constraint '{}' ({}) has degree {} > {} (the maximum for this "
                        "blowup)",
                        info.name, c.name, constraint_kind_name(c.kind), c.degree, max_degree);
    }
    s.constraints.push_back({c.name, c.kind, c.degree});
    s.max_degree = std::max(s.max_degree, c.degree);
    note_use(c.expr);
  }
  for (const SymbolicInteraction& it : b.interactions()) {
    InteractionInfo ii{it.bus, it.prove, it.tuple.size(), 0, it.multiplicity.degree()};
    for (const Sym& t : it.tuple) {
      ii.tuple_degree = std::max(ii.tuple_degree, t.degree());
      note_use(t);
    }
    note_use(it.multiplicity);
    s.max_tuple_len = std::max(s.max_tuple_len, ii.tuple_len);
    s.interactions.push_back(ii);
  }
  // Greedy pairing of consecutive interactions.
  const auto& in = s.interactions;
  for (std::size_t k = 0; k < in.size();) {
    if (k + 1 < in.size()) {
      const int f1 = in[k].tuple_degree, f2 = in[k + 1].tuple_degree;
      const int d = std::max(
          {1 + f1 + f2, in[k].multiplicity_degree + f2, in[k + 1].multiplicity_degree + f1});
      if (d <= max_degree) {
        s.logup_columns.push_back({k, k + 1, d});
        s.max_degree = std::max(s.max_degree, d);
        k += 2;
        continue;
      }
    }
    const int d = std::max(1 + in[k].tuple_degree, in[k].multiplicity_degree);
    if (d > max_degree) {
      return make_error(ErrorCode::kInvalidArgument,
                        "air '{}': interaction {} on bus {} needs a logUp constraint of degree {} "
                        "> {} (tuple degree {}, multiplicity degree {})",
                        info.name, k, in[k].bus, d, max_degree, in[k].tuple_degree,
                        in[k].multiplicity_degree);
    }
    s.logup_columns.push_back({k, LogupColumn::kNone, d});
    s.max_degree = std::max(s.max_degree, d);
    ++k;
  }
  // Running-sum constraints are degree 1 times a selector.
  if (s.has_stage2()) s.max_degree = std::max(s.max_degree, 2);
  s.num_quotient_chunks = static_cast<std::size_t>(std::max(1, s.max_degree - 1));
  return s;
}

}  // namespace ziskc::stark
