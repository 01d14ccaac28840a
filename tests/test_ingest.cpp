// Ingest: how paths become Documents, and that every record that does not is listed as rejected
// with a reason a user can act on.
#include <doctest/doctest.h>

#include <zlib.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <sys/stat.h>

#include "cli_runner.hpp"
#include "ingest/iso8601.hpp"
#include "ingest/rfc2822.hpp"
#include "ingest/sniff_format.hpp"
#include "ingest/text_checks.hpp"
#include "wiretrace/error.hpp"
#include "wiretrace/ingest.hpp"

using namespace wiretrace;
using wiretrace::test::TempDir;
using wiretrace::test::write_file;
namespace fs = std::filesystem;

namespace {

std::string gzip(const std::string& bytes) {
  z_stream z{};
  const int gzip_window = 15 + 16;  // zlib's way to ask for a gzip header
  REQUIRE(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, gzip_window, 8, Z_DEFAULT_STRATEGY) ==
          Z_OK);
  std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string zstd(const std::string& bytes) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), 3);
  REQUIRE(!ZSTD_isError(n));
  out.resize(n);
  return out;
}

std::vector<std::string> ids(const IngestResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.documents) out.push_back(d.id);
  return out;
}

// The reason `input` was rejected, or "" when it was not.
std::string reason_for(const IngestResult& r, const std::string& input) {
  for (const auto& x : r.rejected)
    if (x.input == input) return x.reason;
  return "";
}

std::string s(const fs::path& p) { return p.string(); }

// `n` JSON Lines records with ids prefix0.. and a few hundred bytes of text each.
std::string records(const std::string& prefix, int n) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += R"({"id":")" + prefix + std::to_string(i) + R"(","text":"line )" + std::to_string(i) +
           std::string(300, 'x') + "\"}\n";
  return out;
}

}  // namespace

TEST_CASE("ingest: a folder is read recursively, ids are relative paths sorted in byte order") {
  TempDir dir;
  write_file(dir / "b.txt", "bee");
  write_file(dir / "a.txt", "ay");
  write_file(dir / "A.txt", "capital");
  write_file(dir / "a/z.txt", "zed");
  write_file(dir / "sub/deeper/c.txt", "see");
  write_file(dir / "a-b.txt", "dash");
  const auto r = read_inputs({s(dir.path())});
  CHECK(ids(r) == std::vector<std::string>{"A.txt", "a-b.txt", "a.txt", "a/z.txt", "b.txt",
                                           "sub/deeper/c.txt"});
  CHECK(r.rejected.empty());
  CHECK(r.warnings.empty());
  CHECK(r.documents[3].origin == s(dir / "a/z.txt"));
  CHECK(r.documents[3].text == "zed");
  CHECK(r.bytes_read == 7 + 4 + 2 + 3 + 3 + 3);

  // A trailing slash does not change ids or double the separator in origins.
  const auto slash = read_inputs({s(dir.path()) + "/"});
  CHECK(ids(slash) == ids(r));
  CHECK(slash.documents[3].origin == s(dir / "a/z.txt"));
}

TEST_CASE("ingest: a single file is one article named by its file name, bytes untouched") {
  TempDir dir;
  const std::string bytes = "\xEF\xBB\xBFTitle\r\n\r\nBody line one.\r\nTabs\tstay.  ";
  write_file(dir / "deep/story.txt", bytes);
  const auto r = read_inputs({s(dir / "deep/story.txt")});
  REQUIRE(r.documents.size() == 1);
  CHECK(r.documents[0].id == "story.txt");
  CHECK(r.documents[0].origin == s(dir / "deep/story.txt"));
  CHECK(r.documents[0].text == bytes);
  CHECK(r.bytes_read == bytes.size());
  CHECK(r.documents[0].title.empty());
  CHECK(!r.documents[0].published_unix);
}

TEST_CASE("ingest: JSON Lines with every optional field, integer ids, unknown fields ignored") {
  TempDir dir;
  write_file(dir / "feed.jsonl",
             R"({"id":"wire-1","text":"Tokyo (AP) \u2014 Japan said\nFriday","title":"Japan",)"
             R"("source":"AP","url":"https://example.com/1","published":"2024-10-25T08:30:00Z",)"
             R"("lang":"en","extra":{"tags":["a",1,null,true],"n":1e5}})" "\n"
             R"({"id":42,"text":"second","title":null})" "\n"
             R"({"id":-7,"text":"third","published":"2024-10-25"})" "\n");
  const auto r = read_inputs({s(dir / "feed.jsonl")});
  CHECK(r.rejected.empty());
  CHECK(r.warnings.empty());
  REQUIRE(r.documents.size() == 3);
  const Document& d = r.documents[0];
  CHECK(d.id == "wire-1");
  CHECK(d.text == "Tokyo (AP) \xE2\x80\x94 Japan said\nFriday");
  CHECK(d.title == "Japan");
  CHECK(d.source == "AP");
  CHECK(d.url == "https://example.com/1");
  CHECK(d.published == "2024-10-25T08:30:00Z");
  CHECK(d.published_unix == 1729845000);
  CHECK(d.lang == "en");
  CHECK(d.origin == s(dir / "feed.jsonl") + ":1");
  CHECK(r.documents[1].id == "42");
  CHECK(r.documents[1].title.empty());
  CHECK(r.documents[1].origin == s(dir / "feed.jsonl") + ":2");
  CHECK(r.documents[2].id == "-7");
  CHECK(r.documents[2].published_unix == 1729814400);
  CHECK(r.bytes_read == d.text.size() + 6 + 5);
}

