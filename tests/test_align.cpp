#include <doctest/doctest.h>

#include <random>

#include "test_support.hpp"
#include "wiretrace/align.hpp"

using namespace wiretrace;
using namespace wiretrace::test;

TEST_CASE("align: a verbatim passage is found with exact token and byte ranges") {
  std::mt19937_64 rng(61);
  const auto wire = random_words(rng, 100);
  const auto copy = concat({random_words(rng, 40), slice(wire, 30, 70), random_words(rng, 40)});
  const auto a = tokens_of(wire), b = tokens_of(copy);
  const auto passages = align(a, b);
  REQUIRE(passages.size() == 1);
  const auto& p = passages[0];
  CHECK(p.a_first == 30);
  CHECK(p.a_last == 70);
  CHECK(p.b_first == 40);
  CHECK(p.b_last == 80);
  CHECK(p.matched_words == 40);
  CHECK(p.a_begin == a[30].begin);
  CHECK(p.a_end == a[69].end);
  CHECK(p.b_begin == b[40].begin);
  CHECK(p.b_end == b[79].end);
}

TEST_CASE("align: light edits keep one passage") {
  std::mt19937_64 rng(62);
  const auto wire = random_words(rng, 120);
  SUBCASE("a swapped word") {
    auto copy = wire;
    copy[50] = 123456789;
    const auto passages = align(tokens_of(wire), tokens_of(copy));
    REQUIRE(passages.size() == 1);
    CHECK(passages[0].a_first == 0);
    CHECK(passages[0].a_last == 120);
    CHECK(passages[0].matched_words == 119);
  }
  SUBCASE("a word changed in every sentence") {
    auto copy = wire;
    for (std::size_t i = 7; i < copy.size(); i += 15) copy[i] = 900000000 + i;
    const auto passages = align(tokens_of(wire), tokens_of(copy));
    REQUIRE(passages.size() == 1);
    CHECK(passages[0].matched_words == 120 - 8);
  }
  SUBCASE("two words replaced by three") {
    const auto copy = concat({slice(wire, 0, 50), random_words(rng, 3), slice(wire, 52, 120)});
    const auto passages = align(tokens_of(wire), tokens_of(copy));
    REQUIRE(passages.size() == 1);
    CHECK(passages[0].b_last == 121);
  }
  SUBCASE("a dropped sentence") {
    // Sentences end after words 19, 39, 59, ...; the copy drops words 40..59.
    const std::vector<std::size_t> ends{19, 39, 59, 79, 99, 119};
    const auto copy = concat({slice(wire, 0, 40), slice(wire, 60, 120)});
    const std::string wire_text = text_of(wire, ends), copy_text = text_of(copy, {19, 39, 59, 79, 99});
    const auto passages = align(tokens_of(wire), tokens_of(copy), {}, wire_text, copy_text);
    REQUIRE(passages.size() == 1);
    CHECK(passages[0].a_last == 120);
    CHECK(passages[0].b_last == 100);
    CHECK(passages[0].matched_words == 100);
  }
  SUBCASE("an added sentence") {
    const auto copy = concat({slice(wire, 0, 60), random_words(rng, 15), slice(wire, 60, 120)});
    const std::string wire_text = text_of(wire, {59}), copy_text = text_of(copy, {59, 74});
    const auto passages = align(tokens_of(wire), tokens_of(copy), {}, wire_text, copy_text);
    REQUIRE(passages.size() == 1);
    CHECK(passages[0].b_last == 135);
  }
}

TEST_CASE("align: words cut from inside a sentence on one side split the passage") {
  // How a quote is lifted away from its attribution ("..., Chief Cabinet Secretary Yoshimasa
  // Hayashi said" becomes "..., Hayashi said"): each quoted run is its own passage.
  std::mt19937_64 rng(67);
  const auto wire = random_words(rng, 80);
  const auto copy = concat({slice(wire, 0, 30), slice(wire, 34, 80)});
  const auto passages = align(tokens_of(wire), tokens_of(copy), {}, text_of(wire, {79}),
                              text_of(copy, {75}));
  REQUIRE(passages.size() == 2);
  CHECK(passages[0].a_last == 30);
  CHECK(passages[1].a_first == 34);
  // The same cut without a sentence break is bridged when whole sentences are dropped instead.
  const auto whole = align(tokens_of(wire), tokens_of(copy), {}, text_of(wire, {29, 33, 79}),
                           text_of(copy, {29, 75}));
  CHECK(whole.size() == 1);
}

TEST_CASE("align: passages far apart stay separate, and their order follows a") {
  std::mt19937_64 rng(63);
  const auto wire = random_words(rng, 200);
  const auto copy = concat({slice(wire, 150, 180), random_words(rng, 300), slice(wire, 10, 40)});
  const auto passages = align(tokens_of(wire), tokens_of(copy));
  REQUIRE(passages.size() == 2);
  CHECK(passages[0].a_first == 10);
  CHECK(passages[0].b_first == 330);
  CHECK(passages[1].a_first == 150);
  CHECK(passages[1].b_first == 0);
}

TEST_CASE("align: a stray short match elsewhere does not cut a passage") {
  std::mt19937_64 rng(64);
  const auto wire = random_words(rng, 100);
  // b quotes wire[20..80) and, far away, repeats three words from the middle of that span.
  const auto copy = concat({slice(wire, 45, 48), random_words(rng, 60), slice(wire, 20, 80)});
  const auto passages = align(tokens_of(wire), tokens_of(copy));
  REQUIRE(passages.size() == 1);
  CHECK(passages[0].a_first == 20);
  CHECK(passages[0].a_last == 80);
}

TEST_CASE("align: phrases shorter than min_passage_words are not passages") {
  std::mt19937_64 rng(65);
  const auto wire = random_words(rng, 100);
  const auto copy = concat({random_words(rng, 50), slice(wire, 10, 17), random_words(rng, 50)});
  CHECK(align(tokens_of(wire), tokens_of(copy)).empty());
}

TEST_CASE("align: text printed twice in b aligns once") {
  std::mt19937_64 rng(66);
  const auto wire = random_words(rng, 50);
  const auto copy = concat({slice(wire, 0, 30), random_words(rng, 100), slice(wire, 0, 30)});
  const auto passages = align(tokens_of(wire), tokens_of(copy));
  REQUIRE(passages.size() == 1);
  CHECK(passages[0].matched_words == 30);
}

TEST_CASE("align: empty and tiny inputs") {
  CHECK(align({}, {}).empty());
  const auto t = tokens_of({1, 2});
  CHECK(align(t, t).empty());
}
