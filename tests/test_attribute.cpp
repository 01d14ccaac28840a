#include <doctest/doctest.h>

#include <random>

#include "test_support.hpp"
#include "wiretrace/attribute.hpp"

using namespace wiretrace;
using namespace wiretrace::test;

namespace {

MemberText member_of(const std::vector<Token>& tokens, std::uint32_t trailing_bytes = 3) {
  MemberText m;
  m.tokens = tokens;
  m.bytes = tokens.empty() ? trailing_bytes : tokens.back().end + trailing_bytes;
  return m;
}

// The invariant every report relies on: passages in order, no gap, no overlap, [0, bytes).
void check_tiling(const MemberPassages& mp, std::uint32_t bytes) {
  REQUIRE_FALSE(mp.passages.empty());
  CHECK(mp.passages.front().start == 0);
  CHECK(mp.passages.back().end == bytes);
  for (std::size_t i = 0; i < mp.passages.size(); ++i) {
    CHECK(mp.passages[i].start < mp.passages[i].end);
    if (i > 0) CHECK(mp.passages[i].start == mp.passages[i - 1].end);
  }
}

}  // namespace

TEST_CASE("attribute: a copy's reused passage points at the original, the rest is added") {
  std::mt19937_64 rng(71);
  const auto wire_words = random_words(rng, 60);
  const auto copy_words = concat({random_words(rng, 30), slice(wire_words, 10, 50), random_words(rng, 20)});
  const auto wire = tokens_of(wire_words), copy = tokens_of(copy_words);
  const std::vector<MemberText> members{member_of(wire), member_of(copy)};
  const auto result = attribute_family(members, 0, {{1, 0, align(copy, wire)}});

  const auto& c = result[1];
  check_tiling(c, members[1].bytes);
  REQUIRE(c.passages.size() == 3);
  CHECK(c.passages[0].kind == PassageKind::added);
  CHECK(c.passages[1].kind == PassageKind::reused);
  CHECK(c.passages[1].start == copy[30].begin);
  CHECK(c.passages[1].end == copy[70].begin);  // bytes after the last word join it
  CHECK(c.passages[1].source == 0);
  CHECK(c.passages[1].source_start == wire[10].begin);
  CHECK(c.passages[1].source_end == wire[49].end);
  CHECK(c.passages[2].kind == PassageKind::added);
  CHECK(c.reused_words == 40);
  CHECK(c.added_words == 50);

  const auto& w = result[0];
  check_tiling(w, members[0].bytes);
  REQUIRE(w.passages.size() == 3);
  CHECK(w.passages[1].kind == PassageKind::original);
  CHECK(w.passages[1].start == wire[10].begin);
  CHECK(w.reused_words == 40);
  CHECK(w.added_words == 20);
}

TEST_CASE("attribute: boilerplate words get their own kind and are never reused") {
  std::mt19937_64 rng(72);
  const auto wire_words = random_words(rng, 40);
  const auto copy_words = concat({wire_words, random_words(rng, 20)});
  const auto wire = tokens_of(wire_words), copy = tokens_of(copy_words);
  MemberText c = member_of(copy);
  c.boilerplate.assign(copy.size(), false);
  for (std::size_t t = 40; t < 60; ++t) c.boilerplate[t] = true;
  const auto result = attribute_family({member_of(wire), c}, 0, {{1, 0, align(copy, wire)}});
  REQUIRE(result[1].passages.size() == 2);
  CHECK(result[1].passages[1].kind == PassageKind::boilerplate);
  CHECK(result[1].boilerplate_words == 20);
  CHECK(result[1].added_words == 0);
}

TEST_CASE("attribute: earlier alignments take priority, later ones fill what is left") {
  std::mt19937_64 rng(73);
  const auto wire_words = random_words(rng, 50);
  const auto extra = random_words(rng, 30);  // text two copies share but the wire lacks
  const auto c1_words = concat({wire_words, extra});
  const auto c2_words = concat({slice(wire_words, 0, 30), extra});
  const auto wire = tokens_of(wire_words), c1 = tokens_of(c1_words), c2 = tokens_of(c2_words);
  const std::vector<MemberText> members{member_of(wire), member_of(c1), member_of(c2)};
  const auto result = attribute_family(members, 0,
                                       {{2, 0, align(c2, wire)}, {2, 1, align(c2, c1)}});
  const auto& p = result[2].passages;
  REQUIRE(p.size() == 2);
  CHECK(p[0].source == 0);
  CHECK(p[1].source == 1);
  CHECK(p[1].start == c2[30].begin);
  check_tiling(result[2], members[2].bytes);
}

TEST_CASE("attribute: the tiling invariant holds on random families") {
  std::mt19937_64 rng(74);
  for (int trial = 0; trial < 100; ++trial) {
    const auto wire_words = random_words(rng, 1 + rng() % 200);
    std::vector<std::vector<Token>> tokens{tokens_of(wire_words)};
    for (int c = 0; c < 3; ++c) {
      const std::size_t from = rng() % wire_words.size();
      const std::size_t to = from + rng() % (wire_words.size() - from + 1);
      tokens.push_back(tokens_of(concat({random_words(rng, rng() % 50), slice(wire_words, from, to),
                                         random_words(rng, rng() % 50)})));
    }
    std::vector<MemberText> members;
    for (const auto& t : tokens) members.push_back(member_of(t, rng() % 4));
    std::vector<MemberAlignment> alignments;
    for (std::uint32_t c = 1; c < tokens.size(); ++c) alignments.push_back({c, 0, align(tokens[c], tokens[0])});
    const auto result = attribute_family(members, 0, alignments);
    for (std::size_t m = 0; m < members.size(); ++m) {
      if (members[m].bytes == 0) continue;
      check_tiling(result[m], members[m].bytes);
      CHECK(result[m].reused_words + result[m].added_words + result[m].boilerplate_words ==
            tokens[m].size());
    }
  }
}
