/* Test and benchmark guest: n keccak-f[1600] permutations through the precompile (CSR 0x800)
 * on a zero state, n from input record 0 ([u64 n]). Outputs: the first 8 state lanes as 16 u32
 * words (lane i = words 2i, 2i+1, little-endian). The issue-6 performance check runs it with
 * n = 10^5 against the software example examples/keccak. */
#include <string.h>
#include <ziskc/zisk.h>

static uint64_t state[25];

int main(void) {
  const zisk_input_t in = zisk_read_input();
  if (in.len < 8) zisk_abort("input: [u64 n]");
  uint64_t n;
  memcpy(&n, in.data, 8);
  for (uint64_t i = 0; i < n; ++i) zisk_keccakf(state);
  zisk_commit(state, 64);
  return 0;
}
