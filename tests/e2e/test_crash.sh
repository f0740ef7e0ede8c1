#!/bin/sh
# test_crash.sh - crash safety (SPEC section 7): the server is killed with SIGKILL while clients
# post leads concurrently, and `lead import` is killed in the middle of a file; after a restart
# every acknowledged lead is there, nothing is half-written (each lead has its creation event,
# its facts row, its owner or its unassigned event, and its speed-to-lead timer), the store
# passes SQLite's integrity check, and the timers resume (a tick fires the breaches due).
. "$(dirname "$0")/lib.sh"

RUNS=${CRASH_RUNS:-5}
# CRASH_LOAD_SECONDS (1.5): load before each kill; tests/valgrind.sh gives it more
CLIENTS=4
SRV=
cleanup() {
	[ -n "$SRV" ] && kill -9 "$SRV" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

b init
team
b --json token create --intake
TOKEN=$(printf '%s' "$OUT" | jq -r .token)

start_server() {
	tries=0
	while [ $tries -lt 6 ]; do
		PORT=$((20000 + ($$ * 11 + tries * 3571 + $1 * 977) % 40000))
		tries=$((tries + 1))
		URL="http://127.0.0.1:$PORT"
		[ "$(curl -s --max-time 1 -o /dev/null -w '%{http_code}' "$URL/healthz")" != 000 ] && continue
		"$BATON" --now "$NOW" serve --listen "127.0.0.1:$PORT" 2>>"$T/server.log" &
		SRV=$!
		i=0
		while [ $i -lt 50 ]; do
			kill -0 "$SRV" 2>/dev/null || break
			[ "$(curl -s --max-time 1 -o /dev/null -w '%{http_code}' "$URL/healthz")" = 200 ] && return 0
			sleep 0.1
			i=$((i + 1))
		done
		kill -9 "$SRV" 2>/dev/null
		wait "$SRV" 2>/dev/null
		SRV=
	done
	return 1
}

# client RUN N: posts leads c<RUN>-<N>-<i> until killed; logs each acknowledged (201) email
client() {
	i=0
	while :; do
		email="c$1-$2-$i@crash.example"
		code=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
			-H 'Content-Type: application/json' -d "{\"email\": \"$email\", \"name\": \"C $i\"}" "$URL/api/v1/leads")
		[ "$code" = 201 ] && echo "$email" >>"$T/acked.$1.$2"
		[ "$code" = 000 ] && exit 0 # the server is gone
		i=$((i + 1))
	done
}

