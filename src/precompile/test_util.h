// Test helpers for the precompile tests: a guest Memory with explicit readable/writable regions,
// GMP conversions of limb arrays, and a seeded RNG whose seed every test prints.
#pragma once

#include <gmp.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <iostream>
#include <map>
#include <random>
#include <span>
#include <vector>

#include "precompile/precompile.h"

namespace ziskc::precompile::testing {

// Guest memory made of word-aligned regions; accesses outside them (or writes to read-only
// regions) fail as the emulator's Memory does. Counts reads and writes.
class TestMemory : public Memory {
 public:
  // Adds a region of `words` zero words at `base` (8-byte aligned).
  void add_region(std::uint64_t base, std::size_t words, bool writable = true) {
    regions_[base] = Region{std::vector<std::uint64_t>(words), writable};
  }
  bool read(std::uint64_t addr, std::span<std::uint64_t> out) override {
    std::uint64_t* p = find(addr, out.size(), false);
    if (p == nullptr) return false;
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = p[i];
    ++reads;
    return true;
  }
  bool write(std::uint64_t addr, std::span<const std::uint64_t> in) override {
    std::uint64_t* p = find(addr, in.size(), true);
    if (p == nullptr) return false;
    for (std::size_t i = 0; i < in.size(); ++i) p[i] = in[i];
    ++writes;
    return true;
  }
  // Direct access for the test itself (asserts the range exists).
  void poke(std::uint64_t addr, std::span<const std::uint64_t> in) {
    std::uint64_t* p = find(addr, in.size(), false);
    EXPECT_NE(p, nullptr) << "poke outside the test regions at " << addr;
    if (p != nullptr) {
      for (std::size_t i = 0; i < in.size(); ++i) p[i] = in[i];
    }
  }
  std::vector<std::uint64_t> peek(std::uint64_t addr, std::size_t words) {
    std::vector<std::uint64_t> out(words);
    std::uint64_t* p = find(addr, words, false);
    EXPECT_NE(p, nullptr) << "peek outside the test regions at " << addr;
    if (p != nullptr) {
      for (std::size_t i = 0; i < words; ++i) out[i] = p[i];
    }
    return out;
  }

  int reads = 0;
  int writes = 0;

 private:
  struct Region {
    std::vector<std::uint64_t> words;
    bool writable;
  };
  std::uint64_t* find(std::uint64_t addr, std::size_t n, bool for_write) {
    if (addr % 8 != 0) return nullptr;
    auto it = regions_.upper_bound(addr);
    if (it == regions_.begin()) return nullptr;
    --it;
    Region& r = it->second;
    const std::uint64_t off = (addr - it->first) / 8;
    if (off > r.words.size() || n > r.words.size() - off) return nullptr;
    if (for_write && !r.writable) return nullptr;
    return r.words.data() + off;
  }
  std::map<std::uint64_t, Region> regions_;
};

// RAII mpz_t.
class Mpz {
 public:
  Mpz() { mpz_init(v_); }
  explicit Mpz(const char* hex) { mpz_init_set_str(v_, hex, 16); }
  Mpz(const Mpz& o) { mpz_init_set(v_, o.v_); }
  Mpz& operator=(const Mpz& o) {
    mpz_set(v_, o.v_);
    return *this;
  }
  ~Mpz() { mpz_clear(v_); }
  mpz_ptr get() { return v_; }
  mpz_srcptr get() const { return v_; }

 private:
  mpz_t v_;
};

inline Mpz to_mpz(const std::uint64_t* limbs, std::size_t n) {
  Mpz r;
  mpz_import(r.get(), n, -1, 8, 0, 0, limbs);
  return r;
}
// The low n limbs of a non-negative value (asserts it fits).
inline std::vector<std::uint64_t> from_mpz(const Mpz& v, std::size_t n) {
  std::vector<std::uint64_t> out(n + 1, 0);
  EXPECT_GE(mpz_sgn(v.get()), 0);
  EXPECT_LE(mpz_sizeinbase(v.get(), 2), 64 * n) << "value does not fit " << n << " limbs";
  std::size_t count = 0;
  mpz_export(out.data(), &count, -1, 8, 0, 0, v.get());
  out.resize(n);
  return out;
}

// A seeded generator; the seed is printed so a failure can be replayed.
inline std::mt19937_64 seeded_rng(std::uint64_t seed) {
  std::cout << "[ seed     ] " << seed << "\n";
  return std::mt19937_64(seed);
}

// Random limbs biased towards edge values (0, 1, all ones, values near the modulus).
inline std::vector<std::uint64_t> random_limbs(std::mt19937_64& rng, std::size_t n) {
  std::vector<std::uint64_t> v(n);
  const int kind = static_cast<int>(rng() % 16);
  for (std::size_t i = 0; i < n; ++i) {
    switch (kind) {
      case 0:
        v[i] = 0;
        break;
      case 1:
        v[i] = ~std::uint64_t{0};
        break;
      case 2:
        v[i] = i == 0 ? rng() % 4 : 0;
        break;
      default:
        v[i] = rng();
        break;
    }
  }
  if (kind == 3 && n > 0) v[n - 1] >>= rng() % 64;  // shorter values
  return v;
}

}  // namespace ziskc::precompile::testing
