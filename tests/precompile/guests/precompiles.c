/* Test guest: calls every precompile and every free-input call through the SDK with operands
 * drawn from a splitmix64 stream seeded by the input, and prints each result on the console as
 * one line "<name> <16-hex-digit words...>". tests/precompile/precompile_guest_test.cc draws the
 * same operands on the host, computes the results with the precompile library and compares the
 * lines. Input record 0: [u64 seed][u64 rounds]. */
#include <stdio.h>
#include <string.h>
#include <ziskc/zisk.h>

static uint64_t g_state;
static uint64_t next(void) {
  uint64_t z = (g_state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}
static void fill(uint64_t* w, size_t n) {
  for (size_t i = 0; i < n; ++i) w[i] = next();
}

static void print_words(const char* name, const uint64_t* w, size_t n) {
  printf("%s", name);
  for (size_t i = 0; i < n; ++i) printf(" %016llx", (unsigned long long)w[i]);
  printf("\n");
}

static uint64_t a[48], b[48], c[48], m[48], d[48], e[48];

static void precompiles(void) {
  fill(a, 25);
  zisk_keccakf(a);
  print_words("keccakf", a, 25);

  fill(a, 4);
  fill(b, 8);
  zisk_sha256_compress((uint32_t*)(void*)a, (const uint8_t*)(const void*)b);
  print_words("sha256", a, 4);

  fill(a, 4), fill(b, 4), fill(c, 4);
  zisk_arith256(a, b, c, d, e);
  print_words("arith256", d, 4);
  print_words("arith256.dh", e, 4);

  fill(a, 4), fill(b, 4), fill(c, 4), fill(m, 4);
  zisk_arith256_mod(a, b, c, m, d);
  print_words("arith256_mod", d, 4);

  fill(a, 6), fill(b, 6), fill(c, 6), fill(m, 6);
  zisk_arith384_mod(a, b, c, m, d);
  print_words("arith384_mod", d, 6);

  fill(a, 4), fill(b, 4);
  const uint64_t cin = next() & 1;
  d[4] = zisk_add256(a, b, cin, d);
  print_words("add256", d, 5);
  /* The rd == rs1 form (`csrrs a0, 0x811, a0`) that the SDK wrapper avoids (ZisK's transpiler
   * makes it a plain CSR read), on the same operands, then on a + b + cin that must carry. */
  {
    zisk_add256_params_t p = {a, b, cin, e};
    uint64_t r = (uint64_t)(uintptr_t)&p;
    __asm__ volatile("csrrs %0, 0x811, %0" : "+r"(r) : : "memory");
    e[4] = r;
    print_words("add256.rd_eq_rs1", e, 5);
    for (int i = 0; i < 4; ++i) a[i] = ~0ull, b[i] = 0;
    p.cin = 1;
    r = (uint64_t)(uintptr_t)&p;
    __asm__ volatile("csrrs %0, 0x811, %0" : "+r"(r) : : "memory");
    e[4] = r;
    print_words("add256.carry", e, 5);
  }

  /* Curves: coordinates need not be on the curve (the precompile does not check). */
  fill(a, 8), fill(b, 8);
  zisk_secp256k1_add((zisk_point256_t*)a, (const zisk_point256_t*)b);
  print_words("secp256k1_add", a, 8);
  zisk_secp256k1_dbl((zisk_point256_t*)a);
  print_words("secp256k1_dbl", a, 8);
  fill(a, 8), fill(b, 8);
  zisk_secp256r1_add((zisk_point256_t*)a, (const zisk_point256_t*)b);
  print_words("secp256r1_add", a, 8);
  zisk_secp256r1_dbl((zisk_point256_t*)a);
  print_words("secp256r1_dbl", a, 8);
  fill(a, 8), fill(b, 8);
  zisk_bn254_curve_add((zisk_point256_t*)a, (const zisk_point256_t*)b);
  print_words("bn254_curve_add", a, 8);
  zisk_bn254_curve_dbl((zisk_point256_t*)a);
  print_words("bn254_curve_dbl", a, 8);
  fill(a, 8), fill(b, 8);
  zisk_bn254_complex_add((zisk_complex256_t*)a, (const zisk_complex256_t*)b);
  print_words("bn254_complex_add", a, 8);
  zisk_bn254_complex_sub((zisk_complex256_t*)a, (const zisk_complex256_t*)b);
  print_words("bn254_complex_sub", a, 8);
  zisk_bn254_complex_mul((zisk_complex256_t*)a, (const zisk_complex256_t*)b);
  print_words("bn254_complex_mul", a, 8);
  fill(a, 12), fill(b, 12);
  zisk_bls12_381_curve_add((zisk_point384_t*)a, (const zisk_point384_t*)b);
  print_words("bls12_381_curve_add", a, 12);
  zisk_bls12_381_curve_dbl((zisk_point384_t*)a);
  print_words("bls12_381_curve_dbl", a, 12);
  fill(a, 12), fill(b, 12);
  zisk_bls12_381_complex_add((zisk_complex384_t*)a, (const zisk_complex384_t*)b);
  print_words("bls12_381_complex_add", a, 12);
  zisk_bls12_381_complex_sub((zisk_complex384_t*)a, (const zisk_complex384_t*)b);
  print_words("bls12_381_complex_sub", a, 12);
  zisk_bls12_381_complex_mul((zisk_complex384_t*)a, (const zisk_complex384_t*)b);
  print_words("bls12_381_complex_mul", a, 12);

  fill(a, 16);
  zisk_poseidon2(a);
  print_words("poseidon2", a, 16);

  fill(a, 16), fill(b, 16);
  const uint64_t index = next() % 12;
  zisk_blake2b_round(index, a, b);
  print_words("blake2b_round", a, 16);
}

/* Reads n result words of the last free-input call into out. */
static void get(uint64_t* out, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = zisk_fcall_get();
}

/* One fcall whose single parameter is `words` u64 at a and whose result has `results` words. */
#define FCALL1(id, name, words, results) \
  do {                                   \
    ZISK_FCALL_PARAM_WORDS(a, words);    \
    ZISK_FCALL(id);                      \
    get(d, results);                     \
    print_words(name, d, results);       \
  } while (0)

static void fcalls(void) {
  /* Operands below 2^248 are canonical in every field; the hints reject zero, which a random
   * draw does not produce. */
  fill(a, 48);
  for (int i = 0; i < 48; ++i) a[i] >>= 8;
  FCALL1(1, "secp256k1_fp_inv", 4, 4);
  FCALL1(2, "secp256k1_fn_inv", 4, 4);
  ZISK_FCALL_PARAM_WORDS(a, 4);
  zisk_fcall_param(next() & 1);
  ZISK_FCALL(3);
  get(d, 5);
  print_words("secp256k1_fp_sqrt", d, 5);
  FCALL1(4, "secp256k1_glv_decompose", 4, 10);
  FCALL1(5, "secp256r1_fn_inv", 4, 4);
  FCALL1(6, "bn254_fp_inv", 4, 4);
  FCALL1(7, "bn254_fp2_inv", 8, 8);
  FCALL1(8, "bn254_twist_add_line_coeffs", 32, 16);
  FCALL1(9, "bn254_twist_dbl_line_coeffs", 16, 16);
  FCALL1(10, "bls12_381_fp_inv", 8, 6);
  FCALL1(11, "bls12_381_fp_sqrt", 8, 7);
  FCALL1(12, "bls12_381_fp2_inv", 12, 12);
  FCALL1(13, "bls12_381_fp2_sqrt", 12, 13);
  FCALL1(14, "bls12_381_twist_add_line_coeffs", 48, 24);
  FCALL1(15, "bls12_381_twist_dbl_line_coeffs", 24, 24);

  /* bin_decomp of one word: [len][x] -> [nbits][bits...]. */
  zisk_fcall_param(1);
  zisk_fcall_param(a[0]);
  ZISK_FCALL(16);
  d[0] = zisk_fcall_get();
  get(d + 1, (size_t)d[0]);
  print_words("bin_decomp", d, 1 + (size_t)d[0]);

  zisk_fcall_param(2); /* msb_pos_256 over two values: [n][v0][v1] */
  ZISK_FCALL_PARAM_WORDS(a, 8);
  ZISK_FCALL(17);
  get(d, 2);
  print_words("msb_pos_256", d, 2);
  ZISK_FCALL_PARAM_WORDS(a, 8); /* msb_pos_384 (x, y) pushed as 8 + 8 words */
  ZISK_FCALL_PARAM_WORDS(a + 8, 8);
  ZISK_FCALL(18);
  get(d, 2);
  print_words("msb_pos_384", d, 2);

  FCALL1(19, "uint256_div", 8, 8);
  FCALL1(20, "uint256_inv", 4, 5);
  FCALL1(21, "uint256_inv_mod", 8, 13);

  /* bigint_div: [4][a (4)][2][b (2)] -> [lq][q][lr][r]. */
  zisk_fcall_param(4);
  ZISK_FCALL_PARAM_WORDS(a, 4);
  zisk_fcall_param(2);
  ZISK_FCALL_PARAM_WORDS(a + 4, 2);
  ZISK_FCALL(22);
  size_t n = 0;
  d[n] = zisk_fcall_get();
  get(d + n + 1, (size_t)d[n]);
  n += 1 + (size_t)d[n];
  d[n] = zisk_fcall_get();
  get(d + n + 1, (size_t)d[n]);
  n += 1 + (size_t)d[n];
  print_words("bigint_div", d, n);
}

int main(void) {
  const zisk_input_t in = zisk_read_input();
  if (in.len < 16) zisk_abort("input: [u64 seed][u64 rounds]");
  uint64_t rounds;
  memcpy(&g_state, in.data, 8);
  memcpy(&rounds, in.data + 8, 8);
  for (uint64_t r = 0; r < rounds; ++r) {
    precompiles();
    fcalls();
  }
  zisk_set_output(0, 1);
  return 0;
}
