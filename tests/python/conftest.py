"""Shared fixtures of the Python tests (run by CTest as `python3 -m pytest tests/python`).

CTest sets PYTHONPATH to the build's python/ folder and WIRETRACE_PYTHON_BUILT=1: then a module
that fails to import fails every test. Run by hand without the module, they are skipped.
"""
import json
import os
import pathlib
import subprocess

import pytest

if os.environ.get("WIRETRACE_PYTHON_BUILT"):
    import wiretrace  # noqa: F401  (the module was built: an import error is a failure)
# Each test module imports it with pytest.importorskip: without the module, it is skipped.

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _program(env, *candidates):
    path = os.environ.get(env)
    if path:
        return path
    for c in candidates:
        if (ROOT / c).exists():
            return str(ROOT / c)
    pytest.skip(f"{env} is not set and the program is not in build/")


@pytest.fixture(scope="session")
def cli():
    return _program("WIRETRACE_CLI", "build/wiretrace")


@pytest.fixture(scope="session")
def seeds():
    return pathlib.Path(os.environ.get("WIRETRACE_FIXTURES", ROOT / "fixtures")) / "seeds"


@pytest.fixture(scope="session")
def generate(tmp_path_factory):
    """generate(articles, seed) -> path of a generated JSON Lines corpus (bench/gen)."""
    gen = _program("WIRETRACE_GEN", "build/bench/wiretrace-gen")
    made = {}

    def make(articles, seed):
        key = (articles, seed)
        if key not in made:
            d = tmp_path_factory.mktemp(f"gen{articles}_{seed}")
            corpus = d / "corpus.jsonl"
            subprocess.run([gen, "--articles", str(articles), "--seed", str(seed), "-o", str(corpus),
                            "--truth", str(d / "truth.jsonl")], check=True, capture_output=True)
            made[key] = corpus
        return made[key]

    return make


def run_cli(cli, *args, input=None):
    """Runs the CLI; returns (exit code, stdout, stderr)."""
    r = subprocess.run([cli, *map(str, args)], input=input, capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
