#include "cli/dedup_command.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <map>
#include <stdexcept>

#include "cli/exit_codes.hpp"
#include "cli/input_options.hpp"
#include "cli/param_options.hpp"
#include "report/terminal_text.hpp"
#include "wiretrace/dedup.hpp"
#include "wiretrace/feed.hpp"
#include "wiretrace/error.hpp"
#include "wiretrace/index.hpp"
#include "wiretrace/ingest.hpp"

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
      "article; duplicate: near-identical to one (Jaccard >= " +
      detail::value_text(Params{}, *detail::find_param("duplicate_jaccard")) +
      ", or each holds >= " +
      std::to_string(static_cast<int>(Params{}.duplicate_containment * 100 + 0.5)) + "% of the\n"
      "other's shingles); family: the number of the article that founded the family.\n\n"
      "Crash safety: each article is committed to the index before its line is written. An id\n"
      "already in the index is not decided again: its stored decision is written with \"seen\":true\n"
      "and nothing is inserted, so rerunning the same input after a crash is safe.\n\n"
      "Input is streamed: each record is decided, committed and its line written (flushed)\n"
      "before the next is waited for, so a feeder writing one article at a time to stdin reads\n"
      "each answer back at once.\n\n"
      "Bad records (malformed JSON, missing or empty id/text, duplicate id, binary or empty file,\n"
      "an article over --max-bytes) get a \"rejected\" line naming FILE:LINE, in input order,\n"
      "and are counted in the summary on stderr: records = new + copies + duplicates + seen +\n"
      "rejected. With --on-error fail the run stops at the first one (exit 3); the articles\n"
      "before it are decided and written.\n\n"
      "Examples:\n"
      "  wiretrace dedup --index feed.idx < today.jsonl\n"
      "  wiretrace dedup --index feed.idx --drop copies --window 3 hour-*.jsonl.zst\n"
      "  wiretrace index stats feed.idx\n\n"
      "Exit codes: 0 success (rejected records are listed); 1 I/O error or the index is locked\n"
      "by another process past --busy-timeout; 2 usage error, unreadable input path, or an index\n"
      "made with other parameters; 3 --on-error fail stopped at a bad record.");
  cmd->add_option("--index", o.index, "The index file (SQLite); created when missing")->required();
  cmd->add_option("inputs", o.inputs,
                  "JSON Lines files (.jsonl, .ndjson, .gz, .zst, or sniffed), folders, text files, "
                  "or - for stdin")
      ->capture_default_str();
  cmd->add_option("--drop", o.drop,
                  "Leave out the lines of duplicates (near-identical text), or of copies and "
                  "duplicates (only new articles pass)")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, DropMode>{{"duplicates", DropMode::duplicates},
                                          {"copies", DropMode::copies}}));
  cmd->add_option("--window", o.window_days,
                  "Compare only with articles published within this many days (articles without "
                  "a date are compared with all); 0 = no window")
      ->transform(decimal_number(0, 36500))
      ->capture_default_str();
  cmd->add_option("--on-error", o.on_error,
                  "A bad record: skip it (a \"rejected\" line), or fail the run")
      ->check(CLI::IsMember({"skip", "fail"}))
      ->capture_default_str();
  cmd->add_option("--commit-every", o.commit_every,
                  "Articles per transaction at most (fewer when no further input is waiting); "
                  "their lines are written after it commits")
      ->transform(whole_number(1, 100000))
      ->capture_default_str();
  cmd->add_option("--busy-timeout", o.busy_timeout_ms,
                  "Milliseconds to wait for another process holding the index's lock")
      ->capture_default_str()->transform(whole_number(0, std::numeric_limits<unsigned>::max()));
  cmd->add_flag("--sync", o.sync_every_commit,
                "fsync every commit (survives power loss too; slower). Without it a commit "
                "survives the process being killed");
  cmd->add_flag("-q,--quiet", o.quiet, "No summary or warnings on stderr");
  cmd->add_option("--max-bytes", o.ingest.max_document_bytes,
                  "Reject (and list) articles larger than this many bytes as too large")
      ->capture_default_str()->transform(whole_number());
  add_input_options(*cmd, o.ingest, true);

  // The stamped parameters an index remembers (it refuses a run with other values).
  std::string remembered;
  for (const detail::ParamSpec& spec : detail::param_table())
    if (spec.stamped && spec.flag) remembered += (remembered.empty() ? "" : ", ") + detail::flag_of(spec.name);
  add_param_options(*cmd, o.params, detail::Command::dedup,
                    "Matching (the index remembers " + remembered + ")");
  cmd->get_option("--threads")->description(
      "Accepted for compatibility: input is read and tokenized on one thread beside the "
      "deciding one");
  return cmd;
}

