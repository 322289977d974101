// ziskc::execute (see execute.h).
#include "emu/execute.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "base/bytes.h"
#include "riscv/decoder.h"
#include "riscv/elf.h"
#include "zisk/input_file.h"
#include "zisk/transpiler.h"

namespace ziskc {
namespace {

constexpr std::uint64_t kMaxElfBytes = 1ull << 30;

std::string where(const zisk::Rom& rom, std::uint32_t index) {
  if (index >= rom.size()) return "";
  const zisk::ZiskInst& z = rom.inst(index);
  if (const zisk::RiscvSource* s = rom.source_of(z)) {
    return fmt::format(" at pc 0x{:x} ({})", s->pc, riscv::disassemble(s->insn, s->pc));
  }
  return fmt::format(" at BIOS pc 0x{:x} ({})", z.pc, zisk::to_string(z));
}

}  // namespace

std::string describe_exit(const zisk::Rom& rom, const emu::RunResult& run) {
  using emu::ExitKind;
  const emu::Exit& e = run.exit;
  const std::string at = where(rom, e.inst);
  switch (e.kind) {
    case ExitKind::kRunning:
      return "still running";
    case ExitKind::kEnd:
      return fmt::format("clean exit after {} steps", run.steps);
    case ExitKind::kStepLimit:
      return fmt::format("step limit reached after {} steps, next instruction{}", run.steps, at);
    case ExitKind::kLoadFault:
      return fmt::format("load from unmapped address 0x{:x}{}", e.addr, at);
    case ExitKind::kStoreFault:
      return fmt::format("store to unmapped address 0x{:x}{}", e.addr, at);
    case ExitKind::kReadOnlyStore:
      return fmt::format("store into read-only memory at 0x{:x}{}", e.addr, at);
    case ExitKind::kBadJump:
      return fmt::format("{} to 0x{:x}, where there is no instruction{}",
                         (e.addr & 1) != 0 ? "misaligned jump" : "jump", e.addr, at);
    case ExitKind::kHalt: {
      const zisk::ZiskInst* z = e.inst < rom.size() ? &rom.inst(e.inst) : nullptr;
      const zisk::RiscvSource* s = z != nullptr ? rom.source_of(*z) : nullptr;
      const std::string what =
          z != nullptr && z->halt == zisk::HaltReason::kIllegalInstruction && s != nullptr
              ? fmt::format("illegal instruction 0x{:0{}x}", s->insn.raw, s->insn.len * 2)
              : std::string(
                    zisk::halt_reason_name(z != nullptr ? z->halt : zisk::HaltReason::kNone));
      return what + at;
    }
    case ExitKind::kUnsupported:  // the detail says "not supported yet: ..." itself
      return e.detail + at;
    case ExitKind::kPrecompileFault:
    case ExitKind::kFcallFault:
    case ExitKind::kDmaFault:
    case ExitKind::kTraceMismatch:
      return fmt::format("{}: {}{}", emu::exit_kind_name(e.kind), e.detail, at);
  }
  return "?";
}

Status exit_status(const ExecuteResult& r) {
  if (r.exit == emu::ExitKind::kEnd) return Status::ok();
  if (r.exit == emu::ExitKind::kUnsupported) return Status(ErrorCode::kUnsupported, r.fault);
  return Status(ErrorCode::kGuestFault, "guest fault: " + r.fault);
}

Result<ExecuteResult> execute(const ExecuteOptions& o) {
  ZISKC_ASSIGN_OR_RETURN(std::vector<std::uint8_t> elf, base::read_file(o.elf_path, kMaxElfBytes));
  Result<zisk::Program> program = zisk::parse_program(elf, o.layout);
  if (!program) return program.status().within(o.elf_path);
  const zisk::Layout& l = zisk::layout(program->layout);

  std::vector<std::uint8_t> input;
  if (!o.input_path.empty()) {
    ZISKC_ASSIGN_OR_RETURN(std::vector<std::uint8_t> raw,
                           base::read_file(o.input_path, l.input_data_max()));
    if (o.legacy_inputs) {
      input = zisk::wrap_raw_input(raw);
      if (input.size() > l.input_data_max()) {
        return make_error(ErrorCode::kBadInput, "{}: {} bytes do not fit the input area",
                          o.input_path, raw.size());
      }
    } else {
      Result<std::vector<std::uint8_t>> parsed = zisk::parse_input_file(raw, l.input_data_max());
      if (!parsed) return parsed.status().within(o.input_path);
      input = std::move(parsed).value();
    }
  }

  Result<zisk::Rom> rom = zisk::transpile(*program);
  if (!rom) return rom.status().within(o.elf_path);

  emu::RunOptions ro;
  ro.max_steps = o.max_steps;
  ro.stats = o.stats || o.profile_top > 0;
  ro.console = o.console;
  const auto t0 = std::chrono::steady_clock::now();
  ZISKC_ASSIGN_OR_RETURN(emu::RunResult run, emu::run(*rom, input, ro));
  const auto t1 = std::chrono::steady_clock::now();

  ExecuteResult r;
  r.exit = run.exit.kind;
  r.steps = run.steps;
  r.seconds = std::chrono::duration<double>(t1 - t0).count();
  r.layout = l.name;
  if (run.exit.kind != emu::ExitKind::kEnd) r.fault = describe_exit(*rom, run);
  r.outputs = emu::public_outputs(run);
  r.output_area = std::move(run.output_area);

  if (run.stats && o.stats) {
    ExecuteStats st;
    std::array<std::uint64_t, 256> per_op{};
    for (std::size_t i = 0; i < rom->size(); ++i) {
      const std::uint64_t n = run.stats->inst_counts[i];
      const zisk::ZiskInst& z = rom->inst(i);
      per_op[static_cast<std::uint8_t>(z.op)] += n;
      st.per_machine[static_cast<std::size_t>(zisk::op_info(z.op).machine)] += n;
      if (z.pc < l.rom_addr) st.bios_steps += n;
    }
    for (const zisk::OpInfo& info : zisk::op_table()) {
      const std::uint64_t n = per_op[static_cast<std::uint8_t>(info.op)];
      if (n > 0) st.ops.push_back({info.op, n});
    }
    std::sort(st.ops.begin(), st.ops.end(), [](const auto& x, const auto& y) {
      return x.count != y.count ? x.count > y.count : x.op < y.op;
    });
    st.touched_bytes = run.stats->touched_pages * 4096;
    r.stats = std::move(st);
  }
  if (run.stats && o.profile_top > 0) {
    std::unordered_map<std::string, std::uint64_t> by_name;
    for (std::size_t i = 0; i < rom->size(); ++i) {
      const std::uint64_t n = run.stats->inst_counts[i];
      if (n == 0) continue;
      const zisk::RiscvSource* s = rom->source_of(rom->inst(i));
      const riscv::ElfSymbol* sym =
          s != nullptr ? riscv::find_symbol(program->image, s->pc) : nullptr;
      by_name[s == nullptr ? "[bios]" : sym != nullptr ? sym->name : "[unknown]"] += n;
    }
    for (auto& [name, steps] : by_name) r.profile.push_back({name, steps});
    std::sort(r.profile.begin(), r.profile.end(), [](const auto& x, const auto& y) {
      return x.steps != y.steps ? x.steps > y.steps : x.function < y.function;
    });
    if (r.profile.size() > o.profile_top) r.profile.resize(o.profile_top);
  }
  return r;
}

}  // namespace ziskc
