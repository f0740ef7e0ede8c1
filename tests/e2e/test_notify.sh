#!/bin/sh
# test_notify.sh - notifications reach people (SPEC 8.6), with real receivers on 127.0.0.1: an
# SMTP server (Debian's python3-aiosmtpd, each message into a maildir), a Slack-compatible
# receiver and a webhook receiver (tests/tools/hook_listener.c). A web-form lead reaches its
# rep by email (To, Subject, the lead's name and company, what is owed by when in the rep's own
# zone, the link) and by Slack (mentioning the rep); a kind left out of on: sends nothing; a
# rep without an email is counted in /metrics and said once in the server's log; a receiver
# down then up gets the message after a retry; two servers on one store send each row once;
# `baton notify drain` delivers without a server. The commit-to-arrival time is printed, not
# asserted (tests wait up to 10 s).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=/usr/bin/python3
SMTP_PID=
SLACK_PID=
HOOK_PID=
SRV1=
cleanup() {
	for p in $SMTP_PID $SLACK_PID $HOOK_PID $SRV1; do kill "$p" 2>/dev/null; done
	stop_server
	lib_cleanup
}
trap cleanup EXIT

if ! $PY -c 'import aiosmtpd' 2>/dev/null; then
	echo "ok - notifications # SKIP python3-aiosmtpd is not installed (make deps)"
	exit 0
fi
if ! cc -O1 -o "$T/hook_listener" "$ROOT/tests/tools/hook_listener.c" 2>"$T/cc.err"; then
	not_ok "the HTTP receiver compiles" "$(head -5 "$T/cc.err")"
	exit 1
fi

# free_port: a port of 127.0.0.1 nobody listens on (the kernel's pick)
free_port() {
	$PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_smtp: aiosmtpd on $SMTP_PORT writing each message into the maildir $T/mail (which it
# makes: it must not exist); waits until it accepts connections
start_smtp() {
	$PY -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$T/mail" 2>>"$T/smtp.log" &
	SMTP_PID=$!
	i=0
	while [ $i -lt 100 ]; do
		$PY -c "import socket; socket.create_connection(('127.0.0.1', $SMTP_PORT), 1)" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# start_listener DIR N: hook_listener on a free port for up to N requests (60 s at most);
# sets LPORT and LPID
start_listener() {
	mkdir -p "$1"
	tries=0
	while [ $tries -lt 6 ]; do
		LPORT=$(free_port)
		tries=$((tries + 1))
		rm -f "$1/ready"
		"$T/hook_listener" "$LPORT" "$2" "$1" 60 2>>"$T/listener.err" &
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

# mail_to ADDRESS: the files of the maildir addressed to ADDRESS (To: header)
mail_to() {
	[ -d "$T/mail/new" ] || return 0
	grep -l "^To: $1" "$T/mail/new/"* 2>/dev/null
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
NOW=2026-11-23T09:10:00Z
b --json tick
expect_jq "tick at 09:10 breaches the untouched leads" '[.[] | select(.type == "breach")] | length >= 3' true
HOOKS=$(sql "SELECT COUNT(*) FROM outbox WHERE channel = 'webhook' AND status = 'pending'")
if [ "$HOOKS" -ge 3 ]; then ok "breach: [webhook] queues the breaches and the managers' notices for the webhook ($HOOKS)"; else not_ok "the breaches are queued for the webhook" "[$HOOKS]"; fi
mkdir -p "$T/hooks"
"$T/hook_listener" "$HOOK_PORT" 1000 "$T/hooks" 60 2>>"$T/listener.err" &
HOOK_PID=$!
i=0
while [ $i -lt 50 ] && [ ! -f "$T/hooks/ready" ]; do sleep 0.1; i=$((i + 1)); done
PORT_SALT=7 start_server || not_ok "a first server starts" "$(tail -5 "$T/server.log")"
SRV1=$SRV
SRV=
PORT_SALT=19 start_server || not_ok "a second server starts on the same store" "$(tail -5 "$T/server.log")"
all_sent() { [ "$(sql "SELECT COUNT(*) FROM outbox WHERE status = 'pending'")" = 0 ] && echo done; }
wait_for all_sent
if [ -n "$GOT" ]; then ok "the two servers deliver the backlog (${WAITED} ms)"; else not_ok "the two servers deliver the backlog" "$(sql "SELECT id, kind, channel, attempts, last_error FROM outbox WHERE status = 'pending'")"; fi
sleep 1 # a duplicate would come now
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