namespace {

// The lines of `dedup`: one per record, in input order, flushed at each commit; --drop leaves
// out the lines of the decisions it names.
class LineSink : public DedupSink {
 public:
  LineSink(std::ostream& out, DropMode drop, bool quiet) : out_(out), drop_(drop), quiet_(quiet) {}

  void on_result(const DedupResult& r) override {
    const bool dropped = (drop_ == DropMode::duplicates && r.decision == DedupDecision::duplicate) ||
                         (drop_ == DropMode::copies && r.decision != DedupDecision::new_article);
    if (dropped) {
      ++dropped_;
      return;
    }
    write_dedup_line(out_, r);
    ++written_;
  }
  void on_rejected(const RejectedInput& rejected) override {
    write_rejected_line(out_, rejected);
    ++written_;
    ++rejected_;
  }
  void on_warning(const InputWarning& w) override {
    if (!quiet_)
      std::cerr << "wiretrace: warning: " << detail::terminal_safe(w.input + ": " + w.message) << "\n";
  }
  void flush() override {
    out_.flush();
    if (!out_) throw Error("writing the output failed", ErrorKind::io);
  }
  std::size_t written() const { return written_; }
  std::size_t dropped() const { return dropped_; }
  std::size_t rejected() const { return rejected_; }

 private:
  std::ostream& out_;
  DropMode drop_;
  bool quiet_;
  std::size_t written_ = 0, dropped_ = 0, rejected_ = 0;
};

}  // namespace

int run_dedup(const DedupCommandOptions& o) {
  validate(o.params);  // before reading anything
  const auto start = std::chrono::steady_clock::now();
  FeedOptions feed;
  feed.ingest = o.ingest;
  feed.ingest.fail_on_error = o.on_error == "fail";
  feed.commit_every = o.commit_every;
  check_input_paths(o.inputs);  // a missing path is exit 2 before the index is touched

  IndexOptions index_options;
  index_options.busy_timeout_ms = o.busy_timeout_ms;
  index_options.sync_every_commit = o.sync_every_commit;
  Index index(o.index, o.params, index_options);
  DedupOptions dedup_options;
  if (o.window_days > 0) dedup_options.window_seconds = std::llround(o.window_days * 86400.0);
  Deduplicator dedup(index, dedup_options);

  LineSink sink(std::cout, o.drop, o.quiet);
  int status = exit_ok;
  try {
    dedup_feed(o.inputs, dedup, sink, feed);
  } catch (const BadInput& e) {
    // --on-error fail: the bad record is named, the articles before it stay decided.
    std::cerr << "wiretrace: " << detail::terminal_safe(e.what()) << " (--on-error fail: stopped here)\n";
    status = exit_bad_input;
  }
  if (!o.quiet) {
    const DedupStats& s = dedup.stats();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::size_t records = sink.written() + sink.dropped();  // a line (or a drop) a record
    char line[512];
    std::snprintf(line, sizeof line,
                  "wiretrace dedup: %zu records: %zu new, %zu copies, %zu duplicates, %zu seen "
                  "before, %zu rejected; %zu lines written, %zu dropped; the index holds %zu "
                  "articles (%.2f s)\n",
                  records, s.new_articles, s.copies, s.duplicates, s.seen, sink.rejected(),
                  sink.written(), sink.dropped(), index.size(), seconds);
    std::cerr << line;
  }
  return status;
}

}  // namespace wiretrace::cli
