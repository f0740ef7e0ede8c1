#!/bin/sh
# bench/http/streams.sh [STREAMS] [LEADS] [RATE] - issue 16's live dashboard under load: a
# store of 490 MRRs in 10 managers' teams, `baton serve` on loopback (its clock frozen on a
# Monday at 09:00 Paris, in business hours, so every lead is routed at once), STREAMS (1,000)
# live streams open at once, two per rep (a desk and a phone), then LEADS (1,000) web-form leads
# posted at RATE (100) a second. For every stream a lead concerns (its owner's two and its
# owner's manager's two) the delay from the POST's answer to the `assigned` line arriving
# (bench/http/streams.mjs, plain node), its p50/p99 against the 1 s target, and the server's
# resident memory before the streams, with them open, and at its peak (VmHWM) against the
# 100 MB target. With OTHER=1 the leads are posted to a second server on the same store: the
# streams' server hears them from its poll of the store (every 200 ms), not from its own
# commits. Run from the repository root after `make`.
set -eu
STREAMS=${1:-1000}
LEADS=${2:-1000}
RATE=${3:-100}
BATON=${BATON:-build/baton}
NOW=2026-11-23T08:00:00Z
dir=$(mktemp -d)
port=$((20000 + ($$ * 7) % 30000))
db="$dir/streams.db"
"$BATON" --db "$db" --now $NOW init >/dev/null
echo "[" >"$dir/reps.json"
sep=
m=1
while [ $m -le 10 ]; do
	"$BATON" --db "$db" --now $NOW rep add "boss$m" --role manager >/dev/null
	t=$("$BATON" --db "$db" --now $NOW --json token create --rep "boss$m" | jq -r .token)
	printf '%s{"rep":"boss%d","token":"%s","manager":null}\n' "$sep" $m "$t" >>"$dir/reps.json"
	sep=,
	i=1
	while [ $i -le 49 ]; do
		r="mrr$m-$i"
		"$BATON" --db "$db" --now $NOW rep add "$r" --role mrr --manager "boss$m" >/dev/null
		t=$("$BATON" --db "$db" --now $NOW --json token create --rep "$r" | jq -r .token)
		printf ',{"rep":"%s","token":"%s","manager":"boss%d"}\n' "$r" "$t" $m >>"$dir/reps.json"
		i=$((i + 1))
	done
	m=$((m + 1))
done
echo "]" >>"$dir/reps.json"
intake=$("$BATON" --db "$db" --now $NOW --json token create --intake | jq -r .token)
"$BATON" --db "$db" --now $NOW serve --listen 127.0.0.1:$port 2>"$dir/serve.log" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
n=0
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do n=$((n + 1)); [ $n -lt 50 ] || exit 1; sleep 0.1; done
post_url="http://127.0.0.1:$port"
if [ "${OTHER:-0}" = 1 ]; then
	"$BATON" --db "$db" --now $NOW serve --listen 127.0.0.1:$((port + 1)) 2>"$dir/serve2.log" &
	pid2=$!
	trap 'kill -TERM $pid $pid2 2>/dev/null; wait $pid $pid2 2>/dev/null; rm -rf "$dir"' EXIT
	post_url="http://127.0.0.1:$((port + 1))"
	n=0
	until curl -sf "$post_url/healthz" >/dev/null; do n=$((n + 1)); [ $n -lt 50 ] || exit 1; sleep 0.1; done
fi
rss() { awk '/^VmRSS/ {print $2}' /proc/$pid/status; }
before=$(rss)
# the client pauses 2 s once its streams are open: the server's memory with them, idle
BATON_PAUSE=2000 BATON_URL="http://127.0.0.1:$port" BATON_POST_URL=$post_url BATON_REPS="$dir/reps.json" BATON_INTAKE=$intake \
	STREAMS=$STREAMS LEADS=$LEADS RATE=$RATE node bench/http/streams.mjs >"$dir/out.json" 2>"$dir/client.log" &
client=$!
until grep -q posting "$dir/client.log" 2>/dev/null || ! kill -0 $client 2>/dev/null; do sleep 0.2; done
open=$(rss)
wait $client
peak=$(awk '/^VmHWM/ {print $2}' /proc/$pid/status)
stored=$(sqlite3 "$db" "SELECT COUNT(*) FROM leads")
jq -r --argjson before "$before" --argjson open "$open" --argjson peak "$peak" --argjson stored "$stored" '
	"streams open:          \(.connected) of \(.streams) (2 per rep: 490 MRRs, 10 managers)",
	"leads posted:          \(.leads) (\($stored) stored), each heard by 4 streams: \(.heard) of \(.expected) lines arrived, \(.missing) missing",
	"POST answer -> line:   p50 \(.p50 | floor) ms  p90 \(.p90 | floor) ms  p99 \(.p99 | floor) ms  max \(.max | floor) ms  (p99 / 1 s target: \(.p99 / 1000 * 1000 | floor / 1000))",
	"server memory:         \($before / 1024 * 10 | floor / 10) MB before the streams, \($open / 1024 * 10 | floor / 10) MB with them open (\(($open - $before) / .connected * 10 | floor / 10) kB a stream), peak \($peak / 1024 * 10 | floor / 10) MB (peak / 100 MB target: \($peak / 1024 / 100 * 1000 | floor / 1000))"
' "$dir/out.json"
