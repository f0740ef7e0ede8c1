#!/bin/sh
# test_demo_customers.sh - the customers of `baton demo` (SPEC 8.12) as a leader reads them, on
# the README's demo store (2000 leads, seed 1): `report unit` answers (the demo's playbook has
# `economics`), every ratio of its rows is recomputed with jq from the inputs it lists, its new
# customers and their annual value are recounted from `export events`; the demo's CSMs expand
# customers through `expand`, some won, some lost, some rejected, and `report customers`'
# expansion_won is the sum of the won ones.
. "$(dirname "$0")/lib.sh"

NOW=2026-12-01T12:00:00Z
FROM=2026-10-01T00:00:00Z
TO=2026-12-01T00:00:00Z

# expect_eq NAME GOT WANT: GOT equals WANT
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected [$3] got [$2]"; fi
}
# expect_exp NAME FILTER WANT: jq -r FILTER over the expansions' events equals WANT
expect_exp() {
	expect_eq "$1" "$(jq -r "$2" "$T/exp.json")" "$3"
}

b demo --leads 2000 --seed 1
expect_rc "the demo builds" 0
b --json playbook show
expect_jq "the demo's playbook has SPEC 8.12's economics" \
	'.economics | [.gross_margin, .cost_per_rep_year.mrr, .cost_per_rep_year.sdr, .cost_per_rep_year.ae, .cost_per_rep_year.csm, .marketing_spend_month] | map(tostring) | join(",")' \
	"0.8,60000,70000,120000,80000,20000"
expect_jq "and credits the CSMs" '.credit.csm | join(",")' "renewal,expansion_sourced"
b export events --format json
cp "$T/out" "$T/events.json"

# ---------------------------------------------------------------- the expansions
# an expansion is a lead whose created event names its parent, the customer
jq '[.[] | select(.type == "created" and .parent != null) | .lead] as $x
    | [.[] | select(.lead as $l | $x | index($l))]' "$T/events.json" >"$T/exp.json"
expect_exp "CSMs expanded customers to AEs, with a note" \
	'[.[] | select(.type == "handoff")] | (length >= 5 and all(.notes.summary != null))' true
expect_exp "some expansions were won" '[.[] | select(.type == "won")] | length > 0' true
expect_exp "some were lost" '[.[] | select(.type == "lost")] | length > 0' true
expect_exp "some were rejected" '[.[] | select(.type == "reject")] | length > 0' true
expect_eq "each won expansion grew its customer's value (an expanded event of the same amount)" \
	"$(jq -r '([.[] | select(.type == "expanded") | [.opportunity, .amount_cents, .value_cents - .previous_cents == .amount_cents]] | sort) as $e
	    | [.[] | select(.type == "won" and .lead != null) | .lead] as $won
	    | ($e | map(.[0]) | sort) == ([.[] | select(.type == "created" and .parent != null) | .lead | select(. as $l | $won | index($l))] | sort)
	      and ($e | all(.[2]))' "$T/events.json")" true

# the year of customers before the quarter: retention in every one of the last 12 months
b --json report customers --by month --from 2025-12-01T00:00:00Z --to "$TO"
expect_jq "report customers --by month: 12 months, each with renewals decided and a retention" \
	'[.rows[] | select(.key != "all") | select(.renewed + .churned > 0 and .gross_revenue_retention != null)] | length' 12
b --json report customers --from "$FROM" --to "$TO"
expect_jq "report customers answers on the demo store" .rows[0].key all
WON=$(jq --arg f "$FROM" --arg t "$TO" '[.[] | select(.type == "won" and .at >= $f and .at < $t) | .amount_cents] | add / 100' "$T/exp.json")
expect_jq "expansion won is positive" '.rows[0].expansion_won > 0' true
expect_jq "expansion won is the sum of the won expansions' amounts in export events" .rows[0].expansion_won "$WON"

# ---------------------------------------------------------------- report unit
# --by segment (SPEC 8.12): one row per segment of the customers' leads, whose counts add up to
# the whole, and whose keys are the segments of the won leads in `export leads`
b --json report customers
printf '%s' "$OUT" >"$T/cust_all.json"
b --json report customers --by segment
printf '%s' "$OUT" >"$T/cust_seg.json"
expect_eq "--by segment: the rows add up to the whole (live, renewals due, renewed, churned, expansion won)" \
	"$(jq -c '[.rows | map(.live), map(.renewals_due), map(.renewed), map(.churned), map(.expansion_won) | add]' "$T/cust_seg.json")" \
	"$(jq -c '.rows[0] | [.live, .renewals_due, .renewed, .churned, .expansion_won]' "$T/cust_all.json")"
