// `ziskc rom -e ELF [--disasm] [--layout L]`: transpiles the ELF and prints a summary of the
// ROM, or with --disasm every ZisK instruction beside its RISC-V source (zisk::listing).
#include <cstdio>
#include <memory>
#include <string>

#include "base/bytes.h"
#include "cli/commands.h"
#include "zisk/layout.h"
#include "zisk/transpiler.h"

namespace ziskc::cli {
namespace {

struct RomFlags {
  std::string elf, layout;
  bool disasm = false;
};

int run_rom(const RomFlags& f) {
  std::optional<zisk::LayoutKind> forced;
  if (!f.layout.empty()) {
    Result<zisk::LayoutKind> k = zisk::parse_layout_name(f.layout);
    if (!k) return report_error(k.status().within("--layout"));
    forced = *k;
  }
  Result<std::vector<std::uint8_t>> bytes = base::read_file(f.elf, 1ull << 30);
  if (!bytes) return report_error(bytes.status());
  Result<zisk::Program> program = zisk::parse_program(*bytes, forced);
  if (!program) return report_error(program.status().within(f.elf));
  Result<zisk::Rom> rom = zisk::transpile(*program);
  if (!rom) return report_error(rom.status().within(f.elf));
  if (f.disasm) {
    for (const std::string& line : zisk::listing(*rom)) std::printf("%s\n", line.c_str());
    return 0;
  }
  std::size_t bios = 0;
  for (const zisk::ZiskInst& z : rom->insts()) bios += z.pc < rom->layout().rom_addr;
  std::printf(
      "layout: %s\nentry: 0x%llx\ntrap handler: 0x%llx\nRISC-V instructions: %zu\n"
      "ZisK instructions: %zu (BIOS %zu)\nROM data: [0x%llx, 0x%llx)\n",
      rom->layout().name, static_cast<unsigned long long>(rom->entry()),
      static_cast<unsigned long long>(rom->trap_pc()), rom->sources().size(), rom->size(), bios,
      static_cast<unsigned long long>(rom->rom_data_lo()),
      static_cast<unsigned long long>(rom->rom_data_hi()));
  return 0;
}

}  // namespace

void register_rom(CLI::App& app, CommandRun* run) {
  auto f = std::make_shared<RomFlags>();
  auto* cmd = app.add_subcommand("rom", "Transpile a guest ELF and show its ZisK ROM");
  cmd->add_option("-e,--elf", f->elf, "Guest ELF")->required();
  cmd->add_flag("--disasm", f->disasm, "List every ZisK instruction beside its RISC-V source");
  cmd->add_option("--layout", f->layout, "Memory layout: zisk | zisk-0.18 (default: detect)");
  cmd->callback([run, f] { *run = [f] { return run_rom(*f); }; });
}

}  // namespace ziskc::cli
