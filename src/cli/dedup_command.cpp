#include "cli/dedup_command.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <map>
#include <stdexcept>

#include "cli/atomic_output.hpp"
#include "cli/exit_codes.hpp"
#include "cli/input_options.hpp"
#include "cli/warn.hpp"
#include "cli/param_options.hpp"
#include "cli/progress.hpp"
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
      "Every input record gets one JSON line, in input order. By default (--emit records) it is\n"
      "the record itself, with its decision added as one member, so the output is the feed\n"
      "again and --drop makes it a filter:\n"
      "  {…the record's own fields…,\"wiretrace\":{\"decision\":\"new\"|\"copy\"|\"duplicate\",\"family\":\"f12\",\n"
      "   \"merged\"?,\"seen\"?,\"matches\":[{\"id\",\"jaccard\",\"containment\",\"longest_run\"}],\"words\",\n"
      "   \"shared_words\",\"boilerplate_words\",\"unshared_words\"}}\n"
      "  {\"id\"?,\"wiretrace\":{\"decision\":\"rejected\",\"input\",\"reason\"}} for a record that is not an article.\n"
      "A text file's article becomes {\"id\",\"text\",\"wiretrace\"}. --emit decisions writes the\n"
      "decision object alone, with the id first: {\"id\",\"decision\",\"family\",…} and\n"
      "{\"id\"?,\"input\",\"decision\":\"rejected\",\"reason\"}.\n"
      "copy: shares wire copy (a run of --min-run-words words, or --min-jaccard) with an indexed\n"
      "article; duplicate: near-identical to one (Jaccard >= " +
      detail::value_text(Params{}, *detail::find_param("duplicate_jaccard")) +
      ", or each holds >= " +
      std::to_string(static_cast<int>(Params{}.duplicate_containment * 100 + 0.5)) + "% of the\n"
      "other's shingles); family: \"f\" and the number of the article that founded it, the id\n"
      "'index export' gives it; shared_words: words covered by shingles shared with a match\n"
      "(the shared_words of a cluster report).\n\n"
      "Crash safety: each article is committed to the index before its line is written. An id\n"
      "already in the index is not decided again: its stored decision is written with \"seen\":true\n"
      "and nothing is inserted, so rerunning the same input after a crash is safe. -o FILE is\n"
      "replaced only when the run succeeds (a temporary file beside it until then).\n\n"
      "Input is streamed: each record is decided, committed and its line written (flushed)\n"
      "before the next is waited for, so a feeder writing one article at a time to stdin reads\n"
      "each answer back at once.\n\n"
      "Bad records (malformed JSON, missing or empty id/text, duplicate id, binary or empty file,\n"
      "an article over --max-bytes) get a \"rejected\" line naming FILE:LINE, in input order,\n"
      "and are counted in the summary on stderr: records = new + copies + duplicates + seen +\n"
      "rejected. With --on-error fail the run stops at the first one (exit 3); the articles\n"
      "before it are decided and committed.\n\n"
      "Examples:\n"
      "  wiretrace dedup --index feed.idx --drop duplicates < today.jsonl > fresh.jsonl\n"
      "  wiretrace dedup --index feed.idx --drop copies --window 3 hour-*.jsonl.zst\n"
      "  wiretrace dedup --index feed.idx --emit decisions -o decisions.jsonl today.jsonl\n"
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
                  "Leave out the lines of duplicates (near-identical text), of copies and "
                  "duplicates (only new articles pass), or of rejected records; may be repeated "
                  "or comma-separated")
      ->delimiter(',')
      // One value per --drop, so `--drop duplicates feed.jsonl` leaves feed.jsonl an input.
      ->allow_extra_args(false)
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, DropMode>{{"duplicates", DropMode::duplicates},
                                          {"copies", DropMode::copies},
                                          {"rejected", DropMode::rejected}})
                     .description(""))
      ->type_name("{duplicates,copies,rejected}");
  cmd->add_option("--emit", o.emit,
                  "records: each input record with its decision added as \"wiretrace\"; "
                  "decisions: one compact decision line per record")
      ->transform(CLI::CheckedTransformer(std::map<std::string, EmitMode>{
          {"records", EmitMode::records}, {"decisions", EmitMode::decisions}}).description(""))
      ->type_name("{records,decisions}")
      ->default_str("records");
  cmd->add_option("-o,--output", o.output,
                  "Write the lines to FILE instead of stdout; FILE is replaced only when the run "
                  "succeeds");
  cmd->add_option("--window", o.window_days,
                  "Compare only with articles published within this many days (articles without "
                  "a date are compared with all); 0 = no window")
      ->transform(decimal_number(0, 36500))
      ->capture_default_str();
  cmd->add_option("--expire-after", o.expire_after,
                  "Before reading, delete indexed articles published longer ago than this (30d, "
                  "12h, 2w), or, without a date, indexed longer ago");
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
  cmd->add_flag("-q,--quiet", o.quiet,
                "No progress line (shown on a terminal after a second), summary or warnings on stderr");
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
  LineSink(std::ostream& out, const DedupCommandOptions& o, FeedProgress& progress)
      : out_(out), emit_(o.emit), quiet_(o.quiet), progress_(progress) {
    for (DropMode d : o.drop) {
      drop_duplicates_ = drop_duplicates_ || d == DropMode::duplicates || d == DropMode::copies;
      drop_copies_ = drop_copies_ || d == DropMode::copies;
      drop_rejected_ = drop_rejected_ || d == DropMode::rejected;
    }
  }

  void on_result(const Document& document, const DedupResult& r) override {
    ++progress_.records;
    if (r.seen) ++progress_.seen;
    else if (r.decision == DedupDecision::new_article) ++progress_.new_articles;
    else if (r.decision == DedupDecision::copy) ++progress_.copies;
    else ++progress_.duplicates;
    const bool dropped = (drop_duplicates_ && r.decision == DedupDecision::duplicate) ||
                         (drop_copies_ && r.decision == DedupDecision::copy);
    if (dropped) {
      ++dropped_;
      return;
    }
    if (emit_ == EmitMode::records) write_dedup_record(out_, document, r);
    else write_dedup_line(out_, r);
    ++written_;
  }
  void on_rejected(const RejectedInput& rejected) override {
    ++rejected_;
    ++progress_.records;
    ++progress_.rejected;
    if (drop_rejected_) {
      // Left out of the feed, but never silently: each one is named on stderr.
      ++dropped_;
      if (!quiet_)
        std::cerr << "wiretrace: rejected: "
                  << detail::terminal_safe(rejected.input + ": " + rejected.reason) << "\n";
      return;
    }
    if (emit_ == EmitMode::records) write_rejected_record(out_, rejected);
    else write_rejected_line(out_, rejected);
    ++written_;
  }
  void on_warning(const InputWarning& w) override {
    if (!quiet_) cli::warn(w);
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
  EmitMode emit_;
  bool quiet_;
  FeedProgress& progress_;
  bool drop_duplicates_ = false, drop_copies_ = false, drop_rejected_ = false;
  std::size_t written_ = 0, dropped_ = 0, rejected_ = 0;
};

