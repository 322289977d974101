// The CLI's commands. Each command lives in its own file and registers one CLI11 subcommand;
// when that subcommand is chosen, its action is stored in *run and main() calls it.
// Commands only parse arguments and print: the work is done by library calls.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

#include "base/status.h"

namespace ziskc::cli {

// Returns the process exit code.
using CommandRun = std::function<int()>;

void register_build(CLI::App& app, CommandRun* run);
void register_execute(CLI::App& app, CommandRun* run);
void register_rom(CLI::App& app, CommandRun* run);
void register_rom_setup(CLI::App& app, CommandRun* run);
void register_prove(CLI::App& app, CommandRun* run);
void register_verify(CLI::App& app, CommandRun* run);

// Prints "error: <message>" on stderr and returns the exit code for the status.
int report_error(const Status& status);

}  // namespace ziskc::cli
