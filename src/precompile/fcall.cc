// fcall(): the table of ZisK's free-input calls (ids 1..23 of ziskos zisklib FCALL_*_ID), the
// parameter-count check of each, and the dispatch to the hint implementations.
#include <array>

#include "precompile/fcall_internal.h"
#include "precompile/precompile.h"

namespace ziskc::precompile {
namespace {

using hints::Params;
using hints::Words;

struct Hint {
  const char* name;
  std::size_t min_params;  // parameter words the host reads (more are ignored, as in ZisK)
  Result<Words> (*fn)(Params);
};

// The input-ready call has no computation: ziskc loads the whole input before the run, so the
// input the guest waits for is always there.
Result<Words> input_ready(Params) { return Words{}; }

// Id 5 was secp256r1_ecdsa_verify (20 words: pk, z, r, s) before it became secp256r1_fn_inv
// (4 words); the parameter count tells the two apart.
Result<Words> secp256r1_id5(Params p) {
  return p.size() >= 20 ? hints::secp256r1_ecdsa_verify(p) : hints::secp256r1_fn_inv(p);
}

constexpr std::array<Hint, 24> kHints = {{
    {nullptr, 0, nullptr},
    {"secp256k1_fp_inv", 4, hints::secp256k1_fp_inv},
    {"secp256k1_fn_inv", 4, hints::secp256k1_fn_inv},
    {"secp256k1_fp_sqrt", 5, hints::secp256k1_fp_sqrt},
    {"secp256k1_glv_decompose", 4, hints::secp256k1_glv_decompose},
    {"secp256r1_fn_inv", 4, secp256r1_id5},
    {"bn254_fp_inv", 4, hints::bn254_fp_inv},
    {"bn254_fp2_inv", 8, hints::bn254_fp2_inv},
    {"bn254_twist_add_line_coeffs", 32, hints::bn254_twist_add_line_coeffs},
    {"bn254_twist_dbl_line_coeffs", 16, hints::bn254_twist_dbl_line_coeffs},
    {"bls12_381_fp_inv", 6, hints::bls12_381_fp_inv},
    {"bls12_381_fp_sqrt", 6, hints::bls12_381_fp_sqrt},
    {"bls12_381_fp2_inv", 12, hints::bls12_381_fp2_inv},
    {"bls12_381_fp2_sqrt", 12, hints::bls12_381_fp2_sqrt},
    {"bls12_381_twist_add_line_coeffs", 48, hints::bls12_381_twist_add_line_coeffs},
    {"bls12_381_twist_dbl_line_coeffs", 24, hints::bls12_381_twist_dbl_line_coeffs},
    {"bin_decomp", 1, hints::bin_decomp},
    {"msb_pos_256", 1, hints::msb_pos_256},
    {"msb_pos_384", 1, hints::msb_pos_384},
    {"uint256_div", 8, hints::uint256_div},
    {"uint256_inv", 4, hints::uint256_inv},
    {"uint256_inv_mod", 8, hints::uint256_inv_mod},
    {"bigint_div", 1, hints::bigint_div},
    {"input_ready", 0, input_ready},
}};

}  // namespace

namespace hints {
Status reject(const char* name, std::string_view why) {
  return make_error(ErrorCode::kGuestFault, "free-input call {}: {}", name, why);
}
}  // namespace hints

const char* fcall_name(std::uint32_t id) { return id < kHints.size() ? kHints[id].name : nullptr; }

Result<std::vector<std::uint64_t>> fcall(std::uint32_t id, std::span<const std::uint64_t> params) {
  if (id == 0 || id >= kHints.size()) {
    return make_error(ErrorCode::kGuestFault, "free-input call: unknown id {}", id);
  }
  const Hint& h = kHints[id];
  if (params.size() > kFcallParamsMax) {
    return hints::reject(h.name, fmt::format("{} parameter words, more than ZisK's maximum of {}",
                                             params.size(), kFcallParamsMax));
  }
  if (params.size() < h.min_params) {
    return hints::reject(
        h.name, fmt::format("needs {} parameter words, got {}", h.min_params, params.size()));
  }
  ZISKC_ASSIGN_OR_RETURN(Words out, h.fn(params));
  if (out.size() > kFcallResultMax) {
    return hints::reject(h.name, fmt::format("{} result words, more than ZisK's maximum of {}",
                                             out.size(), kFcallResultMax));
  }
  return out;
}

}  // namespace ziskc::precompile
