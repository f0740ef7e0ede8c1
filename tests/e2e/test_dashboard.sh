#!/bin/sh
# test_dashboard.sh - the dashboard in a browser (tests/browser/test_dashboard.mjs): builds a
# demo store (`baton demo --leads 300 --seed 3`, clock frozen on a Monday morning), takes in two
# new inbound leads (the second for a manager's hand) and a third that the MRR hands off to an
# AE on the command line (for the AE to reject in the browser), finds an SDR that owes nothing
# but works leads, creates the tokens of the first lead's MRR, of that MRR's manager, of that SDR
# and of every AE, starts `baton serve` on a free port of 127.0.0.1 (stopped on exit, also on
# failure), runs the node script (playwright-core driving Debian's chromium headless), then
# checks the store. Skips when chromium is not installed; screenshots go to $BATON_SCREENSHOTS
# (default: a temporary folder).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"
browser_ready

cleanup() {
	stop_server
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# ---------------------------------------------------------------- the store
b demo --leads 300 --seed 3
expect_rc "the demo store is built" 0
b --json lead add --email ada.lovelace@analytical-engines.example --name "Ada Lovelace" --title CTO \
	--company "Analytical Engines" --source web_form --channel inbound --segment saas --employees 250 --country FR \
	--phone "+33 1 23 45 67 89" --timezone America/New_York
expect_rc "a new inbound lead comes in" 0
LEAD=$(printf '%s' "$OUT" | jq -r .id)
MRR=$(printf '%s' "$OUT" | jq -r .owner)
b --json rep list
MANAGER=$(printf '%s' "$OUT" | jq -r --arg r "$MRR" '.[] | select(.name == $r) | .manager')
REPS="$MRR $MANAGER $(printf '%s' "$OUT" | jq -r '.[] | select(.role == "ae") | .name' | tr '\n' ' ')"
if [ "$MRR" = null ] || [ "$MANAGER" = null ]; then
	not_ok "the lead has an MRR with a manager" "owner $MRR, manager $MANAGER"
	exit 1
fi
# the second lead: the first new one the rotation gives to a rep of the same manager's team
i=0
LEAD2=
while [ $i -lt 12 ] && [ -z "$LEAD2" ]; do
	i=$((i + 1))
	b --json lead add --email "grace.hopper$i@analytical-engines.example" --name "Grace Hopper" \
		--company "Analytical Engines" --source web_form --channel inbound --segment saas --employees 250 --country FR
	ID2=$(printf '%s' "$OUT" | jq -r .id)
	O2=$(printf '%s' "$OUT" | jq -r .owner)
	b --json rep list
	[ "$(printf '%s' "$OUT" | jq -r --arg r "$O2" '.[] | select(.name == $r) | .manager')" = "$MANAGER" ] && LEAD2=$ID2
done
[ -n "$LEAD2" ] || not_ok "a second lead for the manager's team" "after $i leads"
# the third: worked and handed off by the MRR to the first AE that takes it, to be rejected
b --json lead add --email charles.babbage@difference-engines.example --name "Charles Babbage" \
	--company "Difference Engines" --source web_form --channel inbound --segment saas --employees 250 --country FR
LEAD3=$(printf '%s' "$OUT" | jq -r .id)
MRR3=$(printf '%s' "$OUT" | jq -r .owner)
b touch "$LEAD3" --by "$MRR3" --kind call --outcome connected
b qualify "$LEAD3" --by "$MRR3" --set budget=yes authority=decision_maker need=Routing timeline=this_quarter
b --json rep list
AE3=
for ae in $(printf '%s' "$OUT" | jq -r '.[] | select(.role == "ae" and .active) | .name'); do
	b handoff "$LEAD3" --by "$MRR3" --to "$ae" --note direct_phone=1 mobile_phone=2 summary=3 company_changes=4 current_systems=5
	if [ "$RC" -eq 0 ]; then AE3=$ae; break; fi
done
[ -n "$AE3" ] || not_ok "an AE takes the third lead's handoff" "$ERR"
# an SDR that owes nothing now but works leads (its queue's second section)
b --json rep list
SDR=
for r in $(printf '%s' "$OUT" | jq -r '.[] | select(.role == "sdr") | .name'); do
	b --json queue --rep "$r" --working
	if [ "$(printf '%s' "$OUT" | jq '[.[] | select(.kind != "working")] | length')" = 0 ] &&
		[ "$(printf '%s' "$OUT" | jq '[.[] | select(.kind == "working")] | length')" -gt 0 ]; then
		SDR=$r
		break
	fi
done
[ -n "$SDR" ] || not_ok "an SDR that owes nothing and works leads" "none in the demo store"
REPS="$REPS $SDR"
tokens_for $REPS

if ! start_server; then
	not_ok "baton serve starts" "$(tail -5 "$T/server.log")"
	exit 1
fi
ok "baton serve starts on 127.0.0.1:$PORT"

# ---------------------------------------------------------------- the browser
run_browser test_dashboard.mjs BATON_TOKENS="$TOKENS" BATON_LEAD="$LEAD" BATON_LEAD2="$LEAD2" BATON_LEAD_NAME="Ada Lovelace" \
	BATON_MRR="$MRR" BATON_MANAGER="$MANAGER" BATON_LEAD3="$LEAD3" BATON_MRR3="$MRR3" BATON_AE3="$AE3" BATON_SDR="$SDR"

stop_server_checked

# ---------------------------------------------------------------- the store afterwards
b --json lead show "$LEAD"
expect_jq "the lead the browser worked is an SQL" .stage sql
expect_jq "it was handed off by the MRR" .handed_by "$MRR"
expect_jq "its notes were reviewed" .reviewed true
expect_jq "its meeting is booked" '[.meetings[] | select(.status == "booked")] | length' 1
expect_jq "the timeline holds the browser's touch, qualify, handoff, review and accept" \
	'[.events[] | select(.actor != "system") | .type] | map(select(. == "touch" or . == "qualify" or . == "handoff" or . == "review" or . == "accept")) | join(",")' \
	"touch,qualify,handoff,review,accept"
b --json lead show "$LEAD3"
expect_jq "the lead the AE rejected in the browser is back with the rep who handed it off, working" \
	'[.stage, .owner, .reason, ([.events[] | select(.type == "reject")][-1].actor)] | join(",")' "working,$MRR3,not_qualified,$AE3"
b --json lead show "$LEAD2"
expect_jq "the manager's hand is one assigned event, manual, with its reason" \
	'[.events[] | select(.type == "assigned")][-1] | [.manual, .by, .reason, (.owner == .previous_owner)] | map(tostring) | join(",")' \
	"true,$MANAGER,Speaks German,false"
b --json export events
expect_jq "the absence the browser entered and cancelled, by the manager" \
	'[.[] | select((.type == "absence_added" or .type == "absence_cancelled") and .actor != "admin") | [.type, .actor, .reason] | join(",")] | join(" ")' \
	"absence_added,$MANAGER,Training in Lyon absence_cancelled,$MANAGER,Training in Lyon"
[ "$NODE_RC" -eq 0 ]
