#!/bin/sh
# test_api.sh - the HTTP API of `baton serve` end to end (docs/api.md): every route, every
# role rule of the tokens, idempotent intake across a restart, each error status with its
# JSON body, "nothing changes on error", and a signed webhook received by a small listener
# (tests/tools/hook_listener.c, compiled here). The server runs on 127.0.0.1 only, on a free
# port, with its clock frozen (--now), and is always stopped with SIGTERM (exit 0 expected).
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

SRV=
PORT=
URL=
SRV_RC=none
CODE=
CTYPE=
REQ_CT=application/json

stop_server() {
	SRV_RC=none
	if [ -n "$SRV" ]; then
		kill -TERM "$SRV" 2>/dev/null
		wait "$SRV"
		SRV_RC=$?
		SRV=
	fi
}
cleanup() {
	stop_server
	if [ -n "${LSN:-}" ]; then
		kill "$LSN" 2>/dev/null
		wait "$LSN" 2>/dev/null
	fi
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# start_server: starts `baton serve` on a free port of 127.0.0.1 (a few tries) and waits for
# /healthz (at most ~5 s); 0 when it answers. The server never sees the webhook secret: the
# webhook test drains the outbox from the command line.
start_server() {
	tries=0
	while [ $tries -lt 6 ]; do
		PORT=$((20000 + ($$ * 7 + tries * 4513 + ${PORT_SALT:-0}) % 40000))
		tries=$((tries + 1))
		URL="http://127.0.0.1:$PORT"
		if [ "$(curl -s --max-time 1 -o /dev/null -w '%{http_code}' "$URL/healthz")" != 000 ]; then
			continue # something already answers there
		fi
		env -u BATON_WEBHOOK_SECRET "$BATON" --now "$NOW" serve --listen "127.0.0.1:$PORT" 2>>"$T/server.log" &
		SRV=$!
		i=0
		while [ $i -lt 50 ]; do
			if ! kill -0 "$SRV" 2>/dev/null; then
				break # it could not listen (port taken?): try another port
			fi
			if [ "$(curl -s --max-time 1 -o /dev/null -w '%{http_code}' "$URL/healthz")" = 200 ] && kill -0 "$SRV" 2>/dev/null; then
				return 0
			fi
			sleep 0.1
			i=$((i + 1))
		done
		if kill -0 "$SRV" 2>/dev/null; then
			kill -TERM "$SRV" 2>/dev/null
		fi
		wait "$SRV" 2>/dev/null
		SRV=
	done
	return 1
}

# api METHOD PATH TOKEN [BODY [CURL ARGS...]]: one request to the server; TOKEN "" sends no
# Authorization; BODY "" sends no body, "@FILE" sends FILE; the body goes as $REQ_CT.
# Sets CODE (HTTP status), OUT (the answer's body), CTYPE (its Content-Type), RC (curl's exit).
api() {
	_m=$1 _p=$2 _t=$3
	shift 3
	_b=${1-}
	[ $# -gt 0 ] && shift
	if [ -n "$_b" ]; then
		case "$_b" in
		@*) _f=${_b#@} ;;
		*) _f="$T/req.body"; printf '%s' "$_b" >"$_f" ;;
		esac
		set -- -H "Content-Type: $REQ_CT" --data-binary "@$_f" "$@"
	fi
	if [ -n "$_t" ]; then
		set -- -H "Authorization: Bearer $_t" "$@"
	fi
	: >"$T/resp.headers"
	: >"$T/resp.body"
	CODE=$(curl -s --max-time 10 -X "$_m" -D "$T/resp.headers" -o "$T/resp.body" -w '%{http_code}' "$@" "$URL$_p")
	RC=$?
	OUT=$(cat "$T/resp.body")
	CTYPE=$(tr -d '\r' <"$T/resp.headers" | sed -n 's/^[Cc]ontent-[Tt]ype: *//p' | tail -1)
	ERR="(HTTP $CODE, Content-Type $CTYPE, for $_m $_p)"
}

# fail NAME DETAIL: not_ok with the answer's body on one line
fail() {
	_o=$OUT
	OUT=$(printf '%s' "$OUT" | tr '\n' ' ')
	not_ok "$@"
	OUT=$_o
}

# check NAME STATUS [FILTER EXPECTED]: the last answer had STATUS (and jq -r FILTER of its body
# equals EXPECTED)
check() {
	_n=$1 _s=$2
	shift 2
	if [ "$CODE" != "$_s" ]; then
		fail "$_n" "expected HTTP $_s, got $CODE"
		return
	fi
	if [ $# -ge 2 ]; then
		_g=$(printf '%s' "$OUT" | jq -r "$1" 2>&1)
		if [ "$_g" = "$2" ]; then ok "$_n"; else fail "$_n" "jq '$1': expected [$2] got [$_g]"; fi
	else
		ok "$_n"
	fi
}

# check_error NAME STATUS CODE [FIELD]: an error answer {"error": {"code", "message"[, "field"]}}
check_error() {
	if [ $# -ge 4 ]; then
		check "$1" "$2" '[.error.code, (.error.message|type), .error.field] | map(tostring) | join(" ")' "$3 string $4"
	else
		check "$1" "$2" '[.error.code, (.error.message|type)] | join(" ")' "$3 string"
	fi
}

# check_refused_field NAME FIELD: a 400 or 422 error naming FIELD (docs/api.md leaves the choice
# between the two open for a missing or unknown value)
check_refused_field() {
	case "$CODE" in
	400 | 422) check "$1" "$CODE" .error.field "$2" ;;
	*) not_ok "$1" "expected HTTP 400 or 422, got $CODE" ;;
	esac
}

# check_has NAME TEXT: the last answer's body contains TEXT
check_has() {
	case "$OUT" in
	*"$2"*) ok "$1" ;;
	*) fail "$1" "the body lacks [$2]" ;;
	esac
}

# event ID TOKEN BODY: POST /api/v1/leads/ID/events
event() {
	api POST "/api/v1/leads/$1/events" "$2" "$3"
}

# cli_leads FILTER: jq FILTER over `lead list --json` read by the command line on the same store
cli_leads() {
	"$BATON" --json lead list 2>/dev/null | jq -c "$1"
}

# ---------------------------------------------------------------- the organisation
b init
team
b rep add mark --role manager --team us
b rep add zoe --role mrr --team us --manager mark
b account add Globex --domain globex.com --segment saas --employees 300 --territory FR --sdr sam --target
expect_rc "setup: two teams and a target account" 0

