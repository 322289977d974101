// Row builder: evaluates an AIR on one concrete row of a trace (and its next row) in the base
// field. Used by the row checker (stark/row_checker.h), which checks every constraint on every
// row, and by the prover to gather the bus interactions of each row for the logUp columns.
//
// A constraint that applies to the current row (by its kind) and does not evaluate to zero is
// recorded as the builder's first failure; later ones are ignored until reset.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>

#include "stark/air_types.h"
#include "stark/interactions.h"

namespace ziskc::stark {

struct RowFailure {
  const char* name;
  ConstraintKind kind;
  std::size_t row;
  Fe value;
};

class RowBuilder : public ColumnViews<Fe> {
 public:
  using Var = Fe;
  using Expr = Fe;

  // The spans must outlive the builder. `height` is the trace height n.
  RowBuilder(const AirInfo& info, std::size_t height, std::span<const Fe> public_values,
             std::span<const Fe> instance_values)
      : ColumnViews<Fe>(info.num_main, info.num_fixed),
        height_(height),
        public_values_(public_values),
        instance_values_(instance_values) {}

  // Sets row `row`; the pointers address num_main / num_fixed values (fixed may be null when
  // the AIR has no fixed columns). Clears the interactions of the previous row.
  void set_row(std::size_t row, const Fe* main, const Fe* main_next, const Fe* fixed,
               const Fe* fixed_next) {
    row_ = row;
    main_ = main;
    main_next_ = main_next;
    fixed_ = fixed;
    fixed_next_ = fixed_next;
    interactions_.clear();
  }
  void set_check_constraints(bool on) { check_ = on; }
  // omega_n, needed only by is_transition().
  void set_generator(Fe omega) { omega_ = omega; }

  Expr public_value(std::size_t i) const {
    ZISKC_CHECK(i < public_values_.size(), "public value index beyond the statement's values");
    return public_values_[i];
  }
  Expr instance_value(std::size_t i) const {
    ZISKC_CHECK(i < instance_values_.size(), "instance value index beyond the instance's values");
    return instance_values_[i];
  }
  Expr is_first_row() const { return row_ == 0 ? Fe::one() : Fe::zero(); }
  Expr is_last_row() const { return row_ + 1 == height_ ? Fe::one() : Fe::zero(); }
  // x - omega^(n-1) at x = omega^row: zero on the last row only (its value elsewhere is not 1).
  Expr is_transition() const { return transition_value(); }
  Expr constant(std::uint64_t v) const { return Fe::from_u64(v); }
  Expr constant(Fe v) const { return v; }

  void assert_zero(const char* name, const Expr& e) { check(name, ConstraintKind::kEveryRow, e); }
  void assert_zero_first(const char* name, const Expr& e) {
    if (row_ == 0) check(name, ConstraintKind::kFirstRow, e);
  }
  void assert_zero_last(const char* name, const Expr& e) {
    if (row_ + 1 == height_) check(name, ConstraintKind::kLastRow, e);
  }
  void assert_zero_transition(const char* name, const Expr& e) {
    if (row_ + 1 != height_) check(name, ConstraintKind::kTransition, e);
  }
  void prove(std::uint32_t bus, std::initializer_list<Expr> tuple, const Expr& m) {
    interactions_.add(bus, true, tuple, m);
  }
  void assume(std::uint32_t bus, std::initializer_list<Expr> tuple, const Expr& m) {
    interactions_.add(bus, false, tuple, m);
  }

  const std::optional<RowFailure>& failure() const { return failure_; }
  const InteractionBuffer<Fe>& interactions() const { return interactions_; }

 private:
  void check(const char* name, ConstraintKind kind, const Expr& e) {
    if (check_ && !e.is_zero() && !failure_) failure_ = RowFailure{name, kind, row_, e};
  }
  Fe transition_value() const { return omega_.pow(row_) - omega_.pow(height_ - 1); }
  std::size_t height_;
  Fe omega_ = Fe::one();
  std::size_t row_ = 0;
  bool check_ = true;
  std::span<const Fe> public_values_;
  std::span<const Fe> instance_values_;
  std::optional<RowFailure> failure_;
  InteractionBuffer<Fe> interactions_;
};

}  // namespace ziskc::stark
