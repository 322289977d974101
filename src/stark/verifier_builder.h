// Verifier builder: evaluates an AIR at the out-of-domain point zeta, where every column value
// is the opened evaluation (Ext3) of the column's polynomial at zeta ("row") or zeta*omega
// ("next row"). Constraints are folded as sum_k gamma^k * c_k separately per kind; the engine
// multiplies each kind by its selector at zeta. selectors[kind] is the selector's value at zeta
// (index 0, every row, is 1).
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <span>

#include "stark/air_types.h"
#include "stark/interactions.h"

namespace ziskc::stark {

class VerifierBuilder : public ColumnViews<Ext3> {
 public:
  using Var = Ext3;
  using Expr = Ext3;

  // All spans must outlive the builder; main/fixed spans have num_main / num_fixed values.
  VerifierBuilder(const AirInfo& info, std::span<const Ext3> main_z, std::span<const Ext3> main_zw,
                  std::span<const Ext3> fixed_z, std::span<const Ext3> fixed_zw,
                  std::span<const Fe> public_values, std::span<const Fe> instance_values,
                  Ext3 gamma, const std::array<Ext3, 4>& selectors)
      : ColumnViews<Ext3>(info.num_main, info.num_fixed),
        public_values_(public_values),
        instance_values_(instance_values),
        gamma_(gamma),
        selectors_(selectors) {
    main_ = main_z.data();
    main_next_ = main_zw.data();
    fixed_ = fixed_z.data();
    fixed_next_ = fixed_zw.data();
  }

  Expr public_value(std::size_t i) const {
    ZISKC_CHECK(i < public_values_.size(), "public value index beyond the statement's values");
    return Ext3(public_values_[i]);
  }
  Expr instance_value(std::size_t i) const {
    ZISKC_CHECK(i < instance_values_.size(), "instance value index beyond the instance's values");
    return Ext3(instance_values_[i]);
  }
  Expr is_first_row() const { return selectors_[1]; }
  Expr is_last_row() const { return selectors_[2]; }
  Expr is_transition() const { return selectors_[3]; }
  Expr constant(std::uint64_t v) const { return Ext3(Fe::from_u64(v)); }
  Expr constant(Fe v) const { return Ext3(v); }

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

  // Adds a constraint computed by the engine (logUp), continuing the numbering.
  void add(ConstraintKind kind, const Ext3& e) {
    acc_[static_cast<int>(kind)] += power_ * e;
    power_ *= gamma_;
    ++count_;
  }
  // sum over constraints of this kind of gamma^k * c_k.
  const Ext3& accumulated(ConstraintKind kind) const { return acc_[static_cast<int>(kind)]; }
  std::size_t num_constraints() const { return count_; }
  const InteractionBuffer<Ext3>& interactions() const { return interactions_; }

 private:
  std::span<const Fe> public_values_;
  std::span<const Fe> instance_values_;
  Ext3 gamma_;
  std::array<Ext3, 4> selectors_;  // indexed by ConstraintKind; [0] = 1
  Ext3 power_ = Ext3::one();
  std::array<Ext3, 4> acc_{};
  std::size_t count_ = 0;
  InteractionBuffer<Ext3> interactions_;
};

}  // namespace ziskc::stark
