// Plain data flowing out of ingest: one Document per article, one RejectedInput per record that
// could not become an article. Every input record ends up in exactly one of the two lists.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wiretrace {

/// One article as read, text untouched (byte offsets everywhere refer to `text`).
struct Document {
  std::string id;         ///< unique within a run: relative path, file name, or the JSON `id`
  std::string text;       ///< UTF-8 as read; invalid sequences are kept and treated as separators
  std::string title;      ///< optional metadata, carried into the report
  std::string source;     ///< publisher; also scopes boilerplate detection
  std::string url;
  std::string published;  ///< ISO 8601 as given, empty when absent
  std::string lang;
  /// `published` as seconds since the Unix epoch (UTC); empty when absent or unparseable.
  std::optional<std::int64_t> published_unix;
  /// Where it came from, for messages: "path" or "path:line".
  std::string origin;
  /// The JSON Lines record as read (the line without its end, a BOM or trailing blanks), when
  /// IngestOptions::keep_records asked for it: the feed filter writes it back out with its
  /// decision added. Empty for a text file, and by default.
  std::string record;
};

/// An input record that could not become a Document, with the reason in words.
struct RejectedInput {
  std::string input;   ///< "path" or "path:line"
  std::string reason;  ///< e.g. "malformed JSON: missing \"text\""
  /// The record's id when it could be read before the record failed (an empty text, a duplicate
  /// id, a text too large, a wrongly typed "text"); empty otherwise.
  std::string id;
};

/// A record that was read but deserves a remark (invalid UTF-8 bytes, unparseable date).
struct InputWarning {
  std::string input;
  std::string message;
};

}  // namespace wiretrace
