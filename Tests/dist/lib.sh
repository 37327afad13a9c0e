# Shared by the release-artefact tests (sourced): the repository root, failing with a message, the tarball that
# dist/SHA256SUMS names (checked against its checksum), and the subcommands the binary documents.

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

fail() { echo "FAIL: $*" >&2; exit 1; }

# The tarball of DIST_DIR, after checking DIST_DIR/SHA256SUMS names exactly one and its checksum matches.
checked_tarball() {
	local dist=$1
	[ -f "$dist/SHA256SUMS" ] || fail "$dist/SHA256SUMS is missing (run make dist)"
	[ "$(wc -l < "$dist/SHA256SUMS")" = 1 ] || fail "$dist/SHA256SUMS should name exactly one tarball"
	(cd "$dist" && sha256sum --quiet -c SHA256SUMS) || fail "the tarball does not match $dist/SHA256SUMS"
	local name
	name=$(awk '{print $2}' "$dist/SHA256SUMS")
	[[ $name =~ ^anomaly-report-[0-9][0-9A-Za-z.+-]*-linux-(x86_64|aarch64)\.tar\.gz$ ]] \
		|| fail "tarball name '$name' is not anomaly-report-<version>-linux-<arch>.tar.gz"
	echo "$dist/$name"
}

# Sets tarball, name (the directory inside it) and version for DIST_DIR's checked tarball.
use_dist() {
	tarball=$(checked_tarball "$1") || exit 1
	name=$(basename "$tarball" .tar.gz)
	version=${name#anomaly-report-}
	version=${version%-linux-*}
}

# The subcommands BINARY lists under SUBCOMMANDS in its --help (help itself aside), one per line.
subcommands() {
	"$1" --help | awk '/^SUBCOMMANDS:/ {on=1; next} on && /^[^ ]/ {on=0} on && /^  [a-z]/ {print $1}' | grep -vx help
}
