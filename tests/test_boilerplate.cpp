#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "test_support.hpp"
#include "wiretrace/boilerplate.hpp"

using namespace wiretrace;
using namespace wiretrace::test;

namespace {

std::size_t zeros(const std::vector<ShingleHash>& s) { return std::count(s.begin(), s.end(), ShingleHash{0}); }

}  // namespace

TEST_CASE("boilerplate: a footer repeated by one source is masked in its articles") {
  std::mt19937_64 rng(41);
  const auto footer = random_words(rng, 30);
  std::vector<std::vector<ShingleHash>> docs{
      shingles_of(concat({random_words(rng, 200), footer})),
      shingles_of(concat({random_words(rng, 300), footer})),
      shingles_of(concat({random_words(rng, 250), footer})),  // same footer, other source
  };
  const std::vector<std::string> sources{"Daily Ledger", "Daily Ledger", "Evening Star"};
  const auto stats = mask_boilerplate(docs, sources, 80);
  CHECK(zeros(docs[0]) == 26);  // the footer's own 26 shingles
  CHECK(zeros(docs[1]) == 26);
  CHECK(zeros(docs[2]) == 0);   // a footer seen once in its source is not boilerplate
  CHECK(stats.masked_shingles == 52);
  CHECK(stats.documents_touched == 2);
}

TEST_CASE("boilerplate: text shared in the middle of articles is left alone") {
  std::mt19937_64 rng(42);
  const auto story = random_words(rng, 100);
  std::vector<std::vector<ShingleHash>> docs{
      shingles_of(concat({random_words(rng, 100), story, random_words(rng, 100)})),
      shingles_of(concat({random_words(rng, 100), story, random_words(rng, 100)})),
  };
  mask_boilerplate(docs, {"AFP", "AFP"}, 80);
  CHECK(zeros(docs[0]) == 0);
  CHECK(zeros(docs[1]) == 0);
}

TEST_CASE("boilerplate: documents without a source, or edge size 0, are untouched") {
  std::mt19937_64 rng(43);
  const auto footer = random_words(rng, 30);
  std::vector<std::vector<ShingleHash>> docs{shingles_of(concat({random_words(rng, 50), footer})),
                                             shingles_of(concat({random_words(rng, 50), footer}))};
  mask_boilerplate(docs, {"", ""}, 80);
  CHECK(zeros(docs[0]) == 0);
  mask_boilerplate(docs, {"X", "X"}, 0);
  CHECK(zeros(docs[0]) == 0);
  mask_boilerplate(docs, {"X", "X"}, 80);
  CHECK(zeros(docs[0]) == 26);
}

TEST_CASE("boilerplate: a footer longer than the edge zone is masked whole") {
  std::mt19937_64 rng(44);
  const auto footer = random_words(rng, 120);
  std::vector<std::vector<ShingleHash>> docs{shingles_of(concat({random_words(rng, 300), footer})),
                                             shingles_of(concat({random_words(rng, 250), footer}))};
  mask_boilerplate(docs, {"Gazette", "Gazette"}, 80);
  CHECK(zeros(docs[0]) == 116);  // all of the footer's own shingles, not only the last 80
  CHECK(zeros(docs[1]) == 116);
}

TEST_CASE("boilerplate: a short phrase repeated at the edges is not boilerplate") {
  std::mt19937_64 rng(45);
  const auto phrase = random_words(rng, 7);  // 3 shingles: a stock phrase, not a footer
  std::vector<std::vector<ShingleHash>> docs{shingles_of(concat({random_words(rng, 200), phrase, random_words(rng, 5)})),
                                             shingles_of(concat({random_words(rng, 100), phrase, random_words(rng, 5)}))};
  mask_boilerplate(docs, {"AFP", "AFP"}, 80);
  CHECK(zeros(docs[0]) == 0);
  CHECK(zeros(docs[1]) == 0);
}
