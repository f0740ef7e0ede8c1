#!/bin/sh
# bench/storage/run.sh [LEADS] - where a store's bytes go (issue 20): builds a store with
# `baton demo --leads LEADS --seed 1` at a fixed clock (default 200,000 leads; BENCH_DB=FILE reads
# an existing store instead, not changed; IMPORT=1 builds it faster, as bench/import/run.sh
# does, from LEADS generated rows, then ticks an hour later: leads, routing, timers and their
# breaches, no later work), then prints from SQLite's dbstat virtual table the pages of each
# table and index, the bytes per lead, and the events' payload bytes by type (the largest
# table). Run from the repository root after `make`; needs the sqlite3 shell.
set -eu
LEADS=${1:-200000}
BATON=${BATON:-build/baton}
NOW=2026-11-23T09:00:00Z
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
if [ -n "${BENCH_DB:-}" ]; then
	db=$BENCH_DB
elif [ "${IMPORT:-0}" = 1 ]; then
	db="$dir/baton.db"
	awk -v n="$LEADS" -f bench/import/gen.awk >"$dir/leads.csv"
	"$BATON" --db "$db" --now $NOW init >/dev/null
	"$BATON" --db "$db" --now $NOW rep add m1 --role manager >/dev/null
	i=1
	while [ $i -le 8 ]; do "$BATON" --db "$db" --now $NOW rep add "mrr$i" --role mrr --manager m1 >/dev/null; i=$((i + 1)); done
	"$BATON" --db "$db" --now $NOW lead import "$dir/leads.csv" >/dev/null
	"$BATON" --db "$db" --now 2026-11-23T10:00:00Z tick >/dev/null
	rm -f "$dir/leads.csv"
else
	db="$dir/baton.db"
	"$BATON" --db "$db" --now $NOW demo --leads "$LEADS" --seed 1 >/dev/null
fi
# a checkpointed copy: the WAL folded in, free pages dropped, so the file is what the rows take
cp "$db" "$dir/copy.db"
[ -f "$db-wal" ] && cp "$db-wal" "$dir/copy.db-wal"
sqlite3 "$dir/copy.db" "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;" >/dev/null
leads=$(sqlite3 "$dir/copy.db" "SELECT COUNT(*) FROM leads")
events=$(sqlite3 "$dir/copy.db" "SELECT COUNT(*) FROM events")
bytes=$(wc -c <"$dir/copy.db")
awk -v b="$bytes" -v l="$leads" -v e="$events" 'BEGIN {
	printf "store: %d leads, %d events, %.1f MB after VACUUM: %.2f KB a lead, %.0f bytes an event\n",
		l, e, b / 1048576, b / l / 1024, b / e }'
echo
printf '%-28s %10s %8s %12s\n' "table or index" "MB" "share" "bytes/lead"
sqlite3 -separator ' ' "$dir/copy.db" "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC" |
	awk -v b="$bytes" -v l="$leads" '$2 >= 65536 { printf "%-28s %10.1f %7.1f%% %12.0f\n", $1, $2 / 1048576, 100 * $2 / b, $2 / l }'
echo
echo "events by type: count, average bytes of payload (data), MB of payload"
sqlite3 -separator ' ' "$dir/copy.db" "SELECT type, COUNT(*), AVG(LENGTH(data)), SUM(LENGTH(data)) FROM events GROUP BY type ORDER BY 4 DESC LIMIT 12" |
	awk '{ printf "  %-22s %9d %8.0f %8.1f\n", $1, $2, $3, $4 / 1048576 }'