for who in intake intake2 alice bob sam erin eric chloe maria mark zoe doomed; do
	case $who in
	intake*) b --json token create --intake ;;
	doomed) b --json token create --rep bob ;;
	*) b --json token create --rep "$who" ;;
	esac
	if [ "$RC" -ne 0 ]; then
		not_ok "token create for $who"
		continue
	fi
	eval "TK_$who=\$(printf '%s' \"\$OUT\" | jq -r .token)"
	eval "ID_$who=\$(printf '%s' \"\$OUT\" | jq -r .id)"
done
expect_jq "token create --json prints {id, token}" '[has("id","token")] | all' true
secret=$(printf "%s" "$TK_alice" | cut -d_ -f3-)   # the secret itself may contain "_"
if [ -n "$secret" ] && ! store_dump 2>/dev/null | grep -qF "$secret"; then
	ok "a token's secret is not stored in the store (only its hash)"
else
	not_ok "a token's secret is not stored in the store (only its hash)"
fi

if ! start_server; then
	echo "not ok - the server starts on 127.0.0.1 and answers /healthz within 5 s"
	sed 's/^/#   /' "$T/server.log" | tail -20
	exit 1
fi
ok "the server starts on 127.0.0.1 and answers /healthz within 5 s"

# `baton serve --help` says how many worker threads answer requests: the server runs that many
# (libmicrohttpd names them MHD-worker; Linux's /proc lists a process's threads)
b serve --help
said=$(printf '%s' "$OUT" | sed -n 's/.* with \([0-9][0-9]*\) worker.*/\1/p')
if [ -r "/proc/$SRV/task" ]; then
	runs=$(cat /proc/"$SRV"/task/*/comm 2>/dev/null | grep -c '^MHD-worker$')
	if [ -n "$said" ] && [ "$said" = "$runs" ]; then
		ok "serve --help says the number of worker threads the server runs ($runs)"
	else
		not_ok "serve --help says the number of worker threads the server runs" "--help says [$said], the server runs $runs"
	fi
else
	ok "serve --help says the number of worker threads the server runs # SKIP no /proc"
fi

# ---------------------------------------------------------------- GET /healthz
api GET /healthz ""
check "GET /healthz answers 200 {status: ok} without a token" 200 .status ok
case "$CTYPE" in application/json*) ok "GET /healthz is application/json" ;; *) not_ok "GET /healthz is application/json" ;; esac

# ---------------------------------------------------------------- POST /api/v1/leads
# SPEC 8.9: the answer reveals nothing stored: {"id", "received": true} for a new lead,
# {"id", "duplicate": true} for a known email; what was stored is read here by the command line
# cli_lead ID FILTER: jq FILTER over `lead show ID --json`
cli_lead() {
	"$BATON" --json lead show "$1" 2>/dev/null | jq -r "$2"
}
api POST /api/v1/leads "$TK_intake" '{"email": "Ada@Acme.com", "name": "Ada Lovelace", "title": "CTO", "company": "Acme", "employees": 250, "source": "web_form", "country": "FR"}'
check "POST /leads: a new lead answers 201 with exactly id and received: true" 201 '[keys_unsorted, .received] | tostring' '[["id","received"],true]'
L1=$(printf '%s' "$OUT" | jq -r .id)
g=$(cli_lead "$L1" '[.email, .stage, .channel] | join(",")')
if [ "$g" = "ada@acme.com,mql,inbound" ]; then ok "POST /leads: the stored lead is lower-cased, passes the fit filter to mql"; else not_ok "POST /leads: the stored lead is lower-cased, passes the fit filter to mql" "got [$g]"; fi
case "$CTYPE" in application/json*) ok "POST /leads answers application/json" ;; *) not_ok "POST /leads answers application/json" ;; esac

api POST /api/v1/leads "$TK_intake" '{"email": "ada@ACME.com", "name": "Ada again"}'
check "POST /leads: a known email answers 200 with exactly id and duplicate: true" 200 '[keys_unsorted, .duplicate, .id] | tostring' "[[\"id\",\"duplicate\"],true,$L1]"
n=$("$BATON" export leads --format json | jq '[.[] | select(.email == "ada@acme.com")] | length')
if [ "$n" = 1 ]; then ok "POST /leads: a duplicate is not stored twice"; else not_ok "POST /leads: a duplicate is not stored twice" "found $n leads"; fi

api POST /api/v1/leads "$TK_sam" '{"email": "ADA@acme.com"}'
check "POST /leads: a rep token posting a lead it may not see gets only id and duplicate (no owner, stage, phones, notes)" 200 '[keys_unsorted, .duplicate] | tostring' '[["id","duplicate"],true]'
api POST /api/v1/leads "$TK_intake" '{"email": "bea@initech.com", "name": "Bea", "company": "Initech", "employees": 120, "source": "webinar"}'
check "POST /leads: a second new lead" 201 .received true
api POST /api/v1/leads "$TK_intake" '{"email": "cy@umbrella.com", "company": "Umbrella", "employees": 80, "source": "webinar"}'
check "POST /leads: a third new lead" 201 .received true
api POST /api/v1/leads "$TK_intake" '{"email": "dan@globex.com", "name": "Dan", "channel": "outbound"}'
LSAM=$(printf '%s' "$OUT" | jq -r .id)
g=$(cli_lead "$LSAM" '[.channel, .owner] | join(",")')
if [ "$g" = "outbound,sam" ]; then ok "POST /leads: an outbound lead at a target account goes to the account's SDR"; else not_ok "POST /leads: an outbound lead at a target account goes to the account's SDR" "got [$g]"; fi
api POST /api/v1/leads "$TK_intake" '{"email": "tiny@small.io", "employees": 5}'
LFILT=$(printf '%s' "$OUT" | jq -r .id)
g=$(cli_lead "$LFILT" '[.stage, .reason] | join(",")')
if [ "$CODE" = 201 ] && [ "$g" = "filtered,too small" ]; then ok "POST /leads: a lead that fails the fit filter is stored filtered"; else not_ok "POST /leads: a lead that fails the fit filter is stored filtered" "HTTP $CODE, got [$g]"; fi

# which inbound lead each MRR got (round robin over alice, bob and zoe)
LALICE=$(cli_leads '[.[] | select(.owner == "alice")][0].id')
LBOB=$(cli_leads '[.[] | select(.owner == "bob")][0].id')
LZOE=$(cli_leads '[.[] | select(.owner == "zoe")][0].id')
if [ "$LALICE" != null ] && [ "$LBOB" != null ] && [ "$LZOE" != null ]; then
	ok "setup: round robin gave alice, bob and zoe one inbound lead each"
else
	not_ok "setup: round robin gave alice, bob and zoe one inbound lead each" "alice=$LALICE bob=$LBOB zoe=$LZOE"
fi

# ---------------------------------------------------------------- GET /api/v1/leads
api GET /api/v1/leads "$TK_alice"
want=$(cli_leads '[.[] | select(.owner == "alice" or .handed_by == "alice") | .id] | sort')
check "GET /leads: a rep gets exactly the leads it owns or handed off" 200 '[.[].id] | sort | tostring' "$want"
api GET /api/v1/leads "$TK_maria"
want=$(cli_leads '[.[] | select((.owner == null and .handed_by == null) or ([.owner, .handed_by] | any(. == "maria" or . == "alice" or . == "bob" or . == "sam" or . == "sue" or . == "erin" or . == "eric" or . == "chloe"))) | .id] | sort')
check "GET /leads: a manager gets exactly its team's leads and the unowned ones" 200 '[.[].id] | sort | tostring' "$want"
check "GET /leads: a manager does not get another team's lead" 200 "[.[].id] | index($LZOE) == null" true
api GET /api/v1/leads "$TK_mark"
check "GET /leads: the other manager gets its own team's lead, and the unowned ones" 200 '[.[].owner | select(. != null)] | unique | join(",")' zoe
api GET "/api/v1/leads?source=webinar" "$TK_maria"
want=$(cli_leads '[.[] | select(.source == "webinar" and (.owner == "alice" or .owner == "bob")) | .id] | sort')
check "GET /leads?source= keeps the leads of that source" 200 '[.[].id] | sort | tostring' "$want"
api GET "/api/v1/leads?stage=mql" "$TK_maria"
check "GET /leads?stage=mql keeps only mql leads" 200 '[length > 0, all(.stage == "mql")] | all' true
api GET "/api/v1/leads?owner=bob" "$TK_maria"
check "GET /leads?owner= keeps that owner's leads" 200 '[.[].id] | tostring' "[$LBOB]"
api GET "/api/v1/leads?limit=1" "$TK_maria"
check "GET /leads?limit=1 cuts the list to one lead" 200 length 1
api GET "/api/v1/leads?stage=nope" "$TK_maria"
check_error "GET /leads?stage=unknown is 422 naming stage" 422 unprocessable stage
api GET "/api/v1/leads?limit=0" "$TK_maria"
check_error "GET /leads?limit=0 is 422 naming limit" 422 unprocessable limit

# ---------------------------------------------------------------- GET /api/v1/leads/{id}
api GET "/api/v1/leads/$LALICE" "$TK_alice"
check "GET /leads/{id}: the owner reads its lead" 200 .id "$LALICE"
check "GET /leads/{id}: events, obligations and meetings arrays" 200 '[(.events|type), (.obligations|type), (.meetings|type)] | join(",")' "array,array,array"
check "GET /leads/{id}: the timeline starts with the creation" 200 '.events[0] | [.type, (.from|tostring), .to] | join(",")' "created,null,inquiry"
check "GET /leads/{id}: the open speed-to-lead obligation is listed" 200 '[.obligations[] | select(.rule == "speed_to_lead") | .status] | join(",")' open
# issue 13.8: a lead the token may not see answers exactly as one that does not exist
api GET "/api/v1/leads/999999" "$TK_bob"
MISSING=$(printf '%s' "$OUT" | sed 's/999999/ID/g')
api GET "/api/v1/leads/$LALICE" "$TK_bob"
check_error "GET /leads/{id}: another rep's lead is 404" 404 not_found
g=$(printf '%s' "$OUT" | sed "s/$LALICE/ID/g")
if [ "$g" = "$MISSING" ]; then ok "GET /leads/{id}: and its body is that of a lead that does not exist"; else not_ok "GET /leads/{id}: and its body is that of a lead that does not exist" "[$g] vs [$MISSING]"; fi
api GET "/api/v1/leads/$LZOE" "$TK_alice"
check_error "GET /leads/{id}: another team's lead is 404 for a rep" 404 not_found
api GET "/api/v1/leads/$LALICE" "$TK_maria"
check "GET /leads/{id}: a manager reads its team's lead" 200 .owner alice
api GET "/api/v1/leads/$LZOE" "$TK_maria"
check_error "GET /leads/{id}: a manager may not read another team's lead (404, as if it did not exist)" 404 not_found
api GET "/api/v1/leads/$LZOE" "$TK_mark"
check "GET /leads/{id}: the other manager reads its team's lead" 200 .owner zoe
api GET /api/v1/leads/999999 "$TK_maria"
check_error "GET /leads/{id}: an unknown lead is 404" 404 not_found
api GET /api/v1/leads/abc "$TK_maria"
check_error "GET /leads/{id}: a non-numeric id is 404" 404 not_found

# ---------------------------------------------------------------- GET /api/v1/queue
api GET /api/v1/queue "$TK_alice"
check "GET /queue: the rep's work list holds its lead's first touch" 200 "[.[] | select(.lead == $LALICE and .rule == \"speed_to_lead\")] | length" 1
check "GET /queue: no other rep's lead in the work list" 200 "[.[].lead] | unique | tostring" "[$LALICE]"
api GET "/api/v1/queue?working=true" "$TK_alice"
check "GET /queue?working=true: a lead that owes something is listed once, as what it owes" 200 "[.[] | [.kind, .lead] | map(tostring) | join(\" \")] | unique | join(\",\")" "obligation $LALICE"
api GET "/api/v1/queue?working=maybe" "$TK_alice"
check_error "GET /queue?working=maybe is 422 naming working" 422 unprocessable working

# ---------------------------------------------------------------- GET /api/v1/sla
api GET "/api/v1/sla?status=open" "$TK_alice"
check "GET /sla?status=open: the rep's open obligations only" 200 '[length > 0, all(.owner == "alice" and .status == "open")] | all' true
check "GET /sla: the spec's keys" 200 '[.[] | has("id","rule","lead","owner","due","status")] | all' true
api GET "/api/v1/sla?status=open" "$TK_maria"
check "GET /sla?status=open: a manager sees its team's obligations" 200 '[length > 0, all(.owner as $o | ["maria","alice","bob","sam","sue","erin","eric","chloe"] | index($o) != null), any(.owner == "bob")] | all' true
check "GET /sla?status=open: a manager does not see another team's obligations" 200 '[.[] | select(.owner == "zoe")] | length' 0
api GET "/api/v1/sla?status=breached" "$TK_maria"
check "GET /sla?status=breached: none breached at the frozen time" 200 length 0
api GET "/api/v1/sla?status=soon" "$TK_maria"
check_error "GET /sla?status=unknown is 422 naming status" 422 unprocessable status

# ---------------------------------------------------------------- GET /metrics, reports
api GET /metrics "$TK_maria"
check_has "GET /metrics: Prometheus text with baton_http_requests_total" "# TYPE baton_http_requests_total counter"
check_has "GET /metrics: counts the requests by route" 'baton_http_requests_total{route="leads_post",status="2xx"}'
case "$CTYPE" in text/plain*) check "GET /metrics answers 200 text/plain" 200 ;; *) not_ok "GET /metrics answers 200 text/plain" ;; esac
api GET /metrics ""
check_error "GET /metrics without a token is 401" 401 unauthorized
api GET /api/v1/reports/credit "$TK_maria"
check "GET /reports/credit: a manager gets the credit report" 200 '[.report, (.rows|type)] | join(",")' "credit,array"
api GET /api/v1/reports/credit "$TK_alice"
check "GET /reports/credit: a rep reads only its own rows (docs/api.md)" 200 '[.report, (.rows | map(.rep) | unique | map(select(. != "alice")) | length)] | map(tostring) | join(",")' "credit,0"
api GET /api/v1/reports/funnel "$TK_alice"
check_error "GET /reports/funnel: a rep is refused 403" 403 forbidden
api GET /api/v1/reports/nosuch "$TK_maria"
check_error "GET /reports/{name}: an unknown report is 404" 404 not_found
api GET "/api/v1/reports/funnel?by=source&from=2026-11-01&to=2026-12-01" "$TK_maria"
check "GET /reports/funnel?by=source: the funnel by source over the period" 200 '[.report, .by, .from, (.rows[0].key | type)] | join(",")' "funnel,source,2026-10-31T23:00:00Z,string"
api GET "/api/v1/reports/sla" "$TK_maria"
check "GET /reports/sla: a row per rule, then all rules" 200 '[.report, .rows[-1].rule, (.rows[-1].obligations > 0), (.compliance | type)] | map(tostring) | join(",")' "sla,all,true,null"
api GET "/api/v1/reports/handoff?by=source" "$TK_maria"
check_error "GET /reports/handoff?by=source: a by the report does not take is 400" 400 bad_request by
api GET "/api/v1/reports/funnel?from=yesterday" "$TK_maria"
check_error "GET /reports/funnel?from=yesterday: a bad bound is 422" 422 unprocessable from

# ---------------------------------------------------------------- role rules
for route in "GET /api/v1/leads" "GET /api/v1/leads/$LALICE" "GET /api/v1/queue" "GET /api/v1/sla" "GET /api/v1/reports/credit" "GET /metrics"; do
	api ${route% *} "${route#* }" "$TK_intake"
	check_error "an intake token may not ${route} (403)" 403 forbidden
done
event "$LALICE" "$TK_intake" '{"type": "touch", "kind": "call"}'
check_error "an intake token may not post an event (403)" 403 forbidden

api GET /api/v1/queue ""
check_error "no token is 401" 401 unauthorized authorization
api GET /api/v1/queue "" "" -H "Authorization: Basic YWxpY2U6eA=="
check_error "a non-Bearer Authorization is 401" 401 unauthorized authorization
api GET /api/v1/queue "garbage"
check_error "a malformed token is 401" 401 unauthorized authorization
wrong=$(printf '%s' "$TK_alice" | sed 's/_[^_]*$/_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/')
api GET /api/v1/queue "$wrong"
check_error "a token with a wrong secret is 401" 401 unauthorized authorization
api GET /api/v1/queue "bt_9999_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
check_error "an unknown token id is 401" 401 unauthorized authorization
api GET /api/v1/queue "$TK_doomed"
check "a token works before it is revoked" 200
b token revoke "$ID_doomed"
expect_rc "token revoke exits 0" 0
api GET /api/v1/queue "$TK_doomed"
check_error "a revoked token is 401" 401 unauthorized authorization

# ---------------------------------------------------------------- nothing changes on error
snapshot "$T/before"
event "$LALICE" "$TK_bob" '{"type": "touch", "kind": "call"}'
check_error "a rep may not act on another rep's lead (404, as if it did not exist)" 404 not_found
event "$LZOE" "$TK_maria" '{"type": "touch", "kind": "call"}'
check_error "a manager may not act on another team's lead (404, as if it did not exist)" 404 not_found
event "$LALICE" "$TK_alice" '{"type": "touch", "kind": '
check_error "400: malformed JSON" 400 bad_request
event "$LALICE" "$TK_alice" '["touch"]'
check_error "400: a body that is not an object" 400 bad_request
event "$LALICE" "$TK_alice" '{"type": "dance"}'
check_error "400: an unknown event type, naming type" 400 bad_request type
event "$LALICE" "$TK_alice" '{"kind": "call"}'
check_error "400: an event without a type" 400 bad_request type
event "$LALICE" "$TK_alice" '{"type": "touch", "kind": "call", "colour": "blue"}'
check_error "422: an unknown event field is named" 422 unprocessable colour
event "$LALICE" "$TK_alice" '{"type": "qualify", "set": {"budget": "maybe"}}'
check_error "422: a qualification value outside the playbook's list names the field" 422 unprocessable budget
check_has "422: the message lists the allowed values" "allowed: yes, no, unknown"
event "$LALICE" "$TK_alice" '{"type": "qualify", "set": "budget=yes"}'
check_error "422: qualify set must be an object" 422 unprocessable set
event "$LALICE" "$TK_alice" '{"type": "nurture", "until": "2027-03-01"}'
check_error "409: an invalid transition" 409 conflict
check_has "409: the message names the stage" "is mql"
check_has "409: the message lists the allowed actions" "allowed here: touch"
event "$LALICE" "$TK_alice" '{"type": "handoff", "to": "erin", "notes": {"summary": "x"}}'
check_error "409: a handoff from mql is an invalid transition naming stage" 409 conflict stage
event "$LALICE" "$TK_alice" '{"type": "handoff", "to": "erin", "meeting": "tomorrow"}'
check_error "422: a meeting that is not RFC 3339 names meeting" 422 unprocessable meeting
event "$LALICE" "$TK_alice" '{"type": "handoff", "to": "erin", "minutes": 2}'
check_error "422: minutes out of range names minutes" 422 unprocessable minutes
event 999999 "$TK_maria" '{"type": "touch", "kind": "call"}'
check_error "404: an event on an unknown lead" 404 not_found
REQ_CT=text/plain
event "$LALICE" "$TK_alice" '{"type": "touch", "kind": "call"}'
check_error "415: an event body that is not application/json" 415 unsupported_media_type
api POST /api/v1/leads "$TK_intake" '{"email": "ct@acme.com"}'
check_error "415: a lead body that is not application/json" 415 unsupported_media_type
REQ_CT=application/json
api POST /api/v1/leads "$TK_intake" '{"email": "x@acme.com",'
check_error "400: malformed JSON on POST /leads" 400 bad_request
api POST /api/v1/leads "$TK_intake" '"x@acme.com"'
check_error "400: a lead body that is not an object" 400 bad_request
api POST /api/v1/leads "$TK_intake" '{"email": "not-an-email"}'
check_error "422: an invalid email names email" 422 unprocessable email
api POST /api/v1/leads "$TK_intake" '{"email": "e1@acme.com", "employees": "many"}'
check_error "422: employees that are not a number name employees" 422 unprocessable employees
api POST /api/v1/leads "$TK_intake" '{"email": "e2@acme.com", "employees": -3}'
check_error "422: negative employees name employees" 422 unprocessable employees
api POST /api/v1/leads "$TK_intake" '{"email": "e3@acme.com", "favourite": {"colour": "blue"}}'
check_error "422: a field baton does not know with an object value is named (SPEC 8.9)" 422 unprocessable favourite
api POST /api/v1/leads "$TK_intake" '{"email": "e4@acme.com", "channel": "carrier_pigeon"}'
check_error "422: an unknown channel names channel" 422 unprocessable channel
api POST /api/v1/leads "$TK_intake" '{"email": 42}'
check_error "422: an email that is not a string names email" 422 unprocessable email
{
	printf '{"email": "big@acme.com", "name": "'
	head -c 1100000 /dev/zero | tr '\0' 'a'
	printf '"}'
} >"$T/big.json"
api POST /api/v1/leads "$TK_intake" "@$T/big.json"
check_error "413: a body over 1 MiB" 413 payload_too_large
api POST /api/v1/leads "" '{"email": "anon@acme.com"}'
check_error "401: POST /leads without a token" 401 unauthorized
api DELETE /api/v1/leads "$TK_maria"
check_error "405: DELETE on /leads" 405 method_not_allowed
api PUT "/api/v1/leads/$LALICE" "$TK_maria" '{"stage": "won"}'
check_error "405: PUT on /leads/{id}" 405 method_not_allowed
api GET "/api/v1/leads/$LALICE/events" "$TK_maria"
check_error "405: GET on /leads/{id}/events" 405 method_not_allowed
api POST /healthz ""
check_error "405: POST on /healthz" 405 method_not_allowed
api GET /api/v1/nothing "$TK_maria"
check_error "404: an unknown route" 404 not_found
api GET /api/v2/leads ""
check_error "404: an unknown route without a token" 404 not_found
expect_unchanged "nothing changes in the store after the rejected requests" "$T/before"

# ---------------------------------------------------------------- a lead's whole life
event "$LALICE" "$TK_alice" '{"type": "touch", "kind": "call", "outcome": "connected", "note": "first call"}'
check "touch: the owner's first touch moves mql to working" 200 '[.stage, .touches, .first_touch_at] | map(tostring) | join(",")' "working,1,$NOW"
snapshot "$T/before1"
event "$LALICE" "$TK_alice" '{"type": "handoff", "to": "erin", "notes": {"summary": "x"}}'
check_error "409: a handoff refused by the qualification rule" 409 conflict
check_has "409: the refusal names the missing answer" "need is not answered"
check_has "409: the refusal names the missing notes" "note direct_phone is missing"
expect_unchanged "a refused handoff writes nothing" "$T/before1"
event "$LALICE" "$TK_alice" '{"type": "qualify", "set": {"budget": "yes", "authority": "decision_maker", "need": "Lead routing", "timeline": "this_quarter"}}'
check "qualify: the answers are stored" 200 '.qualification | [.budget, .authority, .need, .timeline] | join("|")' "yes|decision_maker|Lead routing|this_quarter"
event "$LALICE" "$TK_alice" '{"type": "handoff", "to": "erin", "meeting": "2026-11-24T14:00:00Z", "minutes": 45, "notes": {"direct_phone": "+33123", "mobile_phone": "+33612", "summary": "Wants SLAs", "company_changes": "none", "current_systems": "HubSpot"}}'
check "handoff: the AE owns it, the handing rep is kept" 200 '[.stage, .owner, .handed_by, .notes.summary] | join(",")' "handoff,erin,alice,Wants SLAs"
api GET "/api/v1/leads/$LALICE" "$TK_alice"
check "handoff: the rep who handed off still sees the lead" 200 '.meetings[0] | [.start, .minutes, .status, .ae, .booked_by] | map(tostring) | join(",")' "2026-11-24T14:00:00Z,45,booked,erin,alice"
MEET=$(printf '%s' "$OUT" | jq -r '.meetings[0].id')
api GET /api/v1/leads "$TK_alice"
check "GET /leads: a rep still lists the lead it handed off" 200 "[.[] | select(.id == $LALICE) | .owner] | join(\",\")" erin
api GET "/api/v1/meetings/$MEET.ics" "$TK_erin"
case "$CTYPE" in
text/calendar*) check "GET /meetings/{id}.ics: 200 text/calendar" 200 ;;
*) not_ok "GET /meetings/{id}.ics: 200 text/calendar" ;;
esac
check_has "GET /meetings/{id}.ics: an iCalendar invitation" "BEGIN:VCALENDAR"
check_has "GET /meetings/{id}.ics: the meeting's start in UTC" "DTSTART:20261124T140000Z"
api GET "/api/v1/meetings/$MEET.ics" "$TK_zoe"
check "GET /meetings/{id}.ics: another team's rep gets the 404 of a meeting that does not exist" 404 .error.message "no meeting $MEET"
api GET "/api/v1/meetings/999999.ics" "$TK_zoe"
check "GET /meetings/{id}.ics: (the same answer as for a missing one)" 404 .error.message "no meeting 999999"
api GET "/api/v1/meetings/$MEET.ics" "$TK_intake"
check_error "GET /meetings/{id}.ics: an intake token is 403" 403 forbidden
api GET /api/v1/meetings/99999.ics "$TK_erin"
check_error "GET /meetings/{id}.ics: an unknown meeting is 404" 404 not_found
api GET "/api/v1/meetings/$MEET" "$TK_erin"
check_error "GET /meetings/{id} without .ics is 404" 404 not_found

snapshot "$T/before2"
event "$LALICE" "$TK_alice" '{"type": "accept"}'
check_error "accept: an MRR may not accept a handoff (403)" 403 forbidden
event "$LALICE" "$TK_alice" '{"type": "reject", "reason": "not_qualified"}'
check_error "reject: an MRR may not reject a handoff (403)" 403 forbidden
event "$LALICE" "$TK_eric" '{"type": "accept"}'
check_error "accept: another AE may not accept it (it cannot see it: 404)" 404 not_found
expect_unchanged "refused accept/reject change nothing" "$T/before2"

event "$LALICE" "$TK_erin" '{"type": "review"}'
check "review: the AE marks the notes reviewed" 200 .reviewed true
event "$LALICE" "$TK_erin" '{"type": "accept"}'
check "accept: the AE makes it an SQL" 200 '[.stage, .ae] | join(",")' "sql,erin"
event "$LALICE" "$TK_erin" '{"type": "close", "outcome": "won", "amount": "12x"}'
check_error "close: an amount that is not a number names amount (422)" 422 unprocessable amount
event "$LALICE" "$TK_erin" '{"type": "close", "outcome": "maybe"}'
check_error "close: an outcome other than won/lost names outcome (422)" 422 unprocessable outcome
event "$LALICE" "$TK_erin" '{"type": "close", "outcome": "won", "amount": 24000.5}'
check "close won: the amount is stored" 200 '[.stage, .amount] | map(tostring) | join(",")' "won,24000.5"
snapshot "$T/before3"
event "$LALICE" "$TK_erin" '{"type": "accept"}'
check_error "409: accept on a won lead" 409 conflict stage
check_has "409: the refusal names the current stage" "is won"
expect_unchanged "a refused transition writes nothing" "$T/before3"
event "$LALICE" "$TK_erin" '{"type": "live"}'
check "live: customer success takes over" 200 '[.stage, .owner] | join(",")' "live,chloe"
api GET /api/v1/reports/credit "$TK_maria"
check "GET /reports/credit: the AE's won amount is credited" 200 '[.rows[] | select(.rep == "erin") | .won_amount] | map(tostring) | join(",")' "24000.5"

# an SDR's handoff, refused by the SDR, rejected by the AE
event "$LSAM" "$TK_sam" '{"type": "touch", "kind": "email"}'
check "touch: the SDR works its outbound lead" 200 .stage working
api GET /api/v1/queue "$TK_sam"
check "GET /queue: the SDR's outbound lead owes nothing now: not in what it owes" 200 "[.[] | select(.lead == $LSAM)] | length" 0
api GET "/api/v1/queue?working=true" "$TK_sam"
check "GET /queue?working=true: it is a line of kind working, with its stage and last change" 200 \
	"[.[] | select(.lead == $LSAM) | [.kind, .stage, .due, (.updated_at | test(\"Z\$\"))] | map(tostring) | join(\",\")] | join(\" \")" "working,working,null,true"
event "$LSAM" "$TK_sam" '{"type": "qualify", "set": {"budget": "yes", "authority": "influencer", "need": "Routing"}}'
check "qualify: three answers" 200 .qualification.authority influencer
event "$LSAM" "$TK_sam" '{"type": "handoff", "to": "erin", "notes": {"direct_phone": "1", "mobile_phone": "2", "summary": "3", "company_changes": "4", "current_systems": "5"}}'
check "handoff: without a meeting" 200 '[.stage, .owner, .handed_by] | join(",")' "handoff,erin,sam"
event "$LSAM" "$TK_sam" '{"type": "accept"}'
check_error "accept: an SDR may not accept its own handoff (403)" 403 forbidden
check_has "accept: the refusal names the rule" "only the AE"
event "$LSAM" "$TK_sam" '{"type": "reject", "reason": "not_qualified"}'
check_error "reject: an SDR may not reject (403)" 403 forbidden
event "$LSAM" "$TK_erin" '{"type": "reject", "reason": "nonsense_code"}'
check_error "reject: an unknown reason code is a refused rule (409) naming reason" 409 conflict reason
check_has "reject: the refusal lists the known reasons" "not_qualified, wrong_person"
event "$LSAM" "$TK_erin" '{"type": "reject"}'
check_error "reject: without a reason is 400 naming reason" 400 bad_request reason
check "reject: the API's message names the JSON field and the codes, no command-line flag" 400 .error.message \
	"reason is required: one of not_qualified, wrong_person, bad_timing, no_budget, duplicate"
event "$LSAM" "$TK_erin" '{"type": "reject", "reason": "not_qualified"}'
check "reject: the AE sends it back to working" 200 .stage working

# nurture, disqualify, restore
event "$LBOB" "$TK_bob" '{"type": "touch", "kind": "call"}'
check "touch: bob works his lead" 200 .stage working
event "$LBOB" "$TK_bob" '{"type": "nurture", "until": "2027-03-01", "reason": "next year"}'
check "nurture: until a date" 200 '[.stage, (.nurture_until | startswith("2027-0"))] | map(tostring) | join(",")' "nurture,true"
api GET "/api/v1/leads?stage=nurture" "$TK_maria"
check "GET /leads?stage= keeps the leads of that stage" 200 '[.[].id] | tostring' "[$LBOB]"
event "$LZOE" "$TK_zoe" '{"type": "touch", "kind": "call"}'
check "touch: zoe works her lead" 200 .stage working
event "$LZOE" "$TK_zoe" '{"type": "disqualify"}'
check_refused_field "disqualify: without a reason is refused naming reason" reason
event "$LZOE" "$TK_mark" '{"type": "disqualify", "reason": "student"}'
check "disqualify: the owner's manager acts on its team's lead" 200 .stage disqualified
event "$LFILT" "$TK_maria" '{"type": "restore"}'
check "restore: a manager brings back a filtered lead" 200 .stage mql

# ---------------------------------------------------------------- idempotency
KEY="form-$$-1"
api POST /api/v1/leads "$TK_intake" '{"email": "idem@hooli.com", "employees": 60}' -H "Idempotency-Key: $KEY"
check "idempotency: the first request creates the lead (201)" 201 .received true
FIRST=$OUT
FIRST_ID=$(printf '%s' "$OUT" | jq -r .id)
api POST /api/v1/leads "$TK_intake" '{"email": "idem@hooli.com", "employees": 60}' -H "Idempotency-Key: $KEY"
if [ "$CODE" = 201 ] && [ "$OUT" = "$FIRST" ]; then ok "idempotency: the same key and token replay the first answer exactly (201, same body)"; else not_ok "idempotency: the same key and token replay the first answer exactly (201, same body)" "got $CODE"; fi
api POST /api/v1/leads "$TK_intake" '{"email": "other@hooli.com"}' -H "Idempotency-Key: $KEY"
if [ "$CODE" = 201 ] && [ "$OUT" = "$FIRST" ]; then ok "idempotency: the same key replays the first answer even with another body"; else not_ok "idempotency: the same key replays the first answer even with another body" "got $CODE"; fi
n=$("$BATON" export leads --format json | jq '[.[] | select(.email == "idem@hooli.com" or .email == "other@hooli.com")] | length')
if [ "$n" = 1 ]; then ok "idempotency: one lead stored for the replayed requests"; else not_ok "idempotency: one lead stored for the replayed requests" "found $n"; fi
api POST /api/v1/leads "$TK_intake2" '{"email": "idem2@hooli.com", "employees": 60}' -H "Idempotency-Key: $KEY"
check "idempotency: another token with the same key is another request" 201 '[.received, (.id != '"$FIRST_ID"')] | map(tostring) | join(",")' "true,true"
api POST /api/v1/leads "$TK_intake" '{"email": "idem3@hooli.com"}' -H "Idempotency-Key;"
check_error "idempotency: an empty Idempotency-Key is 400" 400 bad_request

stop_server
if [ "$SRV_RC" = 0 ]; then ok "SIGTERM stops the server with exit 0 (before the restart)"; else not_ok "SIGTERM stops the server with exit 0 (before the restart)" "exit $SRV_RC"; fi
PORT_SALT=1
if ! start_server; then
	echo "not ok - the server starts again on the same store"
	exit 1
fi
ok "the server starts again on the same store"
api POST /api/v1/leads "$TK_intake" '{"email": "idem@hooli.com", "employees": 60}' -H "Idempotency-Key: $KEY"
if [ "$CODE" = 201 ] && [ "$OUT" = "$FIRST" ]; then ok "idempotency: the replay holds after a restart (201, same body)"; else not_ok "idempotency: the replay holds after a restart (201, same body)" "got $CODE"; fi
n=$("$BATON" export leads --format json | jq '[.[] | select(.email == "idem@hooli.com")] | length')
if [ "$n" = 1 ]; then ok "idempotency: still one lead after the restart"; else not_ok "idempotency: still one lead after the restart" "found $n"; fi

# ---------------------------------------------------------------- a signed webhook
SECRET="s3cret-$$-webhook"
if ! cc -O1 -o "$T/hook_listener" "$ROOT/tests/tools/hook_listener.c" 2>"$T/cc.err"; then
	not_ok "the webhook listener compiles" "$(head -5 "$T/cc.err")"
else
	ok "the webhook listener compiles"
fi

api POST /api/v1/leads "$TK_intake" '{"email": "wh@pied.com", "company": "Pied Piper", "employees": 40}'
check "webhook: a lead nobody touches" 201 .received true
LWH=$(printf '%s' "$OUT" | jq -r .id)

HOOKS="$T/hooks"
mkdir -p "$HOOKS"
NOW_SERVER=$NOW
NOW=2026-11-23T10:00:00Z
b --json tick
expect_rc "webhook: tick at a later time exits 0" 0
expect_jq "webhook: the tick breaches the untouched lead" "[.[] | select(.type == \"breach\" and .lead == $LWH)] | length > 0" true
api GET /metrics "$TK_maria"
BACKLOG=$(printf '%s\n' "$OUT" | sed -n 's/^baton_webhook_backlog \([0-9]*\)$/\1/p')
if [ -n "$BACKLOG" ] && [ "$BACKLOG" -ge 1 ]; then ok "GET /metrics: the webhook backlog gauge counts the queued notifications"; else not_ok "GET /metrics: the webhook backlog gauge counts the queued notifications" "backlog [$BACKLOG]"; BACKLOG=1; fi
[ "$BACKLOG" -gt 100 ] && BACKLOG=100

# the listener, on a free port (it exits 2 at once when the port is taken: try another)
HPORT=
LSN=
LSN_RC=none
tries=0
while [ $tries -lt 6 ] && [ -x "$T/hook_listener" ] && [ -z "$HPORT" ]; do
	p=$((20000 + ($$ * 13 + 7919 + tries * 3571) % 40000))
	tries=$((tries + 1))
	[ "$p" = "$PORT" ] && continue
	rm -f "$HOOKS/ready"
	"$T/hook_listener" "$p" "$BACKLOG" "$HOOKS" "${HOOK_TIMEOUT:-10}" 2>"$T/listener.err" &
	LSN=$!
	i=0
	while [ $i -lt 50 ] && [ ! -f "$HOOKS/ready" ] && kill -0 "$LSN" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ -f "$HOOKS/ready" ]; then
		HPORT=$p
	else
		kill "$LSN" 2>/dev/null
		wait "$LSN" 2>/dev/null
		LSN=
	fi
done
if [ -n "$HPORT" ]; then ok "webhook: the listener listens on 127.0.0.1"; else not_ok "webhook: the listener listens on 127.0.0.1" "$(cat "$T/listener.err" 2>/dev/null)"; fi

b playbook show
printf '%s\n' "$OUT" >"$T/pb.yaml"
sed "s#http://127.0.0.1:9000/hook#http://127.0.0.1:$HPORT/hook#" "$T/pb.yaml" >"$T/pb_hook.yaml"
if grep -q "url: \"http://127.0.0.1:$HPORT/hook\"" "$T/pb_hook.yaml"; then ok "webhook: the playbook points at the listener"; else not_ok "webhook: the playbook points at the listener"; fi
b playbook apply "$T/pb_hook.yaml"
expect_rc "webhook: playbook apply exits 0" 0

env -u BATON_WEBHOOK_SECRET "$BATON" --now "$NOW" webhook drain >"$T/out" 2>"$T/err"
RC=$?
OUT=$(cat "$T/out")
ERR=$(cat "$T/err")
expect_rc "webhook drain without the secret refuses (exit 4)" 4
if [ ! -f "$HOOKS/1.body" ]; then ok "webhook drain without the secret sends nothing"; else not_ok "webhook drain without the secret sends nothing"; fi

export BATON_WEBHOOK_SECRET="$SECRET"
b --json webhook drain
unset BATON_WEBHOOK_SECRET
expect_rc "webhook drain with the secret exits 0" 0
expect_jq "webhook drain sends every queued notification" '[.sent, .failed, .pending] | map(tostring) | join(",")' "$BACKLOG,0,0"
if [ -n "$LSN" ]; then
	wait "$LSN"
	LSN_RC=$?
	LSN=
fi
if [ "$LSN_RC" = 0 ]; then ok "webhook: the listener received every notification"; else not_ok "webhook: the listener received every notification" "listener exit $LSN_RC: $(cat "$T/listener.err" 2>/dev/null)"; fi

# header NAME FILE: the value of header NAME in FILE (case-insensitive name)
header() {
	tr -d '\r' <"$2" | grep -i "^$1:" | head -1 | sed 's/^[^:]*: *//'
}
if command -v openssl >/dev/null 2>&1; then
	HOW="openssl dgst -sha256 -hmac"
	sign() { echo "sha256=$(openssl dgst -sha256 -hmac "$SECRET" -r "$1" | cut -d' ' -f1)"; }
