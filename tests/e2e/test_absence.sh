#!/bin/sh
# test_absence.sh - SPEC 8.3, absences, with exact times: `rep away` (dates as whole days in the
# rep's zone, --to inclusive; RFC 3339 times), --list and --cancel; when an absence starts its
# rep's untouched mql leads go back to the rotation at that instant (not when tick runs), its
# other work stays and its manager is told (an `absence` notification and event); while away
# it gets no leads and no meetings; on its return the rotation goes on where it was and a
# waiting lead goes at the instant it is back; routing.absence: keep; out-of-office events of
# an imported calendar; the API (managers; a rep reads its own); refusals exit 4 / 403.
# Built-in playbook: Paris, Mon-Fri 09:00-18:00, speed to lead 5 business minutes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"
DATA=${BATON_TEST_DATA:-tests/data}

# team: m1 manages r1, r2, r3 (the rotation, in that order); m2 manages x1 (another team)
team() {
	NOW=2026-11-20T08:00:00Z
	b init "$@"
	b rep add m1 --role manager
	b rep add r1 --role mrr --manager m1
	b rep add r2 --role mrr --manager m1
	b rep add r3 --role mrr --manager m1
	b rep add m2 --role manager
	b rep add x1 --role sdr --manager m2
}

# lead EMAIL: takes in an inbound lead at $NOW; LEAD is its id, OWNER its owner
lead() {
	b --json lead add --email "$1"
	LEAD=$(printf '%s' "$OUT" | jq -r .id)
	OWNER=$(printf '%s' "$OUT" | jq -r .owner)
}

# --- an absence starts: untouched leads back to the rotation at its start ------------------------
team
NOW=2026-11-23T09:00:00Z # Monday 10:00 Paris
lead worked@acme.example
[ "$OWNER" = r1 ] && ok "the first lead goes to r1" || not_ok "the first lead goes to r1" "owner $OWNER"
b touch "$LEAD" --by r1 --kind call
NOW=2026-11-23T16:57:00Z # Monday 17:57 Paris
lead b@acme.example
NOW=2026-11-23T16:58:00Z
lead c@acme.example
NOW=2026-11-23T16:59:00Z
lead d@acme.example
[ "$OWNER" = r1 ] && ok "17:59: lead d goes to r1" || not_ok "17:59: lead d goes to r1" "owner $OWNER"
b --json sla --open
expect_jq "its first touch is due Tuesday 09:04 Paris" \
	'[.[] | select(.lead == 4 and .rule == "speed_to_lead")][0] | [.owner, .due] | join(",")' "r1,2026-11-24T08:04:00Z"

NOW=2026-11-23T17:00:00Z
b --json rep away r1 --from 2026-11-24 --to 2026-11-24 --reason "day off"
expect_rc "rep away with dates" 0
expect_jq "a date is a whole day in the rep's zone: from Tuesday 00:00 Paris to Wednesday 00:00 (--to inclusive)" \
	'[.id, .rep, .from, .to, .reason, .source, .status] | map(tostring) | join(",")' \
	"1,r1,2026-11-23T23:00:00Z,2026-11-24T23:00:00Z,day off,manual,upcoming"
b rep away r1 --list
expect_out "--list shows it in local times" "2026-11-24 00:00  2026-11-25 00:00  upcoming"

NOW=2026-11-24T08:01:00Z # Tuesday 09:01 Paris: the first tick since Monday
b --json tick
expect_jq "the absence began at its start, Tuesday 00:00 Paris, not when tick ran" \
	'[.[] | select(.type == "absence")][0] | [.rep, .at, .lead] | map(tostring) | join(",")' "r1,2026-11-23T23:00:00Z,0"
expect_jq "r1's untouched lead went back to the rotation then" \
	'[.[] | select(.type == "unassigned")] | map([.lead, .rep, .at] | map(tostring) | join(",")) | join(" ")' \
	"4,r1,2026-11-23T23:00:00Z"
expect_jq "nobody works at midnight: it waited, and went to r2 at the 09:00 opening" \
	'[.[] | select(.lead == 4 and .type == "assign")][0] | [.rep, .at] | join(",")' "r2,2026-11-24T08:00:00Z"
b --json lead show 4
expect_jq "lead d: unassigned naming the absence, then assigned" \
	'[.events[] | select(.type == "unassigned" or .type == "assigned") | [.type, .at, (.owner // .previous_owner), (.absence // "")] | map(tostring) | join(",")] | join(" ")' \
	"assigned,2026-11-23T16:59:00Z,r1, unassigned,2026-11-23T23:00:00Z,r1,1 assigned,2026-11-24T08:00:00Z,r2,"
expect_jq "its obligation passed to r2 with its due time unchanged" \
	'[.obligations[] | select(.rule == "speed_to_lead")][0] | [.owner, .due, .status] | join(",")' "r2,2026-11-24T08:04:00Z,open"
