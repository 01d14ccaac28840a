#!/usr/bin/env bash
# Runs every test, in three parts, after `scripts/setup.sh --test` (which installs what they need
# and builds build/):
#   ctest     the CTest suite in build/ (the Release build)
#   sanitize  the unit tests built with AddressSanitizer + UndefinedBehaviorSanitizer (g++) in
#             build-sanitize/, every report fatal
#   fuzz      the libFuzzer targets (clang) built in build-fuzz/, each run for FUZZ_SECONDS on a
#             copy of its seed corpus (fixtures/fuzz/<target>/ is only read)
# Every part runs even when an earlier one fails; the exit status is non-zero when any failed.
#   scripts/test.sh                     # all three
#   scripts/test.sh sanitize fuzz       # only these parts
#   FUZZ_SECONDS=600 scripts/test.sh fuzz
# Environment: FUZZ_SECONDS (default 30), FUZZ_RSS_MB (2048), JOBS (build jobs, default 2).
set -uo pipefail
cd "$(dirname "$0")/.."

# 30 s per target: in CI the fuzzers replay their saved corpus (fixtures/fuzz, where every input
# that found a bug stays) and look for new inputs a while; long searches are run by hand
# (FUZZ_SECONDS=600). The whole test command must stay under 10 minutes on 2 cores.
fuzz_seconds="${FUZZ_SECONDS:-30}"
fuzz_rss_mb="${FUZZ_RSS_MB:-2048}"
jobs="${JOBS:-2}"
fuzz_targets=(jsonl tokenize)

parts=()
for arg in "$@"; do
  case "$arg" in
    ctest|sanitize|fuzz) parts+=("$arg") ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "test: unknown part $arg (ctest, sanitize, fuzz)" >&2; exit 2 ;;
  esac
