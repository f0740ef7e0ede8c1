#!/bin/sh
# test_signin.sh - sign-in by emailed link and the session cookie (SPEC 8.7, docs/api.md
# "Sessions", SECURITY.md): asking for a link answers 202 with the same body for a rep's
# address and for anyone's; the link is stored hashed and queued in the outbox (kind sign_in),
# where this test reads it; opening it sets the cookie (HttpOnly, SameSite=Strict, Secure only
# behind TLS) and redirects to the dashboard, once; an expired link, a session idle 13 hours, a
# signed-out one and an inactive rep's sign nobody in; signing out ends the live streams that
# session opened (not the rep's others), and each sign-in and sign-out is an event; a
# state-changing request by the cookie needs the server's own Origin, a Bearer token's does
# not; five links per rep per 15 minutes; a link sent through a real SMTP server (lib_mail.sh)
# is read from the email and signs its rep in, its outbox row blanked; no token, link or
# session id in the server's log. Servers on 127.0.0.1, clock frozen.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"
. "$(dirname "$0")/lib_mail.sh"
STREAMS= # the curl readers of live streams
trap 'for p in $STREAMS $SMTP_PID; do kill "$p" 2>/dev/null; done; stop_server; lib_cleanup' EXIT
T0=$NOW

# ask ADDRESS: POST /api/v1/session/link {"email": ADDRESS}; CODE, OUT; SECS how long it took
ask() {
	printf '{"email": "%s"}' "$1" >"$T/ask.body"
	SECS=$(curl -s --max-time 20 -o "$T/resp.body" -w '%{http_code} %{time_total}' -X POST \
		-H 'Content-Type: application/json' --data-binary "@$T/ask.body" "$URL/api/v1/session/link")
	CODE=${SECS% *}
	SECS=${SECS#* }
	OUT=$(cat "$T/resp.body")
}

# last_link REP: the path of the last sign-in link queued for REP (read from the outbox)
last_link() {
	sql "SELECT payload FROM outbox WHERE kind = 'sign_in' AND rep = '$1' ORDER BY id DESC LIMIT 1" |
		jq -r '.link // empty' | sed 's|^https\{0,1\}://[^/]*||'
}

# open_link PATH [CURL ARGS]: GET of the link on this server; CODE, HEADERS, COOKIE (its value)
open_link() {
	_l=$1
	shift
	api GET "$_l" "" "" "$@"
	COOKIE=$(header Set-Cookie | sed -n 's/^baton_session=\([^;]*\);.*/\1/p')
}

# with_cookie METHOD PATH VALUE [BODY [CURL ARGS]]: a request signed in by the cookie alone
with_cookie() {
	_m=$1 _p=$2 _v=$3
	shift 3
	_b=${1-}
	[ $# -gt 0 ] && shift
	api "$_m" "$_p" "" "$_b" -H "Cookie: theme=dark; baton_session=$_v" "$@"
}

# listen NAME ARGS...: the live stream read by curl -N (with ARGS: a cookie, a token) into
# $T/NAME.sse, in the background (PID_NAME); waits up to 10 s for it to open
listen() {
	_n=$1
	shift
	curl -sN --max-time 60 "$@" "$URL/api/v1/stream" >"$T/$_n.sse" 2>/dev/null &
	STREAMS="$STREAMS $!"
	eval "PID_$_n=$!"
	_i=0
	while [ $_i -lt 100 ] && ! grep -q '^: connected' "$T/$_n.sse"; do
		sleep 0.1
		_i=$((_i + 1))
	done
	grep -q '^: connected' "$T/$_n.sse"
}

# gone NAME: waits up to 10 s for the curl reading stream NAME to end (the server closed it);
# WAITED is how long it took in ms
gone() {
	eval "_p=\$PID_$1"
	_t0=$(date +%s%N)
	while kill -0 "$_p" 2>/dev/null; do
		WAITED=$((($(date +%s%N) - _t0) / 1000000))
		[ "$WAITED" -lt 10000 ] || return 1
		sleep 0.05
	done
	WAITED=$((($(date +%s%N) - _t0) / 1000000))
	wait "$_p" 2>/dev/null
	return 0
}

# restart AT: the server again with its clock at AT
restart() {
	stop_server
	NOW=$1
	start_server || not_ok "the server starts again at $1" "$(tail -5 "$T/server.log")"
}

# ---------------------------------------------------------------- the store
b init
team
# the links go by email (notify.channels.email): to a port where nothing listens first, so that
# each link's row stays pending in the outbox, its link there for this test to read (a sent
# one is blanked); "by email" below sends one through a real SMTP server
b playbook show
PB=$OUT
printf '%s\nnotify:\n  channels:\n    email: {smtp_url: "smtp://127.0.0.1:9", from: "baton@example.com"}\n' "$PB" >"$T/pb_mail.yaml"
b playbook apply "$T/pb_mail.yaml"
b rep set alice --email alice@example.com
b rep set maria --email maria@example.com
b rep set bob --email bob@example.com
b --json token create --rep alice
TK_ALICE=$(printf '%s' "$OUT" | jq -r .token)
b --json lead add --email ada@analytical.example --name "Ada Lovelace" --channel inbound --source web_form
LEAD=$(printf '%s' "$OUT" | jq -r .id)
OWNER=$(printf '%s' "$OUT" | jq -r .owner)
[ "$OWNER" = alice ] || b lead assign "$LEAD" --to alice --by maria --reason "the test's lead"
b --json lead show "$LEAD"
[ "$(printf '%s' "$OUT" | jq -r .owner)" = alice ] || not_ok "the lead is alice's" "owner $(printf '%s' "$OUT" | jq -r .owner)"

start_server || {
	not_ok "the server starts" "$(tail -5 "$T/server.log")"
	exit 1
}
ok "the server starts on 127.0.0.1:$PORT"

# ---------------------------------------------------------------- asking for a link
ask "alice@example.com"
KNOWN_CODE=$CODE KNOWN_BODY=$OUT KNOWN_SECS=$SECS
ask "nobody@example.com"
UNKNOWN_CODE=$CODE UNKNOWN_BODY=$OUT UNKNOWN_SECS=$SECS
echo "# a rep's address answered in ${KNOWN_SECS}s, an unknown one in ${UNKNOWN_SECS}s"
if [ "$KNOWN_CODE" = 202 ] && [ "$UNKNOWN_CODE" = 202 ]; then ok "a rep's address and an unknown one both answer 202"; else not_ok "a rep's address and an unknown one both answer 202" "$KNOWN_CODE, $UNKNOWN_CODE"; fi
if [ "$KNOWN_BODY" = "$UNKNOWN_BODY" ] && [ -n "$KNOWN_BODY" ]; then ok "with the same body"; else not_ok "with the same body" "[$KNOWN_BODY] [$UNKNOWN_BODY]"; fi
if awk -v a="$KNOWN_SECS" -v b="$UNKNOWN_SECS" 'BEGIN { exit !(a >= 0.25 && b >= 0.25) }'; then
	ok "both take at least the answer's floor (250 ms), whether a link was written or not"
else
	not_ok "both take at least the answer's floor (250 ms), whether a link was written or not" "$KNOWN_SECS s, $UNKNOWN_SECS s"
fi
ask "not an address"
check "an address that is none answers 202 too" 202 .message "$(printf '%s' "$KNOWN_BODY" | jq -r .message)"
api POST /api/v1/session/link "" '{"mail": "alice@example.com"}'
check_error "a body without email is 422 (its shape, not whose it is)" 422 unprocessable email
api POST /api/v1/session/link "" 'alice@example.com'
check_error "a body that is not JSON is 400" 400 bad_request body

n=$(sql "SELECT COUNT(*) FROM outbox WHERE kind = 'sign_in'")
if [ "$n" = 1 ]; then ok "one sign_in row in the outbox: for the rep's address only"; else not_ok "one sign_in row in the outbox: for the rep's address only" "$n rows"; fi
ROW=$(sql "SELECT rep || '|' || COALESCE(lead, 0) FROM outbox WHERE kind = 'sign_in'")
if [ "$ROW" = "alice|0" ]; then ok "the row is for alice, about no lead"; else not_ok "the row is for alice, about no lead" "$ROW"; fi
PAYLOAD=$(sql "SELECT payload FROM outbox WHERE kind = 'sign_in'")
if printf '%s' "$PAYLOAD" | jq -e --arg u "$URL" '(.link | startswith($u + "/api/v1/session/link/")) and .expires == "2026-11-23T09:15:00Z"' >/dev/null; then
	ok "its payload: the link on the server's own URL, expiring in 15 minutes"
else
	not_ok "its payload: the link on the server's own URL, expiring in 15 minutes" "$PAYLOAD"
fi
LINK=$(last_link alice)
RAW=${LINK##*/}
n=$(sql "SELECT COUNT(*) FROM signin_links WHERE hash LIKE '%$RAW%' OR rep LIKE '%$RAW%'")
h=$(sql "SELECT length(hash) FROM signin_links WHERE rep = 'alice'")
if [ "$n" = 0 ] && [ "$h" = 64 ] && [ ${#RAW} = 43 ]; then ok "the links table keeps a 256-bit hash, never the link's token"; else not_ok "the links table keeps a 256-bit hash, never the link's token" "matches $n, hash length $h, token length ${#RAW}"; fi

ask "  Alice@EXAMPLE.com "
n=$(sql "SELECT COUNT(*) FROM signin_links WHERE rep = 'alice'")
if [ "$n" = 2 ]; then ok "the address is normalised (case, spaces) before the lookup"; else not_ok "the address is normalised (case, spaces) before the lookup" "$n links"; fi

# ---------------------------------------------------------------- opening it
open_link "$LINK"
SESSION=$COOKIE
SETC=$(header Set-Cookie)
check "the link answers 303" 303
if [ "$(header Location)" = / ]; then ok "to the dashboard"; else not_ok "to the dashboard" "Location: $(header Location)"; fi
case "$SETC" in
*"; HttpOnly"*"; SameSite=Strict"*"Max-Age=43200"*) ok "the session cookie is HttpOnly, SameSite=Strict, for 12 hours" ;;
*) not_ok "the session cookie is HttpOnly, SameSite=Strict, for 12 hours" "Set-Cookie: $SETC" ;;
esac
case "$SETC" in
*Secure*) not_ok "not Secure on plain http" "Set-Cookie: $SETC" ;;
*) ok "not Secure on plain http" ;;
esac
h=$(sql "SELECT COUNT(*) FROM sessions WHERE rep = 'alice' AND length(hash) = 64 AND hash NOT LIKE '%$SESSION%'")
if [ ${#SESSION} = 43 ] && [ "$h" = 1 ]; then ok "the session is stored as a hash of its cookie's value"; else not_ok "the session is stored as a hash of its cookie's value" "value length ${#SESSION}, rows $h"; fi
if store_dump | grep -a -q -- "$SESSION"; then not_ok "the session's value is nowhere in the store files"; else ok "the session's value is nowhere in the store files"; fi
u=$(sql "SELECT used_at IS NOT NULL FROM signin_links WHERE hash = (SELECT hash FROM signin_links WHERE rep = 'alice' ORDER BY id LIMIT 1)")
if [ "$u" = 1 ] || [ "$u" = t ]; then ok "the link is marked used"; else not_ok "the link is marked used" "$u"; fi

with_cookie GET /api/v1/queue "$SESSION"
check "the cookie reads the rep's queue" 200 "[.[] | select(.lead == $LEAD)] | length > 0" true
with_cookie GET /api/v1/me "$SESSION"
check "GET /me by the cookie: alice" 200 .name alice
api GET /api/v1/me "$TK_ALICE" "" -H "Cookie: baton_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
check "a Bearer token wins over a cookie beside it" 200 .name alice

open_link "$LINK"
check "the link a second time answers 303" 303
if [ "$(header Location)" = "/#/signin/expired" ] && [ -z "$COOKIE" ]; then ok "to the sign-in page, saying so, and signs nobody in"; else not_ok "to the sign-in page, saying so, and signs nobody in" "Location $(header Location), cookie [$COOKIE]"; fi
open_link "/api/v1/session/link/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
if [ "$CODE" = 303 ] && [ "$(header Location)" = "/#/signin/expired" ] && [ -z "$COOKIE" ]; then ok "an unknown link signs nobody in"; else not_ok "an unknown link signs nobody in" "$CODE $(header Location) [$COOKIE]"; fi

LINK2=$(last_link alice)
open_link "$LINK2" -H "X-Forwarded-Proto: https"
case "$(header Set-Cookie)" in
*"; Secure"*) ok "behind TLS (X-Forwarded-Proto: https) the cookie is Secure" ;;
*) not_ok "behind TLS (X-Forwarded-Proto: https) the cookie is Secure" "$(header Set-Cookie)" ;;
esac
SESSION2=$COOKIE

# ---------------------------------------------------------------- the Origin of a change
TOUCH='{"type": "touch", "kind": "call", "outcome": "no_answer"}'
before=$(sql "SELECT COUNT(*) FROM events WHERE type = 'touch'")
with_cookie POST "/api/v1/leads/$LEAD/events" "$SESSION" "$TOUCH"
check_error "a POST by the cookie without an Origin is 403" 403 forbidden origin
case "$(printf '%s' "$OUT" | jq -r .error.message)" in *Origin*) ok "its message names the Origin" ;; *) not_ok "its message names the Origin" ;; esac
with_cookie POST "/api/v1/leads/$LEAD/events" "$SESSION" "$TOUCH" -H "Origin: http://evil.example"
check_error "a POST by the cookie from another site's Origin is 403" 403 forbidden origin
with_cookie POST "/api/v1/leads/$LEAD/events" "$SESSION" "$TOUCH" -H "Origin: http://127.0.0.1:$((PORT + 1))"
check_error "from another port of the same host is 403" 403 forbidden origin
after=$(sql "SELECT COUNT(*) FROM events WHERE type = 'touch'")
if [ "$before" = "$after" ]; then ok "nothing was written by the refused requests"; else not_ok "nothing was written by the refused requests" "$before -> $after touches"; fi
with_cookie POST "/api/v1/leads/$LEAD/events" "$SESSION" "$TOUCH" -H "Origin: $URL"
check "with the server's own Origin the cookie logs a touch" 200 .stage working
with_cookie DELETE "/api/v1/reps/alice/absences" "$SESSION" ""
check_error "a DELETE by the cookie without an Origin is 403" 403 forbidden origin
api POST "/api/v1/leads/$LEAD/events" "$TK_ALICE" "$TOUCH"
check "a Bearer token's POST needs no Origin" 200 .stage working
with_cookie POST /api/v1/leads "$SESSION" '{"email": "grace@analytical.example"}' -H "Origin: $URL" -H "Idempotency-Key: k1"
check_error "a session's lead with an Idempotency-Key is 400 (a key belongs to a token)" 400 bad_request idempotency-key

