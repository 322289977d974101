// Keccak-f[1600]: theta, rho+pi (one cycle through the 24 non-origin lanes), chi, iota per round,
// the round fully unrolled by the compiler over constant-bound loops.
#include "precompile/keccak.h"

#include <bit>

namespace ziskc::precompile {
namespace {

constexpr std::uint64_t kRoundConstants[24] = {
    0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
    0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
    0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
};
// rho+pi as one cycle: lane kPiLane[i] receives the previous lane of the cycle rotated by
// kRho[i] (the cycle starts at lane 1).
constexpr int kPiLane[24] = {10, 7,  11, 17, 18, 3, 5,  16, 8,  21, 24, 4,
                             15, 23, 19, 13, 12, 2, 20, 14, 22, 9,  6,  1};
constexpr int kRho[24] = {1,  3,  6,  10, 15, 21, 28, 36, 45, 55, 2,  14,
                          27, 41, 56, 8,  25, 43, 62, 18, 39, 61, 20, 44};

}  // namespace

void keccak_f1600(std::uint64_t state[25]) {
  std::uint64_t a[25];
  for (int i = 0; i < 25; ++i) a[i] = state[i];
  for (int round = 0; round < 24; ++round) {
    // theta
    std::uint64_t c[5], d[5];
    for (int x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; ++x) d[x] = c[(x + 4) % 5] ^ std::rotl(c[(x + 1) % 5], 1);
    for (int i = 0; i < 25; ++i) a[i] ^= d[i % 5];
    // rho and pi
    std::uint64_t carried = a[1];
    for (int i = 0; i < 24; ++i) {
      const std::uint64_t next = a[kPiLane[i]];
      a[kPiLane[i]] = std::rotl(carried, kRho[i]);
      carried = next;
    }
    // chi
    for (int y = 0; y < 25; y += 5) {
      const std::uint64_t r0 = a[y], r1 = a[y + 1], r2 = a[y + 2], r3 = a[y + 3], r4 = a[y + 4];
      a[y] = r0 ^ (~r1 & r2);
      a[y + 1] = r1 ^ (~r2 & r3);
      a[y + 2] = r2 ^ (~r3 & r4);
      a[y + 3] = r3 ^ (~r4 & r0);
      a[y + 4] = r4 ^ (~r0 & r1);
    }
    // iota
    a[0] ^= kRoundConstants[round];
  }
  for (int i = 0; i < 25; ++i) state[i] = a[i];
}

}  // namespace ziskc::precompile
