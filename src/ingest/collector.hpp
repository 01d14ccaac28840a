// Ingest, collection: the one place every record ends up, kept as a Document or listed as a
// RejectedInput. It enforces the rules that hold across inputs (unique ids, size limit, blank
// text, stop-at-first-rejection); the readers decide how bytes become records.
#pragma once
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "wiretrace/ingest.hpp"

namespace wiretrace::detail {

/// "article of N bytes exceeds the limit of M bytes"
std::string oversize_reason(std::size_t size, std::size_t limit);

class Collector {
 public:
  explicit Collector(const IngestOptions& options) : options_(options) {}

  /// Keeps `document` unless its text is blank or too long or its id was seen before; `warnings`
  /// (about document.origin) are reported only when it is kept.
  void add(Document document, std::vector<std::string> warnings = {});
  /// Lists a record that cannot become a Document; throws Error instead under fail_on_error.
  void reject(std::string input, std::string reason);

  std::size_t max_document_bytes() const { return options_.max_document_bytes; }
  IngestResult take() && { return std::move(result_); }

 private:
  IngestOptions options_;
  IngestResult result_;
  std::unordered_map<std::string, std::size_t> first_with_id_;  // id -> index in documents
};

}  // namespace wiretrace::detail