# check_store LABEL: every lead complete, the database sound
check_store() {
	"$BATON" --json lead list >"$T/leads.json"
	"$BATON" export events --format json >"$T/events.json"
	touch "$T/acked.none"
	jq -r '.[].email' "$T/leads.json" | sort -u >"$T/have"
	sort -u "$T"/acked.* >"$T/want"
	missing=$(comm -23 "$T/want" "$T/have" | head -3)
	if [ -z "$missing" ]; then ok "$1: every acknowledged lead is in the store ($(sort -u "$T"/acked.* | wc -l) acknowledged)"; else not_ok "$1: acknowledged leads lost" "$missing"; fi
	bad=$(jq -r --slurpfile ev "$T/events.json" '
		($ev[0] | map(select(.type == "created") | {key: (.lead | tostring), value: 1}) | from_entries) as $created |
		($ev[0] | map(select(.type == "assigned" or .type == "unassigned") | {key: (.lead | tostring), value: 1}) | from_entries) as $routed |
		.[] | select(($created[.id | tostring] == null) or ($routed[.id | tostring] == null)) | .id' "$T/leads.json" | head -3)
	if [ -z "$bad" ]; then ok "$1: every lead has its creation and routing events"; else not_ok "$1: half-written leads" "$bad"; fi
	if on_pg || [ -x "$(command -v sqlite3)" ]; then
		ic=ok # PostgreSQL has no integrity_check; its own crash recovery is not under test here
		on_pg || ic=$(sql 'PRAGMA integrity_check' 2>&1)
		nofacts=$(sql 'SELECT COUNT(*) FROM leads l LEFT JOIN lead_facts f ON f.lead = l.id WHERE f.lead IS NULL')
		notimer=$(sql "SELECT COUNT(*) FROM leads l WHERE l.owner IS NOT NULL AND l.stage = 'mql' AND NOT EXISTS (SELECT 1 FROM obligations o WHERE o.lead = l.id AND o.rule = 'speed_to_lead')")
		if [ "$ic" = ok ] && [ "$nofacts" = 0 ] && [ "$notimer" = 0 ]; then
			ok "$1: integrity ok, every lead has its facts row and every owned mql its timer"
		else
			not_ok "$1: store inconsistent" "integrity=$ic leads without facts=$nofacts owned mqls without timer=$notimer"
		fi
	fi
}

survived=0
run=1
while [ $run -le "$RUNS" ]; do
	if ! start_server $run; then
		not_ok "run $run: the server starts" "$(tail -5 "$T/server.log")"
		break
	fi
	n=1
	while [ $n -le $CLIENTS ]; do
		client $run $n &
		n=$((n + 1))
	done
	sleep "${CRASH_LOAD_SECONDS:-1.5}" # how long the clients post before the kill
	kill -9 "$SRV"
	wait "$SRV" 2>/dev/null
	SRV=
	wait # the clients stop when the server is gone
	acked=$(cat "$T"/acked.$run.* 2>/dev/null | wc -l)
	if [ "$acked" -gt 0 ]; then survived=$((survived + 1)); fi
	check_store "kill -9 of the server, run $run"
	run=$((run + 1))
done
if [ "$survived" -eq "$RUNS" ]; then ok "the server was killed under load $RUNS times, each after acknowledging leads"; else not_ok "every run acknowledged leads before the kill" "$survived of $RUNS"; fi

# timers resume: an hour later every owned untouched lead has breached its speed-to-lead promise
NOW=2026-11-23T10:00:00Z b --json tick
open=$("$BATON" --now 2026-11-23T10:00:00Z --json sla --open | jq '[.[] | select(.rule == "speed_to_lead" and (.due < "2026-11-23T10:00:00Z"))] | length')
if [ "$open" = 0 ]; then ok "after the restart tick ran every speed-to-lead timer that came due"; else not_ok "timers resume after the crash" "$open speed-to-lead obligations still open past due"; fi

# kill -9 in the middle of an import, then import the same file again
{
	echo "email,name,source"
	i=1
	while [ $i -le 30000 ]; do
		echo "imp$i@import$((i % 97)).example,Imp $i,web_form"
		i=$((i + 1))
	done
} >"$T/big.csv"
before=$("$BATON" --json lead list | jq length)
"$BATON" --now "$NOW" lead import "$T/big.csv" >/dev/null 2>&1 &
IMP=$!
# wait until the import has committed part of the file (CRASH_IMPORT_WAIT tenths of a second at
# most: 300, more under valgrind), then kill it
i=0
while [ $i -lt "${CRASH_IMPORT_WAIT:-300}" ]; do
	n=$(sql 'SELECT COUNT(*) FROM leads' 2>/dev/null || echo 0)
	[ "${n:-0}" -gt $((before + 2000)) ] && break
	sleep 0.1
	i=$((i + 1))
done
kill -9 $IMP 2>/dev/null
wait $IMP 2>/dev/null
mid=$("$BATON" --json lead list | jq length)
if [ "$mid" -gt "$before" ] && [ "$mid" -lt $((before + 30000)) ]; then
	ok "import killed midway: $((mid - before)) of 30000 rows were committed"
else
	not_ok "the import was killed midway" "before=$before after=$mid"
fi
rm -f "$T"/acked.*
check_store "kill -9 of lead import"
b --json lead import "$T/big.csv"
expect_jq "the same file again completes the import: every row is in, none twice" \
	'"\(.imported + .duplicates)"' 30000
after=$("$BATON" --json lead list | jq length)
if [ "$after" -eq $((before + 30000)) ]; then ok "30000 leads, each once"; else not_ok "30000 leads, each once" "before=$before after=$after"; fi
