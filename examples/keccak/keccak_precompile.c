/* Example guest: the keccak example (keccak.c: Keccak-256 of the first input record, same
 * outputs) with keccak-f[1600] through the precompile (CSR 0x800, zisk_keccakf) instead of
 * software: the workload of the keccakf proving measurements (docs/PERFORMANCE.md). */
#define KECCAK_PRECOMPILE 1
#include "keccak.c"
