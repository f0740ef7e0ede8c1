#!/bin/sh
# test_notify.sh - notifications reach people (SPEC 8.6), with real receivers on 127.0.0.1: an
# SMTP server (Debian's python3-aiosmtpd, each message into a maildir), a Slack-compatible
# receiver and a webhook receiver (tests/tools/hook_listener.c). A web-form lead reaches its
# rep by email (To, Subject, the lead's name and company, what is owed by when in the rep's own
# zone, the link) and by Slack (mentioning the rep); a kind left out of on: sends nothing; a
# rep without an email is counted in /metrics and said once in the server's log; a receiver
# down then up gets the message after a retry; two servers on one store send each row once;
# `baton notify drain` delivers without a server; a reminder goes before_due ahead of an open
# obligation, and is skipped once the work is done. The commit-to-arrival time is printed, not
# asserted (tests wait up to 10 s).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"
. "$(dirname "$0")/lib_mail.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SLACK_PID=
HOOK_PID=
SRV1=
cleanup() {
	for p in $SMTP_PID $SLACK_PID $HOOK_PID $SRV1; do kill "$p" 2>/dev/null; done
	stop_server
	lib_cleanup
}
trap cleanup EXIT

if ! smtp_ready; then
	echo "ok - notifications # SKIP python3-aiosmtpd is not installed (make deps)"
	exit 0
fi
if ! cc -O1 -o "$T/hook_listener" "$ROOT/tests/tools/hook_listener.c" 2>"$T/cc.err"; then
	not_ok "the HTTP receiver compiles" "$(head -5 "$T/cc.err")"
	exit 1
fi

# start_listener DIR N: hook_listener on a free port for up to N requests (300 s at most);
# sets LPORT and LPID
start_listener() {
	mkdir -p "$1"
	tries=0
	while [ $tries -lt 6 ]; do
		LPORT=$(free_port)
		tries=$((tries + 1))
		rm -f "$1/ready"
		"$T/hook_listener" "$LPORT" "$2" "$1" 300 2>>"$T/listener.err" &
		LPID=$!
		i=0
		while [ $i -lt 50 ] && [ ! -f "$1/ready" ] && kill -0 "$LPID" 2>/dev/null; do
			sleep 0.1
			i=$((i + 1))
		done
		[ -f "$1/ready" ] && return 0
		kill "$LPID" 2>/dev/null
	done
	return 1
}

# wait_for CMD...: runs CMD every 50 ms until it prints something (10 s at most); ms waited in
# WAITED, its output in GOT
wait_for() {
	t0=$(date +%s%N)
	i=0
	GOT=
	while [ $i -lt 200 ]; do
		GOT=$("$@")
		[ -n "$GOT" ] && break
		sleep 0.05
		i=$((i + 1))
	done
	WAITED=$((($(date +%s%N) - t0) / 1000000))
}

# metric NAME: the value of the Prometheus line NAME (with its labels) in $OUT
metric() {
	printf '%s\n' "$OUT" | awk -v n="$1" '$1 == n { print $2 }'
}

SMTP_PORT=$(free_port)
start_smtp || not_ok "the SMTP server starts" "$(tail -5 "$T/smtp.log")"
start_listener "$T/slack" 100 || not_ok "the Slack receiver starts" "$(cat "$T/listener.err")"
SLACK_PID=$LPID
export BATON_SLACK_WEBHOOK="http://127.0.0.1:$LPORT/services/T0/B0/x"
export BATON_WEBHOOK_SECRET="s3cret-$$"
HOOK_PORT=$(free_port) # the webhook's receiver starts later, when its rows are there

cat >"$T/pb.yaml" <<EOF
org: {name: Example Co, timezone: Europe/Paris}
routing:
  inbound: {role: mrr, strategy: round_robin}
sla:
  speed_to_lead: {first_touch_within: 5m, business_time: false, on_breach: [notify_manager, reassign]}
notify:
  link_base: "https://baton.example.com/"
  channels:
    email:   {smtp_url: "smtp://127.0.0.1:$SMTP_PORT", from: "baton@example.com"}
    slack:   {webhook_url_env: BATON_SLACK_WEBHOOK}
    webhook: {url: "http://127.0.0.1:$HOOK_PORT/hook", secret_env: BATON_WEBHOOK_SECRET}
  on:
    assigned: [email, slack]
    breach:   [webhook]
