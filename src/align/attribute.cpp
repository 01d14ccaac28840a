#include "wiretrace/attribute.hpp"

#include "detail/assert.hpp"

namespace wiretrace {

const char* to_string(PassageKind kind) {
  switch (kind) {
    case PassageKind::reused: return "reused";
    case PassageKind::added: return "added";
    case PassageKind::original: return "original";
    case PassageKind::boilerplate: return "boilerplate";
  }
  return "added";
}

namespace {

// The credit of one word: its kind and, for reused words, which aligned passage gave it.
struct WordLabel {
  PassageKind kind = PassageKind::added;
  std::int32_t source = -1;
  std::uint32_t source_start = 0, source_end = 0;
  std::int32_t passage = -1;  // distinguishes two adjacent passages from the same source
  PassageMatch match = PassageMatch::exact;
  bool same_run(const WordLabel& o) const {
    return kind == o.kind && source == o.source && passage == o.passage && match == o.match;
  }
};

MemberPassages tile(const MemberText& member, const std::vector<WordLabel>& labels) {
  MemberPassages out;
  const auto& tokens = member.tokens;
  if (tokens.empty()) {
    if (member.bytes > 0) out.passages.push_back({0, member.bytes, PassageKind::added, -1, 0, 0, 0});
    return out;
  }
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const WordLabel& l = labels[t];
    switch (l.kind) {
      case PassageKind::reused:
      case PassageKind::original: ++out.reused_words; break;
      case PassageKind::added: ++out.added_words; break;
      case PassageKind::boilerplate: ++out.boilerplate_words; break;
    }
    if (t > 0 && l.same_run(labels[t - 1])) {
      ++out.passages.back().words;
      continue;
    }
    // A new passage starts at this word; the previous one keeps the bytes up to here.
    const std::uint32_t start = out.passages.empty() ? 0 : tokens[t].begin;
    if (!out.passages.empty()) out.passages.back().end = start;
    out.passages.push_back({start, 0, l.kind, l.source, l.source_start, l.source_end, 1, l.match});
  }
  out.passages.back().end = member.bytes;
  return out;
}

}  // namespace

std::vector<MemberPassages> attribute_family(const std::vector<MemberText>& members,
                                             std::uint32_t original,
                                             const std::vector<MemberAlignment>& alignments) {
  WIRETRACE_ASSERT(original < members.size() || original == no_original);
  std::vector<std::vector<WordLabel>> labels(members.size());
  for (std::size_t m = 0; m < members.size(); ++m) {
    labels[m].resize(members[m].tokens.size());
    for (std::size_t t = 0; t < labels[m].size(); ++t)
      if (t < members[m].boilerplate.size() && members[m].boilerplate[t])
        labels[m][t].kind = PassageKind::boilerplate;
  }
  std::int32_t passage_id = 0;
  for (const MemberAlignment& alignment : alignments) {
    WIRETRACE_ASSERT(alignment.copy < members.size() && alignment.source < members.size());
    if (alignment.copy == original) continue;  // the original reuses nothing
    const auto& copy_date = members[alignment.copy].published_unix;
    const auto& source_date = members[alignment.source].published_unix;
    if (alignment.source != original && copy_date && source_date && *source_date > *copy_date)
      continue;  // reused "from the future": the later member reused this text, not the earlier one
    auto& copy_labels = labels[alignment.copy];
    auto& source_labels = labels[alignment.source];
    for (const AlignedPassage& p : alignment.passages) {
      ++passage_id;
      for (std::uint32_t t = p.a_first; t < p.a_last; ++t) {
        WordLabel& l = copy_labels[t];
        if (l.kind == PassageKind::reused || l.kind == PassageKind::boilerplate) continue;
        l = {PassageKind::reused, static_cast<std::int32_t>(alignment.source), p.b_begin, p.b_end,
             passage_id, p.match};
      }
      if (alignment.source != original) continue;
      // The original's text reused word for word by one copy and reworded by another is exact.
      for (std::uint32_t t = p.b_first; t < p.b_last; ++t)
        if (WordLabel& l = source_labels[t]; l.kind == PassageKind::added) {
          l.kind = PassageKind::original;
          l.match = p.match;
        } else if (l.kind == PassageKind::original && p.match == PassageMatch::exact) {
          l.match = PassageMatch::exact;
        }
    }
  }
  std::vector<MemberPassages> out(members.size());
  for (std::size_t m = 0; m < members.size(); ++m) out[m] = tile(members[m], labels[m]);
  return out;
}

}  // namespace wiretrace
