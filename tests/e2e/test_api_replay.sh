#!/bin/sh
# test_api_replay.sh - GET and POST /api/v1/replay (SPEC 8.10, docs/api.md "Replay"): on the demo
# store a manager's replay of the playbook in force answers zero difference, a changed playbook
# answers exactly what `baton replay --json` prints on the same store (by POST and by GET), a
# rep gets 403, a proposal with an error 422 with its line, a window is taken as `report` takes
# it, and a store past the bound of events 413 naming `baton replay`. The store is only read,
# and other requests are answered while a replay runs.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"

NOW=2026-12-01T12:00:00Z
b demo --leads 200
expect_rc "the demo store" 0
b --json rep list
MGR=$(printf '%s' "$OUT" | jq -r '[.[] | select(.role == "manager")][0].name')
REP=$(printf '%s' "$OUT" | jq -r '[.[] | select(.role == "mrr")][0].name')
b --json token create --rep "$MGR"
TK_mgr=$(printf '%s' "$OUT" | jq -r .token)
b --json token create --rep "$REP"
TK_rep=$(printf '%s' "$OUT" | jq -r .token)
b playbook show
printf '%s\n' "$OUT" >"$T/in_force.yaml"
# a tighter speed to lead (5 minutes to 2): leads breach and are handed on
sed 's/first_touch_within: 5m/first_touch_within: 2m/' "$T/in_force.yaml" >"$T/tight.yaml"
if cmp -s "$T/in_force.yaml" "$T/tight.yaml"; then not_ok "the demo playbook has a 5m speed to lead"; fi
b --json replay --playbook "$T/tight.yaml"
expect_rc "baton replay of the change" 0
printf '%s' "$OUT" | jq -S . >"$T/cli.json"
b --json replay --playbook "$T/tight.yaml" --from 2026-11-01 --to 2026-12-01
printf '%s' "$OUT" | jq -S . >"$T/cli_window.json"
printf '{"reps": {"%s": {"weight": 3}}}' "$REP" >"$T/changes.json"
b --json replay --playbook "$T/in_force.yaml" --changes "$T/changes.json"
printf '%s' "$OUT" | jq -S . >"$T/cli_changes.json"
b --json export events
printf '%s' "$OUT" >"$T/events.before"
if ! start_server; then
	not_ok "baton serve starts" "$(tail -5 "$T/server.log")"
	exit 1
fi

# yaml_post FILE TOKEN [QUERY]: POST /api/v1/replay with FILE as the body (application/yaml)
yaml_post() {
	api POST "/api/v1/replay${3-}" "$2" "" -H "Content-Type: application/yaml" --data-binary "@$1" --max-time 120
}

# ---------------------------------------------------------------- identity
api POST /api/v1/replay "$TK_mgr" "" --max-time 120
check "POST without a body replays the playbook in force: 200" 200 '[has("from","to","assumption","replayed","current","proposed","delta")] | all' true
check "the identity: every difference is zero" 200 '[.delta | .. | numbers] | all(. == 0)' true
check "the identity: current and proposed are the same" 200 '.current == .proposed' true
check "the identity: nothing refused, the history replayed" 200 '[.replayed.skipped, (.replayed.replayed > 1000)] | map(tostring) | join(",")' "0,true"
check "the identity: sla and funnel are compared" 200 '[.current.sla.report, .current.funnel.report] | join(",")' "sla,funnel"
api GET /api/v1/replay "$TK_mgr" "" --max-time 120
check "GET without a playbook replays the playbook in force: zero difference" 200 '[.delta | .. | numbers] | all(. == 0)' true
yaml_post "$T/in_force.yaml" "$TK_mgr"
check "POST of the text in force: zero difference" 200 '[.delta | .. | numbers] | all(. == 0)' true

# ---------------------------------------------------------------- a change
yaml_post "$T/tight.yaml" "$TK_mgr"
check "POST of a changed playbook: differences" 200 '[.delta | .. | numbers | select(. != 0)] | length > 0' true
printf '%s' "$OUT" | jq -S . >"$T/api.json"
if cmp -s "$T/cli.json" "$T/api.json"; then
	ok "POST answers what baton replay --json prints on the same store"
