#!/usr/bin/env bash
# Browser check of a rendered report: headless Chromium loads index.html from disk and every image must
# load (no failed image or resource); a screenshot is kept beside the report for a person to look at.
# Usage: Tests/browser/check-report.sh OUTPUT_DIR
# Skips (exit 0, with a message) when Chromium is not installed, except in CI (CI=true), where that fails.
set -euo pipefail
dir=${1:?usage: check-report.sh OUTPUT_DIR}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "browser check: Chromium is not installed, and in CI the check may not be skipped"
    exit 1
  fi
  echo "browser check skipped: Chromium is not installed (apt-get install chromium)"
  exit 0
fi
[ -f "$dir/index.html" ] || { echo "browser check: $dir/index.html missing"; exit 1; }
shot=${SCREENSHOT:-$(pwd)/.build/report-screenshot.png}
mkdir -p "$(dirname "$shot")"
flags=(--headless --no-sandbox --disable-gpu --allow-file-access-from-files --hide-scrollbars --virtual-time-budget=15000)
probes=()
trap 'rm -f "${probes[@]}"' EXIT
# Checks one page: the report needs no script; a probe copy beside it (so relative links resolve alike) adds
# one that records, after load, every image that failed; lazy loading is switched off so every image loads.
check_page() {
  local page=$1 probe
  probe="$(dirname "$page")/.browser-probe.html"
  probes+=("$probe")
  sed -e 's# loading="lazy"##g' \
      -e 's#</body>#<script>addEventListener("load",()=>{const bad=[...document.images].filter(i=>!(i.complete\&\&i.naturalWidth>0)).map(i=>i.getAttribute("src"));document.body.setAttribute("data-probe",bad.length?"FAILED "+bad.join(" "):"OK "+document.images.length+" images")});</script></body>#' \
    "$page" > "$probe"
  local dom verdict
  dom=$(timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$(cd "$(dirname "$probe")" && pwd)/.browser-probe.html" 2>/dev/null)
  verdict=$(printf '%s' "$dom" | grep -o 'data-probe="[^"]*"' | head -1 | sed 's/data-probe="\(.*\)"/\1/')
  case "$verdict" in
    OK*) echo "browser check: ${page#$dir/}: $verdict loaded" ;;
    "") echo "browser check: ${page#$dir/}: Chromium did not report on the page"; return 1 ;;
    *) echo "browser check: ${page#$dir/}: $verdict"; return 1 ;;
  esac
}
status=0
check_page "$dir/index.html" || status=1
# The overview and one input page (the first, in name order) of a report that has them.
first=$(ls "$dir"/inputs/*.html 2>/dev/null | head -1 || true)
if [ -n "$first" ]; then check_page "$first" || status=1; fi
timeout 120 "$browser" "${flags[@]}" --window-size=1280,2400 --screenshot="$shot" \
  "file://$(cd "$dir" && pwd)/index.html" >/dev/null 2>&1 || true
echo "browser check: screenshot $shot"
exit $status
