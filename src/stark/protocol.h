// Protocol steps shared by the prover and the verifier, so that both derive every challenge
// from the same transcript operations (docs/STARK.md "Transcript order").
//
// Global transcript: Transcript(kTranscriptLabel); params (6 values); vk digest; the number of
// public values and the values; the number of instances; per instance in canonical order: air
// id, instance index (within its AIR), log height, number of instance values, the values, the
// stage-1 root. Then alpha, beta (Ext3) are squeezed: the logUp challenges of every instance.
// Each instance continues on its own copy of that state, first absorbing its position in the
// proof (instance_transcript), so instances can be proven on different machines once the
// stage-1 roots are known.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "hash/transcript.h"
#include "stark/config.h"
#include "stark/params.h"

namespace ziskc::stark {

inline constexpr unsigned kMinLogHeight = 2;

struct InstanceHeader {
  std::uint32_t air_id = 0;
  std::uint32_t log_height = 0;
  std::vector<Fe> instance_values;
  Digest stage1_root;
};

struct GlobalChallenges {
  Ext3 alpha;
  Ext3 beta;
  hash::Transcript transcript;  // state after squeezing alpha and beta
};

// Headers must be in canonical order (check_instance_order).
GlobalChallenges derive_global_challenges(const StarkParams& params, const Digest& vk_digest,
                                          std::span<const Fe> public_values,
                                          std::span<const InstanceHeader> headers);

// The transcript instance `position` continues on.
hash::Transcript instance_transcript(const GlobalChallenges& g, std::size_t position);

// Air ids must be non-decreasing; returns each instance's index within its AIR.
// kInvalidArgument (prover) naming the first instance out of order.
Result<std::vector<std::uint32_t>> instance_indices(std::span<const std::uint32_t> air_ids);

// Selector values at x for a trace domain of size 2^log_n, indexed by ConstraintKind:
// [1, L_0(x), L_{n-1}(x), x - omega^(n-1)]. x must not be in the trace domain.
std::array<Ext3, 4> selectors_at(Ext3 x, unsigned log_n);

// Inverts every element in place (Montgomery's trick); returns false (and leaves the span
// unspecified) if an element is zero.
bool batch_inverse_ext3(std::span<Ext3> xs);

}  // namespace ziskc::stark
