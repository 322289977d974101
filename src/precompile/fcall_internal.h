// Internal interface between the free-input call dispatcher (fcall.cc) and the hint
// implementations (fcall_int.cc: integer hints; fcall_field.cc: field and curve hints).
// Each hint takes the pushed parameter words (already checked to be at least the count the hint
// reads) and returns its result words, or a kGuestFault Status for values ZisK's host rejects
// (ZisK panics or returns an error code there and the emulation stops).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"

namespace ziskc::precompile::hints {

using Params = std::span<const std::uint64_t>;
using Words = std::vector<std::uint64_t>;

// A located guest fault for hint `name`.
Status reject(const char* name, std::string_view why);

// Field and curve hints (fcall_field.cc).
Result<Words> secp256k1_fp_inv(Params p);
Result<Words> secp256k1_fn_inv(Params p);
Result<Words> secp256k1_fp_sqrt(Params p);
Result<Words> secp256k1_glv_decompose(Params p);
Result<Words> secp256r1_fn_inv(Params p);
Result<Words> secp256r1_ecdsa_verify(Params p);
Result<Words> bn254_fp_inv(Params p);
Result<Words> bn254_fp2_inv(Params p);
Result<Words> bn254_twist_add_line_coeffs(Params p);
Result<Words> bn254_twist_dbl_line_coeffs(Params p);
Result<Words> bls12_381_fp_inv(Params p);
Result<Words> bls12_381_fp_sqrt(Params p);
Result<Words> bls12_381_fp2_inv(Params p);
Result<Words> bls12_381_fp2_sqrt(Params p);
Result<Words> bls12_381_twist_add_line_coeffs(Params p);
Result<Words> bls12_381_twist_dbl_line_coeffs(Params p);

// Integer hints (fcall_int.cc).
Result<Words> bin_decomp(Params p);
Result<Words> msb_pos_256(Params p);
Result<Words> msb_pos_384(Params p);
Result<Words> uint256_div(Params p);
Result<Words> uint256_inv(Params p);
Result<Words> uint256_inv_mod(Params p);
Result<Words> bigint_div(Params p);

}  // namespace ziskc::precompile::hints
