#include "cli/compare_command.hpp"

#include <filesystem>
#include <iostream>
#include <sstream>

#include "cli/exit_codes.hpp"
#include "cli/input_options.hpp"
#include "cli/output.hpp"
#include "cli/warn.hpp"
#include "cli/param_options.hpp"
#include "cli/pairs_file.hpp"
#include "report/terminal_text.hpp"
#include "wiretrace/compare.hpp"
#include "wiretrace/error.hpp"
#include "wiretrace/ingest.hpp"
#include "wiretrace/report.hpp"

namespace wiretrace::cli {

CLI::App* add_compare_command(CLI::App& app, CompareOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "compare", "Show the passages two articles share, like a diff for syndication.");
  cmd->footer(
      "Each shared passage is shown with its byte range in both texts, then the text each article\n"
      "added. A passage is a run of identical words, chained across small edits (a changed word,\n"
      "a dropped sentence), holding at least --min-run-words matching words.\n\n"
      "Examples:\n"
      "  wiretrace compare fixtures/seeds/000_977f0c954ba00d2b.txt fixtures/seeds/002_2df2f6f88230cd01.txt\n"
      "  wiretrace compare --format json a.txt b.txt\n"
      "  wiretrace compare --pairs pairs.txt -o shared.jsonl\n"
      "      (pairs.txt: two paths per line, relative to the current folder, separated by blanks,\n"
      "       or by a tab when paths hold spaces, or \"double-quoted\"; # starts a comment line;\n"
      "       one output line per pair, in input order:\n"
      "       {\"a\",\"b\",\"shared\":[{\"a_start\",\"a_end\",\"b_start\",\"b_end\",\"words\"}]})\n\n"
      "Bad input: an article that cannot be read (binary or empty file, invalid JSON Lines record,\n"
      "more than one article, over --max-bytes) is named with the reason on stderr. For two\n"
      "articles that ends the run (exit 3). With --pairs, the pair gets {\"a\",\"b\",\"error\"} and\n"
      "the run goes on (exit 0), unless --on-error fail (exit 3, nothing written). A pairs file\n"
      "line without exactly two paths, or a binary pairs file, is a usage error (exit 2).\n"
      "Invalid UTF-8 in a text file is kept (as word separators) with a warning.\n\n"
      "Exit codes: 0 success; 1 I/O or internal error; 2 usage error; 3 an article could not be\n"
      "read (two articles, or --pairs with --on-error fail).");
  cmd->add_option("a", o.a, "First article (a text file)");
  cmd->add_option("b", o.b, "Second article (a text file)");
  cmd->add_option("--pairs", o.pairs_file, "Compare every pair of paths listed in FILE");
  cmd->add_option("--format", o.format,
                  "text or json for one pair (default: as -o's extension says, else text); jsonl "
                  "for --pairs (its default)")
      ->check(CLI::IsMember({"text", "json", "jsonl"}));
  cmd->add_option("-o,--output", o.output, "Write to FILE instead of stdout");
  cmd->add_option("--color", o.color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_option("--on-error", o.on_error,
                  "--pairs: a pair whose article cannot be read gets an \"error\" line (skip), or "
                  "stops the run before anything is written (fail)")
      ->check(CLI::IsMember({"skip", "fail"}))
      ->capture_default_str();
  cmd->add_option("--max-bytes", o.ingest.max_document_bytes,
                  "An article larger than this many bytes is not compared (too large)")
      ->capture_default_str()->transform(whole_number());
  add_input_options(*cmd, o.ingest, false);
  cmd->add_flag("-q,--quiet", o.quiet, "No warnings or summary on stderr");
  add_param_options(*cmd, o.params, detail::Command::compare, "Passages");
  cmd->get_option("--threads")->description("Worker threads for --pairs, 0 = all cores");
  return cmd;
}

namespace {

void warn(const CompareOptions& o, const InputWarning& w) {
  if (!o.quiet) cli::warn(w);
}

// `--pairs`: one JSON line per pair, in pairs-file order, written once every pair is done.
class PairLines : public ComparisonSink {
 public:
  explicit PairLines(const CompareOptions& o) : o_(o) {}
  void on_comparison(const PathPair&, const Comparison& comparison) override {
    write_comparison_jsonl(out_, comparison);
  }
  void on_error(const PathPair& pair, const std::string& error) override {
    write_comparison_error_jsonl(out_, pair.a, pair.b, error);
    if (first_error_.empty()) first_error_ = pair.where + ": " + error;
  }
  void on_warning(const InputWarning& w) override { warn(o_, w); }
  std::string lines() const { return out_.str(); }
  const std::string& first_error() const { return first_error_; }

