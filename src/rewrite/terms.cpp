// termize: tokens -> sentences of content terms. A term is the hash of a word's stem after the
// rewrites that newsrooms make without changing meaning are undone: a number spelled out
// ("twelve", "بارہ") becomes its digits, thousands separators and Arabic-Indic digits become
// plain digits, and the Arabic letter forms that Urdu text mixes in become the Urdu ones.
#include <libstemmer.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <string>
#include <unordered_map>

#include "rewrite/language.hpp"
#include "rewrite/weighted_terms.hpp"
#include "wiretrace/rewrite.hpp"

namespace wiretrace {
namespace {

constexpr std::size_t language_count = static_cast<std::size_t>(TermLanguage::urdu) + 1;

// Whether the bytes between two tokens end a sentence: . ! ? and their full-width, Urdu (۔),
// Arabic (؟) and CJK (。) forms, or a blank line. One line break is not enough: plain-text
// sources wrap lines inside sentences.
bool ends_sentence(std::string_view gap) {
  int newlines = 0;
  for (std::size_t i = 0; i < gap.size(); ++i) {
    const auto c = static_cast<unsigned char>(gap[i]);
    if (c == '.' || c == '!' || c == '?') return true;
    if (c == '\n' && ++newlines == 2) return true;
    const std::string_view rest = gap.substr(i);
    if (rest.starts_with("\xDB\x94") || rest.starts_with("\xD8\x9F") ||
        rest.starts_with("\xE3\x80\x82") || rest.starts_with("\xEF\xBC\x81") ||
        rest.starts_with("\xEF\xBC\x9F"))
      return true;
  }
  return false;
}

// Urdu text mixes Arabic code points with the Urdu ones that look alike (yeh, kaf, heh) and
// carries optional vowel marks; both vary between an agency's copy and a paper's rewrite.
// Arabic-Indic and extended (Urdu) digits become ASCII ones.
std::string unify_letters(std::string_view w) {
  std::string out;
  out.reserve(w.size());
  for (std::size_t i = 0; i < w.size();) {
    const auto c0 = static_cast<unsigned char>(w[i]);
    if ((c0 == 0xD8 || c0 == 0xD9 || c0 == 0xDB) && i + 1 < w.size()) {
      const unsigned cp = ((c0 & 0x1Fu) << 6) | (static_cast<unsigned char>(w[i + 1]) & 0x3Fu);
      i += 2;
      if (cp >= 0x64B && cp <= 0x65F) continue;  // harakat
      if (cp == 0x670) continue;                  // superscript alef
      if (cp >= 0x660 && cp <= 0x669) { out += static_cast<char>('0' + (cp - 0x660)); continue; }
      if (cp >= 0x6F0 && cp <= 0x6F9) { out += static_cast<char>('0' + (cp - 0x6F0)); continue; }
      unsigned mapped = cp;
      if (cp == 0x64A || cp == 0x649) mapped = 0x6CC;  // Arabic yeh, alef maksura -> Farsi yeh
      if (cp == 0x643) mapped = 0x6A9;                 // Arabic kaf -> keheh
      if (cp == 0x647) mapped = 0x6C1;                 // Arabic heh -> heh goal
      out += static_cast<char>(0xC0 | (mapped >> 6));
      out += static_cast<char>(0x80 | (mapped & 0x3F));
      continue;
    }
    out += w[i++];
  }
  // "1,500" and "1500" are one number.
  if (!out.empty() && out.find_first_not_of("0123456789,") == std::string::npos)
    std::erase(out, ',');
  return out;
}

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// Snowball stemmers keep state between calls: one per thread and language.
class ThreadTerms {
 public:
  std::uint64_t term(TermLanguage language, const Token& token, std::string_view text) {
    const auto l = static_cast<std::size_t>(language);
    const std::uint64_t key = token.hash ^ (0x9E3779B97F4A7C15ULL * (l + 1));
    if (const auto it = cache_.find(key); it != cache_.end()) return it->second;
    // A long-lived process (the Python module, a feed) meets ever new words: start afresh
    // rather than grow without bound.
    if (cache_.size() > (1u << 20)) cache_.clear();
    std::string word = unify_letters(normalize_word(text.substr(token.begin, token.end - token.begin)));
    if (const std::string_view digits = detail::number_word_digits(language, word); !digits.empty())
      word = digits;
    else if (sb_stemmer* s = stemmer(language)) {
      const sb_symbol* stem =
          sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(word.data()),
                          static_cast<int>(word.size()));
      if (stem) word.assign(reinterpret_cast<const char*>(stem), sb_stemmer_length(s));
    }
    const std::uint64_t h = XXH3_64bits(word.data(), word.size());
    cache_.emplace(key, h);
    return h;
  }

