// Main's direct terms and row bound (statement.h).
#include "sm/main/statement.h"

#include "base/check.h"
#include "sm/buses.h"
#include "sm/main/air.h"
#include "zisk/ops.h"

namespace ziskc::sm {

Result<std::vector<stark::DirectTerm>> main_direct_terms(const zisk::Layout& layout,
                                                         std::span<const Fe> public_values,
                                                         std::uint64_t steps) {
  if (public_values.size() != kNumPublicValues) {
    return make_error(ErrorCode::kInvalidArgument, "public values: expected {}, got {}",
                      kNumPublicValues, public_values.size());
  }
  for (std::size_t i = 0; i < public_values.size(); ++i) {
    if (public_values[i].value() >> 32 != 0) {
      return make_error(ErrorCode::kInvalidArgument,
                        "public values: value {} = 0x{:x} is not a 32-bit word", i,
                        public_values[i].value());
    }
  }
  if (steps == 0 || steps > kMainMaxRows) {
    return make_error(ErrorCode::kInvalidArgument, "steps: {} is not in [1, 2^36]", steps);
  }
  std::vector<stark::DirectTerm> out;
  out.reserve(2 + kNumPubouts);
  const Fe zero = Fe::zero();
  out.push_back({.bus = kMainContinuationBus,
                 .tuple = {zero, zero, Fe::from_u64(layout.boot_pc), zero, zero},
                 .multiplicity = Fe::one()});
  out.push_back(
      {.bus = kMainContinuationBus,
       .tuple = {Fe::one(), Fe::from_u64(steps - 1), Fe::from_u64(layout.end_pc), zero, zero},
       .multiplicity = -Fe::one()});
  const Fe pubout = Fe::from_u64(static_cast<std::uint64_t>(zisk::Op::kPubOut));
  for (std::size_t i = 0; i < kNumPubouts; ++i) {
    const Fe lo = public_values[2 * i], hi = public_values[2 * i + 1];
    out.push_back({.bus = kOperationBus,
                   .tuple = {pubout, Fe::from_u64(i), zero, lo, hi, lo, hi, zero},
                   .multiplicity = Fe::one()});
  }
  return out;
}

std::vector<Fe> main_continuation_in(std::span<const Fe> iv) {
  ZISKC_CHECK(iv.size() == kMainNumInstanceValues, "main instance values");
  return {Fe::zero(), iv[kMainStartStep], iv[kMainStartPc], iv[kMainStartCLo], iv[kMainStartCHi]};
}

std::vector<Fe> main_continuation_out(std::span<const Fe> iv) {
  ZISKC_CHECK(iv.size() == kMainNumInstanceValues, "main instance values");
  return {iv[kMainIsLast], iv[kMainNextStep], iv[kMainNextPc], iv[kMainLastCLo], iv[kMainLastCHi]};
}

Status check_main_rows(std::uint64_t total_rows) {
  if (total_rows >= kMainMaxRows) {
    return make_error(ErrorCode::kVerifyFailed,
                      "main: {} rows over all instances, the proof allows fewer than 2^36",
                      total_rows);
  }
  return Status::ok();
}

}  // namespace ziskc::sm
