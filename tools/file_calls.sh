#!/bin/sh
# file_calls.sh [DIR] - which file of a folder calls functions defined in which other file of
# it, read from the built objects (nm: what each .o defines and what it leaves undefined), one
# line per file ("tick: record service work"), then the files in an order where each calls
# only those after it; exits 1 naming a circle when there is none. DIR is a folder of
# objects, build/rel/src/service by default (`make` first); run from the top of the tree, so
# that an object whose source is gone (the .c its .d names: a file moved or removed since) is
# left out.
set -eu
dir=${1:-build/rel/src/service}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# live O: 0 unless O's dependency file names a source that no longer exists
live() {
	[ -f "${1%.o}.d" ] || return 0
	src=$(sed -n '1s/^[^:]*: *\([^ \\]*\).*/\1/p' "${1%.o}.d")
	[ -z "$src" ] || [ -f "$src" ]
}
for o in "$dir"/*.o; do
	live "$o" || continue
	nm --defined-only -g "$o" | awk -v f="$(basename "$o" .o)" 'NF == 3 {print $3, f}'
done | sort >"$tmp/defs"
for o in "$dir"/*.o; do
	live "$o" || continue
	f=$(basename "$o" .o)
	echo "$f $f" # every file is a node, even one that calls no other
	nm -u "$o" | awk '{print $2}' | sort -u | join - "$tmp/defs" | awk -v f="$f" '$2 != f {print f, $2}'
done | sort -u >"$tmp/edges"
sh "$(dirname "$0")/layers.sh" "$tmp/edges" callers
