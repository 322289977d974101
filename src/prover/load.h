// Loading a guest for proving or setup: the ELF (bytes or a path), parse_program with the
// optional forced layout, the transpiler, and the input file (ZisK records, or raw bytes wrapped
// as one record). Errors are the loader's located Status (kBadElf, kBadInput, kIo), prefixed
// with the file's path when there is one.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "zisk/layout.h"
#include "zisk/rom.h"

namespace ziskc::prover {

struct LoadedProgram {
  zisk::Rom rom;
  std::string name;  // the ELF path, or "<elf bytes>"
};

// elf non-empty: those bytes; else read elf_path.
Result<LoadedProgram> load_program(const std::string& elf_path, std::span<const std::uint8_t> elf,
                                   std::optional<zisk::LayoutKind> layout);

// The bytes the BIOS places at INPUT_ADDR + 8: from `input` if non-empty, else from input_path
// if non-empty, else none.
Result<std::vector<std::uint8_t>> load_input(const zisk::Layout& layout,
                                             const std::string& input_path,
                                             std::span<const std::uint8_t> input,
                                             bool legacy_inputs);

}  // namespace ziskc::prover