TEST_CASE("ingest: gzip and zstd JSON Lines stream through, in folders and recognised by magic") {
  TempDir dir;
  // Several MiB, so lines straddle every internal buffer boundary.
  const std::string plain = records("g", 12000);
  write_file(dir / "feeds/a.jsonl.gz", gzip(plain));
  write_file(dir / "feeds/b.jsonl.zst", zstd(records("z", 12000)));
  write_file(dir / "feeds/c.jsonl", gzip(records("m", 3)));            // compressed, plain name
  write_file(dir / "feeds/d.jsonl.gz", records("p", 2));               // plain, compressed name
  write_file(dir / "feeds/e.jsonl.gz", gzip(records("x", 2)) + gzip(records("y", 2)));  // members
  const auto r = read_inputs({s(dir / "feeds")});
  CHECK(r.rejected.empty());
  REQUIRE(r.documents.size() == 12000 + 12000 + 3 + 2 + 4);
  CHECK(r.documents[0].id == "g0");
  CHECK(r.documents[11999].id == "g11999");
  CHECK(r.documents[11999].origin == s(dir / "feeds/a.jsonl.gz") + ":12000");
  CHECK(r.documents[12000].id == "z0");
  CHECK(r.documents[24000].id == "m0");
  CHECK(r.documents[24003].id == "p0");
  CHECK(ids(r).back() == "y1");
  CHECK(r.documents[5].text == "line 5" + std::string(300, 'x'));

  const auto single = read_inputs({s(dir / "feeds/b.jsonl.zst")});
  CHECK(single.documents.size() == 12000);
  std::size_t text_bytes = 0;
  for (int i = 0; i < 12000; ++i) text_bytes += ("line " + std::to_string(i)).size() + 300;
  CHECK(single.bytes_read == text_bytes);
}

TEST_CASE("ingest: corrupt or cut-off compressed data is rejected at the line it reached") {
  TempDir dir;
  const std::string packed = gzip(records("t", 2000));
  write_file(dir / "cut.jsonl.gz", packed.substr(0, packed.size() / 2));
  const auto cut = read_inputs({s(dir / "cut.jsonl.gz")});
  REQUIRE(cut.rejected.size() == 1);
  const std::size_t line = cut.documents.size() + 1;
  CHECK(cut.rejected[0].input == s(dir / "cut.jsonl.gz") + ":" + std::to_string(line));
  CHECK(cut.rejected[0].reason ==
        "gzip data ends before the end of the compressed stream; the rest of the file is skipped");
  CHECK(cut.documents.size() > 100);

  std::string packed_zstd = zstd(records("t", 2000));
  write_file(dir / "cut.jsonl.zst", packed_zstd.substr(0, packed_zstd.size() - 10));
  const auto cut_zstd = read_inputs({s(dir / "cut.jsonl.zst")});
  REQUIRE(cut_zstd.rejected.size() == 1);
  CHECK(cut_zstd.rejected[0].reason.starts_with("zstd data ends before the end"));

  std::string damaged = packed;
  for (std::size_t i = 100; i < 200; ++i) damaged[i] = static_cast<char>(damaged[i] ^ 0x5A);
  write_file(dir / "bad.jsonl.gz", damaged);
  const auto bad = read_inputs({s(dir / "bad.jsonl.gz")});
  REQUIRE(bad.rejected.size() == 1);
  CHECK(bad.rejected[0].reason.starts_with("corrupt gzip data ("));
  CHECK(bad.documents.size() + bad.rejected.size() <= 2000);
}

TEST_CASE("ingest: every bad JSON Lines record is rejected with its path:line and reason") {
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"id":"ok","text":"fine"})", ""},
      {R"({"id":"b","text":)", "malformed JSON: "},
      {R"({"text":"no id"})", "missing \"id\""},
      {R"({"id":"c"})", "missing \"text\""},
      {R"({"id":1.5,"text":"x"})", "\"id\" must be a string or an integer"},
      {R"({"id":null,"text":"x"})", "\"id\" must be a string or an integer"},
      {R"({"id":["a"],"text":"x"})", "\"id\" must be a string or an integer"},
      {R"({"id":"","text":"x"})", "\"id\" is empty"},
      {R"({"id":"d","text":5})", "\"text\" must be a string"},
      {R"({"id":"d","text":null})", "\"text\" must be a string"},
      // An optional field of the wrong type costs the field (with a warning), not the record.
      {R"({"id":"e1","text":"x","title":3})", ""},
      {R"({"id":"e2","text":"x","source":{}})", ""},
      {R"({"id":"e3","text":"x","url":true})", ""},
      {R"({"id":"e4","text":"x","published":2024.5})", ""},
      {R"({"id":"e5","text":"x","lang":["en"]})", ""},
      {R"({"id":"f","text":"  \n\t "})", "empty text"},
      {R"({"id":"g","text":""})", "empty text"},
      {R"(["id","text"])", "not a JSON object"},
      {R"(not json at all)", "not a JSON object"},
      {R"({"id":"h","id":"i","text":"x"})", "duplicate key \"id\""},
      {R"({"id":"j","text":"x"} {"id":"k","text":"y"})", "malformed JSON: "},
      {R"({"id":"l","text":"x","extra":[1,}})", "malformed JSON: "},
      {R"({"id":"m","text":"x","extra":tru})", "malformed JSON: "},
      {R"({"id":"n","text":"x","title":nul})", "malformed JSON: "},
      {R"({"id":"o","text":"bad \q escape"})", "malformed JSON: "},
      {"{\"id\":\"p\",\"text\":\"caf\xE9\"}",
       "invalid UTF-8 at byte 21 of the line (JSON must be UTF-8)"},
      {R"({"id":"ok2","text":"still read after all that"})", ""},
  };
  std::string feed;
  for (const auto& [line, reason] : cases) feed += line + "\n";
  write_file(dir / "feed.jsonl", feed);
  const auto r = read_inputs({s(dir / "feed.jsonl")});
  CHECK(ids(r) == std::vector<std::string>{"ok", "e1", "e2", "e3", "e4", "e5", "ok2"});
  CHECK(r.rejected.size() == cases.size() - 7);
  CHECK(r.warnings.size() == 5);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::string input = s(dir / "feed.jsonl") + ":" + std::to_string(i + 1);
    INFO(cases[i].first);
    const std::string& expected = cases[i].second;
    if (expected.ends_with(": ")) CHECK(reason_for(r, input).starts_with(expected));
    else CHECK(reason_for(r, input) == expected);
  }
  // simdjson's own words follow the prefix.
  CHECK(reason_for(r, s(dir / "feed.jsonl") + ":2").size() > 20);
}