b --json lead show 1
expect_jq "r1's other open work (a lead it worked) stays r1's" '[.owner, .stage] | join(",")' "r1,working"
b touch 2 --by r2 --kind call # the others' first touches: no breach moves the rotation below
b touch 3 --by r3 --kind call
b touch 4 --by r2 --kind call
b --json export events
expect_jq "the manager is told by an absence event" \
	'[.[] | select(.type == "absence")][0] | [.at, .rep, .absence, .moved, .kept, (.recipients | join("+"))] | map(tostring) | join(",")' \
	"2026-11-23T23:00:00Z,r1,1,1,1,m1"
OUTBOX=$(sql "SELECT at || '|' || rep || '|' || payload FROM outbox WHERE kind = 'absence'")
case "$OUTBOX" in
1795474800\|m1\|*'"moved":[4]'*) ok "and an absence notification to m1 in the outbox, naming the lead moved" ;;
*) not_ok "and an absence notification to m1 in the outbox, naming the lead moved" "$OUTBOX" ;;
esac

# --- while away: no leads; the routing says why ----------------------------------------------------
NOW=2026-11-24T08:10:00Z
lead e@acme.example
E_OWNER=$OWNER
b touch "$LEAD" --by "$OWNER" --kind call
NOW=2026-11-24T08:11:00Z
lead f@acme.example
F_OWNER=$OWNER
b touch "$LEAD" --by "$OWNER" --kind call
NOW=2026-11-24T08:12:00Z
lead g@acme.example
b touch "$LEAD" --by "$OWNER" --kind call
[ "$E_OWNER,$F_OWNER,$OWNER" = "r3,r2,r3" ] && ok "while r1 is away the rotation goes r3, r2, r3: r1 gets none" ||
	not_ok "while r1 is away the rotation goes r3, r2, r3: r1 gets none" "$E_OWNER,$F_OWNER,$OWNER"
b --json lead show 6
expect_jq "the routing names the skip" '[.events[] | select(.type == "assigned")][0].routing' \
	"round robin over mrr reps: next in rotation after skipping away reps"

# --- back: the rotation goes on where it was, no catch-up ---------------------------------------
NOW=2026-11-25T08:10:00Z # Wednesday 09:10 Paris
lead h@acme.example
H=$OWNER
NOW=2026-11-25T08:11:00Z
lead i@acme.example
I=$OWNER
NOW=2026-11-25T08:12:00Z
lead j@acme.example
[ "$H,$I,$OWNER" = "r1,r2,r3" ] && ok "back on Wednesday: r1, r2, r3, one lead each (no burst for r1)" ||
	not_ok "back on Wednesday: r1, r2, r3, one lead each (no burst for r1)" "$H,$I,$OWNER"
b --json rep away r1 --list
expect_jq "the absence is over" '.[0].status' over

# --- --list and --cancel; refusals --------------------------------------------------------------
b --json rep away r2 --from 2026-12-01T08:00:00Z --to 2026-12-01T12:00:00Z --reason training
expect_jq "an RFC 3339 period is taken as given" '[.id, .from, .to, .status] | map(tostring) | join(",")' \
	"2,2026-12-01T08:00:00Z,2026-12-01T12:00:00Z,upcoming"
b rep away r2 --from 2026-12-01 --to 2026-12-01
expect_rc "an overlapping absence is refused" 4
expect_err "naming the one in the way" "r2 is already away from 2026-12-01T08:00:00Z to 2026-12-01T12:00:00Z (absence 2)"
b rep away r2 --from 2026-12-03 --to 2026-12-02
expect_rc "--to before --from is bad input" 2
expect_err "saying so, in words both the command line and the API use" "the end (to) must come after the start (from)"
b rep away r2 --from 2026-13-01 --to 2026-12-02
expect_rc "a date that is no date is bad input" 2
b rep away r2 --from 2026-11-20 --to 2026-11-21
expect_rc "an absence over already is bad input" 2
b rep away r2 --from 2026-12-01
expect_rc "--to is required" 1
b rep away nobody --from 2026-12-01 --to 2026-12-02
expect_rc "an unknown rep is not found" 3
b rep away r2 --list --cancel 2
expect_rc "--list and --cancel go alone" 1
b --json rep away r2 --cancel 2
expect_rc "--cancel" 0
expect_jq "an upcoming absence is cancelled" '.status' cancelled
b rep away r2 --cancel 2
expect_rc "cancelling it again is refused" 4
b rep away r2 --cancel 99
expect_rc "an unknown absence is not found" 3
b rep away r1 --cancel 1
expect_rc "an absence over cannot be cancelled" 4
b --json rep away r2 --list
expect_jq "--list keeps the cancelled one" '[.[] | [.id, .status] | map(tostring) | join(",")] | join(" ")' "2,cancelled"

