// `ziskc verify -p PROOF [-k VK] [-c]`: checks a proof (against a verification key, or the key
// embedded in the proof). With -c the 64 public output words are printed exactly as `execute -c`
// prints them (one %08x per line, nothing else on stdout); the verdict goes to stderr. Exit codes:
// 0 valid, 1 rejected (malformed or failing proof, another program's key), 2 bad input (a file
// that cannot be read, a malformed key). The work is ziskc::verify.
#include "verifier/verify.h"

#include <cstdio>
#include <memory>
#include <string>

#include "base/bytes.h"
#include "cli/commands.h"

namespace ziskc::cli {
namespace {

struct VerifyFlags {
  std::string proof, key;
  bool log_output = false;
};

int run_verify(const VerifyFlags& f) {
  Result<std::vector<std::uint8_t>> bytes = base::read_file(f.proof, stark::kMaxProofBytes);
  if (!bytes) return report_error(bytes.status());
  std::optional<verifier::VerificationKey> vk;
  if (!f.key.empty()) {
    Result<std::vector<std::uint8_t>> kb = base::read_file(f.key, verifier::kMaxVkBytes);
    if (!kb) return report_error(kb.status());
    Result<verifier::VerificationKey> k = verifier::decode_vk(*kb);
    if (!k) return report_error(k.status().within(f.key));
    vk = std::move(k).value();
  }
  Result<VerifyResult> r = verify(*bytes, vk ? &*vk : nullptr);
  if (!r) {
    std::fflush(stdout);
    std::fprintf(stderr, "proof rejected: %s\n", f.proof.c_str());
    return report_error(r.status());
  }
  if (f.log_output) {
    for (std::uint32_t w : r->outputs) std::printf("%08x\n", w);
    std::fflush(stdout);
  }
  std::fprintf(stderr, "proof verified: %s (%s key %s, %llu steps, %zu instances)\n",
               f.proof.c_str(), vk ? "with the" : "embedded",
               verifier::digest_hex(r->vk_digest).c_str(),
               static_cast<unsigned long long>(r->steps), r->num_instances);
  return 0;
}

}  // namespace

void register_verify(CLI::App& app, CommandRun* run) {
  auto f = std::make_shared<VerifyFlags>();
  auto* cmd = app.add_subcommand("verify", "Verify a proof");
  cmd->add_option("-p,--proof", f->proof, "Proof file")->required();
  cmd->add_option("-k,--key", f->key, "Verification key (ziskc rom-setup); default: the proof's");
  cmd->add_flag("-c,--log-output", f->log_output,
                "Print the 64 public output words (%08x per line)");
  cmd->callback([run, f] { *run = [f] { return run_verify(*f); }; });
}

}  // namespace ziskc::cli
