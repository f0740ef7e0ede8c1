#!/bin/sh
# test_signin_browser.sh - sign-in by emailed link in a phone-sized browser
# (tests/browser/test_signin.mjs, SPEC 8.7): a store with the standard team, alice's email
# address (her zone New York) and a new lead of hers; `baton serve` on a free port of 127.0.0.1
# and a real SMTP server (python3-aiosmtpd, lib_mail.sh) on another, the playbook's
# notify.channels.email set to it and notify.link_base to the server's URL (both stopped on
# exit). The node script asks for the link on the sign-in page, waits for the email in the
# maildir and takes the link from its decoded body ($T/link.sh), opens it, works the lead and
# signs out; then the email (To, Subject, the link, its expiry in alice's zone), the outbox
# row (sent, the link blanked) and the store are checked. Skips when chromium or aiosmtpd is
# not installed; the screenshot goes to $BATON_SCREENSHOTS (default: a temporary folder;
# BATON_SCREENSHOTS=$PWD/docs/screenshots keeps it in the docs).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"
. "$(dirname "$0")/lib_mail.sh"
trap '[ -z "$SMTP_PID" ] || kill "$SMTP_PID" 2>/dev/null; stop_server; lib_cleanup' EXIT
browser_ready
if ! smtp_ready; then
	echo "ok - sign-in in a browser # SKIP python3-aiosmtpd is not installed (make deps)"
	exit 0
fi

# ---------------------------------------------------------------- the store
b init
team
b rep set alice --email alice@example.com
b --json lead add --email ada@analytical.example --name "Ada Lovelace" --company "Analytical Engines" \
	--channel inbound --source web_form --country FR
LEAD=$(printf '%s' "$OUT" | jq -r .id)
[ "$(printf '%s' "$OUT" | jq -r .owner)" = alice ] || b lead assign "$LEAD" --to alice --by maria --reason "the test's lead"
b --json lead show "$LEAD"
expect_jq "the lead is alice's" .owner alice
b rep set alice --timezone America/New_York # after the routing: her emails say times in her zone

# ---------------------------------------------------------------- the SMTP server and baton's
if ! start_smtp; then
	not_ok "the SMTP server starts" "$(tail -5 "$T/smtp.log")"
	exit 1
fi
ok "the SMTP server starts on 127.0.0.1:$SMTP_PORT"
if ! start_server; then
	not_ok "baton serve starts" "$(tail -5 "$T/server.log")"
	exit 1
fi
ok "baton serve starts on 127.0.0.1:$PORT"
# the playbook's email channel is the SMTP server, and its links are based on this server's
# URL; the server reads the new version at its next request
b playbook show
smtp_playbook "$OUT" "$T/pb_mail.yaml"
b playbook apply "$T/pb_mail.yaml"
expect_rc "the playbook sends email through the SMTP server, its links on the server's URL" 0
# link.sh: the link in alice's newest email (nothing before it came), read from its decoded
# body: quoted-printable folds the link's long line
cat >"$T/link.sh" <<SH
$PY "$MAIL_READ" "$T/mail" alice@example.com | jq -r 'last | .body // empty' |
	grep -o 'https\{0,1\}://[^[:space:]]*/api/v1/session/link/[A-Za-z0-9_-]*' | tail -1
SH

# ---------------------------------------------------------------- the browser
run_browser test_signin.mjs BATON_EMAIL=alice@example.com BATON_REP=alice BATON_LEAD="$LEAD" \
	BATON_LEAD_NAME="Ada Lovelace" BATON_LINK_CMD="sh $T/link.sh"
stop_server_checked

# ---------------------------------------------------------------- the email
# asked at 09:00 UTC, good for 15 minutes: 04:15 in New York
expect_signin_mail alice@example.com "2026-11-23 04:15 (America/New_York)"
LINK=$MAIL_LINK
all=$(ls "$T/mail/new" 2>/dev/null | wc -l)
if [ "$all" = 1 ]; then ok "no other email: the unknown address got none"; else not_ok "no other email: the unknown address got none" "$all in the maildir"; fi
ROW=$(sql "SELECT status || '|' || channel || '|' || COALESCE(address, '') || '|' || payload FROM outbox WHERE kind = 'sign_in' AND rep = 'alice'")
if printf '%s' "${ROW#*|*|*|}" | jq -e '.link == "" and .expires == "2026-11-23T09:15:00Z"' >/dev/null &&
	[ "${ROW%%|{*}" = "sent|email|alice@example.com" ]; then
	ok "the outbox row is sent, by email to alice, and its payload no longer holds the link"
else
	not_ok "the outbox row is sent, and its payload no longer holds the link" "$ROW"
fi
if store_dump | grep -a -q -F -- "${LINK##*/}"; then not_ok "the link's token is nowhere in the store"; else ok "the link's token is nowhere in the store"; fi

# ---------------------------------------------------------------- the store afterwards
b --json lead show "$LEAD"
expect_jq "the browser's call is on the lead's timeline, by alice" \
	'[.events[] | select(.type == "touch") | [.actor, .kind] | join(",")] | join(" ")' "alice,call"
n=$(sql "SELECT COUNT(*) FROM sessions WHERE rep = 'alice' AND revoked_at IS NOT NULL")
if [ "$n" = 1 ]; then ok "alice's one session is signed out"; else not_ok "alice's one session is signed out" "$n"; fi
n=$(sql "SELECT COUNT(*) FROM signin_links WHERE used_at IS NOT NULL")
if [ "$n" = 1 ]; then ok "one link was used"; else not_ok "one link was used" "$n"; fi
[ "$NODE_RC" -eq 0 ]
