#!/bin/sh
# test_replay_browser.sh - "Try a change" on the dashboard (tests/browser/test_replay.mjs, issue
# 18.2): builds a demo store (`baton demo --leads 200`, the clock frozen), creates the tokens of
# a manager and an MRR, starts `baton serve` on 127.0.0.1 (stopped at exit) and runs the node
# script at 375x812 (playwright-core driving Debian's chromium headless); then checks the store:
# the replayed change applied as version 2 by the manager, and nothing else written by the
# replay. Skips when chromium is not installed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"
browser_ready

NOW=2026-12-01T12:00:00Z
b demo --leads 200
expect_rc "the demo store is built" 0
b --json rep list
MANAGER=$(printf '%s' "$OUT" | jq -r '[.[] | select(.role == "manager")][0].name')
MRR=$(printf '%s' "$OUT" | jq -r '[.[] | select(.role == "mrr")][0].name')
tokens_for "$MANAGER" "$MRR"
b --json export events
BEFORE=$(printf '%s' "$OUT" | jq length)

if ! start_server; then
	not_ok "baton serve starts" "$(tail -5 "$T/server.log")"
	exit 1
fi
run_browser test_replay.mjs BATON_TOKENS="$TOKENS" BATON_MANAGER="$MANAGER" BATON_MRR="$MRR"
stop_server_checked

b --json export events
expect_jq "the store gained one event: the playbook applied (the replays wrote nothing)" \
	"[length - $BEFORE, (.[-1] | .type, .actor, .version)] | map(tostring) | join(\",\")" "1,playbook_applied,$MANAGER,2"
b playbook show
if printf '%s' "$OUT" | grep -q 'first_touch_within: 2m'; then
	ok "the playbook in force has the replayed change"
else
	not_ok "the playbook in force has the replayed change"
fi
[ "$NODE_RC" -eq 0 ]
