#!/bin/sh
# test_import.sh - lead import: CRM exports with the usual warts (BOM, CRLF, quoted commas
# and line breaks, bad rows named with line and field), --map, --source, --strict storing
# nothing, dedupe within and across files, and export leads read back into the same leads.
. "$(dirname "$0")/lib.sh"
DATA=${BATON_TEST_DATA:-tests/data}

b init
b rep add m1 --role manager
b rep add r1 --role mrr --manager m1
b rep add r2 --role mrr --manager m1

b --json lead import "$DATA/csv/hubspot_export.csv"
expect_rc "a HubSpot export imports with bad rows skipped" 0
expect_jq "the summary has the spec's keys" '[has("imported","duplicates","filtered","errors")] | all' true
expect_jq "7 leads stored (filtered ones included)" .imported 7
expect_jq "the case-only duplicate is not stored twice" .duplicates 1
expect_jq "the bad rows are named by line and field" '[.errors[] | "\(.line):\(.field)"] | join(" ")' "6:email 7:employees"
expect_jq "each error has a message" '[.errors[].message | length > 10] | all' true
b --json lead list
expect_jq "the leads are in the store" 'length' 7
# its Lifecycle Stage and Create Date make each row history (SPEC 8.8, test_history.sh)
expect_jq "the HubSpot rows came in at their Lifecycle Stage" '[.[] | .stage] | sort | join(",")' \
	"inquiry,inquiry,inquiry,inquiry,inquiry,inquiry,mql"
printf 'Email,Company,Number of Employees\nplain@acme-robotics.example,Acme,1000\nsmall@verde.example,Verde,5\n' >"$T/plain.csv"
b --json lead import "$T/plain.csv"
b --json lead list --q example
expect_jq "routing ran on imported leads without history" '[.[] | select(.stage == "mql") | .owner] | map(. != null) | all' true
expect_jq "the fit filter ran on imported leads without history" '[.[] | select(.stage == "filtered")] | length' 1
b --json export events
expect_jq "every imported lead has its creation event" '[.[] | select(.type == "created")] | length' 9

snapshot "$T/before"
b --json lead import "$DATA/csv/salesforce_export.csv" --strict
expect_rc "--strict with bad rows exits 2" 2
expect_jq "--strict reports the bad rows" '.errors | length' 2
expect_jq "--strict stored nothing" .stored false
expect_unchanged "--strict with bad rows changes nothing" "$T/before"

b --json lead import "$DATA/csv/salesforce_export.csv"
expect_jq "a Salesforce export imports" .imported 7
expect_jq "the quoted multi-line address does not shift line numbers" '[.errors[].line] | join(",")' "6,7"

printf 'Work Email,Org,Role\r\nceo@mapped.example,"Mapped, Inc",CEO\r\nCEO@MAPPED.example,Again,CEO\r\n' >"$T/custom.csv"
b --json lead import "$T/custom.csv"
expect_rc "a file without a known email column is bad input" 2
expect_err "the message suggests --map" "--map"
b --json lead import "$T/custom.csv" --map "Work Email=email,Org=company,Role=title" --source partner_list
expect_jq "--map imports the custom columns" .imported 1
expect_jq "a duplicate inside one file is caught" .duplicates 1
b --json lead list --source partner_list
expect_jq "--source sets the source" '.[0].company' "Mapped, Inc"
expect_jq "mapped title kept" '.[0].title' CEO
b lead import "$T/custom.csv" --map "Work Email=colour"
expect_rc "--map to an unknown field is a usage error" 1
b lead import "$T/nope.csv"
expect_rc "a missing file is not found" 3

# export leads -> import into a fresh store gives the same leads
b export leads --format csv
printf '%s\n' "$OUT" >"$T/export.csv"
b --json lead list
printf '%s' "$OUT" | jq -S '[.[] | {email, name, title, company, phone, mobile, channel, source, segment, employees, country}] | sort_by(.email)' >"$T/a.json"
export BATON_DB="$T/second.db"
b init
b rep add r1 --role mrr
b --json lead import "$T/export.csv"
expect_jq "the export imports without errors" '.errors | length' 0
b --json lead list
printf '%s' "$OUT" | jq -S '[.[] | {email, name, title, company, phone, mobile, channel, source, segment, employees, country}] | sort_by(.email)' >"$T/b.json"
if cmp -s "$T/a.json" "$T/b.json"; then ok "export leads reads back into the same leads"; else not_ok "export leads reads back into the same leads" "$(diff "$T/a.json" "$T/b.json" | head -6)"; fi
