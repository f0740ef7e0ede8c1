#!/bin/sh
# bench/tick/run.sh [LEADS] - the tick benchmark of issue 4: a store with 1,000,000 open
# obligations (500,000 inbound leads that all pass the fit filter, each with a speed-to-lead
# and a follow-up obligation),
# then `tick` with none due and `tick` with 10,000 due (each a breach, its event, a
# reassignment, a manager notification and the new owner's obligation). baton reports its own
# store work (BATON_TIMING=1); the reference is the same "next due" query run by the sqlite3
# shell on the same file. Run from the repository root after `make`.
set -eu
LEADS=${1:-500000}
DUE=10000
BATON=${BATON:-build/baton}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/tick.db"
T1=2026-11-23T08:00:00Z          # Monday 09:00 Paris: the 10,000 leads that will be late
T2=2026-11-23T08:01:00Z          # the rest (one minute later): due 09:06, after the ticks
NONE=2026-11-23T08:04:00Z        # nothing due yet (the first is due 08:05)
TEN=2026-11-23T08:05:30Z         # the 10,000 speed-to-lead obligations of T1 are due

"$BATON" --db "$db" --now $T1 init >/dev/null
"$BATON" --db "$db" rep add boss --role manager >/dev/null
i=1
while [ $i -le 8 ]; do "$BATON" --db "$db" rep add "mrr$i" --role mrr --manager boss >/dev/null; i=$((i + 1)); done
# unique emails, segments and sizes that pass the default fit filter: every row is an mql
good() {
	awk -v n="$1" -v p="$2" 'BEGIN {
		print "Email,First Name,Job Title,Industry,Number of Employees,Country/Region"
		for (i = 1; i <= n; i++) printf "%s%d@co%d.example,Name%d,VP Sales,saas,250,FR\n", p, i, i % 40000, i
	}'
}
good $DUE late >"$dir/late.csv"
good $((LEADS - DUE)) lead >"$dir/rest.csv"
"$BATON" --db "$db" --now $T1 lead import "$dir/late.csv" >/dev/null
"$BATON" --db "$db" --now $T2 lead import "$dir/rest.csv" >/dev/null
open=$(sqlite3 "$db" "SELECT COUNT(*) FROM obligations WHERE status = 'open'")
late=$(sqlite3 "$db" "SELECT COUNT(*) FROM obligations WHERE status = 'open' AND rule = 'speed_to_lead' AND due <= strftime('%s', '$TEN')")

# reference: the query that finds the next due obligation, in the sqlite3 shell
ref_ms=$(printf '.timer on\nSELECT id FROM obligations WHERE status = %s AND due <= strftime(%s, %s) ORDER BY due, id LIMIT 1;\n' \
	"'open'" "'%s'" "'$NONE'" | sqlite3 "$db" | sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p' | awk '{printf "%.3f", $1 * 1000}')

BATON_TIMING=1 "$BATON" --db "$db" --now $NONE --json tick >"$dir/none.json" 2>"$dir/none.err"
BATON_TIMING=1 "$BATON" --db "$db" --now $TEN --json tick >"$dir/ten.json" 2>"$dir/ten.err"
none_ms=$(sed -n 's/.*store work \([0-9.]*\) ms.*/\1/p' "$dir/none.err")
ten_ms=$(sed -n 's/.*store work \([0-9.]*\) ms.*/\1/p' "$dir/ten.err")
breaches=$(jq '[.[] | select(.type == "breach")] | length' "$dir/ten.json")
reassigns=$(jq '[.[] | select(.type == "reassign" and .rep != null)] | length' "$dir/ten.json")
again=$(BATON_TIMING=1 "$BATON" --db "$db" --now $TEN --json tick | jq length)

echo "store: $open open obligations ($late speed-to-lead due at the second tick)"
echo "tick, none due:     store work $none_ms ms   (the same next-due query in the sqlite3 shell: $ref_ms ms)"
echo "tick, 10,000 due:   store work $ten_ms ms   ($breaches breaches, $reassigns reassignments)"
echo "tick again:         $again actions (idempotent)"
