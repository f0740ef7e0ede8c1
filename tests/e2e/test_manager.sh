#!/bin/sh
# test_manager.sh - the manager's day on the command line and the API (issue 16.4, docs/api.md):
# a lead found by its email, name or company whatever the case or accents (`lead list --q`,
# GET /api/v1/leads?q=), a rep finding only its own; every list paged and sorted (?limit=
# &offset=&sort=, X-Total-Count; an unknown sort field is a 400 naming it); a report downloaded
# as CSV (the command line's bytes, Content-Type and Content-Disposition); meeting outcomes
# through POST /api/v1/meetings/{id}/outcome; the playbook's text, checked with each error at its
# line, and applied as a new version by a manager (PUT /api/v1/playbook), URL passwords masked and
# kept, refused to a rep (403). The server runs on 127.0.0.1 with its clock frozen.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"
NOTES="--note direct_phone=1 mobile_phone=2 summary=3 company_changes=4 current_systems=5"

# tok REP: a new token for REP
tok() {
	b --json token create --rep "$1"
	printf '%s' "$OUT" | jq -r .token
}

# ids: the ids of the JSON array of leads in $OUT, "1,2,3"
ids() {
	printf '%s' "$OUT" | jq -r 'map(.id | tostring) | join(",")'
}

# check_ids NAME STATUS IDS [TOTAL]: the answer's leads (and its X-Total-Count)
check_ids() {
	if [ "$CODE" != "$2" ] || [ "$(ids)" != "$3" ]; then
		not_ok "$1" "HTTP $CODE, ids [$(ids)], expected $2 [$3]"
	elif [ $# -ge 4 ] && [ "$(header X-Total-Count)" != "$4" ]; then
		not_ok "$1" "X-Total-Count [$(header X-Total-Count)], expected [$4]"
	else
		ok "$1"
	fi
}

# ---------------------------------------------------------------- the organisation
b init
team
b rep add mark --role manager --team us
b rep add zoe --role mrr --team us --manager mark
# inbound leads go round robin to alice, bob and zoe (every MRR)
b lead add --email ada@acme.example --name "Ada Lovelace" --company "Acme Analytics"
b lead add --email zoe.muller@muller.example --name "Zoë Müller" --company "Müller GmbH"
b lead add --email elodie@ecole.example --name "Élodie Durand" --company "École Supérieure"
b lead add --email grace@navy.example --name "Grace Hopper" --company "Navy"
i=1
while [ $i -le 8 ]; do
	b lead add --email "buyer$i@bulk.example" --name "Buyer $i" --company "Bulk $((9 - i))"
	i=$((i + 1))
done
b --json lead list
expect_jq "twelve leads: alice, bob and zoe in turn" '[.[].owner] | .[0:4] | join(",")' "alice,bob,zoe,alice"

# ---------------------------------------------------------------- lead list --q, --sort, --offset
b --json lead list --q acme
expect_jq "lead list --q finds a company by a part of its name" 'map(.id) | join(",")' 1
b --json lead list --q "MULLER"
expect_jq "... whatever its case and accents (MULLER finds Müller GmbH)" 'map(.id) | join(",")' 2
b --json lead list --q "zoë"
expect_jq "... and a name by a part of it (zoë finds Zoë Müller)" 'map(.id) | join(",")' 2
b --json lead list --q "ÉCOLE sup"
expect_jq "... and an accented capital its small letter" 'map(.id) | join(",")' 3
b --json lead list --q "GRACE@NAVY"
expect_jq "... and an email" 'map(.id) | join(",")' 4
b --json lead list --q "nobody at all"
expect_jq "a search that matches nothing is an empty array" 'length' 0
b --json lead list --q bulk --sort company --limit 3 --offset 1
expect_jq "--sort company, --offset 1, --limit 3: Bulk 2, 3 and 4" 'map(.company) | join(",")' "Bulk 2,Bulk 3,Bulk 4"
b --json lead list --sort -owner,id --limit 4
expect_jq "--sort -owner,id: zoe's first, then bob's, by id" 'map(.owner + "/" + (.id | tostring)) | join(",")' \
	"zoe/3,zoe/6,zoe/9,zoe/12"
b lead list --q bulk --sort company --limit 2
expect_out "the table counts what it shows" "2 leads"
b lead list --sort bogus
expect_rc "an unknown sort field is a usage error (exit 1)" 1
expect_err "it names the field and the known ones" "unknown sort field 'bogus' (sort by id, email, name, company"
b lead list --offset -1
expect_rc "a negative offset is refused" 2
b --json sla --sort -lead,id
ALL_SLA=$(printf '%s' "$OUT" | jq -c 'map(.id)')
expect_jq "sla --sort -lead,id: the highest lead first, then by id" \
	'[length > 2, .[0].lead > .[-1].lead, (. == (sort_by(-.lead, .id)))] | all' true
b --json sla --sort -lead,id --offset 1 --limit 2
expect_jq "sla --offset 1 --limit 2: the second and third of that order" 'map(.id) | tostring' \
	"$(printf '%s' "$ALL_SLA" | jq -c '.[1:3]')"
b sla --sort bogus
expect_rc "sla: an unknown sort field is a usage error (exit 1)" 1
expect_err "sla: it names the known fields" "(sort by id, due, rule, lead, owner, status, done_at"

# ---------------------------------------------------------------- the API: search and who sees what
TK_maria=$(tok maria)
TK_mark=$(tok mark)
TK_alice=$(tok alice)
TK_sam=$(tok sam)
TK_erin=$(tok erin)
if ! start_server; then
	not_ok "baton serve starts" "$(tail -5 "$T/server.log")"
	exit 1
fi
api GET "/api/v1/leads?q=muller" "$TK_maria"
check_ids "GET /leads?q=muller: the manager finds Müller GmbH of its team" 200 2 1
api GET "/api/v1/leads?q=%C3%89COLE" "$TK_maria"
check_ids "GET /leads?q=ÉCOLE: not another team's lead" 200 "" 0
api GET "/api/v1/leads?q=%C3%89COLE" "$TK_mark"
check_ids "... which its own manager finds" 200 3 1
api GET "/api/v1/leads?q=example" "$TK_alice"
check_ids "GET /leads?q=example as a rep: only the leads it owns" 200 "1,4,7,10" 4
api GET "/api/v1/leads?q=muller" "$TK_alice"
check_ids "... not a teammate's" 200 "" 0
api GET "/api/v1/leads?q=$(printf '%0201d' 0)" "$TK_maria"
check_error "a query longer than 200 characters is refused naming q" 422 unprocessable q

# ---------------------------------------------------------------- paging and sorting
api GET "/api/v1/leads" "$TK_maria"
ALL=$(ids)
N=$(printf '%s' "$OUT" | jq length)
check_ids "GET /leads: every lead the manager sees, X-Total-Count beside the array" 200 "$ALL" "$N"
api GET "/api/v1/leads?limit=3&offset=2" "$TK_maria"
check_ids "GET /leads?limit=3&offset=2: the third to fifth, the count in all" 200 \
	"$(printf '%s' "$ALL" | cut -d, -f3-5)" "$N"
api GET "/api/v1/leads?q=bulk&sort=-company&limit=2" "$TK_maria"
check "?sort=-company: Bulk 8 first (Bulk 7 is zoe's, of mark's team)" 200 'map(.company) | join(",")' "Bulk 8,Bulk 6"
api GET "/api/v1/leads?offset=100" "$TK_maria"
check_ids "an offset past the end: an empty page, the count still there" 200 "" "$N"
api GET "/api/v1/leads?sort=bogus" "$TK_maria"
check_error "GET /leads?sort=bogus: 400 naming the field" 400 bad_request sort
check "... the message names it" 400 '.error.message | contains("'"'"'bogus'"'"'")' true
api GET "/api/v1/sla?sort=-nope" "$TK_maria"
check_error "GET /sla?sort=-nope: 400" 400 bad_request sort
api GET "/api/v1/queue?sort=grade,sideways" "$TK_alice"
check_error "GET /queue?sort=grade,sideways: 400" 400 bad_request sort
api GET "/api/v1/leads?offset=-1" "$TK_maria"
check_error "a negative offset: 422 naming it" 422 unprocessable offset
api GET "/api/v1/sla?status=open" "$TK_maria"
NSLA=$(printf '%s' "$OUT" | jq length)
DUES=$(printf '%s' "$OUT" | jq -r '[.[].due] | sort | reverse | .[0:2] | join(",")')
api GET "/api/v1/sla?status=open&sort=-due,id&limit=2" "$TK_maria"
check "GET /sla?sort=-due&limit=2: the two due last" 200 '[.[].due] | join(",")' "$DUES"
if [ "$(header X-Total-Count)" = "$NSLA" ]; then ok "... X-Total-Count counts them all ($NSLA)"; else not_ok "... X-Total-Count counts them all" "got $(header X-Total-Count), expected $NSLA"; fi
api GET "/api/v1/queue" "$TK_alice"
QUEUE=$(printf '%s' "$OUT" | jq -c '[.[] | [.kind, .id]]')
NQ=$(printf '%s' "$OUT" | jq length)
api GET "/api/v1/queue?limit=2&offset=1" "$TK_alice"
check "GET /queue?limit=2&offset=1: the urgency order kept, cut" 200 '[.[] | [.kind, .id]] | tojson' \
	"$(printf '%s' "$QUEUE" | jq -c '.[1:3]')"
if [ "$(header X-Total-Count)" = "$NQ" ]; then ok "... X-Total-Count: the whole queue ($NQ)"; else not_ok "... X-Total-Count: the whole queue" "got $(header X-Total-Count)"; fi
api GET "/api/v1/queue?sort=-lead&limit=1" "$TK_alice"
check "GET /queue?sort=-lead: another order when asked" 200 '.[0].lead' 10

# ---------------------------------------------------------------- a report as CSV
b report funnel --from 2026-11-01 --to 2026-12-01 --format csv
printf '%s' "$OUT" >"$T/funnel.cli.csv"
api GET "/api/v1/reports/funnel?from=2026-11-01&to=2026-12-01&format=csv" "$TK_maria"
printf '%s' "$OUT" >"$T/funnel.api.csv"
check "GET /reports/funnel?format=csv: 200" 200
if cmp -s "$T/funnel.cli.csv" "$T/funnel.api.csv"; then ok "... the same bytes as report funnel --format csv"; else not_ok "... the same bytes as report funnel --format csv" "$(diff "$T/funnel.cli.csv" "$T/funnel.api.csv" | head -5)"; fi
if [ "$(head -1 "$T/funnel.api.csv" | cut -c1-40)" = "key,leads,inquiry,target,mql,working,han" ]; then ok "... its header line"; else not_ok "... its header line" "$(head -1 "$T/funnel.api.csv")"; fi
[ "$CTYPE" = "text/csv; charset=utf-8" ] && ok "... Content-Type text/csv" || not_ok "... Content-Type text/csv" "$CTYPE"
CD=$(header Content-Disposition)
[ "$CD" = 'attachment; filename="baton-funnel-2026-11-01-2026-12-01.csv"' ] && ok "... a download named baton-funnel-FROM-TO.csv" ||
	not_ok "... a download named baton-funnel-FROM-TO.csv" "$CD"
api GET "/api/v1/reports/credit?format=csv" "$TK_maria"
check "GET /reports/credit?format=csv: the credit report too" 200
[ "$(header Content-Disposition)" = 'attachment; filename="baton-credit-all-all.csv"' ] && ok "... named for an unbounded period" ||
	not_ok "... named for an unbounded period" "$(header Content-Disposition)"
api GET "/api/v1/reports/speed?format=csv" "$TK_alice"
KEYS=$(printf '%s' "$OUT" | tr -d '\r' | cut -d, -f1 | tr '\n' ' ')
[ "$CODE" = 200 ] && [ "$KEYS" = "key alice " ] && ok "a rep's CSV of its own rows only" || not_ok "a rep's CSV of its own rows only" "HTTP $CODE, keys [$KEYS]"
api GET "/api/v1/reports/funnel?format=csv" "$TK_alice"
check_error "a rep gets no funnel, CSV or not" 403 forbidden
api GET "/api/v1/reports/funnel?format=xml" "$TK_maria"
check_error "format must be json or csv" 422 unprocessable format

# ---------------------------------------------------------------- meeting outcomes
stop_server
# three handoffs to erin with a meeting on Tuesday: moved, then held, then a no-show
for m in 10:00 13:00 15:00; do
	b --json lead add --email "meet$m@target.example" --channel outbound --source target_list
	L=$(printf '%s' "$OUT" | jq -r .id)
	SDR=$(printf '%s' "$OUT" | jq -r .owner)
	b touch "$L" --by "$SDR" --kind call
	b qualify "$L" --by "$SDR" --set budget=yes authority=influencer need=x timeline=later
	# shellcheck disable=SC2086
	b handoff "$L" --by "$SDR" --to erin --meeting "2026-11-24T${m}:00Z" $NOTES
	expect_rc "a handoff to erin with a meeting at $m on Tuesday" 0
done
SDR_TOKEN=$(tok "$SDR")
b --json lead show "$((L - 2))"
M1=$(printf '%s' "$OUT" | jq -r '.meetings[0].id')
if ! start_server; then
	not_ok "baton serve starts again" "$(tail -5 "$T/server.log")"
	exit 1
fi
api POST "/api/v1/meetings/$M1/outcome" "$TK_erin" '{"outcome": "held"}'
check_error "held before the meeting started: 409" 409 conflict
api POST "/api/v1/meetings/$M1/outcome" "$TK_erin" '{"outcome": "reschedule"}'
check_error "a reschedule names who asked for it" 400 bad_request initiator
api POST "/api/v1/meetings/$M1/outcome" "$TK_erin" '{"outcome": "moved"}'
check_error "an unknown outcome: 422 naming it" 422 unprocessable outcome
api POST "/api/v1/meetings/$M1/outcome" "$TK_erin" '{"outcome": "cancel", "initiator": "prospect", "why": 1}'
check_error "an unknown field: 422 naming it" 422 unprocessable why
api POST "/api/v1/meetings/$M1/outcome" "$TK_alice" '{"outcome": "cancel", "initiator": "prospect"}'
check_error "a rep who may not see the lead: 404, as for no meeting" 404 not_found
api POST "/api/v1/meetings/$M1/outcome" "$TK_erin" '{"outcome": "reschedule", "initiator": "prospect", "at": "2026-11-25T10:00:00Z"}'
check "erin moves it to Wednesday at the prospect's request: the new meeting" 200 '[.status, .start, .ae] | join(",")' \
	"booked,2026-11-25T10:00:00Z,erin"
M1B=$(printf '%s' "$OUT" | jq -r .id)
api POST "/api/v1/meetings/$M1B/outcome" "$SDR_TOKEN" '{"outcome": "cancel", "initiator": "seller"}'
check_error "the SDR who booked it may not cancel it as the seller" 403 forbidden initiator
api POST "/api/v1/meetings/$M1B/outcome" "$SDR_TOKEN" '{"outcome": "cancel", "initiator": "prospect"}'
check "... but at the prospect's request" 200 .status cancelled
stop_server
NOW=2026-11-24T16:00:00Z
if ! start_server; then
	not_ok "baton serve starts on Tuesday afternoon" "$(tail -5 "$T/server.log")"
	exit 1
fi
b --json lead show "$((L - 1))"
M2=$(printf '%s' "$OUT" | jq -r '.meetings[0].id')
b --json lead show "$L"
M3=$(printf '%s' "$OUT" | jq -r '.meetings[0].id')
api POST "/api/v1/meetings/$M2/outcome" "$TK_maria" '{"outcome": "held"}'
check "the manager marks the second meeting held" 200 .status held
api POST "/api/v1/meetings/$M3/outcome" "$TK_erin" '{"outcome": "no_show"}'
check "its AE marks the third a no-show" 200 .status no_show
api POST "/api/v1/meetings/$M3/outcome" "$TK_erin" '{"outcome": "held"}'
check_error "an outcome is recorded once" 409 conflict
b --json export events
expect_jq "the timeline holds each outcome with its actor" \
	'[.[] | select(.type | startswith("meeting_")) | .type + "/" + .actor + "/" + (.initiator // "-")] | join(" ")' \
	"meeting_rescheduled/erin/prospect meeting_cancelled/$SDR/prospect meeting_held/maria/- meeting_no_show/erin/-"

# ---------------------------------------------------------------- the playbook, edited over the API
# a webhook URL with a password: the manager's text shows it masked, an edit keeps it
b playbook show
printf '%s\n' "$OUT" | sed 1d | sed 's|url: "http://127.0.0.1:9000/hook"|url: "https://baton:s3cret@hooks.example/baton"|' >"$T/pb1.yaml"
b playbook apply "$T/pb1.yaml"
expect_rc "a playbook whose webhook URL has a password (version 2)" 0
api GET "/api/v1/playbook?format=yaml" "$TK_maria"
check "GET /playbook?format=yaml: the manager reads the YAML text" 200
printf '%s' "$OUT" >"$T/pb.yaml"
[ "$CTYPE" = "application/yaml; charset=utf-8" ] && ok "... as application/yaml" || not_ok "... as application/yaml" "$CTYPE"
[ "$(header X-Playbook-Version)" = 2 ] && ok "... its version in X-Playbook-Version" || not_ok "... its version in X-Playbook-Version" "$(header X-Playbook-Version)"
if grep -q 'https://baton:\*\*\*@hooks.example/baton' "$T/pb.yaml" && ! grep -q s3cret "$T/pb.yaml"; then
	ok "... the URL's password masked"
else
	not_ok "... the URL's password masked" "$(grep hooks "$T/pb.yaml")"
fi
api GET "/api/v1/playbook?format=yaml" "$TK_alice"
check_error "a rep may not read the text" 403 forbidden

LINE=$(grep -n 'first_touch_within: 5m' "$T/pb.yaml" | cut -d: -f1)
sed 's/first_touch_within: 5m/first_touch_within: 5 minutes/' "$T/pb.yaml" >"$T/bad.yaml"
api POST /api/v1/playbook/check "$TK_maria" "" --data-binary "@$T/bad.yaml" -H "Content-Type: application/yaml"
check "POST /playbook/check: 422 with the error at its line" 422 \
	'[.error.code, (.errors | length), .errors[0].line, .errors[0].field] | map(tostring) | join(",")' \
	"unprocessable,1,$LINE,sla.speed_to_lead.first_touch_within"
sed -e 's/first_touch_within: 5m/first_touch_within: 5 minutes/' -e 's/handoff_response: {within: 24h/handoff_response: {within: soon/' \
	"$T/pb.yaml" >"$T/bad2.yaml"
api POST /api/v1/playbook/check "$TK_maria" "" --data-binary "@$T/bad2.yaml" -H "Content-Type: application/yaml"
check "... every error, each with its line" 422 '[.error.message, (.errors | map(.line) | length)] | map(tostring) | join(",")' \
	"the playbook has 2 errors,2"
api POST /api/v1/playbook/check "$TK_maria" "" --data-binary "@$T/pb.yaml" -H "Content-Type: application/yaml"
check "a valid text: 200, no error" 200 '[.valid, (.errors | length)] | map(tostring) | join(",")' "true,0"
api POST /api/v1/playbook/check "$TK_maria" "" --data-binary "@$T/pb.yaml" -H "Content-Type: application/json"
check_error "a body that is not YAML text: 415" 415 unsupported_media_type
api POST /api/v1/playbook/check "$TK_alice" "" --data-binary "@$T/pb.yaml" -H "Content-Type: application/yaml"
check_error "a rep may not check it" 403 forbidden

snapshot "$T/before"
api PUT /api/v1/playbook "$TK_alice" "" --data-binary "@$T/pb.yaml" -H "Content-Type: application/yaml"
check_error "PUT /playbook as a rep: 403" 403 forbidden
api PUT /api/v1/playbook "$TK_maria" "" --data-binary "@$T/bad.yaml" -H "Content-Type: application/yaml"
check "PUT /playbook with an error: 422 with its line" 422 '.errors[0].line' "$LINE"
sed 's|https://baton:\*\*\*@hooks.example/baton|https://baton:***@other.example/baton|' "$T/pb.yaml" >"$T/lost.yaml"
api PUT /api/v1/playbook "$TK_maria" "" --data-binary "@$T/lost.yaml" -H "Content-Type: application/yaml"
check "a masked password with no URL to take it from: 422 at its line" 422 '.errors[0].line' \
	"$(grep -n 'other.example' "$T/lost.yaml" | cut -d: -f1)"
expect_unchanged "nothing was applied" "$T/before"
sed 's/first_touch_within: 5m/first_touch_within: 10m/' "$T/pb.yaml" >"$T/good.yaml"
api PUT /api/v1/playbook "$TK_maria" "" --data-binary "@$T/good.yaml" -H "Content-Type: application/yaml" -H 'If-Match: "2"'
check "PUT /playbook as the manager: applied as version 3" 200 '[.version, .previous] | map(tostring) | join(",")' "3,2"
api PUT /api/v1/playbook "$TK_maria" "" --data-binary "@$T/good.yaml" -H "Content-Type: application/yaml" -H 'If-Match: "2"'
check_error "an edit of version 2 once 3 is in force: 409" 409 conflict if-match
b playbook show
expect_out "the playbook in force has the manager's edit" "first_touch_within: 10m"
expect_out "... and the webhook's password, kept" "https://baton:s3cret@hooks.example/baton"
b --json export events
expect_jq "applied as the manager: a playbook_applied event by maria" \
	'[.[] | select(.type == "playbook_applied")][-1] | [.version, .actor] | map(tostring) | join(",")' "3,maria"
api GET /api/v1/me "$TK_alice"
check "every token sees the new version" 200 .playbook_version 3

stop_server_checked