b --json export leads
expect_eq "--by segment: the keys are the segments of the leads that were won" \
	"$(jq -c '[.rows[].key | select(. != "(none)")] | sort' "$T/cust_seg.json")" \
	"$(printf '%s' "$OUT" | jq -c '[.[] | select(.stage == "live" or .stage == "won" or .stage == "churned") | select(.parent == null) | .segment | select(. != null and . != "")] | unique')"
b --json report unit --from "$FROM" --to "$TO"
expect_rc "report unit answers on the demo store" 0
cp "$T/out" "$T/unit.json"
expect_jq "rows inbound, outbound and all" '[.rows[].key] | join(",")' "inbound,outbound,all"
# within the rounding of the inputs as listed (2 decimals, shares and rates 4)
near='def near(a; b): ((a - b) | fabs) <= 0.01 + 0.001 * (b | fabs);'
expect_jq "cac = cost / new_customers (null without new customers)" \
	"$near"' [.rows[] | if .new_customers > 0 then near(.cost / .new_customers; .cac) else .cac == null end] | all' true
expect_jq "ltv = annual_value x gross_margin / churn_rate, or null with the reason" \
	"$near"' [.rows[] | if .ltv != null then near(.annual_value * .gross_margin / .churn_rate; .ltv) and .ltv_null_reason == null
	          else .ltv_null_reason != null end] | all' true
expect_jq "ltv_to_cac = ltv / cac, null when either is" \
	"$near"' [.rows[] | if .ltv != null and .cac != null then near(.ltv / .cac; .ltv_to_cac) else .ltv_to_cac == null end] | all' true
expect_jq "cost = the direct costs + the shared ones x the share" \
	"$near"' [.rows[] | near(.cost_mrr + .cost_sdr + .marketing_spend + .cost_shared * .shared_share; .cost)] | all' true
expect_jq "the costs' inputs: MRRs and marketing inbound's, SDRs outbound's, AEs and CSMs shared" \
	"$near"' . as $u | [.rows[0] | near(.cost_mrr; $u.cost_mrr), near(.marketing_spend; $u.months * $u.marketing_spend_month), .cost_sdr == 0]
	 + [.rows[1] | near(.cost_sdr; $u.cost_sdr), .cost_mrr == 0, .marketing_spend == 0]
	 + [.rows[] | near(.cost_shared; $u.cost_ae + $u.cost_csm)] | all' true
expect_jq "a channel's share is its part of the new customers" \
	'.rows[2].new_customers as $n | [.rows[] | ((.shared_share - .new_customers / $n) | fabs) < 0.0001] | all' true
expect_jq "both channels churned customers (the year before the quarter's renewals come up)" '[.rows[0], .rows[1] | .churned > 0] | all' true
expect_jq "inbound, outbound and all have an LTV, a CAC and their ratio" '[.rows[] | .ltv != null and .cac != null and .ltv_to_cac != null] | all' true

# the new customers recounted from export events: won events in the window of the leads that
# are not expansions, by the channel of their created event
jq --arg f "$FROM" --arg t "$TO" '
	([.[] | select(.type == "created")] | map({key: (.lead | tostring), value: {channel, expansion: (.parent != null)}}) | from_entries) as $lead
	| [.[] | select(.type == "won" and .at >= $f and .at < $t) | . + $lead[.lead | tostring] | select(.expansion | not)]
	| def row(k; xs): {key: k, n: (xs | length), value: (if (xs | length) > 0 then ((xs | map(.amount_cents) | add) / 100 / (xs | length) * 100 | round) / 100 else null end)};
	  [row("inbound"; map(select(.channel == "inbound"))), row("outbound"; map(select(.channel == "outbound"))), row("all"; .)]' \
	"$T/events.json" >"$T/recount.json"
expect_eq "new_customers and annual_value per channel are the won events recounted" \
	"$(jq -c '[.rows[] | {key, n: .new_customers, value: (if .annual_value == null then null else (.annual_value * 100 | round) / 100 end)}]' "$T/unit.json")" \
	"$(jq -c . "$T/recount.json")"
expect_eq "inbound and outbound both won customers" "$(jq '[.rows[0], .rows[1] | .new_customers > 0] | all' "$T/unit.json")" true
