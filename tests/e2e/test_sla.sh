#!/bin/sh
# test_sla.sh - the timers of SPEC section 4 with exact due times, walked with --now:
# speed to lead in business time across a weekend (5m after Friday 17:58 Paris is Monday
# 09:03), the breach and reassignment at the due time (the new owner's obligation runs from
# it), manager notification, idempotent tick, outcomes independent of how often tick runs,
# handoff response (24h of business time = 2 days 6 hours), notes review, follow-up by grade.
. "$(dirname "$0")/lib.sh"

setup() {
	b init
	b rep add maria --role manager
	b rep add r1 --role mrr --manager maria
	b rep add r2 --role mrr --manager maria
	b rep add erin --role ae --manager maria
}
setup

NOW=2026-11-27T16:58:00Z   # Friday 17:58 in Paris
b --json lead add --email fri@late.example
expect_jq "Friday 17:58: r1 is still in hours" .owner r1
b --json sla --open
expect_jq "speed to lead is due Monday 09:03 Paris (5 business minutes)" '[.[] | select(.rule == "speed_to_lead")][0].due' 2026-11-30T08:03:00Z
expect_jq "the sla JSON has the spec's keys" '.[0] | [has("id","rule","lead","owner","due","status")] | all' true
expect_jq "follow-up opened for the graded lead" '[.[] | select(.rule == "follow_up")] | length' 1

NOW=2026-11-30T08:02:00Z
b --json tick
expect_jq "nothing due a minute before" 'length' 0
NOW=2026-11-30T08:04:00Z
b --json tick
expect_rc "tick" 0
expect_jq "a breach at 09:03" '[.[] | select(.type == "breach")][0] | [.rule, .rep, .at] | join(",")' "speed_to_lead,r1,2026-11-30T08:03:00Z"
expect_jq "reassigned to the next rep of the rotation" '[.[] | select(.type == "reassign")][0].rep' r2
expect_jq "the manager is told" '[.[] | select(.type == "notify")][0].rep' maria
b --json tick
expect_jq "a second tick at the same time does nothing" 'length' 0
b --json lead show 1
expect_jq "the lead now belongs to r2" .owner r2
expect_jq "the new owner's obligation runs from 09:03: due 09:08" '[.obligations[] | select(.rule == "speed_to_lead")][0].due' 2026-11-30T08:08:00Z
expect_jq "the breach is an event at the due time" '[.events[] | select(.type == "breach")][0].at' 2026-11-30T08:03:00Z

NOW=2026-11-30T08:06:00Z
b --json touch 1 --by r2 --kind call
b --json sla --rep r2
expect_jq "r2's first touch meets its obligation" '[.[] | select(.rule == "speed_to_lead")][0].status' met

# the outcome does not depend on how often tick runs
run_scenario() {
	export BATON_DB="$T/$1.db"
	setup >/dev/null
	NOW=2026-11-30T08:00:00Z
	b lead add --email once@x.example
	if [ "$1" = often ]; then
		for m in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do NOW=2026-11-30T08:$m:30Z; b tick; done
	fi
	NOW=2026-11-30T08:20:30Z
	b tick
	b --json sla
	printf '%s' "$OUT" | jq -c '[.[] | {rule, owner, due, status}]' >"$T/$1.sla"
	b --json export events
	printf '%s' "$OUT" | jq -c '[.[] | select(.lead == 1) | {at, type, owner}]' >"$T/$1.events"
}
run_scenario often
run_scenario once
if cmp -s "$T/often.sla" "$T/once.sla" && cmp -s "$T/often.events" "$T/once.events"; then
	ok "ticking every minute and ticking once give the same obligations and events"
else
	not_ok "tick frequency changes the outcome" "$(diff "$T/often.sla" "$T/once.sla" | head -4)" "$(diff "$T/often.events" "$T/once.events" | head -4)"
fi
n=$(jq '[.[] | select(.status == "breached")] | length' "$T/once.sla")
# SPEC 8.2: one reassignment (max_reassign 1), then the second breach escalates and the lead stays
if [ "$n" -eq 2 ]; then ok "a late tick processes the breaches that came due meanwhile (2 by 08:20: one reassignment, then the escalation)"; else not_ok "cascade of breaches" "got $n"; fi

