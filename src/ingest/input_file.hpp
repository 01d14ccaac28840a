// Ingest, raw input: one open file descriptor (a path or standard input) that reads bytes and
// reports failures with the path and the system's words. It neither decodes nor interprets.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace wiretrace::detail {

class InputFile {
 public:
  InputFile() = default;
  ~InputFile();
  InputFile(InputFile&& other) noexcept;
  InputFile& operator=(InputFile&& other) noexcept;
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  /// Opens `path` for reading. Returns 0, or the errno of the failure (nothing is thrown so that
  /// the caller decides whether an unopenable file is fatal or a rejected record).
  int open(const std::string& path);
  /// Standard input; named "<stdin>" in messages and never closed.
  static InputFile standard_input();

  /// Up to `size` bytes; 0 only at the end of the file. Throws Error("name: strerror") on failure.
  std::size_t read_some(char* out, std::size_t size);
  /// Size in bytes when this is a regular file (pipes and terminals have none).
  std::optional<std::uint64_t> regular_size() const;
  /// The remaining content, but at most `limit` bytes (a pipe or device may never end).
  /// `expected` is a size hint (from regular_size).
  std::string read_all(std::optional<std::uint64_t> expected, std::size_t limit);

  const std::string& name() const { return name_; }

 private:
  int fd_ = -1;
  bool owned_ = false;
  std::string name_;
};

}  // namespace wiretrace::detail
