// wiretrace-gen: flags -> GeneratorOptions -> generate_corpus(); glue only (see gen/generator.hpp).
// Exit codes: 0 written, 2 bad flags or unreadable/unwritable files.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include <CLI/CLI.hpp>

#include "gen/generator.hpp"
#include "wiretrace/error.hpp"

namespace {

constexpr const char* mix_help = R"(Default mix (flags change it):
  ~60% of articles in families of 2-8 articles (a wire story by AFP, Reuters, AP or PR Newswire
  plus copies by distinct publishers), ~40% unrelated articles (80% by the 20 publishers, 20% by
  wires). Copy kinds (--kinds, default whole=0.2,trimmed=0.2,edited=0.2,embedded=0.2,
  excerpt=0.1,reworded=0.1):
    whole     the wire verbatim
    trimmed   the first 40-80% of the wire's paragraphs, at least 40 words
    edited    a word swapped in about a third of sentences, 1-2 sentences dropped, quotes retyped
    embedded  1-3 wire paragraphs of 25+ words inside 300-900 words of the publisher's own text
    excerpt   1-2 wire sentences of 15+ words inside 500-900 words of the publisher's own text
    reworded  2-3 words replaced in 80% of sentences, one sentence dropped, quotes retyped
  Absent wires (--absent-wire-fraction 0.1 of families): the wire is left out, only its copies
  (2-8) are in the corpus; the truth still names the wire's id ("wire000017") with
  "wire_present": false. Each copy shares 15+ words of wire text with an earlier one (else it
  is redrawn, at last as a whole copy). --absent-wires FILE writes those wires as corpus lines.
  Small papers (--small-paper-fraction 0.1 of unrelated articles): 2-3 unrelated stories of one
  small paper that share nothing but a 60-120 word footer (boilerplate, never a family).
  Publisher articles open with the publisher's header line and end with its 20-60 word footer.
  Half of the families (and unrelated articles) carry "published" on every member, the other half
  on none; a dated wire is the earliest.
  --mix easy gives the corpus of the generator before the harder truth (whole, trimmed, edited,
  embedded 25% each, no absent wires, no small papers), byte for byte for the same seed and
  flags; flags given with it still apply.
  Base text: --base-dir articles (each used once), then synthetic text from a vocabulary
  compiled in from fixtures/. The same flags and seed give byte-identical files everywhere.
Outputs:
  corpus line: {"id","text","title","source","published"?}
  truth line:  {"id","family","wire","wire_present","role","kind","source",
                "reused":[[start,end]...],"boilerplate":[[start,end]...],
                "substituted":[[start,end]...]} with byte offsets into text.
  role: wire, copy or unrelated; kind: the copy kind, "small_paper" or null.
  reused: bytes taken from the wire. Verbatim (quotes may be retyped) except in reworded copies,
  whose reused ranges are the whole kept sentences, replaced words included; substituted: the
  replaced words (inside reused ranges for reworded copies, between them for edited ones).)";

