// `wiretrace cluster`: options, their validation, and the run.
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "wiretrace/ingest.hpp"
#include "wiretrace/params.hpp"

namespace wiretrace::cli {

struct ClusterOptions {
  std::vector<std::string> inputs;
  std::string format;  ///< empty: from the output file's extension, else text
  std::string output;  ///< empty = stdout
  std::string color = "auto";
  std::string on_error = "skip";
  bool quiet = false;
  bool timings = true;
  Params params;
  IngestOptions ingest;
};

CLI::App* add_cluster_command(CLI::App& app, ClusterOptions& options);

/// Returns the process exit code.
int run_cluster(const ClusterOptions& options);

}  // namespace wiretrace::cli
