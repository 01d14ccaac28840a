// wiretrace-bench, processes: runs another program (the generator, the evaluator, or itself for one
// measured run) and reports how it ended and its peak memory. POSIX only (posix_spawn + wait4).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace wiretrace::perf {

struct ProcessResult {
  int exit_code = -1;        ///< the program's exit code; 128 + signal when a signal ended it
  std::string out;           ///< its stdout, when captured
  double peak_mb = 0;        ///< ru_maxrss of the child: its own peak resident memory, in MB (10^6)
  double seconds = 0;        ///< wall clock from spawn to exit
  double cpu_seconds = 0;    ///< user + system CPU time of the child
};

/// Runs argv[0] (a path) with the arguments, stdin from /dev/null, stderr inherited. Its stdout is
/// captured when capture_stdout, else inherited. Throws Error when it cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv, bool capture_stdout);

/// The 1-minute load average (/proc/loadavg), or -1 when unknown: how busy the machine was.
double load_average();

/// Cores free for us right now: `threads` threads spin for `seconds`, and the CPU time they got
/// per wall second is returned (near `threads` on an idle machine; less when other processes
/// hold cores, whatever the load average says).
double free_cores(unsigned threads, double seconds = 0.2);

/// MemAvailable of /proc/meminfo in MB (10^6 bytes), or -1 when unknown.
double available_memory_mb();

/// This program's own path (/proc/self/exe), for running itself as a child.
std::string self_path();

/// The first of `candidates` that is an executable file.
std::optional<std::string> first_executable(const std::vector<std::string>& candidates);

/// Where a sibling program (wiretrace-gen, wiretrace-eval) most likely is: the directory of this
/// program, its parent, then `fallback` (the path it was built at) and $PATH.
std::optional<std::string> find_sibling(const std::string& name, const std::string& fallback);

}  // namespace wiretrace::perf
