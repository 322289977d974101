// Columns of the KeccakF machine (docs/sm/keccakf.md): one row per round of Keccak-f[1600], 24
// rows per keccakf call (the Plonky3 keccak-air layout, with 32-bit limbs, the bus's limb size).
//
// Row r of a permutation holds round r: the state A before the round as limbs, the θ column
// parities C and C' = C ^ C[x-1] ^ rot(C[x+1], 1) as bits, A' = θ(A) as bits, A'' = χ(π(ρ(A')))
// as limbs (lane (0, 0) also as bits) and A''' = ι(A'')[0][0] as limbs. The next row's A is this
// row's output (A''' at (0, 0), A'' elsewhere) unless this row is round 23.
// Lane (x, y) of the state is index x + 5y (FIPS 202; docs/PRECOMPILES.md), bit z of a lane is
// bit z of the little-endian u64, limb l holds bits 32l .. 32l + 31.
//
// Invariant: only T members, so the width is sizeof / sizeof(T).
#pragma once

namespace ziskc::sm {

inline constexpr unsigned kKeccakRounds = 24;
inline constexpr unsigned kKeccakLanes = 25;

template <class T>
struct KeccakfCols {
  T round[kKeccakRounds];       // one-hot: round[r] = 1 on the row of round r (forced from row 0)
  T sel;                        // 1 on the rows of a call, 0 on padding permutations (latched)
  T step;                       // main step of the call (latched)
  T addr;                       // the state's address, b_lo of the op message (latched)
  T a[kKeccakLanes][2];         // state before the round, limbs (lane x + 5y)
  T c[5][64];                   // C[x] bit z: parity of column x of A
  T c_prime[5][64];             // C'[x] = C[x] ^ C[x-1] ^ rot(C[x+1], 1)
  T a_prime[kKeccakLanes][64];  // A' = A ^ C ^ C' (θ), bits
  T a_pp[kKeccakLanes][2];      // A'' = χ(π(ρ(A'))), limbs
  T a_pp00_bits[64];            // A''[0][0], bits (for ι)
  T a_ppp00[2];                 // A'''[0][0] = A''[0][0] ^ RC[round], limbs
};

}  // namespace ziskc::sm
