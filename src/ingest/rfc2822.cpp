#include "ingest/rfc2822.hpp"
#include "ingest/date_scan.hpp"

#include <array>
#include <cctype>
#include <chrono>
#include <string>

namespace wiretrace::detail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

void skip_spaces(std::string_view& s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
}

// The next run of letters, lower-cased.
std::string take_word(std::string_view& s) {
  std::string word;
  while (!s.empty() && std::isalpha(static_cast<unsigned char>(s.front()))) {
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(s.front())));
    s.remove_prefix(1);
  }
  return word;
}

// 1 to `max` digits; returns the count read (0 when none).
int take_number(std::string_view& s, int max, int& value) {
  int n = 0;
  value = 0;
  while (n < max && !s.empty() && s.front() >= '0' && s.front() <= '9') {
    value = value * 10 + (s.front() - '0');
    s.remove_prefix(1);
    ++n;
  }
  return n;
}

constexpr std::array<std::string_view, 12> months = {"jan", "feb", "mar", "apr", "may", "jun",
                                                     "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 7> days = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// A zone name's offset from UTC in hours.
std::optional<int> named_zone(const std::string& name) {
  static constexpr std::pair<std::string_view, int> zones[] = {
      {"ut", 0},   {"utc", 0},  {"gmt", 0},  {"z", 0},    {"est", -5}, {"edt", -4},
      {"cst", -6}, {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}};
  for (const auto& [zone, hours] : zones)
    if (name == zone) return hours;
  return std::nullopt;
}

}  // namespace

std::optional<std::int64_t> parse_rfc2822(std::string_view s) {
  skip_spaces(s);
  // An optional day name ("Fri," — also spelled out, "Friday,").
  if (!s.empty() && std::isalpha(static_cast<unsigned char>(s.front()))) {
    const std::string day = take_word(s);
    bool known = false;
    for (const auto d : days) known = known || (day.size() >= 3 && day.starts_with(d));
    if (!known) return std::nullopt;
    skip_spaces(s);
    if (!take_char(s, ',')) return std::nullopt;
    skip_spaces(s);
  }
  int day = 0, year = 0, hour = 0, minute = 0, second = 0;
  if (take_number(s, 2, day) == 0) return std::nullopt;
  skip_spaces(s);
  const std::string month_name = take_word(s);
  unsigned month = 0;
  for (unsigned m = 0; m < months.size(); ++m)
    if (month_name.size() >= 3 && month_name.starts_with(months[m])) month = m + 1;
  if (month == 0) return std::nullopt;
  skip_spaces(s);
  const int year_digits = take_number(s, 4, year);
  if (year_digits < 2) return std::nullopt;
  if (year_digits == 2) year += year < 50 ? 2000 : 1900;
  if (year_digits == 3) year += 1900;
  skip_spaces(s);
  if (take_number(s, 2, hour) != 2 || !take_char(s, ':') || take_number(s, 2, minute) != 2)
    return std::nullopt;
  if (take_char(s, ':') && take_number(s, 2, second) != 2) return std::nullopt;
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;

  int offset = 0;  // seconds east of UTC
  skip_spaces(s);
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    const int sign = s.front() == '-' ? -1 : 1;
    s.remove_prefix(1);
    int hhmm = 0;
    if (take_number(s, 4, hhmm) != 4 || hhmm / 100 > 23 || hhmm % 100 > 59) return std::nullopt;
    offset = sign * ((hhmm / 100) * 3600 + (hhmm % 100) * 60);
  } else if (!s.empty() && std::isalpha(static_cast<unsigned char>(s.front()))) {
    const auto hours = named_zone(take_word(s));
    if (!hours) return std::nullopt;
    offset = *hours * 3600;
  }
  skip_spaces(s);
  if (take_char(s, '(')) {  // "(CEST)": a comment that names the zone for people
    const auto close = s.find(')');
    if (close == std::string_view::npos) return std::nullopt;
    s.remove_prefix(close + 1);
    skip_spaces(s);
  }
  if (!s.empty()) return std::nullopt;

  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;
  const std::int64_t days_since_epoch = std::chrono::sys_days{date}.time_since_epoch().count();
  return days_since_epoch * 86400 + hour * 3600 + minute * 60 + second - offset;
}

}  // namespace wiretrace::detail
