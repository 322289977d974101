// Fuzz target: the guest input-file parser. An accepted file must come back unchanged except
// for zero-fill of the last record's padding (so a multiple of 8 bytes, never above max).
#include <cstdint>
#include <cstring>
#include <vector>

#include "zisk/input_file.h"

namespace {

void check(bool cond) {
  if (!cond) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr std::uint64_t kMax = 1 << 16;
  auto r = ziskc::zisk::parse_input_file({data, size}, kMax);
  if (!r.is_ok()) {
    check(r.status().code() == ziskc::ErrorCode::kBadInput);
    return 0;
  }
  check(r->size() % 8 == 0 && r->size() >= size && r->size() < size + 8 && r->size() <= kMax);
  check(size == 0 || std::memcmp(r->data(), data, size) == 0);
  for (std::size_t i = size; i < r->size(); ++i) check((*r)[i] == 0);
  return 0;
}

extern "C" void ZiskcFuzzSeeds(std::vector<std::vector<std::uint8_t>>* out) {
  std::vector<std::uint8_t> two = ziskc::zisk::wrap_raw_input(std::vector<std::uint8_t>{1, 2, 3});
  const auto second = ziskc::zisk::wrap_raw_input(std::vector<std::uint8_t>(20, 7));
  two.insert(two.end(), second.begin(), second.end());
  out->push_back(two);
  out->push_back(ziskc::zisk::wrap_raw_input({}));
}
