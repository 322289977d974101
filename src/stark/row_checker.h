// Debugging tools on concrete traces (what `prove --check-constraints` is built on):
//  - find_constraint_failure / check_constraints: evaluate every constraint of an AIR on every
//    row of a trace and report the first failure (lowest row; at one row the first constraint
//    in eval order) by AIR, instance, constraint name, kind and row.
//  - BusDebugger: gathers every bus message of every instance (and the statement's direct
//    terms) with its multiplicity and lists the (bus, tuple) pairs whose net multiplicity is
//    not zero, with the instances and rows that sent them.
// Traces are the honest prover's own data, so shape errors are kInvalidArgument.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "poly/matrix.h"
#include "stark/air.h"
#include "stark/logup.h"

namespace ziskc::stark {

struct ConstraintFailure {
  std::string air;
  std::size_t instance = 0;
  std::string constraint;
  ConstraintKind kind = ConstraintKind::kEveryRow;
  std::size_t row = 0;
  Fe value;
  std::string to_string() const;
};

// Checks the shapes (main: 2^k rows x num_main; fixed: same rows x num_fixed, may be null when
// num_fixed = 0; enough public and instance values) and returns the first failing constraint.
Result<std::optional<ConstraintFailure>> find_constraint_failure(
    const Air& air, std::size_t instance, const poly::RowMajorMatrix& main,
    const poly::RowMajorMatrix* fixed, std::span<const Fe> public_values,
    std::span<const Fe> instance_values);

// The same as a Status: kInvalidArgument "air 'fib' instance 0: constraint 'x' (transition)
// fails at row 5 (value 12)".
Status check_constraints(const Air& air, std::size_t instance, const poly::RowMajorMatrix& main,
                         const poly::RowMajorMatrix* fixed, std::span<const Fe> public_values,
                         std::span<const Fe> instance_values);

// Writes a field element as a signed integer when it is closer to p than to 0.
std::string signed_fe(Fe v);

class BusDebugger {
 public:
  static constexpr std::size_t kNoRow = ~std::size_t{0};
  static constexpr std::size_t kMaxSourcesKept = 8;  // per message (the count is exact)

  struct Source {
    std::string air;  // "direct" for statement terms
    std::size_t instance = 0;
    std::size_t row = kNoRow;
    Fe multiplicity;
  };
  struct Unbalanced {
    std::uint32_t bus = 0;
    std::vector<Fe> tuple;
    Fe net;
    std::vector<Source> sources;  // at most kMaxSourcesKept
    std::size_t num_sources = 0;
  };

  Status add_instance(const Air& air, std::size_t instance, const poly::RowMajorMatrix& main,
                      const poly::RowMajorMatrix* fixed, std::span<const Fe> public_values,
                      std::span<const Fe> instance_values);
  void add_direct(const DirectTerm& t);

  // Every (bus, tuple) with a non-zero net multiplicity, ordered by bus then tuple. Tuples that
  // differ only in trailing zeros are one message (the fingerprint zero-pads); the tuple shown
  // is the first one added.
  std::vector<Unbalanced> unbalanced() const;
  // One line per unbalanced message (at most max_items), or "all buses balanced".
  std::string report(std::size_t max_items = 20) const;

 private:
  struct Entry {
    std::vector<Fe> tuple;  // as first added (keys drop trailing zeros, which change nothing)
    Fe net;
    std::vector<Source> sources;
    std::size_t num_sources = 0;
  };
  void add(std::uint32_t bus, std::span<const Fe> tuple, Fe m, Source src);
  std::map<std::pair<std::uint32_t, std::vector<std::uint64_t>>, Entry> messages_;
};

}  // namespace ziskc::stark
