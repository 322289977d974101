// The guest build driver behind `ziskc build` (see build.h).
#include "sdk/build.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "base/bytes.h"
#include "sdk/process.h"
#include "zisk/layout.h"

#ifndef ZISKC_GUEST_COMPILE_FLAGS
#error \
    "ZISKC_GUEST_* flag lists come from guest/cmake/ziskc-guest-flags.cmake (src/sdk/CMakeLists.txt)"
#endif

namespace ziskc::sdk {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kPackages = "gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf";

std::vector<std::string> split_flags(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::optional<SourceKind> kind_of(const fs::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".c") return SourceKind::kC;
  if (ext == ".cc" || ext == ".cpp" || ext == ".cxx") return SourceKind::kCxx;
  if (ext == ".S" || ext == ".s") return SourceKind::kAsm;
  return std::nullopt;
}

// A private directory under the system temporary directory, removed with its contents.
class TempDir {
 public:
  static Result<TempDir> create() {
    std::error_code ec;
    fs::path base = fs::temp_directory_path(ec);
    if (ec) base = "/tmp";
    std::string tmpl = (base / "ziskc-build-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) {
      return make_error(ErrorCode::kIo, "cannot create a temporary directory in {}", base.string());
    }
    return TempDir(tmpl);
  }
  TempDir(TempDir&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
  TempDir& operator=(TempDir&&) = delete;
  ~TempDir() {
    if (path_.empty()) return;
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  explicit TempDir(std::string p) : path_(std::move(p)) {}
  std::string path_;
};

// The directory of the running executable (Linux: /proc/self/exe).
std::string self_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

Result<SdkLayout> sdk_at(const fs::path& root, std::string_view how) {
  SdkLayout sdk{.root = root.string(),
                .include_dir = (root / "include").string(),
                .linker_script = (root / "zisk.ld").string(),
                .lib_dir = (root / "lib").string()};
  for (const fs::path& f :
       {root / "include/ziskc/zisk.h", root / "zisk.ld", root / "lib/libziskc_guest.a"}) {
    std::error_code ec;
    if (!fs::is_regular_file(f, ec)) {
      return make_error(ErrorCode::kIo,
                        "guest SDK ({}) not found: {} is missing (build the ziskc_guest_sdk "
                        "target, or pass --sdk DIR / set ZISKC_SDK_DIR)",
                        how, f.string());
    }
  }
  return sdk;
}

Status run_step(const std::vector<std::string>& argv, std::string_view what, BuildLog* log) {
  log->commands.push_back(format_command(argv));
  ZISKC_ASSIGN_OR_RETURN(ProcessResult r, run_process(argv));
  log->output += r.output;
  if (r.truncated) log->output += "\n[output truncated]\n";
  if (r.exit_code != 0) {
    return make_error(ErrorCode::kBadInput, "build: {} failed (exit {}) {}",
                      fs::path(argv[0]).filename().string(), r.exit_code, what);
  }
  return Status::ok();
}

}  // namespace

std::vector<std::string> guest_compile_flags() { return split_flags(ZISKC_GUEST_COMPILE_FLAGS); }
std::vector<std::string> guest_cxx_flags() { return split_flags(ZISKC_GUEST_CXX_FLAGS); }
std::vector<std::string> guest_link_flags() { return split_flags(ZISKC_GUEST_LINK_FLAGS); }
std::vector<std::string> guest_link_libs() { return split_flags(ZISKC_GUEST_LINK_LIBS); }

Result<std::vector<Source>> collect_sources(const std::string& input) {
  std::error_code ec;
  const fs::path p(input);
  if (input.empty()) return make_error(ErrorCode::kInvalidArgument, "build: no source given");
  if (fs::is_directory(p, ec)) {
    std::vector<Source> out;
    for (const fs::directory_entry& e : fs::directory_iterator(p, ec)) {
      if (!e.is_regular_file(ec)) continue;
      if (auto k = kind_of(e.path())) out.push_back({e.path().string(), *k});
    }
    if (ec) return make_error(ErrorCode::kIo, "build: cannot list {}: {}", input, ec.message());
    if (out.empty()) {
      return make_error(ErrorCode::kInvalidArgument,
                        "build: {}: no .c, .cc, .cpp, .cxx, .S or .s file in this directory",
                        input);
    }
    std::sort(out.begin(), out.end(),
              [](const Source& a, const Source& b) { return a.path < b.path; });
    return out;
  }
  if (!fs::is_regular_file(p, ec)) {
    return make_error(ErrorCode::kInvalidArgument, "build: {}: no such file or directory", input);
  }
  const auto k = kind_of(p);
  if (!k) {
    return make_error(ErrorCode::kInvalidArgument,
                      "build: {}: unknown source type '{}' (expected .c, .cc, .cpp, .cxx, .S, .s)",
                      input, p.extension().string());
  }
  return std::vector<Source>{{input, *k}};
}

Result<SdkLayout> locate_sdk(const std::string& dir) {
  if (!dir.empty()) return sdk_at(fs::path(dir), "--sdk");
  if (const char* env = std::getenv("ZISKC_SDK_DIR"); env != nullptr && *env != '\0') {
    return sdk_at(fs::path(env), "ZISKC_SDK_DIR");
  }
  const std::string exe_dir = self_dir();
  if (exe_dir.empty()) {
    return make_error(ErrorCode::kIo,
                      "guest SDK: cannot find the ziskc executable's directory "
                      "(pass --sdk DIR or set ZISKC_SDK_DIR)");
  }
  return sdk_at(fs::path(exe_dir).parent_path() / "share/ziskc/guest", "next to ziskc");
}

Result<Toolchain> find_toolchain(const std::string& cross_prefix) {
  Toolchain tc{.gcc = find_program(cross_prefix + "gcc"),
               .gxx = find_program(cross_prefix + "g++")};
  if (tc.gcc.empty() || tc.gxx.empty()) {
    return make_error(ErrorCode::kIo,
                      "build: {}gcc/{}g++ not found in PATH: install the Debian packages {} "
                      "(scripts/install-deps.sh does)",
                      cross_prefix, cross_prefix, kPackages);
  }
  // picolibc.h exists only in picolibc's include directory, which its specs file adds.
  ZISKC_ASSIGN_OR_RETURN(ProcessResult r,
                         run_process({tc.gcc, "--specs=picolibc.specs", "-E", "-include",
                                      "picolibc.h", "-x", "c", "/dev/null", "-o", "/dev/null"}));
  if (r.exit_code != 0) {
    return make_error(ErrorCode::kIo,
                      "build: picolibc for {}gcc not found: install the Debian package "
                      "picolibc-riscv64-unknown-elf (scripts/install-deps.sh does)",
                      cross_prefix);
  }
  return tc;
}

Status check_options(const BuildOptions& o) {
  static constexpr std::array<std::string_view, 7> kLevels = {"0", "1", "2", "3", "s", "z", "g"};
  if (std::find(kLevels.begin(), kLevels.end(), o.opt_level) == kLevels.end()) {
    return make_error(ErrorCode::kInvalidArgument,
                      "build: -O{}: expected -O0, -O1, -O2, -O3, -Os, -Oz or -Og", o.opt_level);
  }
  if (o.output.empty()) return make_error(ErrorCode::kInvalidArgument, "build: no output (-o)");
  if (kind_of(fs::path(o.output))) {
    return make_error(ErrorCode::kInvalidArgument,
                      "build: -o {}: refusing to write an ELF over a source file name", o.output);
  }
  std::error_code ec;
  const fs::path out_dir = fs::path(o.output).parent_path();
  if (!out_dir.empty() && !fs::is_directory(out_dir, ec)) {
    return make_error(ErrorCode::kIo, "build: -o {}: no directory {}", o.output, out_dir.string());
  }
  if (fs::is_directory(fs::path(o.output), ec)) {
    return make_error(ErrorCode::kInvalidArgument, "build: -o {}: is a directory", o.output);
  }
  for (const std::string& f : o.extra_flags) {
    if (f.empty() || f[0] == '-') continue;
    if (kind_of(fs::path(f))) {
      return make_error(ErrorCode::kInvalidArgument,
                        "build: '{}' among the gcc flags: ziskc build takes one source file or "
                        "one directory of sources",
                        f);
    }
  }
  return Status::ok();
}

BuildPlan plan_build(const BuildOptions& o, const std::vector<Source>& sources,
                     const SdkLayout& sdk, const Toolchain& tc, const std::string& obj_dir,
                     const std::string& link_output) {
  BuildPlan plan;
  const fs::path in(o.input);
  std::error_code ec;
  const bool input_is_dir = fs::is_directory(in, ec);
  std::vector<std::string> objects;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const Source& s = sources[i];
    const std::string obj =
        (fs::path(obj_dir) / (std::to_string(i) + "_" + fs::path(s.path).stem().string() + ".o"))
            .string();
    std::vector<std::string> cmd{s.kind == SourceKind::kCxx ? tc.gxx : tc.gcc};
    for (std::string& f : guest_compile_flags()) cmd.push_back(std::move(f));
    if (s.kind == SourceKind::kCxx) {
      for (std::string& f : guest_cxx_flags()) cmd.push_back(std::move(f));
    }
    cmd.push_back("-O" + o.opt_level);
    cmd.push_back("-isystem");
    cmd.push_back(sdk.include_dir);
    if (input_is_dir) cmd.push_back("-I" + in.string());
    for (const std::string& d : o.include_dirs) cmd.push_back("-I" + d);
    cmd.insert(cmd.end(), o.extra_flags.begin(), o.extra_flags.end());
    cmd.insert(cmd.end(), {"-c", s.path, "-o", obj});
    plan.compiles.push_back(std::move(cmd));
    objects.push_back(obj);
  }
  // Linked by gcc even for C++: g++ would add -lstdc++, which the cross toolchain lacks.
  std::vector<std::string>& link = plan.link;
  link.push_back(tc.gcc);
  for (std::string& f : guest_link_flags()) link.push_back(std::move(f));
  link.insert(link.end(), {"-T", sdk.linker_script, "-L" + sdk.lib_dir});
  link.insert(link.end(), objects.begin(), objects.end());
  link.insert(link.end(), o.extra_flags.begin(), o.extra_flags.end());
  for (std::string& f : guest_link_libs()) link.push_back(std::move(f));
  link.insert(link.end(), {"-o", link_output});
  plan.link_output = link_output;
  return plan;
}

Status build(const BuildOptions& options, BuildLog* log) {
  BuildLog local;
  if (log == nullptr) log = &local;
  ZISKC_RETURN_IF_ERROR(check_options(options));
  ZISKC_ASSIGN_OR_RETURN(std::vector<Source> sources, collect_sources(options.input));
  ZISKC_ASSIGN_OR_RETURN(SdkLayout sdk, locate_sdk(options.sdk_dir));
  ZISKC_ASSIGN_OR_RETURN(Toolchain tc, find_toolchain(options.cross_prefix));
  ZISKC_ASSIGN_OR_RETURN(TempDir tmp, TempDir::create());

  // Linked next to the output (same file system, so the final rename is atomic).
  const std::string staged = options.output + ".tmp." + std::to_string(::getpid());
  struct RemoveOnExit {
    const std::string& path;
    ~RemoveOnExit() {
      std::error_code ec;
      fs::remove(path, ec);
    }
  } remove_staged{staged};

  const BuildPlan plan = plan_build(options, sources, sdk, tc, tmp.path(), staged);
  for (std::size_t i = 0; i < plan.compiles.size(); ++i) {
    ZISKC_RETURN_IF_ERROR(run_step(plan.compiles[i], "compiling " + sources[i].path, log));
  }
  ZISKC_RETURN_IF_ERROR(run_step(plan.link, "linking " + options.output, log));

  ZISKC_ASSIGN_OR_RETURN(std::vector<std::uint8_t> elf, base::read_file(staged));
  Result<zisk::Program> program = zisk::parse_program(elf, zisk::LayoutKind::kZisk);
  if (!program) {
    return Status(ErrorCode::kBadElf, fmt::format("build: {} does not load in layout zisk: {}",
                                                  options.output, program.status().message()));
  }
  std::error_code ec;
  fs::rename(staged, options.output, ec);
  if (ec) {
    return make_error(ErrorCode::kIo, "build: cannot write {}: {}", options.output, ec.message());
  }
  return Status::ok();
}

}  // namespace ziskc::sdk
