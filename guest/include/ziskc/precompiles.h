/* ziskc guest SDK: the ZisK precompiles (DESIGN.md §2.3), included by ziskc/zisk.h.
 *
 * A precompile call is one instruction, `csrs 0x800+k, rs1` (or `csrrs rd, 0x800+k, rs1` when
 * it returns a value), where rs1 is the address of its parameter block. The blocks below are
 * byte-for-byte ZisK's #[repr(C)] structs (ziskos/entrypoint/src/syscalls/<name>.rs): most hold
 * POINTERS to the operands, not the operands. Numbers are little-endian arrays of u64 limbs
 * (limb 0 least significant). Every block and every operand must be 8-byte aligned.
 *
 * Results are written in place (keccak-f, sha256, poseidon2, blake2b: the state; curve and
 * complex operations: the first operand) or to the `d`/`dl`/`dh`/`c` operands. The caller's
 * obligations (points not at infinity, p1 != ±p2 for add, modulus != 0) are ZisK's; the host
 * semantics of each call are documented in docs/PRECOMPILES.md.
 */
#ifndef ZISKC_PRECOMPILES_H_
#define ZISKC_PRECOMPILES_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* csrs <csr>, <block>: the parameter block and every operand it points to are read and written
 * by the VM, so the asm clobbers memory. */
#define ZISK__PRECOMPILE(csr, block) __asm__ volatile("csrs " #csr ", %0" : : "r"(block) : "memory")

/* ---- Operand types (ZisK's SyscallPoint256/384, SyscallComplex256/384) ---- */
typedef struct {
  uint64_t x[4];
  uint64_t y[4];
} zisk_point256_t;
typedef struct {
  uint64_t x[6];
  uint64_t y[6];
} zisk_point384_t;
typedef struct { /* x + y*u */
  uint64_t x[4];
  uint64_t y[4];
} zisk_complex256_t;
typedef struct {
  uint64_t x[6];
  uint64_t y[6];
} zisk_complex384_t;

/* ---- Parameter blocks ---- */
typedef struct { /* arith256: a*b + c = dh * 2^256 + dl */
  const uint64_t* a;
  const uint64_t* b;
  const uint64_t* c;
  uint64_t* dl;
  uint64_t* dh;
} zisk_arith256_params_t;
typedef struct { /* arith256_mod, arith384_mod: d = (a*b + c) mod module */
  const uint64_t* a;
  const uint64_t* b;
  const uint64_t* c;
  const uint64_t* module;
  uint64_t* d;
} zisk_arith_mod_params_t;
typedef struct { /* curve add: p1 = p1 + p2 (secp256k1, secp256r1, bn254) */
  zisk_point256_t* p1;
  const zisk_point256_t* p2;
} zisk_curve256_add_params_t;
typedef struct { /* bls12-381 curve add: p1 = p1 + p2 */
  zisk_point384_t* p1;
  const zisk_point384_t* p2;
} zisk_curve384_add_params_t;
typedef struct { /* bn254 Fp2: f1 = f1 op f2 */
  zisk_complex256_t* f1;
  const zisk_complex256_t* f2;
} zisk_complex256_params_t;
typedef struct { /* bls12-381 Fp2: f1 = f1 op f2 */
  zisk_complex384_t* f1;
  const zisk_complex384_t* f2;
} zisk_complex384_params_t;
typedef struct {         /* sha256 compress: state = compress(state, block) */
  uint64_t* state;       /* 8 u32 words H0..H7 (native order), viewed as 4 u64 */
  const uint64_t* input; /* the 64-byte message block, bytes in message order */
} zisk_sha256_params_t;
typedef struct { /* add256: c = a + b + cin (mod 2^256); the carry out is returned */
  const uint64_t* a;
  const uint64_t* b;
  uint64_t cin; /* 0 or 1, by value */
  uint64_t* c;
} zisk_add256_params_t;
typedef struct { /* blake2b round `index` (0..9) of the compression function */
  uint64_t index;
  uint64_t* state;       /* the 16-word working vector v */
  const uint64_t* input; /* the 16-word message m */
} zisk_blake2b_round_params_t;

/* The blocks' layouts are ZisK's (lp64: pointers and u64 are 8 bytes, no padding). */
#ifdef __cplusplus
#define ZISK__LAYOUT(cond) static_assert(cond, "ZisK parameter block layout: " #cond)
#else
#define ZISK__LAYOUT(cond) _Static_assert(cond, "ZisK parameter block layout: " #cond)
#endif
ZISK__LAYOUT(sizeof(void*) == 8);
ZISK__LAYOUT(sizeof(zisk_point256_t) == 64 && sizeof(zisk_point384_t) == 96);
ZISK__LAYOUT(sizeof(zisk_complex256_t) == 64 && sizeof(zisk_complex384_t) == 96);
ZISK__LAYOUT(sizeof(zisk_arith256_params_t) == 40 && offsetof(zisk_arith256_params_t, dh) == 32);
ZISK__LAYOUT(sizeof(zisk_arith_mod_params_t) == 40 && offsetof(zisk_arith_mod_params_t, d) == 32);
ZISK__LAYOUT(sizeof(zisk_curve256_add_params_t) == 16 && sizeof(zisk_curve384_add_params_t) == 16);
ZISK__LAYOUT(sizeof(zisk_complex256_params_t) == 16 && sizeof(zisk_complex384_params_t) == 16);
ZISK__LAYOUT(sizeof(zisk_sha256_params_t) == 16 && offsetof(zisk_sha256_params_t, input) == 8);
ZISK__LAYOUT(sizeof(zisk_add256_params_t) == 32 && offsetof(zisk_add256_params_t, cin) == 16);
ZISK__LAYOUT(sizeof(zisk_blake2b_round_params_t) == 24 &&
             offsetof(zisk_blake2b_round_params_t, state) == 8);

