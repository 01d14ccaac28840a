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

std::vector<ByteRange> ranges(const Json& j, const char* key) {
  std::vector<ByteRange> out;
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
      if (const auto present = j.find("wire_present"); present != j.end() && !present->is_null()) {
        if (!present->is_boolean()) throw Error("\"wire_present\" must be true, false or null");
        r.wire_present = present->get<bool>();
      }
      r.role = j.contains("role") ? required_string(j, "role") : (r.family ? "copy" : "unrelated");
      r.kind = optional_string(j, "kind");
      r.source = optional_string(j, "source").value_or("");
      r.reused = ranges(j, "reused");
      r.boilerplate = ranges(j, "boilerplate");
      r.substituted = ranges(j, "substituted");
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
  if ((record.role == "copy" || record.role == "unrelated") && record.kind) return record.role + "/" + *record.kind;
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

std::vector<LabelledPair> read_counter_labels(std::istream& in, const std::string& name) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(name + ": not JSON: " + e.what());
  }
  if (!j.is_object()) throw Error(name + ": not an object of labels");
  std::vector<LabelledPair> out;
  for (const auto& [key, value] : j.items()) {
    const std::string label = value.is_string() ? value.get<std::string>() : "";
    if (label != "WD" && label != "PD" && label != "ND")
      throw Error(name + ": " + key + ": the label must be WD, PD or ND");
    if (key.empty() || key.find_first_not_of("0123456789") != std::string::npos)
      throw Error(name + ": " + key + ": a pair is numbered NNNN");
    out.push_back({key, key + "p", label, static_cast<unsigned>(std::stoul(key))});
  }
  return out;
}

LabelScores score_labelled_pairs(const std::vector<LabelledPair>& pairs, const FamilyAssignment& predicted) {
  LabelScores s;
  for (const char* label : {"WD", "PD", "ND"}) s.linked[label] = {0, 0};
  auto family = [&](const std::string& id) -> std::optional<std::string> {
    const auto it = predicted.find(id);
    return it == predicted.end() ? std::nullopt : it->second;
  };
  for (const LabelledPair& p : pairs) {
    auto& [linked, total] = s.linked[p.label];
    ++total;
    const auto fa = family(p.a);
    linked += fa && fa == family(p.b);
  }
  const std::size_t derived = s.linked["WD"].first + s.linked["PD"].first;
  const std::size_t derived_pairs = s.linked["WD"].second + s.linked["PD"].second;
  const std::size_t linked = derived + s.linked["ND"].first;
  s.derived_precision = linked ? static_cast<double>(derived) / static_cast<double>(linked) : 0;
  s.derived_recall = derived_pairs ? static_cast<double>(derived) / static_cast<double>(derived_pairs) : 0;
  const double sum = s.derived_precision + s.derived_recall;
  s.derived_f1 = sum > 0 ? 2 * s.derived_precision * s.derived_recall / sum : 0;
  return s;
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

namespace {

std::uint64_t unsigned_field(const Json& j, const char* key, const std::string& where) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number_unsigned()) throw Error(where + " has no unsigned \"" + key + "\"");
  return it->get<std::uint64_t>();
}

ReportPassage read_passage(const Json& p, const std::string& where) {
  if (!p.is_object()) throw Error(where + " is not an object");
  ReportPassage out;
  out.start = unsigned_field(p, "start", where);
  out.end = unsigned_field(p, "end", where);
  out.kind = required_string(p, "kind");
  out.source = optional_string(p, "source");
  if (out.source) {
    out.source_start = unsigned_field(p, "source_start", where);
    out.source_end = unsigned_field(p, "source_end", where);
  }
  return out;
}

/// Sorted, merged copy of `ranges`.
std::vector<ByteRange> merged(std::vector<ByteRange> ranges) {
  std::sort(ranges.begin(), ranges.end());
  std::vector<ByteRange> out;
  for (const auto& r : ranges) {
    if (r.first >= r.second) continue;
    if (!out.empty() && r.first <= out.back().second) {
      out.back().second = std::max(out.back().second, r.second);
    } else {
      out.push_back(r);
    }
  }
  return out;
}

