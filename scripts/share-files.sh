#!/usr/bin/env bash
# The man page and the bash, zsh and fish completions of BINARY, written under SHARE_DIR as they lie under
# $PREFIX/share (man/man1/, bash-completion/completions/, zsh/site-functions/, fish/vendor_completions.d/).
# All of it comes from the binary's own description of itself (swift-argument-parser's
# --experimental-dump-help and --generate-completion-script), so it cannot drift from the options it has.
# Usage: scripts/share-files.sh BINARY SHARE_DIR
set -euo pipefail
if [ $# -ne 2 ] || [ ! -x "$1" ]; then
	echo "usage: $0 BINARY SHARE_DIR (BINARY must be an executable anomaly-report; got '${1:-}')" >&2
	exit 2
fi
bin=$1 share=$2
here=$(cd "$(dirname "$0")" && pwd)
name=$(basename "$bin")
version=$("$bin" --version)
mkdir -p "$share/man/man1" "$share/bash-completion/completions" "$share/zsh/site-functions" \
	"$share/fish/vendor_completions.d"
"$bin" --experimental-dump-help | swift "$here/manpage.swift" "$version" > "$share/man/man1/$name.1.tmp"
mv "$share/man/man1/$name.1.tmp" "$share/man/man1/$name.1"
"$bin" --generate-completion-script bash > "$share/bash-completion/completions/$name"
"$bin" --generate-completion-script zsh > "$share/zsh/site-functions/_$name"
"$bin" --generate-completion-script fish > "$share/fish/vendor_completions.d/$name.fish"
echo "man page and completions of $name $version written under $share"
