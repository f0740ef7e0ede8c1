#!/bin/sh
# test_signin_browser.sh - sign-in by emailed link in a phone-sized browser
# (tests/browser/test_signin.mjs, SPEC 8.7): a store with the standard team, alice's email
# address and a new lead of hers; `baton serve` on a free port of 127.0.0.1 (stopped on exit);
# the node script asks for the link, reads it from the outbox through $T/link.sh (sqlite3, or
# psql on the PostgreSQL pass), opens it, works the lead and signs out; then the store is
# checked. Skips when chromium is not installed; the screenshot goes to $BATON_SCREENSHOTS
# (default: a temporary folder; BATON_SCREENSHOTS=$PWD/docs/screenshots keeps it in the docs).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"
. "$(dirname "$0")/lib_browser.sh"
browser_ready

# ---------------------------------------------------------------- the store
b init
team
# the links go by email once the playbook has SPEC 8.6's notify: (NOTIFY's): a channel to a port
# where nothing listens keeps each link's row pending in the outbox, its link there for this test
# to read (a sent one is blanked); before notify: exists the apply fails and changes nothing
b playbook show
printf '%s\nnotify:\n  channels:\n    email: {smtp_url: "smtp://127.0.0.1:9", from: "baton@example.com"}\n' "$OUT" >"$T/pb_mail.yaml"
"$BATON" --now "$NOW" playbook apply "$T/pb_mail.yaml" >/dev/null 2>&1
if "$BATON" rep set --help 2>&1 | grep -q -- '--email'; then # NOTIFY's rep set --email, once merged
	b rep set alice --email alice@example.com
else
	sql "UPDATE reps SET email = 'alice@example.com' WHERE name = 'alice'" >/dev/null
fi
b --json lead add --email ada@analytical.example --name "Ada Lovelace" --company "Analytical Engines" \
	--channel inbound --source web_form --country FR
LEAD=$(printf '%s' "$OUT" | jq -r .id)
[ "$(printf '%s' "$OUT" | jq -r .owner)" = alice ] || b lead assign "$LEAD" --to alice --by maria --reason "the test's lead"
b --json lead show "$LEAD"
expect_jq "the lead is alice's" .owner alice
# link.sh: the path of alice's last sign-in link in the outbox (the store's own client)
cat >"$T/link.sh" <<EOF
case "$BATON_DB" in
postgres://* | postgresql://*) psql -XqAt "$BATON_DB" -c "SELECT payload FROM outbox WHERE kind = 'sign_in' AND rep = 'alice' ORDER BY id DESC LIMIT 1" ;;
*) sqlite3 "$BATON_DB" "SELECT payload FROM outbox WHERE kind = 'sign_in' AND rep = 'alice' ORDER BY id DESC LIMIT 1" ;;
esac | jq -r '.link // empty' | sed 's|^https\{0,1\}://[^/]*||'
EOF

if ! start_server; then
	not_ok "baton serve starts" "$(tail -5 "$T/server.log")"
	exit 1
fi
ok "baton serve starts on 127.0.0.1:$PORT"

# ---------------------------------------------------------------- the browser
browser_run test_signin.mjs BATON_EMAIL=alice@example.com BATON_REP=alice BATON_LEAD="$LEAD" \
	BATON_LEAD_NAME="Ada Lovelace" BATON_LINK_CMD="sh $T/link.sh"
stop_server_checked

# ---------------------------------------------------------------- the store afterwards
b --json lead show "$LEAD"
expect_jq "the browser's call is on the lead's timeline, by alice" \
	'[.events[] | select(.type == "touch") | [.actor, .kind] | join(",")] | join(" ")' "alice,call"
n=$(sql "SELECT COUNT(*) FROM sessions WHERE rep = 'alice' AND revoked_at IS NOT NULL")
if [ "$n" = 1 ]; then ok "alice's one session is signed out"; else not_ok "alice's one session is signed out" "$n"; fi
n=$(sql "SELECT COUNT(*) FROM signin_links WHERE used_at IS NOT NULL")
if [ "$n" = 1 ]; then ok "one link was used"; else not_ok "one link was used" "$n"; fi
[ "$NODE_RC" -eq 0 ]
