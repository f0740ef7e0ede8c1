#!/bin/sh
# test_assign.sh - SPEC 8.3, a manager's hand, with exact times: `lead assign ID --to REP --by
# MANAGER --reason TEXT` and the API's {"type": "assign"}: the lead goes to a rep of the
# manager's team, its open obligations with it (due times unchanged: speed to lead, follow-up,
# a waiting lead's, a handoff's response), one `assigned` event with "manual": true, "by" and
# "reason", the rotation untouched; refused (exit 4, 403) for a rep, another team's manager, a
# new owner outside the team, inactive, away or of the wrong role.
# Built-in playbook: Paris, Mon-Fri 09:00-18:00, speed to lead 5 business minutes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"
NOTES="--note direct_phone=1 mobile_phone=2 summary=3 company_changes=4 current_systems=5"

NOW=2026-11-20T08:00:00Z
b init
b rep add m1 --role manager
b rep add r1 --role mrr --manager m1
b rep add r2 --role mrr --manager m1
b rep add r3 --role mrr --manager m1
b rep add sam --role sdr --manager m1
b rep add erin --role ae --manager m1
b rep add eric --role ae --manager m1
b rep add m2 --role manager
b rep add x1 --role mrr --manager m2
b rep add gone --role mrr --manager m1
b rep set gone --active false

# --- an untouched lead: its first touch moves with it, due unchanged ---------------------------
NOW=2026-11-23T09:00:00Z # Monday 10:00 Paris
b --json lead add --email ada@acme.example
expect_jq "the lead goes to r1 by the rotation" .owner r1
NOW=2026-11-23T09:02:00Z
b lead assign 1 --to r3 --by m1 --reason "speaks German"
expect_rc "lead assign by the owner's manager" 0
expect_out "it says who owns it now" "lead assign: lead 1 (ada@acme.example) is Marketing Qualified Lead (mql), owner r3."
b --json lead show 1
expect_jq "one assigned event, manual, by the manager, with the reason" \
	'[.events[] | select(.type == "assigned")][-1] | [.at, .actor, .owner, .previous_owner, .manual, .by, .reason] | map(tostring) | join(",")' \
	"2026-11-23T09:02:00Z,m1,r3,r1,true,m1,speaks German"
expect_jq "its first touch is r3's now, due 10:05 Paris as before" \
	'[.obligations[] | select(.rule == "speed_to_lead")][0] | [.owner, .due, .status] | join(",")' "r3,2026-11-23T09:05:00Z,open"
expect_jq "its follow-up cadence (grade C: 2 touches in 21 days) too, due as before" \
	'[.obligations[] | select(.rule == "follow_up")][0] | [.owner, .due] | join(",")' "r3,2026-12-14T09:00:00Z"
b --json lead add --email bob@acme.example
expect_jq "the rotation goes on where it was (r2 after r1): a manager's hand does not move it" .owner r2
NOW=2026-11-23T09:03:00Z
b touch 1 --by r3 --kind call # in time: no breach moves the leads below
b touch 2 --by r2 --kind call

# --- who may, and to whom -----------------------------------------------------------------------
b lead assign 1 --to r2 --by r2 --reason "mine now"
expect_rc "a rep may not assign" 4
expect_err "only a manager does" "lead assign refused: only a manager may do it; r2 is a mrr rep"
b lead assign 1 --to x1 --by m2 --reason "mine now"
expect_rc "another team's manager may not" 4
expect_err "it acts on its team's leads" "manager m2 acts only on the leads of its team"
b lead assign 1 --to x1 --by m1 --reason "help out"
expect_rc "nor may a manager give a lead outside its team" 4
expect_err "the new owner is not of its team" "x1's manager is m2; manager m1 assigns only within its team"
b lead assign 1 --to gone --by m1 --reason x
expect_rc "an inactive rep gets no lead" 4
b lead assign 1 --to r3 --by m1 --reason x
expect_rc "the owner already" 4
b lead assign 1 --to nobody --by m1 --reason x
expect_rc "an unknown rep is not found" 3
b lead assign 99 --to r2 --by m1 --reason x
expect_rc "an unknown lead is not found" 3
b lead assign 1 --to r2 --by m1
expect_rc "--reason is required" 1
b lead assign 1 --by m1 --reason x
expect_rc "--to is required" 1
b rep away r1 --from 2026-11-23T09:00:00Z --to 2026-11-23T10:00:00Z
b lead assign 1 --to r1 --by m1 --reason x
expect_rc "a rep away gets no lead" 4
expect_err "saying until when" "r1 is away until 2026-11-23T10:00:00Z"
b --json lead show 1
expect_jq "the refusals changed nothing" '[.owner, ([.events[] | select(.type == "assigned")] | length)] | map(tostring) | join(",")' "r3,2"

