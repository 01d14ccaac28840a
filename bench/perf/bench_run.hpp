// wiretrace-bench, one measured run: corpus -> read_inputs -> cluster_documents -> JSON report,
// timing each stage. It runs inside a child process (`wiretrace-bench --one`), so that the peak
// memory the parent reads from wait4 belongs to this run alone.
#pragma once
#include <array>
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace wiretrace::perf {

/// The timed stages, in pipeline order: read and report are timed here, the others come from
/// ClusterResult::seconds.
inline constexpr std::array<const char*, 9> stage_names = {
    "read", "tokenize", "boilerplate", "sketch", "candidates", "verify", "cluster", "align", "report"};
inline constexpr std::size_t stage_count = stage_names.size();
inline constexpr std::size_t stage_tokenize = 1;  ///< normalize + tokenize + shingle
inline constexpr std::size_t stage_sketch = 3;    ///< shingle sets + MinHash

struct OneRunOptions {
  std::string corpus;       ///< JSON Lines from wiretrace-gen
  std::string report;       ///< where the JSON report goes (timings off: comparable byte for byte)
  std::string result;       ///< where this run's measurements go (JSON)
  unsigned threads = 1;
};

/// What one run measured; the parent adds the peak memory and the scores.
struct RunMeasure {
  unsigned threads = 0;
  std::size_t documents = 0;
  std::size_t rejected = 0;
  std::size_t bytes = 0;  ///< article text bytes read (the corpus's MB)
  std::array<double, stage_count> seconds{};
  double pipeline_total = 0;  ///< cluster_documents' own total (its stages only)
  double wall = 0;            ///< read + cluster_documents (measured around the call) + report
  std::size_t families = 0;
  std::size_t candidate_pairs = 0;
  std::size_t accepted_pairs = 0;
  std::size_t report_bytes = 0;
};

nlohmann::ordered_json to_json(const RunMeasure& m);
RunMeasure run_measure_from_json(const nlohmann::json& j);

/// Runs the pipeline once in this process, under a TBB limit of `threads`, and writes the
/// measurements to options.result. Throws Error (or std::exception) on failure.
void run_one(const OneRunOptions& options);

}  // namespace wiretrace::perf
