#!/usr/bin/env bash
# Accuracy checks that print their figures (run scripts/setup.sh first).
#   scripts/evaluate.sh generated [ARTICLES] [BASE_DIR]   generated corpus with known truth:
#                                                        family pair F1, reused bytes, originals
#   scripts/evaluate.sh bbc DIR                          BBC News: the listed duplicate groups
#                                                        (DIR a folder, or JSON Lines from scripts/bbc-jsonl.py)
# SEED (default 20261123) and GEN_OPTS (extra wiretrace-gen options) change the generated corpus:
#   SEED=7 GEN_OPTS="--publishers 256 --same-publisher-fraction 0.15 --one-off-fraction 0.2" \
#     scripts/evaluate.sh generated 10000
#   scripts/evaluate.sh pan13 DIR                        PAN 2013 text alignment: plagdet per subset
#                                                        (HALF=odd|even|all)
#   scripts/evaluate.sh counter DIR                      COUNTER (counter-dev): its articles pooled in
#                                                        one cluster run, labelled pairs linked per label
#                                                        (HALF=tune|held|all; CLUSTER_OPTS, e.g.
#                                                        "--rewrite-link-cosine 0.4")
# Any mode: CLUSTER_OPTS are passed to wiretrace cluster.
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
    # shellcheck disable=SC2086  # GEN_OPTS is a list of options
    "$build/bench/wiretrace-gen" --articles "$articles" --seed "${SEED:-20261123}" "${base[@]}" ${GEN_OPTS:-} \
      -o "$work/corpus.jsonl" --truth "$work/truth.jsonl"
    # shellcheck disable=SC2086  # CLUSTER_OPTS is a list of options
    "$build/wiretrace" cluster --quiet --format json ${CLUSTER_OPTS:-} -o "$work/report.json" "$work/corpus.jsonl"
    "$build/bench/wiretrace-eval" families --truth "$work/truth.jsonl" --report "$work/report.json"
    if "$build/bench/wiretrace-eval" --help 2>/dev/null | grep -q passages; then
      "$build/bench/wiretrace-eval" passages --truth "$work/truth.jsonl" --report "$work/report.json"
    fi
    ;;
  bbc)
    dir="${2:?usage: scripts/evaluate.sh bbc DIR}"
    # shellcheck disable=SC2086
    "$build/wiretrace" cluster --quiet --format json ${CLUSTER_OPTS:-} -o "$work/report.json" "$dir"
    groups="$dir/exact_duplicate_groups.tsv"
    [ -f "$dir" ] && groups="${GROUPS_TSV:?give GROUPS_TSV=…/exact_duplicate_groups.tsv for a JSON Lines file}"
    "$build/bench/wiretrace-eval" groups --groups "$groups" --report "$work/report.json"
    ;;
  pan13)
    dir="${2:?usage: scripts/evaluate.sh pan13 DIR}"
    "$build/bench/wiretrace-pan13" --corpus "$dir" --wiretrace "$build/wiretrace" --half "${HALF:-all}"
    ;;
  counter)
    dir="${2:?usage: scripts/evaluate.sh counter DIR}"
    # shellcheck disable=SC2086
    "$build/wiretrace" cluster --quiet --format json ${CLUSTER_OPTS:-} -o "$work/report.json" "$dir/corpus.jsonl"
    "$build/bench/wiretrace-eval" labels --labels "$dir/labels.json" --report "$work/report.json" --half "${HALF:-all}"
    ;;
  *)
    sed -n '2,16p' "$0" >&2
    exit 2
    ;;
esac
