// Normalize stage tests: ICU is the definition of a word, and the fast path is held to it by
// differential tests on random and real text.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <xxhash.h>

#include "escaped.hpp"
#include "normalize/words.hpp"
#include "wiretrace/normalize.hpp"

using namespace wiretrace;

namespace {

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  for (const Token& t : tokenize(text)) {
    REQUIRE(t.begin < t.end);
    REQUIRE(t.end <= text.size());
    words.emplace_back(text.substr(t.begin, t.end - t.begin));
  }
  return words;
}

std::uint64_t hash_of_only_word(std::string_view text) {
  const auto tokens = tokenize(text);
  REQUIRE(tokens.size() == 1);
  return tokens[0].hash;
}

bool same_tokens(const std::vector<Token>& a, const std::vector<Token>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Token& x, const Token& y) {
    return x.begin == y.begin && x.end == y.end && x.hash == y.hash;
  });
}

using wiretrace::test::escaped;

std::string random_text(std::mt19937_64& rng, const std::vector<std::string>& pieces,
                        std::size_t max_pieces) {
  std::string text;
  const std::size_t n = rng() % (max_pieces + 1);
  for (std::size_t i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
  return text;
}

// Characters whose Word_Break class takes part in some rule, plus separators and whole tricky
// words, weighted towards letters and digits so that the rules between them get exercised.
const std::vector<std::string> ascii_pieces = {
    "a", "b", "Z", "x", "E", "i", "e", "g", "U", "S", "1", "0", "9", "5", "_", "_",
    ".", ".", "'", "'", ",", ",", ";", ":", "\"", " ", " ", "  ", "\n", "\r", "\r\n", "\t",
    "\v", "\f", std::string(1, '\0'), "\x01", "\x7f", "-", "!", "?", "(", ")", "#", "*", "@",
    "/", "\\", "$", "%", "&", "+", "=", "<", "[", "^", "`", "{", "|", "~", "e.g.", "U.S.",
    "3,000.50", "don't", "rock'n'roll", "foo_bar", "a.b.c", "3.5", "__", "Japan's", "x1.5",
};

// ASCII and the typographic characters that the fast path handles without ICU.
const std::vector<std::string> fast_pieces = [] {
  std::vector<std::string> p = ascii_pieces;
  for (const char* more : {"’", "’", "‘", "“", "”", "—", "–", "…", "\u00a0", "Korea’s", "3’000",
                           "rock’n’roll", "’s", "“e.g.”"})
    p.emplace_back(more);
  return p;
}();

const std::vector<std::string> mixed_pieces = [] {
  std::vector<std::string> p = fast_pieces;
  const std::vector<std::string> more = {
      "é", "ō", "\u0301" /* combining acute: Extend */,
      "\u200d" /* ZWJ */, "\u00ad" /* soft hyphen: Format */, "\u200e" /* LRM: Format */,
      "א", "ש", "״", "ไทย", "ภาษา", "ง่าย", "東京", "は", "晴れ", "カタカナ", "ｶﾀ", "한국",
      "😀", "👍🏽", "🇯🇵", "#\ufe0f\u20e3", "\u3000", "\u2009", "\u2033", "\u02bc",
      "\uff07", "\u2212", "\ufe58", "\u00b7" /* MidLetter */, "\u2024" /* MidNumLet */,
      "\uff0e", "\u0085" /* NEL: Newline */, "\u2028", "\xff", "\xfe", "\xe2\x80", "\xc0\xaf",
      "\x80", "ＡＢ", "ﬁ", "١٢", "ß", "İ", "Ω",
  };
  p.insert(p.end(), more.begin(), more.end());
  return p;
}();

std::vector<std::string> seed_articles() {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(WIRETRACE_FIXTURES_DIR) + "/seeds"))
    paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    texts.push_back(buffer.str());
  }
  return texts;
}

}  // namespace

TEST_CASE("normalize: byte ranges point at the words in multi-byte UTF-8") {
  const std::string text = "Tōkyō — 東京は晴れ “quoted”";
  const auto tokens = tokenize(text);
  const auto words = words_of(text);
  REQUIRE(words.size() >= 4);
  CHECK(words.front() == "Tōkyō");
  CHECK(tokens.front().begin == 0);
  CHECK(tokens.front().end == 7);  // two 2-byte ō
  CHECK(words.back() == "quoted");
  CHECK(tokens.back().begin == text.find("quoted"));
  // The dictionary decides how the Japanese is split; it must be split, and lose no character.
  std::string japanese;
  for (std::size_t i = 1; i + 1 < words.size(); ++i) japanese += words[i];
  CHECK(japanese == "東京は晴れ");
  CHECK(words.size() - 2 >= 2);
  CHECK(tokens[1].begin == text.find("東京"));
}

