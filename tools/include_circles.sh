#!/bin/sh
# include_circles.sh [DIR] - which header of a folder of src includes which other header of it
# (#include "folder/name.h"), one line per header ("group_commit: http"), then the headers in
# an order where each includes only those after it; exits 1 naming a circle when there is
# none. DIR is a folder of src, src/http by default.
set -eu
dir=${1:-src/http}
dir=${dir%/}
layer=$(basename "$dir")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for h in "$dir"/*.h; do
	[ -f "$h" ] || continue
	f=$(basename "$h" .h)
	echo "$f $f" # every header is a node, even one that includes no other
	sed -n "s|^#include \"$layer/\([A-Za-z0-9_]*\)\.h\".*|$f \1|p" "$h" | awk '$1 != $2'
done | sort -u >"$tmp/edges"
sh "$(dirname "$0")/layers.sh" "$tmp/edges" includers
