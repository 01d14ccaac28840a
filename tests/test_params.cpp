// The table of parameters: ranges and derived knobs through the real binary, messages that name
// parameters in the library and flags in the CLI, the stamp, the index's meta table, and the
// README's table.
#include <doctest/doctest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "index/sqlite.hpp"
#include "params/param_table.hpp"
#include "wiretrace/boilerplate.hpp"
#include "wiretrace/cluster.hpp"
#include "wiretrace/error.hpp"
#include "wiretrace/index.hpp"

using namespace wiretrace;
using namespace wiretrace::test;
using nlohmann::json;

namespace {

const std::string seed000 = seeds_dir + "/000_977f0c954ba00d2b.txt";
const std::string seed002 = seeds_dir + "/002_2df2f6f88230cd01.txt";

json cluster_parameters(const std::string& flags) {
  const CommandResult r = run(cli + " cluster --quiet --no-timing --format json " + flags + " " + seeds_dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return json::parse(r.out)["parameters"];
}

std::string validate_message(const Params& p) {
  try {
    validate(p);
  } catch (const Error& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("params: compare --min-run-words 7 runs (align_seed_words and anchor_words follow it)") {
  const CommandResult r = run(cli + " compare --min-run-words 7 " + seed000 + " " + seed002);
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out.find("shared passages") != std::string::npos);
  // compare reads no shingles: a run shorter than shingle_k is still a passage for it.
  CHECK(run(cli + " compare --min-run-words 2 " + seed000 + " " + seed002).exit_code == 0);
  // A contradiction the user made is refused, naming both flags and the fix.
  const CommandResult both =
      run(cli + " compare --min-run-words 7 --align-seed-words 9 " + seed000 + " " + seed002);
  CHECK(both.exit_code == 2);
  CHECK(both.err.find("--min-run-words (7) must be at least --align-seed-words (9)") != std::string::npos);
}

TEST_CASE("params: cluster --shingle-k 13 runs: min_run_words and anchor_words follow it") {
  const json p = cluster_parameters("--shingle-k 13");
  CHECK(p["shingle_k"] == 13);
  CHECK(p["min_run_words"] == 13);
  CHECK(p["anchor_words"] == 13);
  // Given, they are kept as given; anchor_words follows min_run_words down.
  const json q = cluster_parameters("--min-run-words 7");
  CHECK(q["min_run_words"] == 7);
  CHECK(q["anchor_words"] == 7);
  CHECK(q["align_seed_words"] == 3);
  // The defaults stay the defaults.
  const json d = cluster_parameters("");
  CHECK(d["min_run_words"] == 12);
  CHECK(d["anchor_words"] == 8);
}

TEST_CASE("params: a contradiction on the command line names the flags and the fix") {
  const CommandResult r = run(cli + " cluster --shingle-k 13 --min-run-words 12 " + seeds_dir);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("--min-run-words (12) must be at least --shingle-k (13)") != std::string::npos);
  CHECK(r.err.find("raise --min-run-words or lower --shingle-k") != std::string::npos);
  CHECK(r.err.find("min_run_words") == std::string::npos);
  const CommandResult anchor = run(cli + " cluster --anchor-words 4 " + seeds_dir);
  CHECK(anchor.exit_code == 2);
  CHECK(anchor.err.find("--anchor-words (4) must be at least --shingle-k (5)") != std::string::npos);
}

TEST_CASE("params: negative or overflowing whole numbers are usage errors, not wrapped around") {
  TempDir dir;
  const std::string index = quoted(dir / "x.idx");
  for (const std::string& command :
       {"cluster --max-bytes -5 " + seeds_dir, "cluster --seed -1 " + seeds_dir,
        "cluster --seed 18446744073709551616 " + seeds_dir, "cluster --threads -1 " + seeds_dir,
        "cluster --num-perm 0x10 " + seeds_dir, "cluster --min-jaccard 0 " + seeds_dir,
        "cluster --min-jaccard nan " + seeds_dir, "cluster --lsh-threshold 1 " + seeds_dir,
        "compare --max-bytes -5 " + seed000 + " " + seed002,
        "compare --min-run-words -3 " + seed000 + " " + seed002,
        "dedup --max-bytes -5 --index " + index + " " + seed000,
        "dedup --seed -1 --index " + index + " " + seed000,
        "dedup --commit-every -1 --index " + index + " " + seed000,
        "dedup --busy-timeout -1 --index " + index + " " + seed000}) {
    CAPTURE(command);
    const CommandResult r = run(cli + " " + command);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(" is not a ") != std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(dir / "x.idx"));  // refused before the index was made
  // The largest 64-bit seed is a seed; a leading zero is decimal, not octal.
  CHECK(cluster_parameters("--seed 18446744073709551615")["seed"] == 18446744073709551615ULL);
  CHECK(cluster_parameters("--num-perm 010")["num_perm"] == 10);
}

TEST_CASE("params: library messages name parameters, never flags") {
  Params p;
  p.shingle_k = 13;
  CHECK(validate_message(p) ==
        "invalid parameter: min_run_words (12) must be at least shingle_k (13): a shorter run "
        "holds no shingle; raise min_run_words or lower shingle_k");
  p = {};
  p.min_jaccard = 0;
  CHECK(validate_message(p) == "invalid parameter: min_jaccard is 0, must be in (0, 1]");
  p = {};
  p.duplicate_containment = 1.5;
  CHECK(validate_message(p) == "invalid parameter: duplicate_containment is 1.5, must be in (0, 1]");
  CHECK(validate_message(Params{}).empty());
}

TEST_CASE("params: the table covers each field once and every default is in its range") {
  std::set<std::string_view> names;
  const Params defaults;
  for (const detail::ParamSpec& spec : detail::param_table()) {
    CAPTURE(spec.name);
    CHECK(names.insert(spec.name).second);
    CHECK(detail::find_param(spec.name) == &spec);
    CHECK(detail::in_range(spec, detail::value_of(defaults, spec)));
    CHECK(!spec.help.empty());
    // Each row points at its own field: writing through it changes no other row's value.
    Params changed;
    REQUIRE(detail::read_value(changed, spec, detail::value_of(defaults, spec) == 7 ? "9" : "7"));
    for (const detail::ParamSpec& other : detail::param_table())
      if (&other != &spec) CHECK(detail::value_of(changed, other) == detail::value_of(defaults, other));
  }
  // A field added to Params needs its row: the rows' fields (and the padding between them, 8
  // bytes in today's layout: after min_run_words and at the end) make up the whole struct.
  std::size_t bytes = 0;
  for (const detail::ParamSpec& spec : detail::param_table())
    bytes += std::holds_alternative<unsigned Params::*>(spec.field) ? sizeof(unsigned) : 8;
  CHECK(sizeof(Params) == bytes + 8);
}

TEST_CASE("params: the stamp covers exactly the stamped parameters and keeps its old value") {
  // The value indexes made before the table stored: default parameters, ICU 72.1.
  if (std::string(detail::icu_version()) == "72.1")
    CHECK(sketch_stamp(Params{}) == 0x606be6a0556c1108ULL);
  else
    CHECK(sketch_stamp(Params{}) != 0x606be6a0556c1108ULL);
  for (const detail::ParamSpec& spec : detail::param_table()) {
    CAPTURE(spec.name);
    Params changed;
    // A value in range and different from the default.
    const double x = detail::value_of(changed, spec);
    const std::string other = std::holds_alternative<double Params::*>(spec.field)
                                  ? (x > 0.5 ? "0.25" : "0.75")
                                  : (x == 7 ? "9" : "7");
    REQUIRE(detail::read_value(changed, spec, other));
    CHECK((sketch_stamp(changed) != sketch_stamp(Params{})) == spec.stamped);
  }
}

TEST_CASE("params: decision constants are read from Params") {
  // Two members sharing 100 and 90 words: within the default slack (16 words) both are
  // candidates, and the longer text's lower reuse loses; without slack the first stands out.
  std::vector<OriginalEvidence> members(2);
  members[0] = {std::nullopt, 100, 1000, 0, {}};
  members[1] = {std::nullopt, 90, 100, 0, {}};
  CHECK(choose_original(members).index == 1);
  Params strict;
  strict.original_slack_words = 0;
  strict.original_slack_share = 0;
  CHECK(choose_original(members, strict).index == 0);
  CHECK(choose_original(members, strict).confidence == Confidence::high);

  // A footer of 6 shingles repeated at the end of two articles of one source: boilerplate at
  // the default (runs of 4 or more), not when a run must hold 7.
  auto docs = [] {
    std::vector<std::vector<ShingleHash>> d(2);
    for (std::uint32_t i = 0; i < 40; ++i) {
      d[0].push_back(1000 + i);
      d[1].push_back(2000 + i);
    }
    for (std::uint32_t i = 0; i < 6; ++i) {
      d[0].push_back(90 + i);
      d[1].push_back(90 + i);
    }
    return d;
  };
  auto masked = docs();
  CHECK(mask_boilerplate(masked, {"S", "S"}, Params{}).masked_shingles == 12);
  Params longer;
  longer.boilerplate_min_shingles = 7;
  masked = docs();
  CHECK(mask_boilerplate(masked, {"S", "S"}, longer).masked_shingles == 0);
}

TEST_CASE("params: an index records the table's parameters and refuses another stamped value") {
  TempDir dir;
  const auto input = dir / "a.jsonl";
  write_file(input, R"({"id":"a","text":"one two three four five six seven"})" "\n");
  const std::string index = quoted(dir / "feed.idx");
  REQUIRE(run(cli + " dedup --quiet --boilerplate-edge-words 40 --index " + index + " " + quoted(input)).exit_code == 0);
  const CommandResult stats = run(cli + " index stats --json " + index);
  REQUIRE(stats.exit_code == 0);
  const json p = json::parse(stats.out)["parameters"];
  for (const detail::ParamSpec& spec : detail::param_table()) {
    CAPTURE(spec.name);
    const bool read_by_dedup = spec.used_by & detail::bits(detail::Command::dedup);
    CHECK(p.contains(spec.name) == (read_by_dedup && spec.in_results));
  }
  CHECK(p["boilerplate_edge_words"] == 40);
  // boilerplate_edge_words decides what is masked in the stored sequences: another value is
  // refused (it was accepted before the stamp covered it); a threshold is not.
  const CommandResult other = run(cli + " dedup --quiet --index " + index + " " + quoted(input));
  CHECK(other.exit_code == 2);
  CHECK(other.err.find("boilerplate_edge_words 40") != std::string::npos);
  CHECK(other.err.find("boilerplate_edge_words 80") != std::string::npos);
  CHECK(run(cli + " dedup --quiet --boilerplate-edge-words 40 --min-run-words 20 --index " + index +
            " " + quoted(input)).exit_code == 0);
}

TEST_CASE("params: an index made before the table (no new meta entries) still opens") {
  TempDir dir;
  const std::string path = (dir / "old.idx").string();
  { Index index(path, Params{}); }
  {
    // What an index made before the table holds: the entries it wrote then, and no others.
    detail::Database db(path, false, false, 1000);
    db.exec("DELETE FROM meta WHERE key NOT IN ('format', 'format_version', 'shingle_k', "
            "'num_perm', 'lsh_threshold', 'seed', 'min_run_words', 'min_jaccard', 'anchor_words', "
            "'max_bucket', 'boilerplate_edge_words', 'normalizer_version', 'hash_bits', "
            "'sketch_stamp')");
    // ...and the stamp it wrote then, which the defaults under ICU 72.1 still give.
    db.exec("UPDATE meta SET value = '606be6a0556c1108' WHERE key = 'sketch_stamp'");
  }
  const Params stored = Index::stored_params(path);
  CHECK(stored.duplicate_jaccard == Params{}.duplicate_jaccard);
  if (std::string(detail::icu_version()) == "72.1") {
    CHECK_NOTHROW(Index(path, Params{}));
  } else {
    CHECK_THROWS_WITH_AS(Index(path, Params{}), doctest::Contains("made by an older wiretrace"), Error);
  }
}

TEST_CASE("params: the README's Parameters table is the table's") {
  const std::string readme = read_file(std::filesystem::path(fixtures) / ".." / "README.md");
  const std::string begin = "<!-- parameters: begin -->\n", end = "<!-- parameters: end -->";
  const auto from = readme.find(begin), to = readme.find(end);
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  const std::string in_readme = readme.substr(from + begin.size(), to - from - begin.size());
  // On a mismatch the expected table is printed: paste it between the markers.
  CHECK_MESSAGE(in_readme == detail::params_markdown(), detail::params_markdown());
}