TEST_CASE("ingest: blank lines are skipped, a last line needs no newline, a cut one is rejected") {
  TempDir dir;
  write_file(dir / "a.jsonl", "\n   \n" R"({"id":"a1","text":"one"})" "\r\n\t\r\n"
                              R"({"id":"a2","text":"two"})");
  const auto a = read_inputs({s(dir / "a.jsonl")});
  CHECK(a.rejected.empty());
  CHECK(ids(a) == std::vector<std::string>{"a1", "a2"});
  CHECK(a.documents[0].origin == s(dir / "a.jsonl") + ":3");
  CHECK(a.documents[1].origin == s(dir / "a.jsonl") + ":5");

  write_file(dir / "b.jsonl", R"({"id":"b1","text":"one"})" "\n" R"({"id":"b2","text":"tw)");
  const auto b = read_inputs({s(dir / "b.jsonl")});
  CHECK(ids(b) == std::vector<std::string>{"b1"});
  REQUIRE(b.rejected.size() == 1);
  CHECK(b.rejected[0].input == s(dir / "b.jsonl") + ":2");
  CHECK(b.rejected[0].reason.starts_with("malformed JSON: "));

  // A byte-order mark before the first record is not part of the JSON.
  write_file(dir / "c.jsonl", "\xEF\xBB\xBF" R"({"id":"c1","text":"one"})" "\n");
  CHECK(ids(read_inputs({s(dir / "c.jsonl")})) == std::vector<std::string>{"c1"});

  // An empty feed holds no records at all; a warning says the file was empty.
  write_file(dir / "d.jsonl", "");
  const auto d = read_inputs({s(dir / "d.jsonl")});
  CHECK(d.documents.empty());
  CHECK(d.rejected.empty());
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0].input == s(dir / "d.jsonl"));
  CHECK(d.warnings[0].message == "empty file (no records)");
}

TEST_CASE("ingest: a duplicate id is rejected, naming where the id was first seen") {
  TempDir dir;
  write_file(dir / "one/a.jsonl",
             R"({"id":"x","text":"first"})" "\n" R"({"id":"x","text":"again"})" "\n");
  write_file(dir / "two/0.jsonl",
             R"({"id":"x","text":"third"})" "\n" R"({"id":7,"text":"n"})" "\n");
  write_file(dir / "two/7", "a text file whose id is 7");
  const auto r = read_inputs({s(dir / "one"), s(dir / "two")});
  CHECK(ids(r) == std::vector<std::string>{"x", "7"});
  CHECK(r.documents[0].text == "first");
  const std::string first = s(dir / "one/a.jsonl") + ":1";
  const std::string again = "duplicate id \"x\" (first seen at " + first + ")";
  CHECK(reason_for(r, s(dir / "one/a.jsonl") + ":2") == again);
  CHECK(reason_for(r, s(dir / "two/0.jsonl") + ":1") == again);
  // A text file's id comes from its name: the reason says how to use its path instead.
  const std::string hint = "; to tell apart files of the same name in different folders, give --id-from path";
  CHECK(reason_for(r, s(dir / "two/7")) ==
        "duplicate id \"7\" (first seen at " + s(dir / "two/0.jsonl") + ":2)" + hint);

  // The same file name given twice: ids are file names, so the second is a duplicate.
  write_file(dir / "p/story.txt", "one");
  write_file(dir / "q/story.txt", "two");
  const auto files = read_inputs({s(dir / "p/story.txt"), s(dir / "q/story.txt")});
  CHECK(files.documents.size() == 1);
  CHECK(reason_for(files, s(dir / "q/story.txt")) ==
        "duplicate id \"story.txt\" (first seen at " + s(dir / "p/story.txt") + ")" + hint);
  IngestOptions by_path;
  by_path.id_from = IdFrom::path;
  const auto paths = read_inputs({s(dir / "p/story.txt"), s(dir / "q/story.txt")}, by_path);
  CHECK(ids(paths) == std::vector<std::string>{s(dir / "p/story.txt"), s(dir / "q/story.txt")});
}

TEST_CASE("ingest: invalid UTF-8 in a text file is kept, with a warning at the first bad byte") {
  TempDir dir;
  // The BBC corpus's one Latin-1 pound sign: the article must survive, bytes untouched.
  const std::string latin1 = "Tickets cost \xA3" "40 each.\n";
  write_file(dir / "sport/199.txt", latin1);
  write_file(dir / "sport/200.txt", "ok \xC3\xA9 then \xC3 and \xE2\x82 and \xFF\xFE.");
  const auto r = read_inputs({s(dir.path())});
  REQUIRE(r.documents.size() == 2);
  CHECK(r.documents[0].text == latin1);
  REQUIRE(r.warnings.size() == 2);
  CHECK(r.warnings[0].input == s(dir / "sport/199.txt"));
  CHECK(r.warnings[0].message ==
        "invalid UTF-8 at byte 13 (1 invalid sequence); treated as separators");
  CHECK(r.warnings[1].input == s(dir / "sport/200.txt"));
  CHECK(r.warnings[1].message ==
        "invalid UTF-8 at byte 11 (4 invalid sequences); treated as separators");
}

