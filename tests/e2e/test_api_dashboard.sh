#!/bin/sh
# test_api_dashboard.sh - the API routes the dashboard reads besides the core ones (docs/api.md):
# GET /api/v1/me, /playbook, /reps, /reps/{name}/slots, /simulate, the "actions" of a lead, a
# rep's own rows of the reports it may read, and the dashboard's embedded files at GET / and
# GET /assets/... (Content-Type, ETag and 304, the Content-Security-Policy). Each with its role
# rules and its errors; the server runs on 127.0.0.1 with its clock frozen on a Monday morning.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"

# tok REP: a new token for REP (or --intake)
tok() {
	if [ "$1" = --intake ]; then b --json token create --intake; else b --json token create --rep "$1"; fi
	printf '%s' "$OUT" | jq -r .token
}

# ---------------------------------------------------------------- the organisation
b init
team
b rep add mark --role manager --team us
b rep add zoe --role mrr --team us --manager mark
TK_maria=$(tok maria)
TK_alice=$(tok alice)
TK_sam=$(tok sam)
TK_erin=$(tok erin)
TK_mark=$(tok mark)
b rep set zoe --timezone America/New_York
TK_zoe=$(tok zoe)
TK_intake=$(tok --intake)
b --json lead add --email ada@acme.example --name Ada --company Acme --source web_form
L1=$(printf '%s' "$OUT" | jq -r .id)
OWNER1=$(printf '%s' "$OUT" | jq -r .owner)
if [ "$OWNER1" != alice ]; then
	not_ok "the first inbound lead goes to alice (round robin)" "owner $OWNER1"
fi
if ! start_server; then
	not_ok "baton serve starts" "$(tail -5 "$T/server.log")"
	exit 1
fi

# ---------------------------------------------------------------- GET /api/v1/me
api GET /api/v1/me "$TK_alice"
check "GET /me: the token's rep, role, team and manager" 200 '[.name, .role, .team, .manager] | join(",")' "alice,mrr,emea,maria"
check "GET /me: the server's clock and the org's time zone" 200 '[.now, .org.timezone, .playbook_version] | map(tostring) | join(",")' "$NOW,Europe/Paris,1"
check "GET /me: the rep's own time zone (its team's, else the org's)" 200 .timezone Europe/Paris
api GET /api/v1/me "$TK_zoe"
check "GET /me: a rep's own zone when it has one (rep set --timezone)" 200 '[.timezone, .org.timezone] | join(",")' "America/New_York,Europe/Paris"
api GET /api/v1/me "$TK_intake"
check_error "GET /me: an intake token is refused (403)" 403 forbidden authorization
api GET /api/v1/me ""
check_error "GET /me: no token is 401" 401 unauthorized authorization

# ---------------------------------------------------------------- GET /api/v1/playbook
api GET /api/v1/playbook "$TK_alice"
check "GET /playbook: the stage vocabulary" 200 '.stages.handoff.label' "Meeting Passed"
"$BATON" --json playbook show 2>/dev/null | jq -S 'del(.version)' >"$T/pb.cli"
printf '%s' "$OUT" | jq -S 'del(.version)' >"$T/pb.api"
jq -S 'del(.escalation)' "$T/pb.cli" >"$T/pb.cli.rep"
if cmp -s "$T/pb.cli.rep" "$T/pb.api"; then ok "GET /playbook for a rep is playbook show --json without the delivery settings"; else not_ok "GET /playbook for a rep is playbook show --json without the delivery settings" "$(diff "$T/pb.cli.rep" "$T/pb.api" | head -5)"; fi
check "GET /playbook: a rep sees no webhook URL (issue 13.7)" 200 '.escalation' null
api GET /api/v1/playbook "$TK_maria"
check "GET /playbook: a manager sees the webhook URL (no password in it to mask)" 200 '.escalation.webhook.url' "http://127.0.0.1:9000/hook"
api GET /api/v1/playbook "$TK_intake"
check_error "GET /playbook: an intake token is refused (403)" 403 forbidden

