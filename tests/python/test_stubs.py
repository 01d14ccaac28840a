"""The type stubs (src/python/__init__.pyi) name exactly the keywords the module takes: a stub
keyword the module refuses misleads every editor and type checker, and a parameter the module
takes that the stub lacks is invisible to them."""
import ast
import pathlib
import re

import pytest

wiretrace = pytest.importorskip("wiretrace", reason="the Python module was not built")
from conftest import ROOT, run_cli

STUB = ROOT / "src" / "python" / "__init__.pyi"


def stub_keywords(function, method=None):
    for node in ast.parse(STUB.read_text(encoding="utf-8")).body:
        if method is None and isinstance(node, ast.FunctionDef) and node.name == function:
            return [a.arg for a in node.args.kwonlyargs]
        if method is not None and isinstance(node, ast.ClassDef) and node.name == function:
            for f in node.body:
                if isinstance(f, ast.FunctionDef) and f.name == method:
                    return [a.arg for a in f.args.kwonlyargs]
    raise AssertionError(f"no {function} {method or ''} in {STUB}")


def refused(call, keyword):
    """Whether the module refuses `keyword` as unknown (a wrong value is refused otherwise)."""
    try:
        call(**{keyword: object()})
    except TypeError as e:
        return "unexpected keyword" in str(e)
    except Exception:  # noqa: BLE001  (a bad value, or a missing file: the keyword was taken)
        return False
    return False


def flag_parameters(cli, command, parameters):
    """The parameters (names of a report's "parameters" block) that `command` has flags for."""
    _, out, _ = run_cli(cli, command, "--help")
    flags = {m.replace("-", "_") for m in re.findall(r"--([a-z][a-z-]+)", out)}
    return flags & set(parameters)


@pytest.fixture(scope="module")
def parameters(seeds):
    return wiretrace.cluster(str(seeds), timings=False)["parameters"]


@pytest.mark.parametrize("name,command", [("cluster", "cluster"), ("compare", "compare"), ("Index", "dedup")])
def test_stub_keywords_are_the_modules(name, command, seeds, tmp_path, cli, parameters):
    a = str(seeds / "000_977f0c954ba00d2b.txt")
    if name == "cluster":
        call, keywords = (lambda **k: wiretrace.cluster(str(seeds), **k)), stub_keywords("cluster")
    elif name == "compare":
        call, keywords = (lambda **k: wiretrace.compare(a, a, **k)), stub_keywords("compare")
    else:
        call, keywords = (lambda **k: wiretrace.Index(str(tmp_path / "i.idx"), **k)), stub_keywords("Index", "__init__")
    assert keywords
    assert [k for k in keywords if refused(call, k)] == []
    assert sorted(flag_parameters(cli, command, parameters) - set(keywords)) == []
