#include <cmath>
#include <iomanip>
#include <sstream>

#include <nlohmann/json.hpp>
#include <tbb/parallel_for.h>

#include "params/param_table.hpp"
#include "report/family_ids.hpp"
#include "wiretrace/candidates.hpp"
#include "wiretrace/report.hpp"

namespace wiretrace {
namespace {

using Json = nlohmann::ordered_json;

// Scores are ratios; four decimals say all that matters and keep reports diffable.
double rounded(double x) { return std::round(x * 1e4) / 1e4; }

// Invalid UTF-8 can reach ids and reasons through file names; replace rather than throw.
std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string hex(std::uint64_t x) {
  std::ostringstream s;
  s << std::hex << std::setw(16) << std::setfill('0') << x;
  return s.str();
}

// The table's parameters that a cluster run reads, in table order (LSH's bands and rows after
// lsh_threshold, which decides them), then the stamp.
Json parameters_json(const Params& p) {
  Json j = Json::object();
  for (const detail::ParamSpec& spec : detail::param_table()) {
    if (!spec.in_results || !(spec.used_by & detail::bits(detail::Command::cluster))) continue;
    std::visit([&](auto member) { j[std::string(spec.name)] = p.*member; }, spec.field);
    if (spec.name == "lsh_threshold") {
      const LshBands bands = choose_bands(p.num_perm, p.lsh_threshold);
      j["lsh_bands"] = bands.bands;
      j["lsh_rows"] = bands.rows;
    }
  }
  j["sketch_stamp"] = hex(sketch_stamp(p));
  return j;
}

Json pair_json(const ScoredPair& p, const std::vector<Document>& docs) {
  return Json{{"a", docs[p.a].id},
              {"b", docs[p.b].id},
              {"jaccard", rounded(p.jaccard)},
              {"containment_ab", rounded(p.containment_ab)},
              {"containment_ba", rounded(p.containment_ba)},
              {"shared_words", p.shared_words},
              {"longest_run", p.longest_run},
              {"match", to_string(p.match)}};
}

Json passages_json(const DocumentResult& r, const std::vector<Document>& docs) {
  Json passages = Json::array();
  for (const Passage& p : r.passages) {
    Json j{{"start", p.start}, {"end", p.end}, {"kind", to_string(p.kind)}};
    if (p.source >= 0) {
      j["source"] = docs[static_cast<std::size_t>(p.source)].id;
      j["source_start"] = p.source_start;
      j["source_end"] = p.source_end;
    } else {
      j["source"] = nullptr;
    }
    // Reused text, and the original's text that others reused: pasted or reworded.
    if (p.kind == PassageKind::reused || p.kind == PassageKind::original) j["match"] = to_string(p.match);
    passages.push_back(std::move(j));
  }
  return passages;
}

Json document_json(const ClusterResult& result, std::size_t d, const ReportOptions& options) {
  const std::vector<Document>& docs = result.documents;
  const DocumentResult& r = result.results[d];
  const Document& doc = docs[d];
  const auto f = static_cast<std::size_t>(r.family);
  Json j{{"id", doc.id},
         {"family", r.family < 0 ? Json(nullptr) : Json(detail::family_id(f, result.families[f].number))},
         {"role", to_string(r.role)},
         {"bytes", doc.text.size()},
         {"words", r.words},
         {"shared_words", r.shared_words}};
  if (!r.also_in.empty()) {
    Json also = Json::array();
    for (auto g : r.also_in)
      also.push_back(detail::family_id(static_cast<std::size_t>(g), result.families[static_cast<std::size_t>(g)].number));
    j["also_in"] = std::move(also);
  }
  // Metadata is carried only when the input had it, so folder reports stay small.
  for (const auto& [key, value] : {std::pair{"title", &doc.title}, std::pair{"source", &doc.source},
                                   std::pair{"url", &doc.url}, std::pair{"published", &doc.published},
                                   std::pair{"lang", &doc.lang}})
    if (!value->empty()) j[key] = *value;
  if (r.family >= 0) {
    if (options.passages) {
      j["reused_words"] = r.reused_words;
      j["added_words"] = r.added_words;
    }
    j["boilerplate_words"] = r.boilerplate_words;
  }
  j["passages"] = passages_json(r, docs);
  return j;
}

}  // namespace

void write_json_report(std::ostream& out, const ClusterResult& result, const ReportOptions& options) {
  const auto& docs = result.documents;
  std::size_t unique = 0;
  for (const auto& r : result.results) unique += r.family < 0;

  Json stats{{"documents", docs.size()},
             {"families", result.families.size()},
             {"unique", unique},
             {"rejected", result.rejected.size()},
             {"seconds", options.timings ? Json(rounded(result.seconds.total + result.seconds.read))
                                         : Json(nullptr)},
             {"candidate_pairs", result.candidate_stats.total_pairs},
             {"lsh_pairs", result.candidate_stats.lsh_pairs},
             {"passage_pairs", result.candidate_stats.passage_pairs},
             {"capped_buckets", result.candidate_stats.capped_buckets},
             {"verified_pairs", result.verified_pairs},
             {"accepted_pairs", result.accepted_pairs},
             {"boilerplate_shingles_masked", result.boilerplate_masked}};
  if (options.timings) {
    const StageTimes& t = result.seconds;
    stats["stage_seconds"] = Json{{"read", rounded(t.read)},         {"tokenize", rounded(t.tokenize)},
                                  {"boilerplate", rounded(t.boilerplate)}, {"sketch", rounded(t.sketch)},
                                  {"candidates", rounded(t.candidates)}, {"verify", rounded(t.verify)},
                                  {"cluster", rounded(t.cluster)},       {"align", rounded(t.align)}};
  }

  // The report is written as it is built, one array element per line: a DOM of a million
  // documents would cost more memory and time than the run that produced it. Elements are
  // serialized in parallel into their own slots, then written in order.
  auto write_array = [&](const char* key, std::size_t count, auto&& element, bool last) {
    std::vector<std::string> lines(count);
    tbb::parallel_for(std::size_t{0}, count, [&](std::size_t i) { lines[i] = dump(element(i)); });
    out << "  \"" << key << "\": [";
    for (std::size_t i = 0; i < count; ++i) out << (i == 0 ? "\n    " : ",\n    ") << lines[i];
    out << (count == 0 ? "]" : "\n  ]") << (last ? "\n" : ",\n");
  };
  out << "{\n  \"parameters\": " << dump(parameters_json(result.params)) << ",\n"
      << "  \"stats\": " << dump(stats) << ",\n";
  write_array("families", result.families.size(), [&](std::size_t f) {
    const Family& family = result.families[f];
    Json members = Json::array(), pairs = Json::array();
    for (auto m : family.members) members.push_back(docs[m].id);
    for (const auto& p : family.pairs) pairs.push_back(pair_json(p, docs));
    Json j{{"id", detail::family_id(f, family.number)},
           {"original", family.wire_in_input ? Json(docs[family.original].id) : Json(nullptr)},
           {"original_basis", to_string(family.original_basis)},
           {"original_confidence", to_string(family.original_confidence)},
           {"wire_in_input", family.wire_in_input},
           {"members", std::move(members)},
           {"pairs", std::move(pairs)}};
    // Only when the family has bridges, so reports without any keep their shape.
    if (!family.bridges.empty()) {
      Json bridges = Json::array();
      for (auto d : family.bridges) bridges.push_back(docs[d].id);
      j["bridges"] = std::move(bridges);
    }
    return j;
  }, false);
  write_array("documents", docs.size(),
              [&](std::size_t d) { return document_json(result, d, options); }, false);
  write_array("rejected", result.rejected.size(), [&](std::size_t i) {
    return Json{{"input", result.rejected[i].input}, {"reason", result.rejected[i].reason}};
  }, false);
  write_array("warnings", result.warnings.size(), [&](std::size_t i) {
    return Json{{"input", result.warnings[i].input}, {"message", result.warnings[i].message}};
  }, true);
  out << "}\n";
}

}  // namespace wiretrace
