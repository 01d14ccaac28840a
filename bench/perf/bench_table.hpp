// wiretrace-bench, sinks: the human table (streamed run by run, then the summary) and the JSON of
// the same figures. Formatting only: every number comes from the suite's records.
#pragma once
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "bench_options.hpp"
#include "bench_suite.hpp"

namespace wiretrace::perf {

/// Every line of the table goes through this (stdout).
using Printer = std::function<void(const std::string&)>;

void print_header(const Config& config, const Printer& print);
/// One row of the seconds table.
void print_run_row(const RunRecord& run, const Printer& print);
/// After a size's runs: its sketch speedup and whether the reports were identical.
void print_size_notes(const SizeRecord& size, const Printer& print);
/// After all sizes: MB/s per stage, cost growth with size, and PASS or FAIL with the reasons.
void print_summary(const Config& config, const SuiteResult& suite, const Printer& print);

nlohmann::ordered_json suite_json(const Config& config, const SuiteResult& suite);

}  // namespace wiretrace::perf
