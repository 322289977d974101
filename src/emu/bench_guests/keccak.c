/* Emulator bench guest: software Keccak-256 (Keccak-f[1600], rate 136, pad 0x01..0x80) over
 * n KiB of xorshift bytes; the result is the first 32 bytes of the digest as 8 words. Runs on
 * ziskc and on qemu-riscv64 (guest_main.h). */
#include "guest_main.h"

static const uint64_t RC[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
    0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
    0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull};
static const int ROT[25] = {0,  1,  62, 28, 27, 36, 44, 6,  55, 20, 3,  10, 43,
                            25, 39, 41, 45, 15, 21, 8,  18, 2,  61, 56, 14};

#define ROL(x, n) ((n) == 0 ? (x) : (((x) << (n)) | ((x) >> (64 - (n)))))

static void keccakf(uint64_t st[25]) {
  for (int r = 0; r < 24; ++r) {
    uint64_t c[5], b[25];
    for (int x = 0; x < 5; ++x) c[x] = st[x] ^ st[x + 5] ^ st[x + 10] ^ st[x + 15] ^ st[x + 20];
    for (int x = 0; x < 5; ++x) {
      const uint64_t d = c[(x + 4) % 5] ^ ROL(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) st[y + x] ^= d;
    }
    for (int x = 0; x < 5; ++x) {
      for (int y = 0; y < 5; ++y)
        b[y + 5 * ((2 * x + 3 * y) % 5)] = ROL(st[x + 5 * y], ROT[x + 5 * y]);
    }
    for (int y = 0; y < 25; y += 5) {
      for (int x = 0; x < 5; ++x) st[y + x] = b[y + x] ^ (~b[y + (x + 1) % 5] & b[y + (x + 2) % 5]);
    }
    st[0] ^= RC[r];
  }
}

static void work(uint64_t kib, uint32_t out[8]) {
  uint64_t st[25] = {0};
  uint64_t rng = 0x9e3779b97f4a7c15ull;
  const uint64_t total = kib * 1024;
  uint64_t lane = 0, fill = 0, pos = 0; /* byte position inside the 136-byte rate */
  for (uint64_t i = 0; i < total; ++i) {
    if ((i & 7) == 0) lane = bench_rng(&rng);
    fill |= ((lane >> (8 * (i & 7))) & 0xff) << (8 * (pos & 7));
    ++pos;
    if ((pos & 7) == 0) {
      st[pos / 8 - 1] ^= fill;
      fill = 0;
    }
    if (pos == 136) {
      keccakf(st);
      pos = 0;
    }
  }
  uint8_t pad[136] = {0};
  pad[0] = 0x01;
  pad[135] |= 0x80;
  /* the partial lane in `fill` holds bytes pos & ~7 .. pos - 1 */
  for (uint64_t k = pos; k < 136; ++k) {
    fill |= (uint64_t)pad[k - pos] << (8 * (k & 7));
    if (((k + 1) & 7) == 0) {
      st[k / 8] ^= fill;
      fill = 0;
    }
  }
  keccakf(st);
  for (int i = 0; i < 4; ++i) {
    out[2 * i] = (uint32_t)st[i];
    out[2 * i + 1] = (uint32_t)(st[i] >> 32);
  }
}
