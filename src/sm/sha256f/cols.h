// Columns of the Sha256F machine (docs/sm/sha256f.md): one row per round of the SHA-256
// compression function (FIPS 180-4 §6.2.2), 64 rows per sha256 call.
//
// Row t of a call holds round t: the working variables as bits in two shift registers, a[1..4] =
// (a, b, c, d) and e[1..4] = (e, f, g, h) before the round (a[k] = a_(t+1-k), the a of k - 1
// rounds earlier), and the round's new a and e in a[0] and e[0]; the next row's a[k + 1] is
// this row's a[k] (likewise e). The message schedule is a window of 16 words as bits, w[i] =
// W_(t+i); the next row's w[i] is this row's w[i + 1] and its w[15] is W_(t+16) = σ1(w[14]) +
// w[9] + σ0(w[1]) + w[0]. Σ0, Σ1, Ch, Maj, σ0 and σ1 are 32-bit limbs of their bit formulas; the
// additions mod 2^32 carry small integers as bits. The input state (h_in, limbs) and the call's
// addresses are latched over the call; the round-63 row also holds the output words
// H_i + (a..h)_i mod 2^32 as bits (out) with their carry bits.
// Bit j of a word is bit j of the u32 (the words are FIPS 180-4 big-endian words as integers).
//
// Invariant: only T members, so the width is sizeof / sizeof(T).
#pragma once

namespace ziskc::sm {

inline constexpr unsigned kSha256Rounds = 64;
inline constexpr unsigned kSha256StateWords = 4;  // u64 words of the state (8 u32 H_i)
inline constexpr unsigned kSha256InputWords = 8;  // u64 words of the 64-byte block

template <class T>
struct Sha256fCols {
  T round[kSha256Rounds];  // one-hot: round[t] = 1 on the row of round t (forced from row 0)
  T sel;                   // 1 on the rows of a call, 0 on padding calls (latched)
  T step;                  // main step of the call (latched)
  T addr;                  // the parameter block's address, b_lo of the op message (latched)
  T state_ptr;             // block word 0: the state's address (latched)
  T input_ptr;             // block word 1: the input's address (latched)
  T h_in[8];               // H_0..H_7 before the call, limbs (latched; row 0: a[1..4], e[1..4])
  T w[16][32];             // message window, bits: w[i] = W_(t+i)
  T sig0;                  // σ0(w[1]) = rotr7 ^ rotr18 ^ shr3, limb
  T sig1;                  // σ1(w[14]) = rotr17 ^ rotr19 ^ shr10, limb
  T w_carry[2];            // carry of W_(t+16) = σ1 + w[9] + σ0 + w[0] (the next row's w[15])
  T a[5][32];              // a[0]: new a; a[1..4]: a, b, c, d before the round; bits
  T e[5][32];              // e[0]: new e; e[1..4]: e, f, g, h before the round; bits
  T big_sig0;              // Σ0(a) = rotr2 ^ rotr13 ^ rotr22, limb
  T big_sig1;              // Σ1(e) = rotr6 ^ rotr11 ^ rotr25, limb
  T ch;                    // Ch(e, f, g) = (e & f) ^ (~e & g), limb
  T maj;                   // Maj(a, b, c), limb
  T a_carry[3];            // carry of new a = T1 + Σ0 + Maj (7 terms: at most 6)
  T e_carry[3];            // carry of new e = d + T1 (6 terms: at most 5)
  T out[8][32];            // H_i + (a', b', ..., h')_i mod 2^32, bits (used on round 63)
  T out_carry[8];          // their carries (bits)
};

}  // namespace ziskc::sm
