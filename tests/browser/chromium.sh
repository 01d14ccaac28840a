#!/usr/bin/env bash
# Runs Debian's headless Chromium on a page, offline, with a fresh profile that is removed after.
#   tests/browser/chromium.sh dom URL [BUDGET_MS]          # the DOM after the page's script ran
#   tests/browser/chromium.sh screenshot URL OUT.png [WIDTHxHEIGHT] [BUDGET_MS]
# Used by tests/test_html.cpp and scripts/html-screenshot.sh. CHROMIUM overrides the binary.
# The flags keep Chromium from reaching for the network (this machine has none: without them it
# retries refused connections at every start).
set -euo pipefail
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "chromium.sh: $chromium not found; run scripts/setup.sh (it installs Debian's chromium)" >&2
  exit 127
fi
mode="${1:?mode: dom or screenshot}"
url="${2:?url}"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --disable-default-apps --disable-extensions --mute-audio --hide-scrollbars
       --user-data-dir="$profile")
case "$mode" in
  dom)
    "$chromium" "${flags[@]}" --virtual-time-budget="${3:-5000}" --dump-dom "$url" 2>"$profile/stderr" ||
      { cat "$profile/stderr" >&2; exit 1; }
    ;;
  screenshot)
    out="${3:?output png}"
    "$chromium" "${flags[@]}" --window-size="$(echo "${4:-1440x900}" | tr x ,)" \
      --virtual-time-budget="${5:-5000}" --screenshot="$out" "$url" 2>"$profile/stderr" >/dev/null ||
      { cat "$profile/stderr" >&2; exit 1; }
    [ -s "$out" ] || { cat "$profile/stderr" >&2; echo "chromium.sh: no screenshot written" >&2; exit 1; }
    ;;
  *) echo "chromium.sh: unknown mode $mode" >&2; exit 2 ;;
esac
