// Stage 0, ingest: paths (folders, text files, JSON Lines, .gz/.zst JSON Lines, "-" for stdin)
// -> Documents plus the rejected records. It reads and validates; it does not normalize text.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "wiretrace/document.hpp"
#include "wiretrace/error.hpp"

namespace wiretrace {

/// How a file is read: one article (text), or one article per line (JSON Lines).
enum class InputFormat {
  /// By name: `*.jsonl`, `*.ndjson` (also `.gz`, `.zst`) are JSON Lines, `*.txt`/`*.text` text;
  /// any other file (`.json`, no extension, a pipe such as /dev/fd/63) is JSON Lines when its
  /// first non-blank line is a JSON object with an "id" or "text" member, else text.
  /// Standard input ("-") is JSON Lines.
  auto_detect,
  text,   ///< every file (and "-") is one article
  jsonl,  ///< every file is JSON Lines
};

/// The id of an article read from a text file (JSON Lines records carry their own).
enum class IdFrom {
  /// Its path inside the folder argument it was found in ("sport/199.txt"), or the file name of a
  /// file argument: short, but two arguments can hold the same name (`a/x.txt b/x.txt`).
  name,
  /// The path as given: the folder argument joined with the path inside it ("a/sport/199.txt"),
  /// or the file argument itself.
  path,
};

/// "auto", "text", "jsonl"; "name", "path".
const char* to_string(InputFormat format);
const char* to_string(IdFrom id_from);

struct IngestOptions {
  /// Bytes: an article longer than this is rejected as "too large" (its reason says the size
  /// and the limit). 16 MiB is some hundred times the longest news article: a record this size
  /// is a dump or a mistake, and as one "article" it would join every family it quotes.
  std::size_t max_document_bytes = std::size_t{16} << 20;
  /// Stop at the first rejected record by throwing BadInput (the CLI's --on-error fail).
  bool fail_on_error = false;
  InputFormat input_format = InputFormat::auto_detect;
  IdFrom id_from = IdFrom::name;
  /// Keep each JSON Lines record's own line in Document::record (the feed filter writes the
  /// records back out). Off by default: it doubles the memory a batch run holds per article.
  bool keep_records = false;
};

struct IngestResult {
  std::vector<Document> documents;  ///< in input order: arguments in order, folders sorted by path
  std::vector<RejectedInput> rejected;
  std::vector<InputWarning> warnings;
  std::size_t bytes_read = 0;  ///< uncompressed bytes of article text
};

/// Reads every input. A folder is read recursively (sorted; ids as IdFrom says); each file is
/// JSON Lines (required `id` and `text`) or one article, as InputFormat says; "-" is stdin.
/// A path that does not exist throws Error (every path is checked before anything is read); a bad
/// record inside a readable input is rejected, not thrown (unless fail_on_error). Duplicate ids:
/// the later record is rejected, naming the first. An empty JSON Lines file holds no records and
/// gets a warning. Text files: one with a NUL byte, or with more than a fifth of its bytes not
/// UTF-8 text (invalid sequences and control characters), is rejected as binary; a little invalid
/// UTF-8 (a stray Latin-1 byte) is kept with a warning, and so is a text file that looks like
/// JSON Lines. A JSON Lines field of the wrong type that is not required is left out, with a
/// warning.
IngestResult read_inputs(const std::vector<std::string>& paths, const IngestOptions& options = {});

/// Throws Error, with the words read_inputs would use, when a path is empty or does not exist.
void check_input_paths(const std::vector<std::string>& paths);

/// Receives the records of the streaming read_inputs one by one, in input order.
class InputSink {
 public:
  virtual ~InputSink() = default;
  /// An article, with the remarks about it (invalid UTF-8 bytes, an unparseable date).
  virtual void on_document(Document document, std::vector<InputWarning> warnings) = 0;
  /// A record that is not an article.
  virtual void on_rejected(RejectedInput rejected) = 0;
  /// A remark about an input that holds no record (an empty JSON Lines file).
  virtual void on_warning(InputWarning warning) = 0;
};

/// read_inputs, handing each record to `sink` as soon as it is read: a line of a pipe as soon as
/// its newline arrives, not at the end of the input. Same rules, same order, same exceptions
/// (a BadInput under fail_on_error comes after every record before the bad one was handed on).
void read_inputs(const std::vector<std::string>& paths, InputSink& sink,
                 const IngestOptions& options = {});

}  // namespace wiretrace