EOF
b init --playbook "$T/pb.yaml"
expect_rc "setup: a store whose playbook has a notify: section" 0
b rep add maria --role manager --email maria@example.com
b rep add ada --role mrr --manager maria --email Ada@Example.com --slack U0ADA --timezone America/New_York
expect_rc "rep add takes --email and --slack" 0
b rep add bob --role mrr --manager maria
b rep set bob --slack U0BOB
b --json rep list
expect_jq "rep list --json shows the contact details (the email normalised)" \
	'[.[] | select(.name == "ada") | .email, .slack] | join(" ")' "ada@example.com U0ADA"
b rep set bob --email ada@example.com
expect_rc "an email is unique among reps (exit 4)" 4
b rep set bob --email "not an address"
expect_rc "a bad email is refused (exit 2)" 2
b --json token create --intake
TK_intake=$(printf '%s' "$OUT" | jq -r .token)
b --json token create --rep ada
TK_ada=$(printf '%s' "$OUT" | jq -r .token)
b --json token create --rep maria
TK_maria=$(printf '%s' "$OUT" | jq -r .token)

# ---------------------------------------------------------------- a web-form lead reaches its rep
start_server || not_ok "the server starts" "$(tail -5 "$T/server.log")"
api GET /api/v1/reps "$TK_ada"
check "GET /api/v1/reps: a rep reads its own email" 200 '.[] | select(.name == "ada") | .email' "ada@example.com"
check "GET /api/v1/reps: and not another rep's" 200 '[.[] | select(.name != "ada") | has("email")] | any' false
api GET /api/v1/reps "$TK_maria"
check "GET /api/v1/reps: a manager reads every rep's" 200 '[.[] | select(.name == "ada") | .email, .slack] | join(" ")' \
	"ada@example.com U0ADA"

api POST /api/v1/leads "$TK_intake" '{"email": "ada.l@acme.example", "name": "Ada Lovelace", "company": "Acme Corp"}'
check "a web form posts a lead" 201 .received true
L1=$(printf '%s' "$OUT" | jq -r .id)
wait_for mail_to ada@example.com
MAIL_MS=$WAITED
if [ -n "$GOT" ]; then ok "the owner got an email"; else not_ok "the owner got an email" "maildir: $(ls -R "$T/mail" 2>&1 | head)"; fi
echo "# commit to arrival: email ${MAIL_MS} ms"
M=$(printf '%s\n' "$GOT" | head -1)
if [ "$(printf '%s\n' "$GOT" | wc -l)" = 1 ]; then ok "exactly one email"; else not_ok "exactly one email" "$GOT"; fi
if [ -n "$M" ] && grep -q '^Subject: New lead: Ada Lovelace (Acme Corp)' "$M"; then ok "its subject names the lead and its company"; else not_ok "its subject names the lead and its company" "$(head -12 "$M" 2>/dev/null)"; fi
if [ -n "$M" ] && grep -q '^From: baton@example.com' "$M" && grep -q '^Content-Type: text/plain; charset=utf-8' "$M" && grep -q '^Message-ID: <baton\.' "$M"; then ok "an RFC 5322 message: From, plain text in UTF-8, a Message-ID"; else not_ok "an RFC 5322 message" "$(head -12 "$M" 2>/dev/null)"; fi
if [ -n "$M" ] && grep -q 'A new lead is yours: Ada Lovelace (Acme Corp)\.' "$M"; then ok "its body names the lead and its company"; else not_ok "its body names the lead and its company" "$(cat "$M" 2>/dev/null)"; fi
# due 5 minutes after 09:00 UTC: 04:05 in ada's own zone, New York
if [ -n "$M" ] && grep -q 'Owed: first touch, by Mon 2026-11-23 04:05 America/New_York\.' "$M"; then ok "it says what is owed by when, in the rep's own zone"; else not_ok "it says what is owed by when, in the rep's own zone" "$(cat "$M" 2>/dev/null)"; fi
if [ -n "$M" ] && grep -q "Open it: https://baton.example.com/#/leads/$L1\$" "$M"; then ok "it links to the lead ({link_base}/#/leads/{id})"; else not_ok "it links to the lead" "$(cat "$M" 2>/dev/null)"; fi

slack_with() { grep -l "$1" "$T/slack/"*.body 2>/dev/null; }
wait_for slack_with "U0ADA"
echo "# commit to arrival: Slack ${WAITED} ms (after the email)"
S=$(printf '%s\n' "$GOT" | head -1)
if [ -n "$S" ] && jq -e '.text | test("^<@U0ADA> A new lead is yours: Ada Lovelace \\(Acme Corp\\)\\.")' "$S" >/dev/null; then ok "the Slack receiver got the message, mentioning the rep"; else not_ok "the Slack receiver got the message, mentioning the rep" "$(cat "$T/slack/"*.body 2>/dev/null)"; fi
if [ -n "$S" ] && grep -qi '^Content-Type: application/json' "${S%.body}.headers"; then ok "Slack gets a JSON POST"; else not_ok "Slack gets a JSON POST" "$(cat "${S%.body}.headers" 2>/dev/null)"; fi
n=$(sql "SELECT COUNT(*) FROM outbox WHERE kind = 'assigned' AND lead = $L1 AND status = 'sent' AND delivered_at IS NOT NULL")
if [ "$n" = 2 ]; then ok "each delivery is recorded (one row per channel, sent)"; else not_ok "each delivery is recorded" "sent rows [$n]: $(sql "SELECT channel, status, last_error FROM outbox")"; fi

