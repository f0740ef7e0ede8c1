#!/bin/sh
# bench/http/memory_1m.sh - issue 5's memory target: `baton serve` over a store of 1,000,000
# leads (imported through the real intake), loaded for 5 s with durable POSTs at 64
# connections and 3 s of lead lists; prints the rates and the server's peak resident memory
# (VmHWM). Run from the repository root after `make`; takes about two minutes.
set -eu
BATON=${BATON:-build/baton}
d=$(mktemp -d)
db=$d/m.db
port=$((20000 + ($$ * 3) % 30000))
awk -v n=1000000 -f bench/import/gen.awk >"$d/l.csv"
"$BATON" --db "$db" --now 2026-11-23T08:00:00Z init >/dev/null
"$BATON" --db "$db" --now 2026-11-23T08:00:00Z rep add boss --role manager >/dev/null
for i in 1 2 3 4 5 6 7 8; do "$BATON" --db "$db" --now 2026-11-23T08:00:00Z rep add "mrr$i" --role mrr --manager boss >/dev/null; done
"$BATON" --db "$db" --now 2026-11-23T08:00:00Z lead import "$d/l.csv" >/dev/null
leads=$(sqlite3 "$db" "SELECT COUNT(*) FROM leads")
it=$("$BATON" --db "$db" --now 2026-11-23T08:00:00Z --json token create --intake | jq -r .token)
rt=$("$BATON" --db "$db" --now 2026-11-23T08:00:00Z --json token create --rep mrr1 | jq -r .token)
"$BATON" --db "$db" --now 2026-11-23T08:00:00Z serve --listen 127.0.0.1:$port 2>/dev/null &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$d"' EXIT
n=0
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do n=$((n + 1)); [ $n -lt 50 ] || exit 1; sleep 0.1; done
post=$(BATON_TOKEN=$it wrk -t2 -c64 -d5s -s bench/http/post_lead.lua "http://127.0.0.1:$port" | awk '/^Requests\/sec/ {print $2}')
list=$(wrk -t2 -c16 -d3s -H "Authorization: Bearer $rt" "http://127.0.0.1:$port/api/v1/leads?limit=50" | awk '/^Requests\/sec/ {print $2}')
mem=$(awk '/^VmHWM/ {print $2}' /proc/$pid/status)
echo "leads in store before the run: $leads"
echo "POST /api/v1/leads: $post req/s (durable); GET /api/v1/leads?limit=50: $list req/s"
echo "server peak memory: $(awk -v k="$mem" 'BEGIN {printf "%.1f", k / 1024}') MB (target: under 100 MB)"
