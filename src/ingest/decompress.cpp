#include "ingest/decompress.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include <zlib.h>
#include <zstd.h>

namespace wiretrace::detail {

Compression sniff_compression(std::string_view head) {
  if (head.starts_with("\x1f\x8b")) return Compression::gzip;
  if (head.starts_with("\x28\xb5\x2f\xfd")) return Compression::zstd;
  return Compression::none;
}

namespace {

// True when `head` is a prefix of a magic number (or empty).
bool could_be_magic(std::string_view head) {
  for (const std::string_view magic : {std::string_view("\x1f\x8b"), std::string_view("\x28\xb5\x2f\xfd")})
    if (magic.starts_with(head)) return true;
  return false;
}

}  // namespace

const char* compression_name(Compression compression) {
  switch (compression) {
    case Compression::gzip: return "gzip";
    case Compression::zstd: return "zstd";
    case Compression::none: break;
  }
  return "uncompressed";
}

struct DecompressingReader::Codec {
  explicit Codec(InputFile& f) : file(f), input(std::size_t{1} << 17) {}
  ~Codec() {
    if (compression == Compression::gzip) inflateEnd(&zlib);
    if (zstd) ZSTD_freeDCtx(zstd);
  }

  // Refills `input` once its bytes are consumed; false at the end of the file.
  bool refill() {
    if (begin < end) return true;
    if (at_eof) return false;
    begin = 0;
    end = file.read_some(input.data(), input.size());
    at_eof = end == 0;
    return end > 0;
  }

  std::size_t read_plain(char* out, std::size_t size) {
    if (begin < end) {
      const std::size_t n = std::min(size, end - begin);
      std::memcpy(out, input.data() + begin, n);
      begin += n;
      return n;
    }
    // PERF: past the peeked head, plain data goes straight from the file to the caller.
    return at_eof ? 0 : file.read_some(out, size);
  }

  // Bytes already decoded in this call are handed out first; the error surfaces on the next call,
  // so every complete line before the damage is still read.
  std::size_t fail(std::size_t produced, std::string message) {
    if (produced == 0) throw CorruptData(std::move(message));
    deferred_error = std::move(message);
    return produced;
  }

  std::size_t read_gzip(char* out, std::size_t size) {
    const auto capacity = static_cast<uInt>(std::min<std::size_t>(size, 1u << 30));
    zlib.next_out = reinterpret_cast<Bytef*>(out);
    zlib.avail_out = capacity;
    while (zlib.avail_out > 0 && !finished) {
      // Hand out what is decoded rather than wait for more input (a pipe fed line by line).
      if (begin == end && zlib.avail_out < capacity) break;
      if (member_ended) {
        // Concatenated gzip members (pigz, `cat a.gz b.gz`) form one stream; anything else
        // after a member fails the header check below and is reported as corrupt.
        if (!refill()) {
          finished = true;
          break;
        }
        inflateReset(&zlib);
        member_ended = false;
      }
      const bool have_input = refill();
      zlib.next_in = reinterpret_cast<Bytef*>(input.data() + begin);
      zlib.avail_in = static_cast<uInt>(end - begin);
      const uInt out_before = zlib.avail_out;
      const int status = inflate(&zlib, Z_NO_FLUSH);
      begin = end - zlib.avail_in;
      const std::size_t produced = capacity - zlib.avail_out;
      if (status == Z_STREAM_END) member_ended = true;
      else if (status == Z_BUF_ERROR && !have_input && zlib.avail_out == out_before)
        return fail(produced, "gzip data ends before the end of the compressed stream");
      else if (status != Z_OK && status != Z_BUF_ERROR)
        return fail(produced, std::string("corrupt gzip data (") +
                                  (zlib.msg ? zlib.msg : "inflate failed") + ")");
    }
    return capacity - zlib.avail_out;
  }

