#include "bench_table.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <vector>
#include <sys/utsname.h>
#include <unistd.h>

#include "bench_process.hpp"
#include "bench_text.hpp"

namespace wiretrace::perf {

using Json = nlohmann::ordered_json;

namespace {

std::string format(const char* fmt, double x) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, fmt, x);
  return buffer;
}

std::string pad_left(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}
std::string pad_right(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

/// Seconds: three significant-ish decimals for short stages, fewer for long ones.
std::string secs(double s) { return format(s < 10 ? "%.3f" : s < 100 ? "%.2f" : "%.1f", s); }
std::string rate(double mb_per_s) {
  if (!std::isfinite(mb_per_s)) return "inf";
  return format(mb_per_s < 100 ? "%.1f" : "%.0f", mb_per_s);
}
std::string f1(const std::optional<double>& x) { return x ? format("%.4f", *x) : "n/a"; }

double mb(std::size_t bytes) { return static_cast<double>(bytes) / 1e6; }
double mb_per_s(std::size_t bytes, double seconds) {
  return seconds > 0 ? mb(bytes) / seconds : INFINITY;
}
double tokenize_sketch(const RunMeasure& m) {
  return m.seconds[stage_tokenize] + m.seconds[stage_sketch];
}

constexpr std::size_t stage_width = 10;
constexpr const char* stage_headers[] = {"read",   "tokenize", "boilerpl.", "sketch", "candidat.",
                                         "verify", "cluster",  "align",     "report"};

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
  return "unknown";
}

double memory_gb() {
  const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
  return pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page) / 1e9 : 0;
}

/// Exponent b of seconds ~ articles^b between two sizes (1 = linear).
std::optional<double> growth_exponent(double t0, std::size_t n0, double t1, std::size_t n1) {
  if (t0 <= 0 || t1 <= 0 || n0 == n1) return std::nullopt;
  return std::log(t1 / t0) / std::log(static_cast<double>(n1) / static_cast<double>(n0));
}

/// 10000 -> "10k", 1000000 -> "1M", 2500 -> "2500".
std::string short_size(std::size_t n) {
  if (n >= 1000000 && n % 1000000 == 0) return std::to_string(n / 1000000) + "M";
  if (n >= 1000 && n % 1000 == 0) return std::to_string(n / 1000) + "k";
  return std::to_string(n);
}

const RunRecord* run_with(const SizeRecord& size, unsigned threads) {
  for (const auto& r : size.runs)
    if (r.threads == threads && r.ran) return &r;
  return nullptr;
}

}  // namespace

void print_header(const Config& config, const Printer& print) {
  std::string threads;
  for (unsigned t : config.threads) threads += (threads.empty() ? "" : ", ") + std::to_string(t);
  print("wiretrace-bench: " + std::to_string(config.cores) + " cores (" + cpu_model() + "), " +
        format("%.0f", memory_gb()) + " GB; threads " + threads + "; corpus seed " +
        std::to_string(config.seed) +
        (config.repeat > 1 ? "; best of " + std::to_string(config.repeat) + " runs up to " +
                                  with_commas(repeat_max_articles) + " articles"
                            : std::string()) +
        "\n");
  const double load = load_average();
  if (load >= 0.5)
    print("note: load average " + format("%.2f", load) +
          " before the first run: other processes share the cores, timings will be noisy\n");
  print("seconds per stage (MB = 10^6 bytes of article text; cpu = CPU seconds per wall second of\n"
        "the run's process; free = cores a spin test got just before it, below the thread count\n"
        "when other processes hold cores; peak = the run's max RSS)\n");
  std::string line = pad_left("articles", 9) + pad_left("MB", 8) + pad_left("thr", 4);
  for (const char* s : stage_headers) line += pad_left(s, stage_width);
  line += pad_left("total", 9) + pad_left("MB/s", 7) + pad_left("cpu", 5) + pad_left("free", 5) + pad_left("peak MB", 9) +
          pad_left("family F1", 10) + pad_left("bytes F1", 9) + "  check";
  print(line + "\n");
}

void print_run_row(const RunRecord& run, const Printer& print) {
  std::string line = pad_left(with_commas(run.size), 9);
  if (!run.ran) {
    line += pad_left("-", 8) + pad_left(std::to_string(run.threads), 4) + "  FAIL: " + run.error;
    print(line + "\n");
    return;
  }
  const RunMeasure& m = run.measure;
  line += pad_left(format("%.1f", mb(m.bytes)), 8) + pad_left(std::to_string(run.threads), 4);
  for (std::size_t s = 0; s < stage_count; ++s) line += pad_left(secs(m.seconds[s]), stage_width);
  line += pad_left(secs(m.wall), 9) + pad_left(rate(mb_per_s(m.bytes, m.wall)), 7) +
          pad_left(format("%.2f", run.cpu_per_wall), 5) + pad_left(format("%.1f", run.free_cores_before), 5) +
          pad_left(format("%.0f", run.peak_mb), 9) + pad_left(f1(run.family_f1), 10) +
          pad_left(f1(run.reused_f1), 9) + (run.passed ? "  ok" : "  FAIL: " + run.error);
  print(line + "\n");
}

