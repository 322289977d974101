// Prover builder: evaluates an AIR at one point x of the quotient domain (the LDE coset), where
// column values are the LDE evaluations of this row (x) and the next row (x * omega_n).
// Constraints are folded as sum_k gamma^k * c_k per kind (base value times an Ext3 power:
// three base multiplications each); the engine multiplies each kind by its selector at x and
// divides by the vanishing polynomial (stark/prover.cc). The verifier does the same at zeta
// (verifier_builder.h), so the two must see the constraints in the same order.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <span>

#include "stark/air_types.h"
#include "stark/interactions.h"

namespace ziskc::stark {

class ProverBuilder : public ColumnViews<Fe> {
 public:
  using Var = Fe;
  using Expr = Fe;

  // gamma_powers[k] = gamma^k for every constraint k (AIR constraints then logUp ones).
  ProverBuilder(const AirInfo& info, std::span<const Fe> public_values,
                std::span<const Fe> instance_values, std::span<const Ext3> gamma_powers)
      : ColumnViews<Fe>(info.num_main, info.num_fixed),
        public_values_(public_values),
        instance_values_(instance_values),
        gamma_powers_(gamma_powers) {}

  // selectors[kind]: the selector of each constraint kind at this point ([0] = 1).
  void set_point(const Fe* main, const Fe* main_next, const Fe* fixed, const Fe* fixed_next,
                 const std::array<Fe, 4>& selectors) {
    selectors_ = selectors;
    main_ = main;
    main_next_ = main_next;
    fixed_ = fixed;
    fixed_next_ = fixed_next;
    acc_ = {};
    count_ = 0;
    interactions_.clear();
  }

  Expr public_value(std::size_t i) const { return public_values_[i]; }
  Expr instance_value(std::size_t i) const { return instance_values_[i]; }
  Expr is_first_row() const { return selectors_[1]; }
  Expr is_last_row() const { return selectors_[2]; }
  Expr is_transition() const { return selectors_[3]; }
  Expr constant(std::uint64_t v) const { return Fe::from_u64(v); }
  Expr constant(Fe v) const { return v; }

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

  void add(ConstraintKind kind, Fe e) {
    ZISKC_DCHECK(count_ < gamma_powers_.size(), "more constraints than gamma powers");
    acc_[static_cast<int>(kind)] += gamma_powers_[count_++] * e;
  }
  // Engine constraints (logUp) with extension values.
  void add(ConstraintKind kind, const Ext3& e) {
    ZISKC_DCHECK(count_ < gamma_powers_.size(), "more constraints than gamma powers");
    acc_[static_cast<int>(kind)] += gamma_powers_[count_++] * e;
  }
  const Ext3& accumulated(ConstraintKind kind) const { return acc_[static_cast<int>(kind)]; }
  std::size_t num_constraints() const { return count_; }
  const InteractionBuffer<Fe>& interactions() const { return interactions_; }

 private:
  std::span<const Fe> public_values_;
  std::span<const Fe> instance_values_;
  std::span<const Ext3> gamma_powers_;
  std::array<Fe, 4> selectors_{};
  std::array<Ext3, 4> acc_{};
  std::size_t count_ = 0;
  InteractionBuffer<Fe> interactions_;
};

}  // namespace ziskc::stark
