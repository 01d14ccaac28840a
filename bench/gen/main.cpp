// wiretrace-gen: flags -> GeneratorOptions -> generate_corpus(); glue only (see gen/generator.hpp).
// Exit codes: 0 written, 2 bad flags or unreadable/unwritable files.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "gen/generator.hpp"
#include "wiretrace/error.hpp"

namespace {

constexpr const char* mix_help = R"(Default mix (flags change it):
  ~60% of articles in families of 2-8 articles (a wire story by AFP, Reuters, AP or PR Newswire
  plus 1-7 copies by distinct publishers), ~40% unrelated articles (80% by the 20 publishers,
  20% by wires). Copies are whole, trimmed (first 40-80% of paragraphs, at least 40 words),
  edited (a word swapped in about a third of sentences, 1-2 sentences dropped, quotes retyped)
  or embedded (1-3 wire paragraphs of 25+ words inside 300-900 words of the publisher's own
  text), 25% each.
  Publisher articles open with the publisher's header line and end with its 20-60 word footer.
  Half of the families (and unrelated articles) carry "published"; the wire is the earliest.
  Base text: --base-dir articles (each used once), then synthetic text from a vocabulary
  compiled in from fixtures/. The same flags and seed give byte-identical files everywhere.
Outputs:
  corpus line: {"id","text","title","source","published"?}
  truth line:  {"id","family","wire","role","kind","source","reused":[[start,end]...],
                "boilerplate":[[start,end]...]} with byte offsets into text.)";

class OutputFile {
 public:
  explicit OutputFile(const std::string& path) : buffer_(std::make_unique<char[]>(buffer_size)) {
    file_.rdbuf()->pubsetbuf(buffer_.get(), buffer_size);
    file_.open(path, std::ios::binary | std::ios::trunc);
    if (!file_) throw wiretrace::Error("cannot write " + path);
  }
  std::ostream& stream() { return file_; }
  void close(const std::string& path) {
    file_.close();
    if (!file_) throw wiretrace::Error("cannot write " + path);
  }

 private:
  static constexpr std::size_t buffer_size = 1 << 20;
  std::unique_ptr<char[]> buffer_;
  std::ofstream file_;
};

}  // namespace

int main(int argc, char** argv) {
  wiretrace::bench::GeneratorOptions options;
  std::string corpus_path, truth_path, base_dir, exclude_groups;

  CLI::App app{"wiretrace-gen: writes a JSON Lines corpus of syndicated news and its ground truth."};
  app.footer(mix_help);
  app.add_option("--articles", options.articles, "Total number of articles")->capture_default_str();
  app.add_option("--seed", options.seed, "Seed: the same seed gives the same files")->capture_default_str();
  app.add_option("-o,--output", corpus_path, "Corpus file (JSON Lines)")->required();
  app.add_option("--truth", truth_path, "Truth file (JSON Lines), one line per article")->required();
  app.add_option("--base-dir", base_dir, "Folder of real articles (*.txt: title line, blank-line paragraphs)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--exclude-groups", exclude_groups,
                 "TSV of exact-duplicate groups in --base-dir (dup_group<TAB>doc): keep the first of each")
      ->check(CLI::ExistingFile);
  app.add_option("--dated-fraction", options.dated_fraction, "Share of families with \"published\"")
      ->capture_default_str();
  app.add_option("--family-fraction", options.family_fraction, "Share of articles that belong to a family")
      ->capture_default_str();
  app.add_option("--max-family-size", options.max_family_size, "Most articles per family, wire included")
      ->capture_default_str();
  app.add_option("--publishers", options.publishers, "Number of publishers (1-256)")->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  options.base_dir = base_dir;
  options.exclude_groups = exclude_groups;

  try {
    wiretrace::bench::validate(options);
    const auto start = std::chrono::steady_clock::now();
    OutputFile corpus(corpus_path), truth(truth_path);
    const auto stats = wiretrace::bench::generate_corpus(options, corpus.stream(), truth.stream());
    corpus.close(corpus_path);
    truth.close(truth_path);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::string base;
    if (!options.base_dir.empty()) {
      const auto& b = stats.base;
      base = ", base folder: " + std::to_string(b.files) + " files, " + std::to_string(b.kept) + " kept (" +
             std::to_string(b.excluded_by_groups) + " duplicate-group, " + std::to_string(b.overlapping) +
             " overlapping, " + std::to_string(b.too_short) + " short dropped)";
    }
    const auto& k = stats.copies_by_kind;
    std::fprintf(stderr,
                 "wiretrace-gen: %llu articles: %llu families with %llu copies (whole %llu, trimmed %llu, "
                 "edited %llu, embedded %llu), %llu unrelated; %.1f MB corpus; %llu real + %llu synthetic "
                 "stories%s; %.2f s\n",
                 static_cast<unsigned long long>(stats.articles), static_cast<unsigned long long>(stats.families),
                 static_cast<unsigned long long>(stats.copies), static_cast<unsigned long long>(k[0]),
                 static_cast<unsigned long long>(k[1]), static_cast<unsigned long long>(k[2]),
                 static_cast<unsigned long long>(k[3]), static_cast<unsigned long long>(stats.unrelated),
                 static_cast<double>(stats.corpus_bytes) / 1e6, static_cast<unsigned long long>(stats.real_stories),
                 static_cast<unsigned long long>(stats.synthetic_stories), base.c_str(), seconds);
    return 0;
  } catch (const wiretrace::Error& e) {
    std::fprintf(stderr, "wiretrace-gen: %s\n", e.what());
    return 2;
  }
}