else
	not_ok "POST answers what baton replay --json prints on the same store" "$(diff "$T/cli.json" "$T/api.json" | head -5)"
fi
api GET /api/v1/replay "$TK_mgr" "" -G --data-urlencode "playbook@$T/tight.yaml" --max-time 120
printf '%s' "$OUT" | jq -S . >"$T/api_get.json"
if [ "$CODE" = 200 ] && cmp -s "$T/cli.json" "$T/api_get.json"; then
	ok "GET ?playbook= (URL-encoded) answers the same"
else
	not_ok "GET ?playbook= (URL-encoded) answers the same" "HTTP $CODE $(diff "$T/cli.json" "$T/api_get.json" | head -5)"
fi
yaml_post "$T/tight.yaml" "$TK_mgr" "?from=2026-11-01&to=2026-12-01"
printf '%s' "$OUT" | jq -S . >"$T/api_window.json"
if [ "$CODE" = 200 ] && cmp -s "$T/cli_window.json" "$T/api_window.json"; then
	ok "from and to bound the reports as baton replay --from --to does"
else
	not_ok "from and to bound the reports as baton replay --from --to does" "HTTP $CODE $(diff "$T/cli_window.json" "$T/api_window.json" | head -5)"
fi
check "the window is in the answer" 200 '.from | startswith("2026-")' true
api GET /api/v1/replay "$TK_mgr" "" -G --data-urlencode "changes@$T/changes.json" --max-time 120
printf '%s' "$OUT" | jq -S . >"$T/api_changes.json"
if [ "$CODE" = 200 ] && cmp -s "$T/cli_changes.json" "$T/api_changes.json"; then
	ok "GET ?changes= answers what baton replay --changes prints"
else
	not_ok "GET ?changes= answers what baton replay --changes prints" "HTTP $CODE $(diff "$T/cli_changes.json" "$T/api_changes.json" | head -5)"
fi
check "the changes are echoed" 200 ".changes.reps[\"$REP\"].weight" 3
api GET /api/v1/replay "$TK_mgr" "" -G --data-urlencode 'changes={"reps": {"nobody-such": {"weight": 2}}}'
check "changes naming an unknown rep: 422 naming it" 422 '.error.field | startswith("changes.reps")' true
api GET /api/v1/replay "$TK_mgr" "" -G --data-urlencode 'changes={oops'
check_error "changes that are not JSON: 422 naming changes" 422 unprocessable changes
yaml_post "$T/tight.yaml" "$TK_mgr" "?from=2026-12-01&to=2026-11-01"
check_error "to before from is 422 naming to" 422 unprocessable to

# ---------------------------------------------------------------- refusals
yaml_post "$T/tight.yaml" "$TK_rep"
check_error "a rep's POST is refused (403)" 403 forbidden authorization
api GET /api/v1/replay "$TK_rep"
check_error "a rep's GET is refused (403)" 403 forbidden authorization
api POST /api/v1/replay "$TK_rep"
check_error "a rep's POST without a body is refused (403)" 403 forbidden authorization
api POST /api/v1/replay "" "" -H "Content-Type: application/yaml" --data-binary "@$T/tight.yaml"
check_error "no token is 401" 401 unauthorized authorization
printf 'org: {name: x}\nsla: {speed_to_lead: [oops\n' >"$T/bad.yaml"
yaml_post "$T/bad.yaml" "$TK_mgr"
check "a proposal that does not parse: 422 with its line, as playbook/check" 422 '[.error.code, .error.field, (.errors[0].line | tostring)] | join(",")' "unprocessable,playbook,2"
api POST /api/v1/playbook/check "$TK_mgr" "" -H "Content-Type: application/yaml" --data-binary "@$T/bad.yaml"
printf '%s' "$OUT" | jq -S . >"$T/check.json"
yaml_post "$T/bad.yaml" "$TK_mgr"
if printf '%s' "$OUT" | jq -S . | cmp -s - "$T/check.json"; then ok "the 422 is playbook/check's answer"; else not_ok "the 422 is playbook/check's answer" "$OUT"; fi
sed 's/first_touch_within: 5m/first_touch_within: 5 minutes/' "$T/in_force.yaml" >"$T/bad2.yaml"
LINE=$(grep -n 'first_touch_within: 5 minutes' "$T/bad2.yaml" | head -1 | cut -d: -f1)
api GET /api/v1/replay "$TK_mgr" "" -G --data-urlencode "playbook@$T/bad2.yaml"
check "GET with an invalid playbook: 422 at its line" 422 '[.errors[0].line, .errors[0].field] | map(tostring) | join(",")' "$LINE,sla.speed_to_lead.first_touch_within"
api POST /api/v1/replay "$TK_mgr" "" -H "Content-Type: application/json" --data-binary '{"a": 1}'
check_error "a body that is not YAML text is 415" 415 unsupported_media_type content-type

