#include "ingest/jsonl_record.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <utility>

#include "ingest/iso8601.hpp"
#include "ingest/rfc2822.hpp"
#include "ingest/text_checks.hpp"

namespace wiretrace::detail {

namespace {

using simdjson::error_code;
using simdjson::SUCCESS;
namespace od = simdjson::ondemand;

constexpr int max_depth = 1024;

// On-Demand skips values it is not asked for without validating them; a record with a broken
// unknown field would then pass as well-formed. Walking the value reports the breakage.
error_code check_value(od::value value, int depth) {
  if (depth > max_depth) return simdjson::DEPTH_ERROR;
  od::json_type type;
  if (auto error = value.type().get(type)) return error;
  switch (type) {
    case od::json_type::object: {
      od::object object;
      if (auto error = value.get_object().get(object)) return error;
      for (auto field : object) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) return error;
        if (auto error = check_value(field.value(), depth + 1)) return error;
      }
      return SUCCESS;
    }
    case od::json_type::array: {
      od::array array;
      if (auto error = value.get_array().get(array)) return error;
      for (auto element : array) {
        od::value inner;
        if (auto error = element.get(inner)) return error;
        if (auto error = check_value(inner, depth + 1)) return error;
      }
      return SUCCESS;
    }
    case od::json_type::number: {
      // As a double, so that integers beyond 64 bits (valid JSON) pass too.
      double number;
      return value.get_double().get(number);
    }
    case od::json_type::string: {
      std::string_view text;
      return value.get_string().get(text);
    }
    case od::json_type::boolean: {
      bool flag;
      const bool starts_false = value.raw_json_token().starts_with('f');
      if (value.get_bool().get(flag) == SUCCESS) return SUCCESS;
      // Name the broken atom rather than a type mismatch ("tru" is not a wrong type).
      return starts_false ? simdjson::F_ATOM_ERROR : simdjson::T_ATOM_ERROR;
    }
    case od::json_type::null: {
      bool null = false;
      return value.is_null().get(null) == SUCCESS && null ? SUCCESS : simdjson::N_ATOM_ERROR;
    }
  }
  return simdjson::TAPE_ERROR;
}

std::string malformed(error_code error) {
  return std::string("malformed JSON: ") + simdjson::error_message(error);
}

// `"key"` then `rest`. (Built by appending: GCC 12 warns falsely on "literal" + std::string.)
std::string quoted(std::string_view key, std::string_view rest) {
  std::string out;
  out.reserve(key.size() + rest.size() + 2);
  out += '"';
  out += key;
  out += '"';
  out += rest;
  return out;
}

// The fields wiretrace reads, "id" first; the others are strings copied as they are.
struct KnownField {
  std::string_view key;
  std::string Document::*member;
};
constexpr KnownField known_fields[] = {
    {"id", &Document::id},         {"text", &Document::text},   {"title", &Document::title},
    {"source", &Document::source}, {"url", &Document::url},     {"published", &Document::published},
    {"lang", &Document::lang},
};

// "text": a string. Returns the rejection, if any.
std::string read_text(od::value value, std::string& out) {
  od::json_type type;
  if (auto error = value.type().get(type)) return malformed(error);
  if (type == od::json_type::string) {
    std::string_view text;
    if (auto error = value.get_string().get(text)) return malformed(error);
    out.assign(text);
    return {};
  }
  // A broken value is reported as broken JSON, not as a value of the wrong type.
  if (auto error = check_value(value, 1)) return malformed(error);
  return "\"text\" must be a string";
}

// "a number", "an array"...: what a value of the wrong type is, for the warning about it.
const char* type_name(od::json_type type, bool integer) {
  switch (type) {
    case od::json_type::object: return "an object";
    case od::json_type::array: return "an array";
    case od::json_type::number: return integer ? "an integer" : "a number";
    case od::json_type::string: return "a string";
    case od::json_type::boolean: return "a boolean";
    case od::json_type::null: return "null";
  }
  return "a value";
}

// An optional metadata field: a string, or null (absent). A value of another type costs the
// field, not the article: it is left out with a warning naming the field and what it held.
// "published" also takes an integer, seconds since 1970 (kept as its ISO 8601 form).
// Returns the rejection (only for broken JSON), if any.
std::string read_optional(od::value value, std::string_view key, ParsedRecord& record,
                          std::string& out) {
  od::json_type type;
  if (auto error = value.type().get(type)) return malformed(error);
  if (type == od::json_type::string) {
    std::string_view text;
    if (auto error = value.get_string().get(text)) return malformed(error);
    out.assign(text);
    return {};
  }
  if (auto error = check_value(value, 1)) return malformed(error);
  if (type == od::json_type::null) return {};
  const bool published = key == "published";
  bool integer = false;
  if (type == od::json_type::number) {
    od::number_type kind;
    if (auto error = value.get_number_type().get(kind)) return malformed(error);
    integer = kind != od::number_type::floating_point_number;
    std::int64_t seconds = 0;
    if (published && kind == od::number_type::signed_integer &&
        value.get_int64().get(seconds) == SUCCESS) {
      if (auto iso = format_iso8601_utc(seconds)) {
        out = std::move(*iso);
        record.document.published_unix = seconds;
        return {};
      }
      record.warnings.push_back(quoted(key, " is " + std::to_string(seconds) +
                                                " seconds since 1970, outside the years 1 to 9999; ignored"));
      return {};
    }
    if (published && kind == od::number_type::unsigned_integer) {
      record.warnings.push_back(quoted(key, " is an integer too large for seconds since 1970; ignored"));
      return {};
    }
  }
  record.warnings.push_back(
      quoted(key, std::string(" is ") + type_name(type, integer) +
                      (published ? ", not a date (a string) or seconds since 1970 (an integer)"
                                 : ", not a string") +
                      "; ignored"));
  return {};
}

