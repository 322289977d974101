// The statement side of Main (what the verifier adds and checks; docs/sm/main.md "Statement").
// Verifier code may use this header: it depends on the AIR constants and zisk/layout only.
//
// Direct terms:
//  - continuation start, proved:  (0, 0, boot_pc, 0, 0)        step 0 at 0x1000, last c 0
//  - continuation end, assumed:   (1, steps - 1, end_pc, 0, 0) the last instance reaches 0x1004
//                                 at step steps - 1: the end instruction is the run's last step
//  - 32 pubouts, proved:          (0x30, i, 0, v_lo, v_hi, v_lo, v_hi, 0), i < 32, with
//                                 v_lo = public value 2i, v_hi = public value 2i + 1
//    (the BIOS publishes the output area as 32 pubouts of 8-byte words; sm/buses.h), so a
//    balanced operation bus means the BIOS's output loop ran exactly once per word and published
//    these values.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "field/goldilocks.h"
#include "stark/logup.h"
#include "zisk/layout.h"

namespace ziskc::sm {

using field::Fe;

// Number of public values of a zkVM proof (64 u32 output words) and of pubout steps.
inline constexpr std::size_t kNumPublicValues = zisk::kNumPublicOutputs;
inline constexpr std::size_t kNumPubouts = kNumPublicValues / 2;

// Main rows over all instances must stay below this (steps below 2^36, mem_steps below 2^38).
inline constexpr std::uint64_t kMainMaxRows = 1ull << 36;

// The 34 direct terms of a proof with these public values and this step count (the run's steps,
// the end instruction included): kInvalidArgument unless there are exactly 64 values, each
// below 2^32, and steps is in [1, kMainMaxRows] (no other count is provable).
Result<std::vector<stark::DirectTerm>> main_direct_terms(const zisk::Layout& layout,
                                                         std::span<const Fe> public_values,
                                                         std::uint64_t steps);

// The continuation tuples (kMainContinuationBus) an instance assumes and proves, from its
// instance values (MainInstanceValue order).
std::vector<Fe> main_continuation_in(std::span<const Fe> instance_values);
std::vector<Fe> main_continuation_out(std::span<const Fe> instance_values);

// kVerifyFailed when the Main instances hold kMainMaxRows rows or more (the verifier calls this
// with the sum of 2^log_height over Main's instances).
Status check_main_rows(std::uint64_t total_rows);

}  // namespace ziskc::sm
