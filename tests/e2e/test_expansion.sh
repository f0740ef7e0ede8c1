#!/bin/sh
# test_expansion.sh - expansion and the CSM's credit (SPEC 8.12): ada, a live customer, is
# expanded by her CSM to an AE as a handoff (the required notes asked, the AE accepts), the
# upsell is won and her annual value grows; another upsell is rejected. The CSM is credited for
# the renewal and the sourced expansion; `report customers`' net revenue retention and
# `report credit` are recomputed from `export events` with jq. Then `report unit` over 2026-2027:
# bea, an inbound customer, lapses; ada, outbound, renews; LTV, CAC and their ratio per channel
# are recomputed from the inputs the report lists; replay re-drives the expansions. The API: GET /api/v1/reports/unit answers what
# the command line prints, and an expand is posted as a lead's event.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"

NOW=2025-12-31T23:00:00Z # the team joins at midnight in Paris: its costs run from here
b init
team
b report unit
expect_rc "report unit without the playbook's economics is refused" 4
expect_err "the message names the section" "economics"
b playbook show
printf '%s\n' "$OUT" | sed 's/^  ae:        \[won_amount\]$/  ae:        [won_amount]\n  csm:       [renewal, expansion_sourced]/' >"$T/pb.yaml"
cp "$T/pb.yaml" "$T/bad.yaml"
printf 'economics:\n  gross_margin: 1.5\n' >>"$T/bad.yaml"
b playbook apply "$T/bad.yaml"
expect_rc "a gross margin above 1 is refused" 2
expect_err "with its line" "bad.yaml:8"
printf 'economics:\n  gross_margin: 0.8\n  cost_per_rep_year: {mrr: 60000, sdr: 70000, ae: 120000, csm: 80000}\n  marketing_spend_month: 20000\n' >>"$T/pb.yaml"
b playbook apply "$T/pb.yaml"
expect_rc "a playbook with CSM credit and economics applies" 0
b --json playbook show
expect_jq "economics reads back" '.economics | [.gross_margin, .cost_per_rep_year.ae, .marketing_spend_month] | map(tostring) | join(",")' "0.8,120000,20000"
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
# bea comes in inbound, won for 6 months, and lapses
b --json lead add --email bea@beta.example --channel inbound --source web_form
BEA=$(printf '%s' "$OUT" | jq -r .id)
MRR=$(printf '%s' "$OUT" | jq -r .owner)
b touch "$BEA" --by "$MRR" --kind call
b qualify "$BEA" --by "$MRR" --set budget=yes authority=influencer need=x timeline=later
b handoff "$BEA" --by "$MRR" --to erin --note direct_phone=1 mobile_phone=2 summary=3 company_changes=4 current_systems=5
b accept "$BEA" --by erin
b close "$BEA" won --by erin --amount 6000 --term-months 6
expect_rc "bea, inbound, is won" 0
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
b report credit
expect_out "the table heads the CSM's columns" "MQL_TO_SQL  RENEWAL  EXPANSION_SOURCED"
b report credit --format csv
expect_out "... and so does the CSV" "won_amount,mql_to_sql,renewal,expansion_sourced"

