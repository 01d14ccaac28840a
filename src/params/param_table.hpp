// The one table of parameters (Params' fields): name, range, unit, help, which commands read
// it, whether it is a command-line flag, whether the sketch stamp covers it. Validation, the
// CLI's options, the params block of the reports, the index's meta table and the README's
// "Parameters" section are all made from it, so a knob is described once.
#pragma once
#include <charconv>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "wiretrace/params.hpp"

namespace wiretrace::detail {

/// The commands that read a parameter (bits of ParamSpec::used_by).
enum class Command : unsigned { cluster = 1, dedup = 2, compare = 4 };
constexpr unsigned bits(Command c) { return static_cast<unsigned>(c); }
constexpr unsigned all_commands = 7;

using ParamField = std::variant<unsigned Params::*, double Params::*, std::uint64_t Params::*>;

struct ParamSpec {
  std::string_view name;  ///< as in Params, the reports and the index; the flag is --name-with-dashes
  ParamField field;
  double min = 0;         ///< smallest value allowed (or, with min_open, the bound just below)
  bool min_open = false;
  double max = 0;         ///< largest value allowed; infinity = the field type's largest
  std::string_view unit;  ///< what the number counts ("words"); empty for a plain number
  std::string_view help;  ///< one sentence; may name other parameters (the CLI shows flags)
  unsigned used_by = 0;   ///< Command bits
  bool flag = false;      ///< an option of each command that reads it
  bool stamped = false;   ///< decides stored values (signatures, masked sequences): sketch_stamp
  bool in_results = true; ///< changes a result: reported and stored (threads does not)
};

std::span<const ParamSpec> param_table();
/// nullptr when no parameter has that name.
const ParamSpec* find_param(std::string_view name);

/// "--min-run-words" for "min_run_words".
std::string flag_of(std::string_view name);
/// The value as text: an integer, or the shortest decimal that reads back as the same double.
std::string value_text(const Params& params, const ParamSpec& spec);
/// The value as a double (for range checks); seeds above 2^53 lose precision, which no range
/// check needs.
double value_of(const Params& params, const ParamSpec& spec);
/// Reads `text` (decimal digits only for integers; a finite decimal for doubles) into the field.
/// False when it does not parse or does not fit the field's type; ranges are not checked.
bool read_value(Params& params, const ParamSpec& spec, std::string_view text);
/// Reads a whole number written in decimal digits only (no sign, no "0x"); false when `text`
/// is anything else or does not fit in T. The CLI reads every unsigned flag with it, so "-5"
/// is an error rather than 2^64 - 5.
template <class T>
bool read_whole_number(std::string_view text, T& out) {
  for (char c : text)
    if (c < '0' || c > '9') return false;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return !text.empty() && ec == std::errc() && ptr == end;
}

/// Whether `x` lies in the parameter's range (NaN does not).
bool in_range(const ParamSpec& spec, double x);
/// "in [1, 32]", "in (0, 1]", "at least 2", "any": the range in words.
std::string range_text(const ParamSpec& spec);

/// Throws Error naming the first parameter read by one of `commands` that is out of range, or
/// the first two that contradict each other (with the fix). validate(p) = validate_for(p, all).
void validate_for(const Params& params, unsigned commands);

/// Knobs that follow others unless given (`given(name)`): min_run_words is at least shingle_k,
/// anchor_words is min(8, min_run_words) but at least shingle_k, align_seed_words at most
/// min_run_words. What validate would otherwise refuse for a value the user never set.
void derive_unset(Params& params, const std::function<bool(std::string_view)>& given);

/// U_ICU_VERSION of the ICU this build normalizes with ("72.1"): a stamped value.
const char* icu_version();

/// The README's "Parameters" table (markdown), generated from the table.
std::string params_markdown();

}  // namespace wiretrace::detail
