#include "cli/cluster_command.hpp"

#include <chrono>
#include <iostream>

#include "cli/exit_codes.hpp"
#include "cli/input_options.hpp"
#include "cli/output.hpp"
#include "cli/param_options.hpp"
#include "cli/progress.hpp"
#include "report/terminal_text.hpp"
#include "wiretrace/error.hpp"
#include "wiretrace/pipeline.hpp"
#include "wiretrace/report.hpp"

namespace wiretrace::cli {

CLI::App* add_cluster_command(CLI::App& app, ClusterOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "cluster",
      "Group articles that share wire copy into families and name each family's original.");
  cmd->footer(
      "Input: folders (read recursively; id = path inside the folder, or with --id-from path the\n"
      "path as given), text files (one article each; id = file name), JSON Lines (.jsonl, .ndjson,\n"
      "also .gz/.zst, - for stdin, or any file whose first line is a JSON object with \"id\" or\n"
      "\"text\"; --input-format decides instead) with one object per line: \"id\" and \"text\"\n"
      "required; \"title\", \"source\", \"url\", \"published\" (ISO 8601, RFC 2822, or epoch\n"
      "seconds) and \"lang\" optional (one of the wrong type is ignored, with a warning).\n\n"
      "Decision rule: two articles share wire copy when they share a run of at least\n"
      "--min-run-words identical words (after normalization, boilerplate excluded), or when their\n"
      "whole-text Jaccard similarity reaches --min-jaccard. Families are the connected groups.\n\n"
      "Examples:\n"
      "  wiretrace cluster fixtures/seeds\n"
      "  wiretrace cluster --format json -o report.json feed.jsonl.zst\n"
      "  wiretrace cluster -o report.html feed.jsonl   # HTML (from -o's extension); open it in a browser\n"
      "  wiretrace cluster --id-from path 2024/ 2025/  # the same file names in both folders\n"
      "  zcat dump.jsonl.gz | wiretrace cluster --threads 2 -\n\n"
      "Bad input: a record that is not an article (malformed or cut-off JSON, invalid UTF-8 in\n"
      "JSON, missing or empty id/text, duplicate id, binary or empty file, over --max-bytes) is\n"
      "listed under \"rejected\" with FILE[:LINE] and its reason; documents + rejected = input\n"
      "records. Invalid UTF-8 in a text file is kept (as word separators) with a warning.\n\n"
      "Exit codes: 0 success (rejected inputs are listed in the report); 1 I/O or internal error;\n"
      "2 usage error or unreadable input path; 3 --on-error fail stopped at a bad record.");
  cmd->add_option("inputs", o.inputs, "Folders, text files, JSON Lines files, or - for stdin")
      ->required();
  cmd->add_option("--format", o.format,
                  "Report format: text, json, or html (one self-contained page to open in a browser). "
                  "Default: as -o's extension says (.txt, .json, .html), else text")
      ->check(CLI::IsMember({"text", "json", "html"}));
  cmd->add_option("-o,--output", o.output, "Write the report to FILE instead of stdout");
  cmd->add_option("--color", o.color, "Colour the text report: auto (a terminal, unless NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_option("--on-error", o.on_error,
                  "A bad record (invalid JSON, missing text, binary file...): skip it and list it "
                  "as rejected, or fail the run")
      ->check(CLI::IsMember({"skip", "fail"}))
      ->capture_default_str();
  add_input_options(*cmd, o.ingest, true);
  cmd->add_flag("-q,--quiet", o.quiet, "No progress bar");
  cmd->add_flag("!--no-timing", o.timings,
                "Leave wall-clock seconds out of the report, so that runs compare byte for byte");

  cmd->add_option("--max-bytes", o.ingest.max_document_bytes,
                  "Reject (and list) articles larger than this many bytes as too large")
      ->capture_default_str()->transform(whole_number());
  add_param_options(*cmd, o.params, detail::Command::cluster,
                    "Matching (defaults are tuned on generated corpora; see README)");
  return cmd;
}

int run_cluster(const ClusterOptions& o) {
  validate(o.params);  // before reading gigabytes
  const std::string format = resolve_format(o.format, o.output, {"text", "json", "html"}, "text");
  IngestOptions ingest = o.ingest;
  ingest.fail_on_error = o.on_error == "fail";

  Progress progress;
  ClusterResult result;
  {
    ProgressBar bar(progress, !o.quiet);
    const auto start = std::chrono::steady_clock::now();
    IngestResult input;
    try {
      input = read_inputs(o.inputs, ingest);
    } catch (const BadInput& e) {
      std::cerr << "wiretrace: " << detail::terminal_safe(e.what())
                << " (--on-error fail: no report written)\n";
      return exit_bad_input;
    }
    const double read_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result = cluster_documents(std::move(input.documents), o.params, &progress);
    result.rejected = std::move(input.rejected);
    result.warnings = std::move(input.warnings);
    result.seconds.read = read_seconds;
  }

  Output output(o.output);
  ReportOptions report;
  report.timings = o.timings;
  report.color = format == "text" && output.color(o.color);
  if (format == "json") write_json_report(output.stream(), result, report);
  else if (format == "html") write_html_report(output.stream(), result, report);
  else write_text_report(output.stream(), result, report);
  output.finish();
  // The report lists every rejected record; stderr says that there are some, whatever the format.
  if (!o.quiet && !result.rejected.empty()) {
    const RejectedInput& first = result.rejected.front();
    std::cerr << "wiretrace: " << result.rejected.size() << " input record(s) rejected, listed in "
              << "the report (the first: " << detail::terminal_safe(first.input + ": " + first.reason)
              << ")\n";
  }
  return exit_ok;
}

}  // namespace wiretrace::cli