# ---------------------------------------------------------------- a rep without an email; a kind left out
api POST /api/v1/leads "$TK_intake" '{"email": "grace@hopper.example", "name": "Grace Hopper", "company": "Navy"}'
L2=$(printf '%s' "$OUT" | jq -r .id)
wait_for slack_with "U0BOB"
if [ -n "$GOT" ]; then ok "bob, who has no email, still hears by Slack"; else not_ok "bob, who has no email, still hears by Slack"; fi
n=$(sql "SELECT COUNT(*) FROM outbox WHERE lead = $L2 AND channel = 'email' AND status = 'undeliverable' AND last_error LIKE '%bob has no email%'")
if [ "$n" = 1 ]; then ok "his email is kept as undeliverable, saying why"; else not_ok "his email is kept as undeliverable" "$(sql "SELECT channel, status, last_error FROM outbox WHERE lead = $L2")"; fi
api GET /metrics "$TK_maria"
v=$(metric 'baton_notifications_undeliverable_total{kind="assigned"}')
if [ "$v" = 1 ]; then ok "/metrics counts it: baton_notifications_undeliverable_total{kind=\"assigned\"} 1"; else not_ok "/metrics counts the undeliverable one" "got [$v]: $(printf '%s\n' "$OUT" | grep undeliverable)"; fi
v=$(metric 'baton_notifications_undeliverable_total{kind="reminder"}')
if [ "$v" = 0 ]; then ok "a kind left out of on: counts nothing"; else not_ok "a kind left out of on: counts nothing" "reminder [$v]"; fi
n=$(sql "SELECT COUNT(*) FROM outbox WHERE kind <> 'assigned'")
if [ "$n" = 0 ]; then ok "a kind left out of on: (reminder, unassigned_lead, ...) writes nothing"; else not_ok "a kind left out of on: writes nothing" "$(sql "SELECT kind, channel FROM outbox WHERE kind <> 'assigned'")"; fi
n=$(grep -c 'notify: assigned: 1 rep has no email: bob' "$T/server.log")
if [ "$n" = 1 ]; then ok "the server's log says once, at start, that bob has no email"; else not_ok "the server's log says once that bob has no email" "said $n times: $(grep 'notify' "$T/server.log" | head -5)"; fi

b notify check
expect_out "baton notify check says the same as the server at start" "notify: assigned: 1 rep has no email: bob"
expect_out "and counts the undeliverable ones so far" "notify: 1 notification could not be delivered so far (assigned 1)"

# ---------------------------------------------------------------- a receiver down, then up
kill "$SMTP_PID"
wait "$SMTP_PID" 2>/dev/null
SMTP_PID=
api POST /api/v1/leads "$TK_intake" '{"email": "ada2@acme.example", "name": "Ada Byron", "company": "Acme Corp"}'
L3=$(printf '%s' "$OUT" | jq -r .id)
failed_try() { sql "SELECT attempts FROM outbox WHERE lead = $L3 AND channel = 'email' AND attempts > 0 AND status = 'pending'"; }
wait_for failed_try
if [ "$GOT" = 1 ]; then ok "with the SMTP server down the attempt fails and is recorded (attempts 1)"; else not_ok "with the SMTP server down the attempt fails and is recorded" "$(sql "SELECT channel, status, attempts, last_error FROM outbox WHERE lead = $L3")"; fi
err=$(sql "SELECT last_error FROM outbox WHERE lead = $L3 AND channel = 'email'")
case "$err" in *"smtp://127.0.0.1:$SMTP_PORT"*) ok "its last error names the server ($err)" ;; *) not_ok "its last error names the server" "[$err]" ;; esac
stop_server
start_smtp || not_ok "the SMTP server starts again" "$(tail -5 "$T/smtp.log")"
# no server now: the drain of a server-less install, 31 s on (the first retry waits 30 s)
NOW=2026-11-23T09:00:40Z
b notify drain
expect_rc "baton notify drain without a server exits 0" 0
expect_out "it says how many it sent" "Sent 1 notification."
if [ -n "$(mail_to ada@example.com | xargs grep -l 'Ada Byron' 2>/dev/null)" ]; then ok "the receiver, up again, gets it after a retry"; else not_ok "the receiver, up again, gets it after a retry" "$(ls "$T/mail/new" 2>&1)"; fi
n=$(sql "SELECT status || ' ' || attempts FROM outbox WHERE lead = $L3 AND channel = 'email'")
if [ "$n" = "sent 1" ]; then ok "and the row says so: sent after 1 failed attempt"; else not_ok "and the row says so" "[$n]"; fi

