// The input options every command that reads articles shares: --input-format and --id-from.
#pragma once
#include <CLI/CLI.hpp>

#include "wiretrace/ingest.hpp"

namespace wiretrace::cli {

/// Adds --input-format auto|text|jsonl (and, with `id_from`, --id-from name|path) to `cmd`,
/// writing into `ingest`.
void add_input_options(CLI::App& cmd, IngestOptions& ingest, bool id_from);

}  // namespace wiretrace::cli