// The id: a string, or an integer written in decimal.
std::string read_id(od::value value, std::string& out) {
  od::json_type type;
  if (auto error = value.type().get(type)) return malformed(error);
  if (type == od::json_type::string) {
    std::string_view text;
    if (auto error = value.get_string().get(text)) return malformed(error);
    if (text.empty()) return "\"id\" is empty";
    out.assign(text);
    return {};
  }
  if (type == od::json_type::number) {
    od::number_type kind;
    if (auto error = value.get_number_type().get(kind)) return malformed(error);
    if (kind == od::number_type::signed_integer) {
      std::int64_t n;
      if (auto error = value.get_int64().get(n)) return malformed(error);
      out = std::to_string(n);
      return {};
    }
    if (kind == od::number_type::unsigned_integer) {
      std::uint64_t n;
      if (auto error = value.get_uint64().get(n)) return malformed(error);
      out = std::to_string(n);
      return {};
    }
  }
  if (auto error = check_value(value, 1)) return malformed(error);
  return "\"id\" must be a string or an integer";
}

// Reads the object's fields into `record.document`; returns the rejection, if any.
std::string read_fields(od::object object, ParsedRecord& record) {
  unsigned seen = 0;  // a bit per known field, to notice a key given twice
  for (auto field_result : object) {
    od::field field;
    if (auto error = std::move(field_result).get(field)) return malformed(error);
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return malformed(error);
    const auto known = std::find_if(std::begin(known_fields), std::end(known_fields),
                                    [&](const KnownField& f) { return f.key == key; });
    if (known == std::end(known_fields)) {
      if (auto error = check_value(field.value(), 1)) return malformed(error);
      continue;
    }
    const unsigned bit = 1u << (known - std::begin(known_fields));
    if (seen & bit) return "duplicate key " + quoted(key, "");
    seen |= bit;
    std::string& out = record.document.*(known->member);
    std::string rejection = known->member == &Document::id     ? read_id(field.value(), out)
                            : known->member == &Document::text ? read_text(field.value(), out)
                                                               : read_optional(field.value(), key, record, out);
    if (!rejection.empty()) return rejection;
  }
  if (!(seen & 1u)) return "missing \"id\"";
  if (!(seen & 2u)) return "missing \"text\"";
  return {};
}

}  // namespace

void JsonlRecordParser::parse(const char* line, std::size_t size, std::size_t capacity,
                              ParsedRecord& record) {
  record.document = Document{};
  record.warnings.clear();
  record.rejection.clear();

  od::document json;
  od::object object;
  error_code error = parser_.iterate(line, size, capacity).get(json);
  if (!error) error = json.get_object().get(object);
  if (error == simdjson::UTF8_ERROR) {
    // Report where, so the line can be fixed; simdjson only says that it is somewhere.
    const auto problems = find_invalid_utf8(std::string_view(line, size));
    record.rejection = "invalid UTF-8 at byte " +
                       std::to_string(problems ? problems->first_offset : 0) +
                       " of the line (JSON must be UTF-8)";
    return;
  }
  if (error == simdjson::INCORRECT_TYPE) {
    record.rejection = "not a JSON object";
    return;
  }
  if (error) {
    record.rejection = malformed(error);
    return;
  }
  record.rejection = read_fields(object, record);
  if (!record.rejection.empty()) return;
  // Anything after the closing brace ("{...}{...}" on one line) would otherwise go unnoticed.
  const char* rest = nullptr;
  if (json.current_location().get(rest) == SUCCESS) {
    record.rejection = "malformed JSON: unexpected content after the object";
    return;
  }

  Document& document = record.document;
  if (!document.published.empty() && !document.published_unix) {
    document.published_unix = parse_iso8601(document.published);
    if (!document.published_unix) document.published_unix = parse_rfc2822(document.published);
    if (!document.published_unix)
      record.warnings.push_back("unparseable \"published\" value \"" + document.published +
                                "\"; ignored");
  }
}

}  // namespace wiretrace::detail