# ---------------------------------------------------------------- five links per 15 minutes
i=0
while [ $i -lt 5 ]; do
	ask "bob@example.com"
	i=$((i + 1))
done
n=$(sql "SELECT COUNT(*) FROM signin_links WHERE rep = 'bob'")
o=$(sql "SELECT COUNT(*) FROM outbox WHERE kind = 'sign_in' AND rep = 'bob'")
ask "bob@example.com"
check "a sixth request for bob's address within 15 minutes still answers 202" 202 .message "$(printf '%s' "$KNOWN_BODY" | jq -r .message)"
n6=$(sql "SELECT COUNT(*) FROM signin_links WHERE rep = 'bob'")
o6=$(sql "SELECT COUNT(*) FROM outbox WHERE kind = 'sign_in' AND rep = 'bob'")
if [ "$n $o $n6 $o6" = "5 5 5 5" ]; then ok "and writes nothing: five links, five messages"; else not_ok "and writes nothing: five links, five messages" "links $n -> $n6, outbox $o -> $o6"; fi
if grep -q 'sign-in: bob was sent 5 links in 15 minutes' "$T/server.log"; then ok "the log says so, naming the rep"; else not_ok "the log says so, naming the rep" "$(grep sign-in "$T/server.log" | tail -2)"; fi

