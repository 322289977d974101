// Fiat-Shamir duplex sponge (rules in transcript.h).
#include "hash/transcript.h"

#include <algorithm>
#include <atomic>
#include <limits>

#include "base/check.h"
#include "base/parallel.h"
#include "hash/poseidon2.h"

namespace ziskc::hash {

Transcript::Transcript(std::string_view label) {
  absorb(Fe::from_u64(label.size()));
  for (std::size_t i = 0; i < label.size(); i += 7) {
    std::uint64_t w = 0;
    for (std::size_t j = 0; j < 7 && i + j < label.size(); ++j) {
      w |= static_cast<std::uint64_t>(static_cast<unsigned char>(label[i + j])) << (8 * j);
    }
    absorb(Fe::from_canonical(w));  // < 2^56 < p
  }
}

void Transcript::permute_pending(bool pad) {
  std::size_t n = num_pending_;
  if (pad) pending_[n++] = Fe::one();
  for (std::size_t i = n; i < kRate; ++i) pending_[i] = Fe::zero();
  std::copy(pending_.begin(), pending_.end(), state_.begin());
  Poseidon2<kWidth>::permute(state_);
  num_pending_ = 0;
  out_pos_ = 0;
  dirty_ = false;
}

void Transcript::absorb(Fe x) {
  out_pos_ = kRate;
  dirty_ = true;
  pending_[num_pending_++] = x;
  if (num_pending_ == kRate) {
    permute_pending(false);
    out_pos_ = kRate;  // absorbing permutations produce no outputs
    dirty_ = true;     // the next squeeze still closes the (empty) block with padding
  }
}

void Transcript::absorb(std::span<const Fe> xs) {
  for (Fe x : xs) absorb(x);
}

void Transcript::absorb(const Digest& d) { absorb(std::span<const Fe>(d.v)); }

void Transcript::absorb(const field::Ext3& x) { absorb(std::span<const Fe>(x.coeffs())); }

void Transcript::absorb_u64(std::uint64_t x) {
  absorb(Fe::from_canonical(x & 0xFFFFFFFFull));
  absorb(Fe::from_canonical(x >> 32));
}

Fe Transcript::squeeze_fe() {
  if (dirty_ || out_pos_ == kRate) permute_pending(true);
  return state_[out_pos_++];
}

field::Ext3 Transcript::squeeze_ext3() {
  const Fe a = squeeze_fe();
  const Fe b = squeeze_fe();
  const Fe c = squeeze_fe();
  return field::Ext3(a, b, c);
}

// An element uniform in [0, p) conditioned on != p - 1 is uniform over
// [0, 2^64 - 2^32) = [0, 2^32 * (2^32 - 1)), whose low 32 bits are exactly uniform and so are
// its low log_n bits for log_n <= 32. p - 1 comes up with probability 2^-64.
std::uint64_t Transcript::squeeze_index(unsigned log_n) {
  ZISKC_CHECK(log_n <= kMaxIndexBits, "squeeze_index: at most 32 bits");
  while (true) {
    const std::uint64_t v = squeeze_fe().value();
    if (v == Fe::kP - 1) continue;
    return log_n == 0 ? 0 : (v & ((1ull << log_n) - 1));
  }
}

std::vector<std::uint64_t> Transcript::squeeze_indices(std::size_t count, unsigned log_n) {
  std::vector<std::uint64_t> out(count);
  for (auto& x : out) x = squeeze_index(log_n);
  return out;
}

std::array<Fe, Transcript::kWidth> Transcript::pow_input() {
  if (dirty_) permute_pending(true);
  return state_;
}

namespace {
inline bool pow_ok(const std::array<Fe, 16>& out, unsigned bits) {
  return bits == 0 || (out[0].value() >> (64 - bits)) == 0;
}
}  // namespace

bool Transcript::check_pow(std::uint64_t nonce, unsigned bits) {
  ZISKC_CHECK(bits <= kMaxPowBits, "check_pow: too many bits");
  if (nonce >= Fe::kP) return false;
  std::array<Fe, kWidth> s = pow_input();
  s[kWidth - 1] = Fe::from_canonical(nonce);
  Poseidon2<kWidth>::permute(s);
  return pow_ok(s, bits);
}

std::uint64_t Transcript::grind(unsigned bits) {
  ZISKC_CHECK(bits <= kMaxPowBits, "grind: too many bits");
  const std::array<Fe, kWidth> base_state = pow_input();
  // Search windows of nonces in parallel (8 per batched permutation); the first window holding a
  // solution yields its smallest one, so the result is deterministic.
  const std::size_t threads = static_cast<std::size_t>(base::num_threads());
  const std::uint64_t window = 4096 * threads;
  for (std::uint64_t start = 0;; start += window) {
    std::atomic<std::uint64_t> best{std::numeric_limits<std::uint64_t>::max()};
    base::parallel_for_chunks(0, window / 8, 32, [&](std::size_t lo, std::size_t hi) {
      std::array<std::array<Fe, kWidth>, 8> s;
      for (std::size_t g = lo; g < hi; ++g) {
        const std::uint64_t n0 = start + 8 * g;
        if (n0 >= best.load(std::memory_order_relaxed)) return;
        for (int k = 0; k < 8; ++k) {
          s[k] = base_state;
          s[k][kWidth - 1] = Fe::from_canonical(n0 + k);
        }
        Poseidon2<kWidth>::permute_x8(s.data());
        for (int k = 0; k < 8; ++k) {
          if (pow_ok(s[k], bits)) {
            std::uint64_t cur = best.load();
            while (n0 + k < cur && !best.compare_exchange_weak(cur, n0 + k)) {
            }
            break;
          }
        }
      }
    });
    const std::uint64_t b = best.load();
    if (b != std::numeric_limits<std::uint64_t>::max()) return b;
  }
}

}  // namespace ziskc::hash
