#include "report/terminal_text.hpp"

#include <algorithm>
#include <cstdio>

namespace wiretrace::detail {

namespace {

// The code point of the valid UTF-8 sequence at s[i] and its length, or length 0 when the bytes
// there are not valid UTF-8 (overlong, surrogate, beyond U+10FFFF, cut short).
struct Decoded {
  char32_t code_point;
  std::size_t length;
};

Decoded decode(std::string_view s, std::size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  std::size_t length = 0;
  char32_t cp = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2, cp = lead & 0x1F;
  else if (lead >= 0xE0 && lead <= 0xEF) length = 3, cp = lead & 0x0F;
  else if (lead >= 0xF0 && lead <= 0xF4) length = 4, cp = lead & 0x07;
  else return {0, 0};
  if (lead == 0xE0) low = 0xA0;
  if (lead == 0xED) high = 0x9F;
  if (lead == 0xF0) low = 0x90;
  if (lead == 0xF4) high = 0x8F;
  if (i + length > s.size()) return {0, 0};
  for (std::size_t k = 1; k < length; ++k) {
    const auto byte = static_cast<unsigned char>(s[i + k]);
    if (k == 1 ? (byte < low || byte > high) : (byte < 0x80 || byte > 0xBF)) return {0, 0};
    cp = (cp << 6) | (byte & 0x3F);
  }
  return {cp, length};
}

bool is_bidi_control(char32_t c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

bool is_plain_ascii(unsigned char b) { return b >= 0x20 && b < 0x7F; }

void append_escape(std::string& out, const char* format, unsigned value) {
  char buf[12];
  const int n = std::snprintf(buf, sizeof buf, format, value);
  out.append(buf, static_cast<std::size_t>(n));
}

}  // namespace

void append_terminal_safe(std::string& out, std::string_view s) {
  // PERF: ids and titles are nearly always printable ASCII or plain UTF-8: copied in runs.
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t run = i;
    while (run < s.size() && is_plain_ascii(static_cast<unsigned char>(s[run]))) ++run;
    out.append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) break;
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {  // C0 or DEL
      append_escape(out, "\\x%02x", b);
      ++i;
      continue;
    }
    const Decoded d = decode(s, i);
    if (d.length == 0) {
      append_escape(out, "\\x%02x", b);
      ++i;
    } else if ((d.code_point >= 0x80 && d.code_point <= 0x9F) || is_bidi_control(d.code_point)) {
      append_escape(out, "\\u%04X", static_cast<unsigned>(d.code_point));
      i += d.length;
    } else {
      out.append(s.data() + i, d.length);
      i += d.length;
    }
  }
}

std::string terminal_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_terminal_safe(out, s);
  return out;
}

}  // namespace wiretrace::detail
