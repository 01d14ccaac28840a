// The Python module `wiretrace._wiretrace` (re-exported by wiretrace/__init__.py): cluster,
// compare and the dedup Index over the library, for the pipelines that already live in Python.
// Python records become Documents through the same Collector ingest uses (same rejections, same
// words); results become dicts and lists built from the library's structs, field for field as
// the CLI's JSON (README, "JSON output"), never by writing JSON and parsing it. The library's
// work runs with the GIL released, so other Python threads go on meanwhile.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <limits>
#include <type_traits>
#include <variant>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <string>
#include <vector>

#include "ingest/collector.hpp"
#include "params/param_table.hpp"
#include "ingest/iso8601.hpp"
#include "ingest/rfc2822.hpp"
#include "report/family_ids.hpp"
#include "wiretrace/compare.hpp"
#include "wiretrace/dedup.hpp"
#include "wiretrace/engine.hpp"
#include "wiretrace/error.hpp"
#include "wiretrace/index.hpp"
#include "wiretrace/ingest.hpp"
#include "wiretrace/pipeline.hpp"
#include "wiretrace/version.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace wiretrace::python {
namespace {

// ---- Errors ----------------------------------------------------------------------------------

// Set at module init: wiretrace.BadInputError (a ValueError) and wiretrace.IndexBusyError (a
// TimeoutError, so an OSError).
PyObject* bad_input_error = nullptr;
PyObject* index_busy_error = nullptr;

[[noreturn]] void raise(PyObject* type, const std::string& message) {
  PyErr_SetString(type, message.c_str());
  throw py::error_already_set();
}

// ---- Keyword arguments -> Params and the options around them --------------------------------

struct Settings {
  Params params;
  std::vector<std::string_view> given;  ///< the parameters given as keywords (the rest may derive)
  IngestOptions ingest;
  bool timings = true;
  bool char_offsets = false;
  // Index only
  double window_days = 0;
  unsigned busy_timeout_ms = 10000;
  bool sync = false;
  std::size_t commit_every = 1000;
};

std::string type_name(py::handle value) { return py::str(value.get_type().attr("__name__")); }

// Integers in [low, high]; bool is an int in Python but never meant as one here.
std::uint64_t to_integer(py::handle value, const char* name, std::uint64_t low, std::uint64_t high) {
  if (!PyLong_Check(value.ptr()) || PyBool_Check(value.ptr()))
    raise(PyExc_TypeError, std::string(name) + " must be an int, not " + type_name(value));
  int overflow = 0;
  const long long n = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
  std::uint64_t u = 0;
  bool ok = overflow == 0 && n >= 0;
  if (ok) u = static_cast<std::uint64_t>(n);
  if (overflow > 0) {  // beyond long long: maybe still a uint64 (seed)
    u = PyLong_AsUnsignedLongLong(value.ptr());
    ok = !PyErr_Occurred();
    PyErr_Clear();
  }
  if (!ok || u < low || u > high)
    raise(PyExc_ValueError, "invalid parameter: " + std::string(name) + " must be between " +
                                std::to_string(low) + " and " + std::to_string(high));
  return u;
}

double to_real(py::handle value, const char* name) {
  if (PyBool_Check(value.ptr()) || !(PyLong_Check(value.ptr()) || PyFloat_Check(value.ptr())))
    raise(PyExc_TypeError, std::string(name) + " must be a float, not " + type_name(value));
  return value.cast<double>();
}

bool to_bool(py::handle value, const char* name) {
  if (!PyBool_Check(value.ptr()))
    raise(PyExc_TypeError, std::string(name) + " must be a bool, not " + type_name(value));
  return value.cast<bool>();
}

// One of `words`, by name (enums are chosen by the words the CLI uses).
template <class Enum>
Enum to_choice(py::handle value, const char* name, std::initializer_list<std::pair<const char*, Enum>> words) {
  std::string allowed;
  if (PyUnicode_Check(value.ptr())) {
    const std::string text = value.cast<std::string>();
    for (const auto& [word, e] : words)
      if (text == word) return e;
  }
  for (const auto& [word, e] : words) allowed += (allowed.empty() ? "'" : ", '") + std::string(word) + "'";
  raise(PyExc_ValueError, std::string(name) + " must be one of " + allowed + ", not " +
                              py::repr(value).cast<std::string>());
}

using Setter = std::function<void(Settings&, py::handle)>;
struct Keyword {
  const char* name;
  Setter set;
  const char* help;
};

constexpr unsigned max_unsigned = UINT_MAX;

// The Params fields come from the one table of parameters (src/params/param_table.hpp), as the
// CLI's flags do: a knob added there is a keyword here too, with the same name and help.
void set_param(Params& params, const detail::ParamSpec& spec, py::handle value) {
  const std::string name(spec.name);
  std::visit(
      [&](auto field) {
        using T = std::remove_reference_t<decltype(params.*field)>;
        if constexpr (std::is_same_v<T, double>)
          params.*field = to_real(value, name.c_str());
        else
          params.*field = static_cast<T>(to_integer(value, name.c_str(), 0, std::numeric_limits<T>::max()));
      },
      spec.field);
}

// The keywords of the parameters that `command` reads, as its command-line flags are.
std::vector<Keyword> params_keywords(detail::Command command) {
  std::vector<Keyword> all;
  for (const detail::ParamSpec& spec : detail::param_table()) {
    if (!spec.flag || !(spec.used_by & detail::bits(command))) continue;
    all.push_back({spec.name.data(),  // the table's names are string literals
                   [&spec](Settings& s, py::handle v) {
                     set_param(s.params, spec, v);
                     s.given.emplace_back(spec.name);
                   },
                   spec.help.data()});
  }
  return all;
}

const Keyword kw_max_bytes{"max_bytes",
    [](Settings& s, py::handle v) { s.ingest.max_document_bytes = to_integer(v, "max_bytes", 1, SIZE_MAX); },
    "articles larger than this many bytes are rejected as too large"};
const Keyword kw_on_error{"on_error",
    [](Settings& s, py::handle v) {
      s.ingest.fail_on_error = to_choice<bool>(v, "on_error", {{"skip", false}, {"fail", true}});
    },
    "'skip': list a bad record under 'rejected'; 'fail': raise BadInputError (a ValueError)"};
const Keyword kw_input_format{"input_format",
    [](Settings& s, py::handle v) {
      s.ingest.input_format = to_choice<InputFormat>(
          v, "input_format", {{"auto", InputFormat::auto_detect}, {"text", InputFormat::text}, {"jsonl", InputFormat::jsonl}});
    },
    "paths only: 'auto', 'text' (each file one article) or 'jsonl'"};
const Keyword kw_id_from{"id_from",
    [](Settings& s, py::handle v) {
      s.ingest.id_from = to_choice<IdFrom>(v, "id_from", {{"name", IdFrom::name}, {"path", IdFrom::path}});
    },
    "paths only: a text file's id is its 'name' (inside its folder) or its 'path' as given"};
const Keyword kw_char_offsets{"char_offsets", [](Settings& s, py::handle v) { s.char_offsets = to_bool(v, "char_offsets"); },
    "True: passages also carry char_start/char_end (and source_char_*), offsets into the str"};
const Keyword kw_timings{"timings", [](Settings& s, py::handle v) { s.timings = to_bool(v, "timings"); },
    "False: stats['seconds'] is None and no stage_seconds, so two reports compare equal"};
const Keyword kw_window{"window_days",
    [](Settings& s, py::handle v) {
      s.window_days = to_real(v, "window_days");
      if (!(s.window_days >= 0 && s.window_days <= 36500))
        raise(PyExc_ValueError, "invalid parameter: window_days must be between 0 and 36500");
    },
    "compare only with articles published within this many days (0 = no window)"};
const Keyword kw_busy{"busy_timeout_ms",
    [](Settings& s, py::handle v) { s.busy_timeout_ms = to_integer(v, "busy_timeout_ms", 0, max_unsigned); },
    "milliseconds to wait for another process's lock before IndexBusyError"};
const Keyword kw_sync{"sync", [](Settings& s, py::handle v) { s.sync = to_bool(v, "sync"); },
    "fsync at every commit (decisions survive a power failure too)"};
const Keyword kw_commit_every{"commit_every",
    [](Settings& s, py::handle v) { s.commit_every = to_integer(v, "commit_every", 1, 100000); },
    "add_many: articles per transaction at most"};

std::vector<Keyword> with_params(detail::Command command, std::initializer_list<Keyword> extra) {
  std::vector<Keyword> all = params_keywords(command);
  all.insert(all.end(), extra);
  return all;
}
const std::vector<Keyword>& cluster_keywords() {
  static const auto k = with_params(detail::Command::cluster, {kw_max_bytes, kw_on_error, kw_input_format, kw_id_from, kw_timings, kw_char_offsets});
  return k;
}
const std::vector<Keyword>& compare_keywords() {
  static const auto k = with_params(detail::Command::compare, {kw_max_bytes, kw_input_format});
  return k;
}
const std::vector<Keyword>& index_keywords() {
  static const auto k = with_params(detail::Command::dedup, {kw_max_bytes, kw_on_error, kw_window, kw_busy, kw_sync, kw_commit_every});
  return k;
}

// Unknown keywords raise TypeError as Python's own functions do; values out of range raise
// ValueError with validate()'s words.
Settings parse_settings(const py::kwargs& kwargs, const char* function, detail::Command command,
                        const std::vector<Keyword>& keywords) {
  Settings s;
  for (const auto& [key, value] : kwargs) {
    const std::string name = py::str(key);
    const auto k = std::find_if(keywords.begin(), keywords.end(), [&](const Keyword& w) { return name == w.name; });
    if (k == keywords.end())
      raise(PyExc_TypeError, std::string(function) + "() got an unexpected keyword argument '" + name + "'");
    k->set(s, value);
  }
  // As on the command line: knobs that follow others (anchor_words from min_run_words, ...)
  // do so unless given, and only what `command` reads is checked.
  detail::derive_unset(s.params, [&](std::string_view name) {
    return std::find(s.given.begin(), s.given.end(), name) != s.given.end();
  });
  detail::validate_for(s.params, detail::bits(command));
  return s;
}

// The default of each keyword, as help() shows it.
std::string default_of(const char* name) {
  const Params p;
  const IngestOptions i;
  const Settings s;
  if (const detail::ParamSpec* spec = detail::find_param(name)) {
    const std::string text = detail::value_text(p, *spec);
    return std::holds_alternative<double Params::*>(spec->field) ? py::repr(py::float_(std::stod(text))).cast<std::string>() : text;
  }
  const std::map<std::string, std::string> defaults = {
      {"max_bytes", std::to_string(i.max_document_bytes)}, {"on_error", "'skip'"},
      {"input_format", "'auto'"}, {"id_from", "'name'"}, {"timings", "True"}, {"char_offsets", "False"},
      {"window_days", "0"}, {"busy_timeout_ms", std::to_string(s.busy_timeout_ms)},
      {"sync", "False"}, {"commit_every", std::to_string(s.commit_every)}};
  return defaults.at(name);
}

std::string keywords_help(const std::vector<Keyword>& keywords) {
  std::string out;
  for (const Keyword& k : keywords)
    out += std::string("    ") + k.name + "=" + default_of(k.name) + ": " + k.help + "\n";
  return out;
}

// ---- Python records -> Documents ---------------------------------------------------------------

// UTF-8 of a str; a lone surrogate (which UTF-8 cannot hold) makes `error` the reason.
bool utf8_of(py::handle str, std::string& out, std::string& error, const char* field) {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(str.ptr(), &size);
  if (!data) {
    PyErr_Clear();
    error = "\"" + std::string(field) + "\" is not valid Unicode (a lone surrogate cannot be UTF-8)";
    return false;
  }
  out.assign(data, static_cast<std::size_t>(size));
  return true;
}

// What a value of the wrong type is, in the words of the JSON Lines warnings.
std::string json_type_words(py::handle value) {
  if (PyBool_Check(value.ptr())) return "a boolean";
  if (PyLong_Check(value.ptr())) return "an integer";
  if (PyFloat_Check(value.ptr())) return "a number";
  if (PyList_Check(value.ptr()) || PyTuple_Check(value.ptr())) return "an array";
  if (PyDict_Check(value.ptr())) return "an object";
  return "a " + type_name(value);
}

struct Record {
  Document document;
  std::vector<std::string> warnings;
  std::string rejection;
};

// A Python object kept for the life of the process. Leaked on purpose: destroying it after the
// interpreter has finalized would crash.
const py::object& lasting(const char* module, const char* name) {
  static std::map<std::string, py::object*> kept;
  py::object*& o = kept[std::string(module) + "." + name];
  if (!o) o = new py::object(py::module_::import(module).attr(name));
  return *o;
}

bool is_path(py::handle obj) {
  return PyUnicode_Check(obj.ptr()) || PyBytes_Check(obj.ptr()) ||
         py::isinstance(obj, lasting("os", "PathLike"));
}

std::string fspath(py::handle obj) { return lasting("os", "fsdecode")(obj).cast<std::string>(); }

// One article dict -> Document, with the rules and words of a JSON Lines record
// (src/ingest/jsonl_record.cpp): `id` a non-empty str or an int, `text` a str; the optional
// fields str or None, a value of another type left out with a warning; `published` also an int
// of epoch seconds or a datetime.
Record read_record(py::handle obj, const std::string& where) {
  Record r;
  r.document.origin = where;
  if (!PyMapping_Check(obj.ptr()) || PyUnicode_Check(obj.ptr()) || PyList_Check(obj.ptr()) ||
      PyTuple_Check(obj.ptr()))
    raise(PyExc_TypeError, where + " is a " + type_name(obj) + ", not a dict with \"id\" and \"text\"");
  py::object mapping = py::reinterpret_borrow<py::object>(obj);
  auto get = [&](const char* key) -> py::object {
    py::str k(key);
    if (!PyMapping_HasKey(mapping.ptr(), k.ptr())) return py::object();
    return mapping[k];
  };

  py::object id = get("id");
  if (!id) return r.rejection = "missing \"id\"", r;
  if (PyUnicode_Check(id.ptr())) {
    if (!utf8_of(id, r.document.id, r.rejection, "id")) return r;
    if (r.document.id.empty()) return r.rejection = "\"id\" is empty", r;
  } else if (PyLong_Check(id.ptr()) && !PyBool_Check(id.ptr())) {
    r.document.id = py::str(id);
  } else {
    return r.rejection = "\"id\" must be a string or an integer", r;
  }
  py::object text = get("text");
  if (!text) return r.rejection = "missing \"text\"", r;
  if (!PyUnicode_Check(text.ptr())) return r.rejection = "\"text\" must be a string", r;
  if (!utf8_of(text, r.document.text, r.rejection, "text")) return r;

  const py::object& date_type = lasting("datetime", "date");
  for (const auto& [key, member] :
       {std::pair{"title", &Document::title}, std::pair{"source", &Document::source},
        std::pair{"url", &Document::url}, std::pair{"published", &Document::published},
        std::pair{"lang", &Document::lang}}) {
    py::object value = get(key);
    if (!value || value.is_none()) continue;
    const bool published = member == &Document::published;
    if (PyUnicode_Check(value.ptr())) {
      std::string error;
      if (!utf8_of(value, r.document.*member, error, key)) r.warnings.push_back(error + "; ignored");
      continue;
    }
    if (published && PyLong_Check(value.ptr()) && !PyBool_Check(value.ptr())) {
      int overflow = 0;
      const long long seconds = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
      const auto iso = overflow ? std::nullopt : detail::format_iso8601_utc(seconds);
      if (iso) {
        r.document.published = *iso;
        r.document.published_unix = seconds;
      } else {
        r.warnings.push_back("\"published\" is " + py::str(value).cast<std::string>() +
                             " seconds since 1970, outside the years 1 to 9999; ignored");
      }
      continue;
    }
    if (published && py::isinstance(value, date_type)) {
      r.document.published = value.attr("isoformat")().cast<std::string>();  // naive = UTC
      continue;
    }
    r.warnings.push_back("\"" + std::string(key) + "\" is " + json_type_words(value) +
                         (published ? ", not a date (a string) or seconds since 1970 (an integer)"
                                    : ", not a string") +
                         "; ignored");
  }
  Document& d = r.document;
  if (!d.published.empty() && !d.published_unix) {
    d.published_unix = detail::parse_iso8601(d.published);
    if (!d.published_unix) d.published_unix = detail::parse_rfc2822(d.published);
    if (!d.published_unix) r.warnings.push_back("unparseable \"published\" value \"" + d.published + "\"; ignored");
  }
  return r;
}

// Hands a record to the collector: kept, or rejected with its reason (BadInput under fail).
void collect(detail::Collector& collector, py::handle obj, const std::string& where) {
  Record r = read_record(obj, where);
  if (!r.rejection.empty()) return collector.reject(where, std::move(r.rejection));
  collector.add(std::move(r.document), std::move(r.warnings), detail::Collector::from_record);
}

// ---- Library structs -> Python objects --------------------------------------------------------

// PERF: a report holds a dict per passage; keys interned once and set with PyDict_SetItem cost
// a fraction of pybind11's keyword-argument dict construction ("key"_a = value).
PyObject* key(const char* name) {
  // By address: names are string literals and the static words of to_string().
  static std::unordered_map<const char*, PyObject*> interned;  // kept for the life of the process
  PyObject*& k = interned[name];
  if (!k) k = PyUnicode_InternFromString(name);
  return k;
}
void put(py::dict& d, const char* name, py::handle value) {
  if (PyDict_SetItem(d.ptr(), key(name), value.ptr()) != 0) throw py::error_already_set();
}
void put(py::dict& d, const char* name, std::uint64_t value) { put(d, name, py::int_(value)); }
// The words of the enums (to_string), one str each.
py::handle word(const char* w) { return key(w); }

// Scores are ratios: four decimals, as in the CLI's JSON (report_json.cpp), so they compare equal.
double rounded(double x) { return std::round(x * 1e4) / 1e4; }

std::string hex16(std::uint64_t x) {
  char s[17];
  std::snprintf(s, sizeof s, "%016llx", static_cast<unsigned long long>(x));
  return s;
}

// Strings from input may hold invalid UTF-8 (a file name, a Latin-1 text file): replaced, as
// the JSON writer does, rather than raising.
py::str text(const std::string& s) {
  return py::reinterpret_steal<py::str>(PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace"));
}

// The report's "parameters", from the one table as the JSON writers make it: what `command`
// reads, in table order (LSH's bands and rows after lsh_threshold, which decides them).
py::dict parameters_dict(const Params& p, detail::Command command) {
  py::dict d;
  for (const detail::ParamSpec& spec : detail::param_table()) {
    if (!spec.in_results || !(spec.used_by & detail::bits(command))) continue;
    std::visit([&](auto member) { d[py::str(spec.name.data(), spec.name.size())] = p.*member; }, spec.field);
    if (command == detail::Command::cluster && spec.name == "lsh_threshold") {
      const LshBands bands = choose_bands(p.num_perm, p.lsh_threshold);
      d["lsh_bands"] = bands.bands;
      d["lsh_rows"] = bands.rows;
    }
  }
  if (command == detail::Command::cluster) d["sketch_stamp"] = hex16(sketch_stamp(p));
  return d;
}

// Code point offsets of byte offsets (UTF-8 lead bytes before them): Python slices str by these.
// A count every 64 bytes, the rest counted on demand: 1/16 of the text's size, so that the
// offsets of a whole report's texts stay small. `text` must outlive it.
class CharOffsets {
 public:
  explicit CharOffsets(const std::string& text) : text_(text), blocks_(text.size() / block + 1, 0) {
    std::uint32_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (i % block == 0) blocks_[i / block] = n;
      n += is_lead(text[i]);
    }
    if (text.size() % block == 0) blocks_.back() = n;
  }
  std::uint32_t operator()(std::uint32_t byte) const {
    if (byte > text_.size()) throw std::out_of_range("byte offset past the text");
    std::uint32_t n = blocks_[byte / block];
    for (std::size_t i = byte / block * block; i < byte; ++i) n += is_lead(text_[i]);
    return n;
  }

 private:
  static constexpr std::size_t block = 64;
  static bool is_lead(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }
  const std::string& text_;
  std::vector<std::uint32_t> blocks_;
};

// The report of `wiretrace cluster --format json`, as dicts and lists (README, "JSON output").
// `char_offsets` adds each passage's offsets in code points (char_start, char_end and, for
// reused passages, source_char_start, source_char_end): the indices of the Python str.
// `passages` false: an index export (no texts stored, so no aligned word counts), as
// ReportOptions::passages.
py::dict report_dict(const ClusterResult& result, bool timings, bool char_offsets = false,
                     bool passages_computed = true) {
  const auto& docs = result.documents;
  std::vector<py::str> ids;
  ids.reserve(docs.size());
  for (const auto& d : docs) ids.push_back(text(d.id));
  std::size_t unique = 0;
  for (const auto& r : result.results) unique += r.family < 0;

  py::dict stats("documents"_a = docs.size(), "families"_a = result.families.size(), "unique"_a = unique,
                 "rejected"_a = result.rejected.size(),
                 "seconds"_a = timings ? py::object(py::float_(rounded(result.seconds.total + result.seconds.read)))
                                       : py::object(py::none()),
                 "candidate_pairs"_a = result.candidate_stats.total_pairs,
                 "lsh_pairs"_a = result.candidate_stats.lsh_pairs,
                 "passage_pairs"_a = result.candidate_stats.passage_pairs,
                 "capped_buckets"_a = result.candidate_stats.capped_buckets,
                 "verified_pairs"_a = result.verified_pairs, "accepted_pairs"_a = result.accepted_pairs,
                 "boilerplate_shingles_masked"_a = result.boilerplate_masked);
  if (timings) {
    const StageTimes& t = result.seconds;
    stats["stage_seconds"] = py::dict("read"_a = rounded(t.read), "tokenize"_a = rounded(t.tokenize),
                                      "boilerplate"_a = rounded(t.boilerplate), "sketch"_a = rounded(t.sketch),
                                      "candidates"_a = rounded(t.candidates), "verify"_a = rounded(t.verify),
                                      "cluster"_a = rounded(t.cluster), "align"_a = rounded(t.align));
  }

  py::list families;
  for (std::size_t f = 0; f < result.families.size(); ++f) {
    const Family& family = result.families[f];
    py::list members, pairs;
    for (auto m : family.members) members.append(ids[m]);
    for (const ScoredPair& p : family.pairs)
      pairs.append(py::dict("a"_a = ids[p.a], "b"_a = ids[p.b], "jaccard"_a = rounded(p.jaccard),
                            "containment_ab"_a = rounded(p.containment_ab),
                            "containment_ba"_a = rounded(p.containment_ba),
                            "shared_words"_a = p.shared_words, "longest_run"_a = p.longest_run,
                            "match"_a = word(to_string(p.match))));
    py::dict entry("id"_a = detail::family_id(f, family.number), "original"_a = family.wire_in_input ? py::object(ids[family.original]) : py::object(py::none()),
                   "original_basis"_a = to_string(family.original_basis),
                   "original_confidence"_a = to_string(family.original_confidence),
                   "wire_in_input"_a = family.wire_in_input, "members"_a = members,
                   "pairs"_a = pairs);
    if (!family.bridges.empty()) {  // as the JSON report: only when there are any
      py::list bridges;
      for (auto d : family.bridges) bridges.append(ids[d]);
      entry["bridges"] = bridges;
    }
    families.append(std::move(entry));
  }

  std::map<std::size_t, CharOffsets> sources;  // the texts reused passages came from
  auto source_chars = [&](std::size_t d) -> const CharOffsets& {
    auto it = sources.find(d);
    if (it == sources.end()) it = sources.emplace(d, CharOffsets(docs[d].text)).first;
    return it->second;
  };
  py::list documents;
  for (std::size_t d = 0; d < docs.size(); ++d) {
    const Document& doc = docs[d];
    const DocumentResult& r = result.results[d];
    py::dict j;
    put(j, "id", ids[d]);
    const auto f = static_cast<std::size_t>(r.family);
    put(j, "family", r.family < 0 ? py::object(py::none())
                                  : py::object(py::str(detail::family_id(f, result.families[f].number))));
    put(j, "role", word(to_string(r.role)));
    put(j, "bytes", doc.text.size());
    put(j, "words", r.words);
    put(j, "shared_words", r.shared_words);
    if (!r.also_in.empty()) {
      py::list also;
      for (auto g : r.also_in)
        also.append(detail::family_id(static_cast<std::size_t>(g), result.families[static_cast<std::size_t>(g)].number));
      put(j, "also_in", also);
    }
    // Metadata only when the input had it, as in the JSON report.
    for (const auto& [name, value] : {std::pair{"title", &doc.title}, std::pair{"source", &doc.source},
                                      std::pair{"url", &doc.url}, std::pair{"published", &doc.published},
                                      std::pair{"lang", &doc.lang}})
      if (!value->empty()) put(j, name, text(*value));
    if (r.family >= 0) {
      if (passages_computed) {
        put(j, "reused_words", r.reused_words);
        put(j, "added_words", r.added_words);
      }
      put(j, "boilerplate_words", r.boilerplate_words);
    }
    py::list passages(r.passages.size());
    std::optional<CharOffsets> chars;
    if (char_offsets && !r.passages.empty()) chars.emplace(doc.text);
    for (std::size_t i = 0; i < r.passages.size(); ++i) {
      const Passage& p = r.passages[i];
      py::dict pj;
      put(pj, "start", p.start);
      put(pj, "end", p.end);
      put(pj, "kind", word(to_string(p.kind)));
      if (p.source >= 0) {
        const auto source = static_cast<std::size_t>(p.source);
        put(pj, "source", ids[source]);
        put(pj, "source_start", p.source_start);
        put(pj, "source_end", p.source_end);
        if (chars) {
          const CharOffsets& in_source = source_chars(source);
          put(pj, "source_char_start", in_source(p.source_start));
          put(pj, "source_char_end", in_source(p.source_end));
        }
      } else {
        put(pj, "source", py::none());
      }
      if (p.kind == PassageKind::reused || p.kind == PassageKind::original)
        put(pj, "match", word(to_string(p.match)));
      if (chars) {
        put(pj, "char_start", (*chars)(p.start));
        put(pj, "char_end", (*chars)(p.end));
      }
      passages[i] = std::move(pj);
    }
    put(j, "passages", passages);
    documents.append(std::move(j));
  }

  py::list rejected, warnings;
  for (const auto& r : result.rejected) rejected.append(py::dict("input"_a = text(r.input), "reason"_a = text(r.reason)));
  for (const auto& w : result.warnings) warnings.append(py::dict("input"_a = text(w.input), "message"_a = text(w.message)));
  return py::dict("parameters"_a = parameters_dict(result.params, detail::Command::cluster), "stats"_a = stats, "families"_a = families,
                  "documents"_a = documents, "rejected"_a = rejected, "warnings"_a = warnings);
}

// A decision of `wiretrace dedup --emit decisions`, as a dict (decision_members in
// src/dedup/dedup_report.cpp: the same members, in the same order).
py::dict dedup_dict(const DedupResult& r) {
  py::dict j("id"_a = text(r.id), "decision"_a = to_string(r.decision), "family"_a = dedup_family_id(r.family));
  if (!r.merged.empty()) {
    py::list merged;
    for (std::uint32_t f : r.merged) merged.append(dedup_family_id(f));
    j["merged"] = merged;
  }
  if (r.seen) j["seen"] = true;
  if (r.updated) j["updated"] = true;
  py::list matches;
  for (const DedupMatch& m : r.matches)
    matches.append(py::dict("id"_a = text(m.id), "jaccard"_a = rounded(m.jaccard),
                            "containment"_a = rounded(m.containment), "longest_run"_a = m.longest_run));
  j["matches"] = matches;
  j["words"] = r.words;
  j["shared_words"] = r.shared_words;
  j["boilerplate_words"] = r.boilerplate_words;
  j["unshared_words"] = r.unshared_words;
  return j;
}

// As write_rejected_line: the record's id when it could be read.
py::dict rejected_dict(const RejectedInput& r) {
  py::dict j;
  if (!r.id.empty()) j["id"] = text(r.id);
  j["input"] = text(r.input);
  j["decision"] = "rejected";
  j["reason"] = text(r.reason);
  return j;
}

// Remarks about kept records (invalid UTF-8, an unparseable date) as Python warnings.
void warn(const InputWarning& w) {
  // -1: the warnings filter turned it into an exception.
  if (PyErr_WarnEx(PyExc_UserWarning, (w.input + ": " + w.message).c_str(), 2) < 0)
    throw py::error_already_set();
}

// ---- cluster -------------------------------------------------------------------------------------

// A path, or a list/tuple of paths; empty when `articles` is records.
std::vector<std::string> paths_of(py::handle articles) {
  if (is_path(articles)) return {fspath(articles)};
  if (PyList_Check(articles.ptr()) || PyTuple_Check(articles.ptr())) {
    py::sequence seq = py::reinterpret_borrow<py::sequence>(articles);
    if (seq.size() == 0) return {};
    std::vector<std::string> paths;
    for (py::handle item : seq) {
      if (!is_path(item)) return {};
      paths.push_back(fspath(item));
    }
    return paths;
  }
  return {};
}

// A missing path is FileNotFoundError (the CLI's usage error), with ingest's words.
void check_paths(const std::vector<std::string>& paths) {
  try {
    check_input_paths(paths);
  } catch (const Error& e) {
    raise(PyExc_FileNotFoundError, e.what());
  }
}

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

py::dict cluster(py::object articles, py::kwargs kwargs) {
  const Settings s = parse_settings(kwargs, "cluster", detail::Command::cluster, cluster_keywords());
  const std::vector<std::string> paths = paths_of(articles);
  IngestResult input;
  const auto start = Clock::now();
  if (!paths.empty()) {
    check_paths(paths);
    py::gil_scoped_release unlocked;
    input = read_inputs(paths, s.ingest);
  } else {
    detail::Collector collector(s.ingest);
    std::size_t i = 0;
    for (py::handle record : articles) {
      collect(collector, record, "articles[" + std::to_string(i) + "]");
      ++i;
    }
    input = std::move(collector).take();
  }
  const double read_seconds = seconds_since(start);
  ClusterResult result;
  {
    py::gil_scoped_release unlocked;
    result = cluster_documents(std::move(input.documents), s.params);
  }
  result.rejected = std::move(input.rejected);
  result.warnings = std::move(input.warnings);
  result.seconds.read = read_seconds;
  py::dict report = report_dict(result, s.timings, s.char_offsets);
  {
    py::gil_scoped_release unlocked;  // freeing the texts and tokens takes a while too
    result = ClusterResult{};
  }
  return report;
}

// ---- compare -------------------------------------------------------------------------------------

// A str is the text itself, a dict an article, an os.PathLike (or bytes) a file of one article.
LoadedArticle load(py::handle obj, const char* name, const Settings& s) {
  LoadedArticle t;
  if (PyUnicode_Check(obj.ptr())) {
    std::string error;
    if (!utf8_of(obj, t.document.text, error, name)) raise(bad_input_error, std::string(name) + ": " + error);
    t.document.id = name;
  } else if (is_path(obj)) {
    const std::string path = fspath(obj);
    check_paths({path});
    {
      py::gil_scoped_release unlocked;
      t = load_article(path, s.ingest);
    }
    if (!t.error.empty()) raise(bad_input_error, t.error);
    for (const auto& w : t.warnings) warn(w);
    return t;
  } else {
    IngestOptions options = s.ingest;
    options.fail_on_error = true;  // one article: nothing to skip to
    detail::Collector collector(options);
    collect(collector, obj, name);
    IngestResult r = std::move(collector).take();
    for (const auto& w : r.warnings) warn(w);
    t.document = std::move(r.documents.front());
  }
  py::gil_scoped_release unlocked;
  t.tokens = tokenize(t.document.text);
  return t;
}

py::dict compare(py::object a, py::object b, py::kwargs kwargs) {
  const Settings s = parse_settings(kwargs, "compare", detail::Command::compare, compare_keywords());
  const LoadedArticle la = load(a, "a", s), lb = load(b, "b", s);
  Comparison c;
  {
    py::gil_scoped_release unlocked;
    c = compare_articles(la, lb, align_params(s.params));
  }
  const CharOffsets ca(la.document.text), cb(lb.document.text);
  py::list shared;
  std::uint32_t words = 0;
  for (const AlignedPassage& p : c.passages) {
    shared.append(py::dict("a_start"_a = p.a_begin, "a_end"_a = p.a_end, "b_start"_a = p.b_begin,
                           "b_end"_a = p.b_end, "words"_a = p.matched_words,
                           "match"_a = to_string(p.match),
                           "a_char_start"_a = ca(p.a_begin), "a_char_end"_a = ca(p.a_end),
                           "b_char_start"_a = cb(p.b_begin), "b_char_end"_a = cb(p.b_end)));
    words += p.matched_words;
  }
  auto ranges = [](const std::vector<ByteRange>& rs, const CharOffsets* chars) {
    py::list out;
    for (const ByteRange& r : rs)
      out.append(chars ? py::make_tuple((*chars)(r.start), (*chars)(r.end)) : py::make_tuple(r.start, r.end));
    return out;
  };
  const auto added_a = added_ranges(c, Side::a), added_b = added_ranges(c, Side::b);
  return py::dict("a"_a = text(la.document.id), "b"_a = text(lb.document.id), "a_words"_a = c.a_words,
                  "b_words"_a = c.b_words, "shared_words"_a = words, "shared"_a = shared,
                  "added_a"_a = ranges(added_a, nullptr), "added_b"_a = ranges(added_b, nullptr),
                  "added_a_chars"_a = ranges(added_a, &ca), "added_b_chars"_a = ranges(added_b, &cb));
}

// ---- Index ---------------------------------------------------------------------------------------

// Receives a Collector's records in input order.
class Gathered : public InputSink {
 public:
  struct Event {
    std::optional<Document> document;
    RejectedInput rejected;
  };
  std::vector<Event> events;
  std::vector<InputWarning> warnings;

