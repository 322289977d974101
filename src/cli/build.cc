// `ziskc build <file|dir> -o out.elf [-O2] [-I dir]... [--sdk dir] [-v] [-- gcc flags...]`:
// compiles a C/C++ guest into a ZisK ELF (the work is ziskc::sdk::build; this file only parses
// flags and prints). The compiler's diagnostics go to stderr, then one `error:` line.
#include "sdk/build.h"

#include <cstdio>

#include "cli/commands.h"

namespace ziskc::cli {

void register_build(CLI::App& app, CommandRun* run) {
  auto opts = std::make_shared<sdk::BuildOptions>();
  auto verbose = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand(
      "build", "Compile a C/C++ guest (one file, or every source of a directory) into a ZisK ELF");
  cmd->add_option("source", opts->input, "Source file (.c .cc .cpp .cxx .S .s) or directory")
      ->required();
  cmd->add_option("gcc-flags", opts->extra_flags,
                  "Extra flags for every gcc run, after `--` (e.g. -- -DN=10 -Wall)");
  cmd->add_option("-o,--output", opts->output, "Output ELF")->required();
  cmd->add_option("-O", opts->opt_level, "Optimisation level: 0 1 2 3 s z g (default 2)");
  cmd->add_option("-I,--include", opts->include_dirs, "Include directory (repeatable)");
  cmd->add_option(
      "--sdk", opts->sdk_dir,
      "Guest SDK directory (default: $ZISKC_SDK_DIR, else <ziskc>/../share/ziskc/guest)");
  cmd->add_option("--cross-prefix", opts->cross_prefix,
                  "Cross toolchain prefix (default riscv64-unknown-elf-)");
  cmd->add_flag("-v,--verbose", *verbose, "Print each compiler command");
  cmd->callback([run, opts, verbose] {
    *run = [opts, verbose] {
      sdk::BuildLog log;
      const Status st = sdk::build(*opts, &log);
      if (*verbose) {
        for (const std::string& c : log.commands) std::fprintf(stderr, "%s\n", c.c_str());
      }
      if (!log.output.empty()) std::fputs(log.output.c_str(), stderr);
      if (!st) return report_error(st);
      return 0;
    };
  });
}

}  // namespace ziskc::cli