void print_size_notes(const SizeRecord& size, const Printer& print) {
  if (!size.skipped.empty()) {
    print(pad_left(with_commas(size.size), 9) + "  " + size.skipped + "\n");
    return;
  }
  std::string line = pad_left("", 9) + "  ";
  bool any = false;
  for (const auto& [threads, speedup] : size.sketch_speedup) {
    line += (any ? "; " : "") + std::string("tokenize+sketch speedup ") + std::to_string(threads) +
            " threads vs 1: " + format("%.2f", speedup) + "x";
    any = true;
  }
  if (size.reports_identical) {
    line += (any ? "; " : "") + std::string("reports across thread counts: ") +
            (*size.reports_identical ? "byte-identical" : "DIFFERENT (" + size.identical_note + ")");
    any = true;
  }
  if (any) print(line + "\n");
  for (const auto& r : size.runs)
    if (r.ran && r.free_cores_before < r.threads - 0.5)
      print(pad_left("", 9) + "  WARNING: " + std::to_string(r.threads) + " threads ran with " +
            format("%.1f", r.free_cores_before) +
            " free cores (other processes held the rest): its timings and speedup are not wiretrace's\n");
}

void print_summary(const Config& config, const SuiteResult& suite, const Printer& print) {
  // MB/s per stage.
  print("\nMB/s per stage (article text MB / stage seconds)\n");
  std::string header = pad_left("articles", 9) + pad_left("thr", 4);
  for (const char* s : stage_headers) header += pad_left(s, stage_width);
  header += pad_left("tok+sketch", 11) + pad_left("/thread", 9) + pad_left("total", 8) +
            pad_left("KB/article", 11);
  print(header + "\n");
  for (const auto& size : suite.sizes)
    for (const auto& run : size.runs) {
      if (!run.ran) continue;
      const RunMeasure& m = run.measure;
      std::string line = pad_left(with_commas(size.size), 9) + pad_left(std::to_string(run.threads), 4);
      for (std::size_t s = 0; s < stage_count; ++s)
        line += pad_left(rate(mb_per_s(m.bytes, m.seconds[s])), stage_width);
      const double ts = mb_per_s(m.bytes, tokenize_sketch(m));
      line += pad_left(rate(ts), 11) + pad_left(rate(ts / run.threads), 9) +
              pad_left(rate(mb_per_s(m.bytes, m.wall)), 8) +
              pad_left(format("%.1f", m.documents ? run.peak_mb * 1e3 / static_cast<double>(m.documents) : 0), 11);
      print(line + "\n");
    }

  // Growth with size: microseconds per article, and the exponent between consecutive sizes.
  std::vector<const SizeRecord*> measured;
  for (const auto& size : suite.sizes)
    if (size.skipped.empty() && !size.runs.empty()) measured.push_back(&size);
  if (measured.size() >= 2) {
    for (const unsigned threads : config.threads) {
      print("\ncost growth, " + std::to_string(threads) + (threads == 1 ? " thread" : " threads") +
            ": microseconds per article, and b in seconds ~ articles^b between sizes (1 = linear)\n");
      std::string head = pad_right("stage", 12);
      for (const auto* size : measured) head += pad_left(short_size(size->size), 9);
      for (std::size_t i = 1; i < measured.size(); ++i)
        head += pad_left("b " + short_size(measured[i - 1]->size) + "-" + short_size(measured[i]->size), 12);
      print(head + "\n");
      for (std::size_t s = 0; s <= stage_count; ++s) {
        const bool total = s == stage_count;
        std::string line = pad_right(total ? "total" : stage_names[s], 12);
        auto secs_of = [&](const RunRecord& r) { return total ? r.measure.wall : r.measure.seconds[s]; };
        for (const auto* size : measured) {
          const RunRecord* r = run_with(*size, threads);
          line += pad_left(r && r->measure.documents
                               ? format("%.2f", secs_of(*r) * 1e6 / static_cast<double>(r->measure.documents))
                               : "-",
                           9);
        }
        for (std::size_t i = 1; i < measured.size(); ++i) {
          const RunRecord* a = run_with(*measured[i - 1], threads);
          const RunRecord* b = run_with(*measured[i], threads);
          std::optional<double> e;
          if (a && b)
            e = growth_exponent(secs_of(*a), a->measure.documents, secs_of(*b), b->measure.documents);
          line += pad_left(e ? format("%.2f", *e) : "-", 12);
        }
        print(line + "\n");
      }
    }
  }

  print("\n");
  if (suite.passed) {
    print("PASS: every run's family pair F1 >= " + format("%.2f", config.min_f1) +
          ", passages tile every document (when wiretrace-eval can check), and every report is\n"
          "identical across thread counts\n");
  } else {
    print("FAIL:\n");
    for (const auto& f : suite.failures) print("  " + f + "\n");
  }
}

