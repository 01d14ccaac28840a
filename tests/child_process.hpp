// A program run as a child process, for tests that talk to it while it runs (a feed written one
// line at a time, a progress line on a terminal, a kill at a chosen moment). Waits take upper
// bounds, never measurements: no test may depend on machine speed.
#pragma once
#include <doctest/doctest.h>

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wiretrace::test {

/// Replaces this (forked) process with args[0] run with `args`; exits 127 when it cannot.
[[noreturn]] inline void exec_program(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execv(argv[0], argv.data());
  _exit(127);
}

/// The child's stdin is a pipe (write_line, close_input); one of its outputs is captured: stdout
/// on a pipe, or stderr on a pseudo-terminal (so it believes it draws on a screen). The other
/// output goes to `other_output` (a file, or /dev/null). SIGKILLed when the object goes away.
class ChildProcess {
 public:
  enum class Capture { stdout_pipe, stderr_terminal };

  ChildProcess(const std::vector<std::string>& args, Capture capture,
               const std::filesystem::path& other_output = "/dev/null",
               const std::vector<std::pair<std::string, std::string>>& environment = {}) {
    int in[2], out[2] = {-1, -1};
    REQUIRE(pipe(in) == 0);
    int terminal = -1;
    if (capture == Capture::stdout_pipe) {
      REQUIRE(pipe(out) == 0);
    } else {
      REQUIRE(openpty(&out[0], &terminal, nullptr, nullptr, nullptr) == 0);
    }
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      const int other = open(other_output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(in[0], STDIN_FILENO);
      if (capture == Capture::stdout_pipe) {
        dup2(out[1], STDOUT_FILENO);
        dup2(other, STDERR_FILENO);
      } else {
        dup2(other, STDOUT_FILENO);
        dup2(terminal, STDERR_FILENO);
      }
      for (int fd : {in[0], in[1], out[0], out[1], terminal, other})
        if (fd > STDERR_FILENO) close(fd);
      for (const auto& [name, value] : environment) setenv(name.c_str(), value.c_str(), 1);
      exec_program(args);
    }
    close(in[0]);
    close(capture == Capture::stdout_pipe ? out[1] : terminal);
    to_child_ = in[1];
    from_child_ = out[0];
  }
  ~ChildProcess() {
    if (to_child_ >= 0) close(to_child_);
    close(from_child_);
    kill_now();
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  void write_line(const std::string& line) {
    const std::string bytes = line + "\n";
    REQUIRE(::write(to_child_, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
  }
  void close_input() {
    if (to_child_ >= 0) close(to_child_);
    to_child_ = -1;
  }

  /// Reads what the child writes into the buffer until done(buffer) holds (true), the output
  /// ends, or `timeout_ms` pass (false).
  bool read_until(const std::function<bool(const std::string&)>& done, int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!done(buffer_)) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now()).count();
      if (left <= 0) return false;
      pollfd p{from_child_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
      char chunk[4096];
      const ssize_t n = ::read(from_child_, chunk, sizeof chunk);
      if (n <= 0) return false;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
    return true;
  }
  /// The next whole line the child writes (taken from the buffer), or nothing within the time.
  std::optional<std::string> read_line(int timeout_ms) {
    if (!read_until([](const std::string& b) { return b.find('\n') != std::string::npos; }, timeout_ms))
      return std::nullopt;
    const auto end = buffer_.find('\n');
    std::string line = buffer_.substr(0, end);
    buffer_.erase(0, end + 1);
    return line;
  }
  /// Whether the captured output shows `text` within the time (the buffer keeps it).
  bool wait_for(const std::string& text, int timeout_ms) {
    return read_until([&](const std::string& b) { return b.find(text) != std::string::npos; }, timeout_ms);
  }
  /// What was read and not taken by read_line.
  const std::string& captured() const { return buffer_; }

  /// Closes the child's stdin and returns its exit code (-1 if it does not exit in 30 s).
  int finish() {
    close_input();
    for (int i = 0; i < 3000; ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      usleep(10000);
    }
    return -1;
  }
  /// SIGKILL now (nothing when it has exited), and reap it.
  void kill_now() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  /// After finish() or kill_now(): the buffer and whatever else the child wrote.
  std::string rest() {
    char chunk[4096];
    for (ssize_t n; (n = ::read(from_child_, chunk, sizeof chunk)) > 0;) buffer_.append(chunk, static_cast<std::size_t>(n));
    return std::exchange(buffer_, {});
  }

 private:
  pid_t pid_ = -1;
  int to_child_ = -1, from_child_ = -1;
  std::string buffer_;
};

}  // namespace wiretrace::test
