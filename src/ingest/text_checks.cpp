#include "ingest/text_checks.hpp"

#include <simdjson.h>

namespace wiretrace::detail {

namespace {

struct Decoded {
  char32_t code_point = 0;
  std::size_t length = 1;  ///< bytes of the sequence, or of the maximal invalid subpart
  bool valid = false;
};

// The sequence at `i`, following Unicode's "substitution of maximal subparts": an invalid stretch
// ends at the first byte that cannot continue it, the way decoders place U+FFFD.
Decoded decode_at(std::string_view s, std::size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80) return {lead, 1, true};
  std::size_t continuation = 0;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the first continuation byte
  if (lead >= 0xC2 && lead <= 0xDF) continuation = 1;
  else if (lead >= 0xE0 && lead <= 0xEF) continuation = 2;
  else if (lead >= 0xF0 && lead <= 0xF4) continuation = 3;
  else return {};  // a stray continuation byte, C0, C1 or F5..FF
  if (lead == 0xE0) low = 0xA0;   // overlong
  if (lead == 0xED) high = 0x9F;  // surrogates
  if (lead == 0xF0) low = 0x90;   // overlong
  if (lead == 0xF4) high = 0x8F;  // above U+10FFFF

  char32_t code_point = lead & (0x3F >> continuation);
  std::size_t k = 1;
  for (; k <= continuation && i + k < s.size(); ++k) {
    const auto byte = static_cast<unsigned char>(s[i + k]);
    if (k == 1 ? (byte < low || byte > high) : (byte < 0x80 || byte > 0xBF)) break;
    code_point = (code_point << 6) | (byte & 0x3F);
  }
  if (k == continuation + 1) return {code_point, k, true};
  return {0, k, false};
}

bool is_space_code_point(char32_t c) {
  switch (c) {
    case 0x85:    // next line
    case 0xA0:    // no-break space
    case 0x1680:  // ogham space mark
    case 0x2028:  // line separator
    case 0x2029:  // paragraph separator
    case 0x202F:  // narrow no-break space
    case 0x205F:  // medium mathematical space
    case 0x3000:  // ideographic space
    case 0xFEFF:  // byte-order mark
      return true;
    default:
      return c >= 0x2000 && c <= 0x200B;  // en quad .. zero-width space
  }
}

}  // namespace

std::optional<Utf8Problems> find_invalid_utf8(std::string_view bytes) {
  // PERF: simdjson's SIMD validator clears nearly every article; only the rare bad one is
  // walked byte by byte to locate and count its problems.
  if (simdjson::validate_utf8(bytes.data(), bytes.size())) return std::nullopt;
  Utf8Problems problems;
  for (std::size_t i = 0; i < bytes.size();) {
    const Decoded d = decode_at(bytes, i);
    if (!d.valid && problems.invalid_sequences++ == 0) problems.first_offset = i;
    i += d.length;
  }
  return problems;
}

std::string invalid_utf8_message(const Utf8Problems& problems) {
  return "invalid UTF-8 at byte " + std::to_string(problems.first_offset) + " (" +
         std::to_string(problems.invalid_sequences) +
         (problems.invalid_sequences == 1 ? " invalid sequence" : " invalid sequences") +
         "); treated as separators";
}

std::size_t count_control_characters(std::string_view bytes) {
  // PERF: one pass without branches on the common path; runs on every text file.
  std::size_t count = 0;
  const std::size_t n = bytes.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    count += (b < 0x20 && (b < '\t' || b > '\r')) || b == 0x7f;
    // A C1 control in UTF-8; its second byte is a continuation byte, never counted above.
    count += b == 0xC2 && i + 1 < n && static_cast<unsigned char>(bytes[i + 1]) <= 0x9F &&
             static_cast<unsigned char>(bytes[i + 1]) >= 0x80;
  }
  return count;
}

bool is_blank(std::string_view text) {
  // PERF: returns at the first visible character, so real articles cost a few bytes.
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode_at(text, i);
    const bool ascii_space = d.code_point == ' ' || (d.code_point >= '\t' && d.code_point <= '\r');
    if (!d.valid || !(ascii_space || is_space_code_point(d.code_point))) return false;
    i += d.length;
  }
  return true;
}

}  // namespace wiretrace::detail
