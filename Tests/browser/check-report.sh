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
probe="$dir/.browser-probe.html"
shot=${SCREENSHOT:-$(pwd)/.build/report-screenshot.png}
mkdir -p "$(dirname "$shot")"
trap 'rm -f "$probe"' EXIT
# The report needs no script; the probe copy adds one that records, after load, every image that failed.
sed 's#</body>#<script>addEventListener("load",()=>{const bad=[...document.images].filter(i=>!(i.complete\&\&i.naturalWidth>0)).map(i=>i.getAttribute("src"));document.body.setAttribute("data-probe",bad.length?"FAILED "+bad.join(" "):"OK "+document.images.length+" images")});</script></body>#' \
  "$dir/index.html" > "$probe"
flags=(--headless --no-sandbox --disable-gpu --allow-file-access-from-files --hide-scrollbars --virtual-time-budget=15000)
dom=$(timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$(cd "$dir" && pwd)/.browser-probe.html" 2>/dev/null)
verdict=$(printf '%s' "$dom" | grep -o 'data-probe="[^"]*"' | head -1 | sed 's/data-probe="\(.*\)"/\1/')
timeout 120 "$browser" "${flags[@]}" --window-size=1280,2400 --screenshot="$shot" \
  "file://$(cd "$dir" && pwd)/index.html" >/dev/null 2>&1 || true
case "$verdict" in
  OK*) echo "browser check: $verdict loaded; screenshot $shot"; exit 0 ;;
  "") echo "browser check: Chromium did not report on the page"; exit 1 ;;
  *) echo "browser check: $verdict"; exit 1 ;;
esac
