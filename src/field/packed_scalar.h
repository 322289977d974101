// The portable one-lane "packed" type field::scalar::PackedFe: the PackedFe interface of
// packed_avx2.h / packed_avx512.h over a single Fe, so kernels written once against that
// interface also compile to plain scalar code (the path every CPU can run, and the reference
// the SIMD paths are tested against). PackedExt3 comes from packed_common.inc.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "field/ext3.h"
#include "field/goldilocks.h"
#include "field/simd.h"

namespace ziskc::field::scalar {

struct PackedFe {
  static constexpr std::size_t kWidth = 1;
  Fe v;

  static constexpr PackedFe zero() { return {Fe::zero()}; }
  static constexpr PackedFe one() { return {Fe::one()}; }
  static constexpr PackedFe broadcast(Fe x) { return {x}; }
  static constexpr PackedFe load(const Fe* p) { return {*p}; }
  constexpr void store(Fe* p) const { *p = v; }
  static constexpr PackedFe load_partial(const Fe* p, std::size_t n) {
    return {n > 0 ? *p : Fe::zero()};
  }
  constexpr void store_partial(Fe* p, std::size_t n) const {
    if (n > 0) *p = v;
  }
  constexpr std::array<Fe, kWidth> to_array() const { return {v}; }
  constexpr Fe lane(std::size_t) const { return v; }

  friend constexpr PackedFe operator+(PackedFe a, PackedFe b) { return {a.v + b.v}; }
  friend constexpr PackedFe operator-(PackedFe a, PackedFe b) { return {a.v - b.v}; }
  friend constexpr PackedFe operator-(PackedFe a) { return {-a.v}; }
  friend constexpr PackedFe operator*(PackedFe a, PackedFe b) { return {a.v * b.v}; }
  // a * b; b_hi (b >> 32, used by the SIMD types) is not needed here.
  static constexpr PackedFe mul_with_hi(PackedFe a, PackedFe b, PackedFe) { return {a.v * b.v}; }
  constexpr PackedFe& operator+=(PackedFe b) { return *this = *this + b; }
  constexpr PackedFe& operator-=(PackedFe b) { return *this = *this - b; }
  constexpr PackedFe& operator*=(PackedFe b) { return *this = *this * b; }
  friend constexpr bool operator==(PackedFe a, PackedFe b) { return a.v == b.v; }
  constexpr PackedFe square() const { return {v.square()}; }
  PackedFe pow(std::uint64_t e) const;
  PackedFe inverse() const;

  // One lane has no cross-lane shuffles: declared so that generic kernels compile, and
  // rejected if a kernel ever instantiates them.
  template <std::size_t H>
  static void deinterleave(PackedFe, PackedFe, PackedFe&, PackedFe&) {
    static_assert(H == 0, "a one-lane type has no in-vector layers");
  }
  template <std::size_t H>
  static void interleave(PackedFe, PackedFe, PackedFe&, PackedFe&) {
    static_assert(H == 0, "a one-lane type has no in-vector layers");
  }
  template <std::size_t H>
  static PackedFe load_repeated(const Fe*) {
    static_assert(H == 0, "a one-lane type has no in-vector layers");
    return {};
  }
};

// The interface of avx512::PackedDotAccumulator over FeAccumulator (one reduction per sum).
struct PackedDotAccumulator {
  FeAccumulator acc;
  constexpr void add_product(PackedFe a, PackedFe b, PackedFe) { acc.add_product(a.v, b.v); }
  constexpr PackedFe reduce() const { return {acc.reduce()}; }
};

using Packed = PackedFe;
#include "field/packed_common.inc"

}  // namespace ziskc::field::scalar
