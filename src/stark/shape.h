// AirShape: everything the prover and verifier need to know about an AIR besides its eval code,
// computed once by symbolic evaluation (analyze_air): constraint names, kinds and degrees,
// interactions and their degrees, the logUp stage-2 layout, the number of quotient chunks and
// column use.
//
// logUp layout (docs/STARK.md "logUp"): interactions are taken in call order and paired
// greedily: interactions k and k+1 share one helper column h = m_k/f_k + m_{k+1}/f_{k+1} when
// the constraint h*f_k*f_{k+1} - (m_k*f_{k+1} + m_{k+1}*f_k) has degree <= max_degree, else k
// gets its own column (h*f_k - m_k). f is the fingerprint beta - (bus + sum_j alpha^(j+1) t_j),
// whose degree is the tuple's. One running-sum column s follows the helpers; all stage-2
// columns are in Ext3 (3 base columns each). The engine's constraints, after the AIR's, are:
// one per helper column (every row), then s - sum(h) (first row), s' - s - sum(h') (transition),
// s - bus_sum (last row).
//
// Invariant: an AirShape returned by analyze_air has max_degree <= the bound it was given.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "stark/air.h"

namespace ziskc::stark {

struct ConstraintInfo {
  std::string name;
  ConstraintKind kind;
  int degree;  // including the selector
};

struct InteractionInfo {
  std::uint32_t bus;
  bool prove;
  std::size_t tuple_len;
  int tuple_degree;  // max over the tuple's elements (= the fingerprint's degree)
  int multiplicity_degree;
};

struct LogupColumn {
  static constexpr std::size_t kNone = ~std::size_t{0};
  std::size_t first;
  std::size_t second = kNone;  // kNone for a single interaction
  int degree;                  // degree of this column's constraint
};

struct AirShape {
  AirInfo info;
  std::vector<ConstraintInfo> constraints;  // the AIR's own, in eval order
  std::vector<InteractionInfo> interactions;
  std::vector<LogupColumn> logup_columns;
  std::size_t max_tuple_len = 0;
  int max_degree = 0;  // over all constraints, the AIR's and logUp's
  std::size_t num_quotient_chunks = 1;
  // Per column: bit 0 read on this row, bit 1 read on the next row.
  std::vector<std::uint8_t> main_use, fixed_use;

  bool has_stage2() const { return !interactions.empty(); }
  // Ext3 columns of stage 2 (helpers + running sum) and their base width.
  std::size_t num_stage2_ext() const { return has_stage2() ? logup_columns.size() + 1 : 0; }
  std::size_t num_stage2_cols() const { return 3 * num_stage2_ext(); }
  std::size_t num_logup_constraints() const { return has_stage2() ? logup_columns.size() + 3 : 0; }
  std::size_t num_constraints_total() const { return constraints.size() + num_logup_constraints(); }
  std::size_t num_quotient_cols() const { return 3 * num_quotient_chunks; }
};

// Symbolic analysis of `air`. kInvalidArgument naming the AIR and constraint when a constraint
// or logUp column exceeds max_degree, when the AIR reads more public/instance values than it
// declares, or when it has no constraint and no interaction.
Result<AirShape> analyze_air(const Air& air, int max_degree);

}  // namespace ziskc::stark
