// wiretrace-eval: reads files, calls eval/evaluate.hpp, prints. Glue only.
// Exit codes: 0 scored (families, passages) or every group recovered (groups); 1 some group not
// recovered, or passages that do not tile a document; 2 bad flags, or an unreadable or malformed file.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "eval/evaluate.hpp"
#include "wiretrace/error.hpp"

namespace {

using namespace wiretrace::bench;
using Json = nlohmann::ordered_json;  // keys in the order written: scores first

/// Every result line goes through here (stdout); messages go to stderr.
void print(const std::string& line) { std::fwrite(line.data(), 1, line.size(), stdout); }

std::ifstream open_input(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw wiretrace::Error("cannot read " + path);
  return in;
}

std::string fixed(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", x);
  return buffer;
}

struct PairLabels {
  std::string truth_family, truth_kind, predicted;
};

PairLabels labels_of(const std::string& id, const std::map<std::string, const TruthRecord*>& records,
                     const FamilyAssignment& predicted) {
  PairLabels l;
  const TruthRecord* r = records.at(id);
  l.truth_family = r->family.value_or("");
  l.truth_kind = describe(*r);
  const auto it = predicted.find(id);
  l.predicted = it == predicted.end() ? "(absent)" : it->second.value_or("(unique)");
  return l;
}

Json pairs_json(const std::vector<DocPair>& pairs, const std::map<std::string, const TruthRecord*>& records,
                const FamilyAssignment& predicted) {
  Json out = Json::array();
  for (const auto& p : pairs) {
    const auto a = labels_of(p.a, records, predicted), b = labels_of(p.b, records, predicted);
    auto family = [](const std::string& f) { return f.empty() ? Json(nullptr) : Json(f); };
    out.push_back({{"a", p.a},
                   {"b", p.b},
                   {"a_truth", a.truth_kind},
                   {"b_truth", b.truth_kind},
                   {"a_family", family(a.truth_family)},
                   {"b_family", family(b.truth_family)},
                   {"a_predicted", a.predicted},
                   {"b_predicted", b.predicted}});
  }
  return out;
}

std::string pairs_text(const std::string& title, const std::vector<DocPair>& pairs,
                       const std::map<std::string, const TruthRecord*>& records, const FamilyAssignment& predicted) {
  std::string out = title + " (" + std::to_string(pairs.size()) + " shown)\n";
  auto side = [](const PairLabels& l) {
    return (l.truth_family.empty() ? std::string("-") : l.truth_family) + " " + l.truth_kind;
  };
  for (const auto& p : pairs) {
    const auto a = labels_of(p.a, records, predicted), b = labels_of(p.b, records, predicted);
    out += "  " + p.a + " ~ " + p.b + "  truth: " + side(a) + " | " + side(b) + "  report: " + a.predicted +
           " | " + b.predicted + "\n";
  }
  return out;
}

int run_families(const std::string& truth_path, const std::string& report_path, bool json) {
  auto truth_in = open_input(truth_path);
  const auto truth = read_truth(truth_in, truth_path);
  auto report_in = open_input(report_path);
  const auto predicted = read_report_families(report_in, report_path);
  const auto scores = score_family_pairs(truth_assignment(truth), predicted);
  std::map<std::string, const TruthRecord*> records;
  for (const auto& r : truth) records.emplace(r.id, &r);

  if (json) {
    const Json out{{"precision", scores.precision},
                   {"recall", scores.recall},
                   {"f1", scores.f1},
                   {"true_pairs", scores.true_pairs},
                   {"predicted_pairs", scores.predicted_pairs},
                   {"correct_pairs", scores.correct_pairs},
                   {"documents", scores.documents},
                   {"missing", scores.missing},
                   {"extra", scores.extra},
                   {"false_positives", pairs_json(scores.false_positives, records, predicted)},
                   {"false_negatives", pairs_json(scores.false_negatives, records, predicted)}};
    print(out.dump(2) + "\n");
    return 0;
  }
  std::string out = "documents: " + std::to_string(scores.documents) + " in the truth, " +
                    std::to_string(scores.missing) + " missing from the report (scored as unique), " +
                    std::to_string(scores.extra) + " in the report only (ignored)\n";
  out += "pairs: precision " + fixed(scores.precision) + "  recall " + fixed(scores.recall) + "  F1 " +
         fixed(scores.f1) + "\n";
  out += "  true pairs " + std::to_string(scores.true_pairs) + ", predicted pairs " +
         std::to_string(scores.predicted_pairs) + ", correct " + std::to_string(scores.correct_pairs) + "\n";
  if (!scores.false_positives.empty())
    out += pairs_text("false positives", scores.false_positives, records, predicted);
  if (!scores.false_negatives.empty())
    out += pairs_text("false negatives", scores.false_negatives, records, predicted);
  print(out);
  return 0;
}

Json byte_json(const ByteScores& s) {
  return Json{{"precision", s.precision},         {"recall", s.recall},
              {"f1", s.f1},                       {"documents", s.documents},
              {"truth_bytes", s.truth_bytes},     {"predicted_bytes", s.predicted_bytes},
              {"correct_bytes", s.correct_bytes}};
}

Json by_kind_json(const std::map<std::string, ByteScores>& by_kind) {
  Json out = Json::object();
  for (const auto& [kind, scores] : by_kind) out[kind] = byte_json(scores);
  return out;
}

std::string byte_row(const std::string& label, const ByteScores& s) {
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "  %-14s %6zu %11llu %11llu %11llu   %s   %s   %s\n", label.c_str(), s.documents,
                static_cast<unsigned long long>(s.truth_bytes), static_cast<unsigned long long>(s.predicted_bytes),
                static_cast<unsigned long long>(s.correct_bytes), fixed(s.precision).c_str(), fixed(s.recall).c_str(),
                fixed(s.f1).c_str());
  return buffer;
}