 private:
  const CompareOptions& o_;
  std::ostringstream out_;
  std::string first_error_;
};

int run_pairs(const CompareOptions& o) {
  if (o.format != "jsonl") throw Error("--pairs writes --format jsonl");
  const std::vector<PathPair> pairs = read_pairs_file(o.pairs_file);
  if (pairs.empty() && !o.quiet)
    cli::warn(o.pairs_file + ": no pairs to compare (" +
              (std::filesystem::is_regular_file(o.pairs_file) &&
                       std::filesystem::file_size(o.pairs_file) == 0
                   ? "empty file"
                   : "only blank lines and comments") +
              ")");
  IngestOptions ingest = o.ingest;
  ingest.fail_on_error = o.on_error == "fail";
  PairLines sink(o);
  PairsSummary summary;
  try {
    summary = compare_pairs(pairs, o.params, ingest, sink);
  } catch (const BadInput& e) {
    std::cerr << "wiretrace: " << detail::terminal_safe(e.what()) << " (--on-error fail: nothing written)\n";
    return exit_bad_input;
  }
  Output output(o.output);
  output.stream() << sink.lines();
  output.finish();
  if (!o.quiet && summary.failed > 0)
    std::cerr << "wiretrace compare: " << pairs.size() << " pairs: " << summary.compared
              << " compared, " << summary.failed << " could not be (\"error\" lines; the first: "
              << detail::terminal_safe(sink.first_error()) << ")\n";
  return exit_ok;
}

}  // namespace

int run_compare(const CompareOptions& given) {
  CompareOptions o = given;
  // --pairs writes JSON Lines; one pair's format follows -o's extension unless --format says.
  o.format = !o.pairs_file.empty() ? (o.format.empty() ? "jsonl" : o.format)
                                   : resolve_format(o.format, o.output, {"text", "json", "jsonl"}, "text");
  // The parameters were validated for compare when the flags were read (add_param_options).
  const AlignParams how = align_params(o.params);
  if (!o.pairs_file.empty()) {
    if (!o.a.empty()) throw Error("give either two articles or --pairs FILE, not both");
    return run_pairs(o);
  }
  if (o.a.empty() || o.b.empty()) throw Error("compare needs two articles (or --pairs FILE)");
  if (o.format == "jsonl") throw Error("--format jsonl goes with --pairs; use json for one pair");
  const LoadedArticle a = load_article(o.a, o.ingest), b = load_article(o.b, o.ingest);
  for (const auto& w : a.warnings) warn(o, w);
  if (o.b != o.a)
    for (const auto& w : b.warnings) warn(o, w);
  for (const auto* t : {&a, &b})
    if (!t->error.empty()) {
      std::cerr << "wiretrace: " << detail::terminal_safe(t->error) << "\n";
      return exit_bad_input;
    }
  const Comparison c = compare_articles(a, b, how);
  Output output(o.output);
  if (o.format == "json") {
    write_comparison_json(output.stream(), c);
  } else {
    ReportOptions report;
    report.color = output.color(o.color);
    write_comparison_text(output.stream(), c, report);
  }
  output.finish();
  return exit_ok;
}

}  // namespace wiretrace::cli
