// Guest input files (DESIGN.md §2.2, ZisK's format). An input file is a sequence of records
// [u64 LE length][length bytes][zero padding to a multiple of 8]; the validated file is what
// the BIOS places at INPUT_ADDR + 8 (word 0 of the input region is the free-input cell).
// ZisK does not check padding bytes, so neither do we; a file that ends inside the last
// record's padding is accepted and zero-filled. parse_input_file bounds every length before
// allocating and never reads past the span.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"

namespace ziskc::zisk {

// Validates a ZisK input file and returns the bytes to place at INPUT_ADDR + 8 (at most
// `max` bytes). kBadInput naming the record index and byte offset on error.
Result<std::vector<std::uint8_t>> parse_input_file(std::span<const std::uint8_t> bytes,
                                                   std::uint64_t max);

// --legacy-inputs: wraps a plain file as one record [u64 LE size][bytes][zero pad to 8].
std::vector<std::uint8_t> wrap_raw_input(std::span<const std::uint8_t> raw);

}  // namespace ziskc::zisk
