// Ingest, text checks: byte-level facts about an article's text that decide whether it is kept
// (blank text is not an article) and what to remark on (invalid UTF-8). Nothing is modified.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace wiretrace::detail {

struct Utf8Problems {
  std::size_t first_offset = 0;       ///< byte offset of the first invalid sequence
  std::size_t invalid_sequences = 0;  ///< maximal invalid subparts, as a decoder would replace them
};

/// Empty when `bytes` is valid UTF-8 (no overlongs, surrogates, or code points above U+10FFFF).
std::optional<Utf8Problems> find_invalid_utf8(std::string_view bytes);

/// The warning ingest attaches to an article with invalid UTF-8.
std::string invalid_utf8_message(const Utf8Problems& problems);

/// Control characters that text does not hold but binary data (or a terminal capture) does:
/// C0 bytes other than tab, line feed, vertical tab, form feed and carriage return, DEL (0x7f),
/// and C1 controls (U+0080..U+009F, written C2 80..C2 9F in UTF-8). Invalid UTF-8 is not counted
/// here (find_invalid_utf8 counts it).
std::size_t count_control_characters(std::string_view bytes);

/// True when `text` holds only whitespace: ASCII, Unicode spaces, zero-width space, BOM.
bool is_blank(std::string_view text);

}  // namespace wiretrace::detail
