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

// ---- choose_original, rule by rule -------------------------------------------------------------
// Each case below is decided by one rule of choose_original and would name another member (or
// give another confidence) if that rule were skipped: the dates, the "about as much shared text"
// slack (3% or 16 words), the least boilerplate (give or take 8 words), the trimmed copy inside a
// longer member, and the most reused share.

TEST_CASE("original rule, dates: every member dated, the earliest wins against the text") {
  // By text alone the last member wins (most shared words, no rival within the slack).
  const auto choice = choose_original({evidence(300, 100, 100), evidence(200, 100, 100), evidence(400, 900, 900)});
  CHECK(choice.index == 1);
  CHECK(choice.basis == OriginalBasis::published);
  CHECK(choice.confidence == Confidence::high);
}

TEST_CASE("original rule, dates: one undated member hands the choice to the text") {
  const auto choice = choose_original({evidence(100, 100, 100), evidence(std::nullopt, 900, 900)});
  CHECK(choice.index == 1);
  CHECK(choice.basis == OriginalBasis::coverage);
}

TEST_CASE("original rule, dates: a tie on the earliest date is settled by the text of the tied only") {
  // Member 2 is later, so it cannot win although its text would; of the tied 0 and 1, 1 shares
  // more.
  const auto choice = choose_original({evidence(100, 100, 100), evidence(100, 500, 500), evidence(300, 900, 900)});
  CHECK(choice.index == 1);
  CHECK(choice.basis == OriginalBasis::published);
  CHECK(choice.confidence == Confidence::medium);
  // Containment does not follow the tied into their own choice (its indices name members of the
  // whole family): 0 sits inside the later 2, which would make the tied 3 (index 2 among the
  // tied) look like its container and drop 0, which is the most reused of the tied.
  const auto tied = choose_original({evidence(100, 300, 300, 0, {2}), evidence(100, 300, 350),
                                     evidence(500, 300, 900), evidence(100, 300, 1000)});
  CHECK(tied.index == 0);
  CHECK(tied.confidence == Confidence::medium);
}

TEST_CASE("original rule, slack: 16 words more shared is a tie, 17 words more is not") {
  // The member sharing more carries a footer; when the two tie on shared text, the bare one wins
  // on boilerplate (medium); when they do not, the one sharing more stands out (high).
  const auto tie = choose_original({evidence(std::nullopt, 316, 346, 30), evidence(std::nullopt, 300, 300)});
  CHECK(tie.index == 1);
  CHECK(tie.confidence == Confidence::medium);
  const auto apart = choose_original({evidence(std::nullopt, 317, 347, 30), evidence(std::nullopt, 300, 300)});
  CHECK(apart.index == 0);
  CHECK(apart.confidence == Confidence::high);
}

TEST_CASE("original rule, slack: above 533 words shared, 3% of the most is a tie") {
  // 3% of 1,000 is 30 words, more than 16: 30 words apart tie, 31 do not.
  const auto tie = choose_original({evidence(std::nullopt, 1000, 1040, 40), evidence(std::nullopt, 970, 970)});
  CHECK(tie.index == 1);
  CHECK(tie.confidence == Confidence::medium);
  const auto apart = choose_original({evidence(std::nullopt, 1000, 1040, 40), evidence(std::nullopt, 969, 969)});
  CHECK(apart.index == 0);
  CHECK(apart.confidence == Confidence::high);
}

