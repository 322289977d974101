// Shared helpers for the field tests: the printed seed, edge values, the 128-bit reference
// arithmetic (integer % p, independent of the reductions under test), and the lane adaptor
// that runs the field laws over the packed types through packed_test_ops.h.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "field/ext3.h"
#include "field/goldilocks.h"
#include "field/packed_test_ops.h"

namespace ziskc::field {
inline void PrintTo(Fe x, std::ostream* os) { *os << x.value(); }
inline void PrintTo(const Ext3& x, std::ostream* os) {
  *os << "(" << x[0].value() << ", " << x[1].value() << ", " << x[2].value() << ")";
}
}  // namespace ziskc::field

namespace ziskc::field::testing {

inline std::uint64_t test_seed() {
  static const std::uint64_t seed = [] {
    const char* env = std::getenv("ZISKC_TEST_SEED");
    const std::uint64_t s = env ? std::strtoull(env, nullptr, 0) : std::random_device{}();
    std::printf("field tests: seed %llu (set ZISKC_TEST_SEED to replay)\n",
                static_cast<unsigned long long>(s));
    return s;
  }();
  return seed;
}

inline std::mt19937_64 make_rng(std::uint64_t salt) {
  ::testing::Test::RecordProperty("seed", std::to_string(test_seed()));
  return std::mt19937_64(test_seed() ^ (salt * 0x9E3779B97F4A7C15ull));
}

constexpr std::uint64_t kP = Fe::kP;

// Values where reductions change behaviour: 0, 1, 2, p-1, p-2, epsilon = 2^32 - 1, 2^32,
// 2^32 + 1, p - epsilon, 2^63, 2^63 - 1, p - 2^32, and values with all low/high bits set.
inline const std::vector<std::uint64_t>& edge_values() {
  static const std::vector<std::uint64_t> v = {0,
                                               1,
                                               2,
                                               kP - 1,
                                               kP - 2,
                                               0xFFFFFFFFull,
                                               1ull << 32,
                                               (1ull << 32) + 1,
                                               kP - 0xFFFFFFFFull,
                                               1ull << 63,
                                               (1ull << 63) - 1,
                                               kP - (1ull << 32),
                                               0xFFFFFFFEFFFFFFFFull,
                                               0x00000000FFFFFFFEull,
                                               0x7FFFFFFF80000000ull,
                                               0xFFFFFFFF00000000ull};
  return v;
}

// Mostly uniform values, an edge value one time in eight.
inline Fe random_fe(std::mt19937_64& rng) {
  if (rng() % 8 == 0) return Fe::from_canonical(edge_values()[rng() % edge_values().size()]);
  return Fe::from_u64(rng());
}
inline Ext3 random_ext(std::mt19937_64& rng) {
  return Ext3(random_fe(rng), random_fe(rng), random_fe(rng));
}

// Reference arithmetic on integers.
inline std::uint64_t ref_add(std::uint64_t a, std::uint64_t b) {
  return static_cast<std::uint64_t>((static_cast<unsigned __int128>(a) + b) % kP);
}
inline std::uint64_t ref_sub(std::uint64_t a, std::uint64_t b) {
  return static_cast<std::uint64_t>((static_cast<unsigned __int128>(a) + kP - b) % kP);
}
inline std::uint64_t ref_mul(std::uint64_t a, std::uint64_t b) {
  return static_cast<std::uint64_t>((static_cast<unsigned __int128>(a) * b) % kP);
}
inline std::uint64_t ref_pow(std::uint64_t a, std::uint64_t e) {
  std::uint64_t r = 1;
  for (int i = 63; i >= 0; --i) {
    r = ref_mul(r, r);
    if ((e >> i) & 1) r = ref_mul(r, a);
  }
  return r;
}
// Ext3 product by the definition: polynomial product, then X^4 -> X^2 + X, X^3 -> X + 1.
inline Ext3 ref_ext_mul(const Ext3& a, const Ext3& b) {
  std::uint64_t d[5] = {0, 0, 0, 0, 0};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) d[i + j] = ref_add(d[i + j], ref_mul(a[i].value(), b[j].value()));
  // d4 X^4 = d4 X^2 + d4 X; d3 X^3 = d3 X + d3.
  d[2] = ref_add(d[2], d[4]);
  d[1] = ref_add(d[1], d[4]);
  d[1] = ref_add(d[1], d[3]);
  d[0] = ref_add(d[0], d[3]);
  return Ext3(Fe::from_canonical(d[0]), Fe::from_canonical(d[1]), Fe::from_canonical(d[2]));
}

// kLanes field elements processed by one ISA's packed type, kLanes / width at a time.
template <const PackedOps& (*kOps)()>
struct Lanes {
  static constexpr std::size_t kLanes = 8;
  std::array<Fe, kLanes> v{};

