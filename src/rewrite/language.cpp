// Stop words: the most frequent function words of each language, enough to recognise running
// text in it and to keep words that carry no content out of sentence comparison. They are
// matched by token hash, so "The" and "the" are one word (the tokenizer folds case).
#include "rewrite/language.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace wiretrace::detail {
namespace {

constexpr std::size_t language_count = static_cast<std::size_t>(TermLanguage::urdu) + 1;

struct LanguageWords {
  TermLanguage language;
  const char* stemmer;                  // libstemmer name, or nullptr
  std::string_view stop_words;          // space separated
  std::string_view number_words;        // "word=digits" pairs, space separated
};

constexpr std::string_view english_numbers =
    "zero=0 one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 eleven=11 "
    "twelve=12 thirteen=13 fourteen=14 fifteen=15 sixteen=16 seventeen=17 eighteen=18 "
    "nineteen=19 twenty=20 thirty=30 forty=40 fifty=50 sixty=60 seventy=70 eighty=80 ninety=90 "
    "hundred=100 thousand=1000 first=1st second=2nd third=3rd";

const LanguageWords languages[] = {
    {TermLanguage::english, "english",
     "the of and to a in is that for it on was with as be by at he this from are have an not "
     "or but his had they which were been has their its would there she her we who will more "
     "also said all one after about up than out into them could when so can if no other only "
     "what over such some these may him our do any did those then most being you i new",
     english_numbers},
    {TermLanguage::french, "french",
     "le la les de des du un une et est en que qui dans pour pas sur au aux il elle ne se ce "
     "par plus avec son sa ses ont été sont a à cette mais ou leur nous vous ils comme aussi "
     "y",
     "un=1 deux=2 trois=3 quatre=4 cinq=5 six=6 sept=7 huit=8 neuf=9 dix=10 onze=11 douze=12 "
     "vingt=20 trente=30 quarante=40 cinquante=50 soixante=60 cent=100 mille=1000"},
    {TermLanguage::german, "german",
     "der die das und in den von zu mit ist im des sich nicht auf ein eine für dem es auch "
     "an als sie er am wird werden hat nach bei aus wie noch um dass oder einer sind war vor "
     "über",
     "null=0 eins=1 zwei=2 drei=3 vier=4 fünf=5 sechs=6 sieben=7 acht=8 neun=9 zehn=10 elf=11 "
     "zwölf=12 zwanzig=20 dreißig=30 hundert=100 tausend=1000"},
    {TermLanguage::spanish, "spanish",
     "el la de que y en los las del se por un una con no para es al lo como más su sus pero "
     "ha le o este fue entre sin sobre ya también son",
     "uno=1 dos=2 tres=3 cuatro=4 cinco=5 seis=6 siete=7 ocho=8 nueve=9 diez=10 once=11 "
     "doce=12 veinte=20 treinta=30 cien=100 mil=1000"},
    {TermLanguage::italian, "italian",
     "il di che e la a in per un una non del della con sono gli le si da al alla dei delle "
     "è lo nel nella ha anche più come ma ci questo",
     "uno=1 due=2 tre=3 quattro=4 cinque=5 sei=6 sette=7 otto=8 nove=9 dieci=10 venti=20 "
     "cento=100 mille=1000"},
    {TermLanguage::portuguese, "portuguese",
     "o a de que e do da em um para é com não uma os no se na por mais as dos como mas foi "
     "ao ele das tem à seu sua ou ser quando também",
     "um=1 dois=2 três=3 quatro=4 cinco=5 seis=6 sete=7 oito=8 nove=9 dez=10 vinte=20 cem=100 "
     "mil=1000"},
    {TermLanguage::dutch, "dutch",
     "de het een en van in is dat op te zijn voor met die niet aan er om ook als bij of door "
     "maar naar dan wordt hij zij werd nog over",
     "een=1 twee=2 drie=3 vier=4 vijf=5 zes=6 zeven=7 acht=8 negen=9 tien=10 twintig=20 "
     "honderd=100 duizend=1000"},
    {TermLanguage::indonesian, "indonesian",
     "yang dan di ke dari ini itu dengan untuk tidak dalam akan pada juga ada oleh karena "
     "atau sebagai bahwa mereka telah sudah kami kita ia dia para saat bisa",
     "nol=0 satu=1 dua=2 tiga=3 empat=4 lima=5 enam=6 tujuh=7 delapan=8 sembilan=9 sepuluh=10 "
     "sebelas=11 seratus=100 seribu=1000"},
    {TermLanguage::russian, "russian",
     "и в не на что с по он как а это к из у за от о так для же то все она они его было но "
     "бы был мы вы ее",
     "один=1 два=2 три=3 четыре=4 пять=5 шесть=6 семь=7 восемь=8 девять=9 десять=10 "
     "двадцать=20 сто=100 тысяча=1000"},
    // Urdu has no Snowball stemmer; its letters are unified in terms.cpp instead. The number
    // words are the spelled forms newspapers use where the agency wrote digits.
    {TermLanguage::urdu, nullptr,
     "کے کی کا میں سے نے کو اور ہے ہیں پر کہ یہ وہ بھی تھا تھی تھے گیا گئی گئے کیا ہو جو "
     "کر ان اس لیے لئے ساتھ ہی تک جس جن رہے رہا رہی والے والی کرنے",
     "ایک=1 دو=2 تین=3 چار=4 پانچ=5 چھ=6 سات=7 آٹھ=8 نو=9 دس=10 گیارہ=11 بارہ=12 تیرہ=13 "
     "چودہ=14 پندرہ=15 سولہ=16 سترہ=17 اٹھارہ=18 انیس=19 بیس=20 پچیس=25 تیس=30 چالیس=40 "
     "پچاس=50 ساٹھ=60 ستر=70 اسی=80 نوے=90 سو=100 ہزار=1000 لاکھ=100000 کروڑ=10000000 "
     "ارب=1000000000 پہلے=1st دوسرے=2nd"},
};

template <class F>
void for_each_word(std::string_view list, F f) {
  std::size_t at = 0;
  while (at < list.size()) {
    std::size_t end = list.find(' ', at);
    if (end == std::string_view::npos) end = list.size();
    if (end > at) f(list.substr(at, end - at));
    at = end + 1;
  }
}

struct Tables {
  std::array<std::unordered_set<std::uint64_t>, language_count> stop;
  std::array<std::unordered_map<std::string, std::string>, language_count> numbers;
  std::array<const char*, language_count> stemmer{};
  /// Per stop word (of any language), the languages it is one of, as bits: guessing a language
  /// takes one lookup per word instead of one per word and language.
  std::unordered_map<std::uint64_t, std::uint32_t> stop_languages;