# ---------------------------------------------------------------- GET /api/v1/reps
api GET /api/v1/reps "$TK_alice"
check "GET /reps: every rep, in the order they were added" 200 '[.[].name] | join(",")' "maria,alice,bob,sam,sue,erin,eric,chloe,mark,zoe"
check "GET /reps: the directory's keys only" 200 '.[0] | keys | join(",")' "active,manager,name,pod,role,team,territories"
api GET "/api/v1/reps?role=ae" "$TK_sam"
check "GET /reps?role=ae: the AEs with their pods" 200 '[.[] | .name + "/" + .pod] | join(",")' "erin/p1,eric/p2"
api GET "/api/v1/reps?role=boss" "$TK_sam"
check_error "GET /reps?role=unknown is 422 naming role" 422 unprocessable role
api GET /api/v1/reps "$TK_intake"
check_error "GET /reps: an intake token is refused (403)" 403 forbidden

# ---------------------------------------------------------------- GET /api/v1/reps/{name}/slots
# Monday 10:00 in Paris; business hours 09:00-18:00: half-hour starts from 10:00 to 17:30, then
# Tuesday 09:00 and 09:30 (a day from now, the meeting ending by then)
api GET "/api/v1/reps/erin/slots?days=1" "$TK_alice"
check "GET /reps/{ae}/slots: the free half-hour starts of the next day" 200 '[(.slots | length), .slots[0], .slots[-1], .minutes, .timezone] | map(tostring) | join(",")' \
	"18,2026-11-23T09:00:00Z,2026-11-24T08:30:00Z,30,Europe/Paris"
api GET "/api/v1/reps/erin/slots?days=1&minutes=60&from=2026-11-23T15:10:00Z" "$TK_alice"
check "GET /reps/{ae}/slots?minutes=60&from=: an hour's meeting fits before 18:00" 200 '[.slots[0], (.slots | map(select(startswith("2026-11-23"))) | last)] | join(",")' \
	"2026-11-23T15:30:00Z,2026-11-23T16:00:00Z"
api GET "/api/v1/reps/erin/slots?days=1&from=2026-11-01" "$TK_alice"
check "GET /reps/{ae}/slots: a from in the past starts now" 200 .from "$NOW"
event_body='{"type": "touch", "kind": "call", "outcome": "connected"}'
api POST "/api/v1/leads/$L1/events" "$TK_alice" "$event_body"
api POST "/api/v1/leads/$L1/events" "$TK_alice" '{"type": "qualify", "set": {"budget": "yes", "authority": "decision_maker", "need": "routing", "timeline": "this_quarter"}}'
api POST "/api/v1/leads/$L1/events" "$TK_alice" '{"type": "handoff", "to": "erin", "meeting": "2026-11-23T10:00:00Z", "minutes": 30, "notes": {"direct_phone": "1", "mobile_phone": "2", "summary": "s", "company_changes": "c", "current_systems": "h"}}'
check "a handoff books erin at 11:00 Paris" 200 .stage handoff
api GET "/api/v1/reps/erin/slots?days=1" "$TK_alice"
check "GET /reps/{ae}/slots: the booked meeting's slot is no longer free" 200 '[(.slots | length), (.slots | index("2026-11-23T10:00:00Z")), (.slots | index("2026-11-23T10:30:00Z") | type)] | map(tostring) | join(",")' \
	"17,null,number"
b rep set eric --timezone America/New_York
api GET "/api/v1/reps/eric/slots?days=1" "$TK_alice"
check "GET /reps/{ae}/slots: an AE with its own zone: its hours there, and the zone (SPEC 8.4)" 200 \
	'[(.slots | length), .slots[0], .slots[-1], .timezone] | join(",")' \
	"18,2026-11-23T14:00:00Z,2026-11-23T22:30:00Z,America/New_York"
