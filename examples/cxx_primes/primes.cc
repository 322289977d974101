// Example C++ guest: counts and sums the primes below N with a sieve. Exercises what the SDK
// gives C++ without libstdc++: classes, templates, virtual calls, new[]/delete[], and a global
// object whose constructor must run before main (static initialisation).
// Input: one 4-byte record, N (u32 LE). Outputs: word 0 = N, word 1 = the number of primes
// below N, word 2 = their sum mod 2^32, word 3 = 0xC0FFEE if the static constructor ran.
#include <stdio.h>
#include <ziskc/zisk.h>

namespace {

struct StaticInit {
  unsigned marker = 0;
  StaticInit() { marker = 0xC0FFEE; }
};
StaticInit g_static_init;

class Visitor {
 public:
  virtual ~Visitor() = default;
  virtual void visit(uint32_t prime) = 0;
};

class Totals final : public Visitor {
 public:
  void visit(uint32_t prime) override {
    ++count_;
    sum_ += prime;
  }
  uint32_t count() const { return count_; }
  uint32_t sum() const { return sum_; }

 private:
  uint32_t count_ = 0;
  uint32_t sum_ = 0;
};

template <class T>
class Array {
 public:
  explicit Array(uint32_t n) : data_(new T[n]()), n_(n) {}
  ~Array() { delete[] data_; }
  Array(const Array&) = delete;
  Array& operator=(const Array&) = delete;
  T& operator[](uint32_t i) { return data_[i]; }
  uint32_t size() const { return n_; }

 private:
  T* data_;
  uint32_t n_;
};

void sieve(uint32_t limit, Visitor& v) {
  if (limit < 3) return;
  Array<bool> composite(limit);
  for (uint32_t i = 2; i < limit; ++i) {
    if (composite[i]) continue;
    v.visit(i);
    for (uint64_t j = static_cast<uint64_t>(i) * i; j < limit; j += i) composite[j] = true;
  }
}

}  // namespace

int main() {
  const uint32_t limit = zisk_read_u32();
  auto* totals = new Totals;
  sieve(limit, *totals);
  zisk_set_output(0, limit);
  zisk_set_output(1, totals->count());
  zisk_set_output(2, totals->sum());
  zisk_set_output(3, g_static_init.marker);
  printf("%lu primes below %lu, sum %lu\n", static_cast<unsigned long>(totals->count()),
         static_cast<unsigned long>(limit), static_cast<unsigned long>(totals->sum()));
  delete totals;
  return 0;
}
