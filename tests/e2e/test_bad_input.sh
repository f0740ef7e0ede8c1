#!/bin/sh
# test_bad_input.sh - the catalogue of bad input (SPEC section 7): command arguments, API
# requests and files (CSV, playbook, iCalendar). Each case asserts the exit code or HTTP status,
# that the message names the field (and the line, for files), and that the store is unchanged
# (every event, lead and rep compared before and after). One line per case below.
. "$(dirname "$0")/lib.sh"

CASES=0
b init
team
b --json lead add --email ada@corp.example --name Ada
b --json lead add --email bea@corp.example --name Bea
W=$(printf '%s' "$OUT" | jq -r .id)
b touch "$W" --by "$(printf '%s' "$OUT" | jq -r .owner)" --kind call
b --json lead add --email cyd@corp.example --name Cyd
H=$(printf '%s' "$OUT" | jq -r .id)
HO=$(printf '%s' "$OUT" | jq -r .owner)
b touch "$H" --by "$HO" --kind call
b qualify "$H" --by "$HO" --set budget=yes authority=influencer need=x timeline=later
b handoff "$H" --by "$HO" --to erin --note direct_phone=1 mobile_phone=2 summary=3 company_changes=4 current_systems=5
expect_rc "a lead in handoff for the cases below" 0
b account add Acme --domain acme.example --owner erin
b meeting --help >/dev/null
snapshot "$T/before"

# bad NAME EXIT TEXT ARGS...: baton ARGS exits EXIT, stderr names TEXT, the store is unchanged
bad() {
	_name=$1 _rc=$2 _text=$3
	shift 3
	CASES=$((CASES + 1))
	b "$@"
	if [ "$RC" -ne "$_rc" ]; then
		not_ok "cli: $_name" "expected exit $_rc"
	else
		case "$ERR" in
		*"$_text"*) snapshot "$T/after"
			if cmp -s "$T/before" "$T/after"; then ok "cli: $_name"; else not_ok "cli: $_name" "the store changed"; fi ;;
		*) not_ok "cli: $_name" "stderr lacks [$_text]" ;;
		esac
	fi
}