api GET "/api/v1/reps/alice/slots" "$TK_alice"
check_error "GET /reps/{not an AE}/slots is 422 naming name" 422 unprocessable name
api GET "/api/v1/reps/nobody/slots" "$TK_alice"
check_error "GET /reps/{unknown}/slots is 404" 404 not_found name
api GET "/api/v1/reps/erin/slots?days=15" "$TK_alice"
check_error "GET /reps/{ae}/slots?days=15 is 422 naming days" 422 unprocessable days
api GET "/api/v1/reps/erin/slots?minutes=2" "$TK_alice"
check_error "GET /reps/{ae}/slots?minutes=2 is 422 naming minutes" 422 unprocessable minutes
api GET "/api/v1/reps/erin/slots?from=tomorrow" "$TK_alice"
check_error "GET /reps/{ae}/slots?from=tomorrow is 422 naming from" 422 unprocessable from
api GET "/api/v1/reps/erin/slots" "$TK_intake"
check_error "GET /reps/{ae}/slots: an intake token is refused (403)" 403 forbidden

# ---------------------------------------------------------------- the lead's actions
api GET "/api/v1/leads/$L1" "$TK_erin"
check "GET /leads/{id}: the receiving AE may review, accept and reject" 200 '.actions | join(",")' "touch,qualify,review,accept,reject"
api GET "/api/v1/leads/$L1" "$TK_alice"
check "GET /leads/{id}: the MRR who handed off may touch and qualify, not accept" 200 '.actions | join(",")' "touch,qualify"
api GET "/api/v1/leads/$L1" "$TK_maria"
check "GET /leads/{id}: a manager may take the AE's actions, and assign by hand" 200 '.actions | join(",")' \
	"touch,qualify,review,accept,reject,assign"
b --json lead add --email bo@beta.example --name Bo --company Beta --source web_form
L2=$(printf '%s' "$OUT" | jq -r .id)
api GET "/api/v1/leads/$L2" "$TK_maria"
check "GET /leads/{id}: an MQL's actions (a manager's)" 200 '[.stage, (.actions | join(","))] | join(" ")' "mql touch,qualify,assign"

# ---------------------------------------------------------------- GET /api/v1/simulate
api GET "/api/v1/simulate?quarters=2&runs=50&seed=3&reps=8" "$TK_maria"
check "GET /simulate: lumped, specialized and best, a row per quarter" 200 '[.report, (.rows | length), .runs, .seed, .reps] | map(tostring) | join(",")' "simulate,6,50,3,8"
printf '%s' "$OUT" | jq -S . >"$T/sim.api"
"$BATON" --json simulate --quarters 2 --runs 50 --seed 3 --reps 8 2>/dev/null | jq -S . >"$T/sim.cli"
if cmp -s "$T/sim.cli" "$T/sim.api"; then ok "GET /simulate is simulate --json"; else not_ok "GET /simulate is simulate --json" "$(diff "$T/sim.cli" "$T/sim.api" | head -5)"; fi
api GET "/api/v1/simulate?runs=5000" "$TK_maria"
check_error "GET /simulate?runs=5000 is 422 naming runs (2000 at most over HTTP)" 422 unprocessable runs
api GET "/api/v1/simulate?reps=2" "$TK_maria"
check_error "GET /simulate?reps=2 is 422 naming reps" 422 unprocessable reps
api GET "/api/v1/simulate" "$TK_alice"
check_error "GET /simulate: a rep is refused (403)" 403 forbidden

