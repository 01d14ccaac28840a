// Fuzz target: normalize + tokenize + shingle on arbitrary bytes (invalid UTF-8 included).
// Invariants checked on every input:
//  - tokens lie inside the text, are non-empty, in order and do not overlap;
//  - a token's bytes are valid UTF-8 (invalid bytes only ever separate words);
//  - a token's hash depends on normalize_word of its bytes alone (normalize.hpp's contract): equal
//    forms hash equally, different forms differently, and a word hashes as its form does alone;
//  - tokenize() (fast path + ICU islands) gives exactly the tokens of ICU alone (tokenize_icu);
//  - tokenizing is deterministic, and a line break is a hard boundary: the tokens of A + "\n" + B
//    are those of A followed by those of B, shifted;
//  - shingle_hashes gives max(n - k + 1, 1) hashes for n > 0 tokens (none for 0), never 0, each
//    the top 32 bits of XXH3 over its k token hashes; a ShingleSet counts the distinct non-zero
//    values and distinct_shingles lists them in order of first position; k above 32 throws
//    Error (it overran a 32-hash buffer before: the one bug these targets found so far).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <simdjson.h>
#include <xxhash.h>

#include "fuzz_check.hpp"
#include "normalize/words.hpp"
#include "wiretrace/error.hpp"
#include "wiretrace/normalize.hpp"
#include "wiretrace/shingle.hpp"

using namespace wiretrace;
using wiretrace::fuzz::escaped;

namespace {

std::string describe(const Token& t) {
  return "[" + std::to_string(t.begin) + "," + std::to_string(t.end) + ") hash " +
         std::to_string(t.hash);
}

// The first index where `a` and `b` differ, as words, for the failure message.
std::string first_difference(std::string_view text, const std::vector<Token>& a,
                             const std::vector<Token>& b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i].begin == b[i].begin && a[i].end == b[i].end &&
         a[i].hash == b[i].hash)
    ++i;
  const auto show = [&](const std::vector<Token>& v) {
    if (i >= v.size()) return std::string("(none)");
    return describe(v[i]) + " \"" + escaped(text.substr(v[i].begin, v[i].end - v[i].begin)) + "\"";
  };
  return "token " + std::to_string(i) + " of " + std::to_string(a.size()) + "/" +
         std::to_string(b.size()) + ": " + show(a) + " vs " + show(b) + "; text \"" +
         escaped(text) + "\"";
}

bool same(const std::vector<Token>& a, const std::vector<Token>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].begin != b[i].begin || a[i].end != b[i].end || a[i].hash != b[i].hash) return false;
  return true;
}

void check_tokens(std::string_view text, const std::vector<Token>& tokens) {
  std::unordered_map<std::string, std::uint64_t> hash_of_form;
  std::unordered_map<std::uint64_t, std::string> form_of_hash;
  std::uint32_t previous_end = 0;
  for (const Token& t : tokens) {
    FUZZ_CHECK(t.begin < t.end && t.end <= text.size() && t.begin >= previous_end,
               describe(t) + " after end " + std::to_string(previous_end) + " in " +
                   std::to_string(text.size()) + " bytes: \"" + escaped(text) + "\"");
    previous_end = t.end;
    const std::string_view word = text.substr(t.begin, t.end - t.begin);
    FUZZ_CHECK(simdjson::validate_utf8(word.data(), word.size()),
               "token " + describe(t) + " holds invalid UTF-8: \"" + escaped(word) + "\"");
    // The hash is a function of the normalized form alone: equal forms give equal hashes and
    // different ones different hashes, here and when the form is tokenized on its own (where it
    // is one word and already normal), whichever path (fast or ICU) hashed it.
    const std::string normalized = normalize_word(word);
    const auto [known, inserted] = hash_of_form.try_emplace(normalized, t.hash);
    FUZZ_CHECK(known->second == t.hash,
               "two words of normal form \"" + escaped(normalized) + "\" hash differently in \"" +
                   escaped(text) + "\"");
    const auto [form, first_inserted] = form_of_hash.try_emplace(t.hash, normalized);
    FUZZ_CHECK(form->second == normalized, "words \"" + escaped(form->second) + "\" and \"" +
                                               escaped(normalized) + "\" share a hash");
    if (inserted && normalize_word(normalized) == normalized) {
      const std::vector<Token> alone = tokenize(normalized);
      if (alone.size() == 1 && alone[0].begin == 0 && alone[0].end == normalized.size())
        FUZZ_CHECK(alone[0].hash == t.hash, "\"" + escaped(word) + "\" in \"" + escaped(text) +
                                                "\" hashes unlike its normal form \"" +
                                                escaped(normalized) + "\" alone");
    }
  }
}

