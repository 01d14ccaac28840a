#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "wiretrace/cluster.hpp"

using namespace wiretrace;

namespace {

ScoredPair pair(std::uint32_t a, std::uint32_t b) {
  ScoredPair p;
  p.a = a;
  p.b = b;
  return p;
}

}  // namespace

TEST_CASE("cluster: connected components, singletons excluded, largest first") {
  const auto families = build_families(8, {pair(5, 6), pair(0, 3), pair(3, 7), pair(1, 7)});
  REQUIRE(families.size() == 2);
  CHECK(families[0].members == std::vector<std::uint32_t>{0, 1, 3, 7});
  CHECK(families[0].pairs.size() == 3);
  CHECK(families[1].members == std::vector<std::uint32_t>{5, 6});
}

TEST_CASE("cluster: the result does not depend on the order of the pairs") {
  std::vector<ScoredPair> pairs{pair(0, 1), pair(2, 3), pair(1, 2), pair(4, 5), pair(6, 9)};
  const auto reference = build_families(10, pairs);
  std::mt19937 rng(5);
  for (int t = 0; t < 20; ++t) {
    std::shuffle(pairs.begin(), pairs.end(), rng);
    const auto families = build_families(10, pairs);
    REQUIRE(families.size() == reference.size());
    for (std::size_t f = 0; f < families.size(); ++f) {
      CHECK(families[f].members == reference[f].members);
      REQUIRE(families[f].pairs.size() == reference[f].pairs.size());
      for (std::size_t p = 0; p < families[f].pairs.size(); ++p)
        CHECK(families[f].pairs[p].a == reference[f].pairs[p].a);
    }
  }
}

namespace {

OriginalEvidence evidence(std::optional<std::int64_t> published, std::uint32_t shared,
                          std::uint32_t words, std::uint32_t boilerplate = 0,
                          std::vector<std::uint32_t> contained_in = {}) {
  return {published, shared, words, boilerplate, std::move(contained_in)};
}

}  // namespace

TEST_CASE("cluster: the original is the earliest when every member is dated") {
  const auto choice = choose_original({evidence(200, 10, 100), evidence(100, 5, 300), evidence(150, 50, 100)});
  CHECK(choice.index == 1);
  CHECK(choice.basis == OriginalBasis::published);
  CHECK(choice.confidence == Confidence::high);
}

TEST_CASE("cluster: dates on some members only: the text decides") {
  const auto choice = choose_original({evidence(std::nullopt, 40, 400), evidence(100, 90, 100), evidence(50, 60, 900)});
  CHECK(choice.index == 1);
  CHECK(choice.basis == OriginalBasis::coverage);
  CHECK(choice.confidence == Confidence::high);
}

TEST_CASE("cluster: equal earliest dates are settled by the text") {
  const auto choice = choose_original({evidence(100, 50, 400, 30), evidence(100, 51, 380, 0), evidence(300, 60, 500)});
  CHECK(choice.index == 1);
  CHECK(choice.basis == OriginalBasis::published);
  CHECK(choice.confidence == Confidence::medium);
}

TEST_CASE("cluster: a whole copy with the publisher's header and footer loses to the bare wire") {
  // The copy may even share a word or two more (its header joins the first sentence).
  const auto choice = choose_original({evidence(std::nullopt, 602, 632, 30), evidence(std::nullopt, 601, 601, 0)});
  CHECK(choice.index == 1);
  CHECK(choice.confidence == Confidence::medium);
}

TEST_CASE("cluster: a trimmed copy sits inside the wire and loses to it") {
  const auto choice = choose_original({evidence(std::nullopt, 300, 300, 0, {1}), evidence(std::nullopt, 300, 600, 0)});
  CHECK(choice.index == 1);
}

TEST_CASE("cluster: an article embedding wire quotes loses to the wire, which is mostly reused") {
  // Seed 000 and 002: the same 172 words shared; 000 has 376 words, 002 has 1,399.
  const auto choice = choose_original({evidence(std::nullopt, 172, 1399), evidence(std::nullopt, 172, 376)});
  CHECK(choice.index == 1);
  CHECK(choice.confidence == Confidence::low);
}
