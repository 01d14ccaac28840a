#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "test_support.hpp"
#include "wiretrace/candidates.hpp"
#include "wiretrace/verify.hpp"

using namespace wiretrace;
using namespace wiretrace::test;

namespace {

bool shares_fingerprint(std::vector<std::uint64_t> x, std::vector<std::uint64_t> y) {
  std::sort(x.begin(), x.end());
  std::sort(y.begin(), y.end());
  std::vector<std::uint64_t> common;
  std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(common));
  return !common.empty();
}

std::vector<std::uint64_t> fingerprints_of(const std::vector<std::uint64_t>& words) {
  return passage_fingerprints(shingles_of(words), 5, 8, 12);
}

}  // namespace

TEST_CASE("candidates: banding threshold is the closest to the one asked for") {
  const auto b = choose_bands(128, 0.5);
  CHECK(b.bands * b.rows <= 128);
  const double at = std::pow(1.0 / b.bands, 1.0 / b.rows);
  CHECK(std::abs(at - 0.5) < 0.05);
  const auto strict = choose_bands(128, 0.9);
  CHECK(std::pow(1.0 / strict.bands, 1.0 / strict.rows) > 0.8);
}

TEST_CASE("candidates: any shared run of min_run_words words shares a passage fingerprint") {
  // The winnowing guarantee, checked on planted runs of exactly the threshold length at random
  // places: recall must be 100%, not "high".
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 500; ++trial) {
    const auto wire = random_words(rng, 200);
    const std::size_t at = rng() % (200 - 12);
    const auto run = slice(wire, at, at + 12);
    const auto copy = concat({random_words(rng, rng() % 300), run, random_words(rng, rng() % 300)});
    CHECK(shares_fingerprint(fingerprints_of(wire), fingerprints_of(copy)));
  }
}

TEST_CASE("candidates: unrelated texts and short common phrases share no fingerprint") {
  std::mt19937_64 rng(12);
  int shared = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const auto a = random_words(rng, 300);
    const auto phrase = slice(a, 100, 107);  // 7 words: below anchor_words
    const auto b = concat({random_words(rng, 150), phrase, random_words(rng, 150)});
    shared += shares_fingerprint(fingerprints_of(a), fingerprints_of(b));
  }
  CHECK(shared == 0);
}

TEST_CASE("candidates: masked (boilerplate) positions never yield fingerprints") {
  std::mt19937_64 rng(13);
  const auto footer = random_words(rng, 40);
  auto a = shingles_of(concat({random_words(rng, 100), footer}));
  auto b = shingles_of(concat({random_words(rng, 100), footer}));
  CHECK(shares_fingerprint(passage_fingerprints(a, 5, 8, 12), passage_fingerprints(b, 5, 8, 12)));
  for (std::size_t i = 96; i < a.size(); ++i) a[i] = 0;  // the footer's shingles, masked
  for (std::size_t i = 96; i < b.size(); ++i) b[i] = 0;
  CHECK_FALSE(shares_fingerprint(passage_fingerprints(a, 5, 8, 12), passage_fingerprints(b, 5, 8, 12)));
}

TEST_CASE("candidates: passage pairs come from shared fingerprints, big buckets are capped") {
  const std::vector<std::vector<std::uint64_t>> fps{{1, 2}, {2, 3}, {4}, {1, 9}, {9}};
  CandidateStats stats;
  const auto pairs = passage_candidates(fps, 10, stats);
  const std::vector<CandidatePair> expected{{0, 1}, {0, 3}, {3, 4}};
  CHECK(pairs == expected);
  CHECK(stats.passage_pairs == 3);
  CandidateStats capped;
  CHECK(passage_candidates({{7}, {7}, {7}, {1}, {1}}, 2, capped) == std::vector<CandidatePair>{{3, 4}});
  CHECK(capped.capped_buckets == 1);
}

TEST_CASE("candidates: LSH recall against exact all-pairs Jaccard") {
  // Documents made of random words, some pairs sharing most of their text. Every pair with
  // Jaccard >= 0.7 must be proposed (banding at 0.5 gives them probability > 0.999), and pairs
  // below 0.2 should almost never be.
  std::mt19937_64 rng(21);
  std::vector<std::vector<std::uint64_t>> docs;
  for (int i = 0; i < 60; ++i) {
    auto base = random_words(rng, 150);
    docs.push_back(base);
    auto variant = base;
    for (int e = 0; e < static_cast<int>(rng() % 4); ++e) variant[rng() % variant.size()] = rng();
    docs.push_back(variant);
  }
  std::vector<ShingleSet> sets;
  for (const auto& d : docs) sets.push_back(set_of(d));
  const auto sig = sketch_all(sets, 128, 5, 1);
  CandidateStats stats;
  const auto pairs = lsh_candidates(sig, choose_bands(128, 0.5), 1000, stats);
  const std::set<CandidatePair> proposed(pairs.begin(), pairs.end());
  int high = 0, high_found = 0, low = 0, low_found = 0;
  for (std::uint32_t a = 0; a < docs.size(); ++a)
    for (std::uint32_t b = a + 1; b < docs.size(); ++b) {
      const double j = score_pair(sets[a], sets[b], 5).jaccard;
      const bool found = proposed.count({a, b}) > 0;
      if (j >= 0.7) { ++high; high_found += found; }
      if (j < 0.2) { ++low; low_found += found; }
    }
  CHECK(high >= 60);
  CHECK(high_found == high);
  CHECK(low_found <= low / 1000);
}

TEST_CASE("candidates: empty documents are never proposed") {
  std::vector<ShingleSet> sets(3);
  const auto sig = sketch_all(sets, 32, 1, 1);
  CandidateStats stats;
  CHECK(lsh_candidates(sig, choose_bands(32, 0.5), 100, stats).empty());
}

TEST_CASE("candidates: merge is a sorted union") {
  CHECK(merge_candidates({{0, 1}, {2, 3}}, {{0, 1}, {1, 2}}) ==
        std::vector<CandidatePair>{{0, 1}, {1, 2}, {2, 3}});
}
