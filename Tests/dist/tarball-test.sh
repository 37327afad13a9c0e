#!/usr/bin/env bash
# The release tarball as a user gets it (make dist-check, part of make test):
#  - dist/SHA256SUMS matches; the archive holds one directory with bin/, share/man/man1/, the completions,
#    LICENSE, THIRD_PARTY_NOTICES, README.md and runtime-packages.txt;
#  - unpacked into an empty directory and run with a bare environment (env -i PATH=/usr/bin:/bin): --version
#    prints the version in the tarball's name, and `run --quick` writes a report;
#  - ldd: every library resolves, none comes from the Swift toolchain, and each belongs to a package that
#    packaging/runtime-packages.txt pulls in (where dpkg and apt-cache can tell);
#  - the man page (rendered without a warning) and the three completions mention every subcommand.
# Usage: Tests/dist/tarball-test.sh DIST_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh"
use_dist "${1:?usage: $0 DIST_DIR}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/unpacked" "$work/run"
tar -xzf "$tarball" -C "$work/unpacked"
[ "$(ls "$work/unpacked")" = "$name" ] || fail "the archive should hold the single directory $name, holds: $(ls "$work/unpacked")"
top=$work/unpacked/$name
for f in bin/anomaly-report share/man/man1/anomaly-report.1 share/bash-completion/completions/anomaly-report \
	share/zsh/site-functions/_anomaly-report share/fish/vendor_completions.d/anomaly-report.fish \
	LICENSE THIRD_PARTY_NOTICES README.md runtime-packages.txt; do
	[ -s "$top/$f" ] || fail "$name/$f is missing or empty"
done
[ -x "$top/bin/anomaly-report" ] || fail "bin/anomaly-report is not executable"
grep -q "Apache License" "$top/LICENSE" || fail "LICENSE is not the Apache License"

# A bare environment, from an empty working directory.
bin=$top/bin/anomaly-report
got=$(cd "$work/run" && env -i PATH=/usr/bin:/bin "$bin" --version)
[ "$got" = "$version" ] || fail "--version printed '$got', the tarball is named for $version"
(cd "$work/run" && env -i PATH=/usr/bin:/bin "$bin" run --quick --output report --quiet --formats png,svg) \
	|| fail "run --quick failed in a bare environment"
for f in index.html summary.json; do [ -s "$work/run/report/$f" ] || fail "run --quick wrote no $f"; done
grep -q '"quick" : true' "$work/run/report/summary.json" || fail "summary.json does not record the quick run"
ls "$work/run/report/figures/"*.png >/dev/null 2>&1 || fail "run --quick drew no PNG figure"
echo "ok: $name unpacked into an empty directory runs --version ($got) and run --quick with env -i"

# Libraries: all resolved, none from the toolchain.
libs=$(ldd "$bin")
echo "$libs" | grep -q "not found" && fail "unresolved libraries:"$'\n'"$(echo "$libs" | grep 'not found')"
toolchain_lib=""
if command -v swift >/dev/null 2>&1; then toolchain_lib=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")/lib; fi
if echo "$libs" | grep -Eq 'libswift|libFoundation|libdispatch|libBlocksRuntime|_FoundationICU|libXCTest' \
	|| { [ -n "$toolchain_lib" ] && echo "$libs" | grep -qF "$toolchain_lib"; }; then
	fail "the binary still loads Swift toolchain libraries:"$'\n'"$libs"
fi
echo "ok: ldd lists $(echo "$libs" | grep -c '=>') system libraries and nothing of the Swift toolchain"

# Each library's package is in the closure of the runtime list (the chroot test proves it for real in CI).
if command -v dpkg >/dev/null 2>&1 && command -v apt-cache >/dev/null 2>&1; then
	runtime=$(sed 's/#.*//' "$repo/packaging/runtime-packages.txt" | xargs)
	closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
		--no-enhances $runtime 2>/dev/null | grep -v '^ ' | sed 's/:.*//; s/^<\(.*\)>$/\1/' | sort -u)
	for path in $(echo "$libs" | awk '/=>/ {print $3} /^\t\// {print $1}'); do
		owner=""
		for p in "$path" "$(readlink -f "$path")" "/usr$path" "/usr$(readlink -f "$path")"; do
			owner=$(dpkg -S "$p" 2>/dev/null | head -1 | cut -d: -f1) && [ -n "$owner" ] && break
		done
		[ -n "$owner" ] || fail "no package owns $path"
		echo "$closure" | grep -qx "$owner" \
			|| fail "$path comes from $owner, which packaging/runtime-packages.txt does not pull in"
	done
	echo "ok: every library belongs to a package that packaging/runtime-packages.txt pulls in"
else
	echo "skipped: the packages of the libraries (needs dpkg and apt-cache)"
fi

# The man page and the completions name every subcommand.
subs=$(subcommands "$bin")
[ "$(echo "$subs" | wc -l)" -ge 6 ] || fail "expected at least 6 subcommands in --help, got: $subs"
man=$top/share/man/man1/anomaly-report.1
if command -v groff >/dev/null 2>&1; then
	warnings=$(groff -man -ww -z "$man" 2>&1) || true
	[ -z "$warnings" ] || fail "the man page renders with warnings: $warnings"
fi
for s in $subs; do
	grep -q "^\.SS \"anomaly\\\\-report $s\"" "$man" || fail "the man page has no section for '$s'"
	grep -q "^_anomaly-report_$s()" "$top/share/bash-completion/completions/anomaly-report" \
		|| fail "the bash completion has no function for '$s'"
	grep -q "'$s:" "$top/share/zsh/site-functions/_anomaly-report" || fail "the zsh completion does not offer '$s'"
	grep -q -- "-fa '$s'" "$top/share/fish/vendor_completions.d/anomaly-report.fish" \
		|| fail "the fish completion does not offer '$s'"
done
grep -q -- '\\-\\-markdown\\-summary' "$man" || fail "the man page does not document --markdown-summary"
echo "ok: man page and bash/zsh/fish completions cover every subcommand: $(echo $subs)"

# Every recipe installs the one runtime list rather than naming packages of its own.
for recipe in Containerfile packaging/anomaly-report.def; do
	grep -q "runtime-packages.txt" "$repo/$recipe" || fail "$recipe does not install packaging/runtime-packages.txt"
	for p in $(sed 's/#.*//' "$repo/packaging/runtime-packages.txt"); do
		grep -v '^ *#' "$repo/$recipe" | grep -qw -- "$p" && fail "$recipe names $p itself instead of reading the list"
	done
done
echo "ok: Containerfile and packaging/anomaly-report.def install packaging/runtime-packages.txt"