TEST_CASE("normalize: curly and straight quotes, apostrophes and case give the same word") {
  const auto japan = hash_of_only_word("Japan's");
  CHECK(hash_of_only_word("Japan’s") == japan);
  CHECK(hash_of_only_word("JAPAN’S") == japan);
  CHECK(hash_of_only_word("japan\u02bcs") == japan);
  CHECK(hash_of_only_word("rock’n’roll") == hash_of_only_word("rock'n'roll"));
  CHECK(words_of("said “serious concern” now") == words_of("said \"serious concern\" now"));
  CHECK(hash_of_only_word("Japan") != japan);

  for (const char* apostrophe : {"\u2018", "\u2019", "\u201b", "\u2032", "\u02bc", "\uff07"})
    CHECK_MESSAGE(normalize_word(std::string("a") + apostrophe + "b") == "a'b", apostrophe);
  for (const char* quote : {"\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", "\u2033"})
    CHECK_MESSAGE(normalize_word(std::string("a") + quote + "b") == "a\"b", quote);
  for (const char* dash : {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212",
                           "\ufe58", "\ufe63", "\uff0d"})
    CHECK_MESSAGE(normalize_word(std::string("a") + dash + "b") == "a-b", dash);
  // Near misses stay themselves: U+201F is not in the list, and neither is a broken sequence.
  CHECK(normalize_word("\u201f") == "\u201f");
  CHECK(normalize_word("a\xe2\x80") == "a\xe2\x80");
}

TEST_CASE("normalize: NFKC and case folding unify letters") {
  CHECK(normalize_word("ＡＢＣ") == "abc");
  CHECK(normalize_word("ﬁ") == "fi");
  CHECK(normalize_word("Straße") == "strasse");
  CHECK(normalize_word("x²") == "x2");
  CHECK(normalize_word("e\u0301") == "é");  // composed
  CHECK(normalize_word("ＡＢＣ") != normalize_word("abd"));
  CHECK(hash_of_only_word("ＡＢＣ") == hash_of_only_word("abc"));
  CHECK(hash_of_only_word("ﬁnal") == hash_of_only_word("Final"));
  // A soft hyphen is Format, so it stays inside the word, and NFKC_Casefold drops it.
  CHECK(hash_of_only_word("wire\u00adservice") == hash_of_only_word("wireservice"));
}

TEST_CASE("normalize: a word's hash is XXH3-64 of its normalized form") {
  CHECK(hash_of_only_word("Hello") == XXH3_64bits("hello", 5));
  CHECK(hash_of_only_word("Ｈｅｌｌｏ") == XXH3_64bits("hello", 5));
  // Word lengths around the fast path's 16-byte blocks and its 128-byte buffer, with and without
  // text after them (the fast path reads ahead when it can).
  for (std::size_t size : {15, 16, 17, 40, 128, 129, 300}) {
    CAPTURE(size);
    const std::string word(size, 'Q');
    const std::string lowered(size, 'q');
    const std::uint64_t expected = XXH3_64bits(lowered.data(), lowered.size());
    CHECK(hash_of_only_word(word) == expected);
    const auto tokens = tokenize(word + " and then more text, so that it is not at the very end");
    REQUIRE(!tokens.empty());
    CHECK(tokens[0].hash == expected);
    CHECK(hash_of_only_word(word + "\u00e9") == hash_of_only_word(lowered + "\u00c9"));
  }
}

TEST_CASE("normalize: Chinese, Japanese and Thai are split into several words") {
  for (const std::string text : {"东京今天天气很好我们去公园", "東京は晴れです", "ภาษาไทยง่ายนิดเดียว"}) {
    CAPTURE(text);
    const auto words = words_of(text);
    CHECK(words.size() >= 3);
    std::string joined;
    for (const auto& w : words) joined += w;
    CHECK(joined == text);  // no spaces or punctuation in these: the words tile the text
  }
}

TEST_CASE("normalize: invalid UTF-8 bytes separate words and keep offsets") {
  const std::string text = "abc\xff\xfe" "def";
  const auto tokens = tokenize(text);
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].begin == 0);
  CHECK(tokens[0].end == 3);
  CHECK(tokens[1].begin == 5);
  CHECK(tokens[1].end == 8);
  CHECK(tokens[0].hash == hash_of_only_word("abc"));
  CHECK(tokens[1].hash == hash_of_only_word("DEF"));

  CHECK(words_of("caf\xc3" "x") == std::vector<std::string>{"caf", "x"});
  CHECK(words_of("\xc0\xaf" "over\x80long\xe2\x80") == std::vector<std::string>{"over", "long"});
  CHECK(words_of("\xff\xff\xff").empty());
}