  void on_document(Document document, std::vector<InputWarning> w) override {
    events.push_back({std::move(document), {}});
    for (auto& x : w) warnings.push_back(std::move(x));
  }
  void on_rejected(RejectedInput rejected) override { events.push_back({std::nullopt, std::move(rejected)}); }
  void on_warning(InputWarning warning) override { warnings.push_back(std::move(warning)); }
};

// The feed index of `wiretrace dedup` (the same SQLite file, the same lock): CLI and Python may
// share one, in turns or at once. One Python object may be used from several threads: calls
// take turns (mutex_), each with the GIL released while the library works.
class PyIndex {
 public:
  PyIndex(py::object path, py::kwargs kwargs) : settings_(parse_settings(kwargs, "Index", detail::Command::dedup, index_keywords())) {
    path_ = fspath(path);
    IndexOptions options;
    options.busy_timeout_ms = settings_.busy_timeout_ms;
    options.sync_every_commit = settings_.sync;
    DedupOptions dedup;
    if (settings_.window_days > 0) dedup.window_seconds = std::llround(settings_.window_days * 86400.0);
    py::gil_scoped_release unlocked;
    index_.emplace(path_, settings_.params, options);
    dedup_.emplace(*index_, dedup);
  }

  py::dict add(py::handle article) {
    IngestOptions options = settings_.ingest;
    options.fail_on_error = true;  // one article: the caller handles it
    detail::Collector collector(options);
    collect(collector, article, "article");
    IngestResult input = std::move(collector).take();
    for (const auto& w : input.warnings) warn(w);
    DedupResult result;
    {
      py::gil_scoped_release unlocked;
      std::lock_guard lock(mutex_);
      result = open().add(input.documents.front());
    }
    return dedup_dict(result);
  }

