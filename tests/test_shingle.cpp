#include <doctest/doctest.h>

#include <algorithm>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "test_support.hpp"
#include "wiretrace/error.hpp"

using namespace wiretrace;
using namespace wiretrace::test;

TEST_CASE("shingle: one hash per window of k words, in order") {
  const std::vector<std::uint64_t> words{1, 2, 3, 4, 5, 6, 7};
  const auto s = shingles_of(words, 5);
  REQUIRE(s.size() == 3);
  CHECK(s[0] != s[1]);
  CHECK(s[1] != s[2]);
  // The same window of words anywhere gives the same hash.
  const auto shifted = shingles_of({9, 9, 2, 3, 4, 5, 6}, 5);
  CHECK(shifted[2] == s[1]);
}

TEST_CASE("shingle: k up to 32 hashes whole windows, above 32 throws instead of overrunning") {
  // Found by tests/fuzz/fuzz_tokenize.cpp: k = 33..40 wrote past the 32-hash window buffer.
  // (The values themselves are pinned in test_known_answers.cpp.)
  std::vector<std::uint64_t> words(40);
  for (std::size_t i = 0; i < words.size(); ++i) words[i] = 1000 + i;
  const auto s = shingles_of(words, 32);
  REQUIRE(s.size() == 9);
  // The first window is words 0..31: its last word counts, the word after it does not.
  auto changed = words;
  changed[31] = 7;
  CHECK(shingles_of(changed, 32)[0] != s[0]);
  changed = words;
  changed[32] = 7;
  CHECK(shingles_of(changed, 32)[0] == s[0]);
  CHECK(shingles_of(changed, 32)[1] != s[1]);
  const auto tokens = tokens_of(words);
  CHECK_THROWS_AS(shingle_hashes(tokens, 33), Error);
  CHECK_THROWS_AS(shingle_hashes(tokens, 40), Error);
  CHECK_THROWS_AS(shingle_hashes({}, 33), Error);
}

TEST_CASE("shingle: word order matters") {
  CHECK(shingles_of({1, 2, 3, 4, 5})[0] != shingles_of({2, 1, 3, 4, 5})[0]);
}

TEST_CASE("shingle: short texts give one shingle, empty texts none") {
  CHECK(shingles_of({}, 5).empty());
  CHECK(shingles_of({1, 2}, 5).size() == 1);
  CHECK(shingles_of({1, 2}, 5)[0] == shingles_of({1, 2}, 5)[0]);
  CHECK(shingles_of({1, 2}, 5)[0] != shingles_of({1, 3}, 5)[0]);
}

TEST_CASE("shingle: a window whose hash is 0 becomes 1, since 0 marks masked positions") {
  // XXH3 of the 8 bytes of this token hash has a zero top half: found by trying token hashes
  // from 0 up (about 2^31 tries). A one-word text is one window of that word, for any k.
  constexpr std::uint64_t zero_top_half = 0x7a24d28cULL;
  REQUIRE((XXH3_64bits(&zero_top_half, sizeof zero_top_half) >> 32) == 0);  // still the input it was
  const std::vector<Token> one_word{{0, 7, zero_top_half}};
  CHECK(shingle_hashes(one_word, 1) == std::vector<ShingleHash>{1});
  CHECK(shingle_hashes(one_word, 5) == std::vector<ShingleHash>{1});
  // Among other windows (k = 1: one per word), only that one is changed.
  const std::vector<Token> three{{0, 7, 5}, {8, 15, zero_top_half}, {16, 23, 6}};
  const auto s = shingle_hashes(three, 1);
  REQUIRE(s.size() == 3);
  CHECK(s[1] == 1);
  CHECK(s[0] == shingle_hashes(std::vector<Token>{three[0]}, 1)[0]);
  CHECK(s[0] > 1);
  CHECK(s[2] > 1);
}

TEST_CASE("shingle: a set keeps the sequence and its distinct non-zero values") {
  auto seq = shingles_of({1, 2, 3, 4, 5, 1, 2, 3, 4, 5});
  seq[2] = 0;
  const auto set = make_shingle_set(seq, 10);
  CHECK(set.sequence == seq);
  CHECK(set.words == 10);
  // 12345 23451 (34512 masked) 45123 51234 (12345 again): four distinct, in first-seen order.
  CHECK(set.distinct_count == 4);
  CHECK(distinct_shingles(set) == std::vector<ShingleHash>{seq[0], seq[1], seq[3], seq[4]});
}
