#!/usr/bin/env bash
# Renders the seeds' HTML report in headless Chromium and saves a PNG of the family view, with
# one of 002's reused quotes clicked so the link to its place in 000 shows:
#   scripts/html-screenshot.sh seeds-family.png [WIDTHxHEIGHT]
# Needs a build (BUILD_DIR, default build; scripts/setup.sh makes it) and Debian's chromium.
set -euo pipefail
out="${1:?usage: scripts/html-screenshot.sh OUT.png [WIDTHxHEIGHT]}"
size="${2:-1440x900}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-build}"
case "$build" in /*) ;; *) build="$repo/$build" ;; esac
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
if [ ! -x "$build/wiretrace" ]; then
  echo "html-screenshot: $build/wiretrace not found; run scripts/setup.sh first" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$build/wiretrace" cluster --quiet --no-timing --format html -o "$work/report.html" "$repo/fixtures/seeds"
# Passage 5 of 002 is its fourth quote of 000 ("Japan will continue to collect and analyze ...").
"$repo/tests/browser/chromium.sh" screenshot \
  "file://$work/report.html#family=f1&show=002_2df2f6f88230cd01.txt:5" "$out" "$size"
echo "html-screenshot: wrote $out" >&2