TEST_CASE("ingest: the UTF-8 check finds overlongs, surrogates and cut sequences") {
  using detail::find_invalid_utf8;
  CHECK(!find_invalid_utf8(""));
  CHECK(!find_invalid_utf8("plain ascii"));
  CHECK(!find_invalid_utf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF"));  // é€😀, max
  const auto check = [](std::string_view bytes, std::size_t offset, std::size_t count) {
    const auto p = find_invalid_utf8(bytes);
    REQUIRE(p);
    CHECK(p->first_offset == offset);
    CHECK(p->invalid_sequences == count);
  };
  check("ab\xC0\xAF", 2, 2);          // overlong '/': C0 and AF are each invalid
  check("\xE0\x80\xAF", 0, 3);        // overlong three-byte form
  check("x\xED\xA0\x80", 1, 3);       // surrogate U+D800
  check("\xF4\x90\x80\x80", 0, 4);    // above U+10FFFF
  check("ok\xF0\x9F\x98", 2, 1);      // cut at the end: one maximal subpart
  check("\xE2\x82" "A", 0, 1);        // cut before an ASCII letter
  check("\x80\x80", 0, 2);            // stray continuation bytes
}

TEST_CASE("ingest: empty, blank, binary and compressed text files are rejected with reasons") {
  TempDir dir;
  write_file(dir / "empty.txt", "");
  write_file(dir / "blank.txt", " \r\n\t\xC2\xA0\xE2\x80\x83\xE3\x80\x80\xEF\xBB\xBF\n");
  std::string binary = "looks like text";
  binary += '\0';
  binary += "then binary";
  write_file(dir / "binary.dat", binary);
  write_file(dir / "story.txt.gz", gzip("compressed text"));
  write_file(dir / "story.zst", zstd("compressed text"));
  write_file(dir / "text.txt", "real words");
  std::string noise = "\x89PNG\r\n\x1a\n";  // binary data without a NUL byte
  for (int i = 0; i < 200; ++i) noise += static_cast<char>(0x80 + (i * 37) % 0x7f);
  write_file(dir / "noise.png", noise);
  // Mostly ASCII with some Latin-1 letters stays text (the bytes act as separators).
  write_file(dir / "latin1.txt", "Caf\xE9 cr\xE8me br\xFBl\xE9" "e, a dessert served in many places");
  const auto r = read_inputs({s(dir.path())});
  CHECK(ids(r) == std::vector<std::string>{"latin1.txt", "text.txt"});
  CHECK(reason_for(r, s(dir / "noise.png")) ==
        "binary file (100 invalid UTF-8 sequences or control characters in 208 bytes)");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].input == s(dir / "latin1.txt"));
  CHECK(reason_for(r, s(dir / "empty.txt")) == "empty file");
  CHECK(reason_for(r, s(dir / "blank.txt")) == "empty text");
  CHECK(reason_for(r, s(dir / "binary.dat")) == "binary file (NUL byte at offset 15)");
  CHECK(reason_for(r, s(dir / "story.txt.gz")) ==
        "gzip-compressed file (only JSON Lines is decompressed: *.jsonl.gz, *.ndjson.zst, ...)");
  CHECK(reason_for(r, s(dir / "story.zst")) ==
        "zstd-compressed file (only JSON Lines is decompressed: *.jsonl.gz, *.ndjson.zst, ...)");
  CHECK(r.rejected.size() == 6);
}

TEST_CASE("ingest: hidden files and folders are skipped but listed") {
  TempDir dir;
  write_file(dir / "seen.txt", "visible");
  write_file(dir / ".DS_Store", "junk");
  write_file(dir / "sub/.draft.txt", "private");
  write_file(dir / ".git/objects/aa", "a");
  write_file(dir / ".git/HEAD", "b");
  const auto r = read_inputs({s(dir.path())});
  CHECK(ids(r) == std::vector<std::string>{"seen.txt"});
  REQUIRE(r.rejected.size() == 3);  // one entry for the whole hidden folder
  CHECK(r.rejected[0].input == s(dir / ".DS_Store"));
  CHECK(r.rejected[0].reason == "hidden file skipped");
  CHECK(r.rejected[1].input == s(dir / ".git"));
  CHECK(r.rejected[1].reason == "hidden folder skipped");
  CHECK(r.rejected[2].input == s(dir / "sub/.draft.txt"));
  CHECK(r.rejected[2].reason == "hidden file skipped");

  // Named explicitly, a hidden file is read like any other.
  CHECK(ids(read_inputs({s(dir / ".DS_Store")})) == std::vector<std::string>{".DS_Store"});
}

TEST_CASE("ingest: symbolic links are followed to regular files only, so walks cannot loop") {
  TempDir dir;
  write_file(dir / "outside/target.txt", "linked text");
  write_file(dir / "in/real.txt", "real text");
  fs::create_symlink(dir / "outside/target.txt", dir / "in/link.txt");
  fs::create_directory_symlink(dir / "in", dir / "in/loop");
  fs::create_symlink(dir / "nowhere.txt", dir / "in/broken.txt");
  fs::create_symlink(dir / "in/cycle1", dir / "in/cycle2");
  fs::create_symlink(dir / "in/cycle2", dir / "in/cycle1");
  const auto r = read_inputs({s(dir / "in")});
  CHECK(ids(r) == std::vector<std::string>{"link.txt", "real.txt"});
  CHECK(r.documents[0].text == "linked text");
  CHECK(reason_for(r, s(dir / "in/loop")) == "symbolic link to a folder not followed");
  CHECK(reason_for(r, s(dir / "in/broken.txt")) == "broken symbolic link");
  CHECK(reason_for(r, s(dir / "in/cycle1")).starts_with("unresolvable symbolic link ("));
  CHECK(r.rejected.size() == 4);
}

