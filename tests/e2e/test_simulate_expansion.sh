#!/bin/sh
# test_simulate_expansion.sh - simulate calibrates expand_covered from the store (SPEC 8.11,
# 8.12; docs/simulation.md "Calibration"): five customers go live in February; ada is expanded
# and the upsell won 30 times (SIM_MIN_EXPANSIONS) over eight months; simulate's history counts them as
# `report customers --by month` does (its expansions, summed) and sets expand_covered to the
# expansions per customer-month compounded over a quarter, recomputed here with jq. With one
# expansion fewer the default stands.
. "$(dirname "$0")/lib.sh"

# expect_eq NAME GOT WANT: GOT equals WANT
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected [$3] got [$2]"; fi
}

NOW=2026-01-05T09:00:00Z
b init
team
for who in bea cid dan eve ada; do
	NOW=2026-01-05T09:00:00Z
	lead_in_handoff "$who@$who.example" erin
	b accept "$HANDOFF_LEAD" --by erin
	NOW=2026-01-31T14:00:00Z
	b close "$HANDOFF_LEAD" won --by erin --amount 12000
	NOW=2026-02-02T09:00:00Z
	b live "$HANDOFF_LEAD" --by erin
done
ADA=$HANDOFF_LEAD
expect_rc "five customers are live" 0

# expand_won DAY: on 2026's DAY-th day after Feb 9, chloe expands ada to eric, who accepts and wins it
expand_won() {
	NOW=$(date -u -d "2026-02-09 +$1 days" +%Y-%m-%dT10:00:00Z)
	b --json expand "$ADA" --by chloe --to eric --amount 100 --note summary="seats $1"
	opp=$(printf '%s' "$OUT" | jq -r .id)
	b accept "$opp" --by eric
	b close "$opp" won --by eric --amount 100
}
i=0
while [ $i -lt 29 ]; do
	expand_won $((i * 7))
	i=$((i + 1))
done
expect_rc "29 expansions won" 0

NOW=2026-10-01T09:00:00Z
b --json simulate --runs 50 --seed 3
expect_jq "29 expansions: below SIM_MIN_EXPANSIONS, expand_covered stays the default" \
	'[.history.expansions, (.params[] | select(.name == "expand_covered") | .source)] | map(tostring) | join(" ")' "29 default"

NOW=2026-09-20T10:00:00Z
expand_won 220
NOW=2026-10-01T09:00:00Z
b --json simulate --runs 50 --seed 3
printf '%s' "$OUT" >"$T/sim.json"
b --json report customers --by month
printf '%s' "$OUT" >"$T/months.json"
expect_eq "the 30 expansions won are report customers --by month's, summed" \
	"$(jq -c '[.rows | map(.expansions), map(.live) | add]' "$T/months.json")" \
	"$(jq -c '[.history.expansions, .history.customer_months]' "$T/sim.json")"
OUT=$(cat "$T/sim.json")
expect_jq "history names the report it counts the expansions from" '.history.reports.expansions | startswith("customers --by month")' true
OUT=$(jq -n --slurpfile s "$T/sim.json" '$s[0] | {h: .history, p: (.params[] | select(.name == "expand_covered"))}')
expect_jq "expand_covered's source says what was counted" .p.source \
	"store: 30 expansions won over $(printf '%s' "$OUT" | jq .h.customer_months) customer-months"
expect_jq "expand_covered is the expansions per customer-month compounded over a quarter" \
	'(1 - pow(1 - .h.expansions / .h.customer_months; 3) | . * 10000 | round) == (.p.value * 10000 | round)' true
expect_jq "five customers live at the end of February to September and now: 45 customer-months" .h.customer_months 45
