// Shared protocol steps (order in protocol.h).
#include "stark/protocol.h"

#include "poly/domain.h"

namespace ziskc::stark {

GlobalChallenges derive_global_challenges(const StarkParams& params, const Digest& vk_digest,
                                          std::span<const Fe> public_values,
                                          std::span<const InstanceHeader> headers) {
  hash::Transcript t(kTranscriptLabel);
  for (std::uint32_t v : {kMerkleArity, params.log_blowup, params.log_fold, params.log_final_degree,
                          params.grinding_bits, params.num_queries}) {
    t.absorb_u64(v);
  }
  t.absorb(vk_digest);
  t.absorb_u64(public_values.size());
  t.absorb(public_values);
  t.absorb_u64(headers.size());
  std::vector<std::uint32_t> ids;
  for (const InstanceHeader& h : headers) ids.push_back(h.air_id);
  std::vector<std::uint32_t> index(headers.size(), 0);
  if (auto r = instance_indices(ids); r.is_ok()) index = std::move(r).value();
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const InstanceHeader& h = headers[i];
    t.absorb_u64(h.air_id);
    t.absorb_u64(index[i]);
    t.absorb_u64(h.log_height);
    t.absorb_u64(h.instance_values.size());
    t.absorb(h.instance_values);
    t.absorb(h.stage1_root);
  }
  GlobalChallenges g{Ext3(), Ext3(), t};
  g.alpha = g.transcript.squeeze_ext3();
  g.beta = g.transcript.squeeze_ext3();
  return g;
}

hash::Transcript instance_transcript(const GlobalChallenges& g, std::size_t position) {
  hash::Transcript t = g.transcript;
  t.absorb_u64(position);
  return t;
}

Result<std::vector<std::uint32_t>> instance_indices(std::span<const std::uint32_t> air_ids) {
  std::vector<std::uint32_t> out(air_ids.size());
  for (std::size_t i = 0; i < air_ids.size(); ++i) {
    if (i > 0 && air_ids[i] < air_ids[i - 1]) {
      return make_error(ErrorCode::kInvalidArgument,
                        "instance {}: air id {} after air id {} (instances must be sorted by air)",
                        i, air_ids[i], air_ids[i - 1]);
    }
    out[i] = (i > 0 && air_ids[i] == air_ids[i - 1]) ? out[i - 1] + 1 : 0;
  }
  return out;
}

std::array<Ext3, 4> selectors_at(Ext3 x, unsigned log_n) {
  const poly::Domain h{log_n, Fe::one()};
  const Fe w_last = h.generator().inverse();  // omega^(n-1)
  const Fe n_inv = Fe::from_u64(h.size()).inverse();
  const Ext3 zh = h.vanishing_at(x);
  const Ext3 l0 = zh * n_inv * (x - Fe::one()).inverse();
  const Ext3 ln = zh * (w_last * n_inv) * (x - w_last).inverse();
  return {Ext3::one(), l0, ln, x - w_last};
}

bool batch_inverse_ext3(std::span<Ext3> xs) {
  if (xs.empty()) return true;
  std::vector<Ext3> prefix(xs.size());
  Ext3 acc = Ext3::one();
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (xs[i].is_zero()) return false;
    prefix[i] = acc;
    acc *= xs[i];
  }
  Ext3 inv = acc.inverse();
  for (std::size_t i = xs.size(); i-- > 0;) {
    const Ext3 x = xs[i];
    xs[i] = inv * prefix[i];
    inv *= x;
  }
  return true;
}

}  // namespace ziskc::stark
