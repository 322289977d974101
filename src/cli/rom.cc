// Placeholder registration for `ziskc rom`; replaced by the real command.
#include "cli/commands.h"

namespace ziskc::cli {
void register_rom(CLI::App& app, CommandRun* run) {
  auto* cmd = app.add_subcommand("rom", "rom (not built yet)");
  cmd->allow_extras();
  cmd->callback([run] {
    *run = [] { return report_error(make_error(ErrorCode::kUnsupported, "not supported yet: rom")); };
  });
}
}  // namespace ziskc::cli
