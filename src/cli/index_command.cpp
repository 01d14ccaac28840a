#include "cli/index_command.hpp"

#include <iostream>
#include <limits>
#include <optional>

#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "cli/warn.hpp"
#include "cli/param_options.hpp"
#include "ingest/iso8601.hpp"
#include "report/terminal_text.hpp"
#include "wiretrace/error.hpp"
#include "wiretrace/dedup.hpp"
#include "wiretrace/index.hpp"
#include "wiretrace/report.hpp"

namespace wiretrace::cli {

CLI::App* add_index_command(CLI::App& app, IndexCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand("index", "Inspect and maintain a dedup index.");
  cmd->require_subcommand(1);
  cmd->footer(
      "The index is opened with the parameters it was made with. Deleted articles (delete, prune,\n"
      "dedup --expire-after, a new version of an id) leave their numbers taken: family ids stay.\n"
      "Exit codes: 0 success; 1 I/O\n"
      "error or the index is locked past --busy-timeout; 2 no such index, or not an index.");

  CLI::App* stats = cmd->add_subcommand(
      "stats", "Articles, families, decisions, size on disk and bytes per article.");
  stats->add_option("index", o.index, "The index file")->required();
  stats->add_flag("--json", o.json, "One JSON object instead of text");
  stats->callback([&o] { o.action = "stats"; });

  CLI::App* exported = cmd->add_subcommand(
      "export",
      "The families as the JSON of 'cluster --format json' (texts are not stored: passages are "
      "empty).");
  exported->add_option("index", o.index, "The index file")->required();
  exported->add_option("-o,--output", o.output, "Write the JSON to FILE instead of stdout");
  exported->callback([&o] { o.action = "export"; });

  CLI::App* compact = cmd->add_subcommand(
      "compact", "Checkpoint the write-ahead log and rebuild the file (VACUUM).");
  compact->add_option("index", o.index, "The index file")->required();
  compact->add_option("--busy-timeout", o.busy_timeout_ms,
                      "Milliseconds to wait for another process holding the index's lock")
      ->capture_default_str()->transform(whole_number(0, std::numeric_limits<unsigned>::max()));
  compact->callback([&o] { o.action = "compact"; });

  CLI::App* remove = cmd->add_subcommand(
      "delete",
      "Delete articles by id. Their numbers stay taken and their families keep their names; an "
      "id deleted can be indexed again, as a new article.");
  remove->add_option("index", o.index, "The index file")->required();
  remove->add_option("ids", o.ids, "Ids of the articles to delete")->required();
  remove->add_option("--busy-timeout", o.busy_timeout_ms,
                     "Milliseconds to wait for another process holding the index's lock")
      ->capture_default_str();
  remove->callback([&o] { o.action = "delete"; });

  CLI::App* prune = cmd->add_subcommand(
      "prune",
      "Delete the articles published before a date (or, without a date, indexed before it).");
  prune->add_option("index", o.index, "The index file")->required();
  prune->add_option("--before", o.before,
                    "ISO 8601 date or time (2024-10-01, 2024-10-01T12:00:00Z); UTC without an offset")
      ->required();
  prune->add_option("--busy-timeout", o.busy_timeout_ms,
                    "Milliseconds to wait for another process holding the index's lock")
      ->capture_default_str();
  prune->callback([&o] { o.action = "prune"; });
  return cmd;
}

int run_index(const IndexCommandOptions& o) {
  if (o.action == "delete" || o.action == "prune") {
    std::optional<std::int64_t> before;
    if (o.action == "prune") {
      before = detail::parse_iso8601(o.before);
      if (!before) throw Error("--before " + o.before + ": not an ISO 8601 date or time");
    }
    IndexOptions write;
    write.create = false;
    write.load_lookup = false;
    write.busy_timeout_ms = o.busy_timeout_ms;
    Index index(o.index, Index::stored_params(o.index), write);
    index.begin();
    std::vector<std::string> missing;
    std::size_t deleted = 0;
    try {
      if (before) {
        for (std::uint32_t n : index.older_than(*before)) {
          index.remove(n);
          ++deleted;
        }
      } else {
        for (const std::string& id : o.ids) {
          if (const auto n = index.find(id)) {
            index.remove(*n);
            ++deleted;
          } else {
            missing.push_back(id);
          }
        }
      }
      index.commit();
    } catch (...) {
      index.rollback();
      throw;
    }
    for (const auto& id : missing)
      warn("no article \"" + id + "\" in " + o.index);
    std::cout << "deleted " << deleted << (deleted == 1 ? " article" : " articles") << " from "
              << detail::terminal_safe(o.index) << "; " << index.size() << " left\n";
    return exit_ok;
  }
  if (o.action == "compact") {
    const IndexStats before = [&] {
      IndexOptions read;
      read.read_only = true;
      read.load_lookup = false;
      return Index(o.index, Index::stored_params(o.index), read).stats();
    }();
    compact_index(o.index, o.busy_timeout_ms);
    IndexOptions read;
    read.read_only = true;
    read.load_lookup = false;
    const IndexStats after = Index(o.index, Index::stored_params(o.index), read).stats();
    std::cout << "compacted " << o.index << ": " << before.bytes_on_disk << " -> "
              << after.bytes_on_disk << " bytes (" << after.articles << " articles)\n";
    return exit_ok;
  }

  IndexOptions options;
  options.read_only = true;
  options.load_lookup = false;
  options.busy_timeout_ms = o.busy_timeout_ms;
  const Index index(o.index, Index::stored_params(o.index), options);
  if (o.action == "stats") {
    write_index_stats(std::cout, index.stats(), index.params(), o.json);
    std::cout.flush();
    return std::cout ? exit_ok : exit_failure;
  }
  // export
  const ClusterResult result = export_index(index);
  Output output(o.output);
  ReportOptions report;
  report.timings = false;
  report.passages = false;
  write_json_report(output.stream(), result, report);
  output.finish();
  return exit_ok;
}

}  // namespace wiretrace::cli
