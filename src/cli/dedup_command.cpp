#include "cli/dedup_command.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <future>
#include <iostream>
#include <optional>
#include <stdexcept>

#include "cli/exit_codes.hpp"
#include "wiretrace/dedup.hpp"
#include "wiretrace/error.hpp"
#include "wiretrace/index.hpp"

namespace wiretrace::cli {

CLI::App* add_dedup_command(CLI::App& app, DedupCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "dedup",
      "Decide, article by article, whether each is new, a copy of wire copy seen before, or a "
      "duplicate, against a persistent index.");
  cmd->footer(
      "Every input record gets one JSON line on stdout, in input order:\n"
      "  {\"id\",\"decision\":\"new\"|\"copy\"|\"duplicate\",\"family\",\"merged\"?,\"matches\":[{\"id\","
      "\"jaccard\",\"containment\",\"longest_run\"}],\n"
      "   \"words\",\"reused_words\",\"added_words\",\"boilerplate_words\",\"seen\"?}\n"
      "  {\"input\",\"decision\":\"rejected\",\"reason\"} for a record that is not an article.\n"
      "copy: shares wire copy (a run of --min-run-words words, or --min-jaccard) with an indexed\n"
      "article; duplicate: near-identical to one (Jaccard >= 0.9, or each holds >= 95% of the\n"
      "other's shingles); family: the number of the article that founded the family.\n\n"
      "Crash safety: each article is committed to the index before its line is written. An id\n"
      "already in the index is not decided again: its stored decision is written with \"seen\":true\n"
      "and nothing is inserted, so rerunning the same input after a crash is safe.\n\n"
      "Input is read whole (as by cluster) before the first decision: a pipe must end.\n\n"
      "Examples:\n"
      "  wiretrace dedup --index feed.idx < today.jsonl\n"
      "  wiretrace dedup --index feed.idx --drop copies --window 3 hour-*.jsonl.zst\n"
      "  wiretrace index stats feed.idx\n\n"
      "Exit codes: 0 success (rejected records are listed); 1 I/O error or the index is locked\n"
      "by another process past --busy-timeout; 2 usage error, unreadable input path, or an index\n"
      "made with other parameters; 3 --on-error fail stopped at a bad record.");
  cmd->add_option("--index", o.index, "The index file (SQLite); created when missing")->required();
  cmd->add_option("inputs", o.inputs, "JSON Lines files (.jsonl, .gz, .zst), folders, text files, or - for stdin")
      ->capture_default_str();
  cmd->add_option("--drop", o.drop,
                  "Leave out the lines of duplicates (near-identical text), or of copies and "
                  "duplicates (only new articles pass)")
      ->check(CLI::IsMember({"duplicates", "copies"}));
  cmd->add_option("--window", o.window_days,
                  "Compare only with articles published within this many days (articles without "
                  "a date are compared with all); 0 = no window")
      ->check(CLI::Range(0.0, 36500.0))
      ->capture_default_str();
  cmd->add_option("--on-error", o.on_error,
                  "A bad record: skip it (a \"rejected\" line), or fail the run")
      ->check(CLI::IsMember({"skip", "fail"}))
      ->capture_default_str();
  cmd->add_option("--commit-every", o.commit_every,
                  "Articles per transaction; their lines are written after it commits")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
      ->capture_default_str();
  cmd->add_option("--busy-timeout", o.busy_timeout_ms,
                  "Milliseconds to wait for another process holding the index's lock")
      ->capture_default_str();
  cmd->add_flag("--sync", o.sync_every_commit,
                "fsync every commit (survives power loss too; slower). Without it a commit "
                "survives the process being killed");
  cmd->add_flag("-q,--quiet", o.quiet, "No summary on stderr");
  cmd->add_option("--threads", o.params.threads, "Worker threads for tokenizing, 0 = all cores")
      ->capture_default_str();
  cmd->add_option("--max-bytes", o.ingest.max_document_bytes,
                  "Reject (and list) articles larger than this many bytes")
      ->capture_default_str();

