#include "cli/dedup_command.hpp"

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <future>
#include <iostream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "cli/exit_codes.hpp"
#include "cli/input_options.hpp"
#include "report/terminal_text.hpp"
#include "wiretrace/dedup.hpp"
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
      "article; duplicate: near-identical to one (Jaccard >= 0.9, or each holds >= 95% of the\n"
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
                  "Articles per transaction at most (fewer when no further input is waiting); "
                  "their lines are written after it commits")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
      ->capture_default_str();
  cmd->add_option("--busy-timeout", o.busy_timeout_ms,
                  "Milliseconds to wait for another process holding the index's lock")
      ->capture_default_str();
  cmd->add_flag("--sync", o.sync_every_commit,
                "fsync every commit (survives power loss too; slower). Without it a commit "
                "survives the process being killed");
  cmd->add_flag("-q,--quiet", o.quiet, "No summary or warnings on stderr");
  cmd->add_option("--threads", o.params.threads,
                  "Accepted for compatibility: input is read and tokenized on one thread beside "
                  "the deciding one")
      ->capture_default_str();
  cmd->add_option("--max-bytes", o.ingest.max_document_bytes,
                  "Reject (and list) articles larger than this many bytes as too large")
      ->capture_default_str();
  add_input_options(*cmd, o.ingest, true);

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

// One record on its way from the reading thread to the deciding one.
struct Item {
  enum Kind { document, rejected, warning, error, end } kind = end;
  Document doc;
  PreparedArticle prepared;
  RejectedInput bad;           // kind rejected; kind warning: input and message
  std::exception_ptr failure;  // kind error
  std::size_t bytes = 0;       // what it holds, for the channel's bound
};

// A bounded FIFO between the two threads. The reader blocks while it is full; the decider blocks
// while it is empty. close() (the decider gave up) makes every later push throw Stopped.
class Channel {
 public:
  struct Stopped {};

  void push(Item item) {
    std::unique_lock lock(mutex_);
    if (!closed_ && !fits(item)) {
      // PERF: a full queue is refilled only once the decider has taken all of it (take_all),
      // so that reader and decider do not wake each other for every record.
      reader_waits_ = true;
      not_full_.wait(lock, [&] { return closed_ || items_.empty() || !reader_waits_; });
      reader_waits_ = false;
    }
    if (closed_) throw Stopped{};
    bytes_ += item.bytes;
    items_.push_back(std::move(item));
    if (decider_waits_) not_empty_.notify_one();
  }
  /// Moves every queued item to the end of `out`; waits for one first when `wait` and none is
  /// there. Returns false when there was none (only without `wait`).
  bool take_all(std::deque<Item>& out, bool wait) {
    std::unique_lock lock(mutex_);
    if (items_.empty()) {
      if (!wait) return false;
      decider_waits_ = true;
      not_empty_.wait(lock, [&] { return !items_.empty(); });
      decider_waits_ = false;
    }
    for (auto& item : items_) out.push_back(std::move(item));
    items_.clear();
    bytes_ = 0;
    if (reader_waits_) {
      reader_waits_ = false;
      not_full_.notify_one();
    }
    return true;
  }
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    items_.clear();
    not_full_.notify_all();
  }

 private:
  // PERF: enough to keep the decider busy while the reader tokenizes ahead; bounded so that a
  // fast input does not pile up in memory (at most twice this: the decider's batch and the queue).
  static constexpr std::size_t max_items = 1024;
  static constexpr std::size_t max_bytes = std::size_t{64} << 20;

  bool fits(const Item& item) const {
    return items_.empty() || (items_.size() < max_items && bytes_ + item.bytes <= max_bytes);
  }

  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Item> items_;
  std::size_t bytes_ = 0;
  bool closed_ = false, reader_waits_ = false, decider_waits_ = false;
};

// The reading thread's end: every record is tokenized here, beside the deciding thread, and
// queued in input order.
class Feeder : public InputSink {
 public:
  Feeder(Channel& channel, const Params& params) : channel_(channel), params_(params) {}

  void on_document(Document document, std::vector<InputWarning> warnings) override {
    for (auto& w : warnings) on_warning(std::move(w));
    Item item;
    item.kind = Item::document;
    item.prepared = prepare_article(document, params_);
    item.bytes = document.text.size() + item.prepared.sequence.size() * sizeof(ShingleHash);
    item.doc = std::move(document);
    channel_.push(std::move(item));
  }
  void on_rejected(RejectedInput rejected) override {
    Item item;
    item.kind = Item::rejected;
    item.bad = std::move(rejected);
    channel_.push(std::move(item));
  }
  void on_warning(InputWarning warning) override {
    Item item;
    item.kind = Item::warning;
    item.bad = {std::move(warning.input), std::move(warning.message)};
    channel_.push(std::move(item));
  }