  py::list add_many(py::iterable articles) {
    Gathered gathered;
    detail::Collector collector(settings_.ingest, gathered);
    py::list out;
    std::vector<std::size_t> slots;  // out[slots[k]] is the k-th pending document's decision
    std::vector<Document> pending;
    auto decide = [&] {
      for (const auto& w : gathered.warnings) warn(w);
      gathered.warnings.clear();
      for (auto& e : gathered.events) {
        if (e.document) {
          slots.push_back(out.size());
          out.append(py::none());
          pending.push_back(std::move(*e.document));
        } else {
          out.append(rejected_dict(e.rejected));
        }
      }
      gathered.events.clear();
      if (pending.empty()) return;
      std::vector<DedupResult> results;
      {
        py::gil_scoped_release unlocked;
        std::lock_guard lock(mutex_);
        Deduplicator& dedup = open();
        const std::vector<PreparedArticle> prepared = prepare_articles(pending, dedup.params());
        results = dedup.add(pending, prepared);  // one committed transaction
      }
      for (std::size_t k = 0; k < results.size(); ++k) out[slots[k]] = dedup_dict(results[k]);
      slots.clear();
      pending.clear();
    };
    std::size_t i = 0;
    try {
      for (py::handle record : articles) {
        collect(collector, record, "articles[" + std::to_string(i) + "]");
        ++i;
        if (gathered.events.size() >= settings_.commit_every) decide();
      }
    } catch (const BadInput&) {
      decide();  // on_error='fail': the records before the bad one are decided and committed
      throw;
    }
    decide();
    return out;
  }

