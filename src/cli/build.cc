// Placeholder registration for `ziskc build`; replaced by the real command.
#include "cli/commands.h"

namespace ziskc::cli {
void register_build(CLI::App& app, CommandRun* run) {
  auto* cmd = app.add_subcommand("build", "build (not built yet)");
  cmd->allow_extras();
  cmd->callback([run] {
    *run = [] { return report_error(make_error(ErrorCode::kUnsupported, "not supported yet: build")); };
  });
}
}  // namespace ziskc::cli
