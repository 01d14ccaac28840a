// Ingest, JSON Lines records: one line -> one Document (id, text and the optional metadata), or
// the reason it cannot be one. It parses with simdjson On-Demand; it does not split lines, check
// ids for uniqueness, or enforce the size limit (the Collector does).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include <simdjson.h>

#include "wiretrace/document.hpp"

namespace wiretrace::detail {

struct ParsedRecord {
  Document document;                  ///< every field but origin, when `rejection` is empty
  std::vector<std::string> warnings;  ///< remarks on a kept record (unparseable "published")
  std::string rejection;              ///< why the line is not an article; empty on success
};

class JsonlRecordParser {
 public:
  /// Parses `line[0, size)`; `capacity` >= size + simdjson::SIMDJSON_PADDING readable bytes.
  /// `record` is overwritten.
  void parse(const char* line, std::size_t size, std::size_t capacity, ParsedRecord& record);

 private:
  simdjson::ondemand::parser parser_;  // reused: its buffers grow once to the longest line
};

}  // namespace wiretrace::detail
