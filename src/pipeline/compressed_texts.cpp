#include "pipeline/compressed_texts.hpp"

#include <numeric>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <zstd.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "detail/assert.hpp"
#include "wiretrace/error.hpp"

namespace wiretrace::detail {
namespace {

// Level 1: the fastest; text still shrinks about threefold.
constexpr int compression_level = 1;

struct Contexts {
  ZSTD_CCtx* compress = ZSTD_createCCtx();
  ZSTD_DCtx* decompress = ZSTD_createDCtx();
  Contexts() = default;
  Contexts(const Contexts&) = delete;
  Contexts& operator=(const Contexts&) = delete;
  ~Contexts() {
    ZSTD_freeCCtx(compress);
    ZSTD_freeDCtx(decompress);
  }
};

tbb::enumerable_thread_specific<Contexts>& contexts() {
  static tbb::enumerable_thread_specific<Contexts> per_thread;
  return per_thread;
}

void check(std::size_t code, const char* what) {
  if (ZSTD_isError(code)) throw Error(std::string(what) + " an article text: " + ZSTD_getErrorName(code));
}

}  // namespace

void CompressedTexts::take(std::vector<Document>& documents) {
  frames_.resize(documents.size());
  held_.assign(documents.size(), 1);
  tbb::parallel_for(std::size_t{0}, documents.size(), [&](std::size_t d) {
    std::string& text = documents[d].text;
    std::string& frame = frames_[d];
    frame.resize(ZSTD_compressBound(text.size()));
    const std::size_t size = ZSTD_compressCCtx(contexts().local().compress, frame.data(), frame.size(),
                                               text.data(), text.size(), compression_level);
    check(size, "could not compress");
    frame.resize(size);
    frame.shrink_to_fit();
    std::string().swap(text);  // release the memory, not only the length
  });
#if defined(__GLIBC__)
  // Give back the pages the texts freed whole; the rest of their memory is reused by the small
  // allocations of the stages that follow (with one malloc arena: see src/cli/main.cpp).
  malloc_trim(0);
#endif
}

void CompressedTexts::restore(std::vector<Document>& documents, std::span<const std::uint32_t> which) {
  tbb::parallel_for(std::size_t{0}, which.size(), [&](std::size_t i) {
    const std::uint32_t d = which[i];
    if (!holds(d)) return;
    std::string& frame = frames_[d];
    const auto size = ZSTD_getFrameContentSize(frame.data(), frame.size());
    WIRETRACE_ASSERT(size != ZSTD_CONTENTSIZE_ERROR && size != ZSTD_CONTENTSIZE_UNKNOWN);
    std::string& text = documents[d].text;
    text.resize(size);
    check(ZSTD_decompressDCtx(contexts().local().decompress, text.data(), text.size(), frame.data(),
                              frame.size()),
          "could not decompress");
    std::string().swap(frame);
    held_[d] = 0;
  });
}

void CompressedTexts::restore_all(std::vector<Document>& documents) {
  std::vector<std::uint32_t> all(held_.size());
  std::iota(all.begin(), all.end(), 0u);
  restore(documents, all);
}

}  // namespace wiretrace::detail