// -o FILE after a failed run: say that FILE is untouched and how to get the lines.
void not_written(const std::string& output) {
  if (output.empty()) return;
  std::cerr << "wiretrace: " << detail::terminal_safe(output)
            << " was not written; the articles decided before the failure are in the index, and "
               "a rerun writes their lines again (as seen)\n";
}

}  // namespace

std::int64_t parse_duration(const std::string& text) {
  std::size_t used = 0;
  long long amount = -1;
  try {
    amount = std::stoll(text, &used);
  } catch (const std::logic_error&) {
  }
  static const std::map<std::string, std::int64_t> units{
      {"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}, {"w", 7 * 86400}};
  const auto unit = used ? units.find(text.substr(used)) : units.end();
  if (amount <= 0 || unit == units.end() || amount > (std::int64_t{1} << 40))
    throw Error("--expire-after " + text + ": give a positive number and a unit: s, m, h, d or w (30d)");
  return amount * unit->second;
}

int run_dedup(const DedupCommandOptions& o) {
  validate(o.params);  // before reading anything
  const std::int64_t expire_seconds = o.expire_after.empty() ? 0 : parse_duration(o.expire_after);
  const auto start = std::chrono::steady_clock::now();
  FeedOptions feed;
  feed.ingest = o.ingest;
  feed.ingest.fail_on_error = o.on_error == "fail";
  feed.commit_every = o.commit_every;
  feed.ingest.keep_records = o.emit == EmitMode::records;
  check_input_paths(o.inputs);  // a missing path is exit 2 before the index is touched
  AtomicOutput output(o.output);  // so is an output that cannot be created (exit 1)

  IndexOptions index_options;
  index_options.busy_timeout_ms = o.busy_timeout_ms;
  index_options.sync_every_commit = o.sync_every_commit;
  Index index(o.index, o.params, index_options);
  DedupOptions dedup_options;
  if (o.window_days > 0) dedup_options.window_seconds = std::llround(o.window_days * 86400.0);
  Deduplicator dedup(index, dedup_options);
  std::size_t expired = 0;
  if (expire_seconds > 0) {
    const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch()).count();
    index.begin();
    try {
      for (std::uint32_t n : index.older_than(now - expire_seconds)) {
        index.remove(n);
        ++expired;
      }
      index.commit();
    } catch (...) {
      index.rollback();
      throw;
    }
  }

  FeedProgress progress;
  LineSink sink(output.stream(), o, progress);
  int status = exit_ok;
  try {
    {
      FeedProgressLine line(progress, !o.quiet);  // erased before anything else is said
      dedup_feed(o.inputs, dedup, sink, feed);
    }
    output.commit();
  } catch (const BadInput& e) {
    // --on-error fail: the bad record is named, the articles before it stay decided.
    std::cerr << "wiretrace: " << detail::terminal_safe(e.what()) << " (--on-error fail: stopped here)\n";
    status = exit_bad_input;
  } catch (...) {
    not_written(o.output);
    throw;
  }
  if (status != exit_ok) not_written(o.output);
  // The lookup tables go beside the index when many rows would otherwise be derived again at
  // the next open; a failure costs only that next open's time.
  bool saved = false;
  try {
    saved = index.save_lookup();
  } catch (const std::exception& e) {
    if (!o.quiet) warn(std::string("the lookup tables were not saved: ") + e.what());
  }
  if (!o.quiet && saved && index.lookup_load().origin == LookupOrigin::derived &&
      index.lookup_load().derived_rows >= 1000)
    std::cerr << "wiretrace dedup: the lookup tables of " << index.lookup_load().derived_rows
              << " articles were derived from their rows ("
              << index.lookup_load().why_derived << "); saved to "
              << detail::terminal_safe(Index::lookup_path(o.index)) << " for the next open\n";
  if (!o.quiet) {
    const DedupStats& s = dedup.stats();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::size_t records = sink.written() + sink.dropped();  // a line (or a drop) a record
    char line[512];
    char updated[96] = "", expired_note[64] = "";
    if (expire_seconds > 0)
      std::snprintf(expired_note, sizeof expired_note, ", %zu expired (--expire-after)", expired);
    if (s.updated)
      std::snprintf(updated, sizeof updated, "; %zu of them new versions of indexed ids (updated)",
                    s.updated);
    std::snprintf(line, sizeof line,
                  "wiretrace dedup: %zu records: %zu new, %zu copies, %zu duplicates, %zu seen "
                  "before, %zu rejected%s; %zu lines written, %zu dropped; the index holds %zu "
                  "articles%s (%.2f s)\n",
                  records, s.new_articles, s.copies, s.duplicates, s.seen, sink.rejected(), updated,
                  sink.written(), sink.dropped(), index.size(), expired_note, seconds);
    std::cerr << line;
  }
  return status;
}

}  // namespace wiretrace::cli
