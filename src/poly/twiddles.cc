// Twiddle cache (see twiddles.h).
#include "poly/twiddles.h"

#include <mutex>

#include "base/check.h"
#include "base/parallel.h"

namespace ziskc::poly {
namespace {

using field::Fe;

struct Cache {
  std::mutex mu;
  TwiddleTable table;
};

// Extends `old` (a valid prefix) to at least `count` entries, rounded up to a power of two:
// T[2^m + j] = T[j] * r_m where r_m = root(m + 2) (or its inverse).
TwiddleTable grow(const TwiddleTable& old, std::size_t count, bool inverse) {
  std::size_t size = 1;
  while (size < count) size *= 2;
  auto t = std::make_shared<std::vector<Fe>>(size);
  std::size_t have = 0;
  if (old) {
    have = old->size();
    std::copy(old->begin(), old->end(), t->begin());
  } else {
    (*t)[0] = Fe::one();
    have = 1;
  }
  for (std::size_t m = 0; (std::size_t{1} << m) < size; ++m) {
    const std::size_t lo = std::size_t{1} << m;
    if (lo < have) continue;  // octave already present
    Fe r = Fe::two_adic_root(static_cast<unsigned>(m + 2));
    if (inverse) r = r.inverse();
    Fe* p = t->data();
    base::parallel_for_chunks(0, lo, 1 << 14, [&](std::size_t b, std::size_t e) {
      for (std::size_t j = b; j < e; ++j) p[lo + j] = p[j] * r;
    });
  }
  return t;
}

TwiddleTable get(Cache& cache, std::size_t count, bool inverse) {
  ZISKC_CHECK(count <= (std::size_t{1} << 31), "twiddle table above 2^31 entries");
  std::lock_guard<std::mutex> lock(cache.mu);
  if (!cache.table || cache.table->size() < count) cache.table = grow(cache.table, count, inverse);
  return cache.table;
}

}  // namespace

TwiddleTable forward_twiddles(std::size_t count) {
  static Cache cache;
  return get(cache, count, false);
}

TwiddleTable inverse_twiddles(std::size_t count) {
  static Cache cache;
  return get(cache, count, true);
}

}  // namespace ziskc::poly
