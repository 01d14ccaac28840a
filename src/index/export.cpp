// `wiretrace index export`: the index's families in the shape of a `cluster` result, so that
// write_json_report prints them with the same schema. Families come from build_families over the
// stored accepted pairs (the connected groups the dedup decisions built one article at a time),
// originals from choose_original over the stored figures.
#include <algorithm>
#include <tuple>

#include "wiretrace/cluster.hpp"
#include "wiretrace/index.hpp"

namespace wiretrace {

ClusterResult export_index(const Index& index) {
  const Params& params = index.params();
  std::vector<IndexedArticle> articles = index.all_articles();
  const std::size_t n = articles.size();
  ClusterResult result;
  result.params = params;
  result.documents.resize(n);
  result.results.resize(n);

  std::vector<ScoredPair> accepted;
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
      p.a -= 1;
      p.b = static_cast<std::uint32_t>(d);
      accepted.push_back(p);
    }
  }
  std::sort(accepted.begin(), accepted.end(), [](const ScoredPair& x, const ScoredPair& y) {
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  result.verified_pairs = accepted.size();
  result.accepted_pairs = accepted.size();
  result.families = build_families(n, accepted);

  for (std::size_t f = 0; f < result.families.size(); ++f) {
    Family& family = result.families[f];
    // Named as dedup names it: the number of the family's surviving founder in the index.
    family.number = index.family_of(family.members.front() + 1);
    std::vector<ShingleSet> sets;
    for (auto d : family.members) sets.push_back(index.shingles(d + 1));
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
