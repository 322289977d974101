/* Example guest: Keccak-256 (the original Keccak padding 0x01, as Ethereum uses; not SHA3-256)
 * in software over the bytes of the first input record. Outputs: words 0-7 = the 32-byte
 * digest (word i = digest bytes 4i..4i+3, little-endian), word 8 = the message length in
 * bytes (low 32 bits). No precompile is used: this is the workload of the emulator benchmarks,
 * and the baseline the keccak-f precompile is compared with. keccak_precompile.c builds the same
 * guest with KECCAK_PRECOMPILE defined: keccak-f through the precompile (CSR 0x800). */
#include <stdio.h>
#include <string.h>
#include <ziskc/zisk.h>

#define RATE 136 /* bytes: 1600 - 2 * 256 bits */

#ifdef KECCAK_PRECOMPILE
static void keccakf(uint64_t s[25]) { zisk_keccakf(s); }
#else

static const uint64_t kRoundConstants[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
    0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
    0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull};
#define ROL(x, n) (((x) << (n)) | ((x) >> (64 - (n))))

/* keccak-f[1600], unrolled over the 25 lanes: lane a<x><y> is s[x + 5y]. Per round: theta,
 * rho and pi together (b[y][2x+3y] = rotl(a[x][y], r[x][y]), FIPS 202 offsets), chi, iota. */
