#include "bench_suite.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "bench_process.hpp"
#include "bench_text.hpp"
#include "wiretrace/error.hpp"

namespace wiretrace::perf {

namespace fs = std::filesystem;

namespace {

/// Removes a file if it is there; a file that cannot be removed is left (it is ours, in the work
/// folder, and harmless).
void remove_quietly(const std::string& path) {
  std::error_code ec;
  fs::remove(path, ec);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// FNV-1a of a file: identifies the generator build a cached corpus came from.
std::string file_fingerprint(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read " + path);
  std::uint64_t h = 1469598103934665603ULL;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
      h ^= static_cast<unsigned char>(buffer[i]);
      h *= 1099511628211ULL;
    }
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

bool same_bytes(const std::string& a, const std::string& b) {
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  if (!fa || !fb) throw Error("cannot read " + (fa ? b : a));
  std::vector<char> ba(1 << 20), bb(1 << 20);
  for (;;) {
    fa.read(ba.data(), static_cast<std::streamsize>(ba.size()));
    fb.read(bb.data(), static_cast<std::streamsize>(bb.size()));
    if (fa.gcount() != fb.gcount()) return false;
    if (!std::equal(ba.begin(), ba.begin() + fa.gcount(), bb.begin())) return false;
    if (fa.gcount() == 0) return true;
  }
}

/// The corpus of `size` articles, generated unless a complete one made by this same generator
/// binary is already in the work folder.
void ensure_corpus(const Config& config, SizeRecord& record, const Logger& log) {
  const std::string base = config.work_dir + "/corpus-" + std::to_string(record.size) + "-seed" +
                           std::to_string(config.seed);
  record.corpus = base + ".jsonl";
  record.truth = base + ".truth.jsonl";
  const std::string stamp_path = base + ".stamp";
  const std::string stamp = "wiretrace-gen " + file_fingerprint(config.gen) + "\n";
  if (fs::exists(record.corpus) && fs::exists(record.truth) && fs::exists(stamp_path) &&
      read_file(stamp_path) == stamp) {
    record.cached = true;
    log("corpus of " + std::to_string(record.size) + " articles: reusing " + record.corpus);
    return;
  }
  log("corpus of " + std::to_string(record.size) + " articles: generating " + record.corpus);
  remove_quietly(stamp_path);
  const auto p = run_process({config.gen, "--articles", std::to_string(record.size), "--seed",
                              std::to_string(config.seed), "-o", record.corpus + ".tmp",
                              "--truth", record.truth + ".tmp"},
                             false);
  if (p.exit_code != 0)
    throw Error("wiretrace-gen failed (exit code " + std::to_string(p.exit_code) + ")");
  fs::rename(record.truth + ".tmp", record.truth);
  fs::rename(record.corpus + ".tmp", record.corpus);
  std::ofstream(stamp_path, std::ios::binary) << stamp;  // last: marks the pair complete
  record.generate_seconds = p.seconds;
}

/// The first "f1" describing reused bytes in wiretrace-eval passages output, whatever its exact
/// shape turns out to be: {"reused": {"f1"}}, {"reused_bytes": {"f1"}}, or a top-level "f1".
std::optional<double> find_reused_f1(const nlohmann::json& j) {
  if (!j.is_object()) return std::nullopt;
  for (const char* key : {"reused_bytes", "reused", "bytes"}) {
    const auto it = j.find(key);
    if (it != j.end() && it->is_object()) {
      const auto f1 = it->find("f1");
      if (f1 != it->end() && f1->is_number()) return f1->get<double>();
    }
  }
  const auto f1 = j.find("f1");
  if (f1 != j.end() && f1->is_number()) return f1->get<double>();
  return std::nullopt;
}

/// wiretrace-eval lists a `passages` subcommand in its --help. (Asking `passages --help` does
/// not tell: CLI11 answers the top-level help with exit code 0 for an unknown subcommand.)
bool eval_has_passages(const Config& config) {
  try {
    const auto help = run_process({config.eval, "--help"}, true);
    if (help.exit_code != 0) return false;
    std::size_t at = 0;
    while ((at = help.out.find("passages", at)) != std::string::npos) {
      const std::size_t line = help.out.rfind('\n', at);
      const std::size_t start = line == std::string::npos ? 0 : line + 1;
      if (help.out.find_first_not_of(' ', start) == at) return true;  // "  passages  ..."
      at += 8;
    }
    return false;
  } catch (const Error&) {
    return false;
  }
}

std::string attempt_report_of(const std::string& report) { return report + ".attempt"; }

void score(const Config& config, const SizeRecord& size, RunRecord& run, const std::string& report,
           bool passages) {
  const auto fam = run_process(
      {config.eval, "families", "--truth", size.truth, "--report", report, "--json"}, true);
  if (fam.exit_code != 0) {
    run.error = "wiretrace-eval families failed (exit code " + std::to_string(fam.exit_code) + ")";
    return;
  }
  try {
    const nlohmann::json j = nlohmann::json::parse(fam.out);
    run.family_f1 = j.at("f1").get<double>();
    run.family_precision = j.at("precision").get<double>();
    run.family_recall = j.at("recall").get<double>();
  } catch (const std::exception& e) {
    run.error = std::string("cannot read wiretrace-eval families output: ") + e.what();
    return;
  }
  if (!passages) {
    run.reused_note = "wiretrace-eval has no passages command yet";
    return;
  }
  const auto pas = run_process(
      {config.eval, "passages", "--truth", size.truth, "--report", report, "--json"}, true);
  // Exit code 1 still prints the scores: it means some document's passages do not tile it.
  if (pas.exit_code > 1 || pas.out.empty()) {
    run.reused_note = "wiretrace-eval passages failed (exit code " + std::to_string(pas.exit_code) + ")";
    return;
  }
  try {
    const nlohmann::json j = nlohmann::json::parse(pas.out);
    run.reused_f1 = find_reused_f1(j);
    if (!run.reused_f1) run.reused_note = "wiretrace-eval passages printed no f1";
    if (const auto o = j.find("originals"); o != j.end() && o->contains("accuracy"))
      run.originals_accuracy = o->at("accuracy").get<double>();
    if (const auto t = j.find("tiling"); t != j.end() && t->contains("violating_documents"))
      run.tiling_violations = t->at("violating_documents").get<std::size_t>();
  } catch (const std::exception& e) {
    run.reused_note = std::string("cannot read wiretrace-eval passages output: ") + e.what();
  }
  if (pas.exit_code == 1 && !run.tiling_violations) run.tiling_violations = 1;
}

/// Runs one size at one thread count (best of `repeat`) in child processes and scores the kept
/// report. The report stays at `report` for the comparison across thread counts.
RunRecord measure(const Config& config, const SizeRecord& size, unsigned threads,
                  const std::string& self, bool passages, const std::string& report) {
  RunRecord run;
  run.size = size.size;
  run.threads = threads;
  const std::string result = report + ".measure";
  const std::string attempt_report = attempt_report_of(report);
  try {
    // Best of `repeat`: the attempt with the shortest total is kept, with its report.
    const unsigned repeat = size.size <= repeat_max_articles ? config.repeat : 1;
    for (unsigned attempt = 0; attempt < repeat; ++attempt) {
      remove_quietly(result);
      const double load = load_average();
      const double free = free_cores(threads);
      const auto child = run_process({self, "--one", "--corpus", size.corpus, "--threads",
                                      std::to_string(threads), "--report", attempt_report,
                                      "--result", result},
                                     false);
      if (child.exit_code != 0) {
        run.ran = false;
        run.peak_mb = child.peak_mb;
        run.error = "the run failed (exit code " + std::to_string(child.exit_code) +
                    (child.exit_code == 128 + 9 ? ": killed, out of memory?)" : ")");
        break;
      }
      const RunMeasure m = run_measure_from_json(nlohmann::json::parse(read_file(result)));
      ++run.attempts;
      if (!run.ran || m.wall < run.measure.wall) {
        run.measure = m;
        run.peak_mb = child.peak_mb;
        run.cpu_per_wall = child.seconds > 0 ? child.cpu_seconds / child.seconds : 0;
        run.load_before = load;
        run.free_cores_before = free;
        run.ran = true;
        fs::rename(attempt_report, report);
      }
    }
    if (run.ran) score(config, size, run, report, passages);
  } catch (const std::exception& e) {
    run.ran = false;
    run.error = e.what();
  }
  remove_quietly(attempt_report);
  remove_quietly(result);

  // The answer is checked before the speed means anything.
  if (run.ran && run.error.empty()) {
    if (run.tiling_violations.value_or(0) > 0) {
      run.error = "passages do not tile " + std::to_string(*run.tiling_violations) +
                  " documents (wiretrace-eval passages)";
    } else if (run.family_f1 && *run.family_f1 >= config.min_f1) {
      run.passed = true;
    } else {
      char why[96];
      std::snprintf(why, sizeof why, "family pair F1 %.4f < %.2f", run.family_f1.value_or(0),
                    config.min_f1);
      run.error = why;
    }
  }
  return run;
}

/// Tokenize+sketch speedup of each thread count over 1 thread, and whether the reports of every
/// finished run (`reports`, parallel to size.runs, empty when the run did not finish) are equal.
void compare_threads(SizeRecord& size, const std::vector<std::string>& reports) {
  const RunRecord* one = nullptr;
  for (const auto& r : size.runs)
    if (r.ran && r.threads == 1) one = &r;
  for (const auto& r : size.runs) {
    if (!one || !r.ran || r.threads == 1) continue;
    const double base = one->measure.seconds[stage_tokenize] + one->measure.seconds[stage_sketch];
    const double now = r.measure.seconds[stage_tokenize] + r.measure.seconds[stage_sketch];
    if (now > 0) size.sketch_speedup[r.threads] = base / now;
  }
  std::size_t first = reports.size();
  for (std::size_t i = 0; i < reports.size() && first == reports.size(); ++i)
    if (!reports[i].empty()) first = i;
  std::size_t compared = 0;
  bool identical = true;
  for (std::size_t i = first + 1; i < reports.size(); ++i) {
    if (reports[i].empty()) continue;
    ++compared;
    bool same = false;
    try {
      same = same_bytes(reports[first], reports[i]);
    } catch (const std::exception& e) {
      size.identical_note += std::string(size.identical_note.empty() ? "" : "; ") + e.what();
    }
    if (!same) {
      identical = false;
      size.identical_note += (size.identical_note.empty() ? "" : "; ") +
                             std::to_string(size.runs[first].threads) + " vs " +
                             std::to_string(size.runs[i].threads) + " threads differ";
    }
  }
  if (compared > 0) size.reports_identical = identical;
}

}  // namespace

SuiteResult run_suite(const Config& config, const SuiteObserver& observer, const Logger& log) {
  SuiteResult suite;
  const std::string self = self_path();
  const bool passages = eval_has_passages(config);
  auto fail = [&](const std::string& why) {
    suite.passed = false;
    suite.failures.push_back(why);
  };
  auto finish = [&](SizeRecord&& record) {
    suite.sizes.push_back(std::move(record));
    if (observer.size_done) observer.size_done(suite.sizes.back());
  };

  double kb_per_article = 0;  // measured at the largest size so far (fixed costs weigh least there)
  for (const std::size_t size : config.sizes) {
    SizeRecord record;
    record.size = size;
    // A shared machine must not run out of memory: project this size's peak from the last one.
    const double available = available_memory_mb();
    const double projected = kb_per_article * static_cast<double>(size) / 1e3;
    if (config.memory_guard > 0 && available > 0 && projected > config.memory_guard * available) {
      char why[200];
      std::snprintf(why, sizeof why,
                    "skipped: projected peak %.0f MB (%.1f KB per article) > %.0f%% of the %.0f MB "
                    "available (--no-memory-guard runs it)",
                    projected, kb_per_article, config.memory_guard * 100, available);
      record.skipped = why;
      fail(with_commas(size) + " articles: not measured, " + why);
      log(with_commas(size) + " articles: " + why);
      finish(std::move(record));
      continue;
    }
    try {
      ensure_corpus(config, record, log);
    } catch (const std::exception& e) {
      fail(with_commas(size) + " articles: " + e.what());
      finish(std::move(record));
      continue;
    }

    double size_kb_per_article = 0;
    std::vector<std::string> reports;  // parallel to record.runs; empty: the run did not finish
    std::vector<std::string> written;  // every report path, removed at the end unless --keep
    for (const unsigned threads : config.threads) {
      log("run: " + with_commas(size) + " articles, " + std::to_string(threads) +
          (threads == 1 ? " thread" : " threads"));
      const std::string report = config.work_dir + "/report-" + std::to_string(size) + "-t" +
                                 std::to_string(threads) + ".json";
      RunRecord run = measure(config, record, threads, self, passages, report);
      if (run.ran && run.measure.documents > 0)
        size_kb_per_article = std::max(
            size_kb_per_article, run.peak_mb * 1e3 / static_cast<double>(run.measure.documents));
      if (!run.passed)
        fail(with_commas(size) + " articles, " + std::to_string(threads) + " threads: " + run.error);
      reports.push_back(run.ran ? report : std::string());
      written.push_back(report);
      record.runs.push_back(std::move(run));
      if (observer.run_done) observer.run_done(record, record.runs.back());
    }
    if (size_kb_per_article > 0) kb_per_article = size_kb_per_article;

    compare_threads(record, reports);
    if (record.reports_identical == false)
      fail(with_commas(size) + " articles: reports " + record.identical_note);
    if (!config.keep)
      for (const auto& r : written) remove_quietly(r);
    finish(std::move(record));
  }
  return suite;
}

}  // namespace wiretrace::perf
