#!/usr/bin/env bash
# The benchmark suite in one command: builds if needed (scripts/setup.sh), then runs
# wiretrace-bench on generated corpora of 10,000 and 100,000 articles with 1 thread and all
# cores (best of 3 runs each; 1,000,000 articles run once), prints the table and writes
# bench-results.json.
#   scripts/bench.sh                 # 10k and 100k
#   scripts/bench.sh --million       # adds 1,000,000 articles
#   scripts/bench.sh --micro         # also the Google Benchmark kernels (wiretrace-micro)
#   scripts/bench.sh -- --articles 5000 --threads 1,2   # anything after -- goes to wiretrace-bench
# Environment: BUILD_DIR (default build), BENCH_WORK_DIR (cached corpora, default
# $BUILD_DIR/bench-corpora), BENCH_JSON (default bench-results.json).
# Exit code: wiretrace-bench's (0 every check passed, 1 a check failed, 2 usage), or 1 when the
# build fails.
set -euo pipefail
cd "$(dirname "$0")/.."

million=()
micro=0
extra=()
while (($#)); do
  case "$1" in
    --million) million=(--million) ;;
    --micro) micro=1 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

build_dir="${BUILD_DIR:-build}"
BUILD_DIR="$build_dir" scripts/setup.sh

bench="$build_dir/bench/perf/wiretrace-bench"
if [ ! -x "$bench" ]; then
  echo "bench.sh: $bench was not built: bench/CMakeLists.txt needs add_subdirectory(perf)" >&2
  exit 1
fi

label="$(git describe --always --dirty 2>/dev/null || echo unknown)"
work_dir="${BENCH_WORK_DIR:-$build_dir/bench-corpora}"
json="${BENCH_JSON:-bench-results.json}"

args=(--work-dir "$work_dir" --json "$json" --label "$label" "${million[@]}")
# Sizes or repeats given after -- replace the default ones.
[[ " ${extra[*]} " == *" --articles"* ]] || args+=(--articles 10000,100000)
[[ " ${extra[*]} " == *" --repeat"* ]] || args+=(--repeat 3)

status=0
"$bench" "${args[@]}" "${extra[@]}" || status=$?

if ((micro)); then
  micro_bin="$build_dir/bench/perf/wiretrace-micro"
  if [ -x "$micro_bin" ]; then
    echo
    "$micro_bin" || status=$?
  else
    echo "bench.sh: $micro_bin was not built (Debian package libbenchmark-dev missing?)" >&2
    status=1
  fi
fi
exit "$status"