std::string byte_table(const std::string& title, const ByteScores& all, const std::map<std::string, ByteScores>& by_kind,
                       const ByteScores* present, const ByteScores* absent) {
  std::string out = title + "\n";
  out += "  kind           copies  truth bytes report bytes     correct   precision recall   F1\n";
  out += byte_row("all", all);
  for (const auto& [kind, scores] : by_kind) out += byte_row(kind, scores);
  if (present) out += byte_row("wire present", *present);
  if (absent) out += byte_row("wire absent", *absent);
  return out;
}

int run_passages(const std::string& truth_path, const std::string& report_path, bool json) {
  auto truth_in = open_input(truth_path);
  const auto truth = read_truth(truth_in, truth_path);
  auto report_in = open_input(report_path);
  const auto report = read_report(report_in, report_path);
  const auto passages = score_passages(truth, report);
  const auto originals = score_originals(truth, report);
  const auto tiling = check_tiling(report);
  const int exit_code = tiling.violating_documents > 0 ? 1 : 0;

  if (json) {
    Json misses = Json::array();
    for (const auto& m : originals.misses)
      misses.push_back({{"family", m.family}, {"original", m.original}, {"basis", m.basis}, {"wires", m.wires},
                        {"members", m.members}});
    Json by_basis = Json::object();
    for (const auto& [basis, counts] : originals.by_basis)
      by_basis[basis] = {{"with_wire", counts.first}, {"correct", counts.second}};
    Json violations = Json::array();
    for (const auto& v : tiling.examples) violations.push_back({{"document", v.document}, {"problem", v.problem}});
    Json non_copies = Json::object();
    for (const auto& [role, bytes] : passages.reused_in_non_copies) non_copies[role] = bytes;
    const Json out{
        {"reused", byte_json(passages.reused)},
        {"reused_by_kind", by_kind_json(passages.reused_by_kind)},
        {"reused_wire_present", byte_json(passages.reused_wire_present)},
        {"reused_wire_absent", byte_json(passages.reused_wire_absent)},
        {"shared", byte_json(passages.shared)},
        {"shared_by_kind", by_kind_json(passages.shared_by_kind)},
        {"copies_without_passages", passages.copies_without_passages},
        {"substituted_bytes", passages.substituted_bytes},
        {"substituted_marked_reused", passages.substituted_marked_reused},
        {"reused_from_other_family", passages.reused_from_other_family},
        {"reused_in_non_copies", non_copies},
        {"originals",
         {{"accuracy", originals.accuracy},
          {"families", originals.families},
          {"with_wire", originals.with_wire},
          {"correct", originals.correct},
          {"several_wires", originals.several_wires},
          {"by_basis", by_basis},
          {"absent_wire_families", originals.absent_wire_families},
          {"absent_wire_flagged", originals.absent_wire_flagged},
          {"present_wire_flagged", originals.present_wire_flagged},
          {"misses", misses}}},
        {"boilerplate", byte_json(passages.boilerplate)},
        {"boilerplate_unscored_bytes", passages.boilerplate_unscored_bytes},
        {"tiling",
         {{"documents", tiling.documents},
          {"passages", tiling.passages},
          {"violating_documents", tiling.violating_documents},
          {"violations", tiling.violations},
          {"examples", violations},
          {"members_without_passages", tiling.members_without_passages}}}};
    print(out.dump(2) + "\n");
    return exit_code;
  }

  std::string out = byte_table("reused bytes of copies (report \"reused\" vs truth reused ranges):", passages.reused,
                               passages.reused_by_kind, &passages.reused_wire_present, &passages.reused_wire_absent);
  out += "  " + std::to_string(passages.copies_without_passages) +
         " copies have no passages in the report (unique or absent: nothing marked); " +
         std::to_string(passages.reused_from_other_family) + " reused bytes name a source outside the copy's family; " +
         std::to_string(passages.substituted_marked_reused) + " of " + std::to_string(passages.substituted_bytes) +
         " bytes of replaced words marked reused\n";
  if (!passages.reused_in_non_copies.empty()) {
    out += "  bytes marked reused in documents that are not copies:";
    for (const auto& [role, bytes] : passages.reused_in_non_copies) out += " " + role + " " + std::to_string(bytes);
    out += "\n";
  }
  out += byte_table("reused or original bytes of copies (a copy named original marks its shared text \"original\"):",
                    passages.shared, passages.shared_by_kind, nullptr, nullptr);

  out += "originals: " + std::to_string(originals.correct) + " of " + std::to_string(originals.with_wire) +
         " report families holding their wire name it (" + fixed(originals.accuracy) + "); " +
         std::to_string(originals.families) + " families, " + std::to_string(originals.several_wires) +
         " holding more than one wire\n";
  for (const auto& [basis, counts] : originals.by_basis)
    out += "  basis " + basis + ": " + std::to_string(counts.second) + " of " + std::to_string(counts.first) + "\n";
  out += "  absent wires: " + std::to_string(originals.absent_wire_families) +
         " families hold copies of a wire absent from the corpus, " + std::to_string(originals.absent_wire_flagged) +
         " of them marked wire_in_input false; " + std::to_string(originals.present_wire_flagged) +
         " families holding their wire marked so too\n";
  if (!originals.misses.empty()) {
    out += "  misses (" + std::to_string(originals.misses.size()) + " shown):\n";
    for (const auto& m : originals.misses) {
      out += "    " + m.family + ": original " + m.original + " (" + (m.basis.empty() ? "-" : m.basis) + "), wire";
      for (const auto& w : m.wires) out += " " + w;
      out += "; members:";
      for (const auto& member : m.members) out += " " + member;
      out += "\n";
    }
  }

  const auto& b = passages.boilerplate;
  out += "boilerplate bytes (documents with passages): precision " + fixed(b.precision) + "  recall " +
         fixed(b.recall) + "  F1 " + fixed(b.f1) + "  (" + std::to_string(b.documents) + " documents, truth " +
         std::to_string(b.truth_bytes) + ", report " + std::to_string(b.predicted_bytes) + ", correct " +
         std::to_string(b.correct_bytes) + "); " + std::to_string(passages.boilerplate_unscored_bytes) +
         " truth bytes in documents without passages not scored\n";

  out += "tiling: " + std::to_string(tiling.documents) + " documents with " + std::to_string(tiling.passages) +
         " passages, " + std::to_string(tiling.violating_documents) + " violating (" +
         std::to_string(tiling.violations) + " problems); " + std::to_string(tiling.members_without_passages) +
         " family members without passages\n";
  for (const auto& v : tiling.examples) out += "  " + v.document + ": " + v.problem + "\n";
  print(out);
  return exit_code;
}

