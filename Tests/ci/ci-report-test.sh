#!/usr/bin/env bash
# The GitHub Action's script (scripts/ci-report.sh, the steps of action.yml) on the tarball `make dist` built,
# published as a release under a file:// URL (make dist-check, part of make test):
#  - install: downloads, checks SHA256SUMS, unpacks; a tampered checksum or no release location is exit 2;
#  - run in a GitHub-like job: the verdict is appended to a GITHUB_STEP_SUMMARY that earlier steps wrote, the
#    JUnit file is in the report, the tool's exit code (1: --fail-on holds on the demo's flagged runs) comes back;
#  - run elsewhere: the verdict is OUTPUT/summary.md, linking into the report beside it;
#  - action.yml calls exactly these two steps.
# Usage: Tests/ci/ci-report-test.sh DIST_DIR
set -euo pipefail
source "$(dirname "$0")/../dist/lib.sh"
use_dist "${1:?usage: $0 DIST_DIR}"
script=$repo/scripts/ci-report.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/releases/v$version" "$work/job"
cp "$tarball" "$(dirname "$tarball")/SHA256SUMS" "$work/releases/v$version/"
bin=$(ANOMALY_REPORT_RELEASES="file://$work/releases" "$script" install "$work/tool" "$version")
[ "$bin" = "$work/tool/bin/anomaly-report" ] || fail "install printed '$bin'"
[ "$("$bin" --version)" = "$version" ] || fail "the installed tool is not $version"
echo "ok: ci-report.sh install fetches the release tarball, checks it and unpacks it"

status=0
env -u ANOMALY_REPORT_RELEASES -u ANOMALY_REPORT_REPO "$script" install "$work/x" "$version" 2> "$work/err" || status=$?
[ "$status" = 2 ] && grep -q "ANOMALY_REPORT_REPO" "$work/err" || fail "no release location should exit 2 naming it (got $status)"
mkdir -p "$work/bad/v$version"
cp "$tarball" "$work/bad/v$version/"
sed 's/^./0/; s/^0/f/' "$(dirname "$tarball")/SHA256SUMS" > "$work/bad/v$version/SHA256SUMS"
status=0
ANOMALY_REPORT_RELEASES="file://$work/bad" "$script" install "$work/y" "$version" 2> "$work/err" || status=$?
[ "$status" = 2 ] && grep -q "does not match" "$work/err" || fail "a tampered checksum should exit 2 (got $status: $(cat "$work/err"))"
[ ! -e "$work/y/bin/anomaly-report" ] || fail "a tarball failing its checksum was unpacked"
echo "ok: a missing release location or a tampered checksum stops the install with exit 2"

# In a GitHub job: the step summary gets the verdict appended.
printf '# Tests\n\nall green\n' > "$work/step.md"
status=0
(cd "$work/job" && GITHUB_STEP_SUMMARY="$work/step.md" "$script" run "$bin" report --quick --formats png --quiet \
	--fail-on flagged) 2> "$work/err" || status=$?
[ "$status" = 1 ] || fail "the demo flags runs, so --fail-on flagged should exit 1 (got $status: $(cat "$work/err"))"
head -3 "$work/step.md" | cmp -s - <(printf '# Tests\n\nall green\n') || fail "the earlier step summary was not kept"
grep -q '^## ⚠️ anomaly-report: anomalies flagged in' "$work/step.md" || fail "no verdict appended to the step summary"
grep -q '](report/index.html)' "$work/step.md" || fail "the step summary does not link report/index.html"
grep -q '\*\*`--fail-on` holds\*\*' "$work/step.md" || fail "the step summary does not say --fail-on holds"
[ -s "$work/job/report/junit.xml" ] || fail "no JUnit file in the report"
[ ! -e "$work/job/report/summary.md" ] || fail "summary.md written although the step summary was there"
echo "ok: ci-report.sh run appends the verdict to GITHUB_STEP_SUMMARY, writes JUnit and returns the tool's exit code 1"

# Elsewhere: the verdict beside the report.
status=0
(cd "$work/job" && env -u GITHUB_STEP_SUMMARY "$script" run "$bin" report2 --quick --formats png --quiet) || status=$?
[ "$status" = 0 ] || fail "without --fail-on the run should exit 0 (got $status)"
grep -q '^Report: \[index.html\](index.html) · \[summary.json\](summary.json) · \[JUnit\](junit.xml)$' \
	"$work/job/report2/summary.md" || fail "report2/summary.md does not link the report beside it"
echo "ok: outside GitHub the verdict is OUTPUT/summary.md"

for step in install run; do
	grep -q "scripts/ci-report.sh\" $step " "$repo/action.yml" || fail "action.yml does not call ci-report.sh $step"
done
echo "ok: action.yml calls ci-report.sh install and run"