# handoff response: 24h of business time with a 9-hour day is 2 days and 6 hours
export BATON_DB="$T/handoff.db"
setup
NOW=2026-11-23T08:00:00Z   # Monday 09:00 Paris
b --json lead add --email h@h.example
b touch 1 --by r1 --kind call
b qualify 1 --by r1 --set budget=yes authority=influencer need=x timeline=later
b handoff 1 --by r1 --to erin --meeting 2026-11-24T13:00:00Z --minutes 30 \
	--note direct_phone=1 mobile_phone=2 summary=3 company_changes=4 current_systems=5
b --json sla --open --rep erin
expect_jq "handoff response due Wednesday 15:00 Paris" '[.[] | select(.rule == "handoff_response")][0].due' 2026-11-25T14:00:00Z
expect_jq "notes review due at the meeting's start" '[.[] | select(.rule == "notes_review")][0].due' 2026-11-24T13:00:00Z
NOW=2026-11-24T13:00:30Z
b --json tick
expect_jq "notes not reviewed before the meeting: flagged" '[.[] | select(.type == "flag")][0].rule' notes_review
NOW=2026-11-25T14:01:00Z
b --json tick
expect_jq "no answer by the deadline: escalated to the manager" '[.[] | select(.type == "escalate")][0] | [.rule, .rep] | join(",")' "handoff_response,maria"
b --json accept 1 --by erin
b --json sla --rep erin
expect_jq "a late accept leaves the obligation breached" '[.[] | select(.rule == "handoff_response")][0].status' breached

# follow-up by grade: a B lead needs 4 touches within 14 days
export BATON_DB="$T/follow.db"
setup
NOW=2026-11-23T08:00:00Z
b --json lead add --email cto@f.example --title CTO --employees 300
expect_jq "rules score 0.25 is grade B" .grade B
b --json sla --open
expect_jq "follow-up needs 4 touches" '[.[] | select(.rule == "follow_up")][0].progress' 0/4
expect_jq "within 14 days of becoming mql" '[.[] | select(.rule == "follow_up")][0].due' 2026-12-07T08:00:00Z
for i in 1 2 3 4; do b touch 1 --by r1 --kind email; done
b --json sla
expect_jq "the fourth touch meets the follow-up" '[.[] | select(.rule == "follow_up")][0].status' met
b --json lead add --email ceo@f2.example --title CEO --employees 1500 --source referral
expect_jq "rules score 0.33 is grade A" .grade A
b --json sla --open
expect_jq "an A lead needs 6 touches within 10 days" '[.[] | select(.rule == "follow_up" and .lead == 2)][0] | [.progress, .due] | join(",")' "0/6,2026-12-03T08:00:00Z"
b nurture 2 --by r2 --until 2027-01-04
expect_rc "nurture from mql is refused: the lead must be worked first" 4
b touch 2 --by r2 --kind call
b --json nurture 2 --by r2 --until 2027-01-04
b --json sla --open
expect_jq "nurture makes the follow-up moot and sets the recycle timer" '[.[] | select(.lead == 2) | .rule] | join(",")' recycle
NOW=2027-01-04T08:01:00Z   # Monday 09:01 Paris: the new window (09:00-09:05) still runs
b --json tick
expect_jq "tick recycles the nurtured lead" '[.[] | select(.type == "recycle")][0].lead' 2
b --json lead show 2
expect_jq "back to mql" .stage mql
expect_jq "back to the rep who nurtured it" .owner r2
expect_jq "with a new speed-to-lead obligation" '[.obligations[] | select(.rule == "speed_to_lead")] | length' 1