TEST_CASE("ingest: an article over max_document_bytes is rejected with both sizes") {
  TempDir dir;
  write_file(dir / "big.txt", std::string(101, 'w'));
  write_file(dir / "fits.txt", std::string(100, 'w'));
  write_file(dir / "feed.jsonl", R"({"id":"long","text":")" + std::string(150, 'j') + "\"}\n" +
                                     R"({"id":"short","text":"fits"})" + "\n");
  IngestOptions options;
  options.max_document_bytes = 100;
  const auto r = read_inputs({s(dir.path())}, options);
  CHECK(ids(r) == std::vector<std::string>{"short", "fits.txt"});
  CHECK(reason_for(r, s(dir / "big.txt")) ==
        "too large: article of 101 bytes exceeds the limit of 100 bytes (--max-bytes)");
  CHECK(reason_for(r, s(dir / "feed.jsonl") + ":1") ==
        "too large: article of 150 bytes exceeds the limit of 100 bytes (--max-bytes)");
  CHECK(IngestOptions{}.max_document_bytes == 16777216);
}

TEST_CASE("ingest: pipes are read when named, to the size limit, and skipped inside folders") {
  TempDir dir;
  REQUIRE(::mkfifo(s(dir / "pipe").c_str(), 0600) == 0);
  IngestOptions options;
  options.max_document_bytes = 100;
  // Under PIPE_BUF bytes, so the one write lands whole before the reader can stop early.
  std::thread writer([&] {
    std::ofstream out(dir / "pipe", std::ios::binary);
    out << std::string(1000, 'p');
  });
  const auto named = read_inputs({s(dir / "pipe")}, options);
  writer.join();
  CHECK(reason_for(named, s(dir / "pipe")) ==
        "too large: article of more than 100 bytes exceeds the limit (--max-bytes)");

  write_file(dir / "a.txt", "text");
  const auto folder = read_inputs({s(dir.path())});
  CHECK(ids(folder) == std::vector<std::string>{"a.txt"});
  CHECK(reason_for(folder, s(dir / "pipe")) == "not a regular file");
}

TEST_CASE("ingest: fail_on_error throws at the first rejected record, naming it") {
  TempDir dir;
  write_file(dir / "feed.jsonl", R"({"id":"a","text":"one"})" "\n" R"({"text":"no id"})" "\n"
                                 R"({"id":"c"})" "\n");
  IngestOptions options;
  options.fail_on_error = true;
  CHECK_THROWS_WITH_AS(read_inputs({s(dir / "feed.jsonl")}, options),
                       (s(dir / "feed.jsonl") + ":2: missing \"id\"").c_str(), BadInput);
  write_file(dir / "folder/.hidden", "x");
  CHECK_THROWS_WITH_AS(read_inputs({s(dir / "folder")}, options),
                       (s(dir / "folder/.hidden") + ": hidden file skipped").c_str(), Error);
  // Without the option the same input is data, not an exception.
  CHECK(read_inputs({s(dir / "feed.jsonl")}).rejected.size() == 2);
}

TEST_CASE("ingest: a path that does not exist or cannot be opened throws Error") {
  TempDir dir;
  const std::string missing = s(dir / "no/such/file.txt");
  CHECK_THROWS_WITH_AS(read_inputs({missing}), (missing + ": No such file or directory").c_str(),
                       Error);
  CHECK_THROWS_AS(read_inputs({""}), Error);
  write_file(dir / "locked.jsonl", R"({"id":"a","text":"b"})");
  fs::permissions(dir / "locked.jsonl", fs::perms::none);
  std::ifstream probe(dir / "locked.jsonl");
  if (!probe.is_open()) {  // root reads anything; the check only means something for others
    CHECK_THROWS_WITH_AS(read_inputs({s(dir / "locked.jsonl")}),
                         (s(dir / "locked.jsonl") + ": Permission denied").c_str(), Error);
  }
}

