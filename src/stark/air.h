// The AIR API: how a state machine declares its columns, constraints and bus interactions
// once, as a template over a builder, and the type-erased `Air` handle the engine works with.
//
// An AIR is a struct with
//   AirInfo info() const;                         name and widths (columns from sizeof)
//   Result<poly::RowMajorMatrix> fixed_columns(unsigned log_height) const;   (if num_fixed > 0)
//   template <class B> void eval(B& b) const;     every constraint and interaction
// and is wrapped with make_air<FooAir>(...). Inside eval, with V = typename B::Var and
// E = typename B::Expr:
//   b.template main<FooCols>()        const FooCols<V>&: stage-1 (witness) columns, this row
//   b.template main_next<FooCols>()   the same on the next row (row n-1 wraps to row 0)
//   b.template fixed<FixCols>() / fixed_next<FixCols>()   preprocessed columns
//   b.main_row() / b.main_next_row() / b.fixed_row() / b.fixed_next_row()   std::span<const V>
//   b.public_value(i), b.instance_value(i), b.constant(u64 | Fe)   -> E
//   b.is_first_row(), b.is_last_row()  1 on row 0 / row n-1, 0 on other rows (Lagrange
//                                      selectors, degree 1: use them as multiplicities, e.g.
//                                      continuation messages sent once per instance)
//   b.is_transition()                  zero on row n-1 only (x - omega^(n-1)), degree 1
//   b.assert_zero(name, e)             e = 0 on every row
//   b.assert_zero_first(name, e)       on row 0 only
//   b.assert_zero_last(name, e)        on row n-1 only
//   b.assert_zero_transition(name, e)  on rows 0..n-2 (e may read the next row)
//   b.prove(bus, {t0, t1, ...}, m)     adds +m copies of tuple (t0, t1, ...) to bus `bus`
//   b.assume(bus, {t0, t1, ...}, m)    adds -m copies
// Expressions support + - * and unary -; constants come from b.constant(). Names are string
// literals (the prover never copies them). The order of calls is part of the protocol (it
// fixes the constraint combination and the logUp columns), so eval must not branch on data.
// eval is called concurrently from worker threads: it must not modify the AIR.
//
// Buses: over all instances and the statement's direct terms, every (bus, tuple) must have net
// multiplicity zero. Tuples on one bus should have one length (shorter tuples are implicitly
// zero-padded by the fingerprint, docs/STARK.md "logUp").
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "base/status.h"
#include "poly/matrix.h"
#include "stark/air_types.h"
#include "stark/config.h"
#include "stark/prover_builder.h"
#include "stark/row_builder.h"
#include "stark/symbolic.h"
#include "stark/verifier_builder.h"

namespace ziskc::stark {

// Type-erased AIR. Implementations come only from AirAdapter (make_air).
class Air {
 public:
  virtual ~Air() = default;
  virtual const AirInfo& info() const = 0;
  // rows = 2^log_height, cols = num_fixed. kUnsupported for AIRs without fixed columns or for a
  // height the AIR does not offer.
  virtual Result<poly::RowMajorMatrix> fixed_columns(unsigned log_height) const = 0;
  virtual void eval(SymbolicBuilder& b) const = 0;
  virtual void eval(RowBuilder& b) const = 0;
  virtual void eval(VerifierBuilder& b) const = 0;
  virtual void eval(ProverBuilder& b) const = 0;
};

using AirPtr = std::shared_ptr<const Air>;

namespace internal {
template <class A>
concept HasFixedColumns = requires(const A& a, unsigned h) {
  { a.fixed_columns(h) } -> std::same_as<Result<poly::RowMajorMatrix>>;
};
}  // namespace internal

// The one adapter template: every builder is instantiated here, so an AIR never names them.
template <class A>
class AirAdapter final : public Air {
 public:
  explicit AirAdapter(A air) : air_(std::move(air)), info_(air_.info()) {}
  const AirInfo& info() const override { return info_; }
  Result<poly::RowMajorMatrix> fixed_columns(unsigned log_height) const override {
    if constexpr (internal::HasFixedColumns<A>) {
      return air_.fixed_columns(log_height);
    } else {
      (void)log_height;
      return make_error(ErrorCode::kUnsupported, "air '{}' has no fixed columns", info_.name);
    }
  }
  void eval(SymbolicBuilder& b) const override { air_.eval(b); }
  void eval(RowBuilder& b) const override { air_.eval(b); }
  void eval(VerifierBuilder& b) const override { air_.eval(b); }
  void eval(ProverBuilder& b) const override { air_.eval(b); }
  const A& air() const { return air_; }

 private:
  A air_;
  AirInfo info_;
};

template <class A, class... Args>
AirPtr make_air(Args&&... args) {
  // Aggregates (most AIRs) are brace-initialised: parenthesised aggregate initialisation is
  // C++20 but not in every compiler the fuzz build uses (Clang < 16).
  if constexpr (std::is_constructible_v<A, Args...>) {
    return std::make_shared<const AirAdapter<A>>(A(std::forward<Args>(args)...));
  } else {
    return std::make_shared<const AirAdapter<A>>(A{std::forward<Args>(args)...});
  }
}

// Common constraint shapes.
template <class B, class E>
void assert_bool(B& b, const char* name, const E& x) {
  b.assert_zero(name, x * (x - b.constant(1)));
}

}  // namespace ziskc::stark
