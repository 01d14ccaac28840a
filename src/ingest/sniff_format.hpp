// Ingest, formats: which files are JSON Lines. The name decides when it says (`*.jsonl`,
// `*.ndjson`, `*.txt`, with or without `.gz`/`.zst`); otherwise the first non-blank line does.
// Sniffing reads through the DecompressingReader and hands the bytes back, so a pipe loses none.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "ingest/decompress.hpp"

namespace wiretrace::detail {

enum class NameSays { jsonl, text, nothing };

/// `.jsonl`/`.ndjson` (JSON Lines) or `.txt`/`.text` (text) at the end of `name`, before an
/// optional `.gz` or `.zst`; any case. Anything else says nothing.
NameSays format_by_name(std::string_view name);

/// True when `line` (one line, without its newline) is a JSON object with an "id" or a "text"
/// member: a JSON Lines record, well-formed or nearly (a record with invalid UTF-8 counts).
bool is_jsonl_record(std::string_view line);

/// What sniffing found, and the bytes it read to find it.
struct Sniffed {
  bool jsonl = false;
  std::string head;       ///< decoded bytes read so far
  std::string corrupt;    ///< non-empty when the compressed data broke before a decision
};

/// Reads `in` until its first non-blank line is complete (or the data ends, or `limit` bytes
/// came without one), and says whether that line is a JSON Lines record. A line longer than
/// `limit` counts as one when it starts like a JSON object with a quoted key.
Sniffed sniff_jsonl(DecompressingReader& in, std::size_t limit);

/// For a text article: the number (from 1) of the first line among its first 10 non-blank lines
/// that is a JSON Lines record, or 0. A text file that holds one is probably a feed read as text.
std::size_t first_jsonl_record_line(std::string_view text);

}  // namespace wiretrace::detail
