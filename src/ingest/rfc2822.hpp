// Ingest, dates as RSS writes them: RFC 2822 (and RFC 822) timestamps such as
// "Fri, 25 Oct 2024 06:00:00 GMT" or "25 Oct 2024 08:00 +0200" -> seconds since the Unix epoch.
// No locale, no time zone database: the offset is a number or one of the zone names the RFC lists.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace wiretrace::detail {

/// Seconds since 1970-01-01T00:00:00Z, or empty when `text` is not
/// `[Day ","] D Mon YYYY hh:mm[:ss] [zone]` with a valid date (English day and month names, any
/// case). zone: +hhmm/-hhmm, UT, UTC, GMT, Z, or EST EDT CST CDT MST MDT PST PDT; a trailing
/// "(comment)" is allowed; no zone means UTC. Two-digit years are 19xx from 50, else 20xx
/// (RFC 2822's rule for obsolete dates). The day name, when given, is not checked against the date.
std::optional<std::int64_t> parse_rfc2822(std::string_view text);

}  // namespace wiretrace::detail
