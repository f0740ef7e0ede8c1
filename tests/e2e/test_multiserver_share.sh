#!/bin/sh
# test_multiserver_share.sh - two `baton serve` hammering one pool at once give each rep its exact
# share (issue 20): 16 clients POST unique leads over both servers, so that each server's group
# commit takes several at a time; on PostgreSQL each batch claims its turns of the rotation in a
# short transaction of its own (work_claim) and stores its leads after it. Then every 201 lead is
# stored once, and: with equal weights every rep has exactly a quarter (no turn given twice, none
# skipped); with weights 3 and 1 exactly 3/4 and 1/4 (the smooth weighted round robin); with a
# capacity of 40 more a rep no more, every lead over the pool's capacity waiting for a rotation (the
# leads another server has in flight count). SQLite: the same, its writes one at a time.
. "$(dirname "$0")/lib.sh"

. "$(dirname "$0")/lib_http.sh"

SRV_A=
SRV_B=
cleanup() {
	[ -n "$SRV_A" ] && kill -9 "$SRV_A" 2>/dev/null
	[ -n "$SRV_B" ] && kill -9 "$SRV_B" 2>/dev/null
	lib_cleanup
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

b init
b rep add maria --role manager
b --json token create --intake
TOKEN=$(printf '%s' "$OUT" | jq -r .token)

# serve: starts servers A and B (lib_http.sh's start_server, each on a free port), their clocks
# frozen at $NOW (Monday 10:00 in Paris, inside the reps' hours); 1 unless both answer
serve() {
	PORT_SALT=0 start_server || return 1
	SRV_A=$SRV PORT_A=$PORT SRV=
	PORT_SALT=7919 start_server || return 1
	SRV_B=$SRV PORT_B=$PORT SRV=
}

stop() {
	kill -TERM "$SRV_A" "$SRV_B"
	wait "$SRV_A"
	ra=$?
	wait "$SRV_B"
	rb=$?
	SRV_A= SRV_B=
	[ $ra -eq 0 ] && [ $rb -eq 0 ]
}

# client ROUND N COUNT: COUNT unique leads, alternately to A and B; "code email" to $T/codes
client() {
	i=0
	while [ $i -lt "$3" ]; do
		if [ $(((i + $2) % 2)) -eq 0 ]; then port=$PORT_A; else port=$PORT_B; fi
		email="s$1-c$2-$i@share$((i % 5)).example"
		code=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
			-H 'Content-Type: application/json' -d "{\"email\": \"$email\", \"source\": \"web_form\"}" \
			"http://127.0.0.1:$port/api/v1/leads")
		echo "$code $email" >>"$T/codes"
		i=$((i + 1))
	done
}

# round ROUND LEADS: both servers take LEADS leads from 16 clients at once; checks the answers
# and that every 201 lead is stored; leaves the owners of the round's leads in $T/owners
round() {
	: >"$T/codes"
	serve || { not_ok "round $1: two servers start on one store" "$(tail -n 3 "$T/server.log")"; exit 1; }
	n=1
	pids=
	while [ $n -le 16 ]; do
		client "$1" $n $(($2 / 16)) &
		pids="$pids $!"
		n=$((n + 1))
	done
	for p in $pids; do wait "$p"; done
	stop || not_ok "round $1: both servers stop cleanly"
	bad=$(awk '$1 != 201' "$T/codes" | sort | uniq -c | head -3)
	if [ -z "$bad" ]; then ok "round $1: all $2 POSTs answered 201"; else not_ok "round $1: all $2 POSTs answered 201" "$bad"; fi
	"$BATON" --now "$NOW" --json lead list --limit 100000 >"$T/leads.json"
	jq -r --arg p "s$1-" '.[] | select(.email | startswith($p)) | .email' "$T/leads.json" | sort >"$T/have"
	awk '$1 == 201 {print $2}' "$T/codes" | sort >"$T/acked"
	lost=$(comm -23 "$T/acked" "$T/have" | head -3)
	twice=$(uniq -d "$T/have" | head -3)
	if [ -z "$lost$twice" ] && [ "$(wc -l <"$T/have")" -eq "$2" ]; then
		ok "round $1: every 201 lead is stored, once"
	else
		not_ok "round $1: every 201 lead is stored, once" "lost: $lost" "twice: $twice" "stored: $(wc -l <"$T/have")"
	fi
	jq -r --arg p "s$1-" '.[] | select(.email | startswith($p)) | .owner // "-"' "$T/leads.json" | sort | uniq -c |
		awk '{printf "%s%s=%s", sep, $2, $1; sep=" "} END {print ""}' >"$T/owners"
}

# shares NAME EXPECTED: the round's leads per owner ("-" for none) are exactly EXPECTED
shares() {
	got=$(cat "$T/owners")
	if [ "$got" = "$2" ]; then ok "$1 ($got)"; else not_ok "$1" "expected $2, got $got"; fi
}

# ---- equal weights: the plain rotation, a quarter each
for r in r1 r2 r3 r4; do b rep add "$r" --role mrr --manager maria; done
round 1 320
shares "equal weights: each of 4 reps gets exactly a quarter of 320 leads" "r1=80 r2=80 r3=80 r4=80"

# ---- weights 3 and 1: the smooth weighted round robin's exact shares
b rep set r1 --weight 3
b rep set r3 --active false
b rep set r4 --active false
round 2 320
shares "weights 3 and 1: exactly 3/4 and 1/4 of 320 leads" "r1=240 r2=80"

# ---- capacity: 40 open leads more a rep, then the leads wait
b rep set r1 --weight 1
b rep set r3 --active true
b rep set r4 --active true
for r in r1 r2 r3 r4; do b rep set "$r" --capacity $((80 + 40)); done
b rep set r1 --capacity $((80 + 240 + 40))
b rep set r2 --capacity $((80 + 80 + 40))
round 3 320
shares "capacity 40 more a rep: 40 leads each, the other 160 wait (another server's leads in flight count)" \
	"-=160 r1=40 r2=40 r3=40 r4=40"
if grep -q 'Sanitizer\|runtime error' "$T/server.log"; then not_ok "no sanitizer report from the servers" "$(grep -m3 'ERROR\|runtime error' "$T/server.log")"; fi