# --- a waiting lead goes at the instant its rep is back ----------------------------------------
export BATON_DB="$T/back.db"
NOW=2026-11-20T08:00:00Z
b init
b rep add m1 --role manager
b rep add solo --role mrr --manager m1
NOW=2026-11-23T08:00:00Z
b rep away solo --from 2026-11-23T09:00:00Z --to 2026-11-23T10:30:00Z --reason dentist
NOW=2026-11-23T09:10:00Z
b --json lead add --email wait@acme.example
expect_jq "solo is away: the lead waits" .owner null
NOW=2026-11-23T12:00:00Z
b --json tick
expect_jq "the tick routes it at 11:30 Paris, the instant solo is back" \
	'[.[] | select(.type == "assign" or .type == "reassign")][0] | [.rep, .at] | join(",")' "solo,2026-11-23T10:30:00Z"
NOW=2026-11-23T12:05:00Z
b rep away solo --from 2026-11-23T12:00:00Z --to 2026-11-27 --reason flu
b --json lead add --email two@acme.example
expect_jq "away again: the next lead waits" .owner null
NOW=2026-11-23T12:20:00Z
b --json rep away solo --cancel 2
expect_jq "cancelled while on, the absence ends now" '[.status, .to] | join(",")' "over,2026-11-23T12:20:00Z"
b --json lead show 2
expect_jq "and the waiting lead goes to solo at that instant" \
	'[.owner, ([.events[] | select(.type == "assigned" or .type == "reassigned")][0].at)] | join(",")' "solo,2026-11-23T12:20:00Z"

# --- routing.absence: keep -----------------------------------------------------------------------
export BATON_DB="$T/keep.db"
"$BATON" --db "$T/back.db" playbook show | sed 's/^  customers: .*/&\n  absence: keep/' >"$T/keep.yaml"
team --playbook "$T/keep.yaml"
b --json playbook show
expect_jq "the playbook says keep" .routing.absence keep
NOW=2026-11-23T16:59:00Z
lead k@acme.example
NOW=2026-11-23T17:00:00Z
b rep away r1 --from 2026-11-24 --to 2026-11-24
NOW=2026-11-24T07:00:00Z
b --json tick
expect_jq "with keep, the absence begins and nothing moves" '[.[] | .type] | join(",")' absence
b --json lead show 1
expect_jq "the lead stays r1's" .owner r1
b --json export events
expect_jq "the manager is told what stays" '[.[] | select(.type == "absence")][0] | [.policy, .moved, .kept] | map(tostring) | join(",")' "keep,0,1"

# --- out-of-office events of an imported calendar; no meetings while away ------------------------
export BATON_DB="$T/ics.db"
NOW=2026-12-01T08:00:00Z # Tuesday 09:00 Paris
b init
b rep add m1 --role manager
b rep add sam --role sdr --manager m1
b rep add erin --role ae --manager m1
b --json availability set erin --ics "$DATA/ics/out-of-office.ics"
expect_rc "an Outlook export with out-of-office events is read" 0
expect_jq "its busy blocks, and its out-of-office events as absences" '[.busy_blocks, .absences] | map(tostring) | join(",")' "5,4"
b --json rep away erin --list
expect_jq "OOF all day, 'Out of office' summaries, a weekly one expanded; the cancelled one and the meeting are none" \
	'[.[] | [.from, .to, .source] | join(" ")] | join(", ")' \
	"2026-12-06T23:00:00Z 2026-12-08T23:00:00Z ics, 2026-12-10T12:00:00Z 2026-12-10T17:00:00Z ics, 2026-12-11T13:00:00Z 2026-12-11T17:00:00Z ics, 2026-12-18T13:00:00Z 2026-12-18T17:00:00Z ics"
b --json availability set erin --ics "$DATA/ics/out-of-office.ics"
b --json rep away erin --list
expect_jq "imported again, the calendar's absences are replaced, not doubled" length 4
b --json lead add --email opp@acme.example --channel outbound
b touch 1 --by sam --kind call
b qualify 1 --by sam --set budget=yes authority=decision_maker need=x timeline=later
b handoff 1 --by sam --to erin --meeting 2026-12-07T09:00:00Z --note direct_phone=1 mobile_phone=2 summary=3 \
	company_changes=4 current_systems=5
expect_rc "a meeting while the AE is away is refused" 4
expect_err "because the AE is away" "the AE is away"
expect_err "with the next free slots after the absence" "next free: 2026-12-09 09:00"
b rep add mo --role mrr --manager m1
b account add Initech --domain initech.example --owner erin
b --json lead add --email one@initech.example
expect_jq "a lead of erin's account goes to erin while she is in" .owner erin
NOW=2026-12-07T09:00:00Z # Monday 10:00 Paris: erin is on holiday
b --json lead add --email two@initech.example
expect_jq "while she is away, to the rotation" .owner mo