long=$(printf 'x%.0s' $(seq 1 400))
# ---- leads
bad "lead add without --email" 1 "email" lead add --name X
bad "lead add with a malformed email" 2 "email" lead add --email not-an-email
bad "lead add with an email of 400+ characters" 2 "email" lead add --email "$long@corp.example"
bad "lead add with negative employees" 2 "employees" lead add --email e1@corp.example --employees -5
bad "lead add with employees not a number" 2 "employees" lead add --email e2@corp.example --employees many
bad "lead add with an unknown channel" 2 "channel" lead add --email e3@corp.example --channel sideways
bad "lead add with a control character in the name" 2 "name" lead add --email e4@corp.example --name "$(printf 'A\001B')"
bad "lead add with invalid UTF-8 in the company" 2 "company" lead add --email e5@corp.example --company "$(printf 'Caf\351')"
bad "lead show of an unknown id" 3 "lead" lead show 999
bad "lead show of a non-numeric id" 2 "id" lead show abc
bad "lead list with a negative limit" 2 "limit" lead list --limit -1
bad "lead list with an unknown stage" 2 "stage" lead list --stage limbo
bad "lead restore of a lead that is not filtered" 4 "lead 1 is mql" lead restore 1 --by alice
# ---- lifecycle actions
bad "touch without --kind" 1 "kind" touch 1 --by alice
bad "touch with an unknown kind" 2 "kind" touch 1 --by alice --kind fax
bad "touch by an unknown rep" 3 "rep" touch 1 --by nobody --kind call
bad "touch of an unknown lead" 3 "lead" touch 999 --by alice --kind call
bad "touch with --minutes 0" 2 "minutes" touch 1 --by alice --kind call --minutes 0
bad "touch with --minutes 601" 2 "minutes" touch 1 --by alice --kind call --minutes 601
bad "touch with a variant of 100 characters" 2 "variant" touch 1 --by alice --kind email --variant "$(printf 'v%.0s' $(seq 1 100))"
bad "qualify with a value the playbook does not allow" 2 "budget" qualify 1 --by alice --set budget=maybe
bad "qualify with an unknown field" 2 "colour" qualify 1 --by alice --set colour=blue
bad "qualify with no value" 1 "set" qualify 1 --by alice --set budget
bad "handoff before the first touch (mql)" 4 "lead 1 is mql" handoff 1 --by alice --to erin --note summary=x
bad "accept by an SDR" 4 "sam" accept "$H" --by sam
bad "reject with an unknown reason lists the known ones" 4 "not_qualified, wrong_person" reject "$H" --by erin --reason whatever
bad "nurture without --until" 1 "until" nurture "$W" --by bob
bad "nurture until a malformed date" 2 "until" nurture "$W" --by bob --until tomorrow
bad "nurture until the past" 2 "until" nurture "$W" --by "$(b --json lead show "$W"; printf %s "$OUT" | jq -r .owner)" --until 2020-01-01
bad "close with an unknown outcome" 1 "outcome" close 1 maybe --by erin
bad "close won with a negative amount" 2 "amount" close "$H" won --by erin --amount -5
bad "close won with three decimals" 2 "amount" close "$H" won --by erin --amount 12.345
bad "close lost with an amount" 1 "amount" close "$H" lost --by erin --amount 5
bad "accept with an amount that is not a number" 2 "amount" accept "$H" --by erin --amount lots
bad "disqualify without a reason" 1 "reason" disqualify "$W" --by bob
bad "an option the command does not take" 1 "colour" touch 1 --by alice --kind call --colour red
# ---- people and companies
bad "rep add with an unknown role" 2 "role" rep add zed --role king
bad "rep add of a name that is taken" 4 "alice" rep add alice --role mrr
bad "rep add with a negative capacity" 2 "capacity" rep add zed --role mrr --capacity -1
bad "rep add with a manager who does not exist" 3 "manager" rep add zed --role mrr --manager ghost
bad "rep set with hours out of range" 2 "hours" rep set alice --hours 25:00-26:00
bad "rep set with hours that end before they start" 2 "hours" rep set alice --hours 18:00-09:00
bad "rep set --active maybe" 2 "active" rep set alice --active maybe
bad "account add with a malformed domain" 2 "domain" account add Bad --domain "not a domain"
bad "account add with a taken domain" 4 "acme.example" account add Acme2 --domain acme.example
bad "account add with an owner who is not an AE" 2 "--owner sam" account add Beta --domain beta.example --owner sam
# ---- clock, reports, planning
bad "--now that is not a time" 1 "--now" --now yesterday lead list
bad "report with --from that is not a date" 2 "from" report funnel --from soon
bad "report with --to before --from" 2 "to" report funnel --from 2026-12-01 --to 2026-11-01
bad "report with an unknown --by" 1 "by" report funnel --by colour
bad "report with an unknown name" 1 "report" report gossip
bad "report with an unknown --format" 2 "format" report funnel --format xml
bad "simulate with --runs 0" 2 "runs" simulate --runs 0
bad "simulate with --quarters abc" 2 "quarters" simulate --quarters abc
bad "demo into a store that already has a playbook" 4 "playbook" demo --leads 10
# ---- meetings, calendars, tasks, tokens
bad "meeting held of an unknown meeting" 3 "meeting" meeting held 999 --by erin
bad "availability add with the end before the start" 2 "to" availability add erin 2026-11-24T10:00:00Z 2026-11-24T09:00:00Z
bad "availability set from a missing file" 3 "missing.ics" availability set erin --ics "$T/missing.ics"
bad "task done of an unknown task" 3 "task" task done 999 --by alice
bad "token revoke of an unknown token" 3 "token" token revoke 999
# ---- files
bad "availability set from a garbage iCalendar file" 2 "bad-garbage.ics:1:" availability set erin --ics tests/data/ics/bad-garbage.ics
bad "availability set with an event that ends before it starts" 2 "DTEND" availability set erin --ics tests/data/ics/bad-dtend-before-dtstart.ics
bad "availability set with an unknown TZID" 2 "TZID" availability set erin --ics tests/data/ics/bad-unknown-tzid.ics
printf 'email,name,employees\nok1@corp.example,Ok,10\nbad-email,Bad,10\nok2@corp.example,Ok,ten\n' >"$T/bad.csv"
bad "lead import --strict of a file with bad rows names line and field" 2 "bad.csv:3: email" lead import "$T/bad.csv" --strict
bad "lead import --strict names the second bad row too" 2 "bad.csv:4: employees" lead import "$T/bad.csv" --strict
bad "lead import of a missing file" 3 "missing.csv" lead import "$T/missing.csv"
printf 'name;email\n' >"$T/nohead.csv"
bad "lead import of a file without an email column" 2 "email" lead import "$T/nohead.csv"
printf 'org:\n  name: X\n  timezone: Mars/Olympus\n' >"$T/pb.yaml"
bad "playbook apply with an unknown time zone names the line" 2 "pb.yaml:3" playbook apply "$T/pb.yaml"
printf 'org:\n  name: X\nsla:\n  speed_to_lead: {first_touch_within: 5 minutes}\n' >"$T/pb2.yaml"
bad "playbook apply with a bad duration names the key" 2 "speed_to_lead" playbook apply "$T/pb2.yaml"
printf 'org: [unclosed\n' >"$T/pb3.yaml"
bad "playbook apply of invalid YAML names the line" 2 "pb3.yaml:" playbook apply "$T/pb3.yaml"
printf "org:\n  name: 'It''''s'\n  timezone: UTC\n" >"$T/pb4.yaml"
bad "playbook apply with 4 apostrophes in a row names the line" 2 "pb4.yaml:2" playbook apply "$T/pb4.yaml"

