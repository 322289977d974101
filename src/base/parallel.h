// The one helper every parallel loop goes through (OpenMP underneath), so thread counts and
// scheduling are decided in one place.
#pragma once

#include <omp.h>

#include <cstddef>
#include <cstdint>

namespace ziskc::base {

// Number of worker threads parallel loops use (all cores unless set_num_threads was called).
int num_threads();
void set_num_threads(int n);

// Calls fn(i) for every i in [begin, end), split into contiguous blocks across threads.
// fn must be safe to call concurrently for distinct i.
template <class Fn>
void parallel_for(std::size_t begin, std::size_t end, Fn&& fn) {
  if (end <= begin) return;
  const auto n = static_cast<std::int64_t>(end - begin);
  if (n == 1 || num_threads() == 1) {
    for (std::size_t i = begin; i < end; ++i) fn(i);
    return;
  }
#pragma omp parallel for schedule(static) num_threads(num_threads())
  for (std::int64_t k = 0; k < n; ++k) fn(begin + static_cast<std::size_t>(k));
}

// Calls fn(chunk_begin, chunk_end) on contiguous chunks of at least min_chunk elements, one
// or more per thread. Prefer this when per-element work is tiny.
template <class Fn>
void parallel_for_chunks(std::size_t begin, std::size_t end, std::size_t min_chunk, Fn&& fn) {
  if (end <= begin) return;
  const std::size_t n = end - begin;
  std::size_t threads = static_cast<std::size_t>(num_threads());
  if (min_chunk == 0) min_chunk = 1;
  std::size_t chunks = n / min_chunk;
  if (chunks > threads) chunks = threads;
  if (chunks <= 1) {
    fn(begin, end);
    return;
  }
  const auto nc = static_cast<std::int64_t>(chunks);
#pragma omp parallel for schedule(static, 1) num_threads(static_cast<int>(chunks))
  for (std::int64_t c = 0; c < nc; ++c) {
    const std::size_t lo = begin + n * static_cast<std::size_t>(c) / chunks;
    const std::size_t hi = begin + n * static_cast<std::size_t>(c + 1) / chunks;
    fn(lo, hi);
  }
}

}  // namespace ziskc::base
