#!/usr/bin/env bash
# Regenerates the golden reports that tests/test_golden.cpp compares byte for byte with what
# `wiretrace cluster --quiet --no-timing --format json` prints today:
#   fixtures/golden/seeds.cluster.json       on fixtures/seeds
#   fixtures/golden/generated.cluster.json   on fixtures/golden/generated.jsonl
# Run it after a change that is meant to change reports, read `git diff fixtures/golden` (the
# diff is the change in behaviour), and commit the new files with the change.
# generated.jsonl is a committed input (200 articles of wiretrace-gen --seed 2026), so a change
# to the generator does not move the golden reports; --corpus writes it again from the generator.
#
#   scripts/update-golden.sh [--corpus]        (BUILD_DIR=build by default; it is built first)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD_DIR:-build}"
golden=fixtures/golden
corpus=false
case "${1:-}" in
  --corpus) corpus=true ;;
  "") ;;
  *) echo "usage: scripts/update-golden.sh [--corpus]" >&2; exit 2 ;;
esac

cmake --build "$build" --target wiretrace_cli wiretrace_gen_cli >/dev/null
mkdir -p "$golden"
if $corpus || [ ! -f "$golden/generated.jsonl" ]; then
  truth="$(mktemp)"
  trap 'rm -f "$truth"' EXIT
  "$build/bench/wiretrace-gen" --articles 200 --seed 2026 -o "$golden/generated.jsonl" --truth "$truth"
fi
# The same commands as tests/test_golden.cpp.
"$build/wiretrace" cluster --quiet --no-timing --format json fixtures/seeds > "$golden/seeds.cluster.json"
"$build/wiretrace" cluster --quiet --no-timing --format json "$golden/generated.jsonl" \
  > "$golden/generated.cluster.json"
git status --short -- "$golden"
