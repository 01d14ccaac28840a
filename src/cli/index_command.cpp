#include "cli/index_command.hpp"

#include <iostream>

#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "wiretrace/dedup.hpp"
#include "wiretrace/index.hpp"
#include "wiretrace/report.hpp"

namespace wiretrace::cli {

CLI::App* add_index_command(CLI::App& app, IndexCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand("index", "Inspect and maintain a dedup index.");
  cmd->require_subcommand(1);
  cmd->footer(
      "The index is opened with the parameters it was made with. Exit codes: 0 success; 1 I/O\n"
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
      ->capture_default_str();
  compact->callback([&o] { o.action = "compact"; });
  return cmd;
}

int run_index(const IndexCommandOptions& o) {
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