done
((${#parts[@]})) || parts=(ctest sanitize fuzz)

summary=()
failed=0
now() { date +%s; }
note() { echo "test: $*" >&2; }

# Builds quietly into $1/build.log; on failure shows the end of it.
build() {
  local dir="$1"; shift
  mkdir -p "$dir"
  if ! { cmake -S . -B "$dir" -G Ninja "$@" && cmake --build "$dir" --parallel "$jobs" --target "${targets[@]}"; } \
      >"$dir/build.log" 2>&1; then
    tail -n 40 "$dir/build.log" >&2
    note "the build in $dir failed; the whole log is $dir/build.log"
    return 1
  fi
}

run_ctest() {
  if [ ! -f build/CTestTestfile.cmake ]; then
    note "build/ is not configured: run scripts/setup.sh first"
    return 1
  fi
  ctest --test-dir build --output-on-failure --timeout 600 -j"$jobs"
}

run_sanitize() {
  local t0 t1 t2
  t0=$(now)
  note "sanitize: building the unit tests with ASan + UBSan in build-sanitize (log: build-sanitize/build.log)"
  # -O0 compiles in 60% of the CPU time of -O1 (2 of 6 minutes on 2 cores) and the tests take
  # 30 s longer; -g1 gives reports line numbers. g++, not clang: clang 14 cannot compile the
  # tests (C++20 lambdas capturing structured bindings). The generator and evaluator are built
  # too: the CLI tests run them.
  targets=(wiretrace_tests)
  # A unity build, as scripts/setup.sh makes (~45% less compile time).
  build build-sanitize -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O0 -g1" -DWIRETRACE_SANITIZE=ON \
    -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8 || return 1
  t1=$(now)
  # The browser tests (tests/test_html.cpp) stay in: they spawn Debian's Chromium, which is not
  # instrumented, but the sanitized wiretrace writes the page they open (about 6 s in all).
  # The dedup SIGKILL test stays in too: it kills after a count of fresh lines, each written
  # after its commit, so what it checks does not depend on how fast the sanitized build runs.
  ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:${ASAN_OPTIONS:-}" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}" \
    ctest --test-dir build-sanitize --output-on-failure --timeout 600 -j"$jobs"
  local status=$?
  t2=$(now)
  detail="build $((t1 - t0)) s, tests $((t2 - t1)) s"
  return $status
}

# Last "Done N runs" and the final stats of a libFuzzer log, in a few words.
fuzz_stats() {
  local log="$1" runs execs cov corpus
  runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -n 1 | cut -d' ' -f2)
  execs=$(grep -o 'average_exec_per_sec: *[0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  corpus=$(grep -o 'corp: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  echo "${runs:-?} runs, ${execs:-?}/s, cov ${cov:-?}, corpus ${corpus:-?}"
}

run_fuzz() {
  local t0 t1 t2
  t0=$(now)
  if ! command -v clang++ >/dev/null || [ ! -d /usr/lib/llvm-14/lib/clang ]; then
    note "fuzz: clang++ and its runtimes are missing: run scripts/setup.sh --test"
    return 1
  fi
  note "fuzz: building the fuzz targets with clang, libFuzzer, ASan + UBSan in build-fuzz (log: build-fuzz/build.log)"
  targets=()
  for t in "${fuzz_targets[@]}"; do targets+=("wiretrace_fuzz_$t"); done
  # -O1: executions per second matter more here than build time (the library alone is built).
  # File by file, not a unity build: this is the one build that compiles each library source on
  # its own, so a source missing an #include it needs fails here.
  build build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" -DWIRETRACE_FUZZ=ON -DCMAKE_UNITY_BUILD=OFF \
    -DWIRETRACE_BUILD_TESTS=OFF -DWIRETRACE_BUILD_BENCH=OFF || return 1
  t1=$(now)

  # The targets run side by side, one per core. New inputs go to build-fuzz/corpus/<target>
  # (kept between runs, so local runs build on earlier ones); crashes to build-fuzz/artifacts/.
  mkdir -p build-fuzz/artifacts build-fuzz/logs
  local pids=() t
  for t in "${fuzz_targets[@]}"; do
    mkdir -p "build-fuzz/corpus/$t"
    cp -n fixtures/fuzz/"$t"/* "build-fuzz/corpus/$t/"
    note "fuzz: $t for ${fuzz_seconds} s (log: build-fuzz/logs/$t.log)"
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}" \
    build-fuzz/tests/fuzz/fuzz-"$t" "build-fuzz/corpus/$t" \
      -dict="tests/fuzz/$t.dict" -max_total_time="$fuzz_seconds" -rss_limit_mb="$fuzz_rss_mb" \
      -timeout=30 -max_len=8192 -artifact_prefix="build-fuzz/artifacts/$t-" -print_final_stats=1 \
      >"build-fuzz/logs/$t.log" 2>&1 &
    pids+=($!)
  done
  local status=0 i
  detail="build $((t1 - t0)) s"
  for i in "${!fuzz_targets[@]}"; do
    t="${fuzz_targets[$i]}"
    if wait "${pids[$i]}"; then
      detail+="; $t: $(fuzz_stats "build-fuzz/logs/$t.log")"
    else
      status=1
      detail+="; $t: FAILED"
      tail -n 60 "build-fuzz/logs/$t.log" >&2
      note "fuzz: $t failed; the input is saved as:"
      ls -1 build-fuzz/artifacts/"$t"-* 2>/dev/null >&2
      note "fuzz: reproduce with build-fuzz/tests/fuzz/fuzz-$t build-fuzz/artifacts/$t-<name>"
    fi
  done
  t2=$(now)
  detail+="; fuzzing $((t2 - t1)) s"
  return $status
}

for part in "${parts[@]}"; do
  note "== $part"
  detail=""
  start=$(now)
  "run_$part"
  status=$?
  seconds=$(($(now) - start))
  if ((status == 0)); then result="passed"; else result="FAILED"; failed=$((failed + 1)); fi
  summary+=("$(printf '  %-9s %-7s %4d s  %s' "$part" "$result" "$seconds" "$detail")")
done

echo
echo "test: summary"
printf '%s\n' "${summary[@]}"
if ((failed)); then
  echo "test: $failed of ${#parts[@]} parts FAILED"
  exit 1
fi
echo "test: all ${#parts[@]} parts passed"
