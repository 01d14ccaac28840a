// Stage 8, attribute: the alignments inside one family -> for every member, passages that tile
// its text exactly, each saying whether the bytes were reused from another member (and from
// where), added by this publisher, reused by others (in the original), or boilerplate.
// It does not align; it decides who gets credit for each word.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "wiretrace/align.hpp"
#include "wiretrace/normalize.hpp"

namespace wiretrace {

enum class PassageKind { reused, added, original, boilerplate };
const char* to_string(PassageKind kind);

/// A byte range of a document. `source` is the index (within the family's member list) of the
/// member the text was taken from, for reused passages; -1 otherwise.
struct Passage {
  std::uint32_t start = 0, end = 0;  ///< bytes [start, end) of the document's text
  PassageKind kind = PassageKind::added;
  std::int32_t source = -1;
  std::uint32_t source_start = 0, source_end = 0;  ///< bytes of the source's text
  std::uint32_t words = 0;
  /// For reused (and original) text: pasted, or reworded (the alignment that credited it).
  PassageMatch match = PassageMatch::exact;
};

/// What attribution needs to know about one family member.
struct MemberText {
  std::span<const Token> tokens;
  std::uint32_t bytes = 0;  ///< length of the text
  /// Tokens inside the publisher's boilerplate (a header or footer repeated by the source).
  std::vector<bool> boilerplate;
  /// When it was published, if known: text cannot be reused from an article published later.
  std::optional<std::int64_t> published_unix;
};

/// Passages of member `copy` matched against member `source` (copy is a, source is b).
struct MemberAlignment {
  std::uint32_t copy = 0;
  std::uint32_t source = 0;
  std::vector<AlignedPassage> passages;
};

struct MemberPassages {
  std::vector<Passage> passages;  ///< in order, no gaps, no overlaps, covering [0, bytes)
  std::uint32_t reused_words = 0;   ///< words in reused passages (or, for the original, reused by others)
  std::uint32_t added_words = 0;
  std::uint32_t boilerplate_words = 0;
};

/// Tiles every member. `alignments` are in priority order: a word of a copy already credited to
/// an earlier source keeps that source. An alignment whose source was published after its copy
/// (both dated) is skipped: the earlier article did not take its text from the later one, which
/// took it from the earlier (its own alignment says so). Words of `original` that some copy reused are kind
/// `original`; the original itself reuses nothing. With `original` == no_original there is none. Bytes between words (spaces, punctuation)
/// join the passage before them, so that every passage except a leading one starts at a word.
/// `original` for a family whose wire is not in the input: no member is credited as the source of
/// the shared text; every member's shared text is `reused` from the member it is shared with.
inline constexpr std::uint32_t no_original = ~std::uint32_t{0};

std::vector<MemberPassages> attribute_family(const std::vector<MemberText>& members,
                                             std::uint32_t original,
                                             const std::vector<MemberAlignment>& alignments);

}  // namespace wiretrace
