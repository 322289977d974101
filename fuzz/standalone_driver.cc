// Standalone driver for the libFuzzer-style targets in this folder, for compilers without
// libFuzzer (GCC). It runs LLVMFuzzerTestOneInput over every seed (files or directories given
// on the command line, plus the target's built-in seeds), then over random mutations of them.
// Usage: <target> [--iterations N] [--seed S] [--max-len L] [PATH...]
// A crash, sanitizer report or trap inside the target fails the run; the seed is printed
// first so any failure can be replayed with --seed.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
// Optional: a target may provide seeds built in code (weak, so targets need not define it).
extern "C" __attribute__((weak)) void ZiskcFuzzSeeds(std::vector<std::vector<std::uint8_t>>* out);

namespace {

using Bytes = std::vector<std::uint8_t>;

bool read_file(const std::filesystem::path& p, Bytes& out) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return false;
  out.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  return true;
}

// Values that tend to hit boundary checks: 0, 1, all ones, sign bits, powers of two, lengths.
std::uint64_t interesting(std::mt19937_64& rng, std::size_t size) {
  static const std::uint64_t kValues[] = {
      0,          1,          2,          7,          8,          0x38,       0x40,    0x7f,
      0x80,       0xff,       0x100,      0x7fff,     0x8000,     0xffff,     0x10000, 0x7fffffff,
      0x80000000, 0xffffffff, 1ull << 32, 1ull << 40, ~0ull >> 1, 1ull << 63, ~0ull,   ~0ull - 7};
  const std::size_t n = sizeof(kValues) / sizeof(kValues[0]);
  const std::size_t i = rng() % (n + 2);
  if (i == n) return size;
  if (i == n + 1) return size + 1 + rng() % 16;
  return kValues[i];
}

void mutate(Bytes& b, std::mt19937_64& rng, std::size_t max_len) {
  const int rounds = 1 + static_cast<int>(rng() % 4);
  for (int r = 0; r < rounds; ++r) {
    const std::size_t pos = b.empty() ? 0 : rng() % b.size();
    switch (rng() % 8) {
      case 0:  // flip a bit
        if (!b.empty()) b[pos] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
        break;
      case 1:  // random byte
        if (!b.empty()) b[pos] = static_cast<std::uint8_t>(rng());
        break;
      case 2:
      case 3: {  // overwrite 1/2/4/8 bytes with an interesting little-endian value
        const std::size_t width = std::size_t{1} << (rng() % 4);
        const std::uint64_t v = interesting(rng, b.size());
        for (std::size_t k = 0; k < width && pos + k < b.size(); ++k) {
          b[pos + k] = static_cast<std::uint8_t>(v >> (8 * k));
        }
        break;
      }
      case 4:  // truncate
        b.resize(pos);
        break;
      case 5: {  // erase a range
        const std::size_t n = b.empty() ? 0 : rng() % (b.size() - pos + 1);
        b.erase(b.begin() + static_cast<std::ptrdiff_t>(pos),
                b.begin() + static_cast<std::ptrdiff_t>(pos + n));
        break;
      }
      case 6: {  // insert random bytes
        const std::size_t n = 1 + rng() % 16;
        for (std::size_t k = 0; k < n && b.size() < max_len; ++k) {
          b.insert(b.begin() + static_cast<std::ptrdiff_t>(std::min(pos, b.size())),
                   static_cast<std::uint8_t>(rng()));
        }
        break;
      }
      default: {  // copy a chunk of the input over another place
        if (b.size() < 2) break;
        const std::size_t from = rng() % b.size();
        const std::size_t n = 1 + rng() % std::min<std::size_t>(64, b.size() - from);
        for (std::size_t k = 0; k < n && pos + k < b.size(); ++k) b[pos + k] = b[from + k];
        break;
      }
    }
  }
  if (b.size() > max_len) b.resize(max_len);
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t iterations = 10000, seed = std::random_device{}();
  std::size_t max_len = 1 << 16;
  std::vector<Bytes> seeds;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--iterations" && i + 1 < argc) {
      iterations = std::strtoull(argv[++i], nullptr, 0);
    } else if (a == "--seed" && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 0);
    } else if (a == "--max-len" && i + 1 < argc) {
      max_len = std::strtoull(argv[++i], nullptr, 0);
    } else {
      std::error_code ec;
      const std::filesystem::path p(a);
      if (!std::filesystem::exists(p, ec)) {
        std::printf("fuzz driver: seed path %s does not exist, skipped\n", a.c_str());
        continue;
      }
      std::vector<std::filesystem::path> files;
      if (std::filesystem::is_directory(p, ec)) {
        for (const auto& e : std::filesystem::directory_iterator(p, ec)) {
          if (e.is_regular_file()) files.push_back(e.path());
        }
      } else {
        files.push_back(p);
      }
      for (const auto& f : files) {
        Bytes b;
        if (!read_file(f, b)) {
          std::fprintf(stderr, "cannot read seed %s\n", f.c_str());
          return 2;
        }
        seeds.push_back(std::move(b));
      }
    }
  }
  if (ZiskcFuzzSeeds != nullptr) ZiskcFuzzSeeds(&seeds);
  if (seeds.empty()) seeds.emplace_back();
  std::printf("fuzz driver: %zu seeds, %llu iterations, seed %llu\n", seeds.size(),
              static_cast<unsigned long long>(iterations), static_cast<unsigned long long>(seed));
  std::fflush(stdout);
  for (const Bytes& s : seeds) LLVMFuzzerTestOneInput(s.data(), s.size());
  std::mt19937_64 rng(seed);
  for (std::uint64_t it = 0; it < iterations; ++it) {
    Bytes b = seeds[rng() % seeds.size()];
    mutate(b, rng, max_len);
    LLVMFuzzerTestOneInput(b.data(), b.size());
  }
  std::printf("fuzz driver: done\n");
  return 0;
}
