#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml), as one script that any CI can call and the test suite runs
# (Tests/ci/ci-report-test.sh):
#
#   scripts/ci-report.sh install DIR [VERSION]   put anomaly-report into DIR/bin: the release tarball of VERSION
#                                                checked against its SHA256SUMS, or, with VERSION "source", a
#                                                build of this checkout (make install PREFIX=DIR)
#   scripts/ci-report.sh run BIN OUTPUT [ARG...] run BIN run --output OUTPUT --junit OUTPUT/junit.xml ARG...; the
#                                                verdict goes to the step summary ($GITHUB_STEP_SUMMARY, appended)
#                                                or, outside GitHub, to OUTPUT/summary.md; exits with the tool's code
#
# The tarball comes from $ANOMALY_REPORT_RELEASES/v<VERSION>/ (default: the GitHub releases of
# $ANOMALY_REPORT_REPO, e.g. https://github.com/OWNER/anomaly-report/releases/download); any URL curl reads works,
# file:// included. Bad usage exits 2 with a message.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
usage() { echo "usage: $0 install DIR [VERSION|source] | run BIN OUTPUT [ARG...]  ($*)" >&2; exit 2; }

install_tool() {
	local dir=$1 version=${2:-}
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	if [ "$version" = source ]; then
		make --no-print-directory -C "$repo" install PREFIX="$dir" >&2
		echo "$dir/bin/anomaly-report"
		return
	fi
	[ -n "$version" ] || version=$(sed -n 's/.*static let version = "\(.*\)".*/\1/p' "$repo/Sources/Reporting/ToolInfo.swift")
	[[ $version =~ ^[0-9][0-9A-Za-z.+-]*$ ]] || usage "VERSION '$version' is not a version such as 0.1.0"
	local base=${ANOMALY_REPORT_RELEASES:-}
	if [ -z "$base" ]; then
		[ -n "${ANOMALY_REPORT_REPO:-}" ] || usage "set ANOMALY_REPORT_RELEASES or ANOMALY_REPORT_REPO (OWNER/NAME) to find the release"
		base="https://github.com/$ANOMALY_REPORT_REPO/releases/download"
	fi
	local name="anomaly-report-$version-linux-$(uname -m)" tmp
	tmp=$(mktemp -d)
	curl -fsSL --retry 3 -o "$tmp/$name.tar.gz" "$base/v$version/$name.tar.gz" \
		|| { echo "error: cannot download $base/v$version/$name.tar.gz" >&2; rm -rf "$tmp"; exit 2; }
	curl -fsSL --retry 3 -o "$tmp/SHA256SUMS" "$base/v$version/SHA256SUMS" \
		|| { echo "error: cannot download $base/v$version/SHA256SUMS" >&2; rm -rf "$tmp"; exit 2; }
	(cd "$tmp" && grep " $name.tar.gz\$" SHA256SUMS | sha256sum --quiet -c - >&2) \
		|| { echo "error: $name.tar.gz does not match the release's SHA256SUMS" >&2; rm -rf "$tmp"; exit 2; }
	tar -xzf "$tmp/$name.tar.gz" -C "$dir" --strip-components=1
	rm -rf "$tmp"
	echo "$dir/bin/anomaly-report"
}

run_report() {
	local bin=$1 output=$2
	shift 2
	[ -x "$bin" ] || usage "BIN '$bin' is not an executable"
	local summary=()
	# Outside GitHub Actions the verdict is kept beside the report; inside, the tool appends it to the step summary.
	[ -n "${GITHUB_STEP_SUMMARY:-}" ] || summary=(--markdown-summary "$output/summary.md")
	local status=0
	"$bin" run --output "$output" --junit "$output/junit.xml" "${summary[@]}" "$@" || status=$?
	echo "anomaly-report exited with $status (0 nothing to report, 1 a --fail-on condition holds, 2 bad input, 3 internal)" >&2
	return "$status"
}

case "${1:-}" in
	install) [ $# -ge 2 ] && [ $# -le 3 ] || usage "install takes DIR and an optional VERSION"; install_tool "$2" "${3:-}" ;;
	run) [ $# -ge 3 ] || usage "run takes BIN and OUTPUT"; shift; run_report "$@" ;;
	*) usage "unknown step '${1:-}'" ;;
esac
