#!/bin/sh
# bench/icount/run.sh OLD_BATON NEW_BATON [ROWS] - instructions (valgrind callgrind: the same
# count on a busy or a quiet machine) of `lead import` of ROWS generated rows (default 3000)
# and of a `tick` 30 minutes later on the store it made, for two builds of baton on the same
# input and clock; prints both, the ratio, and the outputs that must be equal (imported,
# duplicates, filtered, events, tick items, obligations by status). For refactors: the work
# must not grow and the answers must not change. Run from the repository root.
set -eu
OLD=$1
NEW=$2
ROWS=${3:-3000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
awk -v n="$ROWS" -f bench/import/gen.awk >"$dir/leads.csv"
NOW=2026-11-23T09:00:00Z
for which in old new; do
	if [ $which = old ]; then B=$OLD; else B=$NEW; fi
	db="$dir/$which.db"
	"$B" --db "$db" --now $NOW init >/dev/null
	"$B" --db "$db" --now $NOW rep add m1 --role manager >/dev/null
	i=1
	while [ $i -le 8 ]; do "$B" --db "$db" --now $NOW rep add "mrr$i" --role mrr --manager m1 >/dev/null; i=$((i + 1)); done
	"$B" --db "$db" --now $NOW account add "Company 7" --domain company7.example --segment saas --employees 300 >/dev/null
	valgrind --tool=callgrind --callgrind-out-file="$dir/$which.import" "$B" --db "$db" --now $NOW --json \
		lead import "$dir/leads.csv" >"$dir/$which.sum" 2>"$dir/$which.vg1"
	valgrind --tool=callgrind --callgrind-out-file="$dir/$which.tick" "$B" --db "$db" --now 2026-11-23T09:30:00Z \
		--json tick >"$dir/$which.tick.json" 2>"$dir/$which.vg2"
	eval "${which}_imp=\$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' \"\$dir/\$which.vg1\")"
	eval "${which}_tick=\$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' \"\$dir/\$which.vg2\")"
	eval "${which}_out=\"\$(jq -c '[.imported, .duplicates, .filtered]' \"\$dir/\$which.sum\") events \$(sqlite3 \"\$db\" 'SELECT COUNT(*) FROM events') tick \$(jq length \"\$dir/\$which.tick.json\") \$(sqlite3 \"\$db\" 'SELECT status || \"=\" || COUNT(*) FROM obligations GROUP BY status' | tr '\n' ' ')\""
done
awk -v oi="$old_imp" -v ni="$new_imp" -v ot="$old_tick" -v nt="$new_tick" 'BEGIN {
	printf "import: old %.0f, new %.0f instructions (%.3fx)\n", oi, ni, ni / oi
	printf "tick:   old %.0f, new %.0f instructions (%.3fx)\n", ot, nt, nt / ot }'
echo "old: $old_out"
echo "new: $new_out"
[ "$old_out" = "$new_out" ] && echo "the answers are equal" || echo "THE ANSWERS DIFFER"