# ---------------------------------------------------------------- two servers, one store: each row once
# both servers start at 09:10: their tickers breach the untouched leads (each obligation once:
# on PostgreSQL they claim them, on SQLite one writer at a time) and their senders race for the
# rows
mkdir -p "$T/hooks"
"$T/hook_listener" "$HOOK_PORT" 1000 "$T/hooks" 120 2>>"$T/listener.err" &
HOOK_PID=$!
i=0
while [ $i -lt 50 ] && [ ! -f "$T/hooks/ready" ]; do sleep 0.1; i=$((i + 1)); done
NOW=2026-11-23T09:10:00Z
PORT_SALT=7 start_server || not_ok "a first server starts" "$(tail -5 "$T/server.log")"
SRV1=$SRV
URL1=$URL
SRV=
PORT_SALT=19 start_server || not_ok "a second server starts on the same store" "$(tail -5 "$T/server.log")"
URL2=$URL
all_sent() {
	[ "$(sql "SELECT COUNT(*) FROM outbox WHERE channel = 'webhook'")" -gt 0 ] &&
		[ "$(sql "SELECT COUNT(*) FROM outbox WHERE status = 'pending'")" = 0 ] && echo done
}
wait_for all_sent
if [ -n "$GOT" ]; then ok "the two servers breach the leads and deliver what it queued (${WAITED} ms)"; else not_ok "the two servers deliver the backlog" "$(sql "SELECT id, kind, channel, attempts, last_error FROM outbox WHERE status = 'pending'")"; fi
HOOKS=$(sql "SELECT COUNT(*) FROM outbox WHERE channel = 'webhook'")
n=$(sql "SELECT COUNT(*) FROM outbox WHERE channel = 'webhook' AND kind = 'breach'")
if [ "$n" -ge 3 ]; then ok "breach: [webhook] queued the breaches (and the managers' notices) for the webhook ($HOOKS)"; else not_ok "the breaches are queued for the webhook" "[$n]"; fi
# twenty leads posted to the two servers in turn: both senders wake at each commit and race
slack_before=$(ls "$T/slack/"*.body 2>/dev/null | wc -l)
rows_before=$(sql "SELECT COUNT(*) FROM outbox WHERE channel = 'slack'")
i=1
while [ $i -le 20 ]; do
	if [ $((i % 2)) = 0 ]; then URL=$URL1; else URL=$URL2; fi
	api POST /api/v1/leads "$TK_intake" "{\"email\": \"race$i@acme.example\", \"name\": \"Race $i\"}"
	i=$((i + 1))
done
wait_for all_sent
sleep 1 # a duplicate would come now
slack_rows=$(($(sql "SELECT COUNT(*) FROM outbox WHERE channel = 'slack' AND status = 'sent'") - rows_before))
slack_got=$(($(ls "$T/slack/"*.body 2>/dev/null | wc -l) - slack_before))
echo "# rows sent by $(sql "SELECT COUNT(DISTINCT claimed_by) FROM outbox WHERE channel = 'slack' AND status = 'sent' AND id > 0") sender(s) (servers, and the drains before)"
if [ "$slack_rows" -ge 20 ] && [ "$slack_got" = "$slack_rows" ]; then ok "two servers racing send each Slack message once ($slack_got for $slack_rows rows)"; else not_ok "two servers racing send each Slack message once" "received $slack_got, rows sent $slack_rows"; fi
got=$(ls "$T/hooks/"*.body 2>/dev/null | wc -l)
distinct=$(cat "$T/hooks/"*.headers 2>/dev/null | tr -d '\r' | awk 'tolower($1) == "x-baton-delivery:" { print $2 }' | sort -u | wc -l)
if [ "$got" = "$HOOKS" ] && [ "$distinct" = "$HOOKS" ]; then ok "two servers on one store send each webhook once ($got of $HOOKS, all distinct)"; else not_ok "two servers on one store send each webhook once" "received $got, distinct $distinct, queued $HOOKS"; fi
bad=
for h in "$T/hooks/"*.body; do
	[ -f "$h" ] || continue
	want=$(tr -d '\r' <"${h%.body}.headers" | awk 'tolower($1) == "x-baton-signature:" { print $2 }')
	[ "$("$BATON" webhook sign --secret "$BATON_WEBHOOK_SECRET" "$h")" = "$want" ] || bad="$bad $h"
