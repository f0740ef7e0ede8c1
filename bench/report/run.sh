#!/bin/sh
# bench/report/run.sh [LEADS] - the reports benchmark: `baton demo` builds a store of LEADS
# leads (default 1,000,000; about 11 events each) and a quarter of history through the real
# engine, then `baton report funnel`, `funnel --by source`, `speed` and `sla` are timed (median
# of 5 runs, wall time including process start). The same questions are asked of DuckDB
# (@duckdb/node-api, in memory) over the exported events and obligations (bench/report/duck.mjs),
# whose answers must equal baton's, and the ratio is printed. Targets: each report under 1 s,
# within 2x of DuckDB. Run from the repository root after `make`.
#   BENCH_KEEP=1   keep the store (its path is printed)
#   BENCH_DB=FILE  use this existing store instead of building one (not removed)
#   BATON=...      the binary (default build/baton)
set -eu
LEADS=${1:-1000000}
BATON=${BATON:-build/baton}
NOW=2026-11-23T09:00:00Z
RUNS=5
here=bench/report

if [ ! -d "$here/node_modules/@duckdb/node-api" ]; then
	npm install --prefix "$here" --no-package-lock --no-audit --no-fund >/dev/null
fi
dir=$(mktemp -d)
cleanup() {
	if [ "${BENCH_KEEP:-0}" = 1 ] && [ -z "${BENCH_DB:-}" ] && [ -f "$dir/baton.db" ]; then
		find "$dir" -mindepth 1 ! -name 'baton.db*' -exec rm -rf {} +
		echo "store kept: $dir/baton.db"
	else
		rm -rf "$dir"
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
# a copy of the binary, so that a rebuild during the run (make clean) does not change or remove it
cp "$BATON" "$dir/baton-bin"
BATON="$dir/baton-bin"

ms() { echo $(($(date +%s%N) / 1000000)); }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"

# ---- the store
if [ -n "${BENCH_DB:-}" ]; then
	db=$BENCH_DB
	build_note="the given store $db, not built here"
else
	db="$dir/baton.db"
	/usr/bin/time -f "%e %M" -o "$dir/build.time" "$BATON" --db "$db" --now $NOW demo --leads "$LEADS" --seed 1 \
		>"$dir/demo.out" 2>"$dir/demo.err" || {
		echo "baton demo failed:" >&2
		cat "$dir/demo.err" >&2
		exit 1
	}
	read -r build_s build_kb <"$dir/build.time"
	build_note=$(awk -v n="$LEADS" -v s="$build_s" -v k="$build_kb" 'BEGIN { printf "baton demo --leads %d: %.1f s (%.1f min), peak %.0f MB", n, s, s / 60, k / 1024 }')
fi
leads=$(sqlite3 "$db" "SELECT COUNT(*) FROM leads")
events=$(sqlite3 "$db" "SELECT COUNT(*) FROM events")
obligations=$(sqlite3 "$db" "SELECT COUNT(*) FROM obligations")
size=$(($(wc -c <"$db") / 1048576))
echo "store: $leads leads, $events events, $obligations obligations, $size MB ($build_note)"

# ---- baton: each report RUNS times, wall time around the whole process
mkdir -p "$dir/baton"
# bench NAME ARGS...: runs `baton report ARGS` RUNS times; output to baton/NAME.json, median s on stdout
bench() {
	name=$1
	shift
	: >"$dir/$name.ms"
	i=0
	while [ $i -lt $RUNS ]; do
		t0=$(ms)
		"$BATON" --db "$db" --now $NOW --json report "$@" >"$dir/baton/$name.json"
		t1=$(ms)
		echo $((t1 - t0)) >>"$dir/$name.ms"
		i=$((i + 1))
	done
	sort -n "$dir/$name.ms" | awk -v n=$RUNS '{ v[NR] = $1 } END { printf "%.3f", v[int(n / 2) + 1] / 1000 }'
}
runs() { awk '{ s = s (NR > 1 ? " " : "") sprintf("%.3f", $1 / 1000) } END { printf "%s", s }' "$dir/$1.ms"; }
funnel_s=$(bench funnel funnel)
source_s=$(bench funnel_source funnel --by source)
speed_s=$(bench speed speed)
sla_s=$(bench sla sla)
echo "  baton report funnel:             median $funnel_s s of $RUNS ($(runs funnel))"
echo "  baton report funnel --by source: median $source_s s of $RUNS ($(runs funnel_source))"
echo "  baton report speed:              median $speed_s s of $RUNS ($(runs speed))"
echo "  baton report sla:                median $sla_s s of $RUNS ($(runs sla))"

# ---- DuckDB: the exports (timed, not compared), then the same questions
t0=$(ms)
"$BATON" --db "$db" export events --format csv >"$dir/events.csv"
t1=$(ms)
"$BATON" --db "$db" --now $NOW --json sla >"$dir/obligations.json"
t2=$(ms)
awk -v a=$((t1 - t0)) -v b=$((t2 - t1)) -v s="$(($(wc -c <"$dir/events.csv") / 1048576))" \
	'BEGIN { printf "export: events.csv %d MB in %.1f s, sla --json in %.1f s (not part of the comparison)\n", s, a / 1000, b / 1000 }'
node "$here/duck.mjs" --events "$dir/events.csv" --obligations "$dir/obligations.json" --baton "$dir/baton" \
	--runs $RUNS --out "$dir/duck.tsv"

# ---- the table
echo
awk -F '\t' -v f="$funnel_s" -v fs="$source_s" -v sp="$speed_s" -v sl="$sla_s" -v leads="$leads" -v events="$events" '
BEGIN { b["funnel"] = f; b["funnel --by source"] = fs; b["speed"] = sp; b["sla"] = sl
	printf "%-20s %10s %11s %9s %7s  %s\n", "report", "baton s", "duckdb s", "ratio", "target", "answers"
}
{	ratio = $2 > 0 ? b[$1] / $2 : 0
	met = (b[$1] < 1 && ratio <= 2) ? "yes" : "no"
	printf "%-20s %10.3f %11.3f %8.2fx %7s  %s\n", $1, b[$1], $2, ratio, met, $3
}
END { printf "(%d leads, %d events; baton: median of 5 processes, wall time; duckdb: median of 5 queries in one process; target: under 1 s and ratio <= 2)\n", leads, events }
' "$dir/duck.tsv"
