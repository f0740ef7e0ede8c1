#!/bin/sh
# test_meetings.sh - meetings, credit and tasks (SPEC section 4): booking only into the AE's
# free time with the next free slots on a clash, held/no-show/reschedule/cancel with the
# initiator and the notice, seller's late cancel keeps the SDR's credit, the no-show attempts
# then the task passing to the SDR, tasks only for the playbook's role, tune-out after 3
# rejections from one source, and `report credit` in the spec's shape.
. "$(dirname "$0")/lib.sh"

b init
b rep add maria --role manager
b rep add sam --role sdr --manager maria --pod p1
b rep add erin --role ae --manager maria --pod p1
b rep add eric --role ae --manager maria

NOW=2026-11-23T08:00:00Z   # Monday 09:00 Paris
NOTES="--note direct_phone=1 mobile_phone=2 summary=3 company_changes=4 current_systems=5"
# to_handoff EMAIL MEETING [MINUTES]: an outbound lead of sam's handed to erin; LID is its id
to_handoff() {
	b --json lead add --email "$1" --channel outbound --source target_list
	LID=$(printf '%s' "$OUT" | jq -r .id)
	b touch "$LID" --by sam --kind call
	b qualify "$LID" --by sam --set budget=yes authority=decision_maker need=x timeline=later
	b --json handoff "$LID" --by sam --to erin --meeting "$2" --minutes "${3:-30}" $NOTES
}

to_handoff one@a.example 2026-11-24T09:00:00Z
expect_rc "a meeting inside erin's working hours is booked" 0
b --json lead show "$LID"
MID=$(printf '%s' "$OUT" | jq -r '.meetings[0].id')
expect_jq "the meeting is booked by sam with erin" '.meetings[0] | [.ae, .booked_by, .status] | join(",")' "erin,sam,booked"

to_handoff two@a.example 2026-11-24T09:15:00Z
expect_rc "a clash with erin's meeting is refused" 4
expect_err "the refusal says what is in the way" "another meeting of the AE"
expect_err "and offers the next free slots" "next free: 2026-11-24 10:30"
b handoff "$LID" --by sam --to erin --meeting 2026-11-28T10:00:00Z $NOTES
expect_rc "a Saturday meeting is outside working hours" 4
b --json handoff "$LID" --by sam --to erin --meeting 2026-11-24T10:30:00Z $NOTES
expect_rc "the next free slot books" 0
LID2=$LID

b meeting held "$MID" --by erin
expect_rc "a meeting cannot be held before it starts" 4
NOW=2026-11-24T09:31:00Z
b meeting held "$MID" --by sam
expect_rc "only the AE marks it held" 4
b --json meeting held "$MID" --by erin
expect_jq "held" .status held
b --json accept 1 --by erin
NOW=2026-12-01T10:00:00Z
b --json close 1 won --by erin --amount 18000
b --json report credit
expect_jq "report credit has the spec's shape" '.report' credit
expect_jq "sam: a held meeting and an accepted SQL" '.rows[] | select(.rep == "sam") | [.role, .meeting_held, .sql_accepted, .seller_late_cancel] | map(tostring) | join(",")' "sdr,1,1,0"
expect_jq "erin: the won amount" '.rows[] | select(.rep == "erin") | .won_amount' 18000
expect_jq "marketing: no credit for an outbound lead (never an MQL)" '.rows[] | select(.rep == "marketing") | .mql_to_sql' 0

# the seller moves lead 2's meeting (Tue 10:30) with less than 2 days' notice
NOW=2026-11-23T15:00:00Z
b --json lead show "$LID2"
M2=$(printf '%s' "$OUT" | jq -r '.meetings[0].id')
b meeting reschedule "$M2" --by erin
expect_rc "reschedule needs --initiator" 1
b --json meeting reschedule "$M2" --by erin --initiator seller --at 2026-11-26T13:00:00Z
expect_rc "the seller reschedules into free time" 0
expect_jq "the new meeting carries the next sequence" '.start' 2026-11-26T13:00:00Z
b --json report credit
expect_jq "a seller's late move keeps sam's credit" '.rows[] | select(.rep == "sam") | .seller_late_cancel' 1
b --json lead show "$LID2"
expect_jq "the old meeting is rescheduled, the new one booked" '[.meetings[] | .status] | join(",")' "rescheduled,booked"
expect_jq "the notice is recorded" '[.events[] | select(.type == "meeting_rescheduled")][0] | [.initiator, .notice_minutes, .late] | map(tostring) | join(",")' "seller,1170,true"
M3=$(printf '%s' "$OUT" | jq -r '.meetings[1].id')
b --json sla --open --rep erin
expect_jq "the notes review follows the meeting" '[.[] | select(.rule == "notes_review" and .lead == '"$LID2"')][0].due' 2026-11-26T13:00:00Z

