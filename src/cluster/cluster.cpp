#include "wiretrace/cluster.hpp"

#include <algorithm>
#include <numeric>

#include "detail/assert.hpp"
#include "detail/disjoint_sets.hpp"
#include "detail/hash_set.hpp"
#include "detail/word_cover.hpp"

namespace wiretrace {

const char* to_string(OriginalBasis basis) {
  switch (basis) {
    case OriginalBasis::published: return "published";
    case OriginalBasis::coverage: return "coverage";
  }
  return "coverage";
}

const char* to_string(Confidence confidence) {
  switch (confidence) {
    case Confidence::high: return "high";
    case Confidence::medium: return "medium";
    case Confidence::low: return "low";
  }
  return "low";
}

std::vector<Family> build_families(std::size_t num_documents,
                                   const std::vector<ScoredPair>& accepted) {
  // Union by the smaller root: the families do not depend on the order of the pairs.
  detail::DisjointSets sets(num_documents);
  for (const auto& p : accepted) {
    WIRETRACE_ASSERT(p.a < num_documents && p.b < num_documents);
    sets.unite(p.a, p.b);
  }
  std::vector<std::int64_t> family_of_root(num_documents, -1);
  std::vector<Family> families;
  for (std::uint32_t d = 0; d < num_documents; ++d) {
    const std::uint32_t root = sets.find(d);
    if (root == d) continue;  // roots are the smallest member: handled when a member joins
    if (family_of_root[root] < 0) {
      family_of_root[root] = static_cast<std::int64_t>(families.size());
      families.push_back({});
      families.back().members.push_back(root);
    }
    families[static_cast<std::size_t>(family_of_root[root])].members.push_back(d);
  }
  for (const auto& p : accepted) {
    const std::int64_t f = family_of_root[sets.find(p.a)];
    WIRETRACE_ASSERT(f >= 0);
    families[static_cast<std::size_t>(f)].pairs.push_back(p);
  }
  for (auto& family : families) {
    std::sort(family.pairs.begin(), family.pairs.end(), [](const ScoredPair& x, const ScoredPair& y) {
      return std::tie(x.a, x.b) < std::tie(y.a, y.b);
    });
    family.original = family.members.front();
  }
  // Members are in index order already; families: largest first, then by smallest member.
  std::stable_sort(families.begin(), families.end(), [](const Family& x, const Family& y) {
    return x.members.size() > y.members.size();
  });
  return families;
}

std::vector<Family> join_rewritten(std::vector<Family> families, std::size_t num_documents,
                                   const std::vector<ScoredPair>& rewritten) {
  if (rewritten.empty()) return families;
  // Nodes: the families, then one per document for those in no family of their own.
  constexpr std::uint32_t unset = ~std::uint32_t{0};
  std::vector<std::uint32_t> own(num_documents, unset);
  for (std::uint32_t f = 0; f < families.size(); ++f)
    for (std::uint32_t d : families[f].members)
      if (!std::binary_search(families[f].bridges.begin(), families[f].bridges.end(), d)) own[d] = f;
  const std::size_t exact_families = families.size();  // new families are appended below
  const auto node = [&](std::uint32_t d) {
    return own[d] != unset ? own[d] : static_cast<std::uint32_t>(exact_families + d);
  };
  // Exact evidence decides whether two families are one: a rewritten link that would join two
  // of them is dropped (on generated corpora, stars of links each touching another member of
  // a family chained 1,900 of 10,000 articles into one). A unique article joins one family.
  detail::DisjointSets sets(exact_families + num_documents);
  std::vector<char> holds_family(exact_families + num_documents, 0);
  std::fill(holds_family.begin(), holds_family.begin() + static_cast<std::ptrdiff_t>(exact_families), 1);
  std::vector<ScoredPair> links;
  for (const ScoredPair& p : rewritten) {
    const std::uint32_t x = sets.find(node(p.a)), y = sets.find(node(p.b));
    if (x != y && holds_family[x] && holds_family[y]) continue;
    sets.unite(x, y);
    holds_family[sets.find(x)] = holds_family[x] || holds_family[y];
    links.push_back(p);
  }
  // So each group holds one exact family at most: that family, grown by the unique articles and
  // links of its group, or a new family of unique articles only.
  std::vector<std::int64_t> family_of_group(exact_families + num_documents, -1);
  for (std::uint32_t f = 0; f < exact_families; ++f) family_of_group[sets.find(f)] = f;
  for (const ScoredPair& p : links) {
    std::int64_t& f = family_of_group[sets.find(node(p.a))];
    if (f < 0) {
      f = static_cast<std::int64_t>(families.size());
      families.emplace_back();
    }
    Family& into = families[static_cast<std::size_t>(f)];
    for (std::uint32_t d : {p.a, p.b})
      if (own[d] == unset) into.members.push_back(d);
    into.pairs.push_back(p);
  }
  for (Family& family : families) {
    auto& m = family.members;
    std::sort(m.begin(), m.end());
    m.erase(std::unique(m.begin(), m.end()), m.end());  // a unique article in several links
    std::sort(family.pairs.begin(), family.pairs.end(), [](const ScoredPair& x, const ScoredPair& y) {
      return std::tie(x.a, x.b) < std::tie(y.a, y.b);
    });
    family.original = m.front();
  }
  std::sort(families.begin(), families.end(), [](const Family& x, const Family& y) {
    return x.members.size() != y.members.size() ? x.members.size() > y.members.size()
                                                : x.members.front() < y.members.front();
  });
  return families;
}

OriginalChoice choose_original(const std::vector<OriginalEvidence>& members, const Params& params) {
  WIRETRACE_ASSERT(!members.empty());
  const auto bridges = static_cast<std::size_t>(
      std::count_if(members.begin(), members.end(), [](const OriginalEvidence& m) { return m.bridge; }));
  if (bridges > 0 && bridges < members.size()) {
    // The choice among the others, with containment among them only.
    std::vector<std::size_t> index;
    std::vector<std::int64_t> slot(members.size(), -1);
    for (std::size_t i = 0; i < members.size(); ++i)
      if (!members[i].bridge) {
        slot[i] = static_cast<std::int64_t>(index.size());
        index.push_back(i);
      }
    std::vector<OriginalEvidence> others;
    for (std::size_t i : index) {
      others.push_back(members[i]);
      auto& inside = others.back().contained_in;
      std::vector<std::uint32_t> kept;
      for (std::uint32_t j : inside)
        if (slot[j] >= 0) kept.push_back(static_cast<std::uint32_t>(slot[j]));
      inside = std::move(kept);
    }
    OriginalChoice choice = choose_original(others, params);
    choice.index = index[choice.index];
    return choice;
  }
  const bool all_dated = std::all_of(members.begin(), members.end(),
                                     [](const OriginalEvidence& m) { return m.published_unix.has_value(); });
  if (all_dated) {
    std::size_t best = 0, ties = 0;
    for (std::size_t i = 1; i < members.size(); ++i)
      if (*members[i].published_unix < *members[best].published_unix) best = i;
    for (const auto& m : members) ties += *m.published_unix == *members[best].published_unix;
    if (ties == 1) return {best, OriginalBasis::published, Confidence::high};
    // Several members share the earliest date: the text decides among them.
    std::vector<OriginalEvidence> earliest;
    std::vector<std::size_t> index;
    for (std::size_t i = 0; i < members.size(); ++i)
      if (*members[i].published_unix == *members[best].published_unix) {
        earliest.push_back(members[i]);
        earliest.back().published_unix.reset();
        earliest.back().contained_in.clear();
        index.push_back(i);
      }
    return {index[choose_original(earliest, params).index], OriginalBasis::published, Confidence::medium};
  }

  std::uint32_t most_shared = 0;
  for (const auto& m : members) most_shared = std::max(most_shared, m.shared_words);
  // "About as much": within 3%, or 16 words, whichever is more. A copy whose header or footer
  // joins the wire text can share a few words more than the wire itself (the joining shingles
  // match another outlet's identical header).
  const double slack = std::max(params.original_slack_share * most_shared,
                                static_cast<double>(params.original_slack_words));
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < members.size(); ++i)
    if (members[i].shared_words + slack >= most_shared) candidates.push_back(i);
  if (candidates.size() == 1) return {candidates[0], OriginalBasis::coverage, Confidence::high};

