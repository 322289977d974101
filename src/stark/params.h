// Protocol parameters that every proof states, and the conjectured-security rule that ties
// them to a target (docs/STARK.md "Parameters and security" has the justification).
//
// Conjectured security (ethSTARK / Plonky3 style, "toy problem" conjecture for FRI):
//   bits = min(num_queries * log_blowup + grinding_bits, kFieldSecurityBits)
// kFieldSecurityBits bounds every Schwartz-Zippel-type term of the protocol (logUp challenges,
// constraint combination, out-of-domain point, DEEP and FRI folding challenges) drawn from the
// 192-bit extension field: the largest of them is below 2^-150 for every shape the engine accepts.
//
// Invariant: a StarkParams that passed validate_params() has every field in the range the
// prover and verifier support; the verifier additionally refuses security below its floor.
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"

namespace ziskc::stark {

inline constexpr unsigned kDefaultSecurityBits = 128;
inline constexpr unsigned kFieldSecurityBits = 150;

// Supported ranges (a proof stating anything else is malformed).
inline constexpr unsigned kMinLogBlowup = 1, kMaxLogBlowup = 4;
inline constexpr unsigned kMinLogFold = 1, kMaxLogFold = 4;
inline constexpr unsigned kMaxLogFinalDegree = 10;
inline constexpr unsigned kMaxGrindingBits = 32;
inline constexpr unsigned kMaxQueries = 1024;

struct StarkParams {
  std::uint32_t log_blowup = 1;        // LDE blowup 2^log_blowup; max constraint degree 2^b + 1
  std::uint32_t log_fold = 3;          // FRI folds by 2^log_fold per round
  std::uint32_t log_final_degree = 5;  // the final FRI polynomial has < 2^x coefficients
  std::uint32_t grinding_bits = 16;    // proof of work before the query indices
  std::uint32_t num_queries = 112;

  friend bool operator==(const StarkParams&, const StarkParams&) = default;
  // Largest constraint degree these parameters can prove (2^log_blowup + 1).
  unsigned max_constraint_degree() const { return (1u << log_blowup) + 1; }
  std::string to_string() const;
};

// What a prover asks for; num_queries is derived.
struct ParamsOptions {
  unsigned security_bits = kDefaultSecurityBits;
  unsigned log_blowup = 1;
  unsigned grinding_bits = 16;
  unsigned log_fold = 3;
  unsigned log_final_degree = 5;
};

// Smallest num_queries with queries * log_blowup + grinding >= security_bits.
// kInvalidArgument if the target exceeds kFieldSecurityBits or a field is out of range.
Result<StarkParams> make_params(const ParamsOptions& options = {});

// Range check of every field (kInvalidArgument naming the field).
Status validate_params(const StarkParams& p);

// min(num_queries * log_blowup + grinding_bits, kFieldSecurityBits).
unsigned conjectured_security_bits(const StarkParams& p);

}  // namespace ziskc::stark
