// Dedup sinks: one JSON line per article or rejected record, and the `index stats` summary.
// Formatting only; the figures come from Deduplicator and Index.
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string_view>

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

std::string dedup_family_id(std::uint32_t family) {
  std::string id = "f";  // not "f" + std::to_string(…): GCC 12's false -Wrestrict (bug 105329)
  id += std::to_string(family);
  return id;
}

namespace {

Json decision_members(const DedupResult& r) {
  Json j{{"decision", to_string(r.decision)}, {"family", dedup_family_id(r.family)}};
  if (!r.merged.empty()) {
    Json merged = Json::array();
    for (std::uint32_t f : r.merged) merged.push_back(dedup_family_id(f));
    j["merged"] = std::move(merged);
  }
  if (r.seen) j["seen"] = true;
  if (r.updated) j["updated"] = true;
  Json matches = Json::array();
  for (const DedupMatch& m : r.matches)
    matches.push_back(Json{{"id", m.id},
                           {"jaccard", rounded(m.jaccard)},
                           {"containment", rounded(m.containment)},
                           {"longest_run", m.longest_run}});
  j["matches"] = std::move(matches);
  j["words"] = r.words;
  j["shared_words"] = r.shared_words;
  j["boilerplate_words"] = r.boilerplate_words;
  j["unshared_words"] = r.unshared_words;
  return j;
}

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// Where `"wiretrace":` could be a top-level key of `record` (then it must be replaced, not added
// a second time). A plain substring test: a false alarm only costs a re-serialization.
bool may_have_wiretrace_member(std::string_view record) {
  return record.find("\"wiretrace\"") != std::string_view::npos;
}

}  // namespace

std::string dedup_decision_json(const DedupResult& result) { return dump(decision_members(result)); }

void write_dedup_record(std::ostream& out, const Document& document, const DedupResult& r) {
  const std::string_view record = document.record;
  if (!record.empty() && !may_have_wiretrace_member(record)) {
    // The record parsed as one object with nothing after it (ingest trims trailing blanks), so
    // it ends with its closing brace and holds at least "id" and "text": insert before it.
    const std::size_t close = record.rfind('}');
    if (close != std::string_view::npos) {
      out << record.substr(0, close) << ",\"wiretrace\":" << dedup_decision_json(r)
          << record.substr(close) << '\n';
      return;
    }
  }
  Json j = Json::object();
  if (!record.empty()) {
    j = Json::parse(record.begin(), record.end(), nullptr, false);
    if (!j.is_object()) j = Json{{"id", document.id}, {"text", document.text}};  // not reached
  } else {
    // A text file: an object a JSON Lines reader takes back (id, text and what metadata it has).
    j["id"] = document.id;
    j["text"] = document.text;
    for (const auto& [key, value] :
         {std::pair{"title", &document.title}, std::pair{"source", &document.source},
          std::pair{"url", &document.url}, std::pair{"published", &document.published},
          std::pair{"lang", &document.lang}})
      if (!value->empty()) j[key] = *value;
  }
  j["wiretrace"] = decision_members(r);  // replaces an earlier run's, in its place
  write_line(out, j);
}

void write_dedup_line(std::ostream& out, const DedupResult& r) {
  Json j{{"id", r.id}};
  Json members = decision_members(r);
  for (auto& [key, value] : members.items()) j[key] = std::move(value);
  write_line(out, j);
}

void write_rejected_record(std::ostream& out, const RejectedInput& rejected) {
  Json j = Json::object();
  if (!rejected.id.empty()) j["id"] = rejected.id;
  j["wiretrace"] = Json{{"decision", "rejected"}, {"input", rejected.input}, {"reason", rejected.reason}};
  write_line(out, j);
}

void write_rejected_line(std::ostream& out, const RejectedInput& rejected) {
  Json j = Json::object();
  if (!rejected.id.empty()) j["id"] = rejected.id;
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
                         {"lookup_file_bytes", s.lookup_bytes},
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
      << "lookup file:       " << s.lookup_bytes << " bytes (tables the next open maps; 0 = none)\n"
      << "sketch stamp:      " << stamp << " (";
  // What the stamp covers, as the index's meta table records it.
  for (const detail::ParamSpec& spec : detail::param_table())
    if (spec.stamped) out << spec.name << " " << detail::value_text(p, spec) << ", ";
  out << "normalizer_version " << normalizer_version << ", icu_version " << detail::icu_version()
      << ")\n";
}

}  // namespace wiretrace