TEST_CASE("ingest: ISO 8601 timestamps become UTC seconds, others are kept with a warning") {
  using detail::parse_iso8601;
  CHECK(parse_iso8601("1970-01-01") == 0);
  CHECK(parse_iso8601("2024-10-25") == 1729814400);
  CHECK(parse_iso8601("2024-10-25T08:30:00Z") == 1729845000);
  CHECK(parse_iso8601("2024-10-25t08:30:00z") == 1729845000);
  CHECK(parse_iso8601("2024-10-25 08:30:00") == 1729845000);
  CHECK(parse_iso8601("2024-10-25T08:30") == 1729845000);
  CHECK(parse_iso8601("2024-10-25T08:30:00.123+02:00") == 1729845000 - 7200);
  CHECK(parse_iso8601("2024-10-25T08:30:00,9Z") == 1729845000);
  CHECK(parse_iso8601("2024-10-25T08:30:00+0200") == 1729845000 - 7200);
  CHECK(parse_iso8601("2024-10-25T08:30:00-05:00") == 1729845000 + 18000);
  CHECK(parse_iso8601("2024-10-25T08:30:00+05") == 1729845000 - 18000);
  CHECK(parse_iso8601("2024-10-25T23:30:00-05:00") == 1729917000);  // next day in UTC
  CHECK(parse_iso8601("  2024-10-25T08:30:00Z\n") == 1729845000);
  CHECK(parse_iso8601("2024-02-29") == 1709164800);  // leap day
  CHECK(parse_iso8601("1969-12-31T23:59:59Z") == -1);
  CHECK(parse_iso8601("2016-12-31T23:59:60Z") == 1483228800);  // leap second
  for (const char* bad :
       {"", "yesterday", "2024-13-01", "2023-02-29", "2024-04-31", "2024-10-25T24:00",
        "2024-10-25T08:60", "2024-10-25T08:30:00+2", "2024-10-25T08:30:00+02:",
        "2024-10-25T08:30:00.Z", "2024-10-25T08:30:00 UTC", "24-10-25", "2024/10/25", "2024-10-25T",
        "2024-10-25X08:30", "2024-10-25T08:30:00+24:00", "Fri, 25 Oct 2024 08:30:00 GMT",
        "2024-1-5"}) {
    INFO(bad);
    CHECK(!parse_iso8601(bad));
  }

  TempDir dir;
  write_file(dir / "feed.jsonl",
             R"({"id":"a","text":"one","published":"25/10/2024"})" "\n"
             R"({"id":"b","text":"two","published":"2024-10-25 08:30:00-05:00"})" "\n");
  const auto r = read_inputs({s(dir / "feed.jsonl")});
  REQUIRE(r.documents.size() == 2);
  CHECK(r.documents[0].published == "25/10/2024");
  CHECK(!r.documents[0].published_unix);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].input == s(dir / "feed.jsonl") + ":1");
  CHECK(r.warnings[0].message == "unparseable \"published\" value \"25/10/2024\"; ignored");
  CHECK(r.documents[1].published_unix == 1729845000 + 18000);
}

TEST_CASE("ingest: every record becomes a document or a rejection, never nothing") {
  TempDir dir;
  write_file(dir / "a.txt", "one");
  write_file(dir / "b.txt", "");
  write_file(dir / ".c.txt", "hidden");
  write_file(dir / "d/e.jsonl",
             R"({"id":"e1","text":"x"})" "\n\n" R"({"id":"e2"})" "\n"
             R"({"id":"e1","text":"y"})" "\n"
             R"({"id":"e3","text":"z"})");
  write_file(dir / "f.jsonl.gz", gzip(records("f", 5) + "{broken\n"));
  write_file(dir / "g.bin", std::string("\0\0", 2));
  const std::size_t records_written = 3 + 4 + 6 + 1;  // text files, e.jsonl, f.jsonl.gz, g.bin
  const auto r = read_inputs({s(dir.path())});
  CHECK(r.documents.size() + r.rejected.size() == records_written);
  CHECK(r.documents.size() == 1 + 2 + 5);
}

TEST_CASE("ingest: the seed fixtures read as five articles in file-name order") {
  const auto r = read_inputs({std::string(WIRETRACE_FIXTURES_DIR) + "/seeds"});
  CHECK(ids(r) == std::vector<std::string>{"000_977f0c954ba00d2b.txt", "001_acf3f096cf1d3bac.txt",
                                           "002_2df2f6f88230cd01.txt", "003_3bffe2a6f06d5d47.txt",
                                           "004_9a41b40ebb447b2c.txt"});
  CHECK(r.rejected.empty());
  CHECK(r.warnings.empty());
  std::size_t bytes = 0;
  for (const auto& d : r.documents) bytes += d.text.size();
  CHECK(r.bytes_read == bytes);
  CHECK(bytes > 1000);
}

namespace {

// Records as an InputSink receives them, one string each ("doc ID", "rejected INPUT: REASON",
// "warning INPUT: MESSAGE"), with a condition to wait on.
class RecordingSink : public InputSink {
 public:
  void on_document(Document document, std::vector<InputWarning> warnings) override {
    for (auto& w : warnings) on_warning(std::move(w));
    add("doc " + document.id);
  }
  void on_rejected(RejectedInput rejected) override {
    add("rejected " + rejected.input + ": " + rejected.reason);
  }
  void on_warning(InputWarning warning) override {
    add("warning " + warning.input + ": " + warning.message);
  }
  // Waits (at most 10 s) until `n` records have come.
  bool wait_for(std::size_t n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return seen_.size() >= n; });
  }
  std::vector<std::string> seen() {
    std::lock_guard lock(mutex_);
    return seen_;
  }

 private:
  void add(std::string s) {
    std::lock_guard lock(mutex_);
    seen_.push_back(std::move(s));
    changed_.notify_all();
  }
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> seen_;
};

}  // namespace

TEST_CASE("ingest: the streaming read_inputs hands on the same records, in the same order") {
  TempDir dir;
  write_file(dir / "in/a.txt", "caf\xE9 words");
  write_file(dir / "in/b.txt", "");
  write_file(dir / "in/c.jsonl", R"({"id":"c1","text":"one"})" "\n" R"({"id":"a.txt","text":"x"})"
                                 "\n{broken\n" R"({"id":"c2","text":"two","published":"soon"})" "\n");
  write_file(dir / "in/d.jsonl", "");
  const std::vector<std::string> paths{s(dir / "in")};
  const auto batch = read_inputs(paths);
  RecordingSink sink;
  read_inputs(paths, sink);
  const std::string in = s(dir / "in");
  CHECK(sink.seen() == std::vector<std::string>{
                           "warning " + in + "/a.txt: invalid UTF-8 at byte 3 (1 invalid sequence); treated as separators",
                           "doc a.txt",
                           "rejected " + in + "/b.txt: empty file",
                           "doc c1",
                           "rejected " + in + "/c.jsonl:2: duplicate id \"a.txt\" (first seen at " + in + "/a.txt)",
                           "rejected " + in + "/c.jsonl:3: malformed JSON: " +
                               reason_for(batch, in + "/c.jsonl:3").substr(16),
                           "warning " + in + "/c.jsonl:4: unparseable \"published\" value \"soon\"; ignored",
                           "doc c2",
                           "warning " + in + "/d.jsonl: empty file (no records)"});
  CHECK(batch.documents.size() == 3);
  CHECK(batch.rejected.size() == 3);
  CHECK(batch.warnings.size() == 3);

  // fail_on_error: the records before the bad one are handed on, then BadInput.
  IngestOptions strict;
  strict.fail_on_error = true;
  RecordingSink partial;
  CHECK_THROWS_WITH_AS(read_inputs(paths, partial, strict), (in + "/b.txt: empty file").c_str(), BadInput);
  CHECK(partial.seen().size() == 2);
  // Every path is checked before anything is read.
  RecordingSink none;
  CHECK_THROWS_AS(read_inputs({in, s(dir / "missing")}, none), Error);
  CHECK(none.seen().empty());
}