# ---------------------------------------------------------------- a link 16 minutes later
ask "maria@example.com"
MLINK=$(last_link maria)
restart 2026-11-23T09:16:00Z
open_link "$MLINK"
if [ "$CODE" = 303 ] && [ "$(header Location)" = "/#/signin/expired" ] && [ -z "$COOKIE" ]; then ok "a link opened 16 minutes later signs nobody in"; else not_ok "a link opened 16 minutes later signs nobody in" "$CODE $(header Location) [$COOKIE]"; fi
u=$(sql "SELECT COUNT(*) FROM signin_links WHERE rep = 'maria' AND used_at IS NOT NULL")
if [ "$u" = 0 ]; then ok "and is not marked used"; else not_ok "and is not marked used" "$u"; fi
ask "bob@example.com"
o=$(sql "SELECT COUNT(*) FROM outbox WHERE kind = 'sign_in' AND rep = 'bob'")
if [ "$o" = 6 ]; then ok "16 minutes on, bob may be sent a link again"; else not_ok "16 minutes on, bob may be sent a link again" "$o messages"; fi

# ---------------------------------------------------------------- idle expiry
restart 2026-11-23T20:00:00Z
with_cookie GET /api/v1/me "$SESSION"
check "a session idle 11 hours still signs in" 200 .name alice
case "$(header Set-Cookie)" in
*"baton_session=$SESSION;"*"Max-Age=43200"*) ok "its cookie is set again for 12 hours from its use" ;;
*) not_ok "its cookie is set again for 12 hours from its use" "$(header Set-Cookie)" ;;
esac
seen=$(sql "SELECT last_seen_at FROM sessions WHERE rep = 'alice' ORDER BY id LIMIT 1")
if [ "$seen" = 1795464000 ]; then ok "its last sight is written"; else not_ok "its last sight is written" "$seen"; fi
with_cookie GET /api/v1/me "$SESSION"
case "$(header Set-Cookie)" in "") ok "not again within the minute" ;; *) not_ok "not again within the minute" "$(header Set-Cookie)" ;; esac
restart 2026-11-23T22:00:01Z
with_cookie GET /api/v1/me "$SESSION2"
check_error "a session last seen 13 hours ago is refused (401)" 401 unauthorized session
case "$(header Set-Cookie)" in *"Max-Age=0"*) ok "and its cookie cleared" ;; *) not_ok "and its cookie cleared" "$(header Set-Cookie)" ;; esac
with_cookie GET /api/v1/me "$SESSION"
check "the session used 2 hours ago still signs in" 200 .name alice