 private:
  sb_stemmer* stemmer(TermLanguage language) {
    auto& s = stemmers_[static_cast<std::size_t>(language)];
    if (!s)
      if (const char* name = detail::snowball_name(language))
        s.reset(sb_stemmer_new(name, "UTF_8"));
    return s.get();
  }
  std::unordered_map<std::uint64_t, std::uint64_t> cache_;
  std::array<std::unique_ptr<sb_stemmer, StemmerDeleter>, language_count> stemmers_;
};

// A "sentence" of fewer content terms than this (a dateline, "He said.") joins the next one:
// alone it would match any sentence that shares a name.
constexpr std::size_t min_sentence_terms = 3;

}  // namespace

TermizedArticle termize(std::span<const Token> tokens, std::string_view text) {
  thread_local ThreadTerms terms;
  TermizedArticle out;
  out.language = detail::guess_language(tokens);
  TermSentence pending;  // sentences joined until they hold min_sentence_terms
  auto append = [&](TermSentence&& s) {
    if (pending.last_token == 0) {
      pending = std::move(s);
    } else {
      pending.last_token = s.last_token;
      pending.terms.insert(pending.terms.end(), s.terms.begin(), s.terms.end());
    }
    if (pending.terms.size() >= min_sentence_terms) {
      out.sentences.push_back(std::move(pending));
      pending = TermSentence{};
    }
  };
  TermSentence current;
  for (std::uint32_t i = 0; i < tokens.size(); ++i) {
    if (i > 0 && ends_sentence(text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end))) {
      current.last_token = i;
      append(std::move(current));
      current = TermSentence{.first_token = i, .last_token = 0, .terms = {}};
    }
    if (!detail::is_stop_word(out.language, tokens[i].hash))
      current.terms.push_back(terms.term(out.language, tokens[i], text));
  }
  if (!tokens.empty()) {
    current.last_token = static_cast<std::uint32_t>(tokens.size());
    append(std::move(current));
  }
  if (!pending.terms.empty()) {
    // The article's last few words belong to the sentence before them.
    if (out.sentences.empty()) {
      out.sentences.push_back(std::move(pending));
    } else {
      TermSentence& last = out.sentences.back();
      last.last_token = pending.last_token;
      last.terms.insert(last.terms.end(), pending.terms.begin(), pending.terms.end());
    }
  }
  for (TermSentence& s : out.sentences) std::sort(s.terms.begin(), s.terms.end());
  return out;
}

void TermWeights::add(const TermizedArticle& article) {
  std::vector<std::uint64_t> distinct;
  for (const TermSentence& s : article.sentences) distinct.insert(distinct.end(), s.terms.begin(), s.terms.end());
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  for (std::uint64_t t : distinct) ++df_[t];
  ++documents_;
}

double TermWeights::idf(std::uint64_t term) const {
  const auto it = df_.find(term);
  const double df = it == df_.end() ? 0.0 : it->second;
  return std::log((static_cast<double>(documents_) + 1.0) / (df + 0.5));
}

namespace detail {

WeightedTerms weighted_terms(std::span<const TermSentence> sentences, const TermWeights& weights) {
  std::vector<std::uint64_t> all;
  for (const TermSentence& s : sentences) all.insert(all.end(), s.terms.begin(), s.terms.end());
  std::sort(all.begin(), all.end());
  WeightedTerms v;
  for (std::size_t i = 0; i < all.size();) {
    std::size_t j = i;
    while (j < all.size() && all[j] == all[i]) ++j;
    const double w = (1.0 + std::log(static_cast<double>(j - i))) * weights.idf(all[i]);
    v.terms.push_back(all[i]);
    v.weights.push_back(w);
    v.norm += w * w;
    i = j;
  }
  v.norm = std::sqrt(v.norm);
  return v;
}

}  // namespace detail
}  // namespace wiretrace
