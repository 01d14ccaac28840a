#include "bench_run.hpp"

#include <chrono>
#include <fstream>

#include <tbb/global_control.h>

#include "wiretrace/error.hpp"
#include "wiretrace/ingest.hpp"
#include "wiretrace/pipeline.hpp"
#include "wiretrace/report.hpp"

namespace wiretrace::perf {

namespace {

class Stopwatch {
 public:
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return s;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace

nlohmann::ordered_json to_json(const RunMeasure& m) {
  nlohmann::ordered_json seconds = nlohmann::ordered_json::object();
  for (std::size_t s = 0; s < stage_count; ++s) seconds[stage_names[s]] = m.seconds[s];
  return {{"threads", m.threads},
          {"documents", m.documents},
          {"rejected", m.rejected},
          {"bytes", m.bytes},
          {"seconds", seconds},
          {"pipeline_total", m.pipeline_total},
          {"wall", m.wall},
          {"families", m.families},
          {"candidate_pairs", m.candidate_pairs},
          {"accepted_pairs", m.accepted_pairs},
          {"report_bytes", m.report_bytes}};
}

RunMeasure run_measure_from_json(const nlohmann::json& j) {
  RunMeasure m;
  m.threads = j.at("threads").get<unsigned>();
  m.documents = j.at("documents").get<std::size_t>();
  m.rejected = j.at("rejected").get<std::size_t>();
  m.bytes = j.at("bytes").get<std::size_t>();
  for (std::size_t s = 0; s < stage_count; ++s)
    m.seconds[s] = j.at("seconds").at(stage_names[s]).get<double>();
  m.pipeline_total = j.at("pipeline_total").get<double>();
  m.wall = j.at("wall").get<double>();
  m.families = j.at("families").get<std::size_t>();
  m.candidate_pairs = j.at("candidate_pairs").get<std::size_t>();
  m.accepted_pairs = j.at("accepted_pairs").get<std::size_t>();
  m.report_bytes = j.at("report_bytes").get<std::size_t>();
  return m;
}

void run_one(const OneRunOptions& options) {
  if (options.threads == 0) throw Error("--threads must be at least 1");
  // The whole process, ingest included, gets the thread count under test; the pipeline also
  // gets it through params.threads (its own task arena).
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, options.threads);

  RunMeasure m;
  m.threads = options.threads;
  Stopwatch clock;
  IngestResult input = read_inputs({options.corpus});
  m.seconds[0] = clock.lap();
  m.documents = input.documents.size();
  m.rejected = input.rejected.size();
  for (const auto& d : input.documents) m.bytes += d.text.size();

  Params params;
  params.threads = options.threads;
  ClusterResult result = cluster_documents(std::move(input.documents), params);
  const double cluster_wall = clock.lap();
  result.seconds.read = m.seconds[0];
  result.rejected = std::move(input.rejected);
  result.warnings = std::move(input.warnings);
  const StageTimes& t = result.seconds;
  m.seconds[1] = t.tokenize;
  m.seconds[2] = t.boilerplate;
  m.seconds[3] = t.sketch;
  m.seconds[4] = t.candidates;
  m.seconds[5] = t.verify;
  m.seconds[6] = t.cluster;
  m.seconds[7] = t.align;
  m.pipeline_total = t.total;

  clock.lap();
  {
    std::ofstream out(options.report, std::ios::binary | std::ios::trunc);
    if (!out) throw Error("cannot write " + options.report);
    ReportOptions report_options;
    report_options.timings = false;  // so that the 1-thread and N-thread reports compare
    write_json_report(out, result, report_options);
    out.flush();
    if (!out) throw Error("error writing " + options.report);
    m.report_bytes = static_cast<std::size_t>(out.tellp());
  }
  m.seconds[8] = clock.lap();
  m.wall = m.seconds[0] + cluster_wall + m.seconds[8];
  m.families = result.families.size();
  m.candidate_pairs = result.candidate_stats.total_pairs;
  m.accepted_pairs = result.accepted_pairs;

  std::ofstream out(options.result, std::ios::binary | std::ios::trunc);
  out << to_json(m).dump(2) << "\n";
  if (!out.flush()) throw Error("cannot write " + options.result);
}

}  // namespace wiretrace::perf
