#!/bin/sh
# test_live.sh - the live dashboard in a browser (tests/browser/test_live.mjs, SPEC 8.7): a
# store with one MRR in the inbound rotation (Mia, of Maria's team) and a few leads of hers,
# her token and an intake token; `baton serve` on a free port of 127.0.0.1 (stopped on exit);
# the node script keeps Mia's queue open, posts a web-form lead and sees it appear without a
# reload, the tab title's count go up and the notification she allowed; then her lead page
# follows a touch she logs from elsewhere. Skips when chromium is not installed; screenshots
# go to $BATON_SCREENSHOTS (default: a temporary folder; docs/screenshots keeps queue-live.png).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"
browser_ready

# ---------------------------------------------------------------- the store
NOW=2026-11-23T08:30:00Z # Monday 09:30 in Paris: a lead is routed at once
b init
b rep add maria --role manager
b rep add mia --role mrr --manager maria
expect_rc "Mia, the one MRR of the rotation, is added" 0
for who in "Grace Hopper:Navy Labs" "Alan Turing:Bletchley Analytics" "Katherine Johnson:Langley Flight"; do
	name=${who%%:*}
	company=${who#*:}
	b lead add --email "$(printf '%s' "$name" | tr 'A-Z ' 'a-z.')@example.com" --name "$name" --company "$company" \
		--source web_form --channel inbound --segment saas --employees 120 --country FR
done
expect_rc "three leads of hers are in" 0
b --json token create --rep mia
TOK_MIA=$(printf '%s' "$OUT" | jq -r .token)
b --json token create --intake
INTAKE=$(printf '%s' "$OUT" | jq -r .token)

if ! start_server; then
	not_ok "baton serve starts" "$(tail -5 "$T/server.log")"
	exit 1
fi
ok "baton serve starts on 127.0.0.1:$PORT"

# ---------------------------------------------------------------- the browser
run_browser test_live.mjs BATON_TOKEN="$TOK_MIA" BATON_INTAKE="$INTAKE"

stop_server
if [ "$SRV_RC" -eq 0 ]; then ok "baton serve stops cleanly with the page's stream open"; else not_ok "baton serve stops cleanly" "exit $SRV_RC"; fi
if grep -q 'Sanitizer\|runtime error:' "$T/server.log"; then
	not_ok "no sanitizer report from the server" "$(grep -A5 'Sanitizer\|runtime error:' "$T/server.log" | head -20)"
else
	ok "no sanitizer report from the server"
fi
b --json lead list
expect_jq "the web-form lead is Mia's, with the touch she logged" \
	'[.[] | select(.name == "Ada Lovelace") | [.owner, .touches] | map(tostring) | join(",")] | join(" ")' "mia,1"
[ "$NODE_RC" -eq 0 ]
