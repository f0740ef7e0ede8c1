#!/bin/sh
# bench/pg/run.sh [SECONDS] - intake throughput on PostgreSQL: a throwaway cluster with fsync on
# (tests/tools/pg_cluster.sh), wrk POSTing unique leads (bench/pg/post_lead.lua) at 64
# connections for SECONDS against one `baton serve`, then two servers on one database (32 each,
# at once), and one server on SQLite beside them. Every lead is durable before its 201. Run from
# the repository root after `make`; wrk, the servers and PostgreSQL share the machine's cores.
# The stores and the servers (`--now`: their clock frozen) run at Monday 2026-11-23 09:00 Paris,
# inside the reps' working hours, so a run next month routes the same leads the same way.
set -eu
SECS=${1:-10}
NOW=2026-11-23T08:00:00Z
BATON=${BATON:-build/baton}
dir=$(mktemp -d)
pids=
cleanup() {
	for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
	for p in $pids; do wait "$p" 2>/dev/null || true; done
	sh tests/tools/pg_cluster.sh stop "$dir" 2>/dev/null || true
	rm -rf "$dir"
}
trap cleanup EXIT
admin=$(PG_FSYNC=on sh tests/tools/pg_cluster.sh start "$dir")

# seed STORE: the team of bench/http/run.sh (8 MRRs under a manager); prints an intake token
seed() {
	"$BATON" --db "$1" --now $NOW init >/dev/null
	"$BATON" --db "$1" --now $NOW rep add boss --role manager >/dev/null
	i=1
	while [ $i -le 8 ]; do "$BATON" --db "$1" --now $NOW rep add "mrr$i" --role mrr --manager boss >/dev/null; i=$((i + 1)); done
	"$BATON" --db "$1" --now $NOW --json token create --intake | jq -r .token
}

# serve STORE PORT: starts a server, waits for /healthz; adds its pid to $pids, prints it
serve() {
	"$BATON" --db "$1" --now $NOW serve --listen "127.0.0.1:$2" 2>"$dir/serve.$2.log" &
	pid=$!
	pids="$pids $pid"
	n=0
	until curl -sf "http://127.0.0.1:$2/healthz" >/dev/null; do n=$((n + 1)); [ $n -lt 100 ] || exit 1; sleep 0.1; done
	echo "$pid"
}

# post NAME CONNS PORT: wrk POSTs for SECS; prints "rps p99 non2xx"
post() {
	BATON_BENCH_TAG=$1 BATON_TOKEN=$token wrk -t1 -c"$2" -d"${SECS}s" --latency -s bench/pg/post_lead.lua "http://127.0.0.1:$3" >"$dir/$1.txt" 2>&1
	awk '/^Requests\/sec/ {r=$2} $1 == "99%" {p=$2} /Non-2xx/ {e=$5} END {printf "%s %s %s\n", r, p, e ? e : 0}' "$dir/$1.txt"
}

stop_all() {
	for p in $pids; do kill -TERM "$p"; wait "$p" || true; done
	pids=
}

port=$((20000 + $$ % 20000))

# one server on PostgreSQL
psql -XqAt "$admin" -c "CREATE DATABASE one" >/dev/null
one=$(printf '%s' "$admin" | sed 's|/postgres?|/one?|')
token=$(seed "$one")
serve "$one" $port >/dev/null
BATON_TOKEN=$token wrk -t2 -c64 -d"${SECS}s" --latency -s bench/pg/post_lead.lua "http://127.0.0.1:$port" >"$dir/pg1.txt" 2>&1
pg1=$(awk '/^Requests\/sec/ {r=$2} $1 == "99%" {p=$2} /Non-2xx/ {e=$5} END {printf "%s %s %s\n", r, p, e ? e : 0}' "$dir/pg1.txt")
stop_all
n1=$(psql -XqAt "$one" -c "SELECT COUNT(*) FROM leads")

# two servers on one PostgreSQL database, 32 connections each, at the same time
psql -XqAt "$admin" -c "CREATE DATABASE two" >/dev/null
two=$(printf '%s' "$admin" | sed 's|/postgres?|/two?|')
token=$(seed "$two")
serve "$two" $port >/dev/null
serve "$two" $((port + 1)) >/dev/null
post pg2a 32 $port >"$dir/a" &
wa=$!
post pg2b 32 $((port + 1)) >"$dir/b" &
wb=$!
wait $wa $wb
stop_all
n2=$(psql -XqAt "$two" -c "SELECT COUNT(*) FROM leads")
dup=$(psql -XqAt "$two" -c "SELECT COUNT(*) - COUNT(DISTINCT email) FROM leads")

# the SQLite figure, same machine, same moment
token=$(seed "$dir/sqlite.db")
serve "$dir/sqlite.db" $((port + 2)) >/dev/null
BATON_TOKEN=$token wrk -t2 -c64 -d"${SECS}s" --latency -s bench/pg/post_lead.lua "http://127.0.0.1:$((port + 2))" >"$dir/sq.txt" 2>&1
sq=$(awk '/^Requests\/sec/ {r=$2} $1 == "99%" {p=$2} /Non-2xx/ {e=$5} END {printf "%s %s %s\n", r, p, e ? e : 0}' "$dir/sq.txt")
stop_all
n3=$(sqlite3 "$dir/sqlite.db" "SELECT COUNT(*) FROM leads")

echo "$pg1 $(cat "$dir/a") $(cat "$dir/b") $sq $n1 $n2 $dup $n3" | awk '{
	printf "PostgreSQL, 1 server:   %8.0f leads/s  p99 %s  (%s non-2xx; %d leads stored)\n", $1, $2, $3, $13
	printf "PostgreSQL, 2 servers:  %8.0f leads/s  p99 %s / %s  (%d non-2xx; %d leads stored, %d emails twice)\n", $4 + $7, $5, $8, $6 + $9, $14, $15
	printf "SQLite, 1 server:       %8.0f leads/s  p99 %s  (%s non-2xx; %d leads stored)\n", $10, $11, $12, $16
	printf "ratio PostgreSQL 2 servers / 1 server: %.2f; 1 server PostgreSQL / SQLite: %.2f\n", ($4 + $7) / $1, $1 / $10
}'