else
	HOW="baton webhook sign (openssl is not installed)"
	sign() { "$BATON" webhook sign --secret "$SECRET" "$1"; }
fi
bad=
shape=
breach=0
i=1
while [ $i -le "$BACKLOG" ]; do
	f="$HOOKS/$i"
	if [ ! -f "$f.body" ]; then
		bad="$bad $i(missing)"
	else
		sig=$(header X-Baton-Signature "$f.headers")
		[ "$(sign "$f.body")" = "$sig" ] || bad="$bad $i($sig)"
		head -1 "$f.headers" | grep -q '^POST /hook HTTP/1' || shape="$shape $i(request line)"
		[ "$(header X-Baton-Delivery "$f.headers")" = "$(jq -r .id "$f.body")" ] || shape="$shape $i(delivery)"
		[ "$(header X-Baton-Event "$f.headers")" = "$(jq -r .kind "$f.body")" ] || shape="$shape $i(event)"
		case "$(header Content-Type "$f.headers")" in application/json*) ;; *) shape="$shape $i(content-type)" ;; esac
		jq -e 'has("id","kind","at","lead","rep","payload") and (.payload|type == "object")' "$f.body" >/dev/null 2>&1 || shape="$shape $i(body keys)"
		if jq -e ".lead == $LWH and (.kind == \"notify\" or .kind == \"escalate\" or .kind == \"flag\")" "$f.body" >/dev/null 2>&1; then
			breach=$((breach + 1))
		fi
	fi
	i=$((i + 1))
