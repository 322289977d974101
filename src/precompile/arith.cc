// add256, arith256, arith256_mod, arith384_mod on fixed-width limbs (mp.h).
#include "precompile/arith.h"

#include "precompile/mp.h"

namespace ziskc::precompile {
namespace {

template <std::size_t N>
mp::Uint<N> load(const std::uint64_t* a) {
  mp::Uint<N> r;
  for (std::size_t i = 0; i < N; ++i) r[i] = a[i];
  return r;
}

// t = a * b + c as 2N limbs (cannot overflow: (2^k - 1)^2 + 2^k - 1 < 2^2k).
template <std::size_t N>
mp::Uint<2 * N> mul_add(const std::uint64_t* a, const std::uint64_t* b, const std::uint64_t* c) {
  mp::Uint<2 * N> t = mp::mul(load<N>(a), load<N>(b));
  mp::u64 carry = 0;
  for (std::size_t i = 0; i < N; ++i) carry = mp::add_carry(t[i], c[i], carry, t[i]);
  for (std::size_t i = N; i < 2 * N && carry; ++i) carry = mp::add_carry(t[i], 0, carry, t[i]);
  return t;
}

template <std::size_t N>
bool mul_add_mod(const std::uint64_t* a, const std::uint64_t* b, const std::uint64_t* c,
                 const std::uint64_t* m, std::uint64_t* d) {
  const mp::Uint<N> mod = load<N>(m);
  if (mp::is_zero(mod)) return false;
  const mp::Uint<2 * N> t = mul_add<N>(a, b, c);
  mp::Uint<N> r;
  mp::mod(t, mod, r);
  for (std::size_t i = 0; i < N; ++i) d[i] = r[i];
  return true;
}

}  // namespace

std::uint64_t add256(const std::uint64_t a[4], const std::uint64_t b[4], std::uint64_t cin,
                     std::uint64_t c[4]) {
  mp::u64 carry = cin == 1 ? 1 : 0;
  for (int i = 0; i < 4; ++i) carry = mp::add_carry(a[i], b[i], carry, c[i]);
  return carry;
}

void arith256(const std::uint64_t a[4], const std::uint64_t b[4], const std::uint64_t c[4],
              std::uint64_t dl[4], std::uint64_t dh[4]) {
  const mp::Uint<8> t = mul_add<4>(a, b, c);
  for (int i = 0; i < 4; ++i) {
    dl[i] = t[i];
    dh[i] = t[i + 4];
  }
}

bool arith256_mod(const std::uint64_t a[4], const std::uint64_t b[4], const std::uint64_t c[4],
                  const std::uint64_t m[4], std::uint64_t d[4]) {
  return mul_add_mod<4>(a, b, c, m, d);
}

bool arith384_mod(const std::uint64_t a[6], const std::uint64_t b[6], const std::uint64_t c[6],
                  const std::uint64_t m[6], std::uint64_t d[6]) {
  return mul_add_mod<6>(a, b, c, m, d);
}

}  // namespace ziskc::precompile
