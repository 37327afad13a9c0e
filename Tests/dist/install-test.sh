#!/usr/bin/env bash
# `make install` and `make uninstall` as packagers and users run them (make dist-check, part of make test):
#  - PREFIX=<temporary prefix>: the stripped binary runs, the man page is found through MANPATH, the completions
#    are where bash-completion, zsh and fish look under the prefix;
#  - DESTDIR=<staging> PREFIX=/usr/local: everything lands under the staging directory and nowhere else;
#  - uninstall removes exactly what install put there (a file of the user's beside them stays).
# Uses the static binary `make dist` has just built (the install target only checks it is up to date).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
files="bin/anomaly-report share/man/man1/anomaly-report.1 share/bash-completion/completions/anomaly-report
share/zsh/site-functions/_anomaly-report share/fish/vendor_completions.d/anomaly-report.fish"
quiet_make() { make --no-print-directory -C "$repo" "$@" > "$work/make.log" 2>&1 || { cat "$work/make.log" >&2; fail "make $*"; }; }

prefix=$work/prefix
mkdir -p "$prefix/share/man/man1"
echo "mine" > "$prefix/share/man/man1/other-tool.1"
quiet_make install PREFIX="$prefix"
for f in $files; do [ -s "$prefix/$f" ] || fail "make install PREFIX=$prefix did not install $f"; done
[ -x "$prefix/bin/anomaly-report" ] || fail "the installed binary is not executable"
file "$prefix/bin/anomaly-report" 2>/dev/null | grep -q "not stripped" && fail "the installed binary is not stripped"
[ "$(env -i PATH=/usr/bin:/bin "$prefix/bin/anomaly-report" --version)" = "$("$prefix/bin/anomaly-report" --version)" ] \
	|| fail "the installed binary does not run in a bare environment"
if command -v man >/dev/null 2>&1; then
	[ "$(MANPATH="$prefix/share/man" man -w anomaly-report)" = "$prefix/share/man/man1/anomaly-report.1" ] \
		|| fail "man does not find the page under $prefix/share/man"
fi
if command -v bash >/dev/null 2>&1; then
	bash -c "source '$prefix/share/bash-completion/completions/anomaly-report' && complete -p anomaly-report" >/dev/null \
		|| fail "the bash completion does not load"
fi
echo "ok: make install PREFIX=$prefix: binary, man page and completions in place"

dest=$work/dest
quiet_make install DESTDIR="$dest" PREFIX=/usr/local
for f in $files; do [ -s "$dest/usr/local/$f" ] || fail "make install DESTDIR=$dest PREFIX=/usr/local did not stage $f"; done
stray=$(cd "$dest" && find . -type f | grep -v '^\./usr/local/' || true)
[ -z "$stray" ] || fail "files outside DESTDIR/usr/local: $stray"
echo "ok: make install DESTDIR=$dest PREFIX=/usr/local stages everything under DESTDIR"

quiet_make uninstall PREFIX="$prefix"
for f in $files; do [ ! -e "$prefix/$f" ] || fail "make uninstall left $f"; done
[ "$(cat "$prefix/share/man/man1/other-tool.1")" = mine ] || fail "make uninstall touched another tool's file"
quiet_make uninstall DESTDIR="$dest" PREFIX=/usr/local
left=$(cd "$dest" && find . -type f)
[ -z "$left" ] || fail "make uninstall DESTDIR=$dest left: $left"
echo "ok: make uninstall removes exactly what make install put there"
