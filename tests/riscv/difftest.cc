// See difftest.h.
#include "difftest.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>

#include "base/bytes.h"

namespace ziskc::difftest {
namespace {

constexpr auto kToolTimeout = std::chrono::seconds(60);
constexpr auto kRunTimeout = std::chrono::seconds(60);
const char* const kAbiNames[32] = {"zero", "ra", "sp",  "gp",  "tp", "t0", "t1", "t2",
                                   "s0",   "s1", "a0",  "a1",  "a2", "a3", "a4", "a5",
                                   "a6",   "a7", "s2",  "s3",  "s4", "s5", "s6", "s7",
                                   "s8",   "s9", "s10", "s11", "t3", "t4", "t5", "t6"};

Status tool_error(const std::vector<std::string>& argv, const ProcessResult& r) {
  return make_error(ErrorCode::kInternal, "`{}` failed ({}): {}", command_line(argv), r.describe(),
                    r.err);
}

Status run_tool(const std::vector<std::string>& argv) {
  ProcessResult r = run_process(argv, kToolTimeout);
  if (!r.exited() || r.exit_code != 0) return tool_error(argv, r);
  return Status::ok();
}

}  // namespace

Tools default_tools() {
  return Tools{
      .gcc = "riscv64-unknown-elf-gcc",
      .ld = "riscv64-unknown-elf-ld",
      .nm = "riscv64-unknown-elf-nm",
      .qemu = "qemu-riscv64",
      .ziskc = ZISKC_TESTS_ZISKC_BIN,
      .harness_dir = ZISKC_TESTS_RISCV_DIR "/harness",
      .source_dir = ZISKC_TESTS_RISCV_DIR,
  };
}

Result<Harness> Harness::create(Tools tools, std::string work_dir) {
  std::error_code ec;
  std::filesystem::create_directories(work_dir, ec);
  if (ec) {
    return make_error(ErrorCode::kIo, "cannot create {}: {}", work_dir, ec.message());
  }
  Harness h(std::move(tools), std::move(work_dir));
  // ctest runs each test case as its own process, several at once, all sharing work_dir: the
  // shared objects are assembled under a private name and renamed into place (atomic), so a
  // process linking against them never sees a half-written file.
  for (const char* variant : {"zisk", "qemu"}) {
    std::string src = fmt::format("{}/finish_{}.S", h.tools_.harness_dir, variant);
    std::string obj = fmt::format("{}/finish_{}.o", h.work_dir_, variant);
    std::string tmp = fmt::format("{}.{}.tmp", obj, static_cast<long>(getpid()));
    ZISKC_ASSIGN_OR_RETURN(std::string ignored, h.assemble(src, tmp));
    (void)ignored;
    std::filesystem::rename(tmp, obj, ec);
    if (ec) return make_error(ErrorCode::kIo, "cannot rename {} to {}: {}", tmp, obj, ec.message());
  }
  return h;
}

Result<std::string> Harness::assemble(const std::string& asm_path, const std::string& obj) const {
  ZISKC_RETURN_IF_ERROR(run_tool({tools_.gcc, "-c", "-march=rv64imac_zicsr_zifencei", "-mabi=lp64",
                                  "-I" + tools_.harness_dir, asm_path, "-o", obj}));
  return obj;
}

Status Harness::link(const std::string& obj, const std::string& finish_obj,
                     const std::string& elf) const {
  return run_tool(
      {tools_.ld, "-T", tools_.harness_dir + "/link.ld", "--no-relax", obj, finish_obj, "-o", elf});
}

Result<GuestElfs> Harness::build(const std::string& asm_path, const std::string& stem) const {
  std::string base = work_dir_ + "/" + stem;
  ZISKC_ASSIGN_OR_RETURN(std::string obj, assemble(asm_path, base + ".o"));
  GuestElfs elfs{.zisk = base + ".zisk.elf", .qemu = base + ".qemu.elf"};
  ZISKC_RETURN_IF_ERROR(link(obj, work_dir_ + "/finish_zisk.o", elfs.zisk));
  ZISKC_RETURN_IF_ERROR(link(obj, work_dir_ + "/finish_qemu.o", elfs.qemu));
  return elfs;
}

Result<std::string> Harness::build_zisk_only(const std::string& asm_path,
                                             const std::string& stem) const {
  std::string base = work_dir_ + "/" + stem;
  ZISKC_ASSIGN_OR_RETURN(std::string obj, assemble(asm_path, base + ".o"));
  ZISKC_RETURN_IF_ERROR(link(obj, work_dir_ + "/finish_zisk.o", base + ".zisk.elf"));
  return base + ".zisk.elf";
}

Result<uint64_t> Harness::symbol_address(const std::string& elf, const std::string& symbol) const {
  std::vector<std::string> argv = {tools_.nm, elf};
  ProcessResult r = run_process(argv, kToolTimeout);
  if (!r.exited() || r.exit_code != 0) return tool_error(argv, r);
  size_t pos = 0;
  while (pos < r.out.size()) {
    size_t end = r.out.find('\n', pos);
    if (end == std::string::npos) end = r.out.size();
    std::string_view line(r.out.data() + pos, end - pos);
    pos = end + 1;
    // "<hex address> <type> <name>"
    size_t sp1 = line.find(' ');
    if (sp1 == std::string_view::npos || line.size() < sp1 + 3) continue;
    if (line.substr(sp1 + 3) != symbol) continue;
    return static_cast<uint64_t>(std::stoull(std::string(line.substr(0, sp1)), nullptr, 16));
  }
  return make_error(ErrorCode::kInternal, "{}: no symbol {}", elf, symbol);
}

Result<Outputs> Harness::run_qemu(const std::string& elf) const {
  std::vector<std::string> argv = {tools_.qemu, elf};
  ProcessResult r = run_process(argv, kRunTimeout);
  if (!r.exited() || r.exit_code != 0) return tool_error(argv, r);
  Result<Outputs> out = parse_raw_outputs(r.out);
  if (!out) return out.status().within(command_line(argv));
  return out;
}

Result<Outputs> Harness::run_ziskc(const std::string& elf) const {
  std::vector<std::string> argv = {tools_.ziskc, "execute", "-e", elf, "-c"};
  ProcessResult r = run_process(argv, kRunTimeout);
  if (!r.exited() || r.exit_code != 0) return tool_error(argv, r);
  Result<Outputs> out = parse_ziskc_outputs(r.out);
  if (!out) return out.status().within(command_line(argv));
  return out;
}

Status Harness::compare(const std::string& asm_path, const std::string& stem,
                        bool keep_files) const {
  ZISKC_ASSIGN_OR_RETURN(GuestElfs elfs, build(asm_path, stem));
  Result<Outputs> want = run_qemu(elfs.qemu);
  if (!want) return want.status().within("qemu-riscv64 (reference)");
  Result<Outputs> got = run_ziskc(elfs.zisk);
  if (!got) return got.status().within("ziskc");
  std::string diff = describe_differences(*want, *got);
  if (!diff.empty()) {
    return make_error(ErrorCode::kInternal, "{}: ziskc differs from qemu-riscv64 ({}):\n{}",
                      asm_path, elfs.zisk, diff);
  }
  if (!keep_files) {
    std::string base = work_dir_ + "/" + stem;
    for (const std::string& f : {base + ".o", elfs.zisk, elfs.qemu}) unlink(f.c_str());
  }
  return Status::ok();
}

Status write_text_file(const std::string& path, std::string_view text) {
  return base::write_file_atomic(
      path, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

uint64_t reg_value(const Outputs& out, int reg) {
  size_t i = 2 * static_cast<size_t>(reg - 1);
  return static_cast<uint64_t>(out[i]) | (static_cast<uint64_t>(out[i + 1]) << 32);
}

std::string reg_name(int reg) {
  if (reg == kDigestSlot) return "scratch digest";
  return fmt::format("x{} ({})", reg, kAbiNames[reg]);
}

std::string describe_differences(const Outputs& qemu, const Outputs& ziskc) {
  std::string diff;
  for (int reg = 1; reg <= kDigestSlot; ++reg) {
    uint64_t a = reg_value(qemu, reg);
    uint64_t b = reg_value(ziskc, reg);
    if (a != b) {
      diff += fmt::format("  {}: qemu 0x{:016x} ziskc 0x{:016x}\n", reg_name(reg), a, b);
    }
  }
  return diff;
}

Result<Outputs> parse_ziskc_outputs(std::string_view text) {
  Outputs out{};
  size_t pos = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) {
      return make_error(ErrorCode::kInternal, "stdout: {} output lines, expected 64", i);
    }
    std::string_view line = text.substr(pos, end - pos);
    if (line.size() != 8) {
      return make_error(ErrorCode::kInternal, "stdout line {}: '{}' is not 8 hex digits", i + 1,
                        line);
    }
    uint32_t v = 0;
    for (char c : line) {
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else {
        return make_error(ErrorCode::kInternal, "stdout line {}: '{}' is not lowercase hex", i + 1,
                          line);
      }
      v = (v << 4) | static_cast<uint32_t>(d);
    }
    out[i] = v;
    pos = end + 1;
  }
  if (pos != text.size()) {
    return make_error(ErrorCode::kInternal, "stdout: unexpected text after 64 lines: '{}'",
                      text.substr(pos, 80));
  }
  return out;
}

Result<Outputs> parse_raw_outputs(std::string_view bytes) {
  if (bytes.size() != 256) {
    return make_error(ErrorCode::kInternal, "stdout: {} bytes, expected 256", bytes.size());
  }
  Outputs out{};
  for (size_t i = 0; i < out.size(); ++i) {
    uint32_t v = 0;
    for (int b = 3; b >= 0; --b) v = (v << 8) | static_cast<uint8_t>(bytes[4 * i + b]);
    out[i] = v;
  }
  return out;
}

}  // namespace ziskc::difftest
