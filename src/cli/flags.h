// Strict numeric flag parsing shared by the commands. CLI11's own unsigned parsing wraps "-5"
// and saturates "99999999999999999999" instead of refusing them; these refuse both (a one-line
// CLI11 error, exit code 2).
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>

namespace ziskc::cli {

// A u64 in decimal or 0x-hex, all of the text (no sign, no spaces), or nullopt.
std::optional<std::uint64_t> parse_u64(const std::string& text);

// CLI11 validator and transform: the option's text must be a u64 (stored back in decimal, so
// CLI11's conversion to the option's type then only has to check its range).
CLI::Validator u64_text(const char* what);

}  // namespace ziskc::cli
