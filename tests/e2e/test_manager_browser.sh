#!/bin/sh
# test_manager_browser.sh - the manager's day in a browser (tests/browser/test_manager.mjs,
# issue 16.4): builds a demo store (`baton demo --leads 300 --seed 2`, the clock frozen on a
# Monday morning), takes in a new inbound lead of "Analytical Engines", finds a booked meeting the
# lead's manager may see, creates the tokens of that manager and of the lead's MRR, starts
# `baton serve` on 127.0.0.1 (stopped at exit), runs the node script at 1366x768 (playwright-core
# driving Debian's chromium headless), then checks the store: the lead reassigned by the
# manager's hand, the meeting cancelled at the prospect's request, the playbook applied as a new
# version by the manager. Skips when chromium is not installed; screenshots go to
# $BATON_SCREENSHOTS (default: a temporary folder).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"
browser_ready

# ---------------------------------------------------------------- the store
b demo --leads 300 --seed 2
expect_rc "the demo store is built" 0
b --json lead add --email ada.lovelace@analytical-engines.example --name "Ada Lovelace" --title CTO \
	--company "Analytical Engines" --source web_form --channel inbound --segment saas --employees 250 --country FR
expect_rc "a new inbound lead of Analytical Engines comes in" 0
LEAD=$(printf '%s' "$OUT" | jq -r .id)
MRR=$(printf '%s' "$OUT" | jq -r .owner)
b --json rep list
MANAGER=$(printf '%s' "$OUT" | jq -r --arg r "$MRR" '.[] | select(.name == $r) | .manager')
if [ "$MRR" = null ] || [ "$MANAGER" = null ]; then
	not_ok "the lead has an MRR with a manager" "owner $MRR, manager $MANAGER"
	exit 1
fi
tokens_for "$MRR" "$MANAGER"
TK_MANAGER=$(printf '%s' "$TOKENS" | jq -r --arg r "$MANAGER" '.[$r]')

if ! start_server; then
	not_ok "baton serve starts" "$(tail -5 "$T/server.log")"
	exit 1
fi
ok "baton serve starts on 127.0.0.1:$PORT"

# a booked meeting still to come whose lead the manager may see (its AE of the manager's team)
MEETING=
MEETING_LEAD=
for row in $(sql "SELECT id || ':' || lead FROM meetings WHERE status = 'booked' AND start > $(date -u -d "$NOW" +%s) ORDER BY start"); do
	api GET "/api/v1/leads/${row#*:}" "$TK_MANAGER"
	if [ "$CODE" = 200 ]; then
		MEETING=${row%%:*}
		MEETING_LEAD=${row#*:}
		break
	fi
done
[ -n "$MEETING" ] && ok "a booked meeting the manager may see: $MEETING (lead $MEETING_LEAD)" ||
	not_ok "a booked meeting the manager may see"

# ---------------------------------------------------------------- the browser
run_browser test_manager.mjs BATON_TOKENS="$TOKENS" BATON_LEAD="$LEAD" BATON_MRR="$MRR" BATON_MANAGER="$MANAGER" \
	BATON_MEETING="$MEETING" BATON_MEETING_LEAD="$MEETING_LEAD"

stop_server_checked

# ---------------------------------------------------------------- the store afterwards
b --json lead show "$LEAD"
expect_jq "the lead found by its company was reassigned by the manager's hand" \
	'[.events[] | select(.type == "assigned")][-1] | [.manual, .by, .reason, (.owner != .previous_owner)] | map(tostring) | join(",")' \
	"true,$MANAGER,Knows the account,true"
if [ -n "$MEETING_LEAD" ]; then
	b --json lead show "$MEETING_LEAD"
	expect_jq "the meeting was cancelled at the prospect's request, by the manager" \
		"[.events[] | select(.type == \"meeting_cancelled\" and .meeting == $MEETING)][-1] | [.actor, .initiator] | join(\",\")" \
		"$MANAGER,prospect"
	expect_jq "the meeting's status is cancelled" ".meetings[] | select(.id == $MEETING) | .status" cancelled
fi
b --json export events
expect_jq "the playbook was applied once, as version 2, by the manager" \
	'[.[] | select(.type == "playbook_applied" and .version > 1) | [.version, .actor] | map(tostring) | join(",")] | join(" ")' \
	"2,$MANAGER"
b playbook show
if printf '%s' "$OUT" | grep -q 'first_touch_within: 10m'; then
	ok "the playbook in force has the manager's edit"
else
	not_ok "the playbook in force has the manager's edit"
fi
[ "$NODE_RC" -eq 0 ]
