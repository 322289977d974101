// The prover for a set of AIR instances, as explicit phases so that a distributed layer can run
// instances on different ranks and exchange only roots, instance values and bus sums:
//
//   commit_stage1(pk, spec)             per instance: witness -> LDE -> Merkle root
//   derive_global_challenges(...)       all headers (roots) -> alpha, beta   (stark/protocol.h)
//   prove_instance_rest(pk, spec, ...)  per instance: logUp stage 2 (bus sum), quotient,
//                                       openings at zeta and zeta*omega, DEEP-FRI, queries
//   prove(pk, public_values, specs)     all of the above on this machine
//
// Memory: with keep_stage1 = false the stage-1 LDE is dropped after its root is known and the
// witness callback is called again in prove_instance_rest (the root must come out the same),
// so peak memory is bounded by the instances in flight. prove() runs instances one after
// another, each phase parallel inside (base/parallel.h): with 2 cores one instance saturates
// the machine and peak memory stays one instance.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "base/status.h"
#include "poly/matrix.h"
#include "stark/keys.h"
#include "stark/logup.h"
#include "stark/proof.h"
#include "stark/protocol.h"

namespace ziskc::stark {

struct InstanceSpec {
  std::uint32_t air_id = 0;
  std::uint32_t log_height = 0;
  std::vector<Fe> instance_values;
  // The stage-1 trace (2^log_height x num_main); may be called more than once and must return
  // the same trace each time.
  std::function<Result<poly::RowMajorMatrix>()> witness;
};

// What a cheating prover's hooks see (ProverOptions::tamper_*_for_tests). gamma, zeta and
// bus_sum are set for the openings hook only (the stage-2 hook runs before they exist).
struct TamperContext {
  std::size_t position = 0;
  std::uint32_t air_id = 0;
  std::uint32_t log_height = 0;
  std::span<const Fe> public_values = {}, instance_values = {};
  Ext3 alpha = {}, beta = {}, gamma = {}, zeta = {};
  Ext3 bus_sum = {};
};

struct ProverOptions {
  // true: each instance's stage-1 LDE and tree stay in memory from commit_stage1 until its
  // second phase, so prove() holds all of them at once (memory grows with the instance count).
  // false: they are dropped once the root is known and rebuilt from the witness callback in
  // prove_instance_rest (stage 1 is computed twice), so peak memory is one instance.
  bool keep_stage1 = true;
  // Run the row checker on every trace before committing (kInvalidArgument on a failure).
  bool check_constraints = false;
  // If set, prove() checks the global bus balance (bus sums plus these direct terms) at the
  // end and refuses (kInvalidArgument) a statement whose buses do not balance.
  const std::vector<DirectTerm>* direct_terms = nullptr;
  // Soundness tests only: instead of refusing a witness that violates its constraints, drop
  // the quotient's excess degree and carry on, so tests can show the verifier rejects it.
  bool unchecked_for_tests = false;
  // Soundness tests only (a cheating prover; both imply unchecked_for_tests). Called with the
  // instance's stage-2 trace (n rows: the helper columns then the running sum, 3 base columns
  // each) and its bus sum before they are committed and absorbed; may rewrite both.
  std::function<void(const TamperContext& ctx, poly::RowMajorMatrix& stage2, Ext3& bus_sum)>
      tamper_stage2_for_tests = nullptr;
  // Called with the out-of-domain openings before they are absorbed; may rewrite them (the DEEP
  // polynomial is then built from the rewritten values, as a lying prover would).
  std::function<void(const TamperContext& ctx, Openings& openings)> tamper_openings_for_tests =
      nullptr;
};

struct Stage1 {
  InstanceHeader header;
  std::unique_ptr<CommittedTrace> main;  // null after it was dropped (keep_stage1 = false)
};

// Phase-time accounting (seconds), summed over instances; filled when a pointer is given.
// cpu is the process CPU time (all threads) spent during the phase: on a machine shared with
// other jobs it measures the work where wall time measures the wait.
struct PhaseTime {
  double wall = 0, cpu = 0;
};
struct ProverTimings {
  PhaseTime witness, stage1_lde, stage1_merkle, stage2, quotient, openings, fri, queries;
};

Result<Stage1> commit_stage1(const ProvingKey& pk, const InstanceSpec& spec,
                             std::span<const Fe> public_values, const ProverOptions& options = {},
                             ProverTimings* timings = nullptr);

// Everything after the global challenges for the instance at `position` of the proof.
// The bus sum is in the returned InstanceProof (has_stage2 / bus_sum).
Result<InstanceProof> prove_instance_rest(const ProvingKey& pk, const InstanceSpec& spec,
                                          std::size_t position, Stage1& stage1,
                                          const GlobalChallenges& challenges,
                                          std::span<const Fe> public_values,
                                          const ProverOptions& options = {},
                                          ProverTimings* timings = nullptr);

// Specs must be in canonical order (air ids non-decreasing).
Result<Proof> prove(const ProvingKey& pk, std::span<const Fe> public_values,
                    std::span<const InstanceSpec> specs, const ProverOptions& options = {},
                    ProverTimings* timings = nullptr);

}  // namespace ziskc::stark