  py::dict stats() {
    IndexStats st;
    Params p;
    {
      py::gil_scoped_release unlocked;
      std::lock_guard lock(mutex_);
      open();
      st = index_->stats();
      p = index_->params();
    }
    // The object of `wiretrace index stats --json` (write_index_stats in dedup_report.cpp).
    return py::dict("articles"_a = st.articles, "families"_a = st.families, "unique"_a = st.unique,
                    "decisions"_a = py::dict("new"_a = st.new_articles, "copy"_a = st.copies,
                                             "duplicate"_a = st.duplicates),
                    "bytes_on_disk"_a = st.bytes_on_disk, "bytes_per_article"_a = std::round(st.bytes_per_article),
                    "lookup_file_bytes"_a = st.lookup_bytes,
                    "sketch_stamp"_a = hex16(st.sketch_stamp),
                    "parameters"_a = parameters_dict(p, detail::Command::dedup));
  }

  py::dict export_report() {
    ClusterResult result;
    {
      py::gil_scoped_release unlocked;
      std::lock_guard lock(mutex_);
      open();
      result = export_index(*index_);
    }
    return report_dict(result, false, false, false);  // as `wiretrace index export`
  }

  std::size_t size() {
    std::lock_guard lock(mutex_);
    open();
    return index_->size();
  }
  const std::string& path() const { return path_; }
  bool closed() const { return !index_; }