  std::uint32_t least_boilerplate = ~0u;
  for (auto i : candidates) least_boilerplate = std::min(least_boilerplate, members[i].boilerplate_words);
  // A footer is dozens of words; a few masked words are a repeated phrase, not a publisher's mark.
  std::erase_if(candidates, [&](std::size_t i) { return members[i].boilerplate_words > least_boilerplate + params.original_boilerplate_slack_words; });

  std::vector<std::size_t> not_contained;
  for (auto i : candidates) {
    const auto& inside = members[i].contained_in;
    // A longer member that opens with text of its own is i under a header, not the full text
    // that i was trimmed from: a copy is trimmed from the bottom, a header is added on top.
    const bool trimmed = std::any_of(candidates.begin(), candidates.end(), [&](std::size_t j) {
      return j != i && members[j].words > members[i].words && members[j].head_words <= members[i].head_words &&
             std::find(inside.begin(), inside.end(), j) != inside.end();
    });
    if (!trimmed) not_contained.push_back(i);
  }
  if (!not_contained.empty()) candidates = not_contained;
  if (candidates.size() == 1) return {candidates[0], OriginalBasis::coverage, Confidence::medium};
  // The wire adds nothing on top of the shared text: a candidate that opens with a header of
  // its own that no other member carries (a paper seen once, whose chrome is never masked) is
  // a copy when another candidate opens with the shared text itself.
  if (std::any_of(candidates.begin(), candidates.end(), [&](std::size_t i) { return members[i].head_words == 0; }))
    std::erase_if(candidates, [&](std::size_t i) { return members[i].head_words > 0; });
  if (candidates.size() == 1) return {candidates[0], OriginalBasis::coverage, Confidence::medium};