# ---------------------------------------------------------------- signing out
# alice's live streams: by this session's cookie, by another session's (S3), by her token
ask "alice@example.com"
open_link "$(last_link alice)"
S3=$COOKIE
if listen s1 -H "Cookie: baton_session=$SESSION" && listen s3 -H "Cookie: baton_session=$S3" &&
	listen tk -H "Authorization: Bearer $TK_ALICE"; then
	ok "alice opens live streams by two sessions' cookies and by her token"
else
	not_ok "alice opens live streams by two sessions' cookies and by her token" "$(head -3 "$T/s1.sse" "$T/s3.sse" "$T/tk.sse")"
fi
with_cookie POST /api/v1/session/logout "$SESSION" ""
check_error "signing out by the cookie without an Origin is 403" 403 forbidden origin
with_cookie POST /api/v1/session/logout "$SESSION" "" -H "Origin: $URL"
check "signing out answers 204" 204
case "$(header Set-Cookie)" in *"baton_session=;"*"Max-Age=0"*) ok "and clears the cookie" ;; *) not_ok "and clears the cookie" "$(header Set-Cookie)" ;; esac
if gone s1; then ok "the session's open live stream ends ($WAITED ms after the answer)"; else not_ok "the session's open live stream ends" "$(tail -3 "$T/s1.sse")"; fi
if kill -0 "$PID_s3" 2>/dev/null && kill -0 "$PID_tk" 2>/dev/null; then ok "alice's other session's stream and her token's go on"; else not_ok "alice's other session's stream and her token's go on"; fi
with_cookie GET /api/v1/stream "$SESSION"
check_error "the stream opened again by the signed-out cookie is 401" 401 unauthorized session
with_cookie GET /api/v1/queue "$SESSION"
check_error "the signed-out session reads nothing (401)" 401 unauthorized session
r=$(sql "SELECT COUNT(*) FROM sessions WHERE revoked_at IS NOT NULL")
if [ "$r" = 1 ]; then ok "the session is marked signed out"; else not_ok "the session is marked signed out" "$r"; fi
with_cookie DELETE /api/v1/session "$S3" "" -H "Origin: $URL"
check "DELETE /api/v1/session signs out too" 204
if gone s3; then ok "and ends that session's stream ($WAITED ms after the answer)"; else not_ok "and ends that session's stream" "$(tail -3 "$T/s3.sse")"; fi
with_cookie GET /api/v1/me "$S3"
check_error "after which the cookie reads nothing" 401 unauthorized session
kill "$PID_tk" 2>/dev/null
# the audit trail: a signed_in and a signed_out event per session, by alice, about no lead
ev=$(sql "SELECT type || ',' || actor || ',' || COALESCE(lead, 0) FROM events WHERE type = 'signed_out' ORDER BY id" | tr '\n' ' ')
sessions=$(sql "SELECT COUNT(*) FROM events WHERE type = 'signed_in'")/$(sql "SELECT COUNT(*) FROM sessions")
if [ "$ev" = "signed_out,alice,0 signed_out,alice,0 " ] && [ "${sessions%/*}" = "${sessions#*/}" ]; then
	ok "each sign-in and each sign-out is an event, by the rep, about no lead"
