#include "bench_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <ctime>
#include <cstdio>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>
#include <vector>

#include "wiretrace/error.hpp"

extern char** environ;

namespace wiretrace::perf {

namespace fs = std::filesystem;

ProcessResult run_process(const std::vector<std::string>& argv, bool capture_stdout) {
  if (argv.empty()) throw Error("run_process: no program");
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  int pipe_fds[2] = {-1, -1};
  if (capture_stdout && pipe(pipe_fds) != 0)
    throw Error(std::string("cannot create a pipe: ") + std::strerror(errno));

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  if (capture_stdout) {
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
  }
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (capture_stdout) close(pipe_fds[1]);
  if (rc != 0) {
    if (capture_stdout) close(pipe_fds[0]);
    throw Error("cannot run " + argv[0] + ": " + std::strerror(rc));
  }

  ProcessResult result;
  if (capture_stdout) {
    char buffer[1 << 16];
    for (;;) {
      const ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
      if (n > 0) {
        result.out.append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        break;
      }
    }
    close(pipe_fds[0]);
  }
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) throw Error(std::string("wait4: ") + std::strerror(errno));
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.peak_mb = static_cast<double>(usage.ru_maxrss) * 1024.0 / 1e6;  // Linux: KiB
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  result.cpu_seconds = secs(usage.ru_utime) + secs(usage.ru_stime);
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = 128 + WTERMSIG(status);
  }
  return result;
}

double load_average() {
  double load = -1;
  if (FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf", &load) != 1) load = -1;
    std::fclose(f);
  }
  return load;
}

double free_cores(unsigned threads, double seconds) {
  using clock = std::chrono::steady_clock;
  std::vector<double> cpu(threads, 0.0);
  std::vector<std::thread> spinners;
  const auto start = clock::now();
  const auto stop = start + std::chrono::duration<double>(seconds);
  for (unsigned t = 0; t < threads; ++t)
    spinners.emplace_back([&cpu, t, stop] {
      volatile std::uint64_t x = 0;
      while (clock::now() < stop)
        for (int i = 0; i < 1000; ++i) x = x + 1;
      timespec ts{};
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
      cpu[t] = static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
    });
  for (auto& s : spinners) s.join();
  const double wall = std::chrono::duration<double>(clock::now() - start).count();
  double total = 0;
  for (double c : cpu) total += c;
  return wall > 0 ? total / wall : 0;
}

double available_memory_mb() {
  double mb = -1;
  if (FILE* f = std::fopen("/proc/meminfo", "r")) {
    char line[256];
    while (std::fgets(line, sizeof line, f)) {
      unsigned long long kib = 0;
      if (std::sscanf(line, "MemAvailable: %llu kB", &kib) == 1) {
        mb = static_cast<double>(kib) * 1024.0 / 1e6;
        break;
      }
    }
    std::fclose(f);
  }
  return mb;
}

std::string self_path() {
  std::error_code ec;
  const auto path = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw Error("cannot find this program's path (/proc/self/exe): " + ec.message());
  return path.string();
}

std::optional<std::string> first_executable(const std::vector<std::string>& candidates) {
  for (const auto& c : candidates) {
    if (c.empty()) continue;
    struct stat st{};
    if (stat(c.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(c.c_str(), X_OK) == 0)
      return fs::absolute(c).lexically_normal().string();
  }
  return std::nullopt;
}

std::optional<std::string> find_sibling(const std::string& name, const std::string& fallback) {
  std::vector<std::string> candidates;
  try {
    const fs::path self = fs::path(self_path()).parent_path();
    candidates.push_back((self / name).string());
    candidates.push_back((self.parent_path() / name).string());
    candidates.push_back((self.parent_path() / "bench" / name).string());
  } catch (const Error&) {
  }
  candidates.push_back(fallback);
  if (const char* path = std::getenv("PATH")) {
    std::string dirs = path;
    std::size_t start = 0;
    while (start <= dirs.size()) {
      const std::size_t end = std::min(dirs.find(':', start), dirs.size());
      if (end > start) candidates.push_back(dirs.substr(start, end - start) + "/" + name);
      start = end + 1;
    }
  }
  return first_executable(candidates);
}

}  // namespace wiretrace::perf
