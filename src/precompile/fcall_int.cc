// Integer free-input calls with ZisK's parameter and result layouts (ziskos fcalls_impl):
// bin_decomp (16), msb_pos_256 (17), msb_pos_384 (18), uint256_div (19), uint256_inv (20),
// uint256_inv_mod (21), bigint_div (22).
#include <algorithm>

#include "precompile/fcall_internal.h"
#include "precompile/mp.h"

namespace ziskc::precompile::hints {
namespace {

using mp::u64;
using U4 = mp::Uint<4>;

U4 load4(const u64* p) { return {p[0], p[1], p[2], p[3]}; }

int msb_pos(u64 x) { return 63 - __builtin_clzll(x); }

// (limb, bit) of the most significant set bit over several values of `width` limbs, as ZisK's
// msb_pos: the highest limb index where any value is non-zero, and the top bit of the largest
// word at that index.
Result<Words> msb_over(const char* name, std::span<const u64* const> values, std::size_t width) {
  for (std::size_t limb = width; limb-- > 0;) {
    u64 max_word = 0;
    for (const u64* v : values) max_word = std::max(max_word, v[limb]);
    if (max_word != 0) return Words{limb, static_cast<u64>(msb_pos(max_word))};
  }
  return reject(name, "every input is zero");
}

// Values of a count-prefixed list [n, v0 (width words), v1, ...].
Result<std::vector<const u64*>> counted_values(const char* name, Params p, std::size_t width) {
  const u64 n = p[0];
  if (n == 0 || n > (p.size() - 1) / width) {
    return reject(name, fmt::format("{} values of {} words do not fit the {} pushed words", n,
                                    width, p.size()));
  }
  std::vector<const u64*> values;
  for (u64 i = 0; i < n; ++i) values.push_back(p.data() + 1 + width * i);
  return values;
}

// Significant limbs of v padded with zeros to a multiple of 4 (at least 4), as ZisK returns
// quotients and remainders.
void append_padded(Words& out, std::span<const u64> v) {
  std::size_t len = mp::significant_limbs(v);
  const std::size_t padded = len == 0 ? 4 : (len + 3) / 4 * 4;
  out.push_back(padded);
  for (std::size_t i = 0; i < padded; ++i) out.push_back(i < len ? v[i] : 0);
}

// (a * b) mod m for 4-limb values (m != 0).
U4 mul_mod(const U4& a, const U4& b, const U4& m) {
  const mp::Uint<8> t = mp::mul(a, b);
  U4 r;
  mp::mod(t, m, r);
  return r;
}

U4 sub_mod(const U4& a, const U4& b, const U4& m) {
  U4 r;
  if (mp::sub(r, a, b)) mp::add(r, r, m);
  return r;
}

}  // namespace

Result<Words> bin_decomp(Params p) {
  const u64 len = p[0];
  if (len > p.size() - 1) {
    return reject("bin_decomp",
                  fmt::format("length {} exceeds the {} pushed value words", len, p.size() - 1));
  }
  const std::span<const u64> x = p.subspan(1, len);
  const int top = mp::msb_index(x);
  Words out;
  out.reserve(static_cast<std::size_t>(top + 2));
  out.push_back(static_cast<u64>(top + 1));
  for (int i = top; i >= 0; --i)
    out.push_back((x[static_cast<std::size_t>(i) / 64] >> (i % 64)) & 1);
  return out;
}

Result<Words> msb_pos_256(Params p) {
  if (p.size() == 8) {  // the two-operand form (x, y)
    const u64* v[2] = {p.data(), p.data() + 4};
    return msb_over("msb_pos_256", v, 4);
  }
  ZISKC_ASSIGN_OR_RETURN(auto values, counted_values("msb_pos_256", p, 4));
  return msb_over("msb_pos_256", values, 4);
}

Result<Words> msb_pos_384(Params p) {
  if (p.size() == 16 || p.size() == 12) {
    // (x, y) pushed as two 8-word blocks (ZisK's Rust guest: y at word 8) or as one 12-word
    // block (y at word 6).
    const u64* v[2] = {p.data(), p.data() + (p.size() == 16 ? 8 : 6)};
    return msb_over("msb_pos_384", v, 6);
  }
  ZISKC_ASSIGN_OR_RETURN(auto values, counted_values("msb_pos_384", p, 6));
  return msb_over("msb_pos_384", values, 6);
}

Result<Words> uint256_div(Params p) {
  const U4 a = load4(p.data()), b = load4(p.data() + 4);
  if (mp::is_zero(b)) return reject("uint256_div", "division by zero");
  U4 q, r;
  mp::divmod(a, b, q, r);
  Words out(q.begin(), q.end());
  out.insert(out.end(), r.begin(), r.end());
  return out;
}

Result<Words> uint256_inv(Params p) {
  const U4 a = load4(p.data());
  if ((a[0] & 1) == 0) return Words(5, 0);  // even numbers have no inverse mod 2^256
  // Newton iteration x <- x (2 - a x) mod 2^256; x = a is correct to 3 bits for odd a.
  U4 x = a;
  for (int i = 0; i < 7; ++i) {
    const U4 ax = mp::resize<4>(mp::mul(a, x));
    U4 two{2, 0, 0, 0}, t;
    mp::sub(t, two, ax);
    x = mp::resize<4>(mp::mul(x, t));
  }
  return Words{1, x[0], x[1], x[2], x[3]};
}

Result<Words> uint256_inv_mod(Params p) {
  const U4 a = load4(p.data()), m = load4(p.data() + 4);
  if (mp::is_zero(m)) return reject("uint256_inv_mod", "zero modulus");
  Words out(13, 0);
  if (m == U4{1, 0, 0, 0}) {
    out[0] = 1;  // modulo 1 every residue is 0, and 0 is its inverse
    return out;
  }
  // Extended Euclid keeping the coefficient of a modulo m: t_k * a = r_k (mod m).
  U4 r0 = m, r1, t0{}, t1{1, 0, 0, 0};
  mp::mod(a, m, r1);
  while (!mp::is_zero(r1)) {
    U4 q, r;
    mp::divmod(r0, r1, q, r);
    r0 = r1;
    r1 = r;
    const U4 t = sub_mod(t0, mul_mod(q, t1, m), m);
    t0 = t1;
    t1 = t;
  }
  if (r0 == U4{1, 0, 0, 0}) {
    out[0] = 1;
    std::copy(t0.begin(), t0.end(), out.begin() + 1);
    return out;
  }
  // No inverse: the witness gcd(a, m) > 1 with a / gcd and m / gcd.
  U4 qa, qm, rem;
  mp::divmod(a, r0, qa, rem);
  mp::divmod(m, r0, qm, rem);
  std::copy(r0.begin(), r0.end(), out.begin() + 1);
  std::copy(qa.begin(), qa.end(), out.begin() + 5);
  std::copy(qm.begin(), qm.end(), out.begin() + 9);
  return out;
}

Result<Words> bigint_div(Params p) {
  if (p.size() < 2) return reject("bigint_div", "needs at least the two length words");
  const u64 len_a = p[0];
  if (len_a > p.size() - 2) {
    return reject("bigint_div",
                  fmt::format("length of a ({}) exceeds the {} pushed words", len_a, p.size()));
  }
  const u64 len_b = p[1 + len_a];
  if (len_b > p.size() - 2 - len_a) {
    return reject("bigint_div",
                  fmt::format("length of b ({}) exceeds the {} pushed words", len_b, p.size()));
  }
  const std::span<const u64> a = p.subspan(1, len_a), b = p.subspan(2 + len_a, len_b);
  if (mp::significant_limbs(b) == 0) return reject("bigint_div", "division by zero");
  Words q(a.size()), r(b.size());
  mp::divmod(a, b, q, r);
  Words out;
  append_padded(out, q);
  append_padded(out, r);
  return out;
}

}  // namespace ziskc::precompile::hints
