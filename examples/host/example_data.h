// Host side of the example guests: their input files and, for any input, the 64 public output
// words each guest must produce, computed independently on the host (OpenSSL for SHA-256, a
// spec-following Keccak checked against published vectors and against OpenSSL's SHA3-256 for
// Keccak-256). Used by the input generator (make_input.cc) and the e2e tests.
// Invariants: generators are deterministic (splitmix64 from a seed); expected_outputs() never
// trusts the input: a malformed record set for an example is a kBadInput error.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace ziskc::examples {

using Record = std::vector<std::uint8_t>;
using Outputs = std::array<std::uint32_t, 64>;

// The example guests, by the name of their ELF (build/examples/<name>.elf).
std::span<const std::string_view> example_names();

// Serialises records as a ZisK input file: [u64 LE length][bytes][zero pad to 8] each.
std::vector<std::uint8_t> encode_records(std::span<const Record> records);
// The records of an input file. kBadInput on a truncated file.
Result<std::vector<Record>> decode_records(std::span<const std::uint8_t> file);

// n bytes of splitmix64 output from `seed`.
std::vector<std::uint8_t> pseudo_random_bytes(std::size_t n, std::uint64_t seed);
Record u32_record(std::uint32_t v);
Record u64_record(std::uint64_t v);

// The input of `example`. `size` scales it (0: the small default the tests use): the message
// length in bytes for sha256/keccak, the number of values for sort, N for fibonacci,
// cxx_primes and collatz; records ignores it. kInvalidArgument for an unknown example.
Result<std::vector<Record>> make_input(std::string_view example, std::uint64_t size,
                                       std::uint64_t seed);
// The 64 output words `example` must publish for `records`.
Result<Outputs> expected_outputs(std::string_view example, std::span<const Record> records);

// A line the guest must print on its console for `records` (its printf, formatted on the host).
Result<std::string> expected_console_line(std::string_view example,
                                          std::span<const Record> records);

// References (host implementations, independent of the guests').
std::array<std::uint8_t, 32> sha256(std::span<const std::uint8_t> msg);  // OpenSSL
// Keccak-f[1600] sponge with capacity 512 and the given domain padding byte: 0x01 is
// Keccak-256 (Ethereum), 0x06 is SHA3-256 (FIPS 202).
std::array<std::uint8_t, 32> keccak_sponge256(std::span<const std::uint8_t> msg,
                                              std::uint8_t domain);
inline std::array<std::uint8_t, 32> keccak256(std::span<const std::uint8_t> msg) {
  return keccak_sponge256(msg, 0x01);
}
void keccak_f1600(std::array<std::uint64_t, 25>& state);
std::uint32_t fnv1a32(std::span<const std::uint8_t> data);

}  // namespace ziskc::examples