# ---------------------------------------------------------------- a rep's own report rows
api GET /api/v1/reports/speed "$TK_alice"
check "GET /reports/speed: a rep gets its own row, by rep" 200 '[.by, (.rows | map(.key) | join(" "))] | join(",")' "rep,alice"
check "GET /reports/speed: the rule's settings stay" 200 '[.sla_minutes, .business_time] | map(tostring) | join(",")' "5,true"
api GET /api/v1/reports/sla "$TK_alice"
check "GET /reports/sla: a rep's own obligations, no org-wide compliance" 200 '[(.rows | map(.key) | unique | join(" ")), has("compliance")] | map(tostring) | join(",")' "alice,false"
api GET /api/v1/reports/sla "$TK_maria"
check "GET /reports/sla: a manager keeps the whole report" 200 '[.rows[-1].rule, has("compliance")] | map(tostring) | join(",")' "all,true"
api GET /api/v1/reports/handoff "$TK_erin"
check "GET /reports/handoff: the AE's own side only" 200 '[(.rows | map(.rep + "/" + .side) | join(" ")), has("reasons")] | map(tostring) | join(",")' "erin/ae,false"
api GET /api/v1/reports/handoff "$TK_alice"
check "GET /reports/handoff: the MRR's own side only" 200 '.rows | map(.rep + "/" + .side) | join(" ")' "alice/sdr"
api GET /api/v1/reports/credit "$TK_sam"
check "GET /reports/credit: a rep with no credit gets no row" 200 '[.report, (.rows | length)] | map(tostring) | join(",")' "credit,0"
api GET /api/v1/reports/followup "$TK_alice"
check "GET /reports/followup: the rep's rows and the cadence" 200 '[(.rows | map(.key) | unique | join(" ")), (.cadence | length)] | map(tostring) | join(",")' "alice,3"
api GET "/api/v1/reports/speed?by=rep" "$TK_alice"
check "GET /reports/speed?by=rep is allowed to a rep" 200 .by rep
api GET "/api/v1/reports/speed?by=source" "$TK_alice"
check_error "GET /reports/speed?by=source: a rep may only read by rep (403)" 403 forbidden by
api GET /api/v1/reports/funnel "$TK_alice"
check_error "GET /reports/funnel: for managers (403)" 403 forbidden authorization
api GET /api/v1/reports/speed "$TK_intake"
check_error "GET /reports/speed: an intake token is refused (403)" 403 forbidden

# ---------------------------------------------------------------- the dashboard's files
api GET / ""
check "GET /: the page, without a token" 200
case "$CTYPE" in text/html*) ok "GET /: text/html" ;; *) not_ok "GET /: text/html" "Content-Type $CTYPE" ;; esac
CSP=$(header Content-Security-Policy)
case "$CSP" in
*"default-src 'self'"*"script-src 'self'"*"connect-src 'self'"*) ok "GET /: a Content-Security-Policy that allows only this server" ;;
*) not_ok "GET /: a Content-Security-Policy that allows only this server" "CSP [$CSP]" ;;
esac
ETAG=$(header ETag)
if [ -n "$ETAG" ] && [ "$(header Cache-Control)" = no-cache ]; then ok "GET /: an ETag, revalidated each time"; else not_ok "GET /: an ETag, revalidated each time" "ETag [$ETAG]"; fi
api GET / "" "" -H "If-None-Match: $ETAG"
check "GET / with the same ETag: 304" 304
api GET /assets/app.js ""
check "GET /assets/app.js" 200
case "$CTYPE" in text/javascript*) ok "GET /assets/app.js: text/javascript" ;; *) not_ok "GET /assets/app.js: text/javascript" "Content-Type $CTYPE" ;; esac
api GET /assets/js/queue.js ""
check "GET /assets/js/queue.js: a page module" 200
api GET /assets/vendor/chart.js ""
check "GET /assets/vendor/chart.js: the charting library is embedded" 200
api GET /assets/style.css ""
case "$CODE $CTYPE" in "200 text/css"*) ok "GET /assets/style.css: text/css" ;; *) not_ok "GET /assets/style.css: text/css" "$CODE $CTYPE" ;; esac
api GET /assets/nope.js ""
check_error "GET /assets/{unknown} is 404" 404 not_found
api GET /assets/js/../app.js ""
case "$CODE" in 200 | 404) ok "GET /assets/js/../app.js serves nothing outside the embedded files" ;; *) not_ok "GET /assets/js/../app.js" "HTTP $CODE" ;; esac
for f in $(cd "$(dirname "$0")/../../web" && ls index.html app.js style.css js/*.js); do
	if grep -q 'https\?://' "$(dirname "$0")/../../web/$f"; then not_ok "web/$f names no outside URL"; else ok "web/$f names no outside URL"; fi
done
api GET /metrics "$TK_maria"
case "$OUT" in *'route="me_get",status="2xx"'*) ok "GET /metrics counts the dashboard's routes" ;; *) not_ok "GET /metrics counts the dashboard's routes" ;; esac

stop_server_checked