b --json export events
if [ "$OUT" = "$(cat "$T/events.before")" ]; then ok "the store's events are unchanged"; else not_ok "the store's events are unchanged"; fi

# ---------------------------------------------------------------- other requests meanwhile
# a replay holds its request thread for seconds but no lock: a read and an intake (a write)
# sent while it runs are answered at once, and the replay still answers
curl -s --max-time 120 -o "$T/long.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $TK_mgr" \
	-H "Content-Type: application/yaml" --data-binary "@$T/tight.yaml" "$URL/api/v1/replay" >"$T/long.code" &
LONG=$!
sleep 0.5
api GET /api/v1/me "$TK_mgr" "" --max-time 3
check "during a replay, GET /me is answered at once" 200 .name "$MGR"
api POST /api/v1/leads "$TK_mgr" '{"email": "meanwhile@replay.example", "company": "Meanwhile"}' --max-time 3
check "during a replay, an intake is committed at once" 201 .received true
if kill -0 "$LONG" 2>/dev/null; then ok "the replay was still running meanwhile"; else echo "# the replay ended before the other requests were sent"; fi
wait "$LONG"
if [ "$(cat "$T/long.code")" = 200 ] && jq -e '.replayed.events > 0' "$T/long.json" >/dev/null; then
	ok "the replay sent meanwhile answers 200"
else
	not_ok "the replay sent meanwhile answers 200" "HTTP $(cat "$T/long.code")"
fi
stop_server_checked

# ---------------------------------------------------------------- the bound
# past 200,000 events: the manager's token_created event copied under new ids up to 200,001 (the
# replay is refused before it reads any)
TID=$(sql "SELECT max(id) FROM events WHERE type = 'token_created'")
LAST=$(sql "SELECT max(id) FROM events")
sql "WITH RECURSIVE k(n) AS (SELECT $LAST + 1 UNION ALL SELECT n + 1 FROM k WHERE n < 200001)
INSERT INTO events (id, at, type, lead, actor, from_stage, to_stage, data)
SELECT k.n, e.at, e.type, e.lead, e.actor, e.from_stage, e.to_stage, e.data FROM k, events e WHERE e.id = $TID" >/dev/null
N=$(sql "SELECT max(id) FROM events") # ids count the events (PostgreSQL's may skip some)
if [ "$N" -gt 200000 ] 2>/dev/null; then ok "the store's events are numbered past 200,000"; else not_ok "the store's events are numbered past 200,000" "$N"; fi
if ! start_server; then
	not_ok "baton serve starts again" "$(tail -5 "$T/server.log")"
	exit 1
fi
api POST /api/v1/replay "$TK_mgr"
check "past 200,000 events: 413 naming the store" 413 '[.error.code, .error.field] | join(",")' "too_large,store"
check "the message names baton replay" 413 '.error.message | test("200001 events.*200000.*baton replay")' true
yaml_post "$T/tight.yaml" "$TK_mgr"
check_error "a proposal past the bound: 413 too" 413 too_large store
api GET /api/v1/replay "$TK_rep"
check_error "a rep still gets 403 first" 403 forbidden authorization
stop_server_checked
