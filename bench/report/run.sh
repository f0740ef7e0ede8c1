#!/bin/sh
# bench/report/run.sh [LEADS] - the reports benchmark: `baton demo` builds a store of LEADS
# leads (default 1,000,000; about 11 events each) and a quarter of history through the real
# engine, then `baton report funnel`, `funnel --by source`, `speed`, `sla` and `routing` are
# timed (median of 5 runs, wall time including process start). The same questions are asked of
# DuckDB (@duckdb/node-api, in memory) over the exported events and obligations
# (bench/report/duck.mjs), whose answers must equal baton's, and the ratio is printed. Target
# (issue 20): each report within 1.5x of DuckDB. Run from the repository root after `make`.
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
# opened once before the timings: a store of an older schema is migrated here, not in a timed run
t0=$(ms)
"$BATON" --db "$db" rep list >/dev/null
t1=$(ms)
[ $((t1 - t0)) -lt 1000 ] || echo "opening the store (its migration): $(((t1 - t0) / 1000)) s"
leads=$(sqlite3 "$db" "SELECT COUNT(*) FROM leads")
events=$(sqlite3 "$db" "SELECT COUNT(*) FROM events")
obligations=$(sqlite3 "$db" "SELECT COUNT(*) FROM obligations")
size=$(($(wc -c <"$db") / 1048576))
echo "store: $leads leads, $events events, $obligations obligations, $size MB ($build_note)"

# ---- baton: each report RUNS times, wall time around the whole process
mkdir -p "$dir/baton"
# bench NAME ARGS...: runs `baton report ARGS` RUNS times, output to baton/NAME.json; NAME.ms
# gets one line per run: wall ms (date around the process) and CPU ms (user + sys, /usr/bin/time)
bench() {
	name=$1
	shift
	: >"$dir/$name.ms"
	i=0
	while [ $i -lt $RUNS ]; do
		t0=$(ms)
		/usr/bin/time -f "%U %S" -o "$dir/cpu" "$BATON" --db "$db" --now $NOW --json report "$@" >"$dir/baton/$name.json"
		t1=$(ms)
		echo "$((t1 - t0)) $(awk '{ printf "%d", ($1 + $2) * 1000 }' "$dir/cpu")" >>"$dir/$name.ms"
		i=$((i + 1))
	done
}
# median NAME COLUMN: the median of that column of NAME.ms, in seconds
median() { sort -n -k"$2" "$dir/$1.ms" | awk -v c="$2" -v n=$RUNS '{ v[NR] = $c } END { printf "%.3f", v[int(n / 2) + 1] / 1000 }'; }
runs() { awk '{ s = s (NR > 1 ? " " : "") sprintf("%.3f", $1 / 1000) } END { printf "%s", s }' "$dir/$1.ms"; }
for r in funnel funnel_source speed sla routing; do
	case $r in
	funnel_source) bench $r funnel --by source ;;
	*) bench $r $r ;;
	esac
	printf '  baton report %-19s median %s s of %d (%s), CPU %s s\n' "$(echo $r | sed 's/_source/ --by source/'):" \
		"$(median $r 1)" $RUNS "$(runs $r)" "$(median $r 2)"
done

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
awk -F '\t' -v dir="$dir" -v leads="$leads" -v events="$events" '
function med(file, col,    n, v, i, j, t) {
	n = 0
	while ((getline line < file) > 0) { split(line, f, " "); v[++n] = f[col] }
	close(file)
	for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
	return v[int(n / 2) + 1] / 1000
}
BEGIN { file["funnel"] = "funnel"; file["funnel --by source"] = "funnel_source"; file["speed"] = "speed"; file["sla"] = "sla"
	file["routing"] = "routing"
	printf "%-19s %8s %9s %8s %7s %10s %11s  %s\n", "report", "baton s", "duckdb s", "ratio", "target", "baton cpu", "duckdb cpu", "answers"
}
{	b = med(dir "/" file[$1] ".ms", 1); bc = med(dir "/" file[$1] ".ms", 2)
	ratio = $2 > 0 ? b / $2 : 0
	met = ratio <= 1.5 ? "yes" : "no"
	printf "%-19s %8.3f %9.3f %7.2fx %7s %10.3f %11.3f  %s\n", $1, b, $2, ratio, met, bc, $3, $4
}
END { printf "(%d leads, %d events. s: median wall time of %d runs; baton: a process each, start included, one thread;\n", leads, events, '"$RUNS"'
	printf " duckdb: queries in one process over its loaded tables, all cores. target: ratio <= 1.5.\n"
	printf " cpu: median user + sys seconds, for reading the wall times on a busy machine)\n" }
' "$dir/duck.tsv"