  const std::string group = "Matching (the index remembers seed, num_perm and shingle_k)";
  cmd->add_option("--min-run-words", o.params.min_run_words,
                  "Shortest shared run of words that counts as wire copy")
      ->group(group)->capture_default_str()->check(CLI::Range(1u, 100000u));
  cmd->add_option("--min-jaccard", o.params.min_jaccard,
                  "Whole-text Jaccard that alone makes two articles share wire copy")
      ->group(group)->capture_default_str()->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--shingle-k", o.params.shingle_k, "Words per shingle")
      ->group(group)->capture_default_str()->check(CLI::Range(1u, 32u));
  cmd->add_option("--num-perm", o.params.num_perm, "MinHash values per signature")
      ->group(group)->capture_default_str()->check(CLI::Range(8u, 4096u));
  cmd->add_option("--lsh-threshold", o.params.lsh_threshold,
                  "Whole-text Jaccard at which LSH banding proposes a pair")
      ->group(group)->capture_default_str()->check(CLI::Range(0.01, 0.99));
  cmd->add_option("--anchor-words", o.params.anchor_words,
                  "Words per passage fingerprint (winnowed; at most --min-run-words)")
      ->group(group)->capture_default_str();
  cmd->add_option("--max-bucket", o.params.max_bucket,
                  "A fingerprint or LSH bucket shared by more articles is ignored as boilerplate")
      ->group(group)->capture_default_str();
  cmd->add_option("--boilerplate-edge-words", o.params.boilerplate_edge_words,
                  "Words at each end of an article where a source's repeated text is boilerplate (0 = off)")
      ->group(group)->capture_default_str();
  cmd->add_option("--seed", o.params.seed, "Seed of the MinHash permutations")
      ->group(group)->capture_default_str();
  return cmd;
}

namespace {

// Where a record sits in the input: which argument produced it, then the file, then the line.
// read_inputs returns articles and rejected records as two lists, each in input order; merging
// them by this key restores the order of the input.
struct InputPosition {
  std::size_t argument = 0;
  std::string file;
  std::uint64_t line = 0;
  friend bool operator<(const InputPosition& x, const InputPosition& y) {
    if (x.argument != y.argument) return x.argument < y.argument;
    if (x.file != y.file) return x.file < y.file;
    return x.line < y.line;
  }
};

InputPosition position_of(const std::string& origin, const std::vector<std::string>& args) {
  InputPosition p;
  p.file = origin;
  const auto colon = origin.rfind(':');
  if (colon != std::string::npos && colon > 0 && colon + 1 < origin.size() &&
      origin.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
    p.file = origin.substr(0, colon);
    p.line = std::stoull(origin.substr(colon + 1));
  }
  p.argument = args.size();
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string folder = (std::filesystem::path(args[i]) / "").string();
    if (p.file == args[i] || (args[i] == "-" && p.file == "<stdin>") || p.file.starts_with(folder)) {
      p.argument = i;
      break;
    }
  }
  return p;
}

void write_checked(std::ostream& out) {
  out.flush();
  if (!out) throw std::runtime_error("writing the output failed");
}

}  // namespace

