#!/bin/sh
# bench/simulate/run.sh [RUNS] - time and peak memory of `baton simulate` on the demo store
# (`baton demo --leads 2000 --seed 1`, 22 reps) with RUNS runs (default 1000, simulate's
# default) of 4 quarters: the history counted from the store's reports, lumped and today's
# split, the search for the best split (up to 64 splits of up to 100 runs) and the best split
# run again. The reference, in the same run: the plain models alone on the same team and
# parameters (bench/simulate/simbench.c over core/simulate.c, no store, no search): the
# lumped model, and lumped then specialized as issue 16's simulate ran them. Each is the
# best of 3 runs (time; its peak memory). Run from the repository root after `make`.
set -eu
RUNS=${1:-1000}
BATON=${BATON:-build/baton}
NOW=2026-12-01T12:00:00Z
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

PKGS="sqlite3 libpq libfyaml jansson libical libsodium libmicrohttpd libcurl"
cc -std=c11 -O2 -Isrc -o "$dir/simbench" bench/simulate/simbench.c build/rel/src/core/*.o build/rel/src/util/*.o \
	build/rel/gen/playbook_default.o $(pkg-config --libs $PKGS) -lcsv -llinear -lunistring -lpthread -lm
"$BATON" --db "$dir/demo.db" --now $NOW demo --leads 2000 --seed 1 >/dev/null

best() { # NAME COMMAND...: the best time of 3 and its peak memory, into $dir/NAME
	name=$1
	shift
	: >"$dir/$name"
	for i in 1 2 3; do
		/usr/bin/time -f "%e %M" -o "$dir/t" "$@" >"$dir/$name.out"
		cat "$dir/t" >>"$dir/$name"
	done
	sort -n "$dir/$name" | head -1 >"$dir/$name.best"
}

best simulate "$BATON" --db "$dir/demo.db" --now $NOW --json simulate --runs "$RUNS"
team=$(jq -r '.current_split | "\(.mrr) \(.sdr) \(.ae) \(.csm)"' "$dir/simulate.out")
search=$(jq -r '.search | "\(.evaluated) splits of \(.runs) runs"' "$dir/simulate.out")
lumped_q1=$(jq -r '.rows[0].revenue_mean' "$dir/simulate.out")
# shellcheck disable=SC2086 # the team is four words
best lumped "$dir/simbench" "$RUNS" 4 1 $team lumped
# shellcheck disable=SC2086
best both "$dir/simbench" "$RUNS" 4 1 $team both
ref_q1=$(sed -n 's/^lumped quarter 1 mean //p' "$dir/lumped.out")

echo "the demo store: 22 reps, today's split $team (mrr sdr ae csm); $RUNS runs of 4 quarters; search: $search"
echo "same model, same numbers: lumped quarter 1 mean $lumped_q1 (simulate) and $ref_q1 (reference)"
read -r s_s s_kb <"$dir/simulate.best"
read -r l_s l_kb <"$dir/lumped.best"
read -r b_s b_kb <"$dir/both.best"
awk -v ss="$s_s" -v sk="$s_kb" -v ls="$l_s" -v lk="$l_kb" -v bs="$b_s" -v bk="$b_kb" 'BEGIN {
	printf "baton simulate (store, search, best):  %6.2f s  peak %6.1f MB\n", ss, sk / 1024
	printf "plain lumped model (reference):        %6.2f s  peak %6.1f MB\n", ls, lk / 1024
	printf "plain lumped + specialized:            %6.2f s  peak %6.1f MB\n", bs, bk / 1024
	printf "ratio simulate / lumped: %.2fx, simulate / lumped + specialized: %.2fx\n", ss / ls, ss / bs
}'
