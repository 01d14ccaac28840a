#include "cli/compare_command.hpp"

#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "cli/exit_codes.hpp"
#include "cli/input_options.hpp"
#include "cli/output.hpp"
#include "cli/pairs_file.hpp"
#include "report/terminal_text.hpp"
#include "wiretrace/align.hpp"
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
  cmd->add_option("--threads", o.params.threads, "Worker threads for --pairs, 0 = all cores")
      ->capture_default_str();
  cmd->add_option("--on-error", o.on_error,
                  "--pairs: a pair whose article cannot be read gets an \"error\" line (skip), or "
                  "stops the run before anything is written (fail)")
      ->check(CLI::IsMember({"skip", "fail"}))
      ->capture_default_str();
  cmd->add_option("--max-bytes", o.ingest.max_document_bytes,
                  "An article larger than this many bytes is not compared (too large)")
      ->capture_default_str();
  add_input_options(*cmd, o.ingest, false);
  cmd->add_flag("-q,--quiet", o.quiet, "No warnings or summary on stderr");
  cmd->add_option("--min-run-words", o.params.min_run_words,
                  "Matching words a passage needs to be reported")
      ->capture_default_str()->check(CLI::Range(1u, 100000u));
  cmd->add_option("--align-gap-words", o.params.align_gap_words,
                  "Longest run of whole sentences one text dropped inside one passage")
      ->capture_default_str();
  cmd->add_option("--align-seed-words", o.params.align_seed_words,
                  "Words per exact seed; shorter finds more heavily edited text")
      ->capture_default_str()->check(CLI::Range(1u, 32u));
  return cmd;
}

