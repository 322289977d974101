// One round of the BLAKE2b compression function F (RFC 7693 §3.2), the function behind
// precompile 0x819 (ZisK `blake2`, opcode 0xea): the column and diagonal G steps on the 16-word
// working vector v with message m, permuted by SIGMA[round mod 10].
#pragma once

#include <cstdint>

namespace ziskc::precompile {

// v = round(v, m). `round` is ZisK's index truncated to 32 bits; SIGMA is taken mod 10, so
// rounds 10 and 11 of F reuse SIGMA[0] and SIGMA[1] as the RFC specifies.
void blake2b_round(std::uint64_t v[16], const std::uint64_t m[16], std::uint32_t round);

}  // namespace ziskc::precompile