  void close() {
    py::gil_scoped_release unlocked;
    std::lock_guard lock(mutex_);
    dedup_.reset();
    index_.reset();
  }

 private:
  Deduplicator& open() {
    if (!dedup_) throw py::value_error("the index " + path_ + " is closed");
    return *dedup_;
  }

  Settings settings_;
  std::string path_;
  std::mutex mutex_;
  std::optional<Index> index_;
  std::optional<Deduplicator> dedup_;
};

// ---- Docstrings ----------------------------------------------------------------------------------

std::string cluster_doc() {
  return R"(cluster(articles, **params) -> dict

Groups articles that share wire copy into families and names each family's original: the
report of `wiretrace cluster --format json`, as dicts and lists.

articles:
    an iterable of dicts, one per article: "id" (str, or int) and "text" (str) required;
    "title", "source" (the publisher; scopes boilerplate detection), "url", "published"
    (ISO 8601 or RFC 2822 str, int seconds since 1970, or a datetime) and "lang" optional;
    or a path (str, bytes or os.PathLike): a folder (read recursively), a text file (one
    article) or a JSON Lines file (.jsonl, .ndjson, also .gz/.zst); or a list of paths.

Returns {"parameters", "stats", "families", "documents", "rejected", "warnings"}:
    families[]  {"id": "f1", "original", "original_basis", "original_confidence",
                 "wire_in_input", "members": [ids], "pairs": [{"a", "b", "jaccard", ...}],
                 "bridges": [ids] only when some member's own family is another}
    documents[] {"id", "family" ("f1" or None), "role" ("original", "copy", "unique"),
                 "also_in": ["f2"] only for an article that bridges other families,
                 "bytes", "words", "shared_words", "reused_words", "added_words",
                 "boilerplate_words", "passages": [{"start", "end", "kind", "source", ...}]}
    Passage offsets are bytes of the text as UTF-8 (as in the CLI's JSON); char_offsets=True
    adds char_start/char_end (and source_char_start/source_char_end), indices of the str.
    rejected[]  {"input": "articles[3]" or "file:line", "reason"}: records that are not
                articles (missing "text", empty text, duplicate id, ...).

Bad records are listed under "rejected" (on_error='skip', the default) or raise
BadInputError, a ValueError naming the record (on_error='fail'). An unknown keyword raises
TypeError, a value out of range ValueError, a missing path FileNotFoundError.
The work runs with the GIL released, on `threads` threads.

Keyword arguments (the library's Params, and the CLI's input options):
)" + keywords_help(cluster_keywords()) + R"(
Example:
    >>> import wiretrace
    >>> report = wiretrace.cluster([{"id": "a", "text": wire}, {"id": "b", "text": copy}])
    >>> [f["members"] for f in report["families"]]
    [['a', 'b']]
)";
}

std::string compare_doc() {
  return R"(compare(a, b, **params) -> dict

The passages two articles share, as `wiretrace compare A B --format json`, with both byte
offsets (into the UTF-8 text) and character offsets (Python str indices):

    {"a", "b", "a_words", "b_words", "shared_words",
     "shared": [{"a_start", "a_end", "b_start", "b_end", "words",
                 "a_char_start", "a_char_end", "b_char_start", "b_char_end"}],
     "added_a": [(start, end)], "added_b": [...], "added_a_chars": [...], "added_b_chars": [...]}

a, b: each a str (the text itself; its id is "a" or "b"), a dict article ("id", "text", ...),
or an os.PathLike (or bytes) path to a file holding one article. An article that cannot be
read raises BadInputError (a ValueError) naming it.

wiretrace.passage_texts(a, b, comparison) yields the shared passages' texts.

Keyword arguments:
)" + keywords_help(compare_keywords());
}

std::string index_doc() {
  return R"(Index(path, **params)

The persistent feed index of `wiretrace dedup`: the same SQLite file and the same locking, so
the CLI and Python can share one (in turns or at once). Created when missing; opening an index
made with another seed, num_perm or shingle_k raises ValueError.

    with wiretrace.Index("feed.idx") as index:
        decision = index.add({"id": "x1", "text": text, "source": "afp"})
        decision["decision"]      # "new", "copy" or "duplicate"

add(article) -> dict            one article, decided and committed: the line `wiretrace dedup`
                                writes ("id", "decision", "family", "matches", "words", ...,
                                "seen": True when the id was indexed before)
add_many(articles) -> list      each in order, in transactions of commit_every; a bad record
                                gives {"input", "decision": "rejected", "reason"} (on_error='skip')
                                or raises BadInputError after deciding those before it ('fail')
stats() -> dict                 as `wiretrace index stats --json`
export() -> dict                the index's families as a cluster report (`wiretrace index export`)
close()                         also on leaving a `with` block

Keyword arguments:
)" + keywords_help(index_keywords());
}

}  // namespace
}  // namespace wiretrace::python

