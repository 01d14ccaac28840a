#include "cli/param_options.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>
#include <type_traits>

#include "wiretrace/error.hpp"

namespace wiretrace::cli {
namespace {

bool has_flag(const detail::ParamSpec& spec, detail::Command command) {
  return spec.flag && (spec.used_by & detail::bits(command));
}

bool is_name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

// The range for a message: an unbounded integer says its type's largest value.
std::string bounds_text(const detail::ParamSpec& spec) {
  if (spec.max != std::numeric_limits<double>::infinity()) return detail::range_text(spec);
  return std::visit(
      [&](auto member) {
        using T = std::remove_reference_t<decltype(Params{}.*member)>;
        if constexpr (std::is_same_v<T, double>) return detail::range_text(spec);
        else
          return "in [" + std::to_string(static_cast<T>(spec.min)) + ", " +
                 std::to_string(std::numeric_limits<T>::max()) + "]";
      },
      spec.field);
}

// Checks a parameter's value as given on the command line and passes it on in canonical form
// ("010" -> "10"), so that CLI11 never reads a sign, a hex prefix or an octal zero.
CLI::Validator param_check(const detail::ParamSpec& spec) {
  return CLI::Validator(
      [&spec](std::string& text) -> std::string {
        Params scratch;
        const bool integer = !std::holds_alternative<double Params::*>(spec.field);
        if (!detail::read_value(scratch, spec, text) || !detail::in_range(spec, detail::value_of(scratch, spec)))
          return text + " is not " + (integer ? "a whole number " : "a number ") + bounds_text(spec);
        text = detail::value_text(scratch, spec);
        return {};
      },
      detail::range_text(spec));
}

}  // namespace

std::string with_flags(std::string_view text, detail::Command command) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (!is_name_char(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && is_name_char(text[j])) ++j;
    const std::string_view word = text.substr(i, j - i);
    const detail::ParamSpec* spec = detail::find_param(word);
    // Single words ("seed", "threads") are left alone: they are also plain English.
    const bool mapped = spec && has_flag(*spec, command) && word.find('_') != word.npos;
    out += mapped ? detail::flag_of(word) : std::string(word);
    i = j;
  }
  return out;
}

void add_param_options(CLI::App& cmd, Params& params, detail::Command command,
                       const std::string& group) {
  for (const detail::ParamSpec& spec : detail::param_table()) {
    if (!has_flag(spec, command)) continue;
    const std::string help = with_flags(spec.help, command) +
                             (spec.unit.empty() ? "" : " (" + std::string(spec.unit) + ")");
    CLI::Option* option = std::visit(
        [&](auto member) { return cmd.add_option(detail::flag_of(spec.name), params.*member, help); },
        spec.field);
    option->capture_default_str()->transform(param_check(spec));
    if (spec.in_results) option->group(group);
  }
  cmd.callback([&cmd, &params, command] {
    detail::derive_unset(params, [&](std::string_view name) {
      const CLI::Option* option = cmd.get_option_no_throw(detail::flag_of(name));
      return option != nullptr && option->count() > 0;
    });
    try {
      detail::validate_for(params, detail::bits(command));
    } catch (const Error& e) {
      throw CLI::ValidationError(with_flags(e.what(), command));
    }
  });
}

CLI::Validator whole_number(std::uint64_t min, std::uint64_t max) {
  const std::string range = "in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        std::uint64_t value = 0;
        if (!detail::read_whole_number(text, value) || value < min || value > max)
          return text + " is not a whole number " + range;
        text = std::to_string(value);
        return {};
      },
      range);
}

CLI::Validator decimal_number(double min, double max) {
  std::ostringstream range;
  range << "in [" << min << ", " << max << "]";
  return CLI::Validator(
      [=, range = range.str()](std::string& text) -> std::string {
        double value = 0;
        const char* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, value);
        if (ec != std::errc() || ptr != end || !(value >= min && value <= max))
          return text + " is not a number " + range;
        return {};
      },
      range.str());
}

}  // namespace wiretrace::cli
