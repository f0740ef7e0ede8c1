#!/bin/sh
# layers.sh EDGES WHO - the end of file_calls.sh and include_circles.sh: EDGES holds lines
# "a b" (a calls or includes b; "a a" makes a a node of its own). Prints one line per node
# ("tick: record service work"), then the nodes in an order where each uses only those after
# it ("layers, the WHO first: ..."); exits 1 naming a circle when there is none.
set -eu
edges=$1
awk '$1 != $2 {a[$1] = a[$1] " " $2} $1 == $2 && !($1 in a) {a[$1] = ""} END {for (k in a) print k ":" a[k]}' \
	"$edges" | sort
if ! order=$(tsort "$edges" 2>"$edges.loop"); then
	echo "a circle:" $(awk '/input contains a loop/ {n++; next} n == 1 {sub(/^tsort: /, ""); print}' "$edges.loop")
	exit 1
fi
echo "layers, the $2 first:" $order
