// `dedup -o FILE`: the output goes to a temporary file beside FILE and replaces FILE only when
// the run succeeds, so FILE is never half written: either the whole run's lines or, after a
// failure, what was there before (or nothing).
#pragma once
#include <fstream>
#include <iostream>
#include <string>

namespace wiretrace::cli {

class AtomicOutput {
 public:
  /// An empty path means stdout (written as it goes, nothing to replace). Throws Error
  /// (ErrorKind::io) when the temporary file cannot be created.
  explicit AtomicOutput(const std::string& path);
  ~AtomicOutput();  ///< without commit(): removes the temporary file, leaves FILE as it was
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  std::ostream& stream() { return path_.empty() ? std::cout : file_; }
  /// Flushes, syncs the temporary file to disk and renames it to FILE. Throws Error (io).
  void commit();
  const std::string& path() const { return path_; }

 private:
  std::string path_, temporary_;
  std::ofstream file_;
  bool committed_ = false;
};

}  // namespace wiretrace::cli
