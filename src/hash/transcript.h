// Fiat-Shamir transcript: a duplex sponge over Poseidon2 width 16 (rate 12, capacity 4).
//
// Rules (docs/HASH.md has the rationale):
//  - Construction absorbs the label: its length, then its bytes packed 7 per element (little
//    endian), so different labels start from different states (domain separation).
//  - absorb(...) appends elements to a pending block; a full block of 12 overwrites the rate
//    part of the state and the state is permuted.
//  - Squeezing first closes the pending block (if anything was absorbed since the last
//    permutation, or the outputs are used up) with 10* padding: a 1 after the last element,
//    zeros after it; then the rate part of the permuted state is handed out in order, 12
//    elements per permutation. Absorbing again discards unread outputs.
//  - squeeze_index(log_n) returns the low log_n bits (log_n <= 32) of one fresh element; an
//    element equal to p - 1 is rejected and another one drawn, so the index is exactly
//    uniform (see squeeze_index).
//  - Proof of work: grind(bits) closes the pending block and searches the smallest nonce such
//    that Poseidon2_16([state[0..15), nonce])[0] < 2^(64 - bits); check_pow(nonce, bits)
//    recomputes that. Neither absorbs the nonce: the protocol absorbs it explicitly after.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "field/ext3.h"
#include "field/goldilocks.h"
#include "hash/sponge.h"

namespace ziskc::hash {

class Transcript {
 public:
  static constexpr std::size_t kWidth = 16;
  static constexpr std::size_t kRate = 12;
  static constexpr unsigned kMaxIndexBits = 32;
  static constexpr unsigned kMaxPowBits = 40;

  explicit Transcript(std::string_view label);

  void absorb(Fe x);
  void absorb(std::span<const Fe> xs);
  void absorb(const Digest& d);
  void absorb(const field::Ext3& x);
  void absorb_u64(std::uint64_t x);  // as two 32-bit halves (any u64 is accepted)

  Fe squeeze_fe();
  field::Ext3 squeeze_ext3();
  // Uniform in [0, 2^log_n); log_n <= kMaxIndexBits (checked: a parameter, not input).
  std::uint64_t squeeze_index(unsigned log_n);
  std::vector<std::uint64_t> squeeze_indices(std::size_t count, unsigned log_n);

  // Smallest nonce passing check_pow (parallel search). bits <= kMaxPowBits (checked).
  std::uint64_t grind(unsigned bits);
  bool check_pow(std::uint64_t nonce, unsigned bits);

 private:
  void permute_pending(bool pad);
  std::array<Fe, kWidth> pow_input();

  std::array<Fe, kWidth> state_{};
  std::array<Fe, kRate> pending_{};
  std::size_t num_pending_ = 0;
  std::size_t out_pos_ = kRate;  // next unread rate element; kRate = none left
  bool dirty_ = false;           // absorbed since the last permutation
};

}  // namespace ziskc::hash