int run_dedup(const DedupCommandOptions& o) {
  validate(o.params);  // before reading anything
  const auto start = std::chrono::steady_clock::now();
  IngestOptions ingest = o.ingest;
  ingest.fail_on_error = o.on_error == "fail";
  IngestResult input;
  try {
    input = read_inputs(o.inputs, ingest);
  } catch (const Error& e) {
    if (!ingest.fail_on_error) throw;
    std::cerr << "wiretrace: " << e.what() << "\n";
    return exit_bad_input;
  }
  if (!o.quiet)
    for (const auto& w : input.warnings)
      std::cerr << "wiretrace: warning: " << w.input << ": " << w.message << "\n";

  IndexOptions index_options;
  index_options.busy_timeout_ms = o.busy_timeout_ms;
  index_options.sync_every_commit = o.sync_every_commit;
  Index index(o.index, o.params, index_options);
  DedupOptions dedup_options;
  if (o.window_days > 0) dedup_options.window_seconds = std::llround(o.window_days * 86400.0);
  Deduplicator dedup(index, dedup_options);

  const auto& docs = input.documents;
  const auto& rejected = input.rejected;
  std::ostream& out = std::cout;
  // Tokenizing runs a block ahead, on other threads, while this one decides: deciding is
  // sequential (each article sees the ones before it), tokenizing is not.
  constexpr std::size_t prepare_block = 1024;
  std::vector<PreparedArticle> prepared;
  std::size_t prepared_from = 0;  // prepared[i] belongs to docs[prepared_from + i]
  std::future<std::vector<PreparedArticle>> next_block;
  auto prepare_from = [&](std::size_t from) {
    if (from >= docs.size()) return;
    const std::span<const Document> block(docs.data() + from, std::min(prepare_block, docs.size() - from));
    next_block = std::async(std::launch::async, [block, &o] { return prepare_articles(block, o.params); });
  };
  prepare_from(0);
  std::size_t written = 0, dropped = 0;

  std::vector<std::size_t> group;  // document indices decided in one transaction
  auto flush_group = [&] {
    if (group.empty()) return;
    // A group is a contiguous run of documents inside the prepared block.
    const std::size_t first = group.front(), count = group.size();
    const std::span<const Document> batch(docs.data() + first, count);
    const std::span<const PreparedArticle> batch_ready(prepared.data() + (first - prepared_from), count);
    const auto results = dedup.add(batch, batch_ready);
    for (const DedupResult& r : results) {
      const bool drop =
          (o.drop == "duplicates" && r.decision == DedupDecision::duplicate) ||
          (o.drop == "copies" && r.decision != DedupDecision::new_article);
      if (drop) {
        ++dropped;
        continue;
      }
      write_dedup_line(out, r);
      ++written;
    }
    write_checked(out);
    group.clear();
  };

  std::size_t next_rejected = 0;
  std::vector<InputPosition> rejected_at;
  rejected_at.reserve(rejected.size());
  for (const auto& r : rejected) rejected_at.push_back(position_of(r.input, o.inputs));
  auto write_rejected_until = [&](const std::optional<InputPosition>& limit) {
    while (next_rejected < rejected.size() && (!limit || rejected_at[next_rejected] < *limit)) {
      flush_group();  // lines stay in input order
      write_rejected_line(out, rejected[next_rejected++]);
      write_checked(out);
    }
  };

  for (std::size_t d = 0; d < docs.size(); ++d) {
    write_rejected_until(position_of(docs[d].origin, o.inputs));
    if (d >= prepared_from + prepared.size()) {
      flush_group();  // the group's prepared articles live in the block being replaced
      prepared = next_block.get();
      prepared_from = d;
      prepare_from(d + prepared.size());
    }
    group.push_back(d);
    if (group.size() >= o.commit_every) flush_group();
  }
  flush_group();
  write_rejected_until(std::nullopt);

  if (!o.quiet) {
    const DedupStats& s = dedup.stats();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    char line[512];
    std::snprintf(line, sizeof line,
                  "wiretrace dedup: %zu records: %zu new, %zu copies, %zu duplicates, %zu seen "
                  "before, %zu rejected; %zu lines written, %zu dropped; the index holds %zu "
                  "articles (%.2f s)\n",
                  docs.size() + rejected.size(), s.new_articles, s.copies, s.duplicates, s.seen,
                  rejected.size(), written + rejected.size(), dropped, index.size(), seconds);
    std::cerr << line;
  }
  return exit_ok;
}

}  // namespace wiretrace::cli
