/* Precompile test guest: calls one precompile through its ziskc/precompiles.h wrapper and
 * publishes the result, so guest/tests/precompile_test.cc can check every wrapper's CSR number
 * and parameter block against host references.
 * Input: record 0 = the CSR (u32), then the operands, one record each, as little-endian u64
 * limbs (copied to 8-byte aligned RAM: results are written in place). Outputs: the result bytes
 * committed from word 0 (zisk_commit); add256 also puts the carry in word 63. blake2b_round
 * (0x819, no operands) instead composes BLAKE2b-512("abc") from 12 rounds (RFC 7693 §3.2) and
 * publishes the 64-byte digest. The free-input wrappers: CSR 0x8C0 + id runs fcall `id` on one
 * 4-limb operand x (ids 1 secp256k1_fp_inv, 2 secp256k1_fn_inv, 6 bn254_fp_inv, each pushed a
 * different way), publishes the 4 result words and, in word 63, 1 if x * result = 1 mod the
 * operand record 2 (the modulus), checked with arith256_mod as a guest must check a hint. */
#include <string.h>
#include <ziskc/zisk.h>

#define MAX_WORDS 32
static uint64_t op[4][MAX_WORDS];
static uint64_t res[MAX_WORDS];

static void load(int n) {
  for (int i = 0; i < n; ++i) {
    const zisk_input_t r = zisk_read_input();
    if (r.len > sizeof op[i]) zisk_abort("operand too long");
    memcpy(op[i], r.data, r.len);
  }
}

/* BLAKE2b-512("abc"): one final block of 3 bytes, no key. */
static void blake2b_abc(void) {
  static const uint64_t kIv[8] = {
      0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
      0x510e527fade682d1ull, 0x9b05688c2b3e6c1full, 0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull};
  uint64_t h[8], v[16], m[16] = {0x636261};
  for (int i = 0; i < 8; ++i) h[i] = kIv[i];
  h[0] ^= 0x01010040; /* digest length 64, no key, fanout 1, depth 1 */
  for (int i = 0; i < 8; ++i) v[i] = h[i], v[8 + i] = kIv[i];
  v[12] ^= 3;     /* bytes compressed so far */
  v[14] = ~v[14]; /* last block */
  for (uint64_t r = 0; r < 12; ++r) zisk_blake2b_round(r, v, m);
  for (int i = 0; i < 8; ++i) h[i] ^= v[i] ^ v[8 + i];
  zisk_commit(h, 64);
}

/* Pushes x in the way `how` selects, calls fcall `id`, reads 4 result words into out. */
static void fcall_inverse(uint32_t id, const uint64_t x[4], uint64_t out[4]) {
  switch (id) {
    case 1: /* by value, one word per push (port 0x8F0) */
      for (int i = 0; i < 4; ++i) zisk_fcall_param(x[i]);
      ZISK_FCALL(1);
      break;
    case 2: /* by address, the run-time word count */
      if (zisk_fcall_param_words(x, 4) != 0) zisk_abort("fcall_param_words(4) refused");
      ZISK_FCALL(2);
      break;
    case 6: /* by address, the compile-time word count */
      ZISK_FCALL_PARAM_WORDS(x, 4);
      ZISK_FCALL(6);
      break;
    default:
      zisk_abort("unknown fcall id");
  }
  for (int i = 0; i < 4; ++i) out[i] = zisk_fcall_get();
}

