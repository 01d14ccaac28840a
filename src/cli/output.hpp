// Where a command's report goes (stdout or -o FILE) and whether it may use colour.
#pragma once
#include <fstream>
#include <iostream>
#include <initializer_list>
#include <string>
#include <string_view>

namespace wiretrace::cli {

/// The report format of a command: `given` (--format) when the user gave one; else the one the
/// output file's extension names (.txt text, .json json, .jsonl/.ndjson jsonl, .html/.htm html;
/// any case); else `fallback`. A format named by the extension that is not in `accepted` is a
/// usage error (wiretrace::Error) rather than a report in the wrong format under that name.
std::string resolve_format(const std::string& given, const std::string& output_path,
                           std::initializer_list<std::string_view> accepted,
                           const std::string& fallback);

class Output {
 public:
  /// Opens `path` for writing; an empty path means stdout. Throws Error (ErrorKind::io).
  explicit Output(const std::string& path);
  std::ostream& stream() { return path_.empty() ? std::cout : file_; }
  /// Flushes; throws if anything failed to be written.
  void finish();
  /// --color auto|always|never, NO_COLOR, and whether stdout is a terminal.
  bool color(const std::string& mode) const;

 private:
  std::string path_;
  std::ofstream file_;
};

}  // namespace wiretrace::cli