std::uint64_t total_bytes(const std::vector<ByteRange>& merged_ranges) {
  std::uint64_t n = 0;
  for (const auto& r : merged_ranges) n += r.second - r.first;
  return n;
}

/// Bytes in both lists, each sorted and merged.
std::uint64_t intersection_bytes(const std::vector<ByteRange>& a, const std::vector<ByteRange>& b) {
  std::uint64_t n = 0;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const auto start = std::max(a[i].first, b[j].first), end = std::min(a[i].second, b[j].second);
    if (start < end) n += end - start;
    (a[i].second < b[j].second) ? ++i : ++j;
  }
  return n;
}

void finish(ByteScores& s) {
  s.precision = s.predicted_bytes > 0 ? static_cast<double>(s.correct_bytes) / static_cast<double>(s.predicted_bytes) : 1.0;
  s.recall = s.truth_bytes > 0 ? static_cast<double>(s.correct_bytes) / static_cast<double>(s.truth_bytes) : 1.0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
}

ByteRange clamp_range(const ReportPassage& p) {
  const auto limit = static_cast<std::uint64_t>(UINT32_MAX);
  return {static_cast<std::uint32_t>(std::min(p.start, limit)), static_cast<std::uint32_t>(std::min(p.end, limit))};
}

/// Ranges of the passages of `doc` whose kind is one of `kinds`.
std::vector<ByteRange> passages_of(const ReportDocument* doc, std::initializer_list<std::string_view> kinds) {
  std::vector<ByteRange> out;
  if (!doc) return out;
  for (const auto& p : doc->passages)
    if (std::find(kinds.begin(), kinds.end(), p.kind) != kinds.end()) out.push_back(clamp_range(p));
  return out;
}

const std::set<std::string, std::less<>>& passage_kinds() {
  static const std::set<std::string, std::less<>> kinds{"reused", "added", "original", "boilerplate"};
  return kinds;
}

}  // namespace

Report read_report(std::istream& in, const std::string& name) {
  Json j;
  try {
    j = Json::parse(in);
  } catch (const Json::exception& e) {
    throw Error(name + ": malformed JSON: " + e.what());
  }
  const auto docs = j.is_object() ? j.find("documents") : j.end();
  if (!j.is_object() || docs == j.end() || !docs->is_array())
    throw Error(name + ": not a wiretrace JSON report (no \"documents\" array)");
  Report report;
  try {
    for (std::size_t i = 0; i < docs->size(); ++i) {
      const Json& d = (*docs)[i];
      const std::string where = name + ": documents[" + std::to_string(i) + "]";
      if (!d.is_object()) throw Error(where + " is not an object");
      ReportDocument doc;
      const auto id = d.find("id");
      if (id == d.end() || !id->is_string()) throw Error(where + " has no string \"id\"");
      doc.id = id->get<std::string>();
      if (const auto f = d.find("family"); f != d.end() && !f->is_null()) {
        if (!f->is_string()) throw Error(where + ".family must be a string or null");
        doc.family = f->get<std::string>();
      }
      doc.role = optional_string(d, "role").value_or("");
      if (const auto b = d.find("bytes"); b != d.end()) doc.bytes = unsigned_field(d, "bytes", where);
      if (const auto ps = d.find("passages"); ps != d.end() && !ps->is_null()) {
        if (!ps->is_array()) throw Error(where + ".passages must be an array");
        if (!ps->empty() && d.find("bytes") == d.end()) throw Error(where + " has passages but no \"bytes\"");
        for (std::size_t k = 0; k < ps->size(); ++k)
          doc.passages.push_back(read_passage((*ps)[k], where + ".passages[" + std::to_string(k) + "]"));
      }
      report.documents.push_back(std::move(doc));
    }
    if (const auto fams = j.find("families"); fams != j.end()) {
      if (!fams->is_array()) throw Error(name + ": \"families\" must be an array");
      for (std::size_t i = 0; i < fams->size(); ++i) {
        const Json& f = (*fams)[i];
        const std::string where = name + ": families[" + std::to_string(i) + "]";
        if (!f.is_object()) throw Error(where + " is not an object");
        ReportFamily family;
        family.id = required_string(f, "id");
        // null: the report found no member to be the wire ("wire not in input").
        if (!f.contains("original")) throw Error(where + " has no \"original\"");
        family.original = optional_string(f, "original").value_or("");
        family.original_basis = optional_string(f, "original_basis").value_or("");
        if (const auto w = f.find("wire_in_input"); w != f.end() && w->is_boolean()) family.wire_in_input = w->get<bool>();
        const auto members = f.find("members");
        if (members == f.end() || !members->is_array()) throw Error(where + " has no \"members\" array");
        for (const auto& m : *members) {
          if (!m.is_string()) throw Error(where + ".members must hold strings");
          family.members.push_back(m.get<std::string>());
        }
        report.families.push_back(std::move(family));
      }
    }
  } catch (const Json::exception& e) {
    throw Error(name + ": " + e.what());
  } catch (const Error& e) {
    // Messages from the field helpers do not name the file yet.
    const std::string what = e.what();
    throw Error(what.starts_with(name) ? what : name + ": " + what);
  }
  return report;
}

