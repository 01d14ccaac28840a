#include "micro_support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace wiretrace::micro {

namespace fs = std::filesystem;

const std::string& seed_news() {
  static const std::string text = [] {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(WIRETRACE_FIXTURES_DIR "/seeds")) {
      const std::string name = e.path().filename().string();
      // 003 is Indonesian; the benchmark text is English news.
      if (name.size() > 4 && name.ends_with(".txt") && !name.starts_with("003_"))
        files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) throw std::runtime_error("no seed articles in " WIRETRACE_FIXTURES_DIR "/seeds");
    std::string all;
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      all += "\n\n";
    }
    return all;
  }();
  return text;
}

std::string ascii_folded(std::string_view text) {
  struct Fold {
    std::string_view from, to;
  };
  static constexpr Fold folds[] = {
      {"\u2019", "'"}, {"\u2018", "'"}, {"\u201c", "\""}, {"\u201d", "\""}, {"\u2014", "-"},
      {"\u2013", "-"}, {"\u2026", "..."}, {"\u00a0", " "}, {"\u2022", "*"}};
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out.push_back(text[i++]);
      continue;
    }
    bool folded = false;
    for (const auto& f : folds)
      if (text.substr(i, f.from.size()) == f.from) {
        out += f.to;
        i += f.from.size();
        folded = true;
        break;
      }
    if (!folded) {  // anything else: a space (the seeds hold none)
      out.push_back(' ');
      ++i;
      while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    }
  }
  return out;
}

std::string repeated(const std::string& text, std::size_t min_bytes) {
  std::string out;
  out.reserve(min_bytes + text.size() + 2);
  while (out.size() < min_bytes) {
    out += text;
    out += "\n\n";
  }
  return out;
}

SyntheticText synthetic_words(std::mt19937_64& rng, std::size_t words) {
  // Three of 20 consonant-vowel syllables: 8,000 equally likely words, so a given 3-word run
  // recurs by chance about once in 5 * 10^11 position pairs.
  static constexpr const char* syllables[] = {"ba", "ke", "di", "lo", "mu", "na", "pe", "ri",
                                              "so", "tu", "va", "we", "xi", "yo", "za", "fe",
                                              "gi", "ho", "ju", "ca"};
  std::uniform_int_distribution<int> pick(0, 19);
  SyntheticText out;
  out.words.reserve(words);
  for (std::size_t i = 0; i < words; ++i) {
    std::string w;
    for (int s = 0; s < 3; ++s) w += syllables[pick(rng)];
    out.words.push_back(std::move(w));
  }
  out.text = as_sentences(out.words, rng);
  return out;
}

std::string as_sentences(const std::vector<std::string>& words, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> sentence(8, 20);
  std::string text;
  int left = sentence(rng);
  for (std::size_t i = 0; i < words.size(); ++i) {
    text += words[i];
    if (--left == 0 || i + 1 == words.size()) {
      text += ". ";
      left = sentence(rng);
    } else {
      text += ' ';
    }
  }
  return text;
}

std::vector<NamedCheck>& checks() {
  static std::vector<NamedCheck> all;
  return all;
}

bool register_check(std::string name, Check check) {
  checks().push_back({std::move(name), std::move(check)});
  return true;
}

}  // namespace wiretrace::micro
