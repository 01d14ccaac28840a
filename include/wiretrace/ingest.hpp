// Stage 0, ingest: paths (folders, text files, JSON Lines, .gz/.zst JSON Lines, "-" for stdin)
// -> Documents plus the rejected records. It reads and validates; it does not normalize text.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "wiretrace/document.hpp"

namespace wiretrace {

struct IngestOptions {
  /// Bytes: an article longer than this is rejected (its reason says the size and the limit).
  std::size_t max_document_bytes = std::size_t{64} << 20;
  /// Stop at the first rejected record by throwing Error (the CLI's --on-error fail).
  bool fail_on_error = false;
};

struct IngestResult {
  std::vector<Document> documents;  ///< in input order: arguments in order, folders sorted by path
  std::vector<RejectedInput> rejected;
  std::vector<InputWarning> warnings;
  std::size_t bytes_read = 0;  ///< uncompressed bytes of article text
};

/// Reads every input. A folder is read recursively (id = path relative to it, '/' separated,
/// sorted); `*.jsonl`, `*.jsonl.gz`, `*.jsonl.zst` and "-" (stdin) are JSON Lines with required
/// `id` and `text`; any other file is one article (id = its file name). A path that does not exist
/// throws Error; a bad record inside a readable input is rejected, not thrown (unless
/// fail_on_error). Duplicate ids: the later record is rejected, naming the first.
IngestResult read_inputs(const std::vector<std::string>& paths, const IngestOptions& options = {});

}  // namespace wiretrace