  Tables() {
    static_assert(language_count <= 32);
    for (const LanguageWords& l : languages) {
      const auto i = static_cast<std::size_t>(l.language);
      stemmer[i] = l.stemmer;
      for_each_word(l.stop_words, [&](std::string_view w) {
        for (const Token& t : tokenize(w)) {
          stop[i].insert(t.hash);
          stop_languages[t.hash] |= 1u << i;
        }
      });
      for_each_word(l.number_words, [&](std::string_view pair) {
        const std::size_t eq = pair.find('=');
        numbers[i].emplace(normalize_word(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
      });
    }
  }
};

const Tables& tables() {
  static const Tables t;
  return t;
}

}  // namespace

TermLanguage guess_language(std::span<const Token> tokens) {
  const Tables& t = tables();
  std::array<std::size_t, language_count> hits{};
  // The first few hundred words tell the language as well as the whole text does.
  const std::size_t n = std::min<std::size_t>(tokens.size(), 400);
  for (std::size_t k = 0; k < n; ++k) {
    const auto it = t.stop_languages.find(tokens[k].hash);
    if (it == t.stop_languages.end()) continue;
    for (std::size_t i = 1; i < language_count; ++i) hits[i] += (it->second >> i) & 1u;
  }
  const auto best = std::max_element(hits.begin() + 1, hits.end());
  // A fifth of the words: running text in any of these languages has more (a third to a half).
  if (n == 0 || *best * 5 < n) return TermLanguage::other;
  return static_cast<TermLanguage>(best - hits.begin());
}

bool is_stop_word(TermLanguage language, std::uint64_t token_hash) {
  return tables().stop[static_cast<std::size_t>(language)].count(token_hash) != 0;
}

std::string_view number_word_digits(TermLanguage language, std::string_view normalized_word) {
  const auto& m = tables().numbers[static_cast<std::size_t>(language)];
  const auto it = m.find(std::string(normalized_word));
  return it == m.end() ? std::string_view{} : std::string_view(it->second);
}

const char* snowball_name(TermLanguage language) {
  return tables().stemmer[static_cast<std::size_t>(language)];
}

}  // namespace wiretrace::detail