int run_groups(const std::string& groups_path, const std::string& report_path) {
  auto groups_in = open_input(groups_path);
  const auto groups = read_duplicate_groups(groups_in, groups_path);
  auto report_in = open_input(report_path);
  const auto predicted = read_report_families(report_in, report_path);
  const auto check = check_groups(groups, predicted);
  std::string out = "recovered " + std::to_string(check.recovered) + " of " + std::to_string(check.groups) + " groups\n";
  for (const auto& miss : check.missed) {
    out += "  not recovered: " + miss.group->name + ":";
    for (std::size_t i = 0; i < miss.group->docs.size(); ++i)
      out += " " + miss.group->docs[i] + " (" + miss.families[i] + ")";
    out += "\n";
  }
  print(out);
  return check.missed.empty() ? 0 : 1;
}

int run_labels(const std::string& labels_path, const std::string& report_path, const std::string& half) {
  auto labels_in = open_input(labels_path);
  std::vector<LabelledPair> pairs = read_counter_labels(labels_in, labels_path);
  // counter-dev holds the odd-numbered pairs: 1 mod 4 to tune on, 3 mod 4 held out.
  if (half != "all")
    std::erase_if(pairs, [&](const LabelledPair& p) { return p.number % 4 != (half == "tune" ? 1u : 3u); });
  auto report_in = open_input(report_path);
  const LabelScores s = score_labelled_pairs(pairs, read_report_families(report_in, report_path));
  char line[200];
  std::string out;
  for (const char* label : {"WD", "PD", "ND"}) {
    const auto [linked, total] = s.linked.at(label);
    std::snprintf(line, sizeof line, "%s linked %zu of %zu (%.3f)\n", label, linked, total,
                  total ? static_cast<double>(linked) / static_cast<double>(total) : 0.0);
    out += line;
  }
  std::snprintf(line, sizeof line, "derived (WD + PD) linked: precision %.3f recall %.3f F1 %.3f\n",
                s.derived_precision, s.derived_recall, s.derived_f1);
  out += line;
  print(out);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"wiretrace-eval: scores a wiretrace JSON report against known truth."};
  app.require_subcommand(1);

  std::string truth_path, report_path, groups_path;
  bool json = false;
  auto* families = app.add_subcommand(
      "families", "Pairwise precision, recall and F1 of the report's families against a wiretrace-gen truth file");
  families->add_option("--truth", truth_path, "Truth file written by wiretrace-gen")->required();
  families->add_option("--report", report_path, "wiretrace JSON report (cluster --format json)")->required();
  families->add_flag("--json", json, "Print one JSON object instead of text");

  auto* passages = app.add_subcommand(
      "passages",
      "Byte precision and recall of reused passages (all copies and per kind) and of boilerplate, how often the "
      "original is the wire, and the tiling invariant (exit 1 if some document's passages do not tile it)");
  passages->add_option("--truth", truth_path, "Truth file written by wiretrace-gen")->required();
  passages->add_option("--report", report_path, "wiretrace JSON report (cluster --format json)")->required();
  passages->add_flag("--json", json, "Print one JSON object instead of text");
  passages->footer(
      "Reused bytes: for every truth copy, the bytes of its report passages of kind \"reused\" (any source) vs the\n"
      "bytes of its truth \"reused\" ranges; precision = correct / marked, recall = correct / truth. Reworded copies'\n"
      "truth ranges include their replaced words; edited copies' do not (see wiretrace-gen --help). The second\n"
      "table also counts \"original\" passages, which is what a copy named its family's original carries.\n"
      "Originals: among report families holding the truth wire of their members, the share whose original is it.\n"
      "Boilerplate: \"boilerplate\" passages vs truth boilerplate, on documents with passages only (informative).\n"
      "Tiling: every document with passages must be covered by them, in order, from 0 to its bytes, without gaps,\n"
      "overlaps or empty passages; a reused passage must name a document of the report and a range inside it.");

  auto* groups = app.add_subcommand(
      "groups", "Checks that each group of known duplicates sits in one family of the report (exit 1 if not)");
  groups->add_option("--groups", groups_path, "TSV with header dup_group<TAB>doc")->required();
  groups->add_option("--report", report_path, "wiretrace JSON report")->required();

  std::string labels_path, half = "all";
  auto* labels = app.add_subcommand(
      "labels", "Per label (WD, PD, ND: COUNTER's labels.json), the share of labelled pairs NNNN, NNNNp "
                "in one family of the report, and derived pairs linked as F1");
  labels->add_option("--labels", labels_path, "labels.json: {\"NNNN\": \"WD\" | \"PD\" | \"ND\"}")->required();
  labels->add_option("--report", report_path, "wiretrace JSON report")->required();
  labels->add_option("--half", half, "all, or the pairs numbered 1 mod 4 (tune) or 3 mod 4 (held)")
      ->check(CLI::IsMember({"all", "tune", "held"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    if (families->parsed()) return run_families(truth_path, report_path, json);
    if (passages->parsed()) return run_passages(truth_path, report_path, json);
    if (labels->parsed()) return run_labels(labels_path, report_path, half);
    return run_groups(groups_path, report_path);
  } catch (const wiretrace::Error& e) {
    std::fprintf(stderr, "wiretrace-eval: %s\n", e.what());
    return 2;
  }
}
