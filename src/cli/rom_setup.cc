// `ziskc rom-setup -e ELF [-o VK] [--layout L] [--no-cache]`: transpiles the program, commits
// its ROM and writes the verification key (verifier/vk.h; default path: ELF + ".vk"); the
// program-independent tables come from the table cache, which is filled on the first run. Prints
// the program commitment and the key's digest. The work is ziskc::rom_setup.
#include <cstdio>
#include <memory>
#include <string>

#include "base/bytes.h"
#include "cli/commands.h"
#include "prover/prove.h"
#include "verifier/vk.h"

namespace ziskc::cli {
namespace {

struct SetupFlags {
  std::string elf, output, layout, cache_dir;
  bool no_cache = false;
};

int run_rom_setup(const SetupFlags& f) {
  SetupOptions o;
  o.elf_path = f.elf;
  o.cache_dir = f.cache_dir;
  o.use_cache = !f.no_cache;
  if (!f.layout.empty()) {
    Result<zisk::LayoutKind> k = zisk::parse_layout_name(f.layout);
    if (!k) return report_error(k.status().within("--layout"));
    o.layout = *k;
  }
  Result<SetupResult> r = rom_setup(o);
  if (!r) return report_error(r.status());
  const std::string out = f.output.empty() ? f.elf + ".vk" : f.output;
  if (Status st = base::write_file_atomic(out, verifier::encode_vk(r->vk)); !st) {
    return report_error(st);
  }
  const stark::FixedRoot* root = r->vk.program_root();
  std::printf("verification key: %s\n", out.c_str());
  std::printf("layout: %s\n", zisk::layout(r->vk.statement.layout).name);
  std::printf("ROM: %zu instructions (2^%u rows)\n", r->rom_instructions,
              r->vk.statement.rom_log_height);
  std::printf("program commitment (ROM root): %s\n",
              root != nullptr ? verifier::digest_hex(root->root).c_str() : "none");
  std::printf("vk digest: %s\n", verifier::digest_hex(r->vk_digest).c_str());
  std::printf("tables: %zu from the cache, %zu committed%s (%.2f s)\n", r->tables_from_cache,
              r->tables_committed,
              r->tables_rebuilt > 0 ? " (corrupted cache entries rebuilt)" : "", r->seconds);
  return 0;
}

}  // namespace

void register_rom_setup(CLI::App& app, CommandRun* run) {
  auto f = std::make_shared<SetupFlags>();
  auto* cmd = app.add_subcommand("rom-setup", "Transpile and commit a program; write its key");
  cmd->add_option("-e,--elf", f->elf, "Guest ELF")->required();
  cmd->add_option("-o,--output", f->output, "Verification key file (default: ELF.vk)");
  cmd->add_option("--layout", f->layout, "Memory layout: zisk | zisk-0.18 (default: detect)");
  cmd->add_option("--cache-dir", f->cache_dir,
                  "Table cache directory (default: $XDG_CACHE_HOME/ziskc or ~/.cache/ziskc)");
  cmd->add_flag("--no-cache", f->no_cache, "Commit every table afresh; read and write no cache");
  cmd->callback([run, f] { *run = [f] { return run_rom_setup(*f); }; });
}

}  // namespace ziskc::cli
