#!/usr/bin/env bash
# The release tarball: dist/anomaly-report-<version>-linux-<arch>.tar.gz and dist/SHA256SUMS.
#
# Inside, one directory of that name: bin/ and share/ exactly as `make install PREFIX=` lays them out (the
# Makefile stages them into STAGE first), plus LICENSE, THIRD_PARTY_NOTICES, README.md and runtime-packages.txt
# (the Debian packages the binary needs). The archive is
# reproducible: sorted names, owner 0, every mtime SOURCE_DATE_EPOCH (else the last commit's date), gzip
# without a name or time stamp — the same tree gives the same bytes and the same checksum.
# Usage: scripts/dist.sh STAGE DIST_DIR   (STAGE holds bin/anomaly-report and share/)
set -euo pipefail
if [ $# -ne 2 ] || [ ! -x "$1/bin/anomaly-report" ]; then
	echo "usage: $0 STAGE DIST_DIR, with STAGE/bin/anomaly-report installed by 'make install DESTDIR=STAGE PREFIX=' (got '${1:-}')" >&2
	exit 2
fi
stage=$1 dist=$2
repo=$(cd "$(dirname "$0")/.." && pwd)
version=$("$stage/bin/anomaly-report" --version)
name="anomaly-report-$version-linux-$(uname -m)"
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)}

tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
cp -a "$stage" "$tree/$name"
cp "$repo/LICENSE" "$repo/THIRD_PARTY_NOTICES" "$repo/README.md" "$repo/packaging/runtime-packages.txt" "$tree/$name/"
mkdir -p "$dist"
rm -f "$dist"/anomaly-report-*.tar.gz "$dist/SHA256SUMS"
tar -C "$tree" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
	--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -cf - "$name" | gzip -9n > "$dist/$name.tar.gz"
(cd "$dist" && sha256sum "$name.tar.gz" > SHA256SUMS)
echo "$dist/$name.tar.gz: $(du -h "$dist/$name.tar.gz" | cut -f1) ($(tar -tzf "$dist/$name.tar.gz" | wc -l) entries); checksum in $dist/SHA256SUMS"
