#include "eval/evaluate.hpp"

#include <algorithm>
#include <istream>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "wiretrace/error.hpp"

namespace wiretrace::bench {
namespace {

using Json = nlohmann::json;

std::uint64_t pairs_of(std::uint64_t n) { return n * (n - (n > 0)) / 2; }

std::optional<std::string> optional_string(const Json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) throw Error(std::string("\"") + key + "\" must be a string or null");
  return it->get<std::string>();
}

std::string required_string(const Json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_string()) throw Error(std::string("missing string \"") + key + "\"");
  return it->get<std::string>();
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges(const Json& j, const char* key) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  if (!it->is_array()) throw Error(std::string("\"") + key + "\" must be an array of [start,end]");
  for (const auto& r : *it) {
    if (!r.is_array() || r.size() != 2 || !r[0].is_number_unsigned() || !r[1].is_number_unsigned() ||
        r[0].get<std::uint64_t>() > r[1].get<std::uint64_t>())
      throw Error(std::string("\"") + key + "\" must be an array of [start,end]");
    out.emplace_back(r[0].get<std::uint32_t>(), r[1].get<std::uint32_t>());
  }
  return out;
}

/// Members of each family (by label order), as document ids in id order.
std::map<std::string, std::vector<const std::string*>> members_by_family(const FamilyAssignment& truth,
                                                                         const FamilyAssignment& side,
                                                                         bool use_truth_labels) {
  std::map<std::string, std::vector<const std::string*>> out;
  for (const auto& [id, truth_family] : truth) {
    std::optional<std::string> label = truth_family;
    if (!use_truth_labels) {
      const auto it = side.find(id);
      label = it == side.end() ? std::nullopt : it->second;
    }
    if (label) out[*label].push_back(&id);
  }
  return out;
}

/// Pairs of documents in one family of `grouping` that `other` splits: up to `max` pairs, taken
/// one per family in turn so that a single huge mistake does not hide the others.
std::vector<DocPair> split_pairs(const std::map<std::string, std::vector<const std::string*>>& grouping,
                                 const FamilyAssignment& other, std::size_t max) {
  // Within each family: the first document of each part `other` puts it in.
  std::vector<std::vector<const std::string*>> representatives;
  for (const auto& [label, members] : grouping) {
    std::vector<const std::string*> reps;
    std::set<std::string> seen_parts;
    for (const std::string* id : members) {
      const auto it = other.find(*id);
      const bool alone = it == other.end() || !it->second;
      // Unique (or absent) documents are each a part of their own.
      if (alone || seen_parts.insert(*it->second).second) reps.push_back(id);
    }
    if (reps.size() > 1) representatives.push_back(std::move(reps));
  }
  std::vector<std::vector<DocPair>> per_family;
  for (const auto& reps : representatives) {
    std::vector<DocPair> pairs;
    for (std::size_t i = 0; i < reps.size() && pairs.size() < max; ++i)
      for (std::size_t j = i + 1; j < reps.size() && pairs.size() < max; ++j)
        pairs.push_back(*reps[i] < *reps[j] ? DocPair{*reps[i], *reps[j]} : DocPair{*reps[j], *reps[i]});
    per_family.push_back(std::move(pairs));
  }
  std::vector<DocPair> out;
  for (std::size_t round = 0; out.size() < max; ++round) {
    bool any = false;
    for (const auto& pairs : per_family) {
      if (round < pairs.size() && out.size() < max) {
        out.push_back(pairs[round]);
        any = true;
      }
    }
    if (!any) break;
  }
  return out;
}

}  // namespace

std::vector<TruthRecord> read_truth(std::istream& in, const std::string& name) {
  std::vector<TruthRecord> out;
  std::set<std::string> ids;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      const Json j = Json::parse(line);
      if (!j.is_object()) throw Error("expected a JSON object");
      TruthRecord r;
      r.id = required_string(j, "id");
      r.family = optional_string(j, "family");
      r.wire = optional_string(j, "wire");
      r.role = j.contains("role") ? required_string(j, "role") : (r.family ? "copy" : "unrelated");
      r.kind = optional_string(j, "kind");
      r.source = optional_string(j, "source").value_or("");
      r.reused = ranges(j, "reused");
      r.boilerplate = ranges(j, "boilerplate");
      if (!ids.insert(r.id).second) throw Error("repeated id \"" + r.id + "\"");
      out.push_back(std::move(r));
    } catch (const Json::exception& e) {
      throw Error(name + ":" + std::to_string(number) + ": malformed JSON: " + e.what());
    } catch (const Error& e) {
      throw Error(name + ":" + std::to_string(number) + ": " + e.what());
    }
  }
  if (in.bad()) throw Error("cannot read " + name);
  return out;
}

FamilyAssignment truth_assignment(const std::vector<TruthRecord>& truth) {
  FamilyAssignment out;
  for (const auto& r : truth) out.emplace(r.id, r.family);
  return out;
}

