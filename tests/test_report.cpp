// Report sinks: the JSON schema the README documents, and the text report's promises.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "wiretrace/report.hpp"

using namespace wiretrace;
using nlohmann::json;

namespace {

ClusterResult sample_result() {
  ClusterResult r;
  for (const char* id : {"wire", "copy", "alone"}) {
    Document d;
    d.id = id;
    d.text = std::string("text of ") + id;
    r.documents.push_back(d);
  }
  r.documents[1].title = "A title";
  r.documents[1].source = "Ledger";
  r.documents[1].published = "2024-10-25";
  r.results = {{0, Role::original, 100, 80}, {0, Role::copy, 300, 80}, {-1, Role::unique, 50, 0}};
  r.results[0].reused_words = 80;
  r.results[0].added_words = 20;
  r.results[0].passages = {{0, 14, PassageKind::original, -1, 0, 0, 80}};
  r.results[1].reused_words = 80;
  r.results[1].added_words = 220;
  r.results[1].passages = {{0, 5, PassageKind::added, -1, 0, 0, 220},
                           {5, 12, PassageKind::reused, 0, 0, 14, 80}};
  Family f;
  f.members = {0, 1};
  f.original = 0;
  f.original_basis = OriginalBasis::coverage;
  f.original_confidence = Confidence::medium;
  ScoredPair p;
  p.a = 0;
  p.b = 1;
  p.jaccard = 0.123456;
  p.containment_ab = 0.8;
  p.containment_ba = 0.25;
  p.shared_words = 80;
  p.longest_run = 41;
  f.pairs = {p};
  r.families = {f};
  r.rejected = {{"feed.jsonl:7", "missing \"text\""}};
  r.warnings = {{"x.txt", "invalid UTF-8 at byte 3"}};
  r.seconds.total = 1.5;
  return r;
}

}  // namespace

TEST_CASE("report: JSON carries the documented schema") {
  std::ostringstream out;
  write_json_report(out, sample_result());
  const auto j = json::parse(out.str());
  for (const char* key : {"parameters", "stats", "families", "documents", "rejected"})
    CHECK(j.contains(key));
  CHECK(j["parameters"]["shingle_k"] == 5);
  CHECK(j["parameters"]["num_perm"] == 128);
  CHECK(j["parameters"]["sketch_stamp"].get<std::string>().size() == 16);
  CHECK(j["stats"]["documents"] == 3);
  CHECK(j["stats"]["families"] == 1);
  CHECK(j["stats"]["unique"] == 1);
  CHECK(j["stats"]["rejected"] == 1);
  CHECK(j["stats"]["seconds"] == 1.5);
  const auto& f = j["families"][0];
  CHECK(f["id"] == "f1");
  CHECK(f["original"] == "wire");
  CHECK(f["original_basis"] == "coverage");
  CHECK(f["members"] == json::array({"wire", "copy"}));
  const auto& p = f["pairs"][0];
  CHECK(p["a"] == "wire");
  CHECK(p["b"] == "copy");
  CHECK(p["jaccard"] == 0.1235);
  CHECK(p["containment_ab"] == 0.8);
  CHECK(p["containment_ba"] == 0.25);
  CHECK(p["shared_words"] == 80);
  CHECK(p["longest_run"] == 41);
  const auto& copy = j["documents"][1];
  CHECK(copy["family"] == "f1");
  CHECK(copy["role"] == "copy");
  CHECK(copy["bytes"] == 12);
  CHECK(copy["words"] == 300);
  CHECK(copy["title"] == "A title");
  CHECK(copy["source"] == "Ledger");
  CHECK(copy["published"] == "2024-10-25");
  CHECK(copy["reused_words"] == 80);
  CHECK(copy["added_words"] == 220);
  REQUIRE(copy["passages"].size() == 2);
  CHECK(copy["passages"][0] == json{{"start", 0}, {"end", 5}, {"kind", "added"}, {"source", nullptr}});
  CHECK(copy["passages"][1] == json{{"start", 5}, {"end", 12}, {"kind", "reused"}, {"source", "wire"},
                                    {"source_start", 0}, {"source_end", 14}, {"match", "exact"}});
  CHECK(j["documents"][0]["passages"][0]["kind"] == "original");
  CHECK(j["documents"][2]["passages"].empty());
  CHECK_FALSE(j["documents"][2].contains("reused_words"));
  CHECK(j["documents"][2]["family"].is_null());
  CHECK(j["documents"][2]["role"] == "unique");
  CHECK_FALSE(j["documents"][2].contains("title"));
  CHECK(j["rejected"][0]["input"] == "feed.jsonl:7");
  CHECK(j["rejected"][0]["reason"] == "missing \"text\"");
  CHECK(j["warnings"][0]["message"] == "invalid UTF-8 at byte 3");
}

TEST_CASE("report: without timings, seconds are null so reports compare byte for byte") {
  std::ostringstream out;
  ReportOptions options;
  options.timings = false;
  write_json_report(out, sample_result(), options);
  CHECK(json::parse(out.str())["stats"]["seconds"].is_null());
  std::ostringstream text;
  write_text_report(text, sample_result(), options);
  CHECK(text.str().find(" s\n") == std::string::npos);
}

TEST_CASE("report: text lists the summary, the family with roles, unique and rejected inputs") {
  std::ostringstream out;
  write_text_report(out, sample_result());
  const std::string s = out.str();
  CHECK(s.find("3 articles, 1 family, 1 unique, 1 rejected in 1.50 s") != std::string::npos);
  CHECK(s.find("family f1: 2 articles, original wire (by coverage, medium confidence)") != std::string::npos);
  CHECK(s.find("original wire") != std::string::npos);
  CHECK(s.find("copy     copy") != std::string::npos);
  CHECK(s.find("300 words, reused 27%, added 73%") != std::string::npos);
  CHECK(s.find("+ text") != std::string::npos);  // the first words of the added passage
  CHECK(s.find("longest run 41") != std::string::npos);
  CHECK(s.find("unique (1)") != std::string::npos);
  CHECK(s.find("feed.jsonl:7: missing \"text\"") != std::string::npos);
  CHECK(s.find("\x1b[") == std::string::npos);
}

TEST_CASE("report: colour only when asked") {
  std::ostringstream out;
  ReportOptions options;
  options.color = true;
  write_text_report(out, sample_result(), options);
  CHECK(out.str().find("\x1b[") != std::string::npos);
}