# the work list: breached first, then by due time, then grade; each line in words
export BATON_DB="$T/queue.db"
setup
NOW=2026-11-23T08:00:00Z
b lead add --email first@q.example --title Analyst           # r1, grade C, due 09:05
b lead add --email second@q.example                           # r2
NOW=2026-11-23T08:01:00Z
b lead add --email third@q.example --title CEO --employees 2000 --source referral   # r1, grade A, due 09:06
NOW=2026-11-23T08:02:00Z
b --json queue --rep r1
expect_jq "r1 owes two first touches, earliest due first" '[.[] | select(.rule == "speed_to_lead") | .email] | join(",")' "first@q.example,third@q.example"
expect_jq "each item says what is owed" '.[0].owed' "first touch"
expect_jq "and by when" '.[0].due' 2026-11-23T08:05:00Z
b queue --rep r1
expect_out "the table says it in words" "first touch for first@q.example"
NOW=2026-11-23T08:10:00Z
b tick
b --json queue --rep r2
# 09:05 first@ (r1) and second@ (r2) breach and swap owners, 09:06 third@ goes to r2, 09:10 the
# reassigned two breach again: escalated, they stay (SPEC 8.2) and top their owners' queues
expect_jq "after the breaches r2 holds first@ (reassigned, breached again) first, then third@" '[.[] | select(.rule == "speed_to_lead") | [.breached, .email] | map(tostring) | join(",")] | join(" ")' "true,first@q.example false,third@q.example"
b queue
expect_rc "queue needs --rep" 1
b queue --rep nobody
expect_rc "queue of an unknown rep is not found" 3
# an SDR's working lead that owes nothing now: not in what it owes, listed with --working (issue 16)
b rep add sam --role sdr --manager maria
b account add Acme --domain acme.example --sdr sam --target
b --json lead add --email ann@acme.example --channel outbound
ANN=$(printf '%s' "$OUT" | jq -r .id)
b touch "$ANN" --by sam --kind call
b --json queue --rep sam
expect_jq "the SDR owes nothing: its queue is empty" length 0
b --json queue --rep sam --working
expect_jq "queue --working lists its working lead as a line of kind working" \
	'[.[] | [.kind, .lead, .stage, .due, .breached] | map(tostring) | join(",")] | join(" ")' "working,$ANN,working,null,false"
b queue --rep sam --working
expect_out "the table says nothing is owed" "nothing owed"
expect_out "then the working leads" "working  ann@acme.example (lead $ANN, grade -): Working, last change"
b --json queue --rep r2 --working
expect_jq "a lead that owes something is listed once, as what it owes" '[.[] | select(.kind == "working")] | length' 0

# regressions from review: outcomes never depend on how often tick runs
# (a) a late touch does not beat a breach that was due before it
late_touch() {
	export BATON_DB="$T/late_$1.db"
	setup >/dev/null
	NOW=2026-11-23T08:00:00Z
	b lead add --email late@x.example
	if [ "$1" = often ]; then NOW=2026-11-23T08:06:00Z; b tick; fi
	NOW=2026-11-23T08:07:00Z
	b touch 1 --by r1 --kind call
	NOW=2026-11-23T08:08:00Z
	b tick
	b --json lead show 1
	printf '%s' "$OUT" | jq -c '{owner, stage}'
}
a=$(late_touch often); o=$(late_touch once)
if [ "$a" = "$o" ] && [ "$a" = '{"owner":"r2","stage":"mql"}' ]; then ok "a touch after the deadline finds the lead already reassigned, with or without a tick"; else not_ok "late touch" "often $a once $o"; fi
# (b) the rotation as it stood at the due time
cursor_case() {
	export BATON_DB="$T/cur_$1.db"
	setup >/dev/null
	b rep add r3 --role mrr --manager maria
	NOW=2026-11-23T08:00:00Z
	b lead add --email l1@x.example
	if [ "$1" = often ]; then NOW=2026-11-23T08:06:00Z; b tick; fi
	NOW=2026-11-23T08:07:00Z
	b lead add --email l2@x.example
	b --json lead list
	printf '%s' "$OUT" | jq -c '[.[] | .owner]'
}
a=$(cursor_case often); o=$(cursor_case once)
if [ "$a" = "$o" ]; then ok "the rotation is the same whether tick ran before the next lead or not ($a)"; else not_ok "rotation depends on tick" "often $a once $o"; fi
# (c) a deadline exactly at closing time: the rotation is asked at the next opening
export BATON_DB="$T/closing.db"
setup >/dev/null
NOW=2026-11-23T16:55:00Z   # 17:55 Paris: due exactly 18:00
b lead add --email close@x.example
NOW=2026-11-24T08:00:30Z
b --json tick
expect_jq "a breach due at closing still reassigns, when the office opens" '[.[] | select(.type == "reassign")][0].rep' r2
b --json sla --open
expect_jq "and the new owner's five minutes run from the opening" '[.[] | select(.rule == "speed_to_lead")][0].due' 2026-11-24T08:05:00Z
