#!/bin/sh
# test_multiserver.sh - several servers, one truth (SPEC 7): two `baton serve` on one store take
# leads at once (some emails and Idempotency-Keys sent to both), then restart when 3 timers per
# lead are due and race to run them beside a `baton tick` while more leads arrive. Then: no email
# twice, every 201 lead stored, the round robin even, one breach event per breached obligation,
# nothing due left open. PostgreSQL: the row-lock claim (SKIP LOCKED); SQLite: the write lock.
. "$(dirname "$0")/lib.sh"

LEADS=${MULTI_LEADS:-240} # per phase, split over 8 clients
SRV_A=
SRV_B=
cleanup() {
	[ -n "$SRV_A" ] && kill -9 "$SRV_A" 2>/dev/null
	[ -n "$SRV_B" ] && kill -9 "$SRV_B" 2>/dev/null
	[ -n "${PGDB:-}" ] && psql -XqAt "$BATON_TEST_PG" -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

T0=2026-11-23T09:00:00Z # Monday 10:00 in Paris: the default playbook's speed-to-lead is 5 minutes
T1=2026-11-23T09:16:00Z # every lead of phase 1 has breached its promise twice (09:05: reassigned; :10: escalated, SPEC 8.2)
NOW=$T0
b init
b rep add maria --role manager
for r in r1 r2 r3 r4; do b rep add "$r" --role mrr --manager maria; done
b --json token create --intake
TOKEN=$(printf '%s' "$OUT" | jq -r .token)

# free_port: a port nobody answers on
free_port() {
	while :; do
		port=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
		[ "$(curl -s --max-time 1 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")" = 000 ] && break
	done
	echo "$port"
}

# launch NAME NOW: starts server NAME, its clock frozen at NOW, on a port nobody answers on;
# sets SRV_<NAME> and PORT_<NAME>
launch() {
	port=$(free_port)
	"$BATON" --now "$2" serve --listen "127.0.0.1:$port" 2>>"$T/server_$1.log" &
	eval "SRV_$1=$! PORT_$1=$port"
}

# ready NAME NOW: waits until server NAME answers /healthz; one that exited (its port was
# taken meanwhile) is launched again on another port; 1 after 5 tries or 10 s
ready() {
	tries=0
	i=0
	while [ $i -lt 100 ]; do
		eval "pid=\$SRV_$1 port=\$PORT_$1"
		[ "$(curl -s --max-time 1 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")" = 200 ] && return 0
		if ! kill -0 "$pid" 2>/dev/null; then
			wait "$pid" 2>/dev/null
			tries=$((tries + 1))
			[ $tries -lt 5 ] || return 1
			launch "$1" "$2"
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# serve NOW: starts servers A and B at the same moment; 1 unless both answer
serve() {
	launch A "$1"
	launch B "$1"
	ready A "$1" && ready B "$1"
}

# stop NAME: SIGTERM, and the server must exit 0
stop() {
	eval "pid=\$SRV_$1"
	kill -TERM "$pid"
	wait "$pid"
	rc=$?
	eval "SRV_$1="
	return $rc
}

# post PORT EMAIL [KEY]: one lead; logs "code email" to $T/codes
post() {
	code=$(curl -s --max-time 30 -o "$T/body.$$.$1" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
		-H 'Content-Type: application/json' ${3:+-H "Idempotency-Key: $3"} \
		-d "{\"email\": \"$2\", \"name\": \"M\", \"source\": \"web_form\"}" "http://127.0.0.1:$1/api/v1/leads")
	echo "$code $2" >>"$T/codes"
}

# client PHASE N: LEADS/8 unique leads, alternately to A and B; every 10th email also goes to the
# other server at once, and every 15th carries an Idempotency-Key sent to both
client() {
	i=0
	while [ $i -lt $((LEADS / 8)) ]; do
		email="p$1-c$2-$i@multi$((i % 7)).example"
		if [ $(((i + $2) % 2)) -eq 0 ]; then mine=$PORT_A other=$PORT_B; else mine=$PORT_B other=$PORT_A; fi
		if [ $((i % 15)) -eq 0 ]; then
			post "$mine" "$email" "k-$1-$2-$i" &
			post "$other" "$email" "k-$1-$2-$i"
			wait
		elif [ $((i % 10)) -eq 0 ]; then
			post "$mine" "$email" &
			post "$other" "$email"
			wait
		else
			post "$mine" "$email"
		fi
		i=$((i + 1))
	done
}

# phase PHASE: 8 clients at once over both servers (waited for by pid: not the servers)
phase() {
	n=1
	pids=
	while [ $n -le 8 ]; do
		client "$1" $n &
		pids="$pids $!"
		n=$((n + 1))
	done
	for p in $pids; do wait "$p"; done
}

# ---------------------------------------------------------------- phase 1: intake on both
if serve "$T0"; then ok "two servers start on one store"; else not_ok "two servers start on one store" "$(tail -q -n 3 "$T"/server_*.log)"; exit 1; fi
: >"$T/codes"
phase 1
bad=$(awk '$1 != 201 && $1 != 200' "$T/codes" | sort | uniq -c | head -3)
if [ -z "$bad" ]; then ok "phase 1: every POST answered 201 or 200 ($(wc -l <"$T/codes") requests)"; else not_ok "phase 1: every POST answered 201 or 200" "$bad"; fi
stop A && stop B && ok "both servers stop cleanly" || not_ok "both servers stop cleanly"

b --json lead list
printf '%s' "$OUT" >"$T/leads1.json"
spread=$(jq -r '[group_by(.owner)[] | length] | "\(length) \(max - min)"' "$T/leads1.json")
if [ "$spread" = "4 0" ] || [ "$spread" = "4 1" ]; then
	ok "the round robin stays exact across servers: 4 reps, owned counts differ by at most 1"
else
	not_ok "the round robin stays exact across servers" "reps and max-min: $spread; $(jq -c '[group_by(.owner)[] | {(.[0].owner): length}] | add' "$T/leads1.json")"
fi

# ---------------------------------------------------------------- phase 2: both tick, more intake
if serve "$T1"; then ok "both servers restart sixteen minutes later"; else not_ok "both servers restart" "$(tail -q -n 3 "$T"/server_*.log)"; exit 1; fi
"$BATON" --now "$T1" tick >/dev/null 2>"$T/tick.err" &
TICK=$!
phase 2
wait $TICK
sleep 2.5 # the tickers' next round: whatever came due during the phase
stop A && stop B && ok "both servers stop cleanly after the race" || not_ok "both servers stop cleanly after the race"
if grep -q 'Sanitizer\|runtime error' "$T"/server_*.log; then not_ok "no sanitizer report from the servers" "$(grep -m3 'ERROR\|runtime error' "$T"/server_*.log)"; fi

# ---------------------------------------------------------------- the truth
"$BATON" export events --format json >"$T/events.json"
"$BATON" --json lead list >"$T/leads.json"
dups=$(jq -r '[.[].email] | group_by(.) | map(select(length > 1) | .[0]) | .[:3] | join(" ")' "$T/leads.json")
if [ -z "$dups" ]; then ok "no email twice among $(jq length "$T/leads.json") leads"; else not_ok "no email twice" "$dups"; fi
awk '$1 == 201 {print $2}' "$T/codes" | sort -u >"$T/acked"
jq -r '.[].email' "$T/leads.json" | sort -u >"$T/have"
lost=$(comm -23 "$T/acked" "$T/have" | head -3)
if [ -z "$lost" ]; then ok "every acknowledged lead is stored ($(wc -l <"$T/acked") acknowledged with 201)"; else not_ok "acknowledged leads lost" "$lost"; fi
created=$(jq '[.[] | select(.type == "created")] | length' "$T/events.json")
if [ "$created" = "$(jq length "$T/leads.json")" ]; then ok "one created event per lead"; else not_ok "one created event per lead" "created=$created"; fi
twice=$(jq -r '[.[] | select(.type == "breach") | .obligation] | group_by(.) | map(select(length > 1) | .[0]) | .[:3] | map(tostring) | join(" ")' "$T/events.json")
breaches=$(jq '[.[] | select(.type == "breach")] | length' "$T/events.json")
if [ -z "$twice" ] && [ "$breaches" -gt 0 ]; then ok "every breach fired once ($breaches breach events, one per obligation)"; else not_ok "a breach fired twice" "obligations: $twice; breaches: $breaches"; fi
b --json sla
open_due=$(printf '%s' "$OUT" | jq --arg t "$T1" '[.[] | select(.status == "open" and .due <= $t)] | length')
breached=$(printf '%s' "$OUT" | jq '[.[] | select(.status == "breached")] | length')
if [ "$open_due" = 0 ]; then ok "no obligation due by then is left open"; else not_ok "due obligations left open" "$open_due"; fi
if [ "$breached" = "$breaches" ]; then ok "as many breached obligations as breach events ($breached)"; else not_ok "breached obligations match the breach events" "obligations $breached, events $breaches"; fi
phase1=$(jq length "$T/leads1.json")
if [ "$breaches" = $((phase1 * 2)) ]; then ok "every lead of phase 1 breached twice (one reassignment, then the escalation)"; else not_ok "every lead of phase 1 breached twice" "$breaches breaches for $phase1 leads"; fi
# what the servers said besides the request lines (retried conflicts, ticker errors), as notes
grep -h '^baton: ' "$T"/server_*.log | grep -v 'serving\|stopped' | sort | uniq -c | sort -rn | head -5 | sed 's/^/# /'
