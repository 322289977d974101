/* Example guest: the sha256 example (sha256.c: SHA-256 of the first input record, same
 * outputs) with the compression function through the precompile (CSR 0x805,
 * zisk_sha256_compress) instead of software: the workload of the sha256 proving measurements
 * (docs/PERFORMANCE.md). */
#define SHA256_PRECOMPILE 1
#include "sha256.c"