done
if [ -z "$bad" ] && [ "$got" -gt 0 ]; then ok "the webhook's body is signed (X-Baton-Signature, checked with baton webhook sign)"; else not_ok "the webhook's body is signed" "bad:$bad"; fi
if jq -s -e 'map(.kind) | index("breach")' "$T/hooks/"*.body >/dev/null 2>&1; then ok "the webhook gets the breach, as on: routes it"; else not_ok "the webhook gets the breach" "$(cat "$T/hooks/"*.body | jq -c .kind)"; fi
n=$(ls "$T/mail/new" | wc -l)
m=$(sql "SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND status = 'sent'")
if [ "$n" = "$m" ]; then ok "every email sent arrived once ($n)"; else not_ok "every email sent arrived once" "maildir $n, sent $m"; fi
kill "$SRV1" 2>/dev/null
wait "$SRV1" 2>/dev/null
SRV1=
stop_server

# ---------------------------------------------------------------- a reminder before due, skipped once moot
sed 's/^    breach:   \[webhook\]$/&\n    reminder: {before_due: 2m, via: [slack]}/' "$T/pb.yaml" >"$T/pb2.yaml"
NOW=2026-11-23T10:00:00Z
b playbook apply "$T/pb2.yaml"
expect_rc "setup: reminders 2 minutes before due, by Slack" 0
b --json lead add --email rita.one@acme.example --name "Rita One" --company "Acme Corp"
R1=$(printf '%s' "$OUT" | jq -r .id)
b --json lead add --email rita.two@acme.example --name "Rita Two" --company "Acme Corp"
R2=$(printf '%s' "$OUT" | jq -r .id)
O2=$(printf '%s' "$OUT" | jq -r .owner)
n=$(sql "SELECT COUNT(*) FROM outbox WHERE kind = 'reminder' AND status = 'pending' AND (lead = $R1 OR lead = $R2)")
if [ "$n" = 2 ]; then ok "each new speed-to-lead obligation gets its reminder, in the lead's own transaction"; else not_ok "each new obligation gets its reminder" "[$n]"; fi
b touch "$R2" --by "$O2" --kind call
slack_count() { ls "$T/slack/"*.body 2>/dev/null | wc -l; }
before=$(slack_count)
NOW=2026-11-23T10:02:00Z
b notify drain
if [ -z "$(grep -l 'A reminder' "$T/slack/"*.body 2>/dev/null)" ]; then ok "no reminder before due - before_due (10:03)"; else not_ok "no reminder before its time"; fi
NOW=2026-11-23T10:03:30Z
b --json notify drain
expect_jq "at 10:03:30 the drain sends one reminder and skips the other" '[.sent >= 1, .skipped] | map(tostring) | join(" ")' "true 1"
if grep -q "A reminder: you owe work on Rita One (Acme Corp) soon. Owed: first touch, by Mon 2026-11-23 05:05 America/New_York" "$T/slack/"*.body 2>/dev/null ||
	grep -q "A reminder: you owe work on Rita One (Acme Corp) soon. Owed: first touch, by Mon 2026-11-23 11:05 Europe/Paris" "$T/slack/"*.body 2>/dev/null; then
	ok "the owner is reminded on Slack of what it owes, by when, in its zone"
else
	not_ok "the owner is reminded on Slack" "$(cat "$T/slack/"*.body | jq -r .text | tail -3)"
fi
n=$(sql "SELECT status || ': ' || last_error FROM outbox WHERE kind = 'reminder' AND lead = $R2")
case "$n" in "skipped: the obligation is met") ok "the reminder of work already done is skipped, saying why" ;; *) not_ok "the reminder of work already done is skipped" "[$n]" ;; esac
if ! grep -q "Rita Two" "$T/slack/"*.body 2>/dev/null || [ "$(grep -l 'Rita Two' "$T/slack/"*.body | xargs grep -l 'A reminder' 2>/dev/null)" = "" ]; then ok "and nothing is sent for it"; else not_ok "nothing is sent for the skipped reminder"; fi
if grep -q 'Sanitizer\|runtime error:' "$T/server.log"; then
	not_ok "the servers logged no sanitizer report" "$(grep -m3 -A5 'Sanitizer\|runtime error:' "$T/server.log")"
else
	ok "the servers logged no sanitizer report"
fi
