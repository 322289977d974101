// Strict numeric flag parsing (flags.h).
#include "cli/flags.h"

#include <charconv>
#include <string_view>

namespace ziskc::cli {

std::optional<std::uint64_t> parse_u64(const std::string& text) {
  std::string_view t = text;
  int base = 10;
  if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) t.remove_prefix(2), base = 16;
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v, base);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  return v;
}

CLI::Validator u64_text(const char* what) {
  return CLI::Validator(
      [what](std::string& text) -> std::string {
        const std::optional<std::uint64_t> v = parse_u64(text);
        if (!v) return std::string("not ") + what + ": '" + text + "'";
        text = std::to_string(*v);
        return {};
      },
      "UINT64");
}

}  // namespace ziskc::cli
