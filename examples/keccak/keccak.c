/* Example guest: Keccak-256 (the original Keccak padding 0x01, as Ethereum uses; not SHA3-256)
 * in software over the bytes of the first input record. Outputs: words 0-7 = the 32-byte
 * digest (word i = digest bytes 4i..4i+3, little-endian), word 8 = the message length in
 * bytes (low 32 bits). No precompile is used: this is the workload of the emulator benchmarks,
 * and the baseline the keccak-f precompile is compared with. */
#include <stdio.h>
#include <string.h>
#include <ziskc/zisk.h>

#define RATE 136 /* bytes: 1600 - 2 * 256 bits */

static const uint64_t kRoundConstants[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
    0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
    0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull};
/* rho offsets and pi destinations along the lane walk (x, y) -> (y, 2x + 3y). */
static const unsigned kRho[24] = {1,  3,  6,  10, 15, 21, 28, 36, 45, 55, 2,  14,
                                  27, 41, 56, 8,  25, 43, 62, 18, 39, 61, 20, 44};
static const unsigned kPi[24] = {10, 7,  11, 17, 18, 3, 5,  16, 8,  21, 24, 4,
                                 15, 23, 19, 13, 12, 2, 20, 14, 22, 9,  6,  1};

static inline uint64_t rotl(uint64_t x, unsigned n) { return (x << n) | (x >> (64 - n)); }

static void keccakf(uint64_t s[25]) {
  for (int round = 0; round < 24; ++round) {
    uint64_t c[5];
    for (int x = 0; x < 5; ++x) c[x] = s[x] ^ s[x + 5] ^ s[x + 10] ^ s[x + 15] ^ s[x + 20];
    for (int x = 0; x < 5; ++x) {
      const uint64_t d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) s[y + x] ^= d;
    }
    uint64_t cur = s[1];
    for (int i = 0; i < 24; ++i) {
      const unsigned j = kPi[i];
      const uint64_t t = s[j];
      s[j] = rotl(cur, kRho[i]);
      cur = t;
    }
    for (int y = 0; y < 25; y += 5) {
      uint64_t row[5];
      for (int x = 0; x < 5; ++x) row[x] = s[y + x];
      for (int x = 0; x < 5; ++x) s[y + x] = row[x] ^ (~row[(x + 1) % 5] & row[(x + 2) % 5]);
    }
    s[0] ^= kRoundConstants[round];
  }
}

/* Absorbs `block` (RATE bytes) into the state, lane by lane (little-endian lanes). */
static void absorb(uint64_t s[25], const uint8_t* block) {
  for (int i = 0; i < RATE / 8; ++i) {
    uint64_t lane = 0;
    for (int b = 7; b >= 0; --b) lane = lane << 8 | block[8 * i + b];
    s[i] ^= lane;
  }
  keccakf(s);
}

static void keccak256(const uint8_t* msg, size_t len, uint8_t out[32]) {
  uint64_t s[25] = {0};
  size_t off = 0;
  for (; len - off >= RATE; off += RATE) absorb(s, msg + off);
  uint8_t last[RATE] = {0};
  memcpy(last, msg + off, len - off);
  last[len - off] ^= 0x01;
  last[RATE - 1] ^= 0x80;
  absorb(s, last);
  for (int i = 0; i < 32; ++i) out[i] = (uint8_t)(s[i / 8] >> (8 * (i % 8)));
}

int main(void) {
  const zisk_input_t msg = zisk_read_input();
  uint8_t digest[32];
  keccak256(msg.data, msg.len, digest);
  zisk_commit(digest, sizeof digest);
  zisk_set_output(8, (uint32_t)msg.len);
  printf("keccak256(%lu bytes) = ", (unsigned long)msg.len);
  for (int i = 0; i < 32; ++i) printf("%02x", digest[i]);
  printf("\n");
  return 0;
}
