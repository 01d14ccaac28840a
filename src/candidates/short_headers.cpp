// Headers shorter than a shingle: "Sign in", "Most read", "Subscribe now" on a line of their own
// above the story. Every shingle that starts in them runs on into the story, which differs from
// article to article, so mask_boilerplate never sees them repeat; the line itself does.
#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <vector>

#include <xxhash.h>

#include "wiretrace/boilerplate.hpp"
#include "wiretrace/normalize.hpp"

namespace wiretrace {
namespace {

// How many bytes after the line are read to tell one story's opening from another's.
constexpr std::size_t follow_bytes = 256;
constexpr std::size_t follow_words = 5;

std::uint64_t hash_tokens(const std::vector<Token>& tokens, std::size_t from, std::size_t to) {
  std::vector<std::uint64_t> hashes;
  for (std::size_t i = from; i < to; ++i) hashes.push_back(tokens[i].hash);
  return XXH3_64bits(hashes.data(), hashes.size() * sizeof(std::uint64_t));
}

struct FirstLine {
  std::uint32_t words = 0;    // 0: no short first line
  std::uint64_t line = 0;     // hash of its words
  std::uint64_t follows = 0;  // hash of the words after it
};

FirstLine first_line(std::string_view text, unsigned shingle_k) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  const auto end = text.find('\n', begin);
  if (end == std::string_view::npos) return {};  // one line: all story, no header above it
  const auto line = tokenize(text.substr(begin, end - begin));
  if (line.empty() || line.size() >= shingle_k) return {};
  const auto rest = tokenize(text.substr(end, follow_bytes));
  if (rest.empty()) return {};
  return {static_cast<std::uint32_t>(line.size()), hash_tokens(line, 0, line.size()),
          hash_tokens(rest, 0, std::min(rest.size(), follow_words))};
}

}  // namespace

std::vector<std::uint32_t> short_header_words(std::span<const std::string_view> texts,
                                              const std::vector<std::string>& sources,
                                              const Params& params) {
  std::vector<FirstLine> lines(texts.size());
  for (std::size_t d = 0; d < texts.size(); ++d)
    if (!sources[d].empty()) lines[d] = first_line(texts[d], params.shingle_k);
  // A line is the source's header when it opens articles that go on in different ways: a story
  // filed twice (or three times) opens with its own headline each time, and goes on the same.
  std::map<std::pair<std::string_view, std::uint64_t>, std::set<std::uint64_t>> openings;
  for (std::size_t d = 0; d < texts.size(); ++d)
    if (lines[d].words > 0) openings[{sources[d], lines[d].line}].insert(lines[d].follows);
  std::vector<std::uint32_t> words(texts.size(), 0);
  for (std::size_t d = 0; d < texts.size(); ++d)
    if (lines[d].words > 0 &&
        openings[{sources[d], lines[d].line}].size() >= params.boilerplate_header_stories)
      words[d] = lines[d].words;
  return words;
}

}  // namespace wiretrace
