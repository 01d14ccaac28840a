// wiretrace-bench, the suite: per size, a generated corpus (cached), one child run per thread
// count, the reports scored by wiretrace-eval and compared across thread counts. Plain records
// out; bench_table.hpp prints them.
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bench_options.hpp"
#include "bench_run.hpp"

namespace wiretrace::perf {

/// Config::repeat applies up to this many articles; bigger corpora run once (a run of a minute
/// averages the noise out, and repeating it costs minutes).
inline constexpr std::size_t repeat_max_articles = 100000;

struct RunRecord {
  std::size_t size = 0;     ///< articles asked of the generator
  unsigned threads = 0;
  bool ran = false;         ///< the child finished and its measurements were read
  unsigned attempts = 0;    ///< runs made (--repeat); the fastest total is the one kept
  std::string error;        ///< why not, or why a check failed
  RunMeasure measure;
  double peak_mb = 0;       ///< the child's ru_maxrss, MB (10^6 bytes)
  /// CPU seconds / wall seconds of the kept run's process: near `threads` when it had the cores to
  /// itself, lower when other work (or serial stages) held them.
  double cpu_per_wall = 0;
  double load_before = -1;
  /// free_cores(threads) measured just before the kept run: below `threads`, other processes
  /// held cores and the run's timings measure them as much as wiretrace.
  double free_cores_before = 0;  ///< 1-minute load average just before the run (other work on the cores)
  std::optional<double> family_f1, family_precision, family_recall;
  std::optional<double> reused_f1;  ///< wiretrace-eval passages, when it exists
  std::string reused_note;          ///< why reused_f1 is missing
  std::optional<double> originals_accuracy;     ///< wiretrace-eval passages: originals named right
  std::optional<std::size_t> tiling_violations; ///< documents whose passages do not tile them
  bool passed = false;      ///< ran, family F1 >= min_f1, and passages tile every document
};

struct SizeRecord {
  std::size_t size = 0;
  std::string corpus, truth;
  double generate_seconds = 0;  ///< 0 when cached
  bool cached = false;
  /// Not run: its projected peak memory exceeded the guard (the reason, with the figures).
  std::string skipped;
  std::vector<RunRecord> runs;  ///< one per thread count, ascending
  /// Every successful run's report equals the first one's, byte for byte (timings off).
  std::optional<bool> reports_identical;
  std::string identical_note;
  /// (tokenize + sketch seconds at 1 thread) / (the same at t threads), for t > 1.
  std::map<unsigned, double> sketch_speedup;
};

struct SuiteResult {
  std::vector<SizeRecord> sizes;
  bool passed = true;
  std::vector<std::string> failures;  ///< one line per failed check
};

/// Called after each run and after each size, so that tables can be printed as results come.
struct SuiteObserver {
  std::function<void(const SizeRecord&, const RunRecord&)> run_done;
  std::function<void(const SizeRecord&)> size_done;
};

/// Status lines ("generating ...") go through this; the caller sends them to stderr.
using Logger = std::function<void(const std::string&)>;

SuiteResult run_suite(const Config& config, const SuiteObserver& observer, const Logger& log);

}  // namespace wiretrace::perf
