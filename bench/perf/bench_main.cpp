// wiretrace-bench: parses flags, runs the suite (or, with --one, a single measured run as the
// suite's child process), prints. Glue only.
// Exit codes: 0 every check passed; 1 a check failed (F1, identical reports, a run failed) or
// an I/O error; 2 bad flags or a program that cannot be found.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "bench_options.hpp"
#include "bench_run.hpp"
#include "bench_suite.hpp"
#include "bench_table.hpp"
#include "wiretrace/error.hpp"

namespace {

/// Every table line goes through here (stdout, flushed so that a long run shows its rows).
void print(const std::string& line) {
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fflush(stdout);
}
/// Status and error messages (stderr).
void log_line(const std::string& line) { std::fprintf(stderr, "wiretrace-bench: %s\n", line.c_str()); }

}  // namespace

int main(int argc, char** argv) {
  using namespace wiretrace::perf;
  std::optional<Command> command;
  try {
    command = parse_command(argc, argv);
  } catch (const wiretrace::Error& e) {
    log_line(e.what());
    return 2;
  }
  if (!command) return 0;

  if (command->one) {
    try {
      run_one(*command->one);
      return 0;
    } catch (const std::exception& e) {
      log_line(e.what());
      return 1;
    }
  }

  const Config& config = command->config;
  int code = 0;
  try {
    print_header(config, print);
    SuiteObserver observer;
    observer.run_done = [](const SizeRecord&, const RunRecord& run) { print_run_row(run, print); };
    observer.size_done = [](const SizeRecord& size) { print_size_notes(size, print); };
    const SuiteResult suite = run_suite(config, observer, log_line);
    print_summary(config, suite, print);
    if (!config.json_path.empty()) {
      std::ofstream out(config.json_path, std::ios::binary | std::ios::trunc);
      out << suite_json(config, suite).dump(2) << "\n";
      if (!out.flush()) throw wiretrace::Error("cannot write " + config.json_path);
      log_line("wrote " + config.json_path);
    }
    code = suite.passed ? 0 : 1;
  } catch (const std::exception& e) {
    log_line(e.what());
    code = 1;
  }
  if (config.temporary_work_dir && !config.keep) {
    std::error_code ec;
    std::filesystem::remove_all(config.work_dir, ec);
  } else if (config.temporary_work_dir) {
    log_line("kept " + config.work_dir);
  }
  return code;
}
