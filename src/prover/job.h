// Internal: one instance of a proof as the pipeline plans, builds and commits it.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "base/status.h"
#include "poly/matrix.h"
#include "stark/config.h"
#include "verifier/statement.h"

namespace ziskc::prover {

struct Job {
  verifier::AirKind air = verifier::AirKind::kMain;
  std::size_t index = 0;  // position among the instances of its AIR
  unsigned log_height = 0;
  std::vector<stark::Fe> instance_values;
  std::uint64_t records = 0;     // steps (Main), records or accesses
  std::uint64_t first_step = 0;  // Main: the step of row 0 (for messages)
  // Builds the trace. `first` is true on the first call only: that call adds the instance's
  // table lookups to the shared counts; later calls (regeneration) must return the same trace.
  std::function<Result<poly::RowMajorMatrix>(bool first)> build;
};

}  // namespace ziskc::prover
