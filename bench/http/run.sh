#!/bin/sh
# bench/http/run.sh [SECONDS] - the HTTP benchmark of issue 5: wrk on loopback against
# `baton serve`: GET /healthz (the ceiling of the same server), POST /api/v1/leads (every lead
# durable before its 201) and GET /api/v1/queue, each at 64 connections, with the ratios to
# /healthz, and the server's peak memory. Run from the repository root after `make`.
# One clock for the whole run, whatever the date it is run: every command that builds the
# store and the server (`--now`: its clock frozen) run at Monday 2026-11-23 09:00 Paris, in
# business hours, so every POSTed lead is routed at once, the seeded leads' first timers (due
# 09:05) are not yet due and the server's ticker has nothing to catch up (on the wall clock it
# would first grind through every timer due since that Monday, as in issue 15).
set -eu
SECS=${1:-10}
BATON=${BATON:-build/baton}
NOW=2026-11-23T08:00:00Z
dir=$(mktemp -d)
port=$((20000 + $$ % 30000))
db="$dir/http.db"
"$BATON" --db "$db" --now $NOW init >/dev/null
"$BATON" --db "$db" --now $NOW rep add boss --role manager >/dev/null
i=1
while [ $i -le 8 ]; do "$BATON" --db "$db" --now $NOW rep add "mrr$i" --role mrr --manager boss >/dev/null; i=$((i + 1)); done
# a realistic work list: 200 leads, 25 per rep, each owing a first touch and a follow-up
awk -v n=200 -f bench/import/gen.awk | head -201 >"$dir/seed.csv"
"$BATON" --db "$db" --now $NOW lead import "$dir/seed.csv" >/dev/null
intake=$("$BATON" --db "$db" --now $NOW --json token create --intake | jq -r .token)
rep=$("$BATON" --db "$db" --now $NOW --json token create --rep mrr1 | jq -r .token)
"$BATON" --db "$db" --now $NOW serve --listen 127.0.0.1:$port 2>"$dir/serve.log" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
n=0
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do n=$((n + 1)); [ $n -lt 50 ] || exit 1; sleep 0.1; done

run() { # NAME WRK-ARGS...: prints "NAME rps p99"
	name=$1
	shift
	wrk -t2 -c64 -d"${SECS}s" --latency "$@" >"$dir/$name.txt" 2>&1
	rps=$(awk '/^Requests\/sec/ {print $2}' "$dir/$name.txt")
	p99=$(awk '$1 == "99%" {print $2}' "$dir/$name.txt")
	errs=$(awk '/Non-2xx/ {print $5}' "$dir/$name.txt")
	echo "$name $rps $p99 ${errs:-0}"
}
qn=$(curl -s -H "Authorization: Bearer $rep" "http://127.0.0.1:$port/api/v1/queue" | jq length)
h=$(run healthz "http://127.0.0.1:$port/healthz")
q=$(run queue -H "Authorization: Bearer $rep" "http://127.0.0.1:$port/api/v1/queue")
p=$(BATON_TOKEN=$intake run leads -s bench/http/post_lead.lua "http://127.0.0.1:$port")
stored=$(sqlite3 "$db" "SELECT COUNT(*) FROM leads")
mem=$(awk '/^VmHWM/ {print $2}' /proc/$pid/status)   # peak resident set, kB
kill -TERM $pid
wait $pid || true
echo "$h" "$p" "$q" "$stored" "$mem" "$qn" | awk '{
	printf "GET /healthz:          %9.0f req/s  p99 %s\n", $2, $3
	printf "POST /api/v1/leads:    %9.0f req/s  p99 %s  (%s non-2xx; %d leads stored, each committed before its 201)\n", $6, $7, $8, $13
	printf "GET /api/v1/queue:     %9.0f req/s  p99 %s  (%s non-2xx; a work list of %d items, read before the POSTs)\n", $10, $11, $12, $15
	printf "ratio to /healthz:     POST %.3f, queue %.3f\n", $6 / $2, $10 / $2
	printf "server peak memory:    %.1f MB\n", $14 / 1024
}'