# --- a worked lead: the follow-up moves with its progress -------------------------------------------
NOW=2026-11-23T10:30:00Z
b --json lead assign 2 --to r1 --by m1 --reason "r2 on a course"
expect_jq "a working lead goes too" '[.owner, .stage] | join(",")' "r1,working"
b --json sla --open
expect_jq "its follow-up is r1's, due unchanged" \
	'[.[] | select(.lead == 2 and .rule == "follow_up")][0] | [.owner, .due] | join(",")' "r1,2026-12-14T09:02:00Z"
b --json queue --rep r1
expect_jq "and it is in r1's queue" '[.[] | select(.lead == 2)] | length > 0' true
b --json queue --rep r2
expect_jq "no longer in r2's" '[.[] | select(.lead == 2)] | length' 0

# --- a waiting lead: nobody owns it; the pool's clock goes to the rep -------------------------------
NOW=2026-11-28T09:00:00Z # Saturday 10:00 Paris
b --json lead add --email sat@acme.example
SAT=$(printf '%s' "$OUT" | jq -r .id)
expect_jq "nobody works on Saturday: the lead waits" .owner null
b lead assign "$SAT" --to r3 --by m1 --reason "r3 is on call this weekend"
expect_rc "a manager assigns a lead nobody owns" 0
b --json lead show "$SAT"
expect_jq "the pool's obligation is r3's, due Monday 09:05 Paris as before" \
	'[.obligations[] | select(.rule == "speed_to_lead")][0] | [.owner, (.pool // "none"), .due] | join(",")' \
	"r3,none,2026-11-30T08:05:00Z"

# --- an opportunity: to an AE only; the handoff's response moves with it ---------------------------
NOW=2026-11-30T09:00:00Z
lead_in_handoff opp@acme.example erin
OPP=$HANDOFF_LEAD
b --json sla --open
DUE=$(printf '%s' "$OUT" | jq -r "[.[] | select(.lead == $OPP and .rule == \"handoff_response\")][0].due")
NOW=2026-11-30T09:10:00Z
b lead assign "$OPP" --to r1 --by m1 --reason "x"
expect_rc "a handoff goes to an AE only" 4
expect_err "saying so" "is handoff, an AE's; r1 is a mrr rep"
b --json lead assign "$OPP" --to eric --by m1 --reason "erin is overbooked"
expect_jq "to another AE" .owner eric
b --json sla --open
expect_jq "the handoff's response is eric's, due unchanged" \
	"[.[] | select(.lead == $OPP and .rule == \"handoff_response\")][0] | [.owner, .due] | join(\",\")" "eric,$DUE"

# --- the API -------------------------------------------------------------------------------------
b --json token create --rep m1
TM=$(printf '%s' "$OUT" | jq -r .token)
b --json token create --rep m2
TM2=$(printf '%s' "$OUT" | jq -r .token)
b --json token create --rep r1
TR=$(printf '%s' "$OUT" | jq -r .token)
NOW=2026-11-30T09:20:00Z
if ! start_server; then
	not_ok "baton serve starts" "$(tail -5 "$T/server.log")"
	exit 1
fi
api GET /api/v1/leads/2 "$TM"
check "the manager is offered assign on its team's lead" 200 '.actions | index("assign") != null' true
api GET /api/v1/leads/2 "$TR"
check "the owner is not" 200 '.actions | index("assign") == null' true
api POST /api/v1/leads/2/events "$TR" '{"type": "assign", "to": "r3", "reason": "too busy"}'
check_error "a rep posting assign is refused" 403 forbidden by
api POST /api/v1/leads/2/events "$TM2" '{"type": "assign", "to": "x1", "reason": "help"}'
check_error "another team's manager does not see the lead" 404 not_found lead
api POST /api/v1/leads/2/events "$TM" '{"type": "assign", "to": "x1", "reason": "help"}'
check_error "nor may the manager give it outside its team" 403 forbidden to
api POST /api/v1/leads/2/events "$TM" '{"type": "assign", "to": "r3"}'
check_error "reason is required" 400 bad_request reason
api POST /api/v1/leads/2/events "$TM" '{"type": "assign", "to": "r3", "reason": "r1 is overloaded", "kind": "call"}'
check_error "a field assign does not take is refused" 422 unprocessable kind
api POST /api/v1/leads/2/events "$TM" '{"type": "assign", "to": "r3", "reason": "r1 is overloaded"}'
check "the manager assigns through the API" 200 .owner r3
stop_server
b --json lead show 2
expect_jq "one assigned event, manual, with its reason" \
	'[.events[] | select(.type == "assigned" and .manual)][-1] | [.at, .by, .owner, .previous_owner, .reason] | join(",")' \
	"2026-11-30T09:20:00Z,m1,r3,r1,r1 is overloaded"
expect_jq "the follow-up moved again, due unchanged" \
	'[.obligations[] | select(.rule == "follow_up")][0] | [.owner, .due] | join(",")' "r3,2026-12-14T09:02:00Z"
