// Ingest, JSON Lines streams: decoded bytes -> lines -> records, each kept or rejected with its
// own line number, so one bad line never stops the file. Blank lines are not records.
#pragma once
#include <string>

#include "ingest/collector.hpp"
#include "ingest/decompress.hpp"

namespace wiretrace::detail {

/// Reads every line of `in`; `name` prefixes origins as "name:LINE" ("<stdin>" for stdin).
void read_jsonl(DecompressingReader& in, const std::string& name, Collector& out);

}  // namespace wiretrace::detail
