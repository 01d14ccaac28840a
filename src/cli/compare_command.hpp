// `wiretrace compare`: the shared passages of two articles, or of many pairs in one run.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "wiretrace/ingest.hpp"
#include "wiretrace/params.hpp"

namespace wiretrace::cli {

struct CompareOptions {
  std::string a, b;
  std::string pairs_file;  ///< with --pairs: two paths per line
  std::string format;  ///< empty: jsonl with --pairs, else from -o's extension, else text
  std::string output;
  std::string color = "auto";
  std::string on_error = "skip";  ///< --pairs: a pair that cannot be compared is an "error" line, or stops the run
  bool quiet = false;
  Params params;
  IngestOptions ingest;
};

CLI::App* add_compare_command(CLI::App& app, CompareOptions& options);

/// Returns the process exit code.
int run_compare(const CompareOptions& options);

}  // namespace wiretrace::cli