else
	not_ok "each sign-in and each sign-out is an event, by the rep, about no lead" "signed_out: [$ev], signed_in/sessions: $sessions"
fi
b export events --format json
expect_jq "export events lists the sign-outs, by alice, their lead null" \
	'[.[] | select(.type == "signed_out") | [.actor, (.lead | tostring), (.session | type)] | join(",")] | join(" ")' \
	"alice,null,number alice,null,number"

# ---------------------------------------------------------------- an inactive rep
ask "alice@example.com"
open_link "$(last_link alice)"
S4=$COOKIE
ask "alice@example.com"
before=$(sql "SELECT COUNT(*) FROM signin_links WHERE rep = 'alice'")
L5=$(last_link alice)
b rep set alice --active false
open_link "$L5"
if [ "$CODE" = 303 ] && [ -z "$COOKIE" ]; then ok "an inactive rep's link signs nobody in"; else not_ok "an inactive rep's link signs nobody in" "$CODE [$COOKIE]"; fi
with_cookie GET /api/v1/me "$S4"
check_error "an inactive rep's session reads nothing (401)" 401 unauthorized session
ask "alice@example.com"
after=$(sql "SELECT COUNT(*) FROM signin_links WHERE rep = 'alice'")
if [ "$CODE" = 202 ] && [ "$before" = "$after" ]; then ok "an inactive rep's address answers 202 and writes nothing"; else not_ok "an inactive rep's address answers 202 and writes nothing" "$CODE, links $before -> $after"; fi