TEST_CASE("ingest: the streaming read_inputs hands on each line of a pipe before the next arrives") {
  TempDir dir;
  REQUIRE(::mkfifo(s(dir / "feed.jsonl").c_str(), 0600) == 0);
  RecordingSink sink;
  std::thread reader([&] { read_inputs({s(dir / "feed.jsonl")}, sink); });
  {
    std::ofstream out(dir / "feed.jsonl", std::ios::binary);
    // A first line shorter than a zstd magic number must not be held back waiting for more.
    out << "{}\n" << std::flush;
    CHECK(sink.wait_for(1));
    out << R"({"id":"a","text":"one"})" "\n" << std::flush;
    CHECK(sink.wait_for(2));
    out << R"({"id":"b","text":"two"})" "\n" << std::flush;
    CHECK(sink.wait_for(3));
  }
  reader.join();
  const std::string feed = s(dir / "feed.jsonl");
  CHECK(sink.seen() == std::vector<std::string>{"rejected " + feed + ":1: missing \"id\"", "doc a", "doc b"});
}

TEST_CASE("ingest: RFC 2822 dates as RSS writes them become UTC seconds") {
  using detail::parse_rfc2822;
  CHECK(parse_rfc2822("Fri, 25 Oct 2024 06:00:00 GMT") == 1729836000);
  CHECK(parse_rfc2822("Fri, 25 Oct 2024 08:00:00 +0200") == 1729836000);
  CHECK(parse_rfc2822("Fri, 25 Oct 2024 01:00:00 -0500") == 1729836000);
  CHECK(parse_rfc2822("Fri, 25 Oct 2024 02:00:00 EDT") == 1729836000);
  CHECK(parse_rfc2822("Thu, 24 Oct 2024 23:00:00 PDT") == 1729836000);
  CHECK(parse_rfc2822("25 Oct 2024 06:00 UT") == 1729836000);  // no day name, no seconds
  CHECK(parse_rfc2822("Friday, 25 October 2024 06:00:00 Z") == 1729836000);
  CHECK(parse_rfc2822("fri, 5 oct 2024 06:00:00 gmt") == 1728108000);
  CHECK(parse_rfc2822("Fri,  25  Oct  2024  08:00:00  +0200  (CEST)") == 1729836000);
  CHECK(parse_rfc2822("Fri, 25 Oct 24 06:00:00 GMT") == 1729836000);   // obsolete 2-digit year
  CHECK(parse_rfc2822("Sat, 25 Oct 97 06:00:00 GMT") == 877759200);    // 1997
  CHECK(parse_rfc2822("Fri, 25 Oct 2024 06:00:00") == 1729836000);     // no zone: UTC
  CHECK(parse_rfc2822("Thu, 29 Feb 2024 00:00:00 +0000") == 1709164800);
  for (const char* bad :
       {"", "yesterday", "2024-10-25T06:00:00Z", "Fri, 32 Oct 2024 06:00:00 GMT",
        "Fri, 29 Feb 2023 06:00:00 GMT", "Fri, 25 Okt 2024 06:00:00 GMT", "Xyz, 25 Oct 2024 06:00:00 GMT",
        "Fri, 25 Oct 2024 24:00:00 GMT", "Fri, 25 Oct 2024 06:00:00 CEST", "Fri, 25 Oct 2024 06:00:00 +02",
        "Fri, 25 Oct 2024 06:00:00 GMT extra", "Fri 25 Oct 2024 06:00:00 GMT", "Fri, 25 Oct 2024"}) {
    INFO(bad);
    CHECK(!parse_rfc2822(bad));
  }
  CHECK(detail::format_iso8601_utc(1729836000) == "2024-10-25T06:00:00Z");
  CHECK(detail::format_iso8601_utc(-1) == "1969-12-31T23:59:59Z");
  CHECK(!detail::format_iso8601_utc(253402300800));  // year 10000
}