  static const PackedOps& ops() { return kOps(); }
  static Lanes broadcast(Fe x) {
    Lanes r;
    r.v.fill(x);
    return r;
  }
  static Lanes zero() { return broadcast(Fe::zero()); }
  static Lanes one() { return broadcast(Fe::one()); }
  bool is_zero() const {
    for (Fe x : v)
      if (!x.is_zero()) return false;
    return true;
  }
  template <class F>
  Lanes each(F f) const {
    Lanes r;
    for (std::size_t i = 0; i < kLanes; i += ops().width) f(i, r);
    return r;
  }
  friend Lanes operator+(Lanes a, Lanes b) {
    return a.each([&](std::size_t i, Lanes& r) { ops().add(&a.v[i], &b.v[i], &r.v[i]); });
  }
  friend Lanes operator-(Lanes a, Lanes b) {
    return a.each([&](std::size_t i, Lanes& r) { ops().sub(&a.v[i], &b.v[i], &r.v[i]); });
  }
  friend Lanes operator*(Lanes a, Lanes b) {
    return a.each([&](std::size_t i, Lanes& r) { ops().mul(&a.v[i], &b.v[i], &r.v[i]); });
  }
  friend Lanes operator-(Lanes a) {
    return a.each([&](std::size_t i, Lanes& r) { ops().neg(&a.v[i], &r.v[i]); });
  }
  Lanes square() const {
    return each([&](std::size_t i, Lanes& r) { ops().square(&v[i], &r.v[i]); });
  }
  Lanes inverse() const {
    return each([&](std::size_t i, Lanes& r) { ops().inverse(&v[i], &r.v[i]); });
  }
  Lanes pow(std::uint64_t e) const {
    return each([&](std::size_t i, Lanes& r) { ops().pow(&v[i], e, &r.v[i]); });
  }
  friend bool operator==(const Lanes& a, const Lanes& b) {
    bool eq = true;
    for (std::size_t i = 0; i < kLanes; i += ops().width) eq = eq && ops().equal(&a.v[i], &b.v[i]);
    return eq;
  }
  Lanes& operator+=(Lanes b) { return *this = *this + b; }
  Lanes& operator*=(Lanes b) { return *this = *this * b; }
};

// The same for kLanes extension elements.
template <const PackedOps& (*kOps)()>
struct ExtLanes {
  static constexpr std::size_t kLanes = 8;
  std::array<Ext3, kLanes> v{};

  static const PackedOps& ops() { return kOps(); }
  static ExtLanes broadcast(Ext3 x) {
    ExtLanes r;
    r.v.fill(x);
    return r;
  }
  static ExtLanes zero() { return broadcast(Ext3::zero()); }
  static ExtLanes one() { return broadcast(Ext3::one()); }
  bool is_zero() const {
    for (const Ext3& x : v)
      if (!x.is_zero()) return false;
    return true;
  }
  template <class F>
  ExtLanes each(F f) const {
    ExtLanes r;
    for (std::size_t i = 0; i < kLanes; i += ops().width) f(i, r);
    return r;
  }
  friend ExtLanes operator+(ExtLanes a, ExtLanes b) {
    return a.each([&](std::size_t i, ExtLanes& r) { ops().ext_add(&a.v[i], &b.v[i], &r.v[i]); });
  }
  friend ExtLanes operator-(ExtLanes a, ExtLanes b) {
    return a.each([&](std::size_t i, ExtLanes& r) { ops().ext_sub(&a.v[i], &b.v[i], &r.v[i]); });
  }
  friend ExtLanes operator*(ExtLanes a, ExtLanes b) {
    return a.each([&](std::size_t i, ExtLanes& r) { ops().ext_mul(&a.v[i], &b.v[i], &r.v[i]); });
  }
  friend ExtLanes operator-(ExtLanes a) {
    return a.each([&](std::size_t i, ExtLanes& r) { ops().ext_neg(&a.v[i], &r.v[i]); });
  }
  ExtLanes square() const {
    return each([&](std::size_t i, ExtLanes& r) { ops().ext_square(&v[i], &r.v[i]); });
  }
  ExtLanes inverse() const {
    return each([&](std::size_t i, ExtLanes& r) { ops().ext_inverse(&v[i], &r.v[i]); });
  }
  ExtLanes pow(std::uint64_t e) const {
    return each([&](std::size_t i, ExtLanes& r) { ops().ext_pow(&v[i], e, &r.v[i]); });
  }
  friend bool operator==(const ExtLanes& a, const ExtLanes& b) {
    bool eq = true;
    for (std::size_t i = 0; i < kLanes; i += ops().width)
      eq = eq && ops().ext_equal(&a.v[i], &b.v[i]);
    return eq;
  }
  ExtLanes& operator+=(ExtLanes b) { return *this = *this + b; }
  ExtLanes& operator*=(ExtLanes b) { return *this = *this * b; }
};

template <const PackedOps& (*kOps)()>
void PrintTo(const Lanes<kOps>& x, std::ostream* os) {
  *os << "[";
  for (Fe e : x.v) *os << e.value() << " ";
  *os << "]";
}
template <const PackedOps& (*kOps)()>
void PrintTo(const ExtLanes<kOps>& x, std::ostream* os) {
  *os << "[";
  for (const Ext3& e : x.v) {
    ::ziskc::field::PrintTo(e, os);
    *os << " ";
  }
  *os << "]";
}

}  // namespace ziskc::field::testing
