// ziskc's entry point: only dispatches to the command files (see commands.h).
#include <cstdio>
#include <exception>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"ziskc: a proof-native zero-knowledge virtual machine for RISC-V"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "ziskc 0.1.0");
  ziskc::cli::CommandRun run;
  ziskc::cli::register_build(app, &run);
  ziskc::cli::register_execute(app, &run);
  ziskc::cli::register_rom(app, &run);
  ziskc::cli::register_rom_setup(app, &run);
  ziskc::cli::register_prove(app, &run);
  ziskc::cli::register_verify(app, &run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  try {
    return run ? run() : 2;
  } catch (const std::bad_alloc&) {
    return ziskc::cli::report_error(
        ziskc::Status(ziskc::ErrorCode::kInternal, "out of memory"));
  } catch (const std::exception& e) {
    return ziskc::cli::report_error(ziskc::Status(ziskc::ErrorCode::kInternal, e.what()));
  }
}