TEST_CASE("original rule, boilerplate: the least boilerplate stays, give or take 8 words") {
  // Without the rule, member 0 would win on reused share (600 of its 602 own words against 595
  // of 700).
  const auto bare = choose_original({evidence(std::nullopt, 600, 632, 30), evidence(std::nullopt, 595, 700)});
  CHECK(bare.index == 1);
  CHECK(bare.basis == OriginalBasis::coverage);
  CHECK(bare.confidence == Confidence::medium);
  // 8 masked words are a repeated phrase, not a footer: both stay, and reuse decides (low).
  const auto phrase = choose_original({evidence(std::nullopt, 600, 608, 8), evidence(std::nullopt, 595, 700)});
  CHECK(phrase.index == 0);
  CHECK(phrase.confidence == Confidence::low);
  const auto footer = choose_original({evidence(std::nullopt, 600, 609, 9), evidence(std::nullopt, 595, 700)});
  CHECK(footer.index == 1);
  CHECK(footer.confidence == Confidence::medium);
}

TEST_CASE("original rule, trimmed copy: a member inside a longer member drops out") {
  // Member 0 is all shared text (share 1.0) and would win on reuse; it sits inside member 2,
  // which is longer, so 1 and 2 remain and 2 is the more reused of them.
  const auto choice = choose_original({evidence(std::nullopt, 300, 300, 0, {2}),
                                       evidence(std::nullopt, 300, 900), evidence(std::nullopt, 300, 400)});
  CHECK(choice.index == 2);
  CHECK(choice.confidence == Confidence::low);
  // With one member left, containment decided: medium.
  const auto alone = choose_original({evidence(std::nullopt, 300, 300, 0, {1}), evidence(std::nullopt, 300, 600)});
  CHECK(alone.index == 1);
  CHECK(alone.confidence == Confidence::medium);
}

TEST_CASE("original rule, trimmed copy: only inside a longer candidate, never a shorter or an equal one") {
  // 0 and 1 are whole copies of each other, the same length: neither is trimmed, and of the
  // three, 0 is the first of the most reused (were they dropped, 2 would be left alone).
  const auto equal = choose_original({evidence(std::nullopt, 300, 300, 0, {1}), evidence(std::nullopt, 300, 300, 0, {0}),
                                      evidence(std::nullopt, 300, 310)});
  CHECK(equal.index == 0);
  CHECK(equal.confidence == Confidence::low);
  // "Inside" a member that the boilerplate rule removed does not count either.
  const auto removed = choose_original({evidence(std::nullopt, 300, 300, 0, {1}), evidence(std::nullopt, 300, 900, 40),
                                        evidence(std::nullopt, 300, 500)});
  CHECK(removed.index == 0);
}

TEST_CASE("original rule, reuse: of the candidates left, the most reused share wins, then the first") {
  const auto choice = choose_original({evidence(std::nullopt, 400, 1000), evidence(std::nullopt, 400, 500),
                                       evidence(std::nullopt, 400, 800)});
  CHECK(choice.index == 1);
  CHECK(choice.confidence == Confidence::low);
  // Boilerplate is not the member's own text: 400 of (450 - 5) beats 400 of 448.
  const auto own = choose_original({evidence(std::nullopt, 400, 448), evidence(std::nullopt, 400, 450, 5)});
  CHECK(own.index == 1);
  const auto tie = choose_original({evidence(std::nullopt, 400, 500), evidence(std::nullopt, 400, 500)});
  CHECK(tie.index == 0);
}

TEST_CASE("original rule, containment: name_original counts a pair at 95% containment as inside") {
  // Two members: 0 (300 words, wholly shared) and 1 (600 words). Containment of 0 in 1 at 0.95
  // makes 0 a trimmed copy; at 0.94 it is not, and 0 wins on reuse.
  for (const double containment : {0.95, 0.94}) {
    CAPTURE(containment);
    Family family;
    family.members = {4, 9};
    ScoredPair p = pair(4, 9);
    p.containment_ab = containment;
    p.containment_ba = 0.5;
    family.pairs = {p};
    const auto original = name_original(family, {evidence(std::nullopt, 300, 300), evidence(std::nullopt, 300, 600)});
    CHECK(original == (containment >= 0.95 ? 9u : 4u));
    CHECK(family.members.front() == original);
    CHECK(family.original == original);
    CHECK(family.wire_in_input);
  }
}
