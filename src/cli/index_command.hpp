// `wiretrace index stats|export|compact|delete|prune FILE`: inspect and maintain a dedup index.
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace wiretrace::cli {

struct IndexCommandOptions {
  std::string action;   ///< the subcommand that was given: stats, export, compact, delete, prune
  std::string index;
  std::string output;   ///< export: empty = stdout
  bool json = false;    ///< stats: one JSON object instead of text
  unsigned busy_timeout_ms = 10000;
  std::vector<std::string> ids;  ///< delete: the ids to delete
  std::string before;            ///< prune: ISO 8601 date or time; older articles are deleted
};

CLI::App* add_index_command(CLI::App& app, IndexCommandOptions& options);

/// Returns the process exit code.
int run_index(const IndexCommandOptions& options);

}  // namespace wiretrace::cli
