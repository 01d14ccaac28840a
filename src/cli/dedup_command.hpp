// `wiretrace dedup`: options, their validation, and the run (records streamed from the input,
// each decided against the index, committed, and written as one line, in input order).
#pragma once
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "wiretrace/ingest.hpp"
#include "wiretrace/params.hpp"

namespace wiretrace::cli {

/// --drop: which decisions' lines are left out (it may be given more than once).
enum class DropMode {
  duplicates,  ///< near-identical text
  copies,      ///< copies and duplicates: only new articles pass
  rejected,    ///< records that are not articles (each is still named on stderr)
};

/// --emit: what each line is.
enum class EmitMode {
  records,    ///< the input record itself, its decision added as a "wiretrace" member
  decisions,  ///< one compact decision line per record (id, decision, family, matches, words)
};

struct DedupCommandOptions {
  std::string index;                        ///< the index file (created when missing)
  std::vector<std::string> inputs{"-"};     ///< as for cluster; stdin by default
  std::vector<DropMode> drop;
  EmitMode emit = EmitMode::records;
  std::string output;                       ///< -o FILE; empty = stdout
  double window_days = 0;                   ///< 0 = no window
  std::string expire_after;                 ///< "30d": delete older articles first; empty = keep all
  std::string on_error = "skip";
  std::size_t commit_every = 1;             ///< articles per transaction (and per flush)
  unsigned busy_timeout_ms = 10000;
  bool sync_every_commit = false;
  bool quiet = false;
  Params params;
  IngestOptions ingest;
};

CLI::App* add_dedup_command(CLI::App& app, DedupCommandOptions& options);

/// Seconds of a duration "30d", "12h", "90m", "2w", "3600s" (a number and a unit); throws
/// wiretrace::Error (invalid_argument) for anything else.
std::int64_t parse_duration(const std::string& text);

/// Returns the process exit code.
int run_dedup(const DedupCommandOptions& options);

}  // namespace wiretrace::cli