# report customers over 2027: ada's renewal of 2027-01-31 is due (12,000 -> 16,000, unchanged at
# renew since the expansion grew it); the expansion was won in 2026, outside the window
b --json report customers --from 2027-01-01 --to 2028-01-01
expect_jq "over 2027 no expansion was won" '.rows[0].expansion_won' 0
b --json report customers --from 2026-01-01 --to 2028-01-01
ROW=$(printf '%s' "$OUT" | jq -c '.rows[0]')
# recomputed: over the renewals dated in the window, (new + expansions won in it on those
# customers) / previous
# (bea, lapsed in August, is a renewal dated in the window too: 6,000 -> 0)
WANT=$(jq '[.[] | select(.type == "renewed" or .type == "churned")] as $d | [.[] | select(.type == "expanded" and .at >= "2025-12-31T23:00:00Z" and .at < "2027-12-31T23:00:00Z")] as $x |
	(($d | map(select(.type == "renewed") | .amount_cents) | add) + ($x | map(select(.lead as $l | $d | map(.lead) | index($l)) | .amount_cents) | add)) * 10000 /
	($d | map(if .type == "renewed" then .previous_cents else .amount_cents end) | add) | round / 10000' "$T/events.json")
expect_eq "net revenue retention counts the expansions won" "$(printf '%s' "$ROW" | jq .net_revenue_retention)" "$WANT"
expect_eq "the worked example's figures (docs/customers.md)" "$(printf '%s' "$ROW" | jq -c '[.renewals_due, .previous_value, .new_value, .expansion_won, .gross_revenue_retention, .net_revenue_retention]')" "[2,22000,16000,4000,0.7273,0.9091]"
expect_eq "expansion won over the window" "$(printf '%s' "$ROW" | jq .expansion_won)" \
	"$(jq '[.[] | select(.type == "expanded") | .amount_cents] | add / 100' "$T/events.json")"

NOW=2027-12-01T10:00:00Z
b renew "$ADA" --by chloe
expect_rc "ada renews again (her next renewal date, 2028-01-31, is past the window below)" 0
NOW=2028-02-01T00:00:00Z
b --json tick
b --json lead show "$BEA"
expect_jq "bea lapsed" .stage churned
b --json export events
printf '%s' "$OUT" >"$T/events.json"
b --json report unit --from 2026-01-01 --to 2028-01-01
printf '%s' "$OUT" >"$T/unit.json"
expect_jq "three rows: inbound, outbound, all" '[.rows[].key] | join(",")' "inbound,outbound,all"
expect_jq "two years of the team, in months" .months 24
expect_jq "each role's rep-years: the active reps for the period" '[.rep_years_mrr, .rep_years_sdr, .rep_years_ae, .rep_years_csm] | map(tostring) | join(",")' "4,4,4,2"
# new customers: won in the period, not an expansion, by the channel of their lead
for ch in inbound outbound; do
	expect_eq "$ch: its new customers, from the won events" "$(jq -r --arg c "$ch" '.rows[] | select(.key == $c) | .new_customers' "$T/unit.json")" \
		"$(jq --arg c "$ch" '([.[] | select(.type == "created" and .channel == $c) | .lead]) as $mine | [.[] | select(.type == "won" and .parent == null and (.lead as $l | $mine | index($l)))] | length' "$T/events.json")"
done
expect_jq "inbound: bea lapsed, the churn rate is 1" '.rows[0] | [.renewed, .churned, .churn_rate] | map(tostring) | join(",")' "0,1,1"
expect_jq "outbound: ada renewed, nothing churned: LTV is null, with its reason" '.rows[1] | [.churn_rate, (.ltv | tostring), .ltv_null_reason] | map(tostring) | join(",")' "0,null,no customer churned: the churn rate is 0, the lifetime unbounded"
# every row recomputed from the inputs the report lists
expect_eq "LTV = annual value x gross margin / churn rate" \
	"$(jq '[.rows[] | select(.ltv != null) | ((.annual_value * .gross_margin / .churn_rate) * 100 | round) == (.ltv * 100 | round)] | all' "$T/unit.json")" true
expect_eq "the costs are the rep-years x the playbook's yearly costs" \
	"$(jq '[.cost_mrr == .rep_years_mrr * 60000, .cost_sdr == .rep_years_sdr * 70000, .cost_ae == .rep_years_ae * 120000, .cost_csm == .rep_years_csm * 80000] | all' "$T/unit.json")" true
expect_eq "inbound bears MRRs and marketing, outbound SDRs, both the AEs and CSMs by their share of new customers" \
	"$(jq '. as $u | [.rows[0].cost_mrr == $u.cost_mrr, .rows[0].marketing_spend == $u.months * $u.marketing_spend_month, .rows[0].cost_sdr == 0,
		.rows[1].cost_sdr == $u.cost_sdr, .rows[1].cost_mrr == 0, .rows[1].marketing_spend == 0,
		(.rows[] | .cost_shared == $u.cost_ae + $u.cost_csm)] | all' "$T/unit.json")" true
expect_eq "CAC = (direct costs + shared x share) / new customers" \
	"$(jq '[.rows[] | select(.cac != null) | (((.cost_mrr + .cost_sdr + .marketing_spend + .cost_shared * .shared_share) / .new_customers) | round) == (.cac | round)] | all' "$T/unit.json")" true
expect_jq "the ratio where LTV and CAC are known" '[.rows[] | (.ltv_to_cac | tostring)] | join(",")' \
	"$(jq -r '[.rows[] | if .ltv != null and .cac != null then (.ltv / .cac * 100 | round / 100) else null end | tostring] | join(",")' "$T/unit.json")"
expect_jq "all: two customers, one of two renewals churned" '.rows[2] | [.new_customers, .annual_value, .churn_rate, .ltv, .cac] | map(tostring) | join(",")' "2,9000,0.5,14400,820000"

# replay re-drives the expansions from the customer's expansion events: under the playbook in
# force nothing is skipped and nothing differs
b playbook show
printf '%s\n' "$OUT" >"$T/same.yaml"
b --json replay --playbook "$T/same.yaml"
expect_jq "replay skips none of the expansions' events" '.replayed.skipped' 0
expect_jq "... and finds no difference" '[.delta | .. | numbers | select(. != 0)] | length' 0

# the API: the same report, and an expand posted as an event
b --json report unit --from 2026-01-01 --to 2028-01-01
printf '%s' "$OUT" | jq -S . >"$T/unit_cli.json"
b --json token create --rep maria
TK_mgr=$(printf '%s' "$OUT" | jq -r .token)
b --json token create --rep chloe
TK_csm=$(printf '%s' "$OUT" | jq -r .token)
if ! start_server; then
	not_ok "baton serve starts" "$(tail -5 "$T/server.log")"
	exit 1
fi
api GET "/api/v1/reports/unit?from=2026-01-01&to=2028-01-01" "$TK_mgr"
check "GET /api/v1/reports/unit" 200
expect_eq "... answers what report unit --json prints" "$(printf '%s' "$OUT" | jq -S . | cmp -s - "$T/unit_cli.json" && echo same)" same
api POST "/api/v1/leads/$ADA/events" "$TK_csm" '{"type": "expand", "to": "erin", "amount": 500, "notes": {"summary": "api seats"}}'
check "POST an expand: the new opportunity, its parent the customer" 200 '[.parent, .stage, .owner, .amount, .notes.summary] | map(tostring) | join(",")' "$ADA,handoff,erin,500,api seats"
api POST "/api/v1/leads/$ADA/events" "$TK_csm" '{"type": "expand", "to": "erin", "notes": {"summary": "x"}}'
check_error "an expand without an amount" 400 bad_request amount
stop_server_checked