/* ---- Raw calls: one per CSR port, taking the parameter block ---- */
static inline void zisk_syscall_keccakf(uint64_t state[25]) { ZISK__PRECOMPILE(0x800, state); }
static inline void zisk_syscall_arith256(zisk_arith256_params_t* p) { ZISK__PRECOMPILE(0x801, p); }
static inline void zisk_syscall_arith256_mod(zisk_arith_mod_params_t* p) {
  ZISK__PRECOMPILE(0x802, p);
}
static inline void zisk_syscall_secp256k1_add(zisk_curve256_add_params_t* p) {
  ZISK__PRECOMPILE(0x803, p);
}
static inline void zisk_syscall_secp256k1_dbl(zisk_point256_t* p) { ZISK__PRECOMPILE(0x804, p); }
static inline void zisk_syscall_sha256f(zisk_sha256_params_t* p) { ZISK__PRECOMPILE(0x805, p); }
static inline void zisk_syscall_bn254_curve_add(zisk_curve256_add_params_t* p) {
  ZISK__PRECOMPILE(0x806, p);
}
static inline void zisk_syscall_bn254_curve_dbl(zisk_point256_t* p) { ZISK__PRECOMPILE(0x807, p); }
static inline void zisk_syscall_bn254_complex_add(zisk_complex256_params_t* p) {
  ZISK__PRECOMPILE(0x808, p);
}
static inline void zisk_syscall_bn254_complex_sub(zisk_complex256_params_t* p) {
  ZISK__PRECOMPILE(0x809, p);
}
static inline void zisk_syscall_bn254_complex_mul(zisk_complex256_params_t* p) {
  ZISK__PRECOMPILE(0x80A, p);
}
static inline void zisk_syscall_arith384_mod(zisk_arith_mod_params_t* p) {
  ZISK__PRECOMPILE(0x80B, p);
}
static inline void zisk_syscall_bls12_381_curve_add(zisk_curve384_add_params_t* p) {
  ZISK__PRECOMPILE(0x80C, p);
}
static inline void zisk_syscall_bls12_381_curve_dbl(zisk_point384_t* p) {
  ZISK__PRECOMPILE(0x80D, p);
}
static inline void zisk_syscall_bls12_381_complex_add(zisk_complex384_params_t* p) {
  ZISK__PRECOMPILE(0x80E, p);
}
static inline void zisk_syscall_bls12_381_complex_sub(zisk_complex384_params_t* p) {
  ZISK__PRECOMPILE(0x80F, p);
}
static inline void zisk_syscall_bls12_381_complex_mul(zisk_complex384_params_t* p) {
  ZISK__PRECOMPILE(0x810, p);
}
static inline uint64_t zisk_syscall_add256(zisk_add256_params_t* p) {
  uint64_t cout;
  /* Early clobber: rd != rs1, as ZisK's own guests always have it (Rust out(reg)). */
  __asm__ volatile("csrrs %0, 0x811, %1" : "=&r"(cout) : "r"(p) : "memory");
  return cout;
}
static inline void zisk_syscall_poseidon2(uint64_t state[16]) { ZISK__PRECOMPILE(0x812, state); }
static inline void zisk_syscall_secp256r1_add(zisk_curve256_add_params_t* p) {
  ZISK__PRECOMPILE(0x817, p);
}
static inline void zisk_syscall_secp256r1_dbl(zisk_point256_t* p) { ZISK__PRECOMPILE(0x818, p); }
static inline void zisk_syscall_blake2b_round(zisk_blake2b_round_params_t* p) {
  ZISK__PRECOMPILE(0x819, p);
}

/* ---- Convenience forms: build the block on the stack and call ---- */

