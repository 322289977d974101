// The zkVM verification key (`ziskc rom-setup` writes it; docs/PROVING.md "Verification key"):
// the statement of one program (layout, ROM height, ROM-data area), the STARK parameters, and
// the stark verification key (the AIR identities and every fixed-column root; the ROM machine's
// root is the program commitment).
//
// Byte layout (version 6, little-endian):
//   magic "ZISKCVK1" (8 bytes), version u32
//   layout u32 (0 zisk, 1 zisk-0.18), rom_log_height u32, rom_data_lo u64, rom_data_hi u64,
//   rom_data_last u64
//   params: log_blowup, log_fold, log_final_degree, grinding_bits, num_queries (u32 each)
//   air_set_digest: 4 x u64 (Poseidon2 digest of the AIR identities, a version check)
//   airs: u32 count, then per AIR: name (u32 length <= 64, bytes), num_main, num_fixed,
//         num_public_values, num_instance_values (u32 each)
//   fixed_roots: u32 count, then per root: air_id u32, log_height u32, digest 4 x u64
// Decoding checks every length before allocating and every field element against p; errors are
// kBadInput "vk: fixed_roots[3].root (at byte 412): ...".
//
// The digest (vk_digest) hashes all of it; proofs carry it in their public values, so a proof is
// bound to one key.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "stark/keys.h"
#include "stark/params.h"
#include "verifier/statement.h"

namespace ziskc::verifier {

// 2: Main's end flag (proven step count); 3: the KeccakF AIR (air ids from MemAlign on moved);
// 4: the Sha256F AIR (after KeccakF: air ids from MemAlign on moved again); 5: the Arith256 AIR
// (after Sha256F: air ids from MemAlign on moved again); 6: the Arith256Mod AIR (after Arith256).
inline constexpr std::uint32_t kVkVersion = 6;
inline constexpr std::size_t kMaxVkBytes = std::size_t{1} << 20;

struct VerificationKey {
  Statement statement;
  stark::StarkParams params;
  stark::VerificationKey stark_vk;

  // The ROM machine's fixed root (the program commitment); nullptr if the key has none.
  const stark::FixedRoot* program_root() const;
  friend bool operator==(const VerificationKey&, const VerificationKey&) = default;
};

// Digest of the AIR identities (names and widths) of an AIR set.
stark::Digest air_set_digest(std::span<const stark::AirId> airs);
// Poseidon2 digest of the whole key (statement, params, stark vk digest).
stark::Digest vk_digest(const VerificationKey& vk);

std::vector<std::uint8_t> encode_vk(const VerificationKey& vk);
// Shape checks and bounds only (kBadInput with the field path), then check_statement and
// validate_params; whether the AIR set is this ziskc's is checked by check_vk_airs.
Result<VerificationKey> decode_vk(std::span<const std::uint8_t> bytes);
// kVerifyFailed when the key's AIR identities are not the ones this ziskc builds for its
// statement (a key from another version), or the key has no ROM root / table roots at the
// heights the AIRs need.
Status check_vk_airs(const VerificationKey& vk);

// "0x" + 64 hex digits (the 4 elements, little-endian u64 each, as written in files).
std::string digest_hex(const stark::Digest& d);

}  // namespace ziskc::verifier
