// Batched Merkle path checks (contract in merkle_batch.h).
#include "stark/merkle_batch.h"

#include <algorithm>
#include <array>

#include "base/parallel.h"
#include "hash/poseidon2.h"
#include "stark/config.h"

namespace ziskc::stark {
namespace {

using State = hash::Poseidon2<16>::State;
static_assert(kMerkleArity == 4, "the batched verifier is written for arity 4 / width 16");

// Checks up to 8 openings (group [q0, q0 + count)); false for each that fails.
void check_group(std::size_t width, std::size_t height, std::size_t levels, const Digest& root,
                 std::span<const std::uint64_t> indices,
                 std::span<const TreeOpening* const> openings, std::size_t q0, std::size_t count,
                 std::vector<char>& ok) {
  const Fe* rows[8];
  for (std::size_t k = 0; k < 8; ++k) rows[k] = openings[q0 + (k < count ? k : 0)]->values.data();
  Digest cur[8];
  hash::hash_rows_x8<16>(rows, width, cur);
  std::array<bool, 8> good;
  good.fill(true);
  std::uint64_t idx[8];
  for (std::size_t k = 0; k < 8; ++k) idx[k] = indices[q0 + (k < count ? k : 0)];
  std::uint64_t level_size = height;
  std::array<State, 8> s;
  for (std::size_t l = 0; l < levels; ++l) {
    for (std::size_t k = 0; k < 8; ++k) {
      const TreeOpening& o = *openings[q0 + (k < count ? k : 0)];
      const std::uint64_t pos = idx[k] % 4, first = idx[k] - pos;
      std::size_t sib = l * 3;
      for (std::uint64_t c = 0; c < 4; ++c) {
        const Digest& d = c == pos ? cur[k] : o.siblings[sib++];
        if (c != pos && first + c >= level_size && !(d == Digest{})) good[k] = false;
        std::copy(d.v.begin(), d.v.end(), s[k].begin() + 4 * c);
      }
      idx[k] /= 4;
    }
    hash::Poseidon2<16>::permute_x8(s.data());
    for (std::size_t k = 0; k < 8; ++k) std::copy_n(s[k].begin(), 4, cur[k].v.begin());
    level_size = (level_size + 3) / 4;
  }
  for (std::size_t k = 0; k < count; ++k) ok[q0 + k] = good[k] && cur[k] == root;
}

}  // namespace

std::vector<Status> verify_openings(const hash::MerkleTreeVerifier& verifier, std::size_t width,
                                    std::size_t height, const Digest& root,
                                    std::span<const std::uint64_t> indices,
                                    std::span<const TreeOpening* const> openings) {
  const std::size_t n = openings.size();
  const std::size_t levels = verifier.num_levels();
  std::vector<char> ok(n, 0);
  const std::size_t groups = (n + 7) / 8;
  base::parallel_for(0, groups, [&](std::size_t g) {
    check_group(width, height, levels, root, indices, openings, 8 * g,
                std::min<std::size_t>(8, n - 8 * g), ok);
  });
  std::vector<Status> out(n);
  for (std::size_t q = 0; q < n; ++q) {
    if (ok[q]) continue;
    const TreeOpening& o = *openings[q];
    // The reference verifier decides (and names the failure); merkle_batch_test checks that
    // both agree on honest and tampered paths.
    out[q] =
        verifier.verify(root, indices[q], hash::MerkleOpening{indices[q], o.values, o.siblings});
  }
  return out;
}

}  // namespace ziskc::stark
