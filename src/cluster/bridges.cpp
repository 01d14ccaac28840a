// Families that hang on a bridge: a round-up or a sports page that quotes two stories links them
// through itself alone, and union-find makes one family of both. Such a family is split at the
// bridge article when the text it shares with each side is different text; the bridge is then a
// member (a copy) of each part.
#include <algorithm>
#include <numeric>

#include "detail/assert.hpp"
#include "detail/disjoint_sets.hpp"
#include "detail/hash_set.hpp"
#include "detail/word_cover.hpp"
#include "wiretrace/cluster.hpp"
#include "wiretrace/engine.hpp"

namespace wiretrace {
namespace {

// A part of a family under examination: its members (ascending) and the bridges among them
// (members whose own family is another part).
struct Part {
  std::vector<std::uint32_t> members;
  std::vector<std::uint32_t> bridges;
};

// Adjacency of a part's members (local indices) from the family's pairs.
std::vector<std::vector<std::uint32_t>> adjacency(const std::vector<std::uint32_t>& members,
                                                  const std::vector<ScoredPair>& pairs) {
  std::vector<std::vector<std::uint32_t>> adj(members.size());
  auto local = [&](std::uint32_t d) -> std::int64_t {
    const auto it = std::lower_bound(members.begin(), members.end(), d);
    return it != members.end() && *it == d ? it - members.begin() : -1;
  };
  for (const ScoredPair& p : pairs) {
    const auto a = local(p.a), b = local(p.b);
    if (a < 0 || b < 0) continue;
    adj[static_cast<std::size_t>(a)].push_back(static_cast<std::uint32_t>(b));
    adj[static_cast<std::size_t>(b)].push_back(static_cast<std::uint32_t>(a));
  }
  return adj;
}

// Articulation points (local indices, ascending) of a connected graph: Tarjan's low-link walk,
// iterative so that a long chain cannot overflow the stack.
std::vector<std::uint32_t> articulation_points(const std::vector<std::vector<std::uint32_t>>& adj) {
  const std::size_t n = adj.size();
  constexpr std::uint32_t unseen = ~0u;
  std::vector<std::uint32_t> order(n, unseen), low(n, 0), parent(n, unseen), next_edge(n, 0);
  std::vector<char> is_cut(n, 0);
  std::uint32_t clock = 0, root_children = 0;
  std::vector<std::uint32_t> stack{0};
  order[0] = low[0] = clock++;
  while (!stack.empty()) {
    const std::uint32_t v = stack.back();
    if (next_edge[v] < adj[v].size()) {
      const std::uint32_t w = adj[v][next_edge[v]++];
      if (order[w] == unseen) {
        parent[w] = v;
        order[w] = low[w] = clock++;
        if (v == 0) ++root_children;
        stack.push_back(w);
      } else if (w != parent[v]) {
        low[v] = std::min(low[v], order[w]);
      }
      continue;
    }
    stack.pop_back();
    const std::uint32_t p = parent[v];
    if (p == unseen) continue;
    low[p] = std::min(low[p], low[v]);
    if (p != 0 && low[v] >= order[p]) is_cut[p] = 1;
  }
  if (root_children > 1) is_cut[0] = 1;
  std::vector<std::uint32_t> cuts;
  for (std::uint32_t v = 0; v < n; ++v)
    if (is_cut[v]) cuts.push_back(v);
  return cuts;
}

// The components of the part without member `cut` (local indices), each ascending, in order of
// their smallest member.
std::vector<std::vector<std::uint32_t>> components_without(
    const std::vector<std::vector<std::uint32_t>>& adj, std::uint32_t cut) {
  detail::DisjointSets sets(adj.size());
  for (std::uint32_t v = 0; v < adj.size(); ++v)
    if (v != cut)
      for (std::uint32_t w : adj[v])
        if (w != cut) sets.unite(v, w);
  std::vector<std::vector<std::uint32_t>> out;
  std::vector<std::int64_t> slot(adj.size(), -1);
  for (std::uint32_t v = 0; v < adj.size(); ++v) {
    if (v == cut) continue;
    const auto root = sets.find(v);
    if (slot[root] < 0) {
      slot[root] = static_cast<std::int64_t>(out.size());
      out.emplace_back();
    }
    out[static_cast<std::size_t>(slot[root])].push_back(v);
  }
  return out;
}

// Which of the bridge's words are covered by shingles it shares with the given members.
std::vector<std::uint8_t> words_shared_with(const ShingleSet& bridge,
                                            const std::vector<const ShingleSet*>& others,
                                            unsigned shingle_k) {
  std::size_t total = 0;
  for (const ShingleSet* o : others) total += o->sequence.size();
  detail::ShingleHashSet theirs;
  theirs.reset(total);
  for (const ShingleSet* o : others)
    for (ShingleHash h : o->sequence)
      if (h != 0) theirs.insert(h);  // 0: masked boilerplate
  std::vector<std::uint8_t> marks(bridge.words, 0);
  detail::mark_covered_words(
      bridge.sequence, shingle_k,
      [&](ShingleHash h) -> std::uint8_t { return h != 0 && theirs.contains(h) ? 1 : 0; }, marks);
  return marks;
}

// What choose_original knows of each member of `members` (document indices).
std::vector<OriginalEvidence> evidence_of(const std::vector<std::uint32_t>& members,
                                          const std::vector<std::uint32_t>& bridges,
                                          std::span<const ShingleSet> sets,
                                          std::span<const DocumentFacts> facts,
                                          unsigned shingle_k) {
  std::vector<const ShingleSet*> member_sets;
  std::vector<std::optional<std::int64_t>> published;
  std::vector<std::uint32_t> boilerplate;
  for (std::uint32_t d : members) {
    member_sets.push_back(&sets[d]);
    published.push_back(facts[d].published_unix);
    boilerplate.push_back(boilerplate_word_count(sets[d], shingle_k, facts[d].header_words));
  }
  auto evidence = members_evidence(member_sets, published, boilerplate, shingle_k);
  for (std::size_t m = 0; m < members.size(); ++m)
    evidence[m].bridge = std::binary_search(bridges.begin(), bridges.end(), members[m]);
  return evidence;
}

// Whether two of `side` (document indices) share at least min_run_words words of copy that
// `bridge` does not hold.
bool tells_more_than(const std::vector<std::uint32_t>& side, const ShingleSet& bridge,
                     std::span<const ShingleSet> sets, const Params& params) {
  if (side.size() < 2) return false;
  detail::ShingleHashSet in_bridge, seen, shared;
  in_bridge.assign(distinct_shingles(bridge));
  std::size_t total = 0;
  for (std::uint32_t d : side) total += sets[d].distinct_count;
  seen.reset(total);
  shared.reset(total);
  for (std::uint32_t d : side)
    for (ShingleHash h : distinct_shingles(sets[d]))
      if (!in_bridge.contains(h) && !seen.insert(h)) shared.insert(h);
  return std::any_of(side.begin(), side.end(), [&](std::uint32_t d) {
    const ShingleSet& set = sets[d];
    return detail::count_covered_words(set.sequence, set.words, params.shingle_k,
                                       [&](ShingleHash h) { return shared.contains(h); }) >=
           params.min_run_words;
  });
}

// Splits `part` at its first articulation point whose sides the bridge shares different text
// with. Returns the new parts, or nothing when the part does not hang on a bridge.
std::vector<Part> split_once(const Part& part, const std::vector<ScoredPair>& pairs,
                             std::span<const ShingleSet> sets,
                             std::span<const DocumentFacts> facts,
                             const Params& params) {
  if (part.members.size() < 3) return {};
  const auto adj = adjacency(part.members, pairs);
  for (std::uint32_t cut : articulation_points(adj)) {
    const std::uint32_t bridge = part.members[cut];
    const auto sides = components_without(adj, cut);
    // The bridge's words shared with each side, through the members it is paired with there.
    std::vector<std::vector<std::uint8_t>> shared(sides.size());
    std::vector<std::size_t> shared_count(sides.size(), 0);
    for (std::size_t s = 0; s < sides.size(); ++s) {
      std::vector<const ShingleSet*> neighbours;
      for (std::uint32_t w : adj[cut])
        if (std::binary_search(sides[s].begin(), sides[s].end(), w))
          neighbours.push_back(&sets[part.members[w]]);
      shared[s] = words_shared_with(sets[bridge], neighbours, params.shingle_k);
      shared_count[s] = static_cast<std::size_t>(std::count(shared[s].begin(), shared[s].end(), 1));
    }
    // Sides the bridge shares the same text with (as many words as a run of copy) are one story
    // told on both: they stay together.
    detail::DisjointSets story(static_cast<std::uint32_t>(sides.size()));
    for (std::size_t s = 0; s < sides.size(); ++s)
      for (std::size_t t = s + 1; t < sides.size(); ++t) {
        std::size_t both = 0;
        for (std::size_t w = 0; w < shared[s].size(); ++w) both += shared[s][w] & shared[t][w];
        if (both >= params.min_run_words) story.unite(static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(t));
      }
    std::vector<std::int64_t> group_of(sides.size(), -1);
    std::vector<Part> parts;
    std::vector<std::size_t> group_shared;
    for (std::size_t s = 0; s < sides.size(); ++s) {
      const auto root = story.find(static_cast<std::uint32_t>(s));
      if (group_of[root] < 0) {
        group_of[root] = static_cast<std::int64_t>(parts.size());
        parts.emplace_back();
        group_shared.push_back(0);
      }
      const auto g = static_cast<std::size_t>(group_of[root]);
      for (std::uint32_t v : sides[s]) parts[g].members.push_back(part.members[v]);
      group_shared[g] += shared_count[s];
    }
    if (parts.size() < 2) continue;
    // Each side must tell more of its story than the bridge took: two of its articles sharing
    // a run of copy the bridge lacks. A round-up quotes a few paragraphs of stories that their
    // wire and its copies tell in full; a whole copy of an absent wire, between excerpts of
    // different paragraphs, holds all that its sides share (and dates do not tell the two
    // apart: every copy is later than the wire, in any order).
    if (!std::all_of(parts.begin(), parts.end(), [&](const Part& p) {
          return tells_more_than(p.members, sets[bridge], sets, params);
        }))
      continue;
    // A member the others took from is the source of each side, not a bridge between them (a
    // wire whose copies ran different paragraphs): only an article that is a copy in every part
    // (named by date when the part is dated, else by its text) bridges them.
    const bool source_somewhere = std::any_of(parts.begin(), parts.end(), [&](const Part& p) {
      std::vector<std::uint32_t> members = p.members;
      members.push_back(bridge);
      std::sort(members.begin(), members.end());
      std::vector<std::uint32_t> others;  // the part's bridges, except this one
      for (std::uint32_t b : part.bridges)
        if (b != bridge) others.push_back(b);
      const auto choice = choose_original_of(
          members, evidence_of(members, others, sets, facts, params.shingle_k), pairs, params);
      return members[choice.index] == bridge;
    });
    if (source_somewhere) continue;
    // The bridge's own family is the part it shares the most text with (the first on a tie);
    // in the others it is a bridge. One that is a bridge here already is one in every part.
    const bool bridge_already = std::binary_search(part.bridges.begin(), part.bridges.end(), bridge);
    const auto home = static_cast<std::size_t>(
        std::max_element(group_shared.begin(), group_shared.end()) - group_shared.begin());
    for (std::size_t g = 0; g < parts.size(); ++g) {
      Part& p = parts[g];
      p.members.push_back(bridge);
      std::sort(p.members.begin(), p.members.end());
      for (std::uint32_t b : part.bridges)
        if (b != bridge && std::binary_search(p.members.begin(), p.members.end(), b)) p.bridges.push_back(b);
      if (bridge_already || g != home) p.bridges.push_back(bridge);
      std::sort(p.bridges.begin(), p.bridges.end());
    }
    return parts;
  }
  return {};
}

}  // namespace

std::vector<Family> split_at_bridges(std::vector<Family> families, std::span<const ShingleSet> sets,
                                     std::span<const DocumentFacts> facts, const Params& params) {
  std::vector<Family> out;
  for (Family& family : families) {
    std::vector<Part> todo{{family.members, {}}};
    std::sort(todo[0].members.begin(), todo[0].members.end());
    std::vector<Part> done;
    while (!todo.empty()) {
      Part part = std::move(todo.back());
      todo.pop_back();
      auto parts = split_once(part, family.pairs, sets, facts, params);
      if (parts.empty()) {
        done.push_back(std::move(part));
        continue;
      }
      // Each part lacks the members of the others, so this ends.
      for (auto it = parts.rbegin(); it != parts.rend(); ++it) todo.push_back(std::move(*it));
    }
    if (done.size() == 1) {
      out.push_back(std::move(family));
      continue;
    }
    std::sort(done.begin(), done.end(), [](const Part& x, const Part& y) { return x.members < y.members; });
    for (Part& part : done) {
      Family piece;
      piece.members = std::move(part.members);
      piece.bridges = std::move(part.bridges);
      for (const ScoredPair& p : family.pairs)
        if (std::binary_search(piece.members.begin(), piece.members.end(), p.a) &&
            std::binary_search(piece.members.begin(), piece.members.end(), p.b))
          piece.pairs.push_back(p);
      piece.original = piece.members.front();
      out.push_back(std::move(piece));
    }
  }
  // Largest first, as build_families orders them; otherwise in the order of the families they
  // came from (the parts of one family in order of their smallest member).
  std::stable_sort(out.begin(), out.end(), [](const Family& x, const Family& y) {
    return x.members.size() > y.members.size();
  });
  return out;
}

}  // namespace wiretrace
