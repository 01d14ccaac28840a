#include "ingest/iso8601.hpp"
#include "ingest/date_scan.hpp"

#include <chrono>
#include <cstdio>

namespace wiretrace::detail {

namespace {

// Reads exactly `count` ASCII digits at the front of `s`.
bool take_digits(std::string_view& s, std::size_t count, int& value) {
  if (s.size() < count) return false;
  value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = s[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  s.remove_prefix(count);
  return true;
}

// "Z", "+hh", "+hh:mm" or "+hhmm" (also "-"), as seconds east of UTC; the whole rest must match.
std::optional<int> parse_offset(std::string_view s) {
  if (s == "Z" || s == "z") return 0;
  if (s.empty() || (s.front() != '+' && s.front() != '-')) return std::nullopt;
  const int sign = s.front() == '-' ? -1 : 1;
  s.remove_prefix(1);
  int hours = 0, minutes = 0;
  if (!take_digits(s, 2, hours)) return std::nullopt;
  if (!s.empty()) {
    take_char(s, ':');
    if (!take_digits(s, 2, minutes) || !s.empty()) return std::nullopt;
  }
  if (hours > 23 || minutes > 59) return std::nullopt;
  return sign * (hours * 3600 + minutes * 60);
}

}  // namespace

std::optional<std::int64_t> parse_iso8601(std::string_view text) {
  constexpr std::string_view space = " \t\r\n";
  const auto first = text.find_first_not_of(space);
  if (first == std::string_view::npos) return std::nullopt;
  std::string_view s = text.substr(first, text.find_last_not_of(space) - first + 1);

  int year = 0, month = 0, day = 0;
  if (!take_digits(s, 4, year) || !take_char(s, '-') || !take_digits(s, 2, month) ||
      !take_char(s, '-') || !take_digits(s, 2, day))
    return std::nullopt;
  // year_month_day::ok() knows month lengths and leap years; sys_days is days_from_civil.
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;
  std::int64_t seconds =
      std::int64_t{std::chrono::sys_days{date}.time_since_epoch().count()} * 86400;
  if (s.empty()) return seconds;

  if (!take_char(s, 'T') && !take_char(s, 't') && !take_char(s, ' ')) return std::nullopt;
  int hour = 0, minute = 0, second = 0;
  if (!take_digits(s, 2, hour) || !take_char(s, ':') || !take_digits(s, 2, minute))
    return std::nullopt;
  if (take_char(s, ':')) {
    if (!take_digits(s, 2, second)) return std::nullopt;
    if (take_char(s, '.') || take_char(s, ',')) {
      // Sub-second digits are checked but dropped: the report needs seconds at most.
      const auto digits = s.find_first_not_of("0123456789");
      if (digits == 0 || s.empty()) return std::nullopt;
      s.remove_prefix(digits == std::string_view::npos ? s.size() : digits);
    }
  }
  // 60 admits a leap second; it lands on the next minute's first second.
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  seconds += hour * 3600 + minute * 60 + second;
  if (s.empty()) return seconds;
  const auto offset = parse_offset(s);
  if (!offset) return std::nullopt;
  return seconds - *offset;
}

std::optional<std::string> format_iso8601_utc(std::int64_t seconds) {
  constexpr std::int64_t first = -62135596800;  // 0001-01-01T00:00:00Z
  constexpr std::int64_t last = 253402300799;   // 9999-12-31T23:59:59Z
  if (seconds < first || seconds > last) return std::nullopt;
  std::int64_t days = seconds / 86400, rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{days}}};
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  return std::string(out);
}

}  // namespace wiretrace::detail
