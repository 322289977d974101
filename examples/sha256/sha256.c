/* Example guest: SHA-256 (FIPS 180-4) in software over the bytes of the first input record.
 * Outputs: words 0-7 = the 32-byte digest (word i = digest bytes 4i..4i+3, little-endian),
 * word 8 = the message length in bytes (low 32 bits). No precompile is used: this is the
 * workload of the emulator benchmarks (see examples/README.md). sha256_precompile.c builds the
 * same guest with SHA256_PRECOMPILE defined: the compression through the precompile (CSR 0x805). */
#include <stdio.h>
#include <string.h>
#include <ziskc/zisk.h>

static const uint32_t kK[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#ifdef SHA256_PRECOMPILE
/* The precompile wants the state and the block 8-byte aligned (the state always is: every
 * caller's h is uint64_t-aligned); an unaligned block is copied first. */
static void compress(uint32_t state[8], const uint8_t block[64]) {
  if (((uintptr_t)block & 7) != 0) {
    uint64_t aligned[8];
    memcpy(aligned, block, sizeof aligned);
    zisk_sha256_compress(state, (const uint8_t*)aligned);
  } else {
    zisk_sha256_compress(state, block);
  }
}
#else

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define S0(x) (ROTR(x, 2) ^ ROTR(x, 13) ^ ROTR(x, 22))
#define S1(x) (ROTR(x, 6) ^ ROTR(x, 11) ^ ROTR(x, 25))
#define G0(x) (ROTR(x, 7) ^ ROTR(x, 18) ^ ((x) >> 3))
#define G1(x) (ROTR(x, 17) ^ ROTR(x, 19) ^ ((x) >> 10))
/* Round i of a 16-round block: the working variables are renamed instead of moved, the
 * message word w[j] is expanded in place (j = i mod 16) for rounds 16..63. */
#define R(a, b, c, d, e, f, g, h, j)                                                         \
  do {                                                                                       \
    if (k != kK) w[j] += G1(w[((j) + 14) & 15]) + w[((j) + 9) & 15] + G0(w[((j) + 1) & 15]); \
    const uint32_t t1 = h + S1(e) + ((e & f) ^ (~e & g)) + k[j] + w[j];                      \
    d += t1;                                                                                 \
    h = t1 + S0(a) + ((a & b) ^ (c & (a ^ b)));                                              \
  } while (0)

static uint32_t load_be32(const uint8_t* p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* FIPS 180-4 §6.2.2 with a 16-word circular message schedule. */
static void compress(uint32_t state[8], const uint8_t block[64]) {
  uint32_t w[16];
  for (int i = 0; i < 16; ++i) w[i] = load_be32(block + 4 * i);
  uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
  for (const uint32_t* k = kK; k < kK + 64; k += 16) {
    R(a, b, c, d, e, f, g, h, 0);
    R(h, a, b, c, d, e, f, g, 1);
    R(g, h, a, b, c, d, e, f, 2);
    R(f, g, h, a, b, c, d, e, 3);
    R(e, f, g, h, a, b, c, d, 4);
    R(d, e, f, g, h, a, b, c, 5);
    R(c, d, e, f, g, h, a, b, 6);
    R(b, c, d, e, f, g, h, a, 7);
    R(a, b, c, d, e, f, g, h, 8);
    R(h, a, b, c, d, e, f, g, 9);
    R(g, h, a, b, c, d, e, f, 10);
    R(f, g, h, a, b, c, d, e, 11);
    R(e, f, g, h, a, b, c, d, 12);
    R(d, e, f, g, h, a, b, c, 13);
    R(c, d, e, f, g, h, a, b, 14);
    R(b, c, d, e, f, g, h, a, 15);
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}
#endif

static void sha256(const uint8_t* msg, size_t len, uint8_t out[32]) {
  uint32_t h[8] __attribute__((aligned(8))) = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  size_t off = 0;
  for (; len - off >= 64; off += 64) compress(h, msg + off);
  uint8_t tail[128] __attribute__((aligned(8))) = {0};
  const size_t rest = len - off;
  memcpy(tail, msg + off, rest);
  tail[rest] = 0x80;
  const size_t tail_len = rest < 56 ? 64 : 128;
  const uint64_t bits = (uint64_t)len * 8;
  for (int i = 0; i < 8; ++i) tail[tail_len - 1 - i] = (uint8_t)(bits >> (8 * i));
  compress(h, tail);
  if (tail_len == 128) compress(h, tail + 64);
  for (int i = 0; i < 8; ++i) {
    out[4 * i] = (uint8_t)(h[i] >> 24);
    out[4 * i + 1] = (uint8_t)(h[i] >> 16);
    out[4 * i + 2] = (uint8_t)(h[i] >> 8);
    out[4 * i + 3] = (uint8_t)h[i];
  }
}

int main(void) {
  const zisk_input_t msg = zisk_read_input();
  uint8_t digest[32];
  sha256(msg.data, msg.len, digest);
  zisk_commit(digest, sizeof digest);
  zisk_set_output(8, (uint32_t)msg.len);
  printf("sha256(%lu bytes) = ", (unsigned long)msg.len);
  for (int i = 0; i < 32; ++i) printf("%02x", digest[i]);
  printf("\n");
  return 0;
}