TEST_CASE("normalize: empty, blank and punctuation-only text has no words") {
  CHECK(tokenize("").empty());
  CHECK(tokenize(" ").empty());
  CHECK(tokenize(" \t\r\n\n  \v\f").empty());
  CHECK(tokenize("— … “ ” !? ... --- \u3000").empty());
  CHECK(tokenize("_").empty());  // a lone ExtendNumLet matches no word rule
  CHECK(words_of(" a ") == std::vector<std::string>{"a"});
}

TEST_CASE("normalize: numbers, abbreviations and contractions are single words") {
  using W = std::vector<std::string>;
  CHECK(words_of("3,000") == W{"3,000"});
  CHECK(words_of("3,000.50 3.5 3;5") == W{"3,000.50", "3.5", "3;5"});
  CHECK(words_of("e.g. U.S. a.b.c") == W{"e.g", "U.S", "a.b.c"});
  CHECK(words_of("don't rock'n'roll foo_bar __") == W{"don't", "rock'n'roll", "foo_bar", "__"});
  // WB6/7 join letters only, WB11/12 digits only; ICU's root rules do not join at ':'.
  CHECK(words_of("a,b 1.a a'1 a..b a:b 10:30") ==
        W{"a", "b", "1", "a", "a", "1", "a", "b", "a", "b", "10", "30"});
  CHECK(words_of("Korea’s 3’000") == W{"Korea’s", "3’000"});
  // ICU 72's root rules count '@' as a letter, so e-mail addresses stay whole, and even a lone
  // '@' is a word.
  CHECK(words_of("mail desk@example.com @ once") == W{"mail", "desk@example.com", "@", "once"});
}

TEST_CASE("normalize: the fast path matches ICU on random ASCII and typographic text") {
  std::mt19937_64 rng(20241023);
  std::size_t mismatches = 0, words = 0;
  std::string first_mismatch;
  for (int i = 0; i < 6000; ++i) {
    const std::string text = random_text(rng, i % 2 ? fast_pieces : ascii_pieces, 30);
    std::vector<Token> fast, icu;
    detail::fast_words(text, 0, text.size(), fast);
    detail::icu_words(text, 0, text.size(), icu);
    words += icu.size();
    if (!same_tokens(fast, icu) || !same_tokens(tokenize(text), icu)) {
      if (mismatches++ == 0) first_mismatch = escaped(text);
    }
  }
  INFO("first mismatch: \"", first_mismatch, "\"");
  CHECK(mismatches == 0);
  CHECK(words > 15000);  // the comparison was not vacuous
}

TEST_CASE("normalize: fast path plus ICU islands match ICU alone on random mixed text") {
  std::mt19937_64 rng(77);
  std::size_t mismatches = 0, words = 0;
  std::string first_mismatch;
  for (int i = 0; i < 5000; ++i) {
    const std::string text = random_text(rng, mixed_pieces, 30);
    const auto icu = detail::tokenize_icu(text);
    words += icu.size();
    if (!same_tokens(tokenize(text), icu)) {
      if (mismatches++ == 0) first_mismatch = escaped(text);
    }
  }
  INFO("first mismatch: \"", first_mismatch, "\"");
  CHECK(mismatches == 0);
  CHECK(words > 15000);
}

TEST_CASE("normalize: seed articles tokenize the same with and without the fast path") {
  const auto seeds = seed_articles();
  REQUIRE(seeds.size() >= 5);
  for (const auto& text : seeds) {
    const auto tokens = tokenize(text);
    CHECK(tokens.size() > 100);
    CHECK(same_tokens(tokens, detail::tokenize_icu(text)));
  }
}

TEST_CASE("normalize: threads tokenizing at once get the same tokens") {
  const auto seeds = seed_articles();
  std::vector<std::vector<Token>> expected;
  for (const auto& text : seeds) expected.push_back(detail::tokenize_icu(text));
  std::vector<int> agree(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < agree.size(); ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round)
        for (std::size_t s = 0; s < seeds.size(); ++s)
          agree[t] += same_tokens(tokenize(seeds[s]), expected[s]) &&
                      same_tokens(detail::tokenize_icu(seeds[s]), expected[s]);
    });
  for (auto& thread : threads) thread.join();
  for (int a : agree) CHECK(a == static_cast<int>(20 * seeds.size()));
}
