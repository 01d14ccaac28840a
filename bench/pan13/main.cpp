// wiretrace-pan13: runs `wiretrace compare --pairs` over the PAN 2013 text-alignment training
// corpus and scores the detections with PAN's measures, per subset. Code-point offsets (PAN's
// unit) are derived from wiretrace's byte offsets here.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include "pan13/plagdet.hpp"

namespace fs = std::filesystem;
using namespace wiretrace::bench;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// byte offset -> code point offset, for one document.
std::vector<std::uint64_t> code_points_before(const std::string& text) {
  std::vector<std::uint64_t> cp(text.size() + 1, 0);
  for (std::size_t i = 0; i < text.size(); ++i)
    cp[i + 1] = cp[i] + ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80);
  return cp;
}

std::string file_name(const std::string& path) { return fs::path(path).filename().string(); }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Score wiretrace's passage alignment on the PAN 2013 text-alignment corpus."};
  std::string corpus, wiretrace = "wiretrace", json_out, keep, half = "all";
  unsigned threads = 0;
  app.add_option("--corpus", corpus, "The pan13-train folder (pairs, cases.tsv, susp/, src/)")->required();
  app.add_option("--wiretrace", wiretrace, "Path of the wiretrace program")->capture_default_str();
  app.add_option("--threads", threads, "Passed to wiretrace compare (0 = all cores)");
  app.add_option("--json", json_out, "Also write the scores as JSON to this file");
  app.add_option("--keep", keep, "Keep wiretrace's detections (JSON Lines) in this file");
  app.add_option("--half", half,
                 "Score only the odd-numbered (1st, 3rd, ...) or even-numbered pairs of each "
                 "subset: tune on one half, report the other")
      ->check(CLI::IsMember({"all", "odd", "even"}))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  // Pairs by subset, from each subset's own `pairs` file.
  std::vector<std::string> subsets;
  std::vector<std::pair<std::string, std::string>> pairs;
  std::map<std::pair<std::string, std::string>, std::string> subset_of;
  for (const auto& entry : fs::directory_iterator(corpus))
    if (entry.is_directory() && fs::exists(entry.path() / "pairs")) subsets.push_back(entry.path().filename());
  std::sort(subsets.begin(), subsets.end());
  if (subsets.empty()) {
    std::cerr << "wiretrace-pan13: no subset folders with a 'pairs' file in " << corpus << "\n";
    return 2;
  }
  for (const auto& subset : subsets) {
    std::ifstream in(fs::path(corpus) / subset / "pairs");
    std::string susp, src;
    for (std::size_t line = 1; in >> susp >> src; ++line) {
      if ((half == "odd" && line % 2 == 0) || (half == "even" && line % 2 == 1)) continue;
      pairs.emplace_back(susp, src);
      subset_of[{susp, src}] = subset;
    }
  }
  const fs::path work = fs::temp_directory_path() / ("wiretrace-pan13-" + std::to_string(::getpid()));
  fs::create_directories(work);
  {
    std::ofstream list(work / "pairs.txt");
    for (const auto& [susp, src] : pairs)
      list << (fs::path(corpus) / "susp" / susp).string() << ' ' << (fs::path(corpus) / "src" / src).string() << '\n';
  }
  const fs::path detections_file = keep.empty() ? work / "detections.jsonl" : fs::path(keep);
  const std::string command = "'" + wiretrace + "' compare --pairs '" + (work / "pairs.txt").string() +
                              "' --format jsonl --threads " + std::to_string(threads) + " -o '" +
                              detections_file.string() + "'";
  const auto start = std::chrono::steady_clock::now();
  const int status = std::system(command.c_str());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Exit code 3: some pairs could not be compared (the corpus holds a few binary files); they
  // are listed with an "error" and score as undetected.
  if (status != 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 3)) {
    std::cerr << "wiretrace-pan13: '" << command << "' failed (status " << status << ")\n";
    return 1;
  }

  // Detections in code points.
  std::map<std::string, std::vector<std::uint64_t>> cp_cache;
  auto cp_of = [&](const std::string& path) -> const std::vector<std::uint64_t>& {
    auto it = cp_cache.find(path);
    if (it == cp_cache.end()) it = cp_cache.emplace(path, code_points_before(slurp(path))).first;
    return it->second;
  };
  std::map<std::string, std::vector<Alignment>> detections;
  std::ifstream lines(detections_file);
  std::string line;
  std::size_t errors = 0;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line);
    if (j.contains("error")) {
      ++errors;
      continue;
    }
    const std::string a = j["a"], b = j["b"];
    const auto& cpa = cp_of(a);
    const auto& cpb = cp_of(b);
    const std::string subset = subset_of.at({file_name(a), file_name(b)});
    for (const auto& s : j["shared"]) {
      Alignment d;
      d.susp = file_name(a);
      d.src = file_name(b);
      d.susp_offset = cpa[s["a_start"].get<std::size_t>()];
      d.susp_length = cpa[s["a_end"].get<std::size_t>()] - d.susp_offset;
      d.src_offset = cpb[s["b_start"].get<std::size_t>()];
      d.src_length = cpb[s["b_end"].get<std::size_t>()] - d.src_offset;
      detections[subset].push_back(d);
    }
  }

  // Cases from cases.tsv.
  std::map<std::string, std::vector<Alignment>> cases;
  std::ifstream tsv(fs::path(corpus) / "cases.tsv");
  std::getline(tsv, line);  // header
  while (std::getline(tsv, line)) {
    std::istringstream f(line);
    std::string corpus_name, subset, obfuscation, type;
    Alignment c;
    std::getline(f, corpus_name, '\t');
    std::getline(f, subset, '\t');
    std::getline(f, c.susp, '\t');
    std::getline(f, c.src, '\t');
    std::getline(f, obfuscation, '\t');
    std::getline(f, type, '\t');
    f >> c.susp_offset >> c.susp_length >> c.src_offset >> c.src_length;
    if (!subset_of.contains({c.susp, c.src})) continue;  // the other --half
    cases[subset].push_back(c);
  }

  nlohmann::ordered_json report{{"pairs", pairs.size()}, {"seconds", seconds}, {"errors", errors}};
  std::printf("%-30s %6s %6s %10s %9s %9s %11s %8s\n", "subset", "pairs", "cases", "detections",
              "recall", "precision", "granularity", "plagdet");
  std::vector<Alignment> all_cases, all_detections;
  for (const auto& subset : subsets) {
    const auto& c = cases[subset];
    const auto& d = detections[subset];
    all_cases.insert(all_cases.end(), c.begin(), c.end());
    all_detections.insert(all_detections.end(), d.begin(), d.end());
    const auto s = score_plagdet(c, d);
    std::size_t n = 0;
    for (const auto& [key, value] : subset_of) n += value == subset;
    std::printf("%-30s %6zu %6zu %10zu %9.4f %9.4f %11.4f %8.4f\n", subset.c_str(), n, c.size(),
                d.size(), s.recall, s.precision, s.granularity, s.plagdet);
    report["subsets"][subset] = {{"pairs", n}, {"cases", c.size()}, {"detections", d.size()},
                                 {"recall", s.recall}, {"precision", s.precision},
                                 {"granularity", s.granularity}, {"plagdet", s.plagdet}};
  }
  const auto total = score_plagdet(all_cases, all_detections);
  std::printf("%-30s %6zu %6zu %10zu %9.4f %9.4f %11.4f %8.4f\n", "all", pairs.size(),
              all_cases.size(), all_detections.size(), total.recall, total.precision,
              total.granularity, total.plagdet);
  std::printf("compare --pairs: %zu pairs in %.2f s (%zu could not be read)\n", pairs.size(), seconds, errors);
  report["all"] = {{"recall", total.recall}, {"precision", total.precision},
                   {"granularity", total.granularity}, {"plagdet", total.plagdet}};
  if (!json_out.empty()) std::ofstream(json_out) << report.dump(2) << '\n';
  fs::remove_all(work);
  return 0;
}
