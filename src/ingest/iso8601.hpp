// Ingest, dates: ISO 8601 timestamps as found in feeds ("2024-10-25", "2024-10-25T08:30:00Z",
// "2024-10-25 08:30:00.123+02:00", "+0200" offsets) -> seconds since the Unix epoch, UTC.
// No locale, no time zone database: a timestamp without an offset is taken as UTC.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wiretrace::detail {

/// Seconds since 1970-01-01T00:00:00Z (fractions truncated), or empty when `text` is not a valid
/// calendar date with an optional time of day and UTC offset. Surrounding whitespace is allowed.
std::optional<std::int64_t> parse_iso8601(std::string_view text);

/// "YYYY-MM-DDThh:mm:ssZ" for seconds since the epoch, or empty outside the years 0001..9999.
std::optional<std::string> format_iso8601_utc(std::int64_t seconds);

}  // namespace wiretrace::detail
