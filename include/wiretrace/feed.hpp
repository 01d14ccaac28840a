// The feed driver: records streamed from inputs (files, folders, stdin) through a Deduplicator,
// one at a time, each outcome handed to a sink in input order as soon as it is committed. The
// CLI's `dedup` is this plus a sink that writes JSON lines; a library user streams the same way.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "wiretrace/dedup.hpp"
#include "wiretrace/document.hpp"
#include "wiretrace/ingest.hpp"

namespace wiretrace {

/// Receives a feed's records in input order.
class DedupSink {
 public:
  virtual ~DedupSink() = default;
  /// An article's decision, once the transaction holding it has committed, with the article
  /// as read (its Document::record too, when FeedOptions::ingest.keep_records).
  virtual void on_result(const Document& document, const DedupResult& result) = 0;
  /// A record that is not an article.
  virtual void on_rejected(const RejectedInput& rejected) = 0;
  /// A remark about an input (invalid UTF-8 kept as separators, an empty file).
  virtual void on_warning(const InputWarning& warning) = 0;
  /// Called after each committed group and after each rejected record: whatever was handed on
  /// so far is due now (a feeder writing one line at a time waits for its answer).
  virtual void flush() {}
};

struct FeedOptions {
  IngestOptions ingest;
  /// Articles per transaction at most; a group is committed as soon as no more input is
  /// waiting, so a stream is never held back to fill one.
  std::size_t commit_every = 1;
};

struct FeedSummary {
  std::size_t records = 0;   ///< articles + rejected
  std::size_t rejected = 0;
};

/// Streams the records of `inputs` through `dedup` into `sink`. A reader thread parses and
/// prepares each record (prepare_article) while this thread decides, in a bounded queue, so a
/// line of a pipe is answered as soon as it arrives and memory stays bounded on a large file.
/// Under options.ingest.fail_on_error the first bad record ends the run: every record before
/// it has been decided, committed and handed on, then BadInput is thrown. Other errors (the
/// index, the sink) stop the reader and propagate.
FeedSummary dedup_feed(const std::vector<std::string>& inputs, Deduplicator& dedup,
                       DedupSink& sink, const FeedOptions& options = {});

}  // namespace wiretrace
