// SHA-256 compression, the function behind precompile 0x805 (ZisK `sha256`, opcode 0xf9).
// Current ZisK layout: the state is the 8 u32 words H0..H7 in order, little-endian, i.e. the two
// u64 guest words hold (H0 | H1 << 32) ... (H6 | H7 << 32); the block is the 64 message bytes
// in message order as they lie in guest memory (the 8 u64 words read little-endian).
#pragma once

#include <cstdint>

namespace ziskc::precompile {

// state = compress(state, block) (FIPS 180-4 §6.2.2, without the final digest encoding).
// Uses the SHA extensions when the CPU has them, the portable code otherwise.
void sha256_compress(std::uint32_t state[8], const std::uint8_t block[64]);

// The portable implementation (tests compare both paths).
void sha256_compress_portable(std::uint32_t state[8], const std::uint8_t block[64]);
// True if sha256_compress() uses the x86 SHA extensions on this machine.
bool sha256_uses_sha_ni();

}  // namespace ziskc::precompile
