// `wiretrace index export`: the index's families in the shape of a `cluster` result, so that
// write_json_report prints them with the same schema. Families come from build_families over the
// stored accepted pairs (the connected groups the dedup decisions built one article at a time),
// originals from choose_original over the stored figures.
#include <algorithm>
#include <limits>
#include <tuple>

#include "wiretrace/cluster.hpp"
#include "wiretrace/index.hpp"

namespace wiretrace {

ClusterResult export_index(const Index& index) {
  const Params& params = index.params();
  std::vector<IndexedArticle> articles = index.all_articles();  // deleted ones have no row
  const std::size_t n = articles.size();
  ClusterResult result;
  result.params = params;
  result.documents.resize(n);
  result.results.resize(n);
  // Numbers have gaps where articles were deleted: documents are numbered by position.
  std::vector<std::int64_t> position(index.last_number() + 1, -1);
  for (std::size_t d = 0; d < n; ++d) position[articles[d].number] = static_cast<std::int64_t>(d);

  std::vector<ScoredPair> accepted;
  std::size_t stored_pairs = 0;
  std::vector<std::int64_t> first_of_family(index.last_number() + 1, -1);
  for (std::size_t d = 0; d < n; ++d) {
    IndexedArticle& a = articles[d];
    Document& doc = result.documents[d];
    doc.id = std::move(a.id);
    // Texts are not stored; a blank text of the stored length keeps `bytes` right.
    doc.text.assign(a.bytes, ' ');
    doc.title = std::move(a.title);
    doc.source = std::move(a.source);
    doc.url = std::move(a.url);
    doc.published = std::move(a.published);
    doc.lang = std::move(a.lang);
    doc.published_unix = a.published_unix;
    DocumentResult& r = result.results[d];
    r.words = a.words;
    r.boilerplate_words = a.boilerplate_words;
    // reused_words and added_words count words of aligned passages, which need the texts; the
    // report leaves them out (ReportOptions::passages). shared_words is settle_family's.
    for (ScoredPair p : a.matches) {  // a = the earlier article, b = this one (numbers)
      if (position[p.a] < 0) continue;  // deleted since
      p.a = static_cast<std::uint32_t>(position[p.a]);
      p.b = static_cast<std::uint32_t>(d);
      accepted.push_back(p);
      ++stored_pairs;
    }
    // Families are the index's: a family whose bridging article was deleted stays one family
    // (under the number its lines gave), so each member is also linked to the family's first
    // member; those links are no pairs and are taken out again below.
    const std::uint32_t family = index.family_of(articles[d].number);
    if (first_of_family[family] < 0) {
      first_of_family[family] = static_cast<std::int64_t>(d);
    } else {
      ScoredPair link;
      link.a = static_cast<std::uint32_t>(first_of_family[family]);
      link.b = static_cast<std::uint32_t>(d);
      link.shared_shingles = std::numeric_limits<std::uint32_t>::max();  // marks a link
      accepted.push_back(link);
    }
  }
  std::sort(accepted.begin(), accepted.end(), [](const ScoredPair& x, const ScoredPair& y) {
    return std::tie(x.a, x.b, x.shared_shingles) < std::tie(y.a, y.b, y.shared_shingles);
  });
  result.verified_pairs = stored_pairs;
  result.accepted_pairs = stored_pairs;
  result.families = build_families(n, accepted);
  for (Family& family : result.families)
    std::erase_if(family.pairs, [](const ScoredPair& p) {
      return p.shared_shingles == std::numeric_limits<std::uint32_t>::max();
    });

  for (std::size_t f = 0; f < result.families.size(); ++f) {
    Family& family = result.families[f];
    // Named as dedup names it: the number of the family's surviving founder in the index.
    family.number = index.family_of(articles[family.members.front()].number);
    std::vector<ShingleSet> sets;
    for (auto d : family.members) sets.push_back(index.shingles(articles[d].number));
    std::vector<const ShingleSet*> member_sets;
    std::vector<std::uint32_t> boilerplate;
    for (std::size_t m = 0; m < sets.size(); ++m) {
      member_sets.push_back(&sets[m]);
      boilerplate.push_back(result.results[family.members[m]].boilerplate_words);
    }
    settle_family(result, f, member_sets, boilerplate);
  }
  return result;
}

}  // namespace wiretrace
