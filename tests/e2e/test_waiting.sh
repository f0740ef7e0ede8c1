#!/bin/sh
# test_waiting.sh - SPEC 8.1 and 8.2 with exact times: a lead nobody can take yet has its clock
# from intake, owned by its pool, and is routed at the first instant someone is eligible (hours
# opening, a rep activated, capacity freed); reassignment is limited (max_reassign), then the
# breach escalates and the lead stays; an 11-day clock jump is caught up in bounded work; a
# breached obligation leaves the queue when its work is done (done_at); a playbook that drops a
# rule cancels the open obligations it no longer covers. Built-in playbook: Paris, Mon-Fri
# 09:00-18:00, speed to lead 5 business minutes, on_breach [notify_manager, reassign].
. "$(dirname "$0")/lib.sh"

team3() {
	NOW=2026-11-20T08:00:00Z
	b init
	b rep add m1 --role manager
	b rep add r1 --role mrr --manager m1
	b rep add r2 --role mrr --manager m1
}

# --- a Saturday lead: due Monday 09:05, routed at 09:00 --------------------------------------
export BATON_DB="$T/sat.db"
team3
NOW=2026-11-28T09:00:00Z   # Saturday 10:00 in Paris
b --json lead add --email sat@acme.example --employees 50
expect_jq "Saturday: nobody is in hours, the lead waits" .owner null
b --json sla --open
expect_jq "it has its clock at intake: due Monday 09:05 Paris, owned by its pool" \
	'[.[] | select(.rule == "speed_to_lead")][0] | [.owner, .pool, .due, .status] | map(tostring) | join(",")' \
	"null,mrr,2026-11-30T08:05:00Z,open"
b --json lead list --unassigned
expect_jq "lead list --unassigned shows it" '[.[].email] | join(",")' sat@acme.example
b --json queue --rep m1
expect_jq "the manager's queue shows the waiting lead and what it waits for" \
	'.[0] | [.email, .owed, .breached] | map(tostring) | join(",")' "sat@acme.example,first touch: waiting for a mrr rep,false"
b --json queue --rep r1
expect_jq "a rep's queue does not" length 0
NOW=2026-11-29T20:00:00Z
b --json tick
expect_jq "Sunday evening: nothing to do" length 0
NOW=2026-11-30T08:01:00Z   # Monday 09:01 Paris
b --json tick
expect_jq "the tick routes it at the opening, 09:00, not when it ran" \
	'.[0] | [.type, .rep, .at] | join(",")' "assign,r1,2026-11-30T08:00:00Z"
b --json lead show 1
expect_jq "the assigned event carries that instant" '[.events[] | select(.type == "assigned")][0].at' 2026-11-30T08:00:00Z
expect_jq "the obligation passes to r1 with its due time unchanged" \
	'[.obligations[] | select(.rule == "speed_to_lead")][0] | [.owner, .pool, .due] | map(tostring) | join(",")' \
	"r1,null,2026-11-30T08:05:00Z"

# --- one reassignment, then the escalation; the lead stays put ---------------------------------
NOW=2026-11-30T08:30:00Z
b --json tick
expect_jq "09:05 the breach of r1" '[.[] | select(.type == "breach")][0] | [.rep, .at] | join(",")' "r1,2026-11-30T08:05:00Z"
expect_jq "reassigned once, to r2" '[.[] | select(.type == "reassign")] | map(.rep) | join(",")' r2
expect_jq "09:10 r2's breach escalates to the manager" '[.[] | select(.type == "escalate")] | map([.rep, .at] | join(",")) | join(" ")' "m1,2026-11-30T08:10:00Z"
expect_jq "two breaches and nothing more" '[.[] | select(.type == "breach")] | length' 2
b --json lead show 1
expect_jq "the lead stays with r2" .owner r2
expect_jq "the escalation says why" '[.events[] | select(.type == "escalate")][0].reason | test("max_reassign")' true
expect_jq "the reassignment is counted on its event" '[.events[] | select(.type == "reassigned")][0].reassigns' 1
NOW=2026-11-30T12:00:00Z
b --json tick
expect_jq "hours later: nothing more (no bouncing)" length 0
b --json queue --rep r2
expect_jq "the breached first touch tops r2's queue" '.[0] | [.rule, .breached] | map(tostring) | join(",")' "speed_to_lead,true"
b --json queue --rep r1
expect_jq "and left r1's, who no longer owns the lead" '[.[] | select(.rule == "speed_to_lead")] | length' 0

# --- breached, then done: done_at, out of the queue ------------------------------------------------
NOW=2026-11-30T12:30:00Z
b touch 1 --by r2 --kind call
b --json sla
expect_jq "the breached obligation keeps its status and records done_at" \
	'[.[] | select(.rule == "speed_to_lead" and .owner == "r2")][0] | [.status, .done_at] | join(",")' \
	"breached,2026-11-30T12:30:00Z"
expect_jq "sla rows carry done_at (null when not done)" '[.[] | select(.owner == "r1")][0].done_at' null
b --json queue --rep r2
expect_jq "the done work leaves r2's queue" '[.[] | select(.rule == "speed_to_lead")] | length' 0

