"""wiretrace.cluster: the report of `wiretrace cluster --format json` as Python objects."""
import datetime
import json
import pathlib

import pytest

wiretrace = pytest.importorskip("wiretrace", reason="the Python module was not built")
from conftest import read_jsonl, run_cli


def cli_report(cli, path, *flags):
    code, out, err = run_cli(cli, "cluster", "--quiet", "--no-timing", "--format", "json", *flags, path)
    assert code == 0, err
    return json.loads(out)


def test_seeds_family_is_000_and_002(seeds):
    report = wiretrace.cluster(str(seeds))
    assert [sorted(m[:3] for m in f["members"]) for f in report["families"]] == [["000", "002"]]
    roles = {d["id"][:3]: d["role"] for d in report["documents"]}
    assert roles == {"000": "original", "001": "unique", "002": "copy", "003": "unique", "004": "unique"}
    assert report["stats"]["documents"] == 5 and report["stats"]["seconds"] is not None


def test_path_like_and_list_of_paths(seeds):
    one = wiretrace.cluster(pathlib.Path(seeds), timings=False)
    files = sorted(pathlib.Path(seeds).iterdir())
    many = wiretrace.cluster(files, timings=False)
    assert [d["id"] for d in one["documents"]] == [p.name for p in files]
    assert one == many


def test_seeds_report_equals_the_cli_json(cli, seeds):
    assert wiretrace.cluster(str(seeds), timings=False) == cli_report(cli, seeds)


def test_passages_equal_the_cli_json_on_a_generated_corpus(cli, generate):
    corpus = generate(300, 11)
    expected = cli_report(cli, corpus)
    assert expected["stats"]["families"] > 5  # the comparison is about something
    from_path = wiretrace.cluster(str(corpus), timings=False, threads=2)
    assert from_path == expected
    # The same records given as dicts: same families, documents and passages.
    from_dicts = wiretrace.cluster(read_jsonl(corpus), timings=False, threads=1)
    assert from_dicts["families"] == expected["families"]
    assert from_dicts["documents"] == expected["documents"]
    assert sum(len(d["passages"]) for d in from_dicts["documents"]) > 0


def test_params_reach_the_library(cli, generate):
    corpus = generate(300, 11)
    strict = wiretrace.cluster(str(corpus), timings=False, min_run_words=40, anchor_words=20)
    assert strict == cli_report(cli, corpus, "--min-run-words", "40", "--anchor-words", "20")
    assert strict["parameters"]["min_run_words"] == 40
    assert strict["stats"]["families"] < wiretrace.cluster(str(corpus))["stats"]["families"]


def test_metadata_is_carried_and_dates_parsed():
    text = "A long enough article about the harbour and its new crane, said the port authority."
    report = wiretrace.cluster([
        {"id": 7, "text": text, "title": "Crane", "source": "afp", "published": 1729844400, "lang": "en"},
        {"id": "b", "text": text + " More.", "published": "Fri, 25 Oct 2024 06:00:00 GMT", "url": None},
    ], timings=False)
    a, b = report["documents"]
    assert a["id"] == "7" and a["title"] == "Crane" and a["source"] == "afp" and a["lang"] == "en"
    assert a["published"] == "2024-10-25T08:20:00Z"
    assert b["published"] == "Fri, 25 Oct 2024 06:00:00 GMT" and "url" not in b
    assert report["warnings"] == []
    dated = wiretrace.cluster([{"id": "d", "text": text, "published": datetime.date(2024, 10, 25)}])
    assert dated["documents"][0]["published"] == "2024-10-25" and dated["warnings"] == []