void check_shingles(const std::vector<Token>& tokens, unsigned k) {
  const std::vector<ShingleHash> hashes = shingle_hashes(tokens, k);
  const std::size_t n = tokens.size();
  const std::size_t width = std::min<std::size_t>(k, n);
  FUZZ_CHECK(hashes.size() == (n == 0 ? 0 : n - width + 1),
             std::to_string(hashes.size()) + " shingles of k=" + std::to_string(k) + " for " +
                 std::to_string(n) + " tokens");
  std::vector<std::uint64_t> window;
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    window.clear();
    for (std::size_t j = 0; j < width; ++j) window.push_back(tokens[i + j].hash);
    auto expected = static_cast<ShingleHash>(
        XXH3_64bits(window.data(), window.size() * sizeof(std::uint64_t)) >> 32);
    if (expected == 0) expected = 1;
    FUZZ_CHECK(hashes[i] == expected && hashes[i] != 0,
               "shingle " + std::to_string(i) + " (k=" + std::to_string(k) + ") is " +
                   std::to_string(hashes[i]) + ", expected " + std::to_string(expected));
  }

  std::vector<ShingleHash> first_seen;
  std::unordered_set<ShingleHash> seen;
  for (ShingleHash h : hashes)
    if (h != 0 && seen.insert(h).second) first_seen.push_back(h);
  const ShingleSet set = make_shingle_set(hashes, static_cast<std::uint32_t>(n));
  FUZZ_CHECK(set.sequence == hashes && set.words == n && set.distinct_count == first_seen.size(),
             "ShingleSet of " + std::to_string(hashes.size()) + " shingles counts " +
                 std::to_string(set.distinct_count) + " distinct, expected " +
                 std::to_string(first_seen.size()));
  FUZZ_CHECK(distinct_shingles(set) == first_seen, std::string("distinct_shingles differs"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);

  const std::vector<Token> tokens = tokenize(text);
  check_tokens(text, tokens);
  const std::vector<Token> reference = detail::tokenize_icu(text);
  FUZZ_CHECK(same(tokens, reference),
             "tokenize differs from ICU alone: " + first_difference(text, tokens, reference));
  FUZZ_CHECK(same(tokenize(text), tokens), "tokenize is not deterministic on \"" + escaped(text) + "\"");

  // A line break separates words whatever surrounds it (UAX #29 WB3a/b), so the halves of the
  // text tokenize on their own exactly as they do joined by one.
  const std::string_view a = std::string_view(text).substr(0, size / 2);
  const std::string_view b = std::string_view(text).substr(size / 2);
  const std::string joined = std::string(a) + "\n" + std::string(b);
  std::vector<Token> expected = tokenize(a);
  for (Token t : tokenize(b)) {
    t.begin += static_cast<std::uint32_t>(a.size() + 1);
    t.end += static_cast<std::uint32_t>(a.size() + 1);
    expected.push_back(t);
  }
  const std::vector<Token> whole = tokenize(joined);
  FUZZ_CHECK(same(whole, expected),
             "a line break does not separate the tokens: " + first_difference(joined, whole, expected));

  for (unsigned k : {1u, 5u, 32u}) check_shingles(tokens, k);
  bool thrown = false;
  try {
    shingle_hashes(tokens, 33);
  } catch (const Error&) {
    thrown = true;
  }
  FUZZ_CHECK(thrown, std::string("shingle_hashes accepted k = 33, above its 32-hash window"));
  return 0;
}