int main(void) {
  const uint32_t csr = zisk_read_u32();
  zisk_point256_t* p256 = (zisk_point256_t*)op[0];
  zisk_point384_t* p384 = (zisk_point384_t*)op[0];
  zisk_complex256_t* f256 = (zisk_complex256_t*)op[0];
  zisk_complex384_t* f384 = (zisk_complex384_t*)op[0];
  switch (csr) {
    case 0x800:
      load(1);
      zisk_keccakf(op[0]);
      zisk_commit(op[0], 200);
      break;
    case 0x801:
      load(3);
      zisk_arith256(op[0], op[1], op[2], op[3], op[3] + 4);
      zisk_commit(op[3], 64);
      break;
    case 0x802:
      load(4);
      zisk_arith256_mod(op[0], op[1], op[2], op[3], res);
      zisk_commit(res, 32);
      break;
    case 0x803:
      load(2);
      zisk_secp256k1_add(p256, (const zisk_point256_t*)op[1]);
      zisk_commit(op[0], 64);
      break;
    case 0x804:
      load(1);
      zisk_secp256k1_dbl(p256);
      zisk_commit(op[0], 64);
      break;
    case 0x805:
      load(2);
      zisk_sha256_compress((uint32_t*)op[0], (const uint8_t*)op[1]);
      zisk_commit(op[0], 32);
      break;
    case 0x806:
      load(2);
      zisk_bn254_curve_add(p256, (const zisk_point256_t*)op[1]);
      zisk_commit(op[0], 64);
      break;
    case 0x807:
      load(1);
      zisk_bn254_curve_dbl(p256);
      zisk_commit(op[0], 64);
      break;
    case 0x808:
      load(2);
      zisk_bn254_complex_add(f256, (const zisk_complex256_t*)op[1]);
      zisk_commit(op[0], 64);
      break;
    case 0x809:
      load(2);
      zisk_bn254_complex_sub(f256, (const zisk_complex256_t*)op[1]);
      zisk_commit(op[0], 64);
      break;
    case 0x80A:
      load(2);
      zisk_bn254_complex_mul(f256, (const zisk_complex256_t*)op[1]);
      zisk_commit(op[0], 64);
      break;
    case 0x80B:
      load(4);
      zisk_arith384_mod(op[0], op[1], op[2], op[3], res);
      zisk_commit(res, 48);
      break;
    case 0x80C:
      load(2);
      zisk_bls12_381_curve_add(p384, (const zisk_point384_t*)op[1]);
      zisk_commit(op[0], 96);
      break;
    case 0x80D:
      load(1);
      zisk_bls12_381_curve_dbl(p384);
      zisk_commit(op[0], 96);
      break;
    case 0x80E:
      load(2);
      zisk_bls12_381_complex_add(f384, (const zisk_complex384_t*)op[1]);
      zisk_commit(op[0], 96);
      break;
    case 0x80F:
      load(2);
      zisk_bls12_381_complex_sub(f384, (const zisk_complex384_t*)op[1]);
      zisk_commit(op[0], 96);
      break;
    case 0x810:
      load(2);
      zisk_bls12_381_complex_mul(f384, (const zisk_complex384_t*)op[1]);
      zisk_commit(op[0], 96);
      break;
    case 0x811:
      load(3);
      zisk_set_output(63, (uint32_t)zisk_add256(op[0], op[1], op[2][0], op[3]));
      zisk_commit(op[3], 32);
      break;
    case 0x812:
      load(1);
      zisk_poseidon2(op[0]);
      zisk_commit(op[0], 128);
      break;
    case 0x817:
      load(2);
      zisk_secp256r1_add(p256, (const zisk_point256_t*)op[1]);
      zisk_commit(op[0], 64);
      break;
    case 0x818:
      load(1);
      zisk_secp256r1_dbl(p256);
      zisk_commit(op[0], 64);
      break;
    case 0x819:
      blake2b_abc();
      break;
    case 0x8C1:
    case 0x8C2:
    case 0x8C6: {
      load(2); /* x, p */
      uint64_t inv[4], one[4], zero[4] = {0};
      fcall_inverse(csr - 0x8C0, op[0], inv);
      zisk_arith256_mod(op[0], inv, zero, op[1], one);
      zisk_set_output(63, one[0] == 1 && one[1] == 0 && one[2] == 0 && one[3] == 0);
      zisk_commit(inv, 32);
      break;
    }
    default:
      zisk_abort("unknown precompile CSR");
  }
  return 0;
}