# --- the API: managers enter and cancel their team's; a rep reads its own --------------------------
export BATON_DB="$T/api.db"
team
b --json token create --rep m1
TM=$(printf '%s' "$OUT" | jq -r .token)
b --json token create --rep m2
TM2=$(printf '%s' "$OUT" | jq -r .token)
b --json token create --rep r2
TR=$(printf '%s' "$OUT" | jq -r .token)
b --json token create --intake
TI=$(printf '%s' "$OUT" | jq -r .token)
NOW=2026-11-23T09:00:00Z
if ! start_server; then
	not_ok "baton serve starts" "$(tail -5 "$T/server.log")"
	exit 1
fi
api POST /api/v1/reps/r2/absences "$TM" '{"from": "2026-12-01", "to": "2026-12-02", "reason": "holiday"}'
check "POST: a manager puts a rep of its team away" 201 '[.id, .rep, .from, .to, .status] | map(tostring) | join(",")' \
	"1,r2,2026-11-30T23:00:00Z,2026-12-02T23:00:00Z,upcoming"
api POST /api/v1/reps/r2/absences "$TR" '{"from": "2026-12-10", "to": "2026-12-11"}'
check_error "a rep may not enter one, even its own" 403 forbidden by
api POST /api/v1/reps/r2/absences "$TM2" '{"from": "2026-12-10", "to": "2026-12-11"}'
check_error "another team's manager may not" 403 forbidden by
api POST /api/v1/reps/r2/absences "$TI" '{"from": "2026-12-10", "to": "2026-12-11"}'
check_error "an intake token may not" 403 forbidden authorization
api POST /api/v1/reps/r2/absences "" '{"from": "2026-12-10", "to": "2026-12-11"}'
check "nor anyone without a token" 401
api POST /api/v1/reps/r2/absences "$TM" '{"from": "2026-12-10"}'
check_error "to is required" 422 unprocessable to
api POST /api/v1/reps/r2/absences "$TM" '{"from": "2026-12-10", "to": "tomorrow"}'
check_error "a bad date names its field" 422 unprocessable to
api POST /api/v1/reps/r2/absences "$TM" '{"from": "2026-12-10", "to": "2026-12-11", "until": "x"}'
check_error "an unknown field is refused" 422 unprocessable until
api POST /api/v1/reps/r2/absences "$TM" '{"from": "2026-12-02", "to": "2026-12-03"}'
check_error "an overlapping one is a conflict" 409 conflict from
api POST /api/v1/reps/nobody/absences "$TM" '{"from": "2026-12-10", "to": "2026-12-11"}'
check_error "an unknown rep is not found" 404 not_found rep
api GET /api/v1/reps/r2/absences "$TR"
check "GET: a rep reads its own" 200 '[.[] | .id] | map(tostring) | join(",")' 1
api GET /api/v1/reps/r3/absences "$TR"
check_error "but not another's" 403 forbidden by
api GET /api/v1/reps/r2/absences "$TM2"
check_error "nor does another team's manager" 403 forbidden by
api GET /api/v1/reps/r2/absences "$TM"
check "its manager does" 200 'length' 1
api DELETE /api/v1/reps/r2/absences/1 "$TR"
check_error "DELETE: a rep may not cancel" 403 forbidden by
api DELETE /api/v1/reps/r2/absences/1 "$TM"
check "its manager cancels it" 200 '[.id, .status] | map(tostring) | join(",")' "1,cancelled"
api DELETE /api/v1/reps/r2/absences/1 "$TM"
check_error "twice is a conflict" 409 conflict cancel
api DELETE /api/v1/reps/r2/absences/7 "$TM"
check_error "an unknown absence is not found" 404 not_found cancel
api POST /api/v1/reps/r3/absences "$TM" '{"from": "2026-11-23T09:00:00Z", "to": "2026-11-23T11:00:00Z"}'
check "an absence that starts now begins at once" 201 '[.id, .status, .begun_at] | map(tostring) | join(",")' \
	"2,away,2026-11-23T09:00:00Z"
api DELETE "/api/v1/reps/r3/absences?id=2" "$TM"
check "DELETE with ?id= ends it now" 200 '[.status, .to] | join(",")' "over,2026-11-23T09:00:00Z"
stop_server
b --json export events
expect_jq "entering and cancelling are events, by the manager" \
	'[.[] | select(.type == "absence_added" or .type == "absence_cancelled") | [.type, .actor, .absence] | map(tostring) | join(",")] | join(" ")' \
	"absence_added,m1,1 absence_cancelled,m1,1 absence_added,m1,2 absence_cancelled,m1,2"