Json suite_json(const Config& config, const SuiteResult& suite) {
  utsname un{};
  uname(&un);
  Json j;
  j["tool"] = "wiretrace-bench";
  j["label"] = config.label;
  j["machine"] = {{"cores", config.cores},
                  {"cpu", cpu_model()},
                  {"memory_gb", std::round(memory_gb() * 10) / 10},
                  {"kernel", std::string(un.sysname) + " " + un.release}};
  j["units"] = {{"mb", "10^6 bytes of article text"},
                {"seconds", "wall clock"},
                {"peak_mb", "ru_maxrss of the run's process, 10^6 bytes"}};
  j["seed"] = config.seed;
  j["min_f1"] = config.min_f1;
  j["runs"] = Json::array();
  j["sizes"] = Json::array();
  for (const auto& size : suite.sizes) {
    for (const auto& run : size.runs) {
      Json r;
      r["articles"] = size.size;
      r["threads"] = run.threads;
      r["passed"] = run.passed;
      r["error"] = run.error.empty() ? Json(nullptr) : Json(run.error);
      r["load_average_before"] = run.load_before;
      r["cpu_per_wall"] = run.cpu_per_wall;
      r["free_cores_before"] = run.free_cores_before;
      r["attempts"] = run.attempts;
      if (run.ran) {
        const RunMeasure& m = run.measure;
        r["documents"] = m.documents;
        r["rejected"] = m.rejected;
        r["bytes"] = m.bytes;
        r["mb"] = mb(m.bytes);
        Json seconds, rates;
        for (std::size_t s = 0; s < stage_count; ++s) {
          seconds[stage_names[s]] = m.seconds[s];
          const double x = mb_per_s(m.bytes, m.seconds[s]);
          rates[stage_names[s]] = std::isfinite(x) ? Json(x) : Json(nullptr);
        }
        r["seconds"] = seconds;
        r["mb_per_s"] = rates;
        r["total_seconds"] = m.wall;
        r["pipeline_seconds"] = m.pipeline_total;
        r["total_mb_per_s"] = mb_per_s(m.bytes, m.wall);
        r["tokenize_sketch_mb_per_s"] = mb_per_s(m.bytes, tokenize_sketch(m));
        r["tokenize_sketch_mb_per_s_per_thread"] = mb_per_s(m.bytes, tokenize_sketch(m)) / run.threads;
        r["peak_mb"] = run.peak_mb;
        r["peak_kb_per_article"] = m.documents ? run.peak_mb * 1e3 / static_cast<double>(m.documents) : 0;
        r["families"] = m.families;
        r["candidate_pairs"] = m.candidate_pairs;
        r["accepted_pairs"] = m.accepted_pairs;
        r["report_bytes"] = m.report_bytes;
      }
      auto opt = [](const std::optional<double>& x) { return x ? Json(*x) : Json(nullptr); };
      r["family_f1"] = opt(run.family_f1);
      r["family_precision"] = opt(run.family_precision);
      r["family_recall"] = opt(run.family_recall);
      r["reused_bytes_f1"] = opt(run.reused_f1);
      if (!run.reused_note.empty()) r["reused_bytes_note"] = run.reused_note;
      r["originals_accuracy"] = opt(run.originals_accuracy);
      r["passage_tiling_violations"] =
          run.tiling_violations ? Json(*run.tiling_violations) : Json(nullptr);
      j["runs"].push_back(r);
    }
    Json s;
    s["articles"] = size.size;
    s["corpus"] = size.corpus;
    s["corpus_cached"] = size.cached;
    s["generate_seconds"] = size.generate_seconds;
    s["skipped"] = size.skipped.empty() ? Json(nullptr) : Json(size.skipped);
    Json speedup = Json::object();
    for (const auto& [threads, x] : size.sketch_speedup) speedup[std::to_string(threads)] = x;
    s["tokenize_sketch_speedup"] = speedup;
    s["reports_identical"] = size.reports_identical ? Json(*size.reports_identical) : Json(nullptr);
    if (!size.identical_note.empty()) s["reports_note"] = size.identical_note;
    j["sizes"].push_back(s);
  }
  j["passed"] = suite.passed;
  j["failures"] = suite.failures;
  return j;
}

}  // namespace wiretrace::perf
