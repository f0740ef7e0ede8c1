#!/bin/sh
# test_import_contracts.sh - customers come in with their contracts (SPEC 8.8 and 8.12): a
# HubSpot contacts export of customers (Lifecycle Stage customer) and a Salesforce opportunities
# export (Stage Closed Won / Closed Lost, --map Stage=status) that carry Amount and Close Date make contracts: the
# amount is the annual value, the term 12 months, the renewal date the close date's first
# anniversary after the import (in the org's calendar); baton's lapse timer opens, so an
# unrenewed contract churns at its date; a live customer's CSM also owes the renewal review and
# the health check of the period running at the import (due times recomputed below). A row
# without amount or close date, or lost, makes none.
. "$(dirname "$0")/lib.sh"
DATA=${BATON_TEST_DATA:-tests/data}

cat >"$T/pb.yaml" <<'YAML'
org: {name: Example Co, timezone: Europe/Paris}
routing:
  inbound: {role: mrr, strategy: round_robin}
sla:
  renewal_review: {before: 90d}
  health_check: {every: 30d}
YAML
NOW=2026-09-01T08:00:00Z
b init --playbook "$T/pb.yaml"
b rep add maria --role manager
b rep add alice --role ae --manager maria --full-name "Alice Moreau"
b rep add chloe --role csm --manager maria --full-name "Chloe Dubois"
expect_rc "setup: an AE and a CSM whose full names the CRMs use" 0

b --json lead import "$DATA/csv/hubspot_customers.csv"
expect_rc "HubSpot's customers import" 0
expect_jq "three customers as history, two live contracts: a lapse, a renewal review and a health check each" '[.history, .obligations] | map(tostring) | join(",")' "3,6"
b --json sla --open
# Lena: closed 2025-10-31, renews 2026-10-31 00:00 Paris; 90 days before (2026-08-02) is past at
# the import, so the review is due at once; 30-day periods from 2025-10-31: the 11th (330 days)
# ends 2026-09-26 00:00 Paris. Sam: closed 2026-03-15, renews 2027-03-15; review 2026-12-15 00:00
# Paris (CET); the 6th period (180 days) ends 2026-09-11 00:00 Paris.
expect_jq "the live customers' CSM owes each's review and health check, due from the contract's dates" \
	'map(select(.rule != "lapse") | [.lead, .rule, .owner, .due] | map(tostring) | join(" ")) | sort | join("\n")' \
	"1 health_check chloe 2026-09-25T22:00:00Z
1 renewal_review chloe 2026-09-01T08:00:00Z
2 health_check chloe 2026-09-10T22:00:00Z
2 renewal_review chloe 2026-12-14T23:00:00Z"
b --json lead import "$DATA/csv/salesforce_opportunities.csv" --map Stage=status
expect_rc "Salesforce's opportunities import, Stage mapped to the status" 0
expect_jq "Stage and Opportunity Owner are read (not ignored)" .ignored_columns "Opportunity ID, Opportunity Name"
expect_jq "four opportunities as history, two contracts" '[.history, .obligations] | map(tostring) | join(",")' "4,2"

b --json lead list
expect_jq "each row's stage, owner, annual value and contract" \
	'map([.email, .stage, .owner, .amount, .renews_at, .term_months] | map(tostring) | join(" ")) | join("\n")' \
	"lena.vogel@birchworks.de live chloe 18000 2026-10-30T23:00:00Z 12
sam.okafor@riverbend.io live chloe 7200 2027-03-14T23:00:00Z 12
mia.rossi@vela.it live chloe 0 null null
ana.lopez@northwind.io won alice 24000 2027-01-30T23:00:00Z 12
marcus.reed@tallgrass.io won alice 9600 2027-03-14T23:00:00Z 12
julia.becker@becker-soehne.de lost alice 18000 null null
antoine.garcia@oakcloud.fr won alice 0 null null"
b --json export events
expect_jq "the imported event carries the term and the renewal date, the close date as written" \
	'[.[] | select(.type == "imported" and .lead == 5)][0] | [.term_months, .renews_at, .closed_at, .original.close_date] | map(tostring) | join(" ")' \
	"12 2027-03-14T23:00:00Z 2025-03-14T23:00:00Z 3/15/2025"

# Lena's contract (closed 2025-10-31 in Paris) comes up on 2026-10-31 00:00 Paris: unrenewed, it lapses
NOW=2026-10-31T00:00:00Z
b tick
expect_rc "tick at Lena's renewal date" 0
b --json lead show 1
expect_jq "the unrenewed imported contract lapses at its date" \
	'[.stage, (.events[-1] | .type, .actor, .reason, .amount_cents, .renews_at)] | map(tostring) | join(" ")' \
	"churned churned system lapsed 1800000 2026-10-30T23:00:00Z"
b --json report customers --from 2026-10-01 --to 2026-11-01
expect_jq "report customers counts the lapse" '.rows[0] | [.renewals_due, .churned, .previous_value] | map(tostring) | join(" ")' "1 1 18000"
b --json lead show 2
expect_jq "Sam's contract still runs" .stage live
