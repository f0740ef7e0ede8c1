#!/bin/sh
# test_customers.sh - a customer's contract and the fourth function's timers (SPEC 8.12), with
# exact due times in the org's calendar (Europe/Paris: UTC+1 in winter, UTC+2 in summer):
# ada is won (12 months by default) and breaches onboarding, goes live with the CSM, meets a
# health check, lets her renewal review come due, renews early with a price change and churns;
# bea is won for 6 months and lapses, churned by tick at her renewal date. `report customers`
# is then recomputed from `export events` with jq, over the whole history and a window.
. "$(dirname "$0")/lib.sh"

NOW=2026-01-02T09:00:00Z # the team exists before the history (a replay runs it in time order)
b init
team
b playbook show
printf '%s\n' "$OUT" | sed 's/^sla:$/sla:\n  onboarding:       {live_within: 30d, on_breach: [notify_manager]}\n  renewal_review:   {before: 90d}\n  health_check:     {every: 90d}/' >"$T/pb.yaml"
b playbook apply "$T/pb.yaml"
expect_rc "a playbook with the customer rules applies" 0
b --json playbook show
expect_jq "the rules read back" '.sla | [.onboarding.live_within, .renewal_review.before, .health_check.every] | join(",")' "30d,90d,90d"

NOW=2026-01-05T09:00:00Z
lead_in_handoff ada@acme.example erin
ADA=$HANDOFF_LEAD
lead_in_handoff bea@beta.example erin
BEA=$HANDOFF_LEAD
b accept "$ADA" --by erin
b accept "$BEA" --by erin
expect_rc "both opportunities accepted" 0

# expect_eq NAME GOT WANT: GOT equals WANT
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected [$3] got [$2]"; fi
}

# open_due RULE L: the due times of lead L's open obligations of RULE, comma separated
open_due() {
	b --json sla --open
	printf '%s' "$OUT" | jq -r --arg r "$1" --argjson l "$2" '[.[] | select(.rule == $r and .lead == $l) | .due] | join(",")'
}

NOW=2026-01-31T14:00:00Z   # 15:00 in Paris
b --json close "$ADA" won --by erin --amount 12000
expect_rc "close won without --term-months" 0
expect_jq "the annual value is the amount" .amount 12000
expect_jq "the lead shows its contract" '[.renews_at, .term_months] | map(tostring) | join(",")' "2027-01-31T14:00:00Z,12"
b --json lead show "$ADA"
expect_jq "the won event records a 12-month term" '[.events[] | select(.type == "won")][0].term_months' 12
expect_jq "... and renews 12 calendar months later" '[.events[] | select(.type == "won")][0].renews_at' 2027-01-31T14:00:00Z
expect_eq "onboarding is the AE's, due 30 calendar days after won" "$(open_due onboarding "$ADA")" 2026-03-02T14:00:00Z
b --json sla --open
expect_jq "onboarding is owed by the AE" "[.[] | select(.rule == \"onboarding\" and .lead == $ADA)][0].owner" erin
expect_eq "the lapse timer runs to the renewal date" "$(open_due lapse "$ADA")" 2027-01-31T14:00:00Z

NOW=2026-02-15T10:00:00Z   # 11:00 in Paris
b close "$BEA" won --by erin --amount 6000 --term-months 0
expect_rc "--term-months 0 is bad input" 2
expect_err "the message names the bounds" "term_months must be a whole number from 1 to 120"
b --json close "$BEA" won --by erin --amount 6000 --term-months 6
expect_rc "close won --term-months 6" 0
b --json lead show "$BEA"
expect_jq "six months later, the same wall time in summer" '[.events[] | select(.type == "won")][0].renews_at' 2026-08-15T09:00:00Z
NOW=2026-02-20T10:00:00Z
b --json live "$BEA" --by erin
expect_jq "bea goes to the CSM" .owner chloe

NOW=2026-03-03T00:00:00Z
b --json tick
expect_jq "ada's onboarding breaches at its due time" '[.[] | select(.rule == "onboarding" and .type == "breach")][0] | [.rep, .at] | join(",")' "erin,2026-03-02T14:00:00Z"
expect_jq "the AE's manager is told" '[.[] | select(.rule == "onboarding" and .type == "notify")][0].rep' maria

NOW=2026-03-05T09:00:00Z   # 10:00 in Paris
b renew "$ADA" --by erin
expect_rc "a won customer not yet live cannot renew" 4
b --json live "$ADA" --by erin
expect_jq "live: the CSM owns the customer" .owner chloe
b --json sla
expect_jq "the breached onboarding is settled, its work done at live" "[.[] | select(.rule == \"onboarding\" and .lead == $ADA)][0] | [.status, .done_at] | join(\",\")" "breached,2026-03-05T09:00:00Z"
expect_eq "the renewal review is due 90 calendar days before the renewal date" "$(open_due renewal_review "$ADA")" 2026-11-02T14:00:00Z
expect_eq "the first health check ends 90 calendar days after live (summer time)" "$(open_due health_check "$ADA")" 2026-06-03T08:00:00Z
b --json sla --open
expect_jq "the renewal review is the CSM's" "[.[] | select(.rule == \"renewal_review\" and .lead == $ADA)][0].owner" chloe