def test_bad_records_are_rejected_with_the_cli_words(cli, tmp_path):
    records = [
        {"id": "ok", "text": "fine text here"},
        {"id": "no-text"},
        {"text": "no id"},
        {"id": "blank", "text": "   \n"},
        {"id": "ok", "text": "the same id again"},
        {"id": "typed", "text": 5},
        {"id": ["x"], "text": "t"},
        {"id": "big", "text": "x" * 101},
    ]
    report = wiretrace.cluster(records, max_bytes=100, timings=False)
    reasons = [(r["input"], r["reason"]) for r in report["rejected"]]
    # The CLI's words for the same records in JSON Lines (only the place differs: file:line).
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records))
    expected = cli_report(cli, feed, "--max-bytes", "100")["rejected"]
    assert [r for _, r in reasons] == [e["reason"].replace(f"{feed}:1", "articles[0]") for e in expected]
    assert [i for i, _ in reasons] == ["articles[1]", "articles[2]", "articles[3]", "articles[4]",
                                       "articles[5]", "articles[6]", "articles[7]"]
    assert report["stats"]["documents"] + report["stats"]["rejected"] == len(records)


def test_on_error_fail_raises_bad_input_naming_the_record():
    with pytest.raises(wiretrace.BadInputError, match=r'^articles\[1\]: missing "text"$') as e:
        wiretrace.cluster([{"id": "a", "text": "x y z"}, {"id": "b"}], on_error="fail")
    assert isinstance(e.value, ValueError)


def test_wrongly_typed_optional_field_is_a_warning():
    report = wiretrace.cluster([{"id": "a", "text": "some words", "source": 7, "published": "soon"}])
    assert report["rejected"] == []
    assert [w["message"] for w in report["warnings"]] == [
        '"source" is an integer, not a string; ignored', 'unparseable "published" value "soon"; ignored']


def test_keyword_errors():
    with pytest.raises(TypeError, match="unexpected keyword argument 'min_run_word'"):
        wiretrace.cluster([], min_run_word=12)
    with pytest.raises(ValueError, match=r"^invalid parameter: shingle_k is 40, must be in \[1, 32\]$"):
        wiretrace.cluster([], shingle_k=40)
    # As on the command line, anchor_words follows min_run_words unless given ...
    assert wiretrace.cluster([], min_run_words=6)["parameters"]["anchor_words"] == 6
    # ... and a contradiction the caller wrote is named, with the fix.
    with pytest.raises(ValueError, match=r"min_run_words \(6\) must be at least anchor_words \(8\)"):
        wiretrace.cluster([], min_run_words=6, anchor_words=8)
    with pytest.raises(TypeError, match="threads must be an int, not str"):
        wiretrace.cluster([], threads="2")
    with pytest.raises(ValueError, match="on_error must be one of 'skip', 'fail'"):
        wiretrace.cluster([], on_error="ignore")
    with pytest.raises(TypeError, match=r"articles\[0\] is a str"):
        wiretrace.cluster(iter(["not a dict"]))


def test_missing_path_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError, match="no-such-folder"):
        wiretrace.cluster(str(tmp_path / "no-such-folder"))


def test_help_teaches():
    doc = wiretrace.cluster.__doc__
    for words in ("articles", "min_run_words=12", "threads=0", "on_error='skip'", "families", "Example"):
        assert words in doc


def test_char_offsets_index_the_str(generate):
    # Non-ASCII everywhere: every passage's str slice must be the same text as its byte slice.
    records = read_jsonl(generate(200, 13))
    accents = str.maketrans({"a": "ä", "o": "ø", "e": "€", "s": "ß", "i": "ı"})
    for r in records:
        r["text"] = "«Ünïcødé» — " + r["text"].translate(accents)
    texts = {r["id"]: r["text"] for r in records}
    plain = wiretrace.cluster(records, timings=False)
    report = wiretrace.cluster(records, timings=False, char_offsets=True)
    checked = 0
    for doc, same in zip(report["documents"], plain["documents"]):
        text = texts[doc["id"]]
        assert len(doc["passages"]) == len(same["passages"])
        for p in doc["passages"]:
            assert text[p["char_start"]:p["char_end"]] == text.encode()[p["start"]:p["end"]].decode()
            if p["source"] is not None:
                source = texts[p["source"]]
                assert (source[p["source_char_start"]:p["source_char_end"]]
                        == source.encode()[p["source_start"]:p["source_end"]].decode())
                assert p["source_char_start"] < p["source_start"]
                checked += 1
            for k in ("char_start", "char_end", "source_char_start", "source_char_end"):
                p.pop(k, None)
        assert doc == same  # char_offsets only adds fields
    assert checked > 50
    assert report["families"] == plain["families"]
