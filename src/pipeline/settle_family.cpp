// Once families are built, `cluster` and `index export` describe them the same way: each
// member's shared words, its role, and the family's original named from that evidence.
#include <algorithm>
#include <span>

#include "wiretrace/cluster.hpp"
#include "wiretrace/pipeline.hpp"

namespace wiretrace {

void settle_family(ClusterResult& result, std::size_t f,
                   std::span<const ShingleSet* const> member_sets,
                   std::span<const std::uint32_t> boilerplate_words) {
  Family& family = result.families[f];
  std::vector<std::optional<std::int64_t>> published;
  for (auto d : family.members) published.push_back(result.documents[d].published_unix);
  auto evidence = members_evidence(member_sets, published, boilerplate_words, result.params.shingle_k);
  for (std::size_t m = 0; m < family.members.size(); ++m) {
    const auto d = family.members[m];
    DocumentResult& r = result.results[d];
    evidence[m].bridge = std::binary_search(family.bridges.begin(), family.bridges.end(), d);
    if (evidence[m].bridge) continue;  // described by its own family
    r.shared_words = evidence[m].shared_words;
    r.family = static_cast<std::int32_t>(f);
    r.role = Role::copy;
  }
  const std::uint32_t original = name_original(family, std::move(evidence), result.params);
  // Without the wire, the member named first is a copy like the others: nobody's copy is the
  // original, and reports say "wire not in input".
  if (family.wire_in_input) result.results[original].role = Role::original;
}

}  // namespace wiretrace
