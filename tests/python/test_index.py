"""wiretrace.Index: the feed index of `wiretrace dedup`, shared with the CLI."""
import json

import pytest

wiretrace = pytest.importorskip("wiretrace", reason="the Python module was not built")
from conftest import read_jsonl, run_cli


def dedup_lines(cli, index, feed, *flags):
    code, out, err = run_cli(cli, "dedup", "--emit", "decisions", "--quiet", "--index", index, *flags, feed)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


@pytest.fixture
def feed(generate):
    return read_jsonl(generate(200, 23))


def test_decisions_equal_the_cli_lines(cli, tmp_path, feed):
    expected = dedup_lines(cli, tmp_path / "cli.idx", write_jsonl(tmp_path / "feed.jsonl", feed))
    with wiretrace.Index(tmp_path / "py.idx") as index:
        got = index.add_many(feed[:50]) + [index.add(r) for r in feed[50:120]] + index.add_many(iter(feed[120:]))
    assert got == expected
    assert {d["decision"] for d in got} == {"new", "copy", "duplicate"}


def test_python_adds_the_cli_sees_and_back(cli, tmp_path, feed):
    path = tmp_path / "shared.idx"
    first, second = feed[:100], feed[100:]
    with wiretrace.Index(str(path)) as index:
        by_python = index.add_many(first)
        # The CLI, on the index Python holds open: what Python added is seen, with its decision.
        again = dedup_lines(cli, path, write_jsonl(tmp_path / "first.jsonl", first))
        assert [line.pop("seen") for line in again] == [True] * len(first)
        assert again == by_python
        # The CLI adds the rest; Python's open index sees them at its next add.
        by_cli = dedup_lines(cli, path, write_jsonl(tmp_path / "second.jsonl", second))
        assert not any(line.get("seen") for line in by_cli)
        seen = [index.add(r) for r in second]
        assert all(line.pop("seen") for line in seen)
        assert seen == by_cli
        assert len(index) == len(feed)


def test_stats_and_export_equal_the_cli(cli, tmp_path, feed):
    path = tmp_path / "x.idx"
    with wiretrace.Index(path) as index:
        index.add_many(feed)
    with wiretrace.Index(path) as index:
        stats, exported = index.stats(), index.export()
    code, out, err = run_cli(cli, "index", "stats", "--json", path)
    assert code == 0, err
    expected = json.loads(out)
    for size in ("bytes_on_disk", "bytes_per_article"):  # the WAL may since have been checkpointed
        stats.pop(size), expected.pop(size)
    assert stats == expected and stats["articles"] == len(feed)
    code, out, err = run_cli(cli, "index", "export", path)
    assert code == 0, err
    assert exported == json.loads(out)
    assert exported["stats"]["families"] == stats["families"] > 0


def test_bad_input(tmp_path):
    with wiretrace.Index(tmp_path / "bad.idx") as index:
        with pytest.raises(wiretrace.BadInputError, match='^article: missing "text"$'):
            index.add({"id": "x"})
        with pytest.raises(TypeError, match="article is a list"):
            index.add(["id", "text"])
        lines = index.add_many([{"id": "a", "text": "one two three"}, {"id": "b", "text": ""},
                                {"id": "a", "text": "again"}])
        assert [line["decision"] for line in lines] == ["new", "rejected", "rejected"]
        # As `dedup --emit decisions` writes it: the id too, when the record had one.
        assert lines[1] == {"id": "b", "input": "articles[1]", "decision": "rejected", "reason": "empty text"}
        assert lines[2]["reason"] == 'duplicate id "a" (first seen at articles[0])'
        assert len(index) == 1
        with pytest.warns(UserWarning, match=r'^article: "source" is an integer, not a string; ignored$'):
            assert index.add({"id": "e", "text": "seven eight nine", "source": 7})["decision"] == "new"
    with wiretrace.Index(tmp_path / "bad.idx", on_error="fail") as index:
        with pytest.raises(ValueError, match=r'^articles\[1\]: "text" must be a string$'):
            index.add_many([{"id": "c", "text": "four five six"}, {"id": "d", "text": 4}])
        assert len(index) == 3  # the article before the bad one is decided and committed


def test_params_and_closing(tmp_path):
    path = tmp_path / "p.idx"
    index = wiretrace.Index(path, seed=1)
    index.close()
    assert index.closed
    with pytest.raises(ValueError, match="closed"):
        index.add({"id": "x", "text": "y"})
    with pytest.raises(ValueError):  # made with another seed: sketches must not be mixed
        wiretrace.Index(path)
    with pytest.raises(TypeError, match="unexpected keyword argument 'window'"):
        wiretrace.Index(path, seed=1, window=3)
    with pytest.raises(ValueError, match=r"invalid parameter: num_perm is \d+, must be in \[8, 4096\]"):
        wiretrace.Index(path, num_perm=4)


def test_a_held_lock_raises_index_busy(tmp_path):
    import sqlite3

    path = tmp_path / "busy.idx"
    with wiretrace.Index(path) as index:
        index.add({"id": "a", "text": "one two three four"})
    index = wiretrace.Index(path, busy_timeout_ms=50)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock, as a running dedup does
    try:
        with pytest.raises(wiretrace.IndexBusyError, match="is locked by another process") as e:
            index.add({"id": "b", "text": "five six seven eight"})
        assert isinstance(e.value, TimeoutError)
        with pytest.raises(wiretrace.IndexBusyError):  # opening takes the lock too
            wiretrace.Index(path, busy_timeout_ms=50)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    index.close()
    with wiretrace.Index(path) as index:
        assert index.add({"id": "b", "text": "five six seven eight"})["decision"] == "new"
        assert len(index) == 2