NOW=2026-04-01T08:00:00Z
b touch "$ADA" --by erin --kind call
expect_eq "a touch by another rep does not meet the health check" "$(open_due health_check "$ADA")" 2026-06-03T08:00:00Z
b touch "$ADA" --by chloe --kind call
expect_eq "the CSM's touch meets it; the next period's ends 90 days after the first's" "$(open_due health_check "$ADA")" 2026-09-01T08:00:00Z

NOW=2026-08-16T00:00:00Z
b --json tick
expect_jq "bea's unrenewed contract churns at its renewal date" "[.[] | select(.type == \"churn\" and .lead == $BEA)][0] | [.rule, .at] | join(\",\")" "lapse,2026-08-15T09:00:00Z"
b --json lead show "$BEA"
expect_jq "bea is churned" .stage churned
expect_jq "the churned event says lapsed, the value lost and the renewal date" '[.events[] | select(.type == "churned")][0] | [.actor, .reason, .amount_cents, .renews_at, .at] | map(tostring) | join(",")' "system,lapsed,600000,2026-08-15T09:00:00Z,2026-08-15T09:00:00Z"
b --json sla --open
expect_jq "nothing is owed for a churned customer" "[.[] | select(.lead == $BEA)] | length" 0
b renew "$BEA" --by chloe
expect_rc "a churned customer cannot renew" 4

NOW=2026-11-02T13:59:00Z
b --json tick
expect_jq "a minute before, the renewal review is not due" "[.[] | select(.rule == \"renewal_review\" and .lead == $ADA)] | length" 0
NOW=2026-11-03T00:00:00Z
b --json tick
expect_jq "the renewal review comes due at 15:00 Paris" "[.[] | select(.rule == \"renewal_review\" and .lead == $ADA and .type == \"breach\")][0] | [.rep, .at] | join(\",\")" "chloe,2026-11-02T14:00:00Z"

NOW=2026-11-10T10:00:00Z
b renew "$ADA" --by erin --amount 15000
expect_rc "only the CSM who owns the customer (or a manager) renews" 4
b --json renew "$ADA" --by chloe --amount 15000 --term-months 12
expect_rc "renew with a price change" 0
expect_jq "the annual value is the new amount" .amount 15000
expect_jq "still live" .stage live
b --json lead show "$ADA"
expect_jq "the renewed event: previous and new value, the new period from the old renewal date" '[.events[] | select(.type == "renewed")][0] | [.previous_cents, .amount_cents, .starts_at, .term_months, .renews_at] | map(tostring) | join(",")' "1200000,1500000,2027-01-31T14:00:00Z,12,2028-01-31T14:00:00Z"
b --json sla
expect_jq "the breached review is settled, done at the renewal" "[.[] | select(.rule == \"renewal_review\" and .lead == $ADA and .status == \"breached\")][0].done_at" 2026-11-10T10:00:00Z
expect_eq "the next review is due 90 days before the new renewal date" "$(open_due renewal_review "$ADA")" 2027-11-02T14:00:00Z
expect_eq "the lapse timer moved to the new renewal date" "$(open_due lapse "$ADA")" 2028-01-31T14:00:00Z

NOW=2027-03-01T10:00:00Z
b churn "$ADA" --by chloe
expect_rc "churn without --reason is a usage error" 1
expect_err "the usage names --reason" "--reason"
b --json churn "$ADA" --by chloe --reason "budget cut"
expect_rc "churn" 0
expect_jq "the customer is churned" .stage churned
expect_jq "with its reason" .reason "budget cut"
expect_eq "nothing is owed after a churn" "$(b --json sla --open; printf '%s' "$OUT" | jq "[.[] | select(.lead == $ADA)] | length")" 0

b --json export events --format json
cp "$T/out" "$T/events.json"
expect_jq "the walk's stages in order" "[.[] | select(.lead == $ADA and .to != null) | .to] | join(\",\")" "target,working,handoff,sql,won,live,churned"

