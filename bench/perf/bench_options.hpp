// wiretrace-bench, options: flags are parsed and validated first, then resolved (program paths,
// thread counts, the work directory) into a Config the suite runs from.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "bench_run.hpp"

namespace wiretrace::perf {

struct Config {
  std::vector<std::size_t> sizes;      ///< articles per generated corpus, ascending
  std::vector<unsigned> threads;       ///< thread counts per size, ascending, 1 first
  unsigned cores = 1;                  ///< hardware threads of this machine
  std::uint64_t seed = 1;              ///< wiretrace-gen --seed
  std::string gen;                     ///< resolved path of wiretrace-gen
  std::string eval;                    ///< resolved path of wiretrace-eval
  std::string work_dir;                ///< corpora (cached) and reports
  bool temporary_work_dir = false;     ///< made by us: removed at the end unless keep
  bool keep = false;                   ///< keep reports (and a temporary work dir)
  std::string json_path;               ///< --json FILE, empty: none
  std::string label;                   ///< free text recorded in the JSON (e.g. a git commit)
  unsigned repeat = 1;                 ///< runs per size and thread count; the fastest is kept
  double min_f1 = 0.99;                ///< family pair F1 below this fails the run
  /// Skip a size whose peak memory, projected from the smaller sizes' memory per article, would
  /// exceed this share of the machine's available memory (a shared machine must not run out).
  double memory_guard = 0.8;           ///< 0 = off
};

/// What the command line asked for: either one measured run (internal) or the suite.
struct Command {
  std::optional<OneRunOptions> one;
  Config config;
};

/// Parses argv. Returns std::nullopt after --help (already printed). Throws Error on a bad flag,
/// a value out of range, or a program that cannot be found (exit code 2).
std::optional<Command> parse_command(int argc, char** argv);

}  // namespace wiretrace::perf
