// Loading guests and inputs (load.h).
#include "prover/load.h"

#include "base/bytes.h"
#include "zisk/input_file.h"
#include "zisk/transpiler.h"

namespace ziskc::prover {
namespace {
constexpr std::uint64_t kMaxElfBytes = 1ull << 30;
}  // namespace

Result<LoadedProgram> load_program(const std::string& elf_path, std::span<const std::uint8_t> elf,
                                   std::optional<zisk::LayoutKind> layout) {
  LoadedProgram out;
  std::vector<std::uint8_t> read;
  if (elf.empty()) {
    if (elf_path.empty()) return make_error(ErrorCode::kInvalidArgument, "no guest ELF given");
    ZISKC_ASSIGN_OR_RETURN(read, base::read_file(elf_path, kMaxElfBytes));
    elf = read;
    out.name = elf_path;
  } else {
    out.name = elf_path.empty() ? "<elf bytes>" : elf_path;
  }
  Result<zisk::Program> program = zisk::parse_program(elf, layout);
  if (!program) return program.status().within(out.name);
  Result<zisk::Rom> rom = zisk::transpile(*program);
  if (!rom) return rom.status().within(out.name);
  out.rom = std::move(rom).value();
  return out;
}

Result<std::vector<std::uint8_t>> load_input(const zisk::Layout& layout,
                                             const std::string& input_path,
                                             std::span<const std::uint8_t> input,
                                             bool legacy_inputs) {
  std::vector<std::uint8_t> raw;
  std::string name = "<input bytes>";
  if (input.empty()) {
    if (input_path.empty()) return std::vector<std::uint8_t>{};
    ZISKC_ASSIGN_OR_RETURN(raw, base::read_file(input_path, layout.input_data_max()));
    input = raw;
    name = input_path;
  }
  if (legacy_inputs) {
    std::vector<std::uint8_t> wrapped = zisk::wrap_raw_input(input);
    if (wrapped.size() > layout.input_data_max()) {
      return make_error(ErrorCode::kBadInput, "{}: {} bytes do not fit the input area", name,
                        input.size());
    }
    return wrapped;
  }
  Result<std::vector<std::uint8_t>> parsed = zisk::parse_input_file(input, layout.input_data_max());
  if (!parsed) return parsed.status().within(name);
  return std::move(parsed).value();
}

}  // namespace ziskc::prover
