// Placeholder registration for `ziskc execute`; replaced by the real command.
#include "cli/commands.h"

namespace ziskc::cli {
void register_execute(CLI::App& app, CommandRun* run) {
  auto* cmd = app.add_subcommand("execute", "execute (not built yet)");
  cmd->allow_extras();
  cmd->callback([run] {
    *run = [] { return report_error(make_error(ErrorCode::kUnsupported, "not supported yet: execute")); };
  });
}
}  // namespace ziskc::cli