PYBIND11_MODULE(_wiretrace, m) {
  using namespace wiretrace;
  using namespace wiretrace::python;
  // Each docstring starts with its own signature line (keywords come as **params).
  py::options options;
  options.disable_function_signatures();
  m.doc() = "wiretrace: find news articles that reuse wire copy (the library behind the CLI).";
  m.attr("__version__") = std::string(version());

  static py::exception<BadInput> bad_input(m, "BadInputError", PyExc_ValueError);
  static py::exception<IndexBusy> busy(m, "IndexBusyError", PyExc_TimeoutError);
  bad_input_error = bad_input.ptr();
  index_busy_error = busy.ptr();
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const BadInput& e) {
      PyErr_SetString(bad_input_error, e.what());
    } catch (const IndexBusy& e) {
      PyErr_SetString(index_busy_error, e.what());
    } catch (const Error& e) {
      PyErr_SetString(e.kind() == ErrorKind::io ? PyExc_OSError : PyExc_ValueError, e.what());
    }
  });

  m.def("cluster", &cluster, py::arg("articles"), cluster_doc().c_str());
  m.def("compare", &compare, py::arg("a"), py::arg("b"), compare_doc().c_str());
  py::class_<PyIndex>(m, "Index", index_doc().c_str())
      .def(py::init<py::object, py::kwargs>(), py::arg("path"))
      .def("add", &PyIndex::add, py::arg("article"),
           "Decides one article against the index and records it (committed before returning).")
      .def("add_many", &PyIndex::add_many, py::arg("articles"),
           "Decides each article in order; returns one dict per record, in input order.")
      .def("stats", &PyIndex::stats, "Articles, families, decisions, size on disk (index stats --json).")
      .def("export", &PyIndex::export_report, "The index's families as a cluster report (index export).")
      .def("close", &PyIndex::close, "Closes the index file; later calls raise ValueError.")
      .def("__len__", &PyIndex::size)
      .def_property_readonly("path", &PyIndex::path)
      .def_property_readonly("closed", &PyIndex::closed)
      .def("__enter__", [](PyIndex& self) -> PyIndex& { return self; }, py::return_value_policy::reference)
      .def("__exit__", [](PyIndex& self, py::args) { self.close(); });
}
