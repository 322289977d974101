// Variable-width multi-precision helpers: significant length, msb, Knuth division.
#include "precompile/mp.h"

#include <algorithm>
#include <vector>

#include "base/check.h"

namespace ziskc::precompile::mp {
namespace {

// Scratch space that lives on the stack for the widths of the precompiles and falls back to the
// heap for the wide dividends of the bigint_div hint.
class Scratch {
 public:
  explicit Scratch(std::size_t n) : size_(n) {
    if (n > kStack) heap_.resize(n);
  }
  u64* data() { return size_ > kStack ? heap_.data() : stack_; }

 private:
  static constexpr std::size_t kStack = 64;
  std::size_t size_;
  u64 stack_[kStack];
  std::vector<u64> heap_;
};

}  // namespace

std::size_t significant_limbs(std::span<const u64> a) {
  std::size_t n = a.size();
  while (n > 0 && a[n - 1] == 0) --n;
  return n;
}

int msb_index(std::span<const u64> a) {
  const std::size_t n = significant_limbs(a);
  if (n == 0) return -1;
  return static_cast<int>(64 * (n - 1)) + 63 - __builtin_clzll(a[n - 1]);
}

void divmod(std::span<const u64> a, std::span<const u64> b, std::span<u64> q, std::span<u64> r) {
  ZISKC_CHECK(q.size() >= a.size() && r.size() >= b.size(), "divmod: output spans too small");
  std::fill(q.begin(), q.end(), 0);
  std::fill(r.begin(), r.end(), 0);
  const std::size_t n = significant_limbs(b);
  ZISKC_CHECK(n > 0, "divmod: division by zero");
  const std::size_t m = significant_limbs(a);
  if (m < n) {
    std::copy(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(m), r.begin());
    return;
  }
  if (n == 1) {
    const u64 d = b[0];
    u128 rem = 0;
    for (std::size_t i = m; i-- > 0;) {
      const u128 cur = (rem << 64) | a[i];
      q[i] = static_cast<u64>(cur / d);
      rem = cur % d;
    }
    r[0] = static_cast<u64>(rem);
    return;
  }

  // Normalise so that the divisor's top limb has its top bit set.
  const int s = __builtin_clzll(b[n - 1]);
  Scratch un_buf(m + 1), vn_buf(n);
  u64* un = un_buf.data();
  u64* vn = vn_buf.data();
  auto shl = [s](u64 hi, u64 lo) { return s == 0 ? hi : (hi << s) | (lo >> (64 - s)); };
  for (std::size_t i = n - 1; i > 0; --i) vn[i] = shl(b[i], b[i - 1]);
  vn[0] = b[0] << s;
  un[m] = s == 0 ? 0 : a[m - 1] >> (64 - s);
  for (std::size_t i = m - 1; i > 0; --i) un[i] = shl(a[i], a[i - 1]);
  un[0] = a[0] << s;

  for (std::size_t j = m - n + 1; j-- > 0;) {
    // Estimate the quotient limb from the top two limbs, then correct it (at most twice).
    const u128 num = (static_cast<u128>(un[j + n]) << 64) | un[j + n - 1];
    u128 qhat = num / vn[n - 1];
    u128 rhat = num % vn[n - 1];
    while ((qhat >> 64) != 0 || qhat * vn[n - 2] > ((rhat << 64) | un[j + n - 2])) {
      --qhat;
      rhat += vn[n - 1];
      if ((rhat >> 64) != 0) break;
    }
    // un[j .. j+n] -= qhat * vn.
    u64 borrow = 0, carry = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const u128 p = qhat * vn[i] + carry;
      carry = static_cast<u64>(p >> 64);
      borrow = sub_borrow(un[i + j], static_cast<u64>(p), borrow, un[i + j]);
    }
    u64 top;
    const u64 negative = sub_borrow(un[j + n], carry, borrow, top);
    un[j + n] = top;
    if (negative) {
      // qhat was one too large: add the divisor back.
      --qhat;
      u64 c = 0;
      for (std::size_t i = 0; i < n; ++i) c = add_carry(un[i + j], vn[i], c, un[i + j]);
      un[j + n] += c;
    }
    q[j] = static_cast<u64>(qhat);
  }
  // Unnormalise the remainder (it is in un[0 .. n), un[n] is zero).
  for (std::size_t i = 0; i + 1 < n; ++i) {
    r[i] = s == 0 ? un[i] : (un[i] >> s) | (un[i + 1] << (64 - s));
  }
  r[n - 1] = un[n - 1] >> s;
}

void mod(std::span<const u64> a, std::span<const u64> m, std::span<u64> r) {
  Scratch q(a.size());
  divmod(a, m, std::span<u64>(q.data(), a.size()), r);
}

}  // namespace ziskc::precompile::mp
