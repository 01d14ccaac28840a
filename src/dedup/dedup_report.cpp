// Dedup sinks: one JSON line per article or rejected record, and the `index stats` summary.
// Formatting only; the figures come from Deduplicator and Index.
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "params/param_table.hpp"
#include "wiretrace/dedup.hpp"

namespace wiretrace {
namespace {

using Json = nlohmann::ordered_json;

// Scores are ratios; four decimals, as in the cluster report.
double rounded(double x) { return std::round(x * 1e4) / 1e4; }

// Invalid UTF-8 can reach ids and reasons through file names; replace rather than throw.
void write_line(std::ostream& out, const Json& j) {
  out << j.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace

void write_dedup_line(std::ostream& out, const DedupResult& r) {
  Json j{{"id", r.id}, {"decision", to_string(r.decision)}, {"family", r.family}};
  if (!r.merged.empty()) j["merged"] = r.merged;
  Json matches = Json::array();
  for (const DedupMatch& m : r.matches)
    matches.push_back(Json{{"id", m.id},
                           {"jaccard", rounded(m.jaccard)},
                           {"containment", rounded(m.containment)},
                           {"longest_run", m.longest_run}});
  j["matches"] = std::move(matches);
  j["words"] = r.words;
  j["reused_words"] = r.reused_words;
  j["added_words"] = r.added_words;
  j["boilerplate_words"] = r.boilerplate_words;
  if (r.seen) j["seen"] = true;
  write_line(out, j);
}

void write_rejected_line(std::ostream& out, const RejectedInput& rejected, const std::string& id) {
  Json j = Json::object();
  if (!id.empty()) j["id"] = id;
  j["input"] = rejected.input;
  j["decision"] = "rejected";
  j["reason"] = rejected.reason;
  write_line(out, j);
}

void write_index_stats(std::ostream& out, const IndexStats& s, const Params& p, bool json) {
  char stamp[17];
  std::snprintf(stamp, sizeof stamp, "%016" PRIx64, s.sketch_stamp);
  if (json) {
    Json parameters = Json::object();
    for (const detail::ParamSpec& spec : detail::param_table())
      if (spec.in_results && (spec.used_by & detail::bits(detail::Command::dedup)))
        std::visit([&](auto member) { parameters[std::string(spec.name)] = p.*member; }, spec.field);
    write_line(out, Json{{"articles", s.articles},
                         {"families", s.families},
                         {"unique", s.unique},
                         {"decisions", Json{{"new", s.new_articles},
                                            {"copy", s.copies},
                                            {"duplicate", s.duplicates}}},
                         {"bytes_on_disk", s.bytes_on_disk},
                         {"bytes_per_article", std::round(s.bytes_per_article)},
                         {"sketch_stamp", stamp},
                         {"parameters", parameters}});
    return;
  }
  char size[64];
  std::snprintf(size, sizeof size, "%.1f MB", static_cast<double>(s.bytes_on_disk) / 1e6);
  out << "articles:          " << s.articles << "\n"
      << "families:          " << s.families << " (of 2 or more articles)\n"
      << "unique:            " << s.unique << "\n"
      << "decisions:         " << s.new_articles << " new, " << s.copies << " copy, "
      << s.duplicates << " duplicate\n"
      << "size on disk:      " << s.bytes_on_disk << " bytes (" << size << ", with -wal and -shm)\n"
      << "bytes per article: " << static_cast<std::uint64_t>(std::round(s.bytes_per_article)) << "\n"
      << "sketch stamp:      " << stamp << " (";
  // What the stamp covers, as the index's meta table records it.
  for (const detail::ParamSpec& spec : detail::param_table())
    if (spec.stamped) out << spec.name << " " << detail::value_text(p, spec) << ", ";
  out << "normalizer_version " << normalizer_version << ", icu_version " << detail::icu_version()
      << ")\n";
}

}  // namespace wiretrace
