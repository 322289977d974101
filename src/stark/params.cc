// Parameter derivation and checks (rules in params.h).
#include "stark/params.h"

#include <fmt/format.h>

#include <algorithm>

namespace ziskc::stark {

std::string StarkParams::to_string() const {
  return fmt::format(
      "log_blowup={} log_fold={} log_final_degree={} grinding_bits={} num_queries={} "
      "(conjectured {} bits)",
      log_blowup, log_fold, log_final_degree, grinding_bits, num_queries,
      conjectured_security_bits(*this));
}

Status validate_params(const StarkParams& p) {
  auto range = [](const char* field, std::uint32_t v, unsigned lo, unsigned hi) -> Status {
    if (v < lo || v > hi) {
      return make_error(ErrorCode::kInvalidArgument, "params.{}: {} is outside [{}, {}]", field, v,
                        lo, hi);
    }
    return Status::ok();
  };
  ZISKC_RETURN_IF_ERROR(range("log_blowup", p.log_blowup, kMinLogBlowup, kMaxLogBlowup));
  ZISKC_RETURN_IF_ERROR(range("log_fold", p.log_fold, kMinLogFold, kMaxLogFold));
  ZISKC_RETURN_IF_ERROR(range("log_final_degree", p.log_final_degree, 0, kMaxLogFinalDegree));
  ZISKC_RETURN_IF_ERROR(range("grinding_bits", p.grinding_bits, 0, kMaxGrindingBits));
  ZISKC_RETURN_IF_ERROR(range("num_queries", p.num_queries, 1, kMaxQueries));
  return Status::ok();
}

unsigned conjectured_security_bits(const StarkParams& p) {
  const std::uint64_t fri = std::uint64_t{p.num_queries} * p.log_blowup + p.grinding_bits;
  return static_cast<unsigned>(std::min<std::uint64_t>(fri, kFieldSecurityBits));
}

Result<StarkParams> make_params(const ParamsOptions& o) {
  if (o.security_bits > kFieldSecurityBits) {
    return make_error(ErrorCode::kInvalidArgument,
                      "params: {} bits of security asked, the field bound is {}", o.security_bits,
                      kFieldSecurityBits);
  }
  StarkParams p{.log_blowup = o.log_blowup,
                .log_fold = o.log_fold,
                .log_final_degree = o.log_final_degree,
                .grinding_bits = o.grinding_bits,
                .num_queries = 1};
  if (o.log_blowup >= kMinLogBlowup) {
    const unsigned need = o.security_bits > o.grinding_bits ? o.security_bits - o.grinding_bits : 0;
    p.num_queries = std::max(1u, (need + o.log_blowup - 1) / o.log_blowup);
  }
  ZISKC_RETURN_IF_ERROR(validate_params(p));
  return p;
}

}  // namespace ziskc::stark
