#!/usr/bin/env bash
# Installs the Debian packages wiretrace needs (only the missing ones), then configures and builds
# it in ./build. Safe to run again: it does nothing that is already done.
#   scripts/setup.sh            # Release build
#   scripts/setup.sh --test     # also the tools of scripts/test.sh (clang, libFuzzer, sanitizers)
#   BUILD_DIR=out scripts/setup.sh
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
  doctest-dev                              # the test suite
  libbenchmark-dev                         # microbenchmarks (bench/perf)
  chromium                                 # needed by the browser tests (tests/test_html.cpp)
)
if ((test_tools)); then
  # scripts/test.sh: the fuzz targets need clang with libFuzzer and its sanitizer runtimes; the
  # sanitizer build of the unit tests uses g++'s own (libasan, libubsan come with g++).
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_dir="${BUILD_DIR:-build}"
log="$build_dir/setup.log"
mkdir -p "$build_dir"
echo "setup: building in $build_dir (log: $log)" >&2
started=$(date +%s)
# The build's chatter goes to the log; on failure its end is shown.
if ! { cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" &&
       cmake --build "$build_dir" --parallel "$(nproc)"; } >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "setup: the build failed; the whole log is in $log" >&2
  exit 1
fi
echo "setup: built $build_dir/wiretrace in $(($(date +%s) - started)) s" >&2
