// wiretrace: the command-line glue. Flags are validated first, then turned into Params and
// IngestOptions; the library does the work; a report sink writes the result.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <string>

#include "cli/cluster_command.hpp"
#include "cli/compare_command.hpp"
#include "cli/dedup_command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/index_command.hpp"
#include "report/terminal_text.hpp"
#include "wiretrace/error.hpp"
#include "wiretrace/version.hpp"

int main(int argc, char** argv) {
  using namespace wiretrace::cli;
  CLI::App app{
      "wiretrace finds news articles that reuse the same wire copy (AFP, Reuters, AP, press "
      "releases) and groups them into families, even when a copy takes only a few paragraphs."};
  app.name("wiretrace");
  app.set_version_flag("--version", "wiretrace " + std::string(wiretrace::version()));
  app.require_subcommand(1);
  app.footer(
      "Run 'wiretrace cluster --help' for the options of a command.\n\n"
      "Exit codes: 0 success (rejected inputs are listed, not fatal); 1 an I/O or internal error;\n"
      "2 a usage error (bad flag, missing input path); 3 --on-error fail stopped at a bad record.");

  ClusterOptions cluster_options;
  CLI::App* cluster = add_cluster_command(app, cluster_options);
  CompareOptions compare_options;
  CLI::App* compare = add_compare_command(app, compare_options);
  DedupCommandOptions dedup_options;
  CLI::App* dedup = add_dedup_command(app, dedup_options);
  IndexCommandOptions index_options;
  CLI::App* index = add_index_command(app, index_options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints the message and the usage hint
    return exit_usage;
  }

  try {
    if (cluster->parsed()) return run_cluster(cluster_options);
    if (compare->parsed()) return run_compare(compare_options);
    if (dedup->parsed()) return run_dedup(dedup_options);
    if (index->parsed()) return run_index(index_options);
  } catch (const wiretrace::Error& e) {
    // Messages name paths and ids, which may hold escape sequences.
    std::fprintf(stderr, "wiretrace: %s%s\n", wiretrace::detail::terminal_safe(e.what()).c_str(),
                 e.kind() == wiretrace::ErrorKind::busy
                     ? "; wait for it to finish or raise --busy-timeout"
                     : "");
    return exit_code(e.kind());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "wiretrace: %s\n", wiretrace::detail::terminal_safe(e.what()).c_str());
    return exit_failure;
  }
  return exit_failure;
}
