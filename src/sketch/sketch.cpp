#include "wiretrace/sketch.hpp"

#include <limits>

#include <tbb/parallel_for.h>

#include "detail/assert.hpp"
#include "detail/mix.hpp"

namespace wiretrace {
namespace {

constexpr std::uint32_t empty_bin = std::numeric_limits<std::uint32_t>::max();
// Values drawn from shingles fit in 31 bits; the top bit marks "empty" or "borrowed".
constexpr std::uint32_t max_value = empty_bin >> 1;

// Maps a 64-bit hash onto [0, n) without division bias worth caring about (Lemire's trick).
std::uint32_t reduce(std::uint64_t hash, std::uint32_t n) {
  return static_cast<std::uint32_t>(((hash >> 32) * n) >> 32);
}

}  // namespace

void minhash(std::span<const ShingleHash> shingles, std::uint64_t seed, std::span<std::uint32_t> out) {
  const auto bins = static_cast<std::uint32_t>(out.size());
  WIRETRACE_ASSERT(bins > 0);
  std::fill(out.begin(), out.end(), empty_bin);
  // One-permutation hashing: a single hash per shingle picks a bin (high bits) and a value (low
  // bits); each bin keeps its minimum. num_perm times less work than num_perm hash functions.
  // PERF: one multiply-shift and one compare per shingle; no branches but the min.
  const std::uint64_t salt = detail::fmix64(seed);
  bool any = false;
  for (const ShingleHash s : shingles) {
    if (s == 0) continue;  // masked boilerplate
    const std::uint64_t h = detail::fmix64(s ^ salt);
    const std::uint32_t bin = reduce(h, bins);
    const auto value = static_cast<std::uint32_t>(h) >> 1;  // top value reserved for "empty"
    if (value < out[bin]) out[bin] = value;
    any = true;
  }
  if (!any) return;
  // Optimal densification (Shrivastava 2017): an empty bin copies the bin chosen by a hash of
  // (bin, attempt) until it hits a filled one. The choice depends only on the bin index and the
  // seed, so two documents with the same filled bins borrow the same values, which keeps the
  // estimator unbiased.
  for (std::uint32_t bin = 0; bin < bins; ++bin) {
    if (out[bin] <= max_value) continue;
    for (std::uint64_t attempt = 1;; ++attempt) {
      const std::uint32_t donor = reduce(detail::combine(salt ^ bin, attempt), bins);
      if (out[donor] <= max_value) {
        // Tag borrowed values with the top bit so they cannot be borrowed in turn: donors must be
        // bins that were filled by shingles.
        out[bin] = out[donor] | ~max_value;
        break;
      }
    }
  }
  for (auto& v : out) v &= max_value;
}

Signatures sketch_all(const std::vector<ShingleSet>& sets, unsigned num_perm, std::uint64_t seed,
                      std::uint64_t stamp) {
  Signatures result;
  result.stamp = stamp;
  result.values.resize(static_cast<Eigen::Index>(sets.size()), num_perm);
  tbb::parallel_for(std::size_t{0}, sets.size(), [&](std::size_t i) {
    std::span<std::uint32_t> row(result.values.data() + i * num_perm, num_perm);
    minhash(sets[i].sequence, seed, row);  // duplicates and zeros change nothing
  });
  return result;
}

double estimate_jaccard(const Signatures& signatures, std::size_t a, std::size_t b) {
  const auto& m = signatures.values;
  const auto equal = (m.row(static_cast<Eigen::Index>(a)).array() ==
                      m.row(static_cast<Eigen::Index>(b)).array()).count();
  return static_cast<double>(equal) / static_cast<double>(m.cols());
}

}  // namespace wiretrace
