"""wiretrace.compare: shared passages with byte and character offsets."""
import json
import pathlib

import pytest

wiretrace = pytest.importorskip("wiretrace", reason="the Python module was not built")
from conftest import run_cli

WIRE = ("Der Bürgermeister von Zürich erklärte am Freitag, dass die Straßenbahn über die Brücke "
        "künftig bis nach Örlikon fahren werde, während die Bauarbeiten an der Haltestelle "
        "Löwenplatz noch drei Monate dauern sollen. Kritiker äußerten Bedenken wegen der Kosten.")


def test_character_offsets_on_non_ascii_text():
    a = "Eilmeldung — " + WIRE
    b = "Von unserem Korrespondenten in Genf: «Neu» ✓. " + WIRE.replace("Freitag", "Donnerstag") + " Ende."
    c = wiretrace.compare(a, b)
    assert c["shared"], c
    for p in c["shared"]:
        # Character offsets slice the str exactly where the byte offsets slice its UTF-8.
        assert a[p["a_char_start"]:p["a_char_end"]] == a.encode()[p["a_start"]:p["a_end"]].decode()
        assert b[p["b_char_start"]:p["b_char_end"]] == b.encode()[p["b_start"]:p["b_end"]].decode()
        assert p["a_char_start"] < p["a_start"]  # non-ASCII before it: the two offsets differ
    texts = list(wiretrace.passage_texts(a, b, c))
    assert len(texts) == len(c["shared"])
    assert texts[0][0].startswith("Der Bürgermeister") and texts[-1][0].endswith("Kosten")
    for start, end in c["added_b_chars"]:
        assert b[start:end].strip()


def test_equals_the_cli_compare_json(cli, seeds):
    a, b = sorted(pathlib.Path(seeds).glob("000_*")), sorted(pathlib.Path(seeds).glob("002_*"))
    c = wiretrace.compare(a[0], b[0])
    code, out, err = run_cli(cli, "compare", "--format", "json", a[0], b[0])
    assert code == 0, err
    expected = json.loads(out)
    mine = {k: c[k] for k in expected}
    mine["shared"] = [{k: p[k] for k in ("a_start", "a_end", "b_start", "b_end", "words", "match")} for p in c["shared"]]
    mine["added_a"] = [list(r) for r in c["added_a"]]
    mine["added_b"] = [list(r) for r in c["added_b"]]
    assert mine == expected
    assert c["shared_words"] > 100


def test_articles_as_dicts_and_unreadable_ones():
    c = wiretrace.compare({"id": "wire", "text": WIRE}, {"id": "copy", "text": WIRE})
    assert (c["a"], c["b"]) == ("wire", "copy") and c["shared_words"] == c["a_words"]
    with pytest.raises(wiretrace.BadInputError, match='^b: empty text$'):
        wiretrace.compare(WIRE, {"id": "x", "text": " "})
    with pytest.raises(wiretrace.BadInputError, match='^a: missing "text"$'):
        wiretrace.compare({"id": "x"}, WIRE)