 private:
  Channel& channel_;
  const Params& params_;
};

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
  check_input_paths(o.inputs);  // a missing path is exit 2 before the index is touched

  IndexOptions index_options;
  index_options.busy_timeout_ms = o.busy_timeout_ms;
  index_options.sync_every_commit = o.sync_every_commit;
  Index index(o.index, o.params, index_options);
  DedupOptions dedup_options;
  if (o.window_days > 0) dedup_options.window_seconds = std::llround(o.window_days * 86400.0);
  Deduplicator dedup(index, dedup_options);

  // Reading, parsing and tokenizing run on their own thread, a record at a time, while this one
  // decides: a line of a pipe is answered as soon as it arrives, and a file is decided while the
  // rest of it is read. The shared state outlives this function: when deciding fails, the reader
  // may sit in a read() of stdin that only the writer can end, so it is left behind.
  struct Shared {
    Channel channel;
    Params params;
    std::promise<void> finished;
  };
  auto shared = std::make_shared<Shared>();
  shared->params = o.params;
  std::future<void> reader_finished = shared->finished.get_future();
  std::thread reader([shared, inputs = o.inputs, ingest] {
    Item last;
    last.kind = Item::end;
    try {
      Feeder feeder(shared->channel, shared->params);
      read_inputs(inputs, feeder, ingest);
    } catch (const Channel::Stopped&) {
      last.kind = Item::error;  // nobody is listening any more
    } catch (...) {
      last.kind = Item::error;
      last.failure = std::current_exception();
    }
    try {
      if (last.kind == Item::end || last.failure) shared->channel.push(std::move(last));
    } catch (const Channel::Stopped&) {
    }
    shared->finished.set_value();
  });

  std::ostream& out = std::cout;
  std::size_t records = 0, rejected = 0, written = 0, dropped = 0;
  std::vector<Document> group;             // decided in one transaction
  std::vector<PreparedArticle> group_ready;
  auto flush_group = [&] {
    if (group.empty()) return;
    const auto results = dedup.add(group, group_ready);
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
    group_ready.clear();
  };

  auto summary = [&] {
    if (o.quiet) return;
    const DedupStats& s = dedup.stats();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    char line[512];
    std::snprintf(line, sizeof line,
                  "wiretrace dedup: %zu records: %zu new, %zu copies, %zu duplicates, %zu seen "
                  "before, %zu rejected; %zu lines written, %zu dropped; the index holds %zu "
                  "articles (%.2f s)\n",
                  records, s.new_articles, s.copies, s.duplicates, s.seen, rejected,
                  written + rejected, dropped, index.size(), seconds);
    std::cerr << line;
  };

  int status = exit_ok;
  std::deque<Item> batch;  // taken from the channel, all at once
  try {
    for (bool more = true; more;) {
      // A group waits for more articles only while more are already queued: a stream is never
      // held back to fill a transaction.
      if (batch.empty() && !shared->channel.take_all(batch, false)) {
        flush_group();
        shared->channel.take_all(batch, true);
      }
      Item item = std::move(batch.front());
      batch.pop_front();
      switch (item.kind) {
        case Item::document:
          ++records;
          group.push_back(std::move(item.doc));
          group_ready.push_back(std::move(item.prepared));
          if (group.size() >= o.commit_every) flush_group();
          break;
        case Item::rejected:
          ++records;
          ++rejected;
          flush_group();  // lines stay in input order
          write_rejected_line(out, item.bad);
          write_checked(out);
          break;
        case Item::warning:
          if (!o.quiet)
            std::cerr << "wiretrace: warning: "
                      << detail::terminal_safe(item.bad.input + ": " + item.bad.reason) << "\n";
          break;
        case Item::error:
          flush_group();  // what came before the failure is decided and written
          try {
            std::rethrow_exception(item.failure);
          } catch (const BadInput& e) {
            // --on-error fail: the bad record is named, the articles before it stay decided.
            std::cerr << "wiretrace: " << detail::terminal_safe(e.what())
                      << " (--on-error fail: stopped here)\n";
            status = exit_bad_input;
          }
          more = false;
          break;
        case Item::end:
          flush_group();
          more = false;
          break;
      }
    }
  } catch (...) {
    // Deciding failed: stop the reader. It ends at its next record, unless it waits in a read()
    // of a pipe that stays open; then it is left behind (the process is about to exit).
    shared->channel.close();
    if (reader_finished.wait_for(std::chrono::seconds(2)) == std::future_status::ready) reader.join();
    else reader.detach();
    throw;
  }
  reader.join();
  summary();
  return status;
}

}  // namespace wiretrace::cli