b --json meeting cancel "$M3" --by sam --initiator prospect
expect_jq "a prospect's cancel" .status cancelled
b --json task list --rep erin
expect_jq "the rebooking task goes to the AE (the playbook's role)" '[.[] | select(.kind == "reschedule_prospect_initiated")] | length' 1
TID=$(printf '%s' "$OUT" | jq -r '.[0].id')
b task done "$TID" --by sam
expect_rc "only the holder or a manager closes a task" 4
b --json task done "$TID" --by erin
expect_jq "the AE closes it" .status done
b task add "$LID2" --kind reschedule_seller_initiated --to sam --by maria
expect_rc "a task the playbook gives to the AE cannot go to an SDR" 4
expect_err "the refusal names the role" "gives reschedule_seller_initiated to the ae"
b --json task add "$LID2" --kind reschedule_no_show --to sam --by maria
expect_rc "a task of the SDR's role goes to the SDR" 0

# no-show: erin owns 2 attempts within 15 minutes of the start, then the task passes to sam
NOW=2026-11-23T16:00:00Z
to_handoff three@a.example 2026-11-25T09:00:00Z
L3=$LID
b --json lead show "$L3"
M4=$(printf '%s' "$OUT" | jq -r '.meetings[0].id')
NOW=2026-11-25T09:05:00Z
b --json meeting no-show "$M4" --by erin
expect_jq "no-show" .status no_show
b --json sla --open --rep erin
expect_jq "the no-show obligation is due 15 minutes after the start" '[.[] | select(.rule == "no_show")][0] | [.due, .progress] | join(",")' "2026-11-25T09:15:00Z,0/2"
b touch "$L3" --by erin --kind call
NOW=2026-11-25T09:20:00Z
b --json tick
expect_jq "one attempt of two: breached at 09:15" '[.[] | select(.type == "breach" and .rule == "no_show")][0].at' 2026-11-25T09:15:00Z
expect_jq "the task passes to sam" '[.[] | select(.type == "task")][0].rep' sam
b --json task list --rep sam
expect_jq "sam holds reschedule_no_show" '[.[] | select(.kind == "reschedule_no_show")] | length' 2

# tune-out: erin rejects 3 handoffs in a row from target_list
for n in 4 5 6; do
	NOW=2026-11-26T08:0$n:00Z
	b lead add --email "t$n@t.example" --channel outbound --source target_list
	b --json lead list --source target_list
	L=$(printf '%s' "$OUT" | jq -r '.[-1].id')
	b touch "$L" --by sam --kind call
	b qualify "$L" --by sam --set budget=yes authority=decision_maker need=x timeline=later
	b handoff "$L" --by sam --to erin $NOTES
	b reject "$L" --by erin --reason not_qualified
done
b --json export events
expect_jq "the third rejection in a row raises a tune-out alert" '[.[] | select(.type == "tune_out")][0] | [.ae, .source, .rejections] | map(tostring) | join(",")' "erin,target_list,3"

# regressions from review
b rep add marketing --role mrr
expect_rc "the name marketing is reserved for marketing's credit" 2
b report credit --from 2026-12-01 --to 2026-11-01
expect_rc "a period that ends before it starts is bad input" 2

export BATON_DB="$T/farm.db"
b init >/dev/null
b rep add sam --role sdr
b rep add erin --role ae
NOW=2026-11-23T08:00:00Z
to_handoff farm@a.example 2026-11-24T09:00:00Z
b --json lead show "$LID"
MF=$(printf '%s' "$OUT" | jq -r '.meetings[0].id')
b meeting reschedule "$MF" --by sam --initiator seller --at 2026-11-24T13:00:00Z
expect_rc "the booking SDR cannot call itself the seller" 4
b --json meeting reschedule "$MF" --by erin --initiator seller --at 2026-11-24T13:00:00Z
MF2=$(printf '%s' "$OUT" | jq -r .id)
b --json meeting reschedule "$MF2" --by erin --initiator seller --at 2026-11-24T15:00:00Z
MF3=$(printf '%s' "$OUT" | jq -r .id)
NOW=2026-11-24T15:10:00Z
b meeting cancel "$MF3" --by erin --initiator seller
expect_rc "a meeting that has started cannot be moved or cancelled" 4
b --json meeting held "$MF3" --by erin
b --json report credit
expect_jq "one meeting credit per lead, however many late moves and a held meeting" '.rows[] | select(.rep == "sam") | [.seller_late_cancel, .meeting_held] | map(tostring) | join(",")' "1,0"

# the AE's attempts made before it marks the no-show count
to_handoff early@a.example 2026-11-26T09:00:00Z
b --json lead show "$LID"
ME=$(printf '%s' "$OUT" | jq -r '.meetings[0].id')
NOW=2026-11-26T09:03:00Z
b touch "$LID" --by erin --kind call
b touch "$LID" --by erin --kind email
NOW=2026-11-26T09:10:00Z
b meeting no-show "$ME" --by erin
b --json sla --open --rep erin
expect_jq "two attempts since the start already meet the no-show rule" '[.[] | select(.rule == "no_show")] | length' 0
b close "$LID" lost --by erin --reason "went dark"
expect_rc "lost from handoff is not in the lifecycle" 4