TEST_CASE("ingest: published may be RFC 2822 or epoch seconds, other types are ignored with a warning") {
  TempDir dir;
  write_file(dir / "feed.jsonl",
             R"({"id":"a","text":"one","published":"Fri, 25 Oct 2024 08:00:00 +0200"})" "\n"
             R"({"id":"b","text":"two","published":1729836000})" "\n"
             R"({"id":"c","text":"three","published":-86400})" "\n"
             R"({"id":"d","text":"four","published":99999999999999,"title":null})" "\n"
             R"({"id":"e","text":"five","published":18446744073709551615})" "\n");
  const auto r = read_inputs({s(dir / "feed.jsonl")});
  REQUIRE(r.documents.size() == 5);
  CHECK(r.documents[0].published == "Fri, 25 Oct 2024 08:00:00 +0200");
  CHECK(r.documents[0].published_unix == 1729836000);
  CHECK(r.documents[1].published == "2024-10-25T06:00:00Z");
  CHECK(r.documents[1].published_unix == 1729836000);
  CHECK(r.documents[2].published == "1969-12-31T00:00:00Z");
  CHECK(!r.documents[3].published_unix);
  CHECK(r.documents[3].published.empty());
  REQUIRE(r.warnings.size() == 2);
  CHECK(r.warnings[0].input == s(dir / "feed.jsonl") + ":4");
  CHECK(r.warnings[0].message.find("outside the years 1 to 9999") != std::string::npos);
  CHECK(r.warnings[1].message.find("too large") != std::string::npos);
}

TEST_CASE("ingest: a file whose name says nothing is JSON Lines when its first non-blank line is a record") {
  using detail::NameSays;
  CHECK(detail::format_by_name("a.jsonl") == NameSays::jsonl);
  CHECK(detail::format_by_name("A.NDJSON.ZST") == NameSays::jsonl);
  CHECK(detail::format_by_name("a.ndjson.gz") == NameSays::jsonl);
  CHECK(detail::format_by_name("a.txt") == NameSays::text);
  CHECK(detail::format_by_name("a.txt.gz") == NameSays::text);
  CHECK(detail::format_by_name("a.json") == NameSays::nothing);
  CHECK(detail::format_by_name("/dev/fd/63") == NameSays::nothing);
  CHECK(detail::is_jsonl_record(R"({"id":1,"text":"x"})"));
  CHECK(detail::is_jsonl_record("\xEF\xBB\xBF {\"text\":\"x\"}\r"));
  CHECK(detail::is_jsonl_record("{\"id\":\"caf\xE9\",\"text\":\"x\"}"));  // invalid UTF-8: still a record
  CHECK_FALSE(detail::is_jsonl_record(R"({"title":"no id, no text"})"));
  CHECK_FALSE(detail::is_jsonl_record(R"({"id":1,"text":"x")"));
  CHECK_FALSE(detail::is_jsonl_record(R"([{"id":1}])"));
  CHECK_FALSE(detail::is_jsonl_record("{Braces} open the article"));

  TempDir dir;
  // Blank lines and a BOM before the first record; a first line longer than any read buffer.
  const std::string long_text(300000, 'w');
  write_file(dir / "feed", "\xEF\xBB\xBF\n  \n" + std::string(R"({"id":"long","text":")") + long_text +
                               "\"}\n" R"({"id":"b","text":"two"})" "\n");
  const auto r = read_inputs({s(dir / "feed")});
  CHECK(r.rejected.empty());
  REQUIRE(ids(r) == std::vector<std::string>{"long", "b"});
  CHECK(r.documents[0].text == long_text);
  CHECK(r.documents[0].origin == s(dir / "feed") + ":3");
  // Compressed, with a name that says nothing: decompressed, then sniffed.
  write_file(dir / "feed.gz", gzip(records("z", 3)));
  CHECK(ids(read_inputs({s(dir / "feed.gz")})) == std::vector<std::string>{"z0", "z1", "z2"});
  // Text, with and without a newline; and the same bytes read by name as text.
  write_file(dir / "story", "A story\nin two lines");
  write_file(dir / "oneline", "no newline at all");
  const auto text = read_inputs({s(dir / "story"), s(dir / "oneline")});
  CHECK(ids(text) == std::vector<std::string>{"story", "oneline"});
  CHECK(text.documents[0].text == "A story\nin two lines");
  CHECK(text.warnings.empty());
  IngestOptions as_text;
  as_text.input_format = InputFormat::text;
  const auto forced = read_inputs({s(dir / "feed")}, as_text);
  REQUIRE(forced.documents.size() == 1);
  REQUIRE(forced.warnings.size() == 1);
  CHECK(forced.warnings[0].message.find("line 3 is a JSON Lines record") != std::string::npos);
}

TEST_CASE("ingest: sniffing a pipe hands on its first line before the next arrives") {
  TempDir dir;
  REQUIRE(::mkfifo(s(dir / "feed").c_str(), 0600) == 0);
  RecordingSink sink;
  std::thread reader([&] { read_inputs({s(dir / "feed")}, sink); });
  {
    std::ofstream out(dir / "feed", std::ios::binary);
    out << R"({"id":"a","text":"one"})" "\n" << std::flush;
    CHECK(sink.wait_for(1));
    out << R"({"id":"b","text":"two"})" "\n" << std::flush;
    CHECK(sink.wait_for(2));
  }
  reader.join();
  CHECK(sink.seen() == std::vector<std::string>{"doc a", "doc b"});
}

TEST_CASE("ingest: control characters count toward binary, in valid UTF-8 too") {
  CHECK(detail::count_control_characters("plain text\t\n\r\f\v") == 0);
  CHECK(detail::count_control_characters("\x01\x07\x1b\x7f") == 4);
  CHECK(detail::count_control_characters("\xC2\x9B\xC2\x85 \xC2\xA0") == 2);  // C1, not NBSP
  TempDir dir;
  std::string bell(100, '\x07');
  write_file(dir / "bells.txt", bell + " ring");
  write_file(dir / "colour.txt", "\x1b[31mred\x1b[0m words in a terminal capture of some length");
  const auto r = read_inputs({s(dir / "bells.txt"), s(dir / "colour.txt")});
  CHECK(reason_for(r, s(dir / "bells.txt")) == "binary file (100 control characters in 105 bytes)");
  CHECK(ids(r) == std::vector<std::string>{"colour.txt"});
}
