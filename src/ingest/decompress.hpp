// Ingest, decompression: streams the bytes of an input file, inflating gzip or zstd data as its
// first bytes announce (the name is not trusted). It knows nothing of lines or JSON.
#pragma once
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "ingest/input_file.hpp"

namespace wiretrace::detail {

enum class Compression { none, gzip, zstd };

/// The compression announced by the magic bytes at the start of a stream.
Compression sniff_compression(std::string_view head);
/// "gzip", "zstd" or "uncompressed".
const char* compression_name(Compression compression);

/// Compressed data that cannot be decoded (corrupt or cut short). Ingest turns it into a rejected
/// record; it never escapes read_inputs.
class CorruptData : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class DecompressingReader {
 public:
  /// Reads `file` (which must outlive the reader), peeking at its first bytes to pick the codec.
  explicit DecompressingReader(InputFile& file);
  ~DecompressingReader();
  DecompressingReader(const DecompressingReader&) = delete;
  DecompressingReader& operator=(const DecompressingReader&) = delete;

  /// Up to `size` decoded bytes; 0 only at the end of the data. Throws CorruptData.
  std::size_t read(char* out, std::size_t size);
  /// Hands `bytes` back: the next reads return them before anything else (they are what was read
  /// to sniff the format, so nothing read is lost).
  void put_back(std::string bytes);
  Compression compression() const;

 private:
  struct Codec;
  std::unique_ptr<Codec> codec_;
};

}  // namespace wiretrace::detail
