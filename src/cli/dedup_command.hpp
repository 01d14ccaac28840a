// `wiretrace dedup`: options, their validation, and the run (records streamed from the input,
// each decided against the index, committed, and written as one line, in input order).
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "wiretrace/ingest.hpp"
#include "wiretrace/params.hpp"

namespace wiretrace::cli {

/// --drop: which decisions' lines are left out.
enum class DropMode { none, duplicates, copies };

struct DedupCommandOptions {
  std::string index;                        ///< the index file (created when missing)
  std::vector<std::string> inputs{"-"};     ///< as for cluster; stdin by default
  DropMode drop = DropMode::none;
  double window_days = 0;                   ///< 0 = no window
  std::string on_error = "skip";
  std::size_t commit_every = 1;             ///< articles per transaction (and per flush)
  unsigned busy_timeout_ms = 10000;
  bool sync_every_commit = false;
  bool quiet = false;
  Params params;
  IngestOptions ingest;
};

CLI::App* add_dedup_command(CLI::App& app, DedupCommandOptions& options);

/// Returns the process exit code.
int run_dedup(const DedupCommandOptions& options);

}  // namespace wiretrace::cli
