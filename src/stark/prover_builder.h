// Prover builder: evaluates an AIR at kLanes points of the quotient domain (the LDE coset) at
// once, in packed lanes (stark/lanes.h): column values are the LDE evaluations of this row (x)
// and of the next row (x * omega_n), one lane per point. Constraints are folded as
// sum_k gamma^k * c_k per kind (a packed base value times a broadcast Ext3 power: three lazy
// products per constraint, lanes::PackedDotAccumulator, reduced once per kind and point); the
// engine multiplies each kind by its selector and divides by the
// vanishing polynomial (stark/prover.cc). The verifier does the same at zeta
// (verifier_builder.h), so both must see the constraints in the same order.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

#include "stark/air_types.h"
#include "stark/interactions.h"
#include "stark/lanes.h"

namespace ziskc::stark {

class ProverBuilder : public ColumnViews<PackedFe> {
 public:
  using Var = PackedFe;
  using Expr = PackedFe;

  // gamma_powers[k] = gamma^k for every constraint k (AIR constraints then logUp ones); empty
  // to only gather interactions (stage 2), in which case constraints are not accumulated.
  ProverBuilder(const AirInfo& info, std::span<const Fe> public_values,
                std::span<const Fe> instance_values, std::span<const Ext3> gamma_powers)
      : ColumnViews<PackedFe>(info.num_main, info.num_fixed) {
    for (Fe v : public_values) public_values_.push_back(PackedFe::broadcast(v));
    for (Fe v : instance_values) instance_values_.push_back(PackedFe::broadcast(v));
    for (const Ext3& g : gamma_powers) {
      gamma_powers_.push_back(PackedExt3::broadcast(g));
      // High halves for the lazy products (lanes::PackedDotAccumulator::add_product).
      gamma_hi_.push_back({PackedFe::broadcast(Fe::from_canonical(g[0].value() >> 32)),
                           PackedFe::broadcast(Fe::from_canonical(g[1].value() >> 32)),
                           PackedFe::broadcast(Fe::from_canonical(g[2].value() >> 32))});
    }
    accumulate_ = !gamma_powers.empty();
  }

  // The rows hold num_main / num_fixed packed values; selectors[kind] is each constraint kind's
  // selector at the points ([0] = 1).
  void set_point(const PackedFe* main, const PackedFe* main_next, const PackedFe* fixed,
                 const PackedFe* fixed_next, const std::array<PackedFe, 4>& selectors) {
    selectors_ = selectors;
    main_ = main;
    main_next_ = main_next;
    fixed_ = fixed;
    fixed_next_ = fixed_next;
    acc_.fill(PackedExt3::zero());
    for (auto& k : lazy_) k = {};
    count_ = 0;
    interactions_.clear();
  }

  Expr public_value(std::size_t i) const { return public_values_[i]; }
  Expr instance_value(std::size_t i) const { return instance_values_[i]; }
  Expr is_first_row() const { return selectors_[1]; }
  Expr is_last_row() const { return selectors_[2]; }
  Expr is_transition() const { return selectors_[3]; }
  Expr constant(std::uint64_t v) const { return PackedFe::broadcast(Fe::from_u64(v)); }
  Expr constant(Fe v) const { return PackedFe::broadcast(v); }

  void assert_zero(const char*, const Expr& e) { add(ConstraintKind::kEveryRow, e); }
  void assert_zero_first(const char*, const Expr& e) { add(ConstraintKind::kFirstRow, e); }
  void assert_zero_last(const char*, const Expr& e) { add(ConstraintKind::kLastRow, e); }
  void assert_zero_transition(const char*, const Expr& e) { add(ConstraintKind::kTransition, e); }
  void prove(std::uint32_t bus, std::initializer_list<Expr> tuple, const Expr& m) {
    interactions_.add(bus, true, tuple, m);
  }
  void assume(std::uint32_t bus, std::initializer_list<Expr> tuple, const Expr& m) {
    interactions_.add(bus, false, tuple, m);
  }

  // AIR constraints (base values): gamma^k * e summed without reduction per coefficient
  // (three lazy dot products per kind, reduced once in accumulated()).
  void add(ConstraintKind kind, const PackedFe& e) {
    if (!accumulate_) return;
    ZISKC_DCHECK(count_ < gamma_powers_.size(), "more constraints than gamma powers");
    const PackedExt3& g = gamma_powers_[count_];
    const std::array<PackedFe, 3>& g_hi = gamma_hi_[count_++];
    auto& acc = lazy_[static_cast<int>(kind)];
    acc[0].add_product(e, g.c0, g_hi[0]);
    acc[1].add_product(e, g.c1, g_hi[1]);
    acc[2].add_product(e, g.c2, g_hi[2]);
  }
  // Engine constraints (logUp) with extension values.
  void add(ConstraintKind kind, const PackedExt3& e) {
    if (!accumulate_) return;
    ZISKC_DCHECK(count_ < gamma_powers_.size(), "more constraints than gamma powers");
    acc_[static_cast<int>(kind)] += gamma_powers_[count_++] * e;
  }
  PackedExt3 accumulated(ConstraintKind kind) const {
    const auto& lazy = lazy_[static_cast<int>(kind)];
    return acc_[static_cast<int>(kind)] +
           PackedExt3{lazy[0].reduce(), lazy[1].reduce(), lazy[2].reduce()};
  }
  std::size_t num_constraints() const { return count_; }
  const InteractionBuffer<PackedFe>& interactions() const { return interactions_; }

 private:
  std::vector<PackedFe> public_values_;
  std::vector<PackedFe> instance_values_;
  std::vector<PackedExt3> gamma_powers_;
  std::vector<std::array<PackedFe, 3>> gamma_hi_;
  std::array<PackedFe, 4> selectors_{};
  std::array<PackedExt3, 4> acc_{};                                   // Ext3 (engine) constraints
  std::array<std::array<lanes::PackedDotAccumulator, 3>, 4> lazy_{};  // base constraints
  std::size_t count_ = 0;
  bool accumulate_ = true;
  InteractionBuffer<PackedFe> interactions_;
};

}  // namespace ziskc::stark