# the report's figures from the exported events: renewals by the date the period renewed at
# (renewed: starts_at; churned: renews_at), inside [FROM, TO)
recompute() {
	jq --arg from "$1" --arg to "$2" '
	  def inwin($d): $d != null and $d >= $from and $d < $to;
	  ([.[] | select(.type == "renewed") | {date: .starts_at, prev: .previous_cents, new: .amount_cents}]
	   + [.[] | select(.type == "churned") | {date: .renews_at, prev: .amount_cents, new: 0}]
	   | map(select(inwin(.date)))) as $r
	  | ([.[] | select(.type == "won")] | map({key: (.lead|tostring), value: .at}) | from_entries) as $won
	  | ([.[] | select(.type == "live" and inwin(.at))]
	     | map(((.at | fromdateiso8601) - ($won[.lead|tostring] | fromdateiso8601)) / 86400)) as $days
	  | ($r | map(.prev) | add // 0) as $prev
	  | {renewals_due: ($r | length), renewed: ($r | map(select(.new > 0)) | length),
	     churned: ($r | map(select(.new == 0)) | length),
	     previous_value: ($prev / 100), new_value: (($r | map(.new) | add // 0) / 100),
	     gross_revenue_retention: (if $prev > 0 then (($r | map([.new, .prev] | min) | add) / $prev * 10000 | round / 10000) else null end),
	     net_revenue_retention: (if $prev > 0 then (($r | map(.new) | add) / $prev * 10000 | round / 10000) else null end),
	     went_live: ($days | length),
	     days_to_live: (if ($days | length) > 0 then (($days | add) / ($days | length) * 10 | round / 10) else null end)}' "$T/events.json"
}
# report_figures [ARGS...]: the same keys from `report customers --json`
report_figures() {
	b report customers --json "$@" >/dev/null
	printf '%s' "$OUT" | jq '.rows[0] | {renewals_due, renewed, churned, previous_value, new_value,
	  gross_revenue_retention, net_revenue_retention, went_live, days_to_live}'
}

WANT=$(recompute 0000 9999)
GOT=$(report_figures)
expect_eq "report customers over all time equals the figures from the events" "$(printf '%s' "$GOT" | jq -c .)" "$(printf '%s' "$WANT" | jq -c .)"
expect_eq "... which are 3 renewals due, 1 renewed, 2 churned, gross 12000/33000, net 15000/33000" \
	"$(printf '%s' "$GOT" | jq -c '[.renewals_due, .renewed, .churned, .previous_value, .new_value, .gross_revenue_retention, .net_revenue_retention, .went_live, .days_to_live]')" \
	"[3,1,2,33000,15000,0.3636,0.4545,2,18.9]"
WANT=$(recompute 2027-01-01T00:00:00Z 2028-01-01T00:00:00Z)
GOT=$(report_figures --from 2027-01-01T00:00:00Z --to 2028-01-01T00:00:00Z)
expect_eq "report customers over 2027 equals the figures from the events" "$(printf '%s' "$GOT" | jq -c .)" "$(printf '%s' "$WANT" | jq -c .)"
expect_eq "... ada's renewal of Jan 31 2027: kept all, net 125%" \
	"$(printf '%s' "$GOT" | jq -c '[.renewals_due, .renewed, .churned, .gross_revenue_retention, .net_revenue_retention]')" "[1,1,0,1,1.25]"

b report customers --json --to 2026-12-01T00:00:00Z
expect_jq "live at the window's end: ada (bea churned in August)" '.rows[0].live' 1
b report customers --json --by rep
expect_jq "--by rep: one row per CSM" '[.rows[].key] | join(",")' chloe
b report customers --by source
expect_rc "report customers groups by rep or month only" 1
b report customers --json --by month --from 2026-01-01 --to 2028-01-01
# (now is the instant of ada's churn: churned before now, she would be gone from March)
expect_jq "--by month: a row per month up to now, live at each month's end" \
	'[.rows[] | "\(.key):\(.live)"] | join(",")' \
	"2026-02:1,2026-03:2,2026-04:2,2026-05:2,2026-06:2,2026-07:2,2026-08:1,2026-09:1,2026-10:1,2026-11:1,2026-12:1,2027-01:1,2027-02:1,2027-03:1"
expect_jq "--by month: went live in February (bea) and March (ada)" \
	'[.rows[] | select(.went_live > 0) | .key] | join(",")' "2026-02,2026-03"
expect_jq "--by month: bea's lapse in August, ada's renewal in January 2027" \
	'[.rows[] | select(.renewals_due > 0) | [.key, .renewed, .churned, .net_revenue_retention]] | tojson' \
	'[["2026-08",0,1,0],["2027-01",1,0,1.25]]'
b report customers
expect_rc "the table prints" 0
expect_out "the table names retention" "GROSS REVENUE RETENTION"

b --json report funnel
expect_rc "the funnel still reports with churned customers" 0
expect_jq "the funnel counts both won" '.rows[0].won' 2

# a replay of this history under the playbook in force gives it back: the renewal and the churn
# by the CSM re-driven, the lapse decided again by the scratch's tick (SPEC 8.10)
b playbook show
printf '%s\n' "$OUT" >"$T/in_force.yaml"
b --json replay --playbook "$T/in_force.yaml"
expect_rc "replay of the customers' history" 0
expect_jq "replay: nothing skipped" .replayed.skipped 0
expect_jq "replay: every difference is zero" '[.delta | .. | numbers] | all(. == 0)' true
expect_jq "replay: the sla report counts the customer rules" '[.current.sla.rows[].rule] | (index("onboarding") != null and index("renewal_review") != null)' true
