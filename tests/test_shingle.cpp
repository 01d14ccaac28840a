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

TEST_CASE("shingle: a hash is the top 32 bits of XXH3 over the k word hashes") {
  // Pinned because the dedup index stores these values: changing them orphans every index.
  const auto tokens = tokens_of({11, 22, 33, 44, 55, 66});
  std::vector<std::uint64_t> word_hashes;
  for (const Token& t : tokens) word_hashes.push_back(t.hash);
  const auto s = shingle_hashes(tokens, 5);
  REQUIRE(s.size() == 2);
  for (std::size_t i = 0; i < s.size(); ++i)
    CHECK(s[i] == static_cast<ShingleHash>(XXH3_64bits(word_hashes.data() + i, 5 * sizeof(std::uint64_t)) >> 32));
}

TEST_CASE("shingle: k up to 32 hashes whole windows, above 32 throws instead of overrunning") {
  // Found by tests/fuzz/fuzz_tokenize.cpp: k = 33..40 wrote past the 32-hash window buffer.
  std::vector<std::uint64_t> words(40);
  for (std::size_t i = 0; i < words.size(); ++i) words[i] = 1000 + i;
  const auto tokens = tokens_of(words);
  std::vector<std::uint64_t> word_hashes;
  for (const Token& t : tokens) word_hashes.push_back(t.hash);
  const auto s = shingle_hashes(tokens, 32);
  REQUIRE(s.size() == 9);
  for (std::size_t i = 0; i < s.size(); ++i)
    CHECK(s[i] == static_cast<ShingleHash>(
                      XXH3_64bits(word_hashes.data() + i, 32 * sizeof(std::uint64_t)) >> 32));
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

TEST_CASE("shingle: the value 0 never occurs (it marks masked positions)") {
  std::mt19937_64 rng(7);
  const auto s = shingles_of(random_words(rng, 20000));
  CHECK(std::find(s.begin(), s.end(), ShingleHash{0}) == s.end());
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