namespace {

struct LoadedText {
  Document document;
  std::vector<Token> tokens;
  std::string error;  ///< why the file could not be read as one article
  std::vector<InputWarning> warnings;
};

LoadedText load(const std::string& path, const IngestOptions& options) {
  LoadedText t;
  IngestResult input = read_inputs({path}, options);
  t.warnings = std::move(input.warnings);
  if (!input.rejected.empty()) {
    t.error = input.rejected.front().input + ": " + input.rejected.front().reason;
  } else if (input.documents.empty() && !t.warnings.empty()) {
    t.error = t.warnings.front().input + ": " + t.warnings.front().message;  // "empty file..."
    t.warnings.clear();
  } else if (input.documents.empty()) {
    t.error = path + ": holds no article";
  } else if (input.documents.size() != 1) {
    t.error = path + ": holds " + std::to_string(input.documents.size()) +
              " articles; compare takes one article per path";
  } else {
    t.document = std::move(input.documents.front());
    t.document.id = path;  // the path as given says more than the bare file name here
    t.tokens = tokenize(t.document.text);
  }
  return t;
}

Comparison compare(const LoadedText& a, const LoadedText& b, const AlignParams& how) {
  Comparison c;
  c.a = &a.document;
  c.b = &b.document;
  c.a_words = static_cast<std::uint32_t>(a.tokens.size());
  c.b_words = static_cast<std::uint32_t>(b.tokens.size());
  c.passages = align(a.tokens, b.tokens, how, a.document.text, b.document.text);
  return c;
}

void warn(const CompareOptions& o, const std::vector<InputWarning>& warnings) {
  if (o.quiet) return;
  for (const auto& w : warnings)
    std::cerr << "wiretrace: warning: " << detail::terminal_safe(w.input + ": " + w.message) << "\n";
}

int run_pairs(const CompareOptions& o, const AlignParams& how) {
  if (o.format != "jsonl") throw Error("--pairs writes --format jsonl");
  const auto pairs = read_pairs_file(o.pairs_file);
  if (pairs.empty() && !o.quiet)
    std::cerr << "wiretrace: warning: " << detail::terminal_safe(o.pairs_file) << ": no pairs to compare ("
              << (std::filesystem::is_regular_file(o.pairs_file) &&
                          std::filesystem::file_size(o.pairs_file) == 0
                      ? "empty file"
                      : "only blank lines and comments")
              << ")\n";
  std::map<std::string, std::size_t> index;
  std::vector<std::string> paths;
  for (const auto& pair : pairs)
    for (const auto& p : {pair.a, pair.b})
      if (index.emplace(p, paths.size()).second) paths.push_back(p);

  std::vector<LoadedText> texts(paths.size());
  std::vector<std::string> lines(pairs.size());
  tbb::task_arena arena(o.params.threads == 0 ? tbb::task_arena::automatic
                                              : static_cast<int>(o.params.threads));
  arena.execute([&] {
    // A path listed in many pairs (a PAN source document) is read and tokenized once.
    tbb::parallel_for(std::size_t{0}, paths.size(), [&](std::size_t i) {
      try {
        texts[i] = load(paths[i], o.ingest);
      } catch (const Error& e) {
        texts[i].error = e.what();
      }
    });
  });
  for (const auto& t : texts) warn(o, t.warnings);
  // The error of pair i (its first unreadable article), or empty.
  auto error_of = [&](std::size_t i) -> const std::string& {
    const LoadedText& a = texts[index.at(pairs[i].a)];
    return a.error.empty() ? texts[index.at(pairs[i].b)].error : a.error;
  };
  std::size_t failed = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (error_of(i).empty()) continue;
    if (o.on_error == "fail") {
      std::cerr << "wiretrace: " << detail::terminal_safe(o.pairs_file) << ":" << pairs[i].line << ": "
                << detail::terminal_safe(error_of(i)) << " (--on-error fail: nothing written)\n";
      return exit_bad_input;
    }
    ++failed;
  }
  arena.execute([&] {
    tbb::parallel_for(std::size_t{0}, pairs.size(), [&](std::size_t i) {
      std::ostringstream line;
      if (!error_of(i).empty()) {
        write_comparison_error_jsonl(line, pairs[i].a, pairs[i].b, error_of(i));
      } else {
        write_comparison_jsonl(line, compare(texts[index.at(pairs[i].a)], texts[index.at(pairs[i].b)], how));
      }
      lines[i] = line.str();
    });
  });
  Output output(o.output);
  for (const auto& line : lines) output.stream() << line;
  output.finish();
  if (!o.quiet && failed > 0) {
    std::size_t first = 0;
    while (error_of(first).empty()) ++first;
    std::cerr << "wiretrace compare: " << pairs.size() << " pairs: " << pairs.size() - failed
              << " compared, " << failed << " could not be (\"error\" lines; the first: "
              << detail::terminal_safe(o.pairs_file) << ":" << pairs[first].line << ": "
              << detail::terminal_safe(error_of(first)) << ")\n";
  }
  return exit_ok;
}

}  // namespace

int run_compare(const CompareOptions& given) {
  CompareOptions o = given;
  // --pairs writes JSON Lines; one pair's format follows -o's extension unless --format says.
  o.format = !o.pairs_file.empty() ? (o.format.empty() ? "jsonl" : o.format)
                                   : resolve_format(o.format, o.output, {"text", "json", "jsonl"}, "text");
  validate(o.params);
  const AlignParams how = align_params(o.params);
  if (!o.pairs_file.empty()) {
    if (!o.a.empty()) throw Error("give either two articles or --pairs FILE, not both");
    return run_pairs(o, how);
  }
  if (o.a.empty() || o.b.empty()) throw Error("compare needs two articles (or --pairs FILE)");
  if (o.format == "jsonl") throw Error("--format jsonl goes with --pairs; use json for one pair");
  const LoadedText a = load(o.a, o.ingest), b = load(o.b, o.ingest);
  warn(o, a.warnings);
  if (o.b != o.a) warn(o, b.warnings);
  for (const auto* t : {&a, &b})
    if (!t->error.empty()) {
      std::cerr << "wiretrace: " << detail::terminal_safe(t->error) << "\n";
      return exit_bad_input;
    }
  const Comparison c = compare(a, b, how);
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
