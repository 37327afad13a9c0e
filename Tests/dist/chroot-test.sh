#!/usr/bin/env bash
# The release tarball on a node without Swift: a minimal Debian root (debootstrap --variant=minbase) with only
# packaging/runtime-packages.txt added, from the Debian archive this machine's apt sources name; the tarball is
# unpacked into its /opt and `--version` and `run --quick` run inside it (chroot, bare environment). The honest
# stand-in for the container image (no container engine here): the Containerfile's runtime stage installs
# the same list on debian:bookworm-slim.
#
# The root is kept in .build/chroot/<suite> and reused while the package list is unchanged (about 2 minutes to
# make, 200 MB); `--prepare` only makes it (the Makefile does that while the static binary compiles). Needs root
# and debootstrap (`make chroot-check` installs it in CI); skipped with a message where either is missing.
# Usage: Tests/dist/chroot-test.sh DIST_DIR | --prepare
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ $# = 1 ] || { echo "usage: $0 DIST_DIR | --prepare" >&2; exit 2; }
# The first Debian archive (not security, not updates) and its suite, from the deb822 .sources files or the
# one-line sources.list.
debian_source() {
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk 'BEGIN { RS=""; FS="\n" }
			{ uri=""; suite=""; deb=0
			  for (i = 1; i <= NF; i++) {
			    if ($i ~ /^Types:.*(^| )deb( |$)/ || $i ~ /^Types: *deb *$/) deb=1
			    if ($i ~ /^URIs:/) { split($i, u, /[ \t]+/); uri=u[2] }
			    if ($i ~ /^Suites:/) { split($i, s, /[ \t]+/); suite=s[2] }
			  }
			  if (deb && uri !~ /security/ && suite !~ /-(security|updates|backports)$/ && uri != "") { print uri, suite; exit }
			}' "$f"
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		awk '$1 == "deb" && $2 !~ /security/ && $3 !~ /-(security|updates|backports)$/ { print $2, $3; exit }' \
			<(sed 's/\[[^]]*\]//' "$f")
	done
}
read -r mirror suite < <(debian_source | head -1) || true
[ -n "${mirror:-}" ] && [ -n "${suite:-}" ] || fail "no Debian archive found in /etc/apt/sources.list*"

packages=$(sed 's/#.*//' "$repo/packaging/runtime-packages.txt" | xargs)
root=$repo/.build/chroot/$suite
stamp="$mirror $suite $packages"
if [ "$(cat "$root/.anomaly-report-stamp" 2>/dev/null)" = "$stamp" ]; then
	echo "chroot-test: reusing the minimal root $root"
else
	rm -rf "$root"
	mkdir -p "$root"
	echo "chroot-test: debootstrap --variant=minbase $suite from $mirror with: $packages"
	start=$(date +%s)
	if ! debootstrap --variant=minbase --include="${packages// /,}" "$suite" "$root" "$mirror" > "$root.log" 2>&1; then
		tail -20 "$root.log" >&2
		fail "debootstrap failed (log: $root.log)"
	fi
	echo "$stamp" > "$root/.anomaly-report-stamp"
	echo "chroot-test: the minimal root took $(( $(date +%s) - start )) s"
fi
[ "$1" != --prepare ] || exit 0

use_dist "$1"
for tool in swift swiftc; do
	[ -z "$(find "$root/usr" -name "$tool" -type f 2>/dev/null | head -1)" ] || fail "the minimal root has $tool"
done

rm -rf "$root/opt/anomaly-report" "$root/tmp/report"
mkdir -p "$root/opt/anomaly-report"
tar -xzf "$tarball" -C "$root/opt/anomaly-report" --strip-components=1
# /proc for the run, as a real node has it, when this machine lets us mount it; unmounted on exit.
mounted=""
if mount -t proc proc "$root/proc" 2>/dev/null; then mounted=$root/proc; fi
trap '[ -z "$mounted" ] || umount "$mounted"' EXIT
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/tmp "$@"; }
version=$(in_root /opt/anomaly-report/bin/anomaly-report --version) || fail "--version does not run in the minimal root"
in_root sh -c 'cd /tmp && /opt/anomaly-report/bin/anomaly-report run --quick --output /tmp/report --quiet' \
	|| fail "run --quick fails in the minimal root"
for f in index.html summary.json; do [ -s "$root/tmp/report/$f" ] || fail "run --quick wrote no $f in the minimal root"; done
ls "$root/tmp/report/figures/"*.png >/dev/null 2>&1 || fail "no figure drawn in the minimal root"
echo "ok: $name runs --version ($version) and run --quick on minimal Debian $suite with only: $packages"
