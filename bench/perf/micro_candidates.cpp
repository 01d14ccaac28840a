// Microbenchmarks: LSH bucketing (lsh_candidates over N signatures, 25 bands x 5 rows) and
// passage_fingerprints (winnowing one article's 8-word anchors). References: all-pairs banding
// by brute force (a pair is a candidate iff some band's rows are equal), and the winnowing
// guarantee (a planted 12-word run always shares a fingerprint; unrelated text shares none).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>
#include <vector>

#include "micro_support.hpp"
#include "wiretrace/candidates.hpp"
#include "wiretrace/normalize.hpp"
#include "wiretrace/params.hpp"
#include "wiretrace/shingle.hpp"

namespace wiretrace::micro {
namespace {

constexpr unsigned num_perm = 128;

/// Random signatures, and every 10th document a copy of band `d % bands` of the document before
/// it: those pairs, and only those (up to 2^-32 collisions), share a band.
Signatures planted_signatures(std::size_t n, LshBands bands, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Signatures s;
  s.values.resize(static_cast<Eigen::Index>(n), num_perm);
  for (Eigen::Index i = 0; i < s.values.rows(); ++i)
    for (Eigen::Index j = 0; j < s.values.cols(); ++j) s.values(i, j) = static_cast<std::uint32_t>(rng());
  for (std::size_t d = 1; d < n; d += 10) {
    const unsigned band = static_cast<unsigned>(d % bands.bands);
    for (unsigned r = 0; r < bands.rows; ++r) {
      const auto col = static_cast<Eigen::Index>(band * bands.rows + r);
      s.values(static_cast<Eigen::Index>(d), col) = s.values(static_cast<Eigen::Index>(d - 1), col);
    }
  }
  s.stamp = sketch_stamp(Params{});
  return s;
}

LshBands default_bands() { return choose_bands(num_perm, Params{}.lsh_threshold); }

const bool lsh_checked = register_check("lsh_candidates", [] {
  const LshBands bands = default_bands();
  if (bands.bands * bands.rows > num_perm) return std::string("bands x rows exceeds num_perm");
  for (const std::size_t n : {std::size_t{50}, std::size_t{2000}}) {
    const Signatures s = planted_signatures(n, bands, n);
    std::vector<CandidatePair> expected;
    for (std::uint32_t a = 0; a < n; ++a)
      for (std::uint32_t b = a + 1; b < n; ++b)
        for (unsigned band = 0; band < bands.bands; ++band) {
          bool equal = true;
          for (unsigned r = 0; r < bands.rows && equal; ++r)
            equal = s.values(a, band * bands.rows + r) == s.values(b, band * bands.rows + r);
          if (equal) {
            expected.push_back({a, b});
            break;
          }
        }
    CandidateStats stats;
    auto got = lsh_candidates(s, bands, Params{}.max_bucket, stats);
    std::sort(got.begin(), got.end());
    if (got != expected)
      return std::to_string(n) + " signatures: " + std::to_string(got.size()) +
             " LSH pairs, brute-force banding finds " + std::to_string(expected.size());
    if (expected.size() < n / 10) return std::string("planted pairs missing from the reference");
  }
  return std::string();
});

void BM_lsh_candidates(benchmark::State& state) {
  const LshBands bands = default_bands();
  const auto n = static_cast<std::size_t>(state.range(0));
  const Signatures s = planted_signatures(n, bands, 1);
  std::size_t pairs = 0;
  for (auto _ : state) {
    CandidateStats stats;
    auto got = lsh_candidates(s, bands, Params{}.max_bucket, stats);
    pairs = got.size();
    benchmark::DoNotOptimize(got.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
  state.counters["pairs"] = static_cast<double>(pairs);
}
BENCHMARK(BM_lsh_candidates)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

std::vector<ShingleHash> shingles_of(const std::string& text) {
  return shingle_hashes(tokenize(text), Params{}.shingle_k);
}

std::vector<std::uint64_t> fingerprints_of(const std::vector<ShingleHash>& shingles) {
  const Params p;
  return passage_fingerprints(shingles, p.shingle_k, p.anchor_words, p.min_run_words);
}

bool share(std::vector<std::uint64_t> a, std::vector<std::uint64_t> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::vector<std::uint64_t> both;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
  return !both.empty();
}

const bool fingerprints_checked = register_check("passage_fingerprints", [] {
  const Params p;
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 200; ++trial) {
    const auto a = synthetic_words(rng, 600), b = synthetic_words(rng, 600);
    const auto fa = fingerprints_of(shingles_of(a.text));
    auto sorted = fa;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
      return std::string("fingerprints are not distinct");
    // Winnowing keeps about 2 / (window + 1) of the anchors.
    const double anchors = 600.0 - p.anchor_words + 1;
    const double density = static_cast<double>(fa.size()) / anchors;
    if (density < 0.2 || density > 0.5) return "density " + std::to_string(density) + " of anchors kept";
    if (share(fa, fingerprints_of(shingles_of(b.text))))
      return std::string("unrelated synthetic texts share a fingerprint");
    // Plant a run of exactly min_run_words words of a into b, anywhere.
    std::uniform_int_distribution<std::size_t> from(0, 600 - p.min_run_words), to(0, 600);
    auto words = b.words;
    const std::size_t f = from(rng), t = to(rng);
    words.insert(words.begin() + static_cast<std::ptrdiff_t>(t), a.words.begin() + static_cast<std::ptrdiff_t>(f),
                 a.words.begin() + static_cast<std::ptrdiff_t>(f + p.min_run_words));
    std::string planted;
    for (const auto& w : words) planted += w + ' ';
    if (!share(fa, fingerprints_of(shingles_of(planted))))
      return "a planted run of " + std::to_string(p.min_run_words) + " words shares no fingerprint";
  }
  return std::string();
});

void BM_passage_fingerprints(benchmark::State& state) {
  const std::string text = ascii_folded(seed_news());
  const auto shingles = shingles_of(text);
  for (auto _ : state) {
    auto f = fingerprints_of(shingles);
    benchmark::DoNotOptimize(f.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * shingles.size()));
}
BENCHMARK(BM_passage_fingerprints)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace wiretrace::micro