/// "whole=0.2,excerpt=1" -> weights in all_copy_kinds order; kinds not named weigh 0.
std::array<double, wiretrace::bench::copy_kind_count> parse_kinds(const std::string& text) {
  std::array<double, wiretrace::bench::copy_kind_count> weights{};
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t comma = std::min(text.find(',', at), text.size());
    const std::string item = text.substr(at, comma - at);
    at = comma + 1;
    const std::size_t eq = item.find('=');
    const auto kind = wiretrace::bench::kind_from_name(item.substr(0, eq));
    if (!kind) throw wiretrace::Error("--kinds: unknown copy kind \"" + item.substr(0, eq) + "\"");
    double weight = 1;
    if (eq != std::string::npos) {
      try {
        std::size_t used = 0;
        weight = std::stod(item.substr(eq + 1), &used);
        if (used != item.size() - eq - 1) throw std::invalid_argument("trailing text");
      } catch (const std::exception&) {
        throw wiretrace::Error("--kinds: \"" + item + "\" is not KIND=WEIGHT");
      }
    }
    weights[static_cast<std::size_t>(*kind)] = weight;
  }
  return weights;
}

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
  std::string corpus_path, truth_path, absent_path, base_dir, exclude_groups, mix = "default", kinds;
  double dated_fraction = options.dated_fraction, absent_wire_fraction = options.absent_wire_fraction,
         small_paper_fraction = options.small_paper_fraction;

  CLI::App app{"wiretrace-gen: writes a JSON Lines corpus of syndicated news and its ground truth."};
  app.footer(mix_help);
  app.add_option("--articles", options.articles, "Total number of articles")->capture_default_str();
  app.add_option("--seed", options.seed, "Seed: the same seed gives the same files")->capture_default_str();
  app.add_option("-o,--output", corpus_path, "Corpus file (JSON Lines)")->required();
  app.add_option("--truth", truth_path, "Truth file (JSON Lines), one line per article")->required();
  app.add_option("--absent-wires", absent_path, "Write the wires left out of the corpus here (corpus lines)");
  app.add_option("--base-dir", base_dir, "Folder of real articles (*.txt: title line, blank-line paragraphs)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--exclude-groups", exclude_groups,
                 "TSV of exact-duplicate groups in --base-dir (dup_group<TAB>doc): keep the first of each")
      ->check(CLI::ExistingFile);
  app.add_option("--mix", mix, "default, or easy: the first generator's mix (see below)")
      ->check(CLI::IsMember({"default", "easy"}))
      ->capture_default_str();
  auto* kinds_option = app.add_option(
      "--kinds", kinds,
      "Copy kinds and weights, e.g. whole=1,reworded=0.5 (kinds not named: none; a kind alone weighs 1)");
  auto* dated_option = app.add_option("--dated-fraction", dated_fraction,
                                      "Share of families (and unrelated articles) with \"published\"")
                           ->capture_default_str();
  auto* absent_option = app.add_option("--absent-wire-fraction", absent_wire_fraction,
                                       "Share of families whose wire is left out of the corpus")
                            ->capture_default_str();
  auto* small_option = app.add_option("--small-paper-fraction", small_paper_fraction,
                                      "Share of unrelated articles printed by small papers (2-3 each, shared long footer)")
                           ->capture_default_str();
  app.add_option("--family-fraction", options.family_fraction, "Share of articles that belong to a family")
      ->capture_default_str();
  app.add_option("--max-family-size", options.max_family_size, "Most articles per family, wire included")
      ->capture_default_str();
  app.add_option("--publishers", options.publishers, "Number of publishers (1-256)")->capture_default_str();
  app.add_option("--same-publisher-fraction", options.same_publisher_fraction,
                 "Share of families whose last copy is by the publisher of the copy before it (a story and its update)")
      ->capture_default_str();
  app.add_option("--one-off-fraction", options.one_off_fraction,
                 "Share of copies printed by a one-off publisher seen once in the corpus (the long tail)")
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  options.base_dir = base_dir;
  options.exclude_groups = exclude_groups;

  try {
    // The preset first, then every flag given explicitly.
    if (mix == "easy") wiretrace::bench::use_easy_mix(options);
    if (*kinds_option) options.kind_weights = parse_kinds(kinds);
    if (*dated_option) options.dated_fraction = dated_fraction;
    if (*absent_option) options.absent_wire_fraction = absent_wire_fraction;
    if (*small_option) options.small_paper_fraction = small_paper_fraction;
    wiretrace::bench::validate(options);
    const auto start = std::chrono::steady_clock::now();
    OutputFile corpus(corpus_path), truth(truth_path);
    std::optional<OutputFile> absent;
    if (!absent_path.empty()) absent.emplace(absent_path);
    const auto stats = wiretrace::bench::generate_corpus(options, corpus.stream(), truth.stream(),
                                                         absent ? &absent->stream() : nullptr);
    corpus.close(corpus_path);
    truth.close(truth_path);
    if (absent) absent->close(absent_path);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::string base;
    if (!options.base_dir.empty()) {
      const auto& b = stats.base;
      base = ", base folder: " + std::to_string(b.files) + " files, " + std::to_string(b.kept) + " kept (" +
             std::to_string(b.excluded_by_groups) + " duplicate-group, " + std::to_string(b.overlapping) +
             " overlapping, " + std::to_string(b.too_short) + " short dropped)";
    }
    std::string by_kind;
    for (const auto kind : wiretrace::bench::all_copy_kinds) {
      if (!by_kind.empty()) by_kind += ", ";
      by_kind += std::string(wiretrace::bench::kind_name(kind)) + " " +
                 std::to_string(stats.copies_by_kind[static_cast<std::size_t>(kind)]);
    }
    std::fprintf(stderr,
                 "wiretrace-gen: %llu articles: %llu families (%llu without their wire, %llu dated) with %llu "
                 "copies (%s), %llu unrelated (%llu by %llu small papers); %.1f MB corpus; %llu real + %llu "
                 "synthetic stories%s; %.2f s\n",
                 static_cast<unsigned long long>(stats.articles), static_cast<unsigned long long>(stats.families),
                 static_cast<unsigned long long>(stats.absent_wires),
                 static_cast<unsigned long long>(stats.dated_families), static_cast<unsigned long long>(stats.copies),
                 by_kind.c_str(), static_cast<unsigned long long>(stats.unrelated),
                 static_cast<unsigned long long>(stats.small_paper_articles),
                 static_cast<unsigned long long>(stats.small_papers), static_cast<double>(stats.corpus_bytes) / 1e6,
                 static_cast<unsigned long long>(stats.real_stories),
                 static_cast<unsigned long long>(stats.synthetic_stories), base.c_str(), seconds);
    return 0;
  } catch (const wiretrace::Error& e) {
    std::fprintf(stderr, "wiretrace-gen: %s\n", e.what());
    return 2;
  }
}
