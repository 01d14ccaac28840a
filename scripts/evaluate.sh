#!/usr/bin/env bash
# Accuracy checks that print their figures (run scripts/setup.sh first).
#   scripts/evaluate.sh generated [ARTICLES] [BASE_DIR]   generated corpus with known truth:
#                                                        family pair F1, reused bytes, originals
#   scripts/evaluate.sh bbc DIR                          BBC News: the listed duplicate groups
#   scripts/evaluate.sh pan13 DIR                        PAN 2013 text alignment: plagdet per subset
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD_DIR:-build}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

case "${1:-}" in
  generated)
    articles="${2:-1000}"
    base=()
    if [ -n "${3:-}" ]; then
      base=(--base-dir "$3")
      [ -f "$3/exact_duplicate_groups.tsv" ] && base+=(--exclude-groups "$3/exact_duplicate_groups.tsv")
    fi
    "$build/bench/wiretrace-gen" --articles "$articles" --seed 20261123 "${base[@]}" \
      -o "$work/corpus.jsonl" --truth "$work/truth.jsonl"
    "$build/wiretrace" cluster --quiet --format json -o "$work/report.json" "$work/corpus.jsonl"
    "$build/bench/wiretrace-eval" families --truth "$work/truth.jsonl" --report "$work/report.json"
    if "$build/bench/wiretrace-eval" --help 2>/dev/null | grep -q passages; then
      "$build/bench/wiretrace-eval" passages --truth "$work/truth.jsonl" --report "$work/report.json"
    fi
    ;;
  bbc)
    dir="${2:?usage: scripts/evaluate.sh bbc DIR}"
    "$build/wiretrace" cluster --quiet --format json -o "$work/report.json" "$dir"
    "$build/bench/wiretrace-eval" groups --groups "$dir/exact_duplicate_groups.tsv" --report "$work/report.json"
    ;;
  pan13)
    dir="${2:?usage: scripts/evaluate.sh pan13 DIR}"
    "$build/bench/wiretrace-pan13" --corpus "$dir" --wiretrace "$build/wiretrace"
    ;;
  *)
    sed -n '2,6p' "$0" >&2
    exit 2
    ;;
esac
