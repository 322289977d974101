// posix_spawn-based child processes for the SDK build driver (see process.h).
#include "sdk/process.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

extern char** environ;

namespace ziskc::sdk {
namespace {

bool is_executable(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

// Closes a file descriptor on scope exit.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string find_program(const std::string& name) {
  if (name.empty()) return {};
  if (name.find('/') != std::string::npos) return is_executable(name) ? name : std::string();
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    const std::string dir = end > start ? dirs.substr(start, end - start) : std::string(".");
    const std::string candidate = dir + "/" + name;
    if (is_executable(candidate)) return candidate;
    start = end + 1;
  }
  return {};
}

std::string format_command(const std::vector<std::string>& argv) {
  std::string out;
  for (const std::string& a : argv) {
    if (!out.empty()) out += ' ';
    const bool plain = !a.empty() && a.find_first_of(" \t\n'\"\\$`*?;&|<>()") == std::string::npos;
    if (plain) {
      out += a;
    } else {
      out += '\'';
      for (char c : a) {
        if (c == '\'') {
          out += "'\\''";
        } else {
          out += c;
        }
      }
      out += '\'';
    }
  }
  return out;
}

Result<ProcessResult> run_process(const std::vector<std::string>& argv, Stderr stderr_mode) {
  ZISKC_CHECK(!argv.empty(), "run_process: empty argv");
  const std::string exe = find_program(argv[0]);
  if (exe.empty()) return make_error(ErrorCode::kIo, "{}: not found in PATH", argv[0]);

  const bool separate = stderr_mode == Stderr::kSeparate;
  int out_fds[2], err_fds[2] = {-1, -1};
  if (::pipe2(out_fds, O_CLOEXEC) != 0 || (separate && ::pipe2(err_fds, O_CLOEXEC) != 0)) {
    return make_error(ErrorCode::kIo, "pipe: {}", std::strerror(errno));
  }
  Fd out_read{out_fds[0]}, out_write{out_fds[1]}, err_read{err_fds[0]}, err_write{err_fds[1]};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_write.fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, separate ? err_write.fd : out_write.fd, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);

  std::vector<char*> cargv;
  cargv.reserve(argv.size() + 1);
  for (const std::string& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);

  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, exe.c_str(), &actions, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return make_error(ErrorCode::kIo, "{}: cannot start: {}", exe, std::strerror(rc));
  ::close(out_write.fd);
  out_write.fd = -1;
  if (separate) {
    ::close(err_write.fd);
    err_write.fd = -1;
  }

  ProcessResult result;
  struct Stream {
    int fd;
    std::string* sink;
  };
  std::vector<Stream> open_streams{{out_read.fd, &result.output}};
  if (separate) open_streams.push_back({err_read.fd, &result.errors});
  char buf[4096];
  while (!open_streams.empty()) {
    std::vector<pollfd> pfds;
    for (const Stream& s : open_streams) pfds.push_back({s.fd, POLLIN, 0});
    if (::poll(pfds.data(), pfds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (std::size_t i = pfds.size(); i-- > 0;) {
      if (pfds[i].revents == 0) continue;
      const ssize_t n = ::read(pfds[i].fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        open_streams.erase(open_streams.begin() + static_cast<std::ptrdiff_t>(i));
        continue;
      }
      std::string& sink = *open_streams[i].sink;
      const std::size_t take =
          std::min<std::size_t>(kMaxProcessOutput - sink.size(), static_cast<std::size_t>(n));
      sink.append(buf, take);
      if (take < static_cast<std::size_t>(n)) result.truncated = true;
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return make_error(ErrorCode::kIo, "waitpid: {}", std::strerror(errno));
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace ziskc::sdk
