// `ziskc execute` with ziskemu's flags: -e/--elf, -i/--inputs, --legacy-inputs, -n/--max-steps,
// -c/--log-output (the 64 output words, one %08x per line, nothing else on stdout),
// -f/--log-output-riscof (the u32 count at OUTPUT_ADDR, then that many words), -m/--log-metrics,
// -X/--stats, -S/--read-symbols (profile by function, top -T/--top-roi N), --layout.
// UART bytes and reports go to stderr when -c or -f is given, else to stdout. Exit code 0 on a
// clean exit, 2 on a guest fault or bad input, 3 for what is not supported yet. The work is
// ziskc::execute; this file only parses flags and prints.
#include "emu/execute.h"

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cli/commands.h"
#include "cli/flags.h"
#include "zisk/layout.h"

namespace ziskc::cli {
namespace {

class FileConsole final : public emu::ConsoleSink {
 public:
  explicit FileConsole(std::FILE* f) : f_(f) {}
  void write(std::string_view bytes) override {
    std::fwrite(bytes.data(), 1, bytes.size(), f_);
    std::fflush(f_);
  }

 private:
  std::FILE* f_;
};

struct Flags {
  std::string elf, inputs, layout;
  bool legacy_inputs = false, log_output = false, riscof = false, metrics = false, stats = false,
       symbols = false;
  std::uint64_t max_steps = emu::kDefaultMaxSteps;
  unsigned top = 10;
};

void print_stats(std::FILE* out, const ExecuteResult& r) {
  const ExecuteStats& s = *r.stats;
  std::fprintf(out, "steps: %llu (BIOS %llu)\n", static_cast<unsigned long long>(r.steps),
               static_cast<unsigned long long>(s.bios_steps));
  std::fprintf(out, "per state machine:\n");
  for (std::size_t m = 0; m < s.per_machine.size(); ++m) {
    if (s.per_machine[m] == 0) continue;
    std::fprintf(out, "  %-18s %14llu  %6.2f%%\n",
                 zisk::machine_name(static_cast<zisk::Machine>(m)),
                 static_cast<unsigned long long>(s.per_machine[m]),
                 100.0 * static_cast<double>(s.per_machine[m]) / static_cast<double>(r.steps));
  }
  std::fprintf(out, "ops:\n");
  for (const auto& [op, n] : s.ops) {
    std::fprintf(out, "  %-22s 0x%02x %14llu  %6.2f%%\n", zisk::op_name(op),
                 static_cast<unsigned>(op), static_cast<unsigned long long>(n),
                 100.0 * static_cast<double>(n) / static_cast<double>(r.steps));
  }
  std::fprintf(out, "memory touched: %llu KiB of RAM\n",
               static_cast<unsigned long long>(s.touched_bytes / 1024));
}

int run_execute(const Flags& f) {
  ExecuteOptions o;
  o.elf_path = f.elf;
  o.input_path = f.inputs;
  o.legacy_inputs = f.legacy_inputs;
  o.max_steps = f.max_steps;
  o.stats = f.stats;
  o.profile_top = f.symbols ? f.top : 0;
  if (!f.layout.empty()) {
    Result<zisk::LayoutKind> k = zisk::parse_layout_name(f.layout);
    if (!k) return report_error(k.status().within("--layout"));
    o.layout = *k;
  }
  std::FILE* side = (f.log_output || f.riscof) ? stderr : stdout;
  FileConsole console(side);
  o.console = &console;
  Result<ExecuteResult> res = execute(o);
  if (!res) return report_error(res.status());
  const ExecuteResult& r = *res;
  if (f.metrics) {
    std::fprintf(side, "steps: %llu\ntime: %.6f s\nsteps/s: %.0f\n",
                 static_cast<unsigned long long>(r.steps), r.seconds,
                 r.seconds > 0 ? static_cast<double>(r.steps) / r.seconds : 0.0);
  }
  if (f.stats && r.stats) print_stats(side, r);
  if (!r.profile.empty()) {
    std::fprintf(side, "top %zu functions by steps:\n", r.profile.size());
    for (const ProfileEntry& p : r.profile) {
      std::fprintf(side, "  %14llu  %6.2f%%  %s\n", static_cast<unsigned long long>(p.steps),
                   100.0 * static_cast<double>(p.steps) / static_cast<double>(r.steps),
                   p.function.c_str());
    }
  }
  if (const Status st = exit_status(r); !st) return report_error(st);
  if (f.log_output) {
    for (std::uint32_t w : r.outputs) std::printf("%08x\n", w);
  }
  if (f.riscof && !r.output_area.empty()) {
    const std::size_t n = std::min<std::size_t>(r.output_area[0], r.output_area.size() - 1);
    for (std::size_t i = 1; i <= n; ++i) std::printf("%08x\n", r.output_area[i]);
  }
  std::fflush(stdout);
  return 0;
}

}  // namespace

void register_execute(CLI::App& app, CommandRun* run) {
  auto f = std::make_shared<Flags>();
  auto* cmd = app.add_subcommand("execute", "Run a guest ELF on an input without proving");
  cmd->add_option("-e,--elf", f->elf, "Guest ELF")->required();
  cmd->add_option("-i,--inputs", f->inputs, "Input file (ZisK records [u64 len][bytes][pad])");
  cmd->add_flag("--legacy-inputs", f->legacy_inputs, "The input file is raw bytes (one record)");
  cmd->add_option("-n,--max-steps", f->max_steps, "Step limit (default 2^32 - 1)")
      ->transform(u64_text("a step count"));
  cmd->add_flag("-c,--log-output", f->log_output,
                "Print the 64 public output words (%08x per line)");
  cmd->add_flag("-f,--log-output-riscof", f->riscof,
                "Print the output area: the u32 count at OUTPUT_ADDR, then that many words");
  cmd->add_flag("-m,--log-metrics", f->metrics, "Print steps, time and steps/s");
  cmd->add_flag("-X,--stats", f->stats,
                "Print the ZisK op histogram, counts per state machine, memory touched");
  cmd->add_flag("-S,--read-symbols", f->symbols, "Profile by function (ELF symbols)");
  cmd->add_option("-T,--top-roi", f->top, "Functions listed by -S (default 10)")
      ->transform(u64_text("a function count"))
      ->check(CLI::Range(0u, 1u << 20));
  cmd->add_option("--layout", f->layout, "Memory layout: zisk | zisk-0.18 (default: detect)");
  cmd->callback([run, f] { *run = [f] { return run_execute(*f); }; });
}

}  // namespace ziskc::cli
