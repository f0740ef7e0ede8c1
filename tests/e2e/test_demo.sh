#!/bin/sh
# test_demo.sh - `baton demo`: a small demo store (300 leads, seed 7, a fixed clock) holds every
# role, leads in many stages, breaches, reassignments and a tune-out alert; the same seed and
# clock give the same events; a second demo on the same store is refused and changes nothing.
. "$(dirname "$0")/lib.sh"

NOW=2026-11-23T06:30:00Z # Monday 07:30 in Paris: the weekend's inquiries wait for the office

b demo --leads 0
expect_rc "--leads 0 is bad input" 2

b --json demo --leads 300 --seed 7
expect_rc "demo builds a store" 0
expect_jq "the summary counts the inquiries" .arrivals 300
expect_jq "the summary has two teams" .teams 2
SUMMARY=$OUT

b --json playbook show
expect_jq "the na team works in New York (SPEC 8.4)" '.teams.na.timezone' America/New_York
b --json rep list
expect_jq "every role is present" '[.[].role] | unique | join(",")' "ae,csm,manager,mrr,sdr"
expect_jq "reps belong to the emea and na teams" '[.[].team | select(. != null)] | unique | join(",")' "emea,na"
expect_jq "SDRs and AEs work in pods" '[.[] | select(.role == "sdr" or .role == "ae") | .pod != null] | all' true

b --json account list
expect_jq "target accounts are on the outbound list with an SDR" '[.[] | select(.target) | .sdr != null] | all' true
expect_jq "some accounts are customers with an owner" '[.[] | select(.target | not) | select(.owner != null)] | length > 0' true

b --json lead list
for stage in filtered mql working won live nurture disqualified lost; do
	expect_jq "some leads are $stage" "[.[] | select(.stage == \"$stage\")] | length > 0" true
done
expect_jq "some leads are in handoff or sql (open pipeline)" '[.[] | select(.stage == "handoff" or .stage == "sql")] | length > 0' true
expect_jq "leads come from inbound and outbound sources" '[.[].source] | unique | length >= 5' true
expect_jq "the summary's leads are the stored leads" length "$(printf '%s' "$SUMMARY" | jq -r .leads)"

b export events --format json
cp "$T/out" "$T/events1"
expect_jq "the summary's events are the stored events" length "$(printf '%s' "$SUMMARY" | jq -r .events)"
expect_jq "speed-to-lead breaches happened" '[.[] | select(.type == "breach" and .rule == "speed_to_lead")] | length > 0' true
expect_jq "breached leads were reassigned" '[.[] | select(.type == "reassigned")] | length > 0' true
expect_jq "an AE tuned a source out" '[.[] | select(.type == "tune_out")] | length > 0' true
# the customers (SPEC 8.12): contracts of several terms, renewed by their CSM before the date
expect_jq "deals are won on several terms" '[.[] | select(.type == "won") | .term_months] | unique | length >= 3' true
expect_jq "a CSM renewed a contract" '[.[] | select(.type == "renewed" and .actor != "system")] | length > 0' true
expect_jq "the summary's renewals are the stored ones" '[.[] | select(.type == "renewed")] | length' \
	"$(printf '%s' "$SUMMARY" | jq -r .renewed)"
# SPEC 8.1-8.5 in the demo: two zones, an absence, a manager's hand, the capped reassignment
expect_jq "an MRR's week away is entered and starts" '[.[] | select(.type == "absence_added" or .type == "absence") | .type] | unique | join(",")' "absence,absence_added"
expect_jq "a manager gave a lead by hand, with a reason" '[.[] | select(.type == "assigned" and .manual == true)][0] | (.reason != null and .previous_owner != null)' true
expect_jq "an untouched lead is escalated, never bounced (SPEC 8.2)" '[.[] | select(.type == "escalate")] | length > 0' true
expect_jq "a lead that came when nobody could take it was routed later, when someone could (SPEC 8.1)" \
	'[.[] | select(.lead != null)] | group_by(.lead) | map(select((map(select(.type == "created"))[0].at) < (map(select(.type == "assigned"))[0].at // ""))) | length > 0' true
expect_jq "meetings were held, moved and missed" \
	'[.[] | select(.type == "meeting_held" or .type == "meeting_rescheduled" or .type == "meeting_no_show") | .type] | unique | length' 3
expect_jq "emails carry A/B variants" '[.[] | select(.type == "touch") | .variant | select(. != null)] | unique | join(",")' "A,B"
expect_jq "the history ends at --now" '[.[].at] | max <= "2026-11-23T06:30:00Z"' true
expect_jq "the history starts a year and 13 weeks before" '[.[].at] | min >= "2025-08-23T00:00:00Z"' true
expect_jq "customers were won in the year before the quarter, on several terms" \
	'[.[] | select(.type == "won" and .at < "2026-08-23T00:00:00Z") | .term_months] | [length >= 12, (unique | length) >= 3] | all' true
expect_jq "the year's customers renewed and churned before the quarter" \
	'[.[] | select(.at < "2026-08-23T00:00:00Z") | .type] | [index("renewed") != null, index("churned") != null] | all' true

b --json sla --open
expect_jq "today shows open work" 'length > 0' true

b --db "$T/two.db" demo --leads 300 --seed 7
expect_rc "a second store with the same seed" 0
b --db "$T/two.db" export events --format json
if cmp -s "$T/events1" "$T/out"; then ok "the same seed and clock give the same events"; else
	not_ok "the same seed and clock give the same events" "$(diff "$T/events1" "$T/out" | head -5)"
fi
b --db "$T/three.db" demo --leads 300 --seed 8
b --db "$T/three.db" export events --format json
if cmp -s "$T/events1" "$T/out"; then not_ok "another seed gives another history"; else ok "another seed gives another history"; fi

snapshot "$T/before"
b demo --leads 300 --seed 7
expect_rc "a second demo on the same store is refused" 4
expect_err "the refusal names the store" "already a baton store"
expect_unchanged "the refused demo changed nothing" "$T/before"