std::string describe(const TruthRecord& record) {
  if (record.role == "copy" && record.kind) return "copy/" + *record.kind;
  return record.role;
}

FamilyAssignment read_report_families(std::istream& in, const std::string& name) {
  Json report;
  try {
    report = Json::parse(in);
  } catch (const Json::exception& e) {
    throw Error(name + ": malformed JSON: " + e.what());
  }
  const auto docs = report.is_object() ? report.find("documents") : report.end();
  if (!report.is_object() || docs == report.end() || !docs->is_array())
    throw Error(name + ": not a wiretrace JSON report (no \"documents\" array)");
  FamilyAssignment out;
  for (std::size_t i = 0; i < docs->size(); ++i) {
    const Json& d = (*docs)[i];
    const auto id = d.is_object() ? d.find("id") : d.end();
    if (!d.is_object() || id == d.end() || !id->is_string())
      throw Error(name + ": documents[" + std::to_string(i) + "] has no string \"id\"");
    std::optional<std::string> family;
    if (const auto f = d.find("family"); f != d.end() && !f->is_null()) {
      if (f->is_string()) {
        family = f->get<std::string>();
      } else if (f->is_number_integer()) {
        family = std::to_string(f->get<std::int64_t>());
      } else {
        throw Error(name + ": documents[" + std::to_string(i) + "].family must be a string or null");
      }
    }
    out.emplace(id->get<std::string>(), std::move(family));
  }
  return out;
}

PairScores score_family_pairs(const FamilyAssignment& truth, const FamilyAssignment& predicted,
                              std::size_t max_examples) {
  PairScores s;
  s.documents = truth.size();
  std::unordered_map<std::string, std::uint64_t> true_sizes, predicted_sizes;
  std::map<std::pair<std::string, std::string>, std::uint64_t> both;
  for (const auto& [id, truth_family] : truth) {
    const auto it = predicted.find(id);
    if (it == predicted.end()) ++s.missing;
    const std::optional<std::string> predicted_family = it == predicted.end() ? std::nullopt : it->second;
    if (truth_family) ++true_sizes[*truth_family];
    if (predicted_family) ++predicted_sizes[*predicted_family];
    if (truth_family && predicted_family) ++both[{*truth_family, *predicted_family}];
  }
  for (const auto& [id, family] : predicted) s.extra += !truth.contains(id);
  for (const auto& [label, n] : true_sizes) s.true_pairs += pairs_of(n);
  for (const auto& [label, n] : predicted_sizes) s.predicted_pairs += pairs_of(n);
  for (const auto& [labels, n] : both) s.correct_pairs += pairs_of(n);

  if (s.predicted_pairs > 0) s.precision = static_cast<double>(s.correct_pairs) / static_cast<double>(s.predicted_pairs);
  if (s.true_pairs > 0) s.recall = static_cast<double>(s.correct_pairs) / static_cast<double>(s.true_pairs);
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;

  s.false_positives = split_pairs(members_by_family(truth, predicted, false), truth, max_examples);
  s.false_negatives = split_pairs(members_by_family(truth, predicted, true), predicted, max_examples);
  return s;
}

std::vector<DuplicateGroup> read_duplicate_groups(std::istream& in, const std::string& name) {
  std::vector<DuplicateGroup> out;
  std::map<std::string, std::size_t> index;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (number == 1) {
      if (line != "dup_group\tdoc")
        throw Error(name + ":1: expected the header \"dup_group<TAB>doc\"");
      continue;
    }
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || tab + 1 == line.size() || line.find('\t', tab + 1) != std::string::npos)
      throw Error(name + ":" + std::to_string(number) + ": expected \"group<TAB>doc\"");
    const std::string group = line.substr(0, tab);
    auto [it, added] = index.emplace(group, out.size());
    if (added) out.push_back({group, {}});
    out[it->second].docs.push_back(line.substr(tab + 1));
  }
  if (in.bad()) throw Error("cannot read " + name);
  if (number == 0) throw Error(name + ": empty (expected the header \"dup_group<TAB>doc\")");
  return out;
}

GroupCheck check_groups(const std::vector<DuplicateGroup>& groups, const FamilyAssignment& predicted) {
  GroupCheck check;
  check.groups = groups.size();
  for (const auto& g : groups) {
    GroupMiss miss{&g, {}};
    std::set<std::string> families;
    bool all_in_families = true;
    for (const auto& doc : g.docs) {
      const auto it = predicted.find(doc);
      if (it == predicted.end()) {
        miss.families.push_back("(absent)");
        all_in_families = false;
      } else if (!it->second) {
        miss.families.push_back("(unique)");
        all_in_families = false;
      } else {
        miss.families.push_back(*it->second);
        families.insert(*it->second);
      }
    }
    if (all_in_families && families.size() == 1) {
      ++check.recovered;
    } else {
      check.missed.push_back(std::move(miss));
    }
  }
  return check;
}

}  // namespace wiretrace::bench