done
if [ -z "$bad" ] && [ -f "$HOOKS/1.body" ]; then ok "webhook: X-Baton-Signature is the HMAC-SHA256 of the received body (checked with $HOW)"; else not_ok "webhook: X-Baton-Signature is the HMAC-SHA256 of the received body (checked with $HOW)" "bad:$bad"; fi
if [ -z "$shape" ] && [ -f "$HOOKS/1.body" ]; then ok "webhook: POST with X-Baton-Delivery = id, X-Baton-Event = kind, JSON body with the documented keys"; else not_ok "webhook: POST with X-Baton-Delivery = id, X-Baton-Event = kind, JSON body with the documented keys" "bad:$shape"; fi
if [ "$breach" -ge 1 ]; then ok "webhook: the breach of the untouched lead was delivered"; else not_ok "webhook: the breach of the untouched lead was delivered" "kinds: $(cat "$HOOKS"/*.body 2>/dev/null | jq -c '[.kind, .lead]' | tr '\n' ' ')"; fi
if [ -f "$HOOKS/1.body" ]; then
	printf 'x' >>"$HOOKS/1.body"
	if [ "$(sign "$HOOKS/1.body")" != "$(header X-Baton-Signature "$HOOKS/1.headers")" ]; then ok "webhook: a body changed by one byte no longer matches the signature"; else not_ok "webhook: a body changed by one byte no longer matches the signature"; fi
