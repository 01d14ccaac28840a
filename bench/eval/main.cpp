// wiretrace-eval: reads files, calls eval/evaluate.hpp, prints. Glue only.
// Exit codes: 0 scored (families) or every group recovered (groups); 1 some group not recovered;
// 2 bad flags, or an unreadable or malformed file.
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

  auto* groups = app.add_subcommand(
      "groups", "Checks that each group of known duplicates sits in one family of the report (exit 1 if not)");
  groups->add_option("--groups", groups_path, "TSV with header dup_group<TAB>doc")->required();
  groups->add_option("--report", report_path, "wiretrace JSON report")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    if (families->parsed()) return run_families(truth_path, report_path, json);
    return run_groups(groups_path, report_path);
  } catch (const wiretrace::Error& e) {
    std::fprintf(stderr, "wiretrace-eval: %s\n", e.what());
    return 2;
  }
}
