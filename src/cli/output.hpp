// Where a command's report goes (stdout or -o FILE) and whether it may use colour.
#pragma once
#include <fstream>
#include <iostream>
#include <string>

namespace wiretrace::cli {

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
