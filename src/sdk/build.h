// `ziskc build` as a library call: compiles a C/C++/assembly guest with Debian's
// riscv64-unknown-elf-gcc, picolibc and the ziskc guest SDK (runtime, linker script) into an
// ELF for ZisK's layout `zisk`, then checks that the ELF loads in that layout.
//
// Invariants: the output file is written atomically (linked to a temporary name next to it,
// validated, then renamed), so a failed build never leaves a partial or invalid ELF behind;
// objects go to a private temporary directory that is always removed; every compiler run is
// an argument vector (no shell). The flags are the SDK's single list
// (guest/cmake/ziskc-guest-flags.cmake), shared with the CMake toolchain file.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace ziskc::sdk {

struct BuildOptions {
  // A source file (.c, .cc/.cpp/.cxx, .S/.s) or a directory: every such file directly in it
  // (not in subdirectories), in name order; the directory is also an include directory.
  std::string input{};
  std::string output{};                     // the ELF to write
  std::string opt_level = "2";              // -O<opt_level>: 0, 1, 2, 3, s, z or g
  std::vector<std::string> include_dirs{};  // -I, in order, after the SDK's include directory
  std::vector<std::string> extra_flags{};   // given to every compile and to the link, last
  std::string sdk_dir{};                    // empty: $ZISKC_SDK_DIR, else next to the binary
  std::string cross_prefix = "riscv64-unknown-elf-";  // the toolchain is <prefix>gcc, g++
};

enum class SourceKind { kC, kCxx, kAsm };

struct Source {
  std::string path;
  SourceKind kind;
};

// Where an SDK's files are. locate_sdk checks that each of them exists.
struct SdkLayout {
  std::string root;
  std::string include_dir;    // <root>/include (ziskc/zisk.h)
  std::string linker_script;  // <root>/zisk.ld
  std::string lib_dir;        // <root>/lib (libziskc_guest.a)
};

struct Toolchain {
  std::string gcc;  // full paths
  std::string gxx;
};

// What one build runs, in order: one compile per source, then the link into `link_output`.
struct BuildPlan {
  std::vector<std::vector<std::string>> compiles;
  std::vector<std::string> link;
  std::string link_output;
};

// What a build ran and what the tools printed (diagnostics), filled even when it fails.
struct BuildLog {
  std::vector<std::string> commands;  // format_command() of each run, in order
  std::string output;                 // the tools' stdout + stderr
};

// The guest sources named by `input` (a file or a directory). kInvalidArgument for an unknown
// extension, a directory with no sources, or a missing path.
Result<std::vector<Source>> collect_sources(const std::string& input);
// The SDK in `dir` if given, else in $ZISKC_SDK_DIR, else in <directory of this executable>/
// ../share/ziskc/guest (the build tree and the install prefix look the same). kIo naming the
// missing file otherwise.
Result<SdkLayout> locate_sdk(const std::string& dir);
// <prefix>gcc and <prefix>g++ in PATH, and picolibc for them. kIo naming the Debian package
// to install otherwise.
Result<Toolchain> find_toolchain(const std::string& cross_prefix);
// The commands of a build (pure: runs nothing). Objects are named <obj_dir>/<i>_<stem>.o.
BuildPlan plan_build(const BuildOptions& options, const std::vector<Source>& sources,
                     const SdkLayout& sdk, const Toolchain& toolchain, const std::string& obj_dir,
                     const std::string& link_output);
// Checks a validated-option precondition: opt_level, output, extra flags (no source files
// among them). kInvalidArgument naming the bad value.
Status check_options(const BuildOptions& options);

// Builds options.output. Errors: kInvalidArgument (options, sources), kIo (SDK, toolchain,
// files), kBadInput (the compiler or linker rejected the program: the message names the step
// and the file, `log->output` has the diagnostics), kBadElf (the ELF does not load in layout
// zisk, e.g. it outgrew the ROM).
Status build(const BuildOptions& options, BuildLog* log = nullptr);

// The SDK's flag lists (from guest/cmake/ziskc-guest-flags.cmake).
std::vector<std::string> guest_compile_flags();
std::vector<std::string> guest_cxx_flags();
std::vector<std::string> guest_link_flags();
std::vector<std::string> guest_link_libs();

}  // namespace ziskc::sdk
