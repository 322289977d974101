/* Test guest for proving arith256 (the Arith256 machine): n chained calls
 * (dl, dh) = a * b + c through the precompile (CSR 0x801), then a = dl, c = dh, with a, b, c
 * drawn from a splitmix64 stream seeded by the input. Input record 0: [u64 seed][u64 n].
 * Then one arith256_mod (CSR 0x802): d = (a * b + c) mod m with the final a, b, c and
 * m = b | 1. Outputs: dl, dh of the last arith256 call, then d, as 24 u32 words (u64 word i =
 * words 2i, 2i+1). The operands and results are distinct arrays (the machines refuse
 * overlapping ones for now). */
#include <string.h>
#include <ziskc/zisk.h>

static uint64_t g_state;
static uint64_t next(void) {
  uint64_t z = (g_state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static uint64_t a[4], b[4], c[4], m[4], out[12];

int main(void) {
  const zisk_input_t in = zisk_read_input();
  if (in.len < 16) zisk_abort("input: [u64 seed][u64 n]");
  uint64_t n;
  memcpy(&g_state, in.data, 8);
  memcpy(&n, in.data + 8, 8);
  for (int i = 0; i < 4; ++i) a[i] = next(), b[i] = next(), c[i] = next();
  for (uint64_t k = 0; k < n; ++k) {
    zisk_arith256(a, b, c, out, out + 4);
    memcpy(a, out, 32);
    memcpy(c, out + 4, 32);
  }
  memcpy(m, b, 32);
  m[0] |= 1;
  zisk_arith256_mod(a, b, c, m, out + 8);
  zisk_commit(out, 96);
  return 0;
}
