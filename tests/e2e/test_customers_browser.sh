#!/bin/sh
# test_customers_browser.sh - the dashboard's Customers page (tests/browser/test_customers.mjs,
# issue 19): builds a demo store (`baton demo --leads 300 --seed 7`, the clock frozen), creates the
# tokens of the CSM with a renewal in the next 90 days, of its manager and of an MRR, starts `baton
# serve` on 127.0.0.1 (stopped at exit) and runs the node script at 375x812 (playwright-core
# driving Debian's chromium headless); then checks the page wrote nothing. Skips when chromium is
# not installed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"
browser_ready

NOW=2026-11-23T06:30:00Z
b demo --leads 300 --seed 7
expect_rc "the demo store is built" 0
b --json lead list --stage live
# 90 days after $NOW: 2027-02-21
CSM=$(printf '%s' "$OUT" | jq -r '[.[] | select(.renews_at != null and .renews_at < "2027-02-21")][0].owner')
if [ "$CSM" != null ]; then ok "a CSM ($CSM) has a customer renewing in the next 90 days"; else
	not_ok "a CSM has a customer renewing in the next 90 days"
fi
b --json rep list
MANAGER=$(printf '%s' "$OUT" | jq -r --arg csm "$CSM" '.[] | select(.name == $csm) | .manager')
MRR=$(printf '%s' "$OUT" | jq -r '[.[] | select(.role == "mrr")][0].name')
tokens_for "$MANAGER" "$CSM" "$MRR"
b --json export events
BEFORE=$(printf '%s' "$OUT" | jq length)

if ! start_server; then
	not_ok "baton serve starts" "$(tail -5 "$T/server.log")"
	exit 1
fi
run_browser test_customers.mjs BATON_TOKENS="$TOKENS" BATON_MANAGER="$MANAGER" BATON_CSM="$CSM" BATON_MRR="$MRR"
stop_server_checked

b --json export events
expect_jq "the page wrote nothing" "length - $BEFORE" 0
[ "$NODE_RC" -eq 0 ]