ByteScores score_bytes(const std::vector<ByteRange>& truth, const std::vector<ByteRange>& predicted) {
  const auto t = merged(truth), p = merged(predicted);
  ByteScores s;
  s.documents = 1;
  s.truth_bytes = total_bytes(t);
  s.predicted_bytes = total_bytes(p);
  s.correct_bytes = intersection_bytes(t, p);
  finish(s);
  return s;
}

void accumulate(ByteScores& total, const ByteScores& one) {
  total.documents += one.documents;
  total.truth_bytes += one.truth_bytes;
  total.predicted_bytes += one.predicted_bytes;
  total.correct_bytes += one.correct_bytes;
  finish(total);
}

PassageScores score_passages(const std::vector<TruthRecord>& truth, const Report& report) {
  std::unordered_map<std::string, const ReportDocument*> docs;
  for (const auto& d : report.documents) docs.emplace(d.id, &d);
  std::unordered_map<std::string, const TruthRecord*> records;
  for (const auto& r : truth) records.emplace(r.id, &r);

  PassageScores s;
  for (const auto& r : truth) {
    const auto it = docs.find(r.id);
    const ReportDocument* doc = it == docs.end() ? nullptr : it->second;
    const bool has_passages = doc && !doc->passages.empty();
    if (has_passages) {
      accumulate(s.boilerplate, score_bytes(r.boilerplate, passages_of(doc, {"boilerplate"})));
    } else {
      s.boilerplate_unscored_bytes += total_bytes(merged(r.boilerplate));
    }
    if (r.role != "copy") {
      if (const auto marked = total_bytes(merged(passages_of(doc, {"reused"})))) s.reused_in_non_copies[r.role] += marked;
      continue;
    }
    s.copies_without_passages += !has_passages;
    const std::string kind = r.kind.value_or("(none)");
    const ByteScores reused = score_bytes(r.reused, passages_of(doc, {"reused"}));
    accumulate(s.reused, reused);
    accumulate(s.reused_by_kind[kind], reused);
    accumulate(r.wire_present ? s.reused_wire_present : s.reused_wire_absent, reused);
    const ByteScores shared = score_bytes(r.reused, passages_of(doc, {"reused", "original"}));
    accumulate(s.shared, shared);
    accumulate(s.shared_by_kind[kind], shared);

    const auto substituted = merged(r.substituted);
    s.substituted_bytes += total_bytes(substituted);
    s.substituted_marked_reused += intersection_bytes(substituted, merged(passages_of(doc, {"reused"})));
    if (doc) {
      for (const auto& p : doc->passages) {
        if (p.kind != "reused" || !p.source) continue;
        const auto source = records.find(*p.source);
        const bool same_family = source != records.end() && source->second->family && source->second->family == r.family;
        if (!same_family) s.reused_from_other_family += p.end > p.start ? p.end - p.start : 0;
      }
    }
  }
  return s;
}

