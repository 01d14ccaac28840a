#!/usr/bin/env bash
# Installs the Debian packages wiretrace needs (only the missing ones), then configures and builds
# it in ./build. Safe to run again: it does nothing that is already done.
#   scripts/setup.sh            # Release build
#   scripts/setup.sh --test     # also the tools of scripts/test.sh (clang, libFuzzer, sanitizers)
#   BUILD_DIR=out scripts/setup.sh
#   UNITY_BUILD=OFF scripts/setup.sh   # one compiler run per source file
#   WIRETRACE_NO_PTH=1 scripts/setup.sh  # leave the user site folder alone (see the end)
set -euo pipefail
cd "$(dirname "$0")/.."

test_tools=0
for arg in "$@"; do
  case "$arg" in
    --test) test_tools=1 ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

packages=(
  g++ cmake ninja-build pkg-config         # toolchain
  libxxhash-dev                            # XXH3: token and shingle hashes
  libeigen3-dev                            # the MinHash signature matrix
  libtbb-dev                               # every parallel stage
  libicu-dev                               # Unicode normalization and word boundaries
  libsimdjson-dev                          # JSON Lines input
  nlohmann-json3-dev                       # JSON reports
  libcli11-dev                             # command-line options
  zlib1g-dev libzstd-dev                   # .jsonl.gz and .jsonl.zst input
  libsqlite3-dev                           # the persistent index of wiretrace dedup
  libstemmer-dev                           # Snowball stemmers: sentences compared for rewritten copy
  doctest-dev                              # the test suite
  pybind11-dev python3-dev                 # the Python module (import wiretrace, src/python)
  libbenchmark-dev                         # microbenchmarks (bench/perf)
  chromium                                 # needed by the browser tests (tests/test_html.cpp)
)
if ((test_tools)); then
  # scripts/test.sh: the fuzz targets need clang with libFuzzer and its sanitizer runtimes; the
  # sanitizer build of the unit tests uses g++'s own (libasan, libubsan come with g++).
  packages+=(clang libclang-rt-14-dev)
  packages+=(python3-pytest)  # the Python module's tests (tests/python, run by CTest)
  # the CTest test that validates every JSON output against include/wiretrace/schemas/
  packages+=(python3-jsonschema)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
lock_wait_limit=600  # seconds
# apt-get "$@", as root. On a fresh machine another apt or dpkg often holds the package lock
# (unattended-upgrades, a cloud-init run): then this waits for it, saying so every 10 s, for up
# to $lock_wait_limit s, instead of giving up at once.
apt_get() {
  local waited=0 status holder output
  output="$(mktemp)"
  while :; do
    status=0
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get "$@" >"$output" 2>&1 || status=$?
    if ((status != 0)) && ((waited < lock_wait_limit)) &&
       grep -qE "Could not get lock|Unable to acquire the dpkg frontend lock|Unable to lock" "$output"; then
      holder="$(grep -oE "held by process [0-9]+( \([^)]*\))?" "$output" | head -n 1 || true)"
      echo "setup: waiting for another package manager to finish (the lock is ${holder:-held}; waited ${waited} s of at most ${lock_wait_limit} s)" >&2
      sleep 10
      waited=$((waited + 10))
      continue
    fi
    ((status == 0)) || cat "$output" >&2
    rm -f "$output"
    return "$status"
  done
}

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The build's status lines ("[n/N] Building ...") condensed to one line per tenth of the build.
show_progress() {
  awk '/^\[[0-9]+\/[0-9]+\]/ {
         split(substr($1, 2), part, "/"); done = part[1] + 0; total = part[2] + 0
         if (total != seen_total) { seen_total = total; shown = 0 }
         tenth = int(done * 10 / total)
         if (done > 0 && tenth > shown) {
           shown = tenth
           printf "setup: build %d%% (%d of %d steps)\n", tenth * 10, done, total; fflush()
         }
       }' >&2
}

build_dir="${BUILD_DIR:-build}"
log="$build_dir/setup.log"
mkdir -p "$build_dir"
echo "setup: building in $build_dir (log: $log)" >&2
started=$(date +%s)
# The build's chatter goes to the log, its progress to the terminal; on failure its end is shown.
# A unity build (8 sources per compiler run) compiles in ~60% of the time: the heavy headers
# (nlohmann/json, CLI11, doctest) are parsed and instantiated once per batch instead of per file.
# UNITY_BUILD=OFF for file-by-file builds (faster rebuilds after a one-file change).
if ! { cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" \
         -DCMAKE_UNITY_BUILD="${UNITY_BUILD:-ON}" -DCMAKE_UNITY_BUILD_BATCH_SIZE=8 &&
       cmake --build "$build_dir" --parallel "$(nproc)"; } 2>&1 | tee "$log" | show_progress; then
  tail -n 40 "$log" >&2
  echo "setup: the build failed; the whole log is in $log" >&2
  exit 1
fi
echo "setup: built $build_dir/wiretrace in $(($(date +%s) - started)) s" >&2

# `import wiretrace` from any folder, without PYTHONPATH: a .pth file in the user's site folder
# (the standard way to put a folder on sys.path) points python3 at this build's module. Skipped
# when the module was not built or the user site is disabled; delete the file to undo.
if [ -f "$build_dir/python/wiretrace/__init__.py" ] && [ "${WIRETRACE_NO_PTH:-0}" != 1 ]; then
  user_site="$(python3 -c 'import site, sys; sys.exit(0 if site.ENABLE_USER_SITE else 1); ' 2>/dev/null &&
               python3 -m site --user-site 2>/dev/null || true)"
  if [ -n "$user_site" ]; then
    mkdir -p "$user_site"
    python_dir="$(cd "$build_dir/python" && pwd)"
    echo "$python_dir" > "$user_site/wiretrace.pth"
    echo "setup: python3 imports wiretrace from $python_dir (via $user_site/wiretrace.pth)" >&2
  fi
fi
