#include <doctest/doctest.h>

#include <random>
#include <set>

#include "test_support.hpp"
#include "wiretrace/verify.hpp"

using namespace wiretrace;
using namespace wiretrace::test;

TEST_CASE("verify: scores of a planted passage") {
  std::mt19937_64 rng(31);
  const auto wire = random_words(rng, 100);
  const auto copy = concat({random_words(rng, 50), slice(wire, 20, 60), random_words(rng, 30)});
  const auto a = set_of(wire), b = set_of(copy);
  const auto p = score_pair(a, b, 5);
  CHECK(p.longest_run == 40);
  CHECK(p.shared_words == 40);
  CHECK(p.shared_shingles == 36);  // 40 words hold 36 five-word shingles
  CHECK(p.jaccard == doctest::Approx(36.0 / (96 + 116 - 36)));
  CHECK(p.containment_ab == doctest::Approx(36.0 / 96));
  CHECK(p.containment_ba == doctest::Approx(36.0 / 116));
}

TEST_CASE("verify: an edited word splits a run, and shared words count each word once") {
  std::mt19937_64 rng(32);
  const auto wire = random_words(rng, 60);
  auto copy = wire;
  copy[30] = 999999999;  // one substituted word
  const auto p = score_pair(set_of(wire), set_of(copy), 5);
  CHECK(p.longest_run == 30);           // words 0..29 (shingles ending before word 30)
  CHECK(p.shared_words == 30 + 29);     // words 31..59 on the other side
}

TEST_CASE("verify: scores agree with brute-force set arithmetic on random pairs") {
  std::mt19937_64 rng(33);
  for (int t = 0; t < 50; ++t) {
    const auto x = random_words(rng, 80 + rng() % 50);
    const auto y = concat({slice(x, 0, rng() % 60), random_words(rng, rng() % 40)});
    const auto sx = shingles_of(x), sy = shingles_of(y);
    const std::set<ShingleHash> X(sx.begin(), sx.end()), Y(sy.begin(), sy.end());
    std::size_t common = 0;
    for (auto h : X) common += Y.count(h);
    const auto p = score_pair(set_of(x), set_of(y), 5);
    CHECK(p.shared_shingles == common);
    if (!Y.empty()) CHECK(p.jaccard == doctest::Approx(double(common) / (X.size() + Y.size() - common)));
  }
}

TEST_CASE("verify: masked positions neither match nor extend runs") {
  std::mt19937_64 rng(34);
  const auto text = random_words(rng, 40);
  auto masked = shingles_of(text);
  for (std::size_t i = 10; i < 20; ++i) masked[i] = 0;
  const auto p = score_pair(make_shingle_set(masked, 40), set_of(text), 5);
  // Shingles 0..9 cover words 0..13; shingles 20..35 cover words 20..39: two runs, not one.
  CHECK(p.longest_run == 20);
  CHECK(p.shared_words == 14 + 20);
  CHECK(p.shared_shingles == 26);
}

TEST_CASE("verify: the decision rule uses the run length or whole-text Jaccard") {
  Params params;
  ScoredPair p;
  p.longest_run = params.min_run_words - 1;
  p.jaccard = params.min_jaccard - 0.01;
  CHECK_FALSE(shares_wire_copy(p, params));
  p.longest_run = params.min_run_words;
  CHECK(shares_wire_copy(p, params));
  p.longest_run = 0;
  p.jaccard = params.min_jaccard;
  CHECK(shares_wire_copy(p, params));
}

TEST_CASE("verify: score_candidates keeps candidate order and indices") {
  std::mt19937_64 rng(35);
  std::vector<ShingleSet> sets;
  for (int i = 0; i < 4; ++i) sets.push_back(set_of(random_words(rng, 30)));
  const auto scored = score_candidates(sets, {{2, 3}, {0, 1}}, 5);
  REQUIRE(scored.size() == 2);
  CHECK(scored[0].a == 2);
  CHECK(scored[0].b == 3);
  CHECK(scored[1].a == 0);
}
