// Thread-count setting for base::parallel_for.
#include "base/parallel.h"

#include <atomic>

namespace ziskc::base {
namespace {
std::atomic<int> g_threads{0};
}

int num_threads() {
  int n = g_threads.load(std::memory_order_relaxed);
  return n > 0 ? n : omp_get_max_threads();
}

void set_num_threads(int n) { g_threads.store(n, std::memory_order_relaxed); }

}  // namespace ziskc::base
