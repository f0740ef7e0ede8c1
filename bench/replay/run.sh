#!/bin/sh
# bench/replay/run.sh [ROWS [WEEKS]] - the replay benchmark of issue 18 (SPEC 8.10): a store
# whose history spans WEEKS weeks (default 13: a quarter) of inbound leads, ROWS of them in all
# (default 250,000: a quarter of a business that takes 1,000,000 leads a year), then `baton
# replay` of it with the playbook in force (which must reproduce every report: zero difference)
# and with a changed one (speed to lead within 3 minutes, whose breach no longer reassigns),
# each with its time, peak memory and events/s. Run from the repository root after `make`.
#
# The store: bench/import/gen.awk's rows cut into WEEKS weekly `lead import`s, each at its own
# --now (Mondays 09:00 UTC from 2026-01-05), to 8 MRRs and a manager: every lead is routed, and
# left untouched, so the catch-up of the next import breaches its speed to lead, reassigns it,
# tells the manager and escalates it (some ten events a lead). Replay re-drives the inputs
# (reps, the created leads) and decides the rest again, the timers included.
#
# The references, same rows, same machine: the `lead import`s that built the store (the same
# intakes and catch-ups the replay runs again, with their commits) and the sqlite3 shell
# reading every event the replay reads (SELECT ... ORDER BY id). KEEP=1 keeps the folder.
set -eu
ROWS=${1:-250000}
WEEKS=${2:-13}
BATON=${BATON:-build/baton}
dir=$(mktemp -d)
[ "${KEEP:-0}" = 1 ] && echo "kept: $dir" || trap 'rm -rf "$dir"' EXIT
db="$dir/baton.db"

now_s() { date +%s.%N; }
week() { date -u -d "2026-01-05T09:00:00Z + $(($1 * 7)) days" +%Y-%m-%dT%H:%M:%SZ; }

# the store: a manager, 8 MRRs, WEEKS weekly imports
"$BATON" --db "$db" --now "$(week 0)" init >/dev/null
"$BATON" --db "$db" --now "$(week 0)" rep add m1 --role manager >/dev/null
i=1
while [ $i -le 8 ]; do
	"$BATON" --db "$db" --now "$(week 0)" rep add "mrr$i" --role mrr --manager m1 >/dev/null
	i=$((i + 1))
done
awk -v n="$ROWS" -f bench/import/gen.awk >"$dir/leads.csv"
head -1 "$dir/leads.csv" >"$dir/head.csv"
tail -n +2 "$dir/leads.csv" | split -l $(((ROWS + WEEKS - 1) / WEEKS)) -d -a 3 - "$dir/part"
t0=$(now_s)
w=0
for f in "$dir"/part*; do
	cat "$dir/head.csv" "$f" >"$dir/week.csv"
	"$BATON" --db "$db" --now "$(week $w)" lead import "$dir/week.csv" >/dev/null
	w=$((w + 1))
done
t1=$(now_s)
END=$(week $w) # a week after the last import: every timer of the last week has run
FROM=$(week 0)
"$BATON" --db "$db" playbook show >"$dir/in_force.yaml"
sed 's/first_touch_within: 5m, business_time: true,/first_touch_within: 3m, business_time: true,/; s/on_breach: \[notify_manager, reassign\]}/on_breach: [notify_manager]}/' \
	"$dir/in_force.yaml" >"$dir/changed.yaml"
[ "$(diff "$dir/in_force.yaml" "$dir/changed.yaml" | grep -c '^>')" = 2 ] || { echo "the playbook's speed to lead is not the default" >&2; exit 1; }

# the reference read: every event, as the replay reads them
/usr/bin/time -f "%e %M" -o "$dir/time.read" sqlite3 "$db" \
	"SELECT id, at, type, lead, actor, from_stage, to_stage, data FROM events ORDER BY id" >/dev/null
read -r read_s read_kb <"$dir/time.read"

# the replays
for pb in in_force changed; do
	/usr/bin/time -f "%e %M %U %S" -o "$dir/time.$pb" "$BATON" --db "$db" --now "$END" --json \
		replay --playbook "$dir/$pb.yaml" --from "$FROM" --to "$END" >"$dir/$pb.json"
done
read -r same_s same_kb same_u same_k <"$dir/time.in_force"
read -r tight_s tight_kb tight_u tight_k <"$dir/time.changed"

leads=$(sqlite3 "$db" "SELECT COUNT(*) FROM leads")
events=$(jq .replayed.events "$dir/in_force.json")
inputs=$(jq .replayed.replayed "$dir/in_force.json")
identity=$(jq '.current == .proposed and .replayed.skipped == 0' "$dir/in_force.json")
changed=$(jq -c '[.delta.sla.rows[] | select(.key == "all") | {(.rule): {obligations, breached}}] | add' "$dir/changed.json")
echo "store: $ROWS rows in $WEEKS weekly imports ($FROM .. $END): $leads leads, $events events, $inputs inputs re-driven"
echo "playbook in force reproduces every report (zero difference, nothing skipped): $identity"
echo "speed to lead 3m, notify the manager but reassign no more; proposed - current: $changed"
awk -v ev="$events" -v is="$t0" -v ie="$t1" -v rs="$read_s" -v rk="$read_kb" -v ss="$same_s" -v sk="$same_kb" \
	-v ts="$tight_s" -v tk="$tight_kb" -v wk="$w" \
	-v su="$same_u" -v sy="$same_k" -v tu="$tight_u" -v ty="$tight_k" 'BEGIN {
	printf "replay, playbook in force: %7.2f s  %8.0f events/s  peak %6.1f MB  (CPU %.2f s)\n", ss, ev / ss, sk / 1024, su + sy
	printf "replay, a changed playbook: %6.2f s  %8.0f events/s  peak %6.1f MB  (CPU %.2f s)\n", ts, ev / ts, tk / 1024, tu + ty
	printf "lead import (the store):   %7.2f s  (%d imports)\n", ie - is, wk
	printf "sqlite3 reads the events:  %7.2f s  %8.0f events/s  peak %6.1f MB\n", rs, ev / rs, rk / 1024
	printf "ratio replay / import: %.2fx   replay / read: %.1fx\n", ss / (ie - is), ss / rs
}'
