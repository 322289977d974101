// Symbolic builder: evaluates an AIR on symbolic values to learn, without any trace, the degree
// of every constraint and interaction, which columns (this row / next row) each one reads, and
// the names. stark/shape.h turns what it records into an AirShape (logUp layout, quotient
// chunks) and enforces the degree bound.
//
// Degree rules: a column is degree 1, public/instance values and constants degree 0; + takes
// the max, * the sum. Constraints restricted to the first/last row or to transitions are
// multiplied by a selector of degree 1, so their degree is the expression's plus one.
#pragma once

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "stark/air_types.h"

namespace ziskc::stark {

// A symbolic value: its degree and the set of column slots it depends on.
class Sym {
 public:
  Sym() = default;
  static Sym constant() { return Sym(); }
  static Sym column(std::size_t slot);
  static Sym selector() {
    Sym s;
    s.degree_ = 1;
    return s;
  }

  int degree() const { return degree_; }
  const std::vector<std::uint64_t>& slots() const { return slots_; }
  bool uses(std::size_t slot) const {
    return slot / 64 < slots_.size() && ((slots_[slot / 64] >> (slot % 64)) & 1);
  }

  friend Sym operator+(const Sym& a, const Sym& b) {
    return combine(a, b, std::max(a.degree_, b.degree_));
  }
  friend Sym operator-(const Sym& a, const Sym& b) {
    return combine(a, b, std::max(a.degree_, b.degree_));
  }
  friend Sym operator*(const Sym& a, const Sym& b) { return combine(a, b, a.degree_ + b.degree_); }
  friend Sym operator-(const Sym& a) { return a; }
  Sym& operator+=(const Sym& b) { return *this = *this + b; }
  Sym& operator-=(const Sym& b) { return *this = *this - b; }
  Sym& operator*=(const Sym& b) { return *this = *this * b; }

 private:
  static Sym combine(const Sym& a, const Sym& b, int degree);
  int degree_ = 0;
  std::vector<std::uint64_t> slots_;  // bitset over column slots
};

struct SymbolicConstraint {
  std::string name;
  ConstraintKind kind;
  int degree;  // including the selector
  Sym expr;
};

struct SymbolicInteraction {
  std::uint32_t bus;
  bool prove;
  std::vector<Sym> tuple;
  Sym multiplicity;
};

// Column slots: main row [0, m), main next [m, 2m), fixed row [2m, 2m+f), fixed next
// [2m+f, 2m+2f).
class SymbolicBuilder : public ColumnViews<Sym> {
 public:
  using Var = Sym;
  using Expr = Sym;

  explicit SymbolicBuilder(const AirInfo& info);

  Expr public_value(std::size_t i);
  Expr instance_value(std::size_t i);
  // Row selectors (Lagrange polynomials of row 0 / row n-1, and x - omega^(n-1)): degree 1.
  Expr is_first_row() const { return Sym::selector(); }
  Expr is_last_row() const { return Sym::selector(); }
  Expr is_transition() const { return Sym::selector(); }
  Expr constant(std::uint64_t) const { return Sym::constant(); }
  Expr constant(Fe) const { return Sym::constant(); }

  void assert_zero(const char* name, const Expr& e) { add(name, ConstraintKind::kEveryRow, e); }
  void assert_zero_first(const char* name, const Expr& e) {
    add(name, ConstraintKind::kFirstRow, e);
  }
  void assert_zero_last(const char* name, const Expr& e) { add(name, ConstraintKind::kLastRow, e); }
  void assert_zero_transition(const char* name, const Expr& e) {
    add(name, ConstraintKind::kTransition, e);
  }
  void prove(std::uint32_t bus, std::initializer_list<Expr> tuple, const Expr& m) {
    interactions_.push_back({bus, true, std::vector<Sym>(tuple), m});
  }
  void assume(std::uint32_t bus, std::initializer_list<Expr> tuple, const Expr& m) {
    interactions_.push_back({bus, false, std::vector<Sym>(tuple), m});
  }

  const std::vector<SymbolicConstraint>& constraints() const { return constraints_; }
  const std::vector<SymbolicInteraction>& interactions() const { return interactions_; }
  // Largest public / instance value index read plus one (0 if none).
  std::size_t public_values_read() const { return public_read_; }
  std::size_t instance_values_read() const { return instance_read_; }

 private:
  void add(const char* name, ConstraintKind kind, const Expr& e);
  std::vector<Sym> cells_;  // the four rows of slots, in slot order
  std::vector<SymbolicConstraint> constraints_;
  std::vector<SymbolicInteraction> interactions_;
  std::size_t public_read_ = 0;
  std::size_t instance_read_ = 0;
};

}  // namespace ziskc::stark
