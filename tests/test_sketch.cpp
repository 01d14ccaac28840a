#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include "detail/threads.hpp"
#include "test_support.hpp"
#include "wiretrace/error.hpp"
#include "wiretrace/sketch.hpp"

using namespace wiretrace;

namespace {

// Two sets with exactly `shared` common elements out of `union_size`, split evenly otherwise.
std::pair<std::vector<ShingleHash>, std::vector<ShingleHash>> sets_with_jaccard(
    std::mt19937_64& rng, std::size_t union_size, double jaccard) {
  const auto shared = static_cast<std::size_t>(std::llround(jaccard * static_cast<double>(union_size)));
  std::vector<ShingleHash> a, b;
  for (std::size_t i = 0; i < union_size; ++i) {
    const ShingleHash h = rng() | 1;
    if (i < shared) { a.push_back(h); b.push_back(h); }
    else if (i % 2 == 0) a.push_back(h);
    else b.push_back(h);
  }
  return {a, b};
}

double estimate(const std::vector<ShingleHash>& a, const std::vector<ShingleHash>& b,
                std::uint64_t seed, unsigned num_perm) {
  std::vector<std::uint32_t> sa(num_perm), sb(num_perm);
  minhash(a, seed, sa);
  minhash(b, seed, sb);
  unsigned equal = 0;
  for (unsigned i = 0; i < num_perm; ++i) equal += sa[i] == sb[i];
  return static_cast<double>(equal) / num_perm;
}

}  // namespace

TEST_CASE("sketch: the estimator matches exact Jaccard within the theoretical bounds") {
  // For K values, an unbiased MinHash estimate has standard deviation sqrt(J(1-J)/K). Over T
  // independent seeds the mean must sit within 4 standard errors of J (using that spread even
  // for small sets, where the true spread is larger, keeps the bias check strict), and the observed spread
  // must not exceed the theoretical one by more than 25% (nor collapse, which would mean the
  // values are not independent draws).
  constexpr unsigned K = 128;
  constexpr int trials = 300;
  std::mt19937_64 rng(2024);
  for (const std::size_t union_size : {2000u, 300u, 60u}) {
    for (const double j : {0.1, 0.3, 0.5, 0.8, 0.95}) {
      CAPTURE(union_size);
      CAPTURE(j);
      double sum = 0, sum_sq = 0, exact = 0;
      for (int t = 0; t < trials; ++t) {
        const auto [a, b] = sets_with_jaccard(rng, union_size, j);
        exact = static_cast<double>(std::llround(j * static_cast<double>(union_size))) / union_size;
        const double e = estimate(a, b, rng(), K);
        sum += e;
        sum_sq += e * e;
      }
      const double mean = sum / trials;
      const double spread = std::sqrt(std::max(0.0, sum_sq / trials - mean * mean));
      const double sigma = std::sqrt(exact * (1 - exact) / K);
      CHECK(std::abs(mean - exact) < 4 * sigma / std::sqrt(trials) + 1e-9);
      // Sets smaller than K fill fewer bins than K; densification then repeats values, so the
      // K-sample spread bound only applies to sets of at least K shingles (articles, in practice).
      if (union_size >= 2 * K) {
        CHECK(spread < 1.25 * sigma);
        CHECK(spread > 0.5 * sigma);
      }
    }
  }
}

TEST_CASE("sketch: identical sets match everywhere, disjoint ones almost nowhere") {
  std::mt19937_64 rng(1);
  const auto [a, b] = sets_with_jaccard(rng, 500, 0.0);
  CHECK(estimate(a, a, 42, 128) == 1.0);
  CHECK(estimate(a, b, 42, 128) < 0.05);
}

TEST_CASE("sketch: zeros (masked shingles) and duplicates do not change the signature") {
  std::vector<ShingleHash> plain{11, 22, 33, 44}, noisy{11, 0, 22, 22, 33, 0, 44, 11};
  std::vector<std::uint32_t> x(64), y(64);
  minhash(plain, 5, x);
  minhash(noisy, 5, y);
  CHECK(x == y);
}

TEST_CASE("sketch: an empty set gives all-ones, which no real set produces") {
  std::vector<std::uint32_t> empty(32), one(32);
  minhash({}, 9, empty);
  minhash(std::vector<ShingleHash>{0, 0}, 9, one);
  CHECK(std::all_of(empty.begin(), empty.end(), [](auto v) { return v == ~0u; }));
  CHECK(one == empty);
  minhash(std::vector<ShingleHash>{12345}, 9, one);
  CHECK(std::none_of(one.begin(), one.end(), [](auto v) { return v == ~0u; }));
}

TEST_CASE("sketch: sketch_all fills rows in input order, the same on 1, 2 and 3 threads, stamped") {
  std::mt19937_64 rng(3);
  std::vector<ShingleSet> sets;
  for (int i = 0; i < 300; ++i)
    sets.push_back(make_shingle_set(test::shingles_of(test::random_words(rng, 20 + rng() % 200)), 220));
  // Three threads on a smaller machine too: the scheduler's default allows one per core.
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 3);
  for (const unsigned threads : {1u, 2u, 3u}) {
    CAPTURE(threads);
    // detail::with_threads is what the drivers run their stages in (Params::threads).
    const auto sig = detail::with_threads(threads, [&] {
      CHECK(tbb::this_task_arena::max_concurrency() == static_cast<int>(threads));
      return sketch_all(sets, 64, 77, 0xabc);
    });
    CHECK(sig.stamp == 0xabc);
    REQUIRE(sig.values.rows() == 300);
    REQUIRE(sig.values.cols() == 64);
    // Row r is set r's signature, computed here alone on this thread.
    std::vector<std::uint32_t> row(64);
    std::size_t rows_equal = 0;
    for (std::size_t r = 0; r < sets.size(); ++r) {
      minhash(sets[r].sequence, 77, row);
      bool equal = true;
      for (unsigned i = 0; i < 64; ++i) equal = equal && sig.values(static_cast<Eigen::Index>(r), i) == row[i];
      rows_equal += equal;
    }
    CHECK(rows_equal == sets.size());
    CHECK(estimate_jaccard(sig, 17, 17) == 1.0);
  }
}
