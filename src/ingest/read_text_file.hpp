// Ingest, plain files: one file -> one article whose text is the file's bytes, untouched (CRLF,
// BOM and invalid UTF-8 stay, because later byte offsets refer to them). Empty, binary (a NUL
// byte, or more than a fifth of it invalid UTF-8 or control characters), compressed and oversize
// files are rejected; a little invalid UTF-8, or text that looks like JSON Lines, is kept with a
// warning.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "ingest/collector.hpp"
#include "ingest/decompress.hpp"
#include "ingest/input_file.hpp"

namespace wiretrace::detail {

/// Reads all of `file` as the article `id`; `origin` names it in messages.
void read_text_file(InputFile& file, std::string id, std::string origin, Collector& out);

/// The same for a file read through `in` to sniff its format: `head` holds the bytes read so far,
/// `size` the file's size when it is a regular file. A compressed file is rejected (only JSON
/// Lines is decompressed).
void read_text_after_sniff(DecompressingReader& in, std::string head,
                           std::optional<std::uint64_t> size, std::string id, std::string origin,
                           Collector& out);

}  // namespace wiretrace::detail