# ---- the HTTP API: status, error.code, error.field, and the store unchanged
SRV=
trap '[ -n "$SRV" ] && kill "$SRV" 2>/dev/null; rm -rf "$T"' EXIT
b --json token create --intake
TK_INTAKE=$(printf '%s' "$OUT" | jq -r .token)
b --json token create --rep alice
TK_ALICE=$(printf '%s' "$OUT" | jq -r .token)
b --json token create --rep sam
TK_SAM=$(printf '%s' "$OUT" | jq -r .token)
snapshot "$T/before"
. "$(dirname "$0")/lib_http.sh"
start_server || not_ok "the server starts" "$(tail -5 "$T/server.log")"

# api_bad NAME STATUS FIELD METHOD PATH TOKEN [BODY]: the answer is STATUS with error.field FIELD
# (or any field when FIELD is -), an error object with a message, and the store is unchanged
api_bad() {
	_name=$1 _st=$2 _field=$3 _m=$4 _p=$5 _tk=$6
	CASES=$((CASES + 1))
	if [ $# -ge 7 ]; then
		printf '%s' "$7" >"$T/body"
		code=$(curl -s --max-time 10 -o "$T/resp" -w '%{http_code}' -X "$_m" -H "Authorization: Bearer $_tk" \
			-H 'Content-Type: application/json' --data-binary "@$T/body" "$URL$_p")
	else
		code=$(curl -s --max-time 10 -o "$T/resp" -w '%{http_code}' -X "$_m" -H "Authorization: Bearer $_tk" "$URL$_p")
	fi
	got=$(jq -r '"\(.error.field) \(.error.message | type)"' "$T/resp" 2>/dev/null)
	if [ "$code" != "$_st" ]; then
		OUT=$(head -c 300 "$T/resp"); not_ok "api: $_name" "expected HTTP $_st, got $code"
	elif [ "$_field" != - ] && [ "$got" != "$_field string" ]; then
		OUT=$(head -c 300 "$T/resp"); not_ok "api: $_name" "expected error.field $_field, got [$got]"
	else
		snapshot "$T/after"
		if cmp -s "$T/before" "$T/after"; then ok "api: $_name"; else not_ok "api: $_name" "the store changed"; fi
	fi
}

api_bad "POST /leads with malformed JSON" 400 body POST /api/v1/leads "$TK_INTAKE" '{"email": '
api_bad "POST /leads with a number for the email" 422 email POST /api/v1/leads "$TK_INTAKE" '{"email": 5}'
api_bad "POST /leads with an object for a field baton does not know (SPEC 8.9: other values are kept)" 422 colour POST /api/v1/leads "$TK_INTAKE" '{"email": "z@corp.example", "colour": {"r": 255}}'
many=$(i=1; while [ $i -le 51 ]; do printf '"f%d": %d, ' $i $i; i=$((i + 1)); done)
api_bad "POST /leads with 51 fields baton does not know" 422 attributes POST /api/v1/leads "$TK_INTAKE" "{$many \"email\": \"z@corp.example\"}"
api_bad "POST /leads with a malformed email" 422 email POST /api/v1/leads "$TK_INTAKE" '{"email": "nope"}'
api_bad "POST /leads with a JSON array" 400 body POST /api/v1/leads "$TK_INTAKE" '[1, 2]'
api_bad "POST /leads with a body over the limit" 413 - POST /api/v1/leads "$TK_INTAKE" "{\"email\": \"z@corp.example\", \"name\": \"$(head -c 1100000 /dev/zero | tr '\0' x)\"}"
api_bad "POST /leads without a token" 401 - POST /api/v1/leads "" '{"email": "z@corp.example"}'
api_bad "POST /leads with a wrong token" 401 - POST /api/v1/leads "bt_1_nottherighttoken" '{"email": "z@corp.example"}'
api_bad "GET /leads with an intake token" 403 - GET /api/v1/leads "$TK_INTAKE"
api_bad "GET /leads/abc" 404 - GET /api/v1/leads/abc "$TK_ALICE"
api_bad "GET /leads/999" 404 - GET /api/v1/leads/999 "$TK_ALICE"
api_bad "POST /leads/1/events with an unknown type" 400 type POST /api/v1/leads/1/events "$TK_ALICE" '{"type": "teleport"}'
api_bad "POST /leads/1/events touch without kind" 400 kind POST /api/v1/leads/1/events "$TK_ALICE" '{"type": "touch"}'
api_bad "POST /leads/1/events touch with minutes 0" 422 minutes POST /api/v1/leads/1/events "$TK_ALICE" '{"type": "touch", "kind": "call", "minutes": 0}'
api_bad "POST /leads/1/events qualify with a value not allowed" 422 budget POST /api/v1/leads/1/events "$TK_ALICE" '{"type": "qualify", "set": {"budget": "maybe"}}'
api_bad "POST accept by an SDR who cannot see the lead (404, as if it did not exist)" 404 - POST "/api/v1/leads/$H/events" "$TK_SAM" '{"type": "accept"}'
api_bad "POST close with amount -1" 422 amount POST "/api/v1/leads/$H/events" "$TK_ALICE" '{"type": "close", "outcome": "won", "amount": -1}'
api_bad "GET /reports/funnel as a rep" 403 - GET /api/v1/reports/funnel "$TK_ALICE"
api_bad "GET /nowhere" 404 - GET /api/v1/nowhere "$TK_ALICE"
api_bad "DELETE /leads/1 (no such method)" 405 - DELETE /api/v1/leads/1 "$TK_ALICE"

# ---- issue 13: email addresses are text too (the same rule on the command line, in a CSV file, through the API)
bad "lead add with DEL in the email" 2 "email" lead add --email "$(printf 'e\177ve@corp.example')"
bad "lead add with invalid UTF-8 in the email" 2 "email" lead add --email "$(printf 'e\377ve@corp.example')"
bad "lead add with a zero-width space inside the email" 2 "email" lead add --email "$(printf 'e\342\200\213ve@corp.example')"
bad "lead add with a line separator (U+2028) inside the email" 2 "email" lead add --email "$(printf 'eve\342\200\250@corp.example')"
printf 'email,name\ne\177ve@corp.example,Del\ne\377ve@corp.example,Latin-1\n' >"$T/email.csv"
bad "lead import --strict of a row with DEL in the email names line and field" 2 "email.csv:2: email" lead import "$T/email.csv" --strict
bad "lead import --strict of a row with invalid UTF-8 in the email names line and field" 2 "email.csv:3: email" lead import "$T/email.csv" --strict
api_bad "POST /leads with DEL (\\u007f) in the email" 422 email POST /api/v1/leads "$TK_INTAKE" '{"email": "e\u007fve@corp.example"}'
api_bad "POST /leads with a raw DEL byte in the email" 422 email POST /api/v1/leads "$TK_INTAKE" "$(printf '{"email": "e\177ve@corp.example"}')"
api_bad "POST /leads with a zero-width space inside the email" 422 email POST /api/v1/leads "$TK_INTAKE" '{"email": "e\u200bve@corp.example"}'
api_bad "POST /leads with invalid UTF-8 in the email (the body is not JSON)" 400 body POST /api/v1/leads "$TK_INTAKE" "$(printf '{"email": "e\377ve@corp.example"}')"
# ---- issue 13: simulation bounded (one work budget, SIM_MAX_WORK, for the CLI and the API)
b --json token create --rep maria
TK_MARIA=$(printf '%s' "$OUT" | jq -r .token)
snapshot "$T/before"
bad "simulate over the work budget (12 quarters, 2000 runs, 1000 reps)" 2 "runs" simulate --quarters 12 --runs 2000 --reps 1000
bad "simulate over the work budget with the store's reps (40 quarters, 100000 runs)" 2 "give at most" simulate --quarters 40 --runs 100000
api_bad "GET /simulate over the work budget (12 quarters, 2000 runs, 1000 reps)" 422 runs GET "/api/v1/simulate?quarters=12&runs=2000&reps=1000" "$TK_MARIA"
# ---- issue 13: parsers (playbook aliases, iCalendar budgets)
# these run baton capped at 1 GiB of memory, so that a parser expanding without bound fails
# fast instead of taking the machine: `ulimit -v` for a plain build; an ASan build reserves
# terabytes of address space at start, so there ASan's own hard_rss_limit_mb
cat >"$T/capped" <<EOF
#!/bin/sh
if (ulimit -v 1048576 && "$BATON" --help) >/dev/null 2>&1; then
	ulimit -v 1048576
else
	ASAN_OPTIONS="\${ASAN_OPTIONS:+\$ASAN_OPTIONS:}hard_rss_limit_mb=1024"
	export ASAN_OPTIONS
fi
exec timeout 120 "$BATON" "\$@"
EOF
chmod +x "$T/capped"
UNCAPPED=$BATON
BATON=$T/capped
bad "playbook check of a billion laughs (nested aliases) names the line" 2 "billion-laughs.yaml:7: the alias *d" playbook check fuzz/regressions/playbook/billion-laughs.yaml
bad "playbook apply of a billion laughs changes nothing" 2 "may copy at most 10000" playbook apply fuzz/regressions/playbook/billion-laughs.yaml
bad "availability set with a dense yearly RRULE names the RRULE" 2 "bad-dense-rrule.ics:8: RRULE" availability set erin --ics tests/data/ics/bad-dense-rrule.ics
bad "availability set with VTIMEZONE rules from the year 1 names the TZID" 2 "bad-zone-changes.ics:33: TZID" availability set erin --ics tests/data/ics/bad-zone-changes.ics
bad "availability set with 1,001 STANDARD blocks names the block" 2 "vtimezone-1001-standard-blocks.ics:6000: STANDARD" availability set erin --ics fuzz/regressions/ical/vtimezone-1001-standard-blocks.ics
BATON=$UNCAPPED

echo "# $CASES cases: command line, files and API"
