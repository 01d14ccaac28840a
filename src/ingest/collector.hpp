// Ingest, collection: the one place every record ends up, kept as a Document or listed as a
// RejectedInput, either gathered into an IngestResult or handed to an InputSink as it comes.
// It enforces the rules that hold across inputs (unique ids, size limit, blank text,
// stop-at-first-rejection); the readers decide how bytes become records.
#pragma once
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "wiretrace/ingest.hpp"

namespace wiretrace::detail {

/// "too large: article of N bytes exceeds the limit of M bytes (--max-bytes)"
std::string oversize_reason(std::size_t size, std::size_t limit);

class Collector {
 public:
  /// Gathers everything; take() returns it.
  explicit Collector(const IngestOptions& options) : options_(options) {}
  /// Hands each record to `sink` (which must outlive the collector) at once.
  Collector(const IngestOptions& options, InputSink& sink) : options_(options), sink_(&sink) {}

  /// What a record is: a line of JSON Lines (its id is its own) or a text file (its id comes from
  /// its path, so a duplicate is often two folders holding the same file name).
  enum Kind { from_record, from_file };

  /// Keeps `document` unless its text is blank or too long or its id was seen before; `warnings`
  /// (about document.origin) are reported only when it is kept.
  void add(Document document, std::vector<std::string> warnings = {}, Kind kind = from_record);
  /// Lists a record that cannot become a Document (with its id, when it could be read); throws
  /// BadInput instead under fail_on_error.
  void reject(std::string input, std::string reason, std::string id = {});
  /// A remark about an input that is no record (it holds none).
  void warn(std::string input, std::string message);

  std::size_t max_document_bytes() const { return options_.max_document_bytes; }
  const IngestOptions& options() const { return options_; }
  IngestResult take() && { return std::move(result_); }

 private:
  IngestOptions options_;
  InputSink* sink_ = nullptr;
  IngestResult result_;
  // id -> number of the kept record (index in result_.documents when gathering)
  std::unordered_map<std::string, std::size_t> first_with_id_;
  std::vector<std::string> kept_origins_;  // with a sink only: origins of the kept records
};

}  // namespace wiretrace::detail
