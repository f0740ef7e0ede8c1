#!/bin/sh
# bench/import/run.sh [ROWS] - the import benchmark of issue 3: generates ROWS lead rows
# (default 1,000,000), imports them through baton's whole intake pipeline (dedupe, account
# match, fit filter, score, routing, events), then imports the same file with the sqlite3
# shell's `.import` into a bare table, and prints both times, rates, the ratio and baton's
# peak memory. Run from the repository root after `make`. HISTORY=1 (issue 17) gives every row
# its history (last year's stage, owner and creation date): a history import, which opens
# almost no obligations; the summary line then adds the rows imported as history and the
# obligations they opened.
set -eu
ROWS=${1:-1000000}
BATON=${BATON:-build/baton}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
awk -v n="$ROWS" -v history="${HISTORY:-0}" -f bench/import/gen.awk >"$dir/leads.csv"
size=$(wc -c <"$dir/leads.csv")

db="$dir/baton.db"
NOW=2026-11-23T09:00:00Z
"$BATON" --db "$db" --now $NOW init >/dev/null
for r in m1; do "$BATON" --db "$db" --now $NOW rep add $r --role manager >/dev/null; done
i=1
while [ $i -le 8 ]; do "$BATON" --db "$db" --now $NOW rep add "mrr$i" --role mrr --manager m1 >/dev/null; i=$((i + 1)); done
"$BATON" --db "$db" --now $NOW account add "Company 7" --domain company7.example --segment saas --employees 300 >/dev/null

# time and peak memory of the full pipeline
/usr/bin/time -f "%e %M" -o "$dir/time" "$BATON" --db "$db" --now $NOW --json lead import "$dir/leads.csv" >"$dir/summary.json"
read -r baton_s baton_kb <"$dir/time"

# the reference: the sqlite3 shell's CSV import into a bare table, same file, same machine
bare="$dir/bare.db"
sqlite3 "$bare" "PRAGMA journal_mode=WAL" >/dev/null
/usr/bin/time -f "%e %M" -o "$dir/time2" sqlite3 "$bare" ".import --csv $dir/leads.csv bare"
read -r bare_s bare_kb <"$dir/time2"

imported=$(jq .imported "$dir/summary.json")
dups=$(jq .duplicates "$dir/summary.json")
filtered=$(jq .filtered "$dir/summary.json")
events=$(sqlite3 "$db" "SELECT COUNT(*) FROM events")
bare_rows=$(sqlite3 "$bare" "SELECT COUNT(*) FROM bare")
if [ "${HISTORY:-0}" = 1 ]; then
	echo "history: $(jq .history "$dir/summary.json") rows imported as history, $(jq .obligations "$dir/summary.json") obligations opened ($(sqlite3 "$db" "SELECT COUNT(*) FROM obligations") in the store)"
fi
awk -v rows="$ROWS" -v size="$size" -v bs="$baton_s" -v bk="$baton_kb" -v rs="$bare_s" -v rk="$bare_kb" \
	-v imp="$imported" -v dup="$dups" -v flt="$filtered" -v ev="$events" -v br="$bare_rows" 'BEGIN {
	printf "rows: %d (%.1f MB); baton stored %d leads (%d filtered), %d duplicates, %d events\n", rows, size / 1e6, imp, flt, dup, ev
	printf "baton lead import:  %6.2f s  %9.0f rows/s  peak %5.1f MB\n", bs, rows / bs, bk / 1024
	printf "sqlite3 .import:    %6.2f s  %9.0f rows/s  peak %5.1f MB  (%d rows, bare table)\n", rs, rows / rs, rk / 1024, br
	printf "ratio baton / bare: %.2fx\n", bs / rs
}'
