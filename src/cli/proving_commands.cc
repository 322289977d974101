// rom-setup, prove and verify: registered so that their flags are fixed, but the zkVM proof
// (state machines, witness pipeline, STARK) is not built yet; they fail with a clear
// "not supported yet" error and exit code 3 until that work lands (issue 5).
#include <array>
#include <memory>
#include <string>

#include "cli/commands.h"

namespace ziskc::cli {
namespace {
int not_yet(const char* what) {
  return report_error(make_error(ErrorCode::kUnsupported,
                                 "not supported yet: {} (the zkVM proof is not built yet)", what));
}
}  // namespace

void register_rom_setup(CLI::App& app, CommandRun* run) {
  auto* cmd = app.add_subcommand("rom-setup", "Transpile and commit a program; write its key");
  auto elf = std::make_shared<std::string>();
  cmd->add_option("-e,--elf", *elf, "guest ELF")->required();
  cmd->callback([run] { *run = [] { return not_yet("rom-setup"); }; });
}

void register_prove(CLI::App& app, CommandRun* run) {
  auto* cmd = app.add_subcommand("prove", "Execute and prove a guest program");
  auto opts = std::make_shared<std::array<std::string, 3>>();
  cmd->add_option("-e,--elf", (*opts)[0], "guest ELF")->required();
  cmd->add_option("-i,--inputs", (*opts)[1], "input file");
  cmd->add_option("-o,--output", (*opts)[2], "proof file");
  cmd->callback([run] { *run = [] { return not_yet("prove"); }; });
}

void register_verify(CLI::App& app, CommandRun* run) {
  auto* cmd = app.add_subcommand("verify", "Verify a proof");
  auto opts = std::make_shared<std::array<std::string, 2>>();
  cmd->add_option("-p,--proof", (*opts)[0], "proof file")->required();
  cmd->add_option("-k,--key", (*opts)[1], "verification key");
  cmd->callback([run] { *run = [] { return not_yet("verify"); }; });
}

}  // namespace ziskc::cli