  std::size_t read_zstd(char* out, std::size_t size) {
    ZSTD_outBuffer output{out, size, 0};
    while (output.pos < output.size && !finished) {
      if (begin == end && output.pos > 0) break;  // as for gzip: no waiting with output in hand
      const bool have_input = refill();
      // Status 0 means the last frame is decoded and flushed: at the end of the file, that is
      // the clean end (asking zstd again would only report that it awaits a next frame).
      if (!have_input && !frame_pending) {
        finished = true;
        break;
      }
      ZSTD_inBuffer in{input.data() + begin, end - begin, 0};
      const std::size_t before = output.pos;
      const std::size_t status = ZSTD_decompressStream(zstd, &output, &in);
      begin += in.pos;
      if (ZSTD_isError(status))
        return fail(output.pos,
                    std::string("corrupt zstd data (") + ZSTD_getErrorName(status) + ")");
      frame_pending = status != 0;
      if (!have_input && output.pos == before)
        return fail(output.pos, "zstd data ends before the end of the compressed frame");
    }
    return output.pos;
  }

  InputFile& file;
  std::vector<char> input;
  std::size_t begin = 0, end = 0;  // unread compressed bytes are input[begin, end)
  bool at_eof = false;
  Compression compression = Compression::none;
  z_stream zlib{};
  ZSTD_DCtx* zstd = nullptr;
  bool member_ended = false, frame_pending = false, finished = false;
  std::string deferred_error;
  std::string put_back;          // bytes handed back, served before anything else
  std::size_t put_back_at = 0;   // how many of them were served
};

DecompressingReader::DecompressingReader(InputFile& file) : codec_(std::make_unique<Codec>(file)) {
  Codec& c = *codec_;
  // A pipe may deliver the magic bytes in pieces: gather up to four before deciding, but only
  // while they could still be one (a feeder that writes a short first line and waits for its
  // answer must not wait forever).
  while (c.end < 4 && !c.at_eof && could_be_magic(std::string_view(c.input.data(), c.end))) {
    const std::size_t n = file.read_some(c.input.data() + c.end, c.input.size() - c.end);
    c.end += n;
    c.at_eof = n == 0;
  }
  c.compression = sniff_compression(std::string_view(c.input.data(), c.end));
  if (c.compression == Compression::gzip) {
    // 15 + 32: largest window, and let zlib detect the gzip (or zlib) header itself.
    if (inflateInit2(&c.zlib, 15 + 32) != Z_OK) throw std::bad_alloc();
  } else if (c.compression == Compression::zstd) {
    c.zstd = ZSTD_createDCtx();
    if (!c.zstd) throw std::bad_alloc();
  }
}

DecompressingReader::~DecompressingReader() = default;

void DecompressingReader::put_back(std::string bytes) {
  Codec& c = *codec_;
  c.put_back.erase(0, c.put_back_at);
  c.put_back.insert(0, bytes);
  c.put_back_at = 0;
}

std::size_t DecompressingReader::read(char* out, std::size_t size) {
  if (size == 0) return 0;
  if (Codec& c = *codec_; c.put_back_at < c.put_back.size()) {
    const std::size_t n = std::min(size, c.put_back.size() - c.put_back_at);
    std::memcpy(out, c.put_back.data() + c.put_back_at, n);
    c.put_back_at += n;
    if (c.put_back_at == c.put_back.size()) {
      c.put_back.clear();
      c.put_back.shrink_to_fit();
      c.put_back_at = 0;
    }
    return n;
  }
  if (!codec_->deferred_error.empty()) throw CorruptData(codec_->deferred_error);
  switch (codec_->compression) {
    case Compression::gzip: return codec_->read_gzip(out, size);
    case Compression::zstd: return codec_->read_zstd(out, size);
    case Compression::none: break;
  }
  return codec_->read_plain(out, size);
}

Compression DecompressingReader::compression() const { return codec_->compression; }

}  // namespace wiretrace::detail
