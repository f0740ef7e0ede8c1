#!/bin/sh
# test_advise.sh - the 80/20 advisor (SPEC section 6, docs/advise.md): a lumped team of AEs that
# qualifies its own inbound leads gets each recommendation with the numbers behind it; a
# specialised team with the same work gets none.
. "$(dirname "$0")/lib.sh"

b init
b rep add maria --role manager
for ae in ann abe amy; do b rep add $ae --role ae --manager maria; done
# 250 inbound leads this month: more than one MRR's worth
{
	echo "email,name,source"
	i=1
	while [ $i -le 250 ]; do echo "p$i@corp$i.example,P $i,web_form"; i=$((i + 1)); done
} >"$T/leads.csv"
b lead import "$T/leads.csv"
expect_rc "250 inbound leads imported" 0
# the AEs qualify inbound leads themselves (an unowned lead is claimed by its first touch)
for id in 1 2 3 4 5 6; do
	NOW=2026-11-23T09:3${id}:00Z b touch $id --by ann --kind call --minutes 30
done
b --json lead show 1
expect_jq "the AE's touch claimed the unassigned lead" .owner ann
b --json advise
expect_jq "time per role: the AEs logged 180 minutes" '.rows[] | select(.group == "ae") | .logged_minutes' 180
expect_jq "all of it qualifying inbound leads" '.rows[] | select(.group == "ae") | .inbound_qualification' 1
expect_jq "the AEs' own function is closing" '.rows[] | select(.group == "ae") | "\(.own_function) \(.own_share)"' "closing 0"
expect_jq "time off the function is flagged for the AEs" \
	'.recommendations[] | select(.rule == "time_off_function") | .group' ae
expect_jq "the recommendation gives inbound qualification to MRRs and says to hire one" \
	'.recommendations[] | select(.rule == "time_off_function") | .recommendation' \
	"AEs spend 100% of their time qualifying inbound leads: give inbound_qualification to MRRs (the team has none: hire one)"
expect_jq "with the numbers behind it" '.recommendations[] | select(.rule == "time_off_function") | .evidence' \
	"180 of 180 logged minutes (6 touches) are inbound_qualification; the limit is 20%"
expect_jq "250 inbound leads a month call for an MRR" '.recommendations[] | select(.rule == "inbound_volume") | .recommendation' \
	"hire an MRR to qualify inbound leads: 250 inbound leads a month call for 1 MRR, the team has 0"
expect_jq "three AEs and no SDR: the next hire is an SDR" '.recommendations[] | select(.rule == "team_size") | .evidence' \
	"3 active AEs, 0 SDRs; from 3 AEs on, prospecting is a job of its own"
expect_jq "the inbound volume is in the summary" .inbound_leads_per_month 250
b advise
expect_out "the table names the rule" "time_off_function"
b advise --format csv
expect_out "csv has the rows header" "group,reps,logged_minutes,touches,own_function"
b advise --format xml
expect_rc "an unknown format is bad input" 2

# a specialised team: MRRs qualify inbound, the AEs close; nothing to recommend
export BATON_DB="$T/special.db"
b init
team
for i in 1 2 3 4; do
	b --json lead add --email "s$i@corp.example"
	id=$(printf '%s' "$OUT" | jq -r .id)
	o=$(printf '%s' "$OUT" | jq -r .owner)
	b touch "$id" --by "$o" --kind call --minutes 40
done
b --json advise
expect_jq "a specialised team gets no recommendation" '.recommendations | length' 0
expect_jq "its MRRs spend their time on their own function" '.rows[] | select(.group == "mrr") | .own_share' 1
