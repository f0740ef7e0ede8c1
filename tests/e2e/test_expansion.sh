#!/bin/sh
# test_expansion.sh - expansion and the CSM's credit (SPEC 8.12): ada, a live customer, is
# expanded by her CSM to an AE as a handoff (the required notes asked, the AE accepts), the
# upsell is won and her annual value grows; another upsell is rejected. The CSM is credited for
# the renewal and the sourced expansion; `report customers`' net revenue retention and
# `report credit` are recomputed from `export events` with jq.
. "$(dirname "$0")/lib.sh"

b init
team
b playbook show
printf '%s\n' "$OUT" | sed 's/^  ae:        \[won_amount\]$/  ae:        [won_amount]\n  csm:       [renewal, expansion_sourced]/' >"$T/pb.yaml"
b playbook apply "$T/pb.yaml"
expect_rc "a playbook with CSM credit applies" 0
b --json playbook show
expect_jq "credit.csm reads back" '.credit.csm | join(",")' "renewal,expansion_sourced"

# expect_eq NAME GOT WANT: GOT equals WANT
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected [$3] got [$2]"; fi
}

NOW=2026-01-05T09:00:00Z
lead_in_handoff ada@acme.example erin
ADA=$HANDOFF_LEAD
b accept "$ADA" --by erin
NOW=2026-01-31T14:00:00Z
b close "$ADA" won --by erin --amount 12000
NOW=2026-02-02T09:00:00Z
b --json live "$ADA" --by erin
expect_jq "ada is live, her CSM's" .owner chloe

NOW=2026-03-02T09:00:00Z
b expand "$ADA" --by chloe --amount 3000 --note summary=seats
expect_rc "expand without --to is a usage error" 1
b expand "$ADA" --by chloe --to eric --note summary=seats
expect_rc "expand without --amount is a usage error" 1
b expand "$ADA" --by chloe --to eric --amount 3000
expect_rc "expand without a note is a usage error" 1
b expand "$ADA" --by erin --to eric --amount 3000 --note summary=seats
expect_rc "only the customer's owner (or a manager) expands it" 4
b expand "$ADA" --by chloe --to chloe --amount 3000 --note summary=seats
expect_rc "an expansion goes to an AE" 4
b --json expand "$ADA" --by chloe --to eric --amount 3000 --note summary="20 more seats"
expect_rc "expand" 0
OPP=$(printf '%s' "$OUT" | jq -r .id)
expect_jq "a new opportunity linked to the customer" '[.parent, .stage, .owner, .source, .amount] | map(tostring) | join(",")' "$ADA,handoff,eric,expansion,3000"
expect_jq "its note is the expansion's, the customer's others go with it" '[.notes.summary, .notes.direct_phone] | join(",")' "20 more seats,1"
expect_jq "the customer's qualification goes with it" .qualification.budget yes
b --json lead show "$ADA"
expect_jq "the customer records the expansion" "[.events[] | select(.type == \"expansion\")][0] | [.opportunity, .ae, .amount_cents] | map(tostring) | join(\",\")" "$OPP,eric,300000"
expect_jq "its value is unchanged until won" .amount 12000
b --json sla --open
expect_jq "the AE owes the handoff response" "[.[] | select(.lead == $OPP)] | map(.rule + \":\" + .owner) | join(\",\")" "handoff_response:eric"
b live "$OPP" --by eric
expect_rc "an expansion is not taken live" 4

NOW=2026-03-02T10:00:00Z
b accept "$OPP" --by eric
expect_rc "the AE accepts" 0
NOW=2026-03-20T10:00:00Z
b --json close "$OPP" won --by eric --amount 4000
expect_rc "the expansion is won" 0
expect_jq "the expansion has no contract of its own" '[.stage, (.renews_at // "none")] | join(",")' "won,none"
b --json lead show "$ADA"
expect_jq "the customer's annual value grows by the won amount" .amount 16000
expect_jq "an expanded event records it" "[.events[] | select(.type == \"expanded\")][0] | [.opportunity, .amount_cents, .previous_cents, .value_cents] | map(tostring) | join(\",\")" "$OPP,400000,1200000,1600000"
b --json sla --open
expect_jq "no onboarding or lapse for an expansion" "[.[] | select(.lead == $OPP)] | length" 0

# a second upsell, rejected by the AE: the customer's value stays
NOW=2026-04-01T09:00:00Z
b --json expand "$ADA" --by chloe --to erin --amount 1000 --note summary=training
OPP2=$(printf '%s' "$OUT" | jq -r .id)
expect_jq "a second expansion gets an address of its own" .email "ada+expansion2@acme.example"
b reject "$OPP2" --by erin --reason bad_timing
expect_rc "the AE rejects it" 0

NOW=2026-11-10T10:00:00Z
b --json renew "$ADA" --by chloe
expect_rc "the customer renews" 0
expect_jq "at the grown value" .amount 16000

b --json export events
printf '%s' "$OUT" >"$T/events.json"
b --json report credit
CSM=$(printf '%s' "$OUT" | jq -c '.rows[] | select(.rep == "chloe")')
expect_eq "the CSM is credited one renewal" "$(printf '%s' "$CSM" | jq .renewal)" \
	"$(jq '[.[] | select(.type == "renewed")] | length' "$T/events.json")"
expect_eq "... and the won expansions she handed off" "$(printf '%s' "$CSM" | jq .expansion_sourced)" \
	"$(jq --arg c chloe '[.[] | select(.type == "handoff" and .actor == $c) | .lead] as $mine | [.[] | select(.type == "won" and (.lead as $l | $mine | index($l))) | .amount_cents] | add / 100' "$T/events.json")"
b --json report credit
expect_jq "the AE who won it has its amount" '.rows[] | select(.rep == "eric") | .won_amount' 4000
expect_jq "the CSM's handoff earns no SQL credit" '[.rows[] | select(.rep == "chloe") | .sql_accepted] | .[0]' 0

# report customers over 2027: ada's renewal of 2027-01-31 is due (12,000 -> 16,000, unchanged at
# renew since the expansion grew it); the expansion was won in 2026, outside the window
b --json report customers --from 2027-01-01 --to 2028-01-01
expect_jq "over 2027 no expansion was won" '.rows[0].expansion_won' 0
b --json report customers --from 2026-01-01 --to 2028-01-01
ROW=$(printf '%s' "$OUT" | jq -c '.rows[0]')
# recomputed: over the renewals dated in the window, (new + expansions won in it on those
# customers) / previous
WANT=$(jq '([.[] | select(.type == "renewed")] ) as $r | ([.[] | select(.type == "expanded" and .at >= "2026-01-01" and .at < "2028-01-01")]) as $x |
	(($r | map(.amount_cents) | add) + ($x | map(select(.lead as $l | $r | map(.lead) | index($l)) | .amount_cents) | add)) * 1000 / ($r | map(.previous_cents) | add) | round / 1000' "$T/events.json")
expect_eq "net revenue retention counts the expansions won" "$(printf '%s' "$ROW" | jq .net_revenue_retention)" "$WANT"
expect_eq "expansion won over the window" "$(printf '%s' "$ROW" | jq .expansion_won)" \
	"$(jq '[.[] | select(.type == "expanded") | .amount_cents] | add / 100' "$T/events.json")"
