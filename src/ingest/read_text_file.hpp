// Ingest, plain files: one file -> one article whose text is the file's bytes, untouched (CRLF,
// BOM and invalid UTF-8 stay, because later byte offsets refer to them). Empty, binary (a NUL
// byte, or more than a fifth of the bytes invalid UTF-8 or control characters) and oversize files
// are rejected; a little invalid UTF-8 is kept with a warning.
#pragma once
#include <string>

#include "ingest/collector.hpp"
#include "ingest/input_file.hpp"

namespace wiretrace::detail {

/// Reads all of `file` as the article `id`; `origin` names it in messages.
void read_text_file(InputFile& file, std::string id, std::string origin, Collector& out);

}  // namespace wiretrace::detail