/* keccak-f[1600] in place on 25 lanes (lane i = A[x][y], i = x + 5y). */
static inline void zisk_keccakf(uint64_t state[25]) { zisk_syscall_keccakf(state); }
/* SHA-256 compression of one 64-byte block into state[8] (H0..H7). */
static inline void zisk_sha256_compress(uint32_t state[8], const uint8_t block[64]) {
  zisk_sha256_params_t p = {(uint64_t*)(void*)state, (const uint64_t*)(const void*)block};
  zisk_syscall_sha256f(&p);
}
/* dh:dl = a*b + c (256-bit operands, 512-bit result). */
static inline void zisk_arith256(const uint64_t a[4], const uint64_t b[4], const uint64_t c[4],
                                 uint64_t dl[4], uint64_t dh[4]) {
  zisk_arith256_params_t p = {a, b, c, dl, dh};
  zisk_syscall_arith256(&p);
}
/* d = (a*b + c) mod m, 256-bit. */
static inline void zisk_arith256_mod(const uint64_t a[4], const uint64_t b[4], const uint64_t c[4],
                                     const uint64_t m[4], uint64_t d[4]) {
  zisk_arith_mod_params_t p = {a, b, c, m, d};
  zisk_syscall_arith256_mod(&p);
}
/* d = (a*b + c) mod m, 384-bit. */
static inline void zisk_arith384_mod(const uint64_t a[6], const uint64_t b[6], const uint64_t c[6],
                                     const uint64_t m[6], uint64_t d[6]) {
  zisk_arith_mod_params_t p = {a, b, c, m, d};
  zisk_syscall_arith384_mod(&p);
}
/* c = a + b + cin mod 2^256; returns the carry out (0 or 1). */
static inline uint64_t zisk_add256(const uint64_t a[4], const uint64_t b[4], uint64_t cin,
                                   uint64_t c[4]) {
  zisk_add256_params_t p = {a, b, cin, c};
  return zisk_syscall_add256(&p);
}
static inline void zisk_secp256k1_add(zisk_point256_t* p1, const zisk_point256_t* p2) {
  zisk_curve256_add_params_t p = {p1, p2};
  zisk_syscall_secp256k1_add(&p);
}
static inline void zisk_secp256k1_dbl(zisk_point256_t* p1) { zisk_syscall_secp256k1_dbl(p1); }
static inline void zisk_secp256r1_add(zisk_point256_t* p1, const zisk_point256_t* p2) {
  zisk_curve256_add_params_t p = {p1, p2};
  zisk_syscall_secp256r1_add(&p);
}
static inline void zisk_secp256r1_dbl(zisk_point256_t* p1) { zisk_syscall_secp256r1_dbl(p1); }
static inline void zisk_bn254_curve_add(zisk_point256_t* p1, const zisk_point256_t* p2) {
  zisk_curve256_add_params_t p = {p1, p2};
  zisk_syscall_bn254_curve_add(&p);
}
static inline void zisk_bn254_curve_dbl(zisk_point256_t* p1) { zisk_syscall_bn254_curve_dbl(p1); }
static inline void zisk_bn254_complex_add(zisk_complex256_t* f1, const zisk_complex256_t* f2) {
  zisk_complex256_params_t p = {f1, f2};
  zisk_syscall_bn254_complex_add(&p);
}
static inline void zisk_bn254_complex_sub(zisk_complex256_t* f1, const zisk_complex256_t* f2) {
  zisk_complex256_params_t p = {f1, f2};
  zisk_syscall_bn254_complex_sub(&p);
}
static inline void zisk_bn254_complex_mul(zisk_complex256_t* f1, const zisk_complex256_t* f2) {
  zisk_complex256_params_t p = {f1, f2};
  zisk_syscall_bn254_complex_mul(&p);
}
static inline void zisk_bls12_381_curve_add(zisk_point384_t* p1, const zisk_point384_t* p2) {
  zisk_curve384_add_params_t p = {p1, p2};
  zisk_syscall_bls12_381_curve_add(&p);
}
static inline void zisk_bls12_381_curve_dbl(zisk_point384_t* p1) {
  zisk_syscall_bls12_381_curve_dbl(p1);
}
static inline void zisk_bls12_381_complex_add(zisk_complex384_t* f1, const zisk_complex384_t* f2) {
  zisk_complex384_params_t p = {f1, f2};
  zisk_syscall_bls12_381_complex_add(&p);
}
static inline void zisk_bls12_381_complex_sub(zisk_complex384_t* f1, const zisk_complex384_t* f2) {
  zisk_complex384_params_t p = {f1, f2};
  zisk_syscall_bls12_381_complex_sub(&p);
}
static inline void zisk_bls12_381_complex_mul(zisk_complex384_t* f1, const zisk_complex384_t* f2) {
  zisk_complex384_params_t p = {f1, f2};
  zisk_syscall_bls12_381_complex_mul(&p);
}
/* Poseidon2 permutation (Goldilocks, width 16) in place; elements are canonical u64. */
static inline void zisk_poseidon2(uint64_t state[16]) { zisk_syscall_poseidon2(state); }
/* BLAKE2b round `index` (0..9) on the working vector v[16] with message m[16]. */
static inline void zisk_blake2b_round(uint64_t index, uint64_t v[16], const uint64_t m[16]) {
  zisk_blake2b_round_params_t p = {index, v, m};
  zisk_syscall_blake2b_round(&p);
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* ZISKC_PRECOMPILES_H_ */