# ---------------------------------------------------------------- by email
# the links still in the outbox, for the log's check below: once a real SMTP server takes the
# mail they are sent, and blanked
LINKS=$(sql "SELECT payload FROM outbox WHERE kind = 'sign_in'" | jq -r '.link' | sed 's|.*/||')
ELINK=
if ! smtp_ready; then
	ok "a link by email through a real SMTP server # SKIP python3-aiosmtpd is not installed (make deps)"
elif ! start_smtp; then
	not_ok "the SMTP server starts" "$(tail -5 "$T/smtp.log")"
else
	# the email channel to the SMTP server, links based on this server's URL: the server reads
	# the new version at its next request
	smtp_playbook "$PB" "$T/pb_smtp.yaml"
	b playbook apply "$T/pb_smtp.yaml"
	expect_rc "the playbook's email goes to an SMTP server on 127.0.0.1:$SMTP_PORT, its links on $URL" 0
	b rep set erin --email erin@example.com --timezone Asia/Tokyo
	ask "erin@example.com"
	check "erin asks for a link" 202
	if mail_wait erin@example.com; then ok "an email comes to erin's address (${WAITED} ms after the answer)"; else not_ok "an email comes to erin's address" "maildir: $(ls -R "$T/mail" 2>&1 | head -5)"; fi
	# asked at 22:00:01 UTC, good for 15 minutes: 07:15 the next morning in Tokyo
	expect_signin_mail erin@example.com "2026-11-24 07:15 (Asia/Tokyo)"
	ELINK=$MAIL_LINK
	open_link "${ELINK#"$URL"}"
	if [ "$CODE" = 303 ] && [ "$(header Location)" = / ] && [ -n "$COOKIE" ]; then ok "the emailed link signs erin in"; else not_ok "the emailed link signs erin in" "$CODE $(header Location) [$COOKIE]"; fi
	with_cookie GET /api/v1/me "$COOKIE"
	check "as erin" 200 .name erin
	S5=$COOKIE
	ROW=$(sql "SELECT status || '|' || payload FROM outbox WHERE kind = 'sign_in' AND rep = 'erin'")
	if [ "${ROW%%|*}" = sent ] && printf '%s' "${ROW#*|}" | jq -e '.link == "" and .expires == "2026-11-23T22:15:01Z"' >/dev/null; then
		ok "the outbox row is sent, and its payload no longer holds the link"
	else
		not_ok "the outbox row is sent, and its payload no longer holds the link" "$ROW"
	fi
fi

# ---------------------------------------------------------------- the log
stop_server
if [ "$SRV_RC" -eq 0 ]; then ok "the server stops cleanly"; else not_ok "the server stops cleanly" "exit $SRV_RC"; fi
leaks=
for secret in $LINKS "${ELINK##*/}" "$SESSION" "$SESSION2" "$S3" "$S4" "${S5-}" "${TK_ALICE#bt_*_}"; do
	[ -n "$secret" ] || continue
	grep -q -F -- "$secret" "$T/server.log" && leaks="$leaks $secret"
done
if [ -z "$leaks" ]; then ok "no link token, session id or API token is in the server's log"; else not_ok "no link token, session id or API token is in the server's log" "$leaks"; fi
if grep -q '"path":"/api/v1/session/link/\*"' "$T/server.log"; then ok "the log shows the link's route instead"; else not_ok "the log shows the link's route instead"; fi
if grep -q 'Sanitizer\|runtime error:' "$T/server.log"; then
	not_ok "no sanitizer report from the server" "$(grep -A5 'Sanitizer\|runtime error:' "$T/server.log" | head -20)"
else
	ok "no sanitizer report from the server"
fi
NOW=$T0