# --- nobody at the due time: a breach, the pool's managers told, then the instant a rep is back --
export BATON_DB="$T/nobody.db"
team3
b rep set r1 --active false
b rep set r2 --active false
NOW=2026-11-23T09:00:00Z   # Monday 10:00 Paris
b --json lead add --email wait@acme.example
expect_jq "every rep inactive: the lead waits" .owner null
NOW=2026-11-23T09:07:00Z
b --json tick
expect_jq "still nobody at 10:05: a breach of the pool" '.[0] | [.type, .at] | join(",")' "breach,2026-11-23T09:05:00Z"
expect_jq "the pool's manager is told" '[.[] | select(.type == "notify")][0].rep' m1
b --json lead show 1
expect_jq "the lead stays waiting" .owner null
expect_jq "the breach names the pool" '[.events[] | select(.type == "breach")][0].pool' mrr
b --json queue --rep m1
expect_jq "breached, it tops the manager's queue" '.[0] | [.email, .breached] | map(tostring) | join(",")' "wait@acme.example,true"
NOW=2026-11-23T09:20:00Z
b rep set r2 --active true
b --json lead show 1
expect_jq "r2 back: routed at that instant" '[.owner, ([.events[] | select(.type == "assigned")][0].at)] | join(",")' "r2,2026-11-23T09:20:00Z"
b --json queue --rep r2
expect_jq "with the breached obligation on top of r2's queue" '.[0] | [.rule, .breached] | map(tostring) | join(",")' "speed_to_lead,true"

# --- capacity frees: the waiting lead goes at that instant -----------------------------------------
export BATON_DB="$T/capacity.db"
NOW=2026-11-20T08:00:00Z
b init
b rep add m1 --role manager
b rep add solo --role mrr --manager m1 --capacity 1
NOW=2026-11-23T09:00:00Z
b lead add --email one@acme.example
b --json lead add --email two@acme.example
expect_jq "solo is full: the second lead waits" .owner null
NOW=2026-11-23T09:02:00Z
b touch 1 --by solo --kind call
NOW=2026-11-23T09:03:00Z
b disqualify 1 --by solo --reason "not a buyer"
expect_rc "disqualify" 0
b --json lead show 2
expect_jq "the disqualification frees capacity: the waiting lead goes to solo at 10:03" \
	'[.owner, ([.events[] | select(.type == "assigned")][0].at)] | join(",")' "solo,2026-11-23T09:03:00Z"
expect_jq "its clock kept its due time" '[.obligations[] | select(.rule == "speed_to_lead")][0].due' 2026-11-23T09:05:00Z

# --- 100 untouched leads and an 11-day clock jump: bounded catch-up ---------------------------------
export BATON_DB="$T/jump.db"
team3
{
	echo "email,employees"
	i=1
	while [ $i -le 100 ]; do echo "lead$i@jump$i.example,50"; i=$((i + 1)); done
} >"$T/jump.csv"
NOW=2026-11-23T09:00:00Z
b --json lead import "$T/jump.csv"
expect_jq "100 leads in" .imported 100
NOW=2026-12-04T09:00:00Z   # 11 days later
b --json tick
printf '%s' "$OUT" | jq -c 'group_by(.type) | map({(.[0].type): length}) | add' >"$T/jump.counts"
if [ "$(cat "$T/jump.counts")" = '{"breach":200,"escalate":100,"notify":200,"reassign":100}' ]; then
	ok "an 11-day jump: each lead breaches twice, is reassigned once and escalated once (600 actions)"
else
	not_ok "bounded catch-up" "got $(cat "$T/jump.counts")"
fi
b --json tick
expect_jq "and a second tick finds nothing" length 0
b --json sla --open
expect_jq "no obligation is left open to bounce" length 100
expect_jq "only the follow-ups" '[.[] | select(.rule != "follow_up")] | length' 0

# --- a playbook that drops a rule cancels its open obligations ---------------------------------------
export BATON_DB="$T/drop.db"
team3
NOW=2026-11-23T09:00:00Z
b lead add --email drop@acme.example
b playbook show
printf '%s\n' "$OUT" | awk '/^  speed_to_lead:/ {skip=1; next} skip && /^  [a-z]/ {skip=0} !skip' >"$T/nospeed.yaml"
if grep -q speed_to_lead "$T/nospeed.yaml"; then not_ok "the test's playbook still has speed_to_lead"; fi
NOW=2026-11-23T09:01:00Z
b --json playbook apply "$T/nospeed.yaml"
expect_rc "apply a playbook without speed_to_lead" 0
b --json sla
expect_jq "the speed-to-lead obligation is cancelled" '[.[] | select(.rule == "speed_to_lead")][0].status' cancelled
b --json lead show 1
expect_jq "with an event naming the playbook version" \
	'[.events[] | select(.type == "obligation_cancelled")][0] | [.rule, .playbook_version] | map(tostring) | join(",")' \
	"speed_to_lead,2"
NOW=2026-11-23T10:00:00Z
b --json tick
expect_jq "and nothing breaches" '[.[] | select(.type == "breach")] | length' 0