static void keccakf(uint64_t s[25]) {
  uint64_t a00 = s[0], a10 = s[1], a20 = s[2], a30 = s[3], a40 = s[4];
  uint64_t a01 = s[5], a11 = s[6], a21 = s[7], a31 = s[8], a41 = s[9];
  uint64_t a02 = s[10], a12 = s[11], a22 = s[12], a32 = s[13], a42 = s[14];
  uint64_t a03 = s[15], a13 = s[16], a23 = s[17], a33 = s[18], a43 = s[19];
  uint64_t a04 = s[20], a14 = s[21], a24 = s[22], a34 = s[23], a44 = s[24];
  for (int round = 0; round < 24; ++round) {
    const uint64_t c0 = a00 ^ a01 ^ a02 ^ a03 ^ a04;
    const uint64_t c1 = a10 ^ a11 ^ a12 ^ a13 ^ a14;
    const uint64_t c2 = a20 ^ a21 ^ a22 ^ a23 ^ a24;
    const uint64_t c3 = a30 ^ a31 ^ a32 ^ a33 ^ a34;
    const uint64_t c4 = a40 ^ a41 ^ a42 ^ a43 ^ a44;
    const uint64_t d0 = c4 ^ ROL(c1, 1);
    const uint64_t d1 = c0 ^ ROL(c2, 1);
    const uint64_t d2 = c1 ^ ROL(c3, 1);
    const uint64_t d3 = c2 ^ ROL(c4, 1);
    const uint64_t d4 = c3 ^ ROL(c0, 1);
    a00 ^= d0;
    a01 ^= d0;
    a02 ^= d0;
    a03 ^= d0;
    a04 ^= d0;
    a10 ^= d1;
    a11 ^= d1;
    a12 ^= d1;
    a13 ^= d1;
    a14 ^= d1;
    a20 ^= d2;
    a21 ^= d2;
    a22 ^= d2;
    a23 ^= d2;
    a24 ^= d2;
    a30 ^= d3;
    a31 ^= d3;
    a32 ^= d3;
    a33 ^= d3;
    a34 ^= d3;
    a40 ^= d4;
    a41 ^= d4;
    a42 ^= d4;
    a43 ^= d4;
    a44 ^= d4;
    const uint64_t b00 = a00;
    const uint64_t b01 = ROL(a30, 28);
    const uint64_t b02 = ROL(a10, 1);
    const uint64_t b03 = ROL(a40, 27);
    const uint64_t b04 = ROL(a20, 62);
    const uint64_t b10 = ROL(a11, 44);
    const uint64_t b11 = ROL(a41, 20);
    const uint64_t b12 = ROL(a21, 6);
    const uint64_t b13 = ROL(a01, 36);
    const uint64_t b14 = ROL(a31, 55);
    const uint64_t b20 = ROL(a22, 43);
    const uint64_t b21 = ROL(a02, 3);
    const uint64_t b22 = ROL(a32, 25);
    const uint64_t b23 = ROL(a12, 10);
    const uint64_t b24 = ROL(a42, 39);
    const uint64_t b30 = ROL(a33, 21);
    const uint64_t b31 = ROL(a13, 45);
    const uint64_t b32 = ROL(a43, 8);
    const uint64_t b33 = ROL(a23, 15);
    const uint64_t b34 = ROL(a03, 41);
    const uint64_t b40 = ROL(a44, 14);
    const uint64_t b41 = ROL(a24, 61);
    const uint64_t b42 = ROL(a04, 18);
    const uint64_t b43 = ROL(a34, 56);
    const uint64_t b44 = ROL(a14, 2);
    a00 = b00 ^ (~b10 & b20);
    a10 = b10 ^ (~b20 & b30);
    a20 = b20 ^ (~b30 & b40);
    a30 = b30 ^ (~b40 & b00);
    a40 = b40 ^ (~b00 & b10);
    a01 = b01 ^ (~b11 & b21);
    a11 = b11 ^ (~b21 & b31);
    a21 = b21 ^ (~b31 & b41);
    a31 = b31 ^ (~b41 & b01);
    a41 = b41 ^ (~b01 & b11);
    a02 = b02 ^ (~b12 & b22);
    a12 = b12 ^ (~b22 & b32);
    a22 = b22 ^ (~b32 & b42);
    a32 = b32 ^ (~b42 & b02);
    a42 = b42 ^ (~b02 & b12);
    a03 = b03 ^ (~b13 & b23);
    a13 = b13 ^ (~b23 & b33);
    a23 = b23 ^ (~b33 & b43);
    a33 = b33 ^ (~b43 & b03);
    a43 = b43 ^ (~b03 & b13);
    a04 = b04 ^ (~b14 & b24);
    a14 = b14 ^ (~b24 & b34);
    a24 = b24 ^ (~b34 & b44);
    a34 = b34 ^ (~b44 & b04);
    a44 = b44 ^ (~b04 & b14);
    a00 ^= kRoundConstants[round];
  }
  s[0] = a00;
  s[1] = a10;
  s[2] = a20;
  s[3] = a30;
  s[4] = a40;
  s[5] = a01;
  s[6] = a11;
  s[7] = a21;
  s[8] = a31;
  s[9] = a41;
  s[10] = a02;
  s[11] = a12;
  s[12] = a22;
  s[13] = a32;
  s[14] = a42;
  s[15] = a03;
  s[16] = a13;
  s[17] = a23;
  s[18] = a33;
  s[19] = a43;
  s[20] = a04;
  s[21] = a14;
  s[22] = a24;
  s[23] = a34;
  s[24] = a44;
}
#endif

/* Absorbs one RATE-byte block (8-byte aligned: little-endian lanes, read as u64). */
static void absorb(uint64_t s[25], const uint64_t* block) {
  for (int i = 0; i < RATE / 8; ++i) s[i] ^= block[i];
  keccakf(s);
}

/* msg is 8-byte aligned (input records are), so every full block is too. */
static void keccak256(const uint8_t* msg, size_t len, uint8_t out[32]) {
  uint64_t s[25] = {0};
  size_t off = 0;
  for (; len - off >= RATE; off += RATE) absorb(s, (const uint64_t*)(const void*)(msg + off));
  uint64_t last[RATE / 8] = {0};
  uint8_t* tail = (uint8_t*)last;
  memcpy(tail, msg + off, len - off);
  tail[len - off] ^= 0x01;
  tail[RATE - 1] ^= 0x80;
  absorb(s, last);
  memcpy(out, s, 32); /* the first four lanes, little-endian */
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