OriginalScores score_originals(const std::vector<TruthRecord>& truth, const Report& report, std::size_t max_examples) {
  std::unordered_map<std::string, const TruthRecord*> records;
  for (const auto& r : truth) records.emplace(r.id, &r);
  auto record_of = [&](const std::string& id) -> const TruthRecord* {
    const auto it = records.find(id);
    return it == records.end() ? nullptr : it->second;
  };
  OriginalScores s;
  s.families = report.families.size();
  for (const auto& f : report.families) {
    std::vector<std::string> wires;
    bool absent_wire_copies = false;
    for (const auto& m : f.members) {
      const TruthRecord* r = record_of(m);
      if (!r) continue;
      if (r->role == "wire") wires.push_back(m);
      if (r->role == "copy" && !r->wire_present) absent_wire_copies = true;
    }
    const bool flagged = f.wire_in_input.has_value() && !*f.wire_in_input;
    if (wires.empty()) {
      if (absent_wire_copies) {
        ++s.absent_wire_families;
        s.absent_wire_flagged += flagged;
      }
      continue;
    }
    ++s.with_wire;
    s.several_wires += wires.size() > 1;
    s.present_wire_flagged += flagged;
    const bool correct = std::find(wires.begin(), wires.end(), f.original) != wires.end();
    s.correct += correct;
    auto& basis = s.by_basis[f.original_basis.empty() ? "(none)" : f.original_basis];
    ++basis.first;
    basis.second += correct;
    if (!correct && s.misses.size() < max_examples) {
      OriginalMiss miss{f.id, f.original, f.original_basis, wires, {}};
      for (const auto& m : f.members) {
        const TruthRecord* r = record_of(m);
        miss.members.push_back(m + " (" + (r ? describe(*r) : std::string("not in the truth")) + ")");
      }
      s.misses.push_back(std::move(miss));
    }
  }
  s.accuracy = s.with_wire > 0 ? static_cast<double>(s.correct) / static_cast<double>(s.with_wire) : 1.0;
  return s;
}

TilingCheck check_tiling(const Report& report, std::size_t max_examples) {
  std::unordered_map<std::string, std::uint64_t> bytes_of;
  for (const auto& d : report.documents) bytes_of.emplace(d.id, d.bytes);
  TilingCheck check;
  for (const auto& d : report.documents) {
    if (d.passages.empty()) {
      check.members_without_passages += d.family.has_value();
      continue;
    }
    ++check.documents;
    check.passages += d.passages.size();
    std::size_t problems = 0;
    auto violation = [&](std::string problem) {
      ++problems;
      if (check.examples.size() < max_examples) check.examples.push_back({d.id, std::move(problem)});
    };
    auto range = [](std::uint64_t a, std::uint64_t b) {
      // Appended piece by piece: "[" + std::string trips GCC 12's -Wrestrict false positive.
      std::string out(1, '[');
      out += std::to_string(a);
      out += ", ";
      out += std::to_string(b);
      out += ')';
      return out;
    };
    std::uint64_t at = 0;
    for (std::size_t i = 0; i < d.passages.size(); ++i) {
      const ReportPassage& p = d.passages[i];
      const std::string name = "passage " + std::to_string(i) + " " + range(p.start, p.end);
      if (p.start > at) {
        violation("gap: " + name + " starts after " + (i == 0 ? std::string("0") : "the previous end " + std::to_string(at)));
      } else if (p.start < at) {
        violation("overlap: " + name + " starts before the previous end " + std::to_string(at));
      }
      if (p.end <= p.start) violation(name + " is empty or reversed");
      if (!passage_kinds().contains(p.kind)) violation(name + " has unknown kind \"" + p.kind + "\"");
      if (p.kind == "reused") {
        if (!p.source) {
          violation(name + " is reused but names no source");
        } else if (const auto src = bytes_of.find(*p.source); src == bytes_of.end()) {
          violation(name + " names source \"" + *p.source + "\", which is not in the report");
        } else if (p.source_end <= p.source_start || p.source_end > src->second) {
          violation(name + " has source range " + range(p.source_start, p.source_end) + " outside \"" + *p.source +
                    "\" (" + std::to_string(src->second) + " bytes)");
        }
      }
      at = std::max(at, p.end);
    }
    if (at != d.bytes)
      violation("the passages end at " + std::to_string(at) + ", the document has " + std::to_string(d.bytes) + " bytes");
    check.violations += problems;
    check.violating_documents += problems > 0;
  }
  return check;
}

}  // namespace wiretrace::bench