  auto reused_share = [&](std::size_t i) {
    const auto& m = members[i];
    const double own = std::max<double>(1, static_cast<double>(m.words) - m.boilerplate_words);
    return m.shared_words / own;
  };
  std::size_t best = candidates[0];
  for (auto i : candidates)
    if (reused_share(i) > reused_share(best)) best = i;
  return {best, OriginalBasis::coverage, Confidence::low};
}

OriginalChoice choose_original_of(std::span<const std::uint32_t> members,
                                 std::vector<OriginalEvidence> evidence,
                                 std::span<const ScoredPair> pairs, const Params& params) {
  WIRETRACE_ASSERT(evidence.size() == members.size());
  auto member_of = [&](std::uint32_t d) {
    return static_cast<std::uint32_t>(std::find(members.begin(), members.end(), d) - members.begin());
  };
  for (const ScoredPair& p : pairs) {
    const auto a = member_of(p.a), b = member_of(p.b);
    if (a == members.size() || b == members.size()) continue;  // a pair of another part
    if (p.containment_ab >= params.trimmed_copy_containment) evidence[a].contained_in.push_back(b);
    if (p.containment_ba >= params.trimmed_copy_containment) evidence[b].contained_in.push_back(a);
  }
  return choose_original(evidence, params);
}

std::uint32_t name_original(Family& family, std::vector<OriginalEvidence> evidence,
                            const Params& params) {
  WIRETRACE_ASSERT(evidence.size() == family.members.size());
  std::vector<std::uint32_t> boilerplate(evidence.size());
  for (std::size_t m = 0; m < evidence.size(); ++m) boilerplate[m] = evidence[m].boilerplate_words;
  const OriginalChoice choice = choose_original_of(family.members, std::move(evidence), family.pairs, params);
  family.original = family.members[choice.index];
  family.original_basis = choice.basis;
  family.original_confidence = choice.confidence;
  family.wire_in_input = boilerplate[choice.index] == 0;
  const auto at = family.members.begin() + static_cast<std::ptrdiff_t>(choice.index);
  std::rotate(family.members.begin(), at, at + 1);
  return family.original;
}

std::vector<OriginalEvidence> members_evidence(std::span<const ShingleSet* const> member_sets,
                                               std::span<const std::optional<std::int64_t>> published,
                                               std::span<const std::uint32_t> boilerplate_words,
                                               unsigned shingle_k) {
  WIRETRACE_ASSERT(published.size() == member_sets.size() && boilerplate_words.size() == member_sets.size());
  const auto shared = shared_words_per_member(member_sets, shingle_k);
  const auto head = unshared_head_words_per_member(member_sets, shingle_k);
  std::vector<OriginalEvidence> evidence(member_sets.size());
  for (std::size_t m = 0; m < member_sets.size(); ++m) {
    evidence[m].published_unix = published[m];
    evidence[m].shared_words = shared[m];
    evidence[m].words = member_sets[m]->words;
    evidence[m].boilerplate_words = boilerplate_words[m];
    evidence[m].head_words = head[m];
  }
  return evidence;
}

std::vector<std::uint32_t> shared_words_per_member(std::span<const ShingleSet* const> members,
                                                   unsigned shingle_k) {
  // Each member's shingles are taken once, so a shingle met a second time belongs to two members.
  std::size_t total_distinct = 0;
  for (const ShingleSet* set : members) total_distinct += set->distinct_count;
  detail::ShingleHashSet seen, shared;
  seen.reset(total_distinct);
  shared.reset(total_distinct);
  for (const ShingleSet* set : members)
    for (ShingleHash h : distinct_shingles(*set))
      if (!seen.insert(h)) shared.insert(h);

  std::vector<std::uint32_t> words(members.size(), 0);
  for (std::size_t m = 0; m < members.size(); ++m) {
    const ShingleSet& set = *members[m];
    words[m] = static_cast<std::uint32_t>(detail::count_covered_words(
        set.sequence, set.words, shingle_k, [&](ShingleHash h) { return shared.contains(h); }));
  }
  return words;
}

std::vector<std::uint32_t> unshared_head_words_per_member(std::span<const ShingleSet* const> members,
                                                          unsigned shingle_k) {
  (void)shingle_k;  // shingle i starts at word i: the head is the index of the first shared one
  std::vector<std::uint32_t> head(members.size(), 0);
  for (std::size_t m = 0; m < members.size(); ++m) {
    detail::ShingleHashSet others;
    std::size_t total = 0;
    for (std::size_t o = 0; o < members.size(); ++o)
      if (o != m) total += members[o]->sequence.size();
    others.reset(total);
    for (std::size_t o = 0; o < members.size(); ++o)
      if (o != m)
        for (ShingleHash h : members[o]->sequence)
          if (h != 0) others.insert(h);  // 0: masked boilerplate
    const auto& seq = members[m]->sequence;
    std::size_t i = 0;
    while (i < seq.size() && !others.contains(seq[i])) ++i;
    head[m] = static_cast<std::uint32_t>(i == seq.size() ? 0 : i);
  }
  return head;
}

}  // namespace wiretrace
