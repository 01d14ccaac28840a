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

TEST_CASE("cluster: the original is the earliest when every member is dated") {
  const auto [index, basis] = choose_original({{200, 10, 100}, {100, 5, 300}, {150, 50, 100}});
  CHECK(index == 1);
  CHECK(basis == "published");
}

TEST_CASE("cluster: without dates on all members, the member holding most shared text wins") {
  const auto [index, basis] = choose_original({{std::nullopt, 40, 400}, {100, 90, 100}, {50, 60, 900}});
  CHECK(index == 1);
  CHECK(basis == "coverage");
}

TEST_CASE("cluster: coverage ties go to the shorter member (the copy adds header and footer)") {
  const auto [index, basis] = choose_original({{std::nullopt, 90, 130}, {std::nullopt, 90, 100}});
  CHECK(index == 1);
}