fi
NOW=$NOW_SERVER
api GET /metrics "$TK_maria"
check_has "GET /metrics: the backlog is empty after the drain" "baton_webhook_backlog 0"

# ---------------------------------------------------------------- a lead's time zone (SPEC 8.4)
api POST /api/v1/leads "$TK_intake" '{"email": "tz@hooli.com", "employees": 90, "timezone": "America/New_York"}'
LTZ=$(printf '%s' "$OUT" | jq -r .id)
g=$(cli_lead "$LTZ" .timezone)
if [ "$CODE" = 201 ] && [ "$g" = America/New_York ]; then ok "POST /leads: the lead's timezone is stored"; else not_ok "POST /leads: the lead's timezone is stored" "HTTP $CODE, got [$g]"; fi
api POST /api/v1/leads "$TK_intake" '{"email": "tz2@hooli.com", "timezone": "Eastern"}'
check_error "POST /leads: an unknown timezone is 422 naming the field" 422 unprocessable timezone

# ---------------------------------------------------------------- the end
stop_server
if [ "$SRV_RC" = 0 ]; then ok "SIGTERM: the server finishes and exits 0"; else not_ok "SIGTERM: the server finishes and exits 0" "exit $SRV_RC"; fi
if grep -q 'Sanitizer\|runtime error:' "$T/server.log"; then
	not_ok "the server logged no sanitizer report" "$(grep -m3 'Sanitizer\|runtime error:' "$T/server.log")"
else
	ok "the server logged no sanitizer report"
fi
if grep -q '"status":500' "$T/server.log"; then
	not_ok "the server answered no 500" "$(grep -m3 '"status":500' "$T/server.log")"
else
	ok "the server answered no 500"
fi
