"""CTest's entry to the Python tests: pytest over this folder, or exit 77 (CTest: skipped) when
pytest is not installed (scripts/setup.sh installs python3-pytest with --test only)."""
import importlib.util
import pathlib
import sys

if importlib.util.find_spec("pytest") is None:
    print("pytest is not installed (Debian: python3-pytest; scripts/setup.sh --test): skipped")
    sys.exit(77)

import pytest  # noqa: E402

sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", str(pathlib.Path(__file__).parent), *sys.argv[1:]]))
