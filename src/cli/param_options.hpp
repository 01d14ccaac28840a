// The options every command takes from the table of parameters (src/params/param_table.hpp),
// and the whole-number check the CLI's other integer options share.
#pragma once
#include <CLI/CLI.hpp>

#include <limits>
#include <string>
#include <string_view>

#include "params/param_table.hpp"

namespace wiretrace::cli {

/// Registers the flag of every parameter `command` reads (--name-with-dashes, with the table's
/// help, unit, range and the default), writing into `params`; the ones that change results go
/// in `group`. Once the command is parsed, knobs the user did not give follow the ones given
/// (derive_unset), then the parameters are validated for `command`: an error is a usage error
/// (exit 2) that names flags.
void add_param_options(CLI::App& cmd, Params& params, detail::Command command,
                       const std::string& group);

/// `text` with each parameter name `command` has a flag for written as that flag (names of one
/// word, like seed, stay: they are plain English too).
std::string with_flags(std::string_view text, detail::Command command);

/// A check (and transform) for an unsigned integer option: decimal digits only (no sign, so
/// "-5" is an error instead of wrapping around), within [min, max] and the type's range.
CLI::Validator whole_number(std::uint64_t min = 0,
                            std::uint64_t max = std::numeric_limits<std::uint64_t>::max());

/// The same for a decimal option: a finite number (not nan or inf) within [min, max].
CLI::Validator decimal_number(double min, double max);

}  // namespace wiretrace::cli
