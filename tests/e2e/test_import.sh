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

# character sets (docs/import.md, "Character sets"): a Windows-1252 file's accented rows are
# refused naming line and field until its encoding is named, then converted; UTF-16 with its
# byte-order mark is converted; UTF-16 without one is refused
export BATON_DB="$T/charset.db"
b init
b rep add r1 --role mrr
printf 'Email,First Name,Last Name,Company\r\nann@plain.example,Ann,Lee,Plain\r\nchloe@cafe.example,Chlo\351,Dupr\351,Caf\351 \200\r\n' >"$T/cp1252.csv"
b --json lead import "$T/cp1252.csv"
expect_rc "a Windows-1252 file without --encoding imports its plain rows" 0
expect_jq "the row that is not UTF-8 is refused naming its line and field" '[.errors[] | "\(.line):\(.field)"] | join(" ")' "3:first_name"
expect_jq "the refusal says how to import it" '.errors[0].message | contains("--encoding windows-1252")' true
b --json lead list --q chloe
expect_jq "nothing of the refused row was stored" 'length' 0
b --json lead import "$T/cp1252.csv" --encoding windows-1252
expect_jq "with --encoding windows-1252 the refused row imports" .imported 1
b --json lead list --q chloe
expect_jq "the accents and the euro sign come through" '.[0].name + " / " + .[0].company' "Chloé Dupré / Café €"
printf 'Email,Name\r\nzoe@utf16.example,Zoë Ångström\r\n' | iconv -f UTF-8 -t UTF-16LE >"$T/body16"
{ printf '\377\376'; cat "$T/body16"; } >"$T/utf16le.csv"
b --json lead import "$T/utf16le.csv"
expect_jq "a UTF-16LE file with its byte-order mark imports" .imported 1
b --json lead list --q zoe
expect_jq "its names read right" '.[0].name' "Zoë Ångström"
printf 'Email,Name\r\nbjorn@utf16.example,Björn\r\n' | iconv -f UTF-8 -t UTF-16BE >"$T/body16"
{ printf '\376\377'; cat "$T/body16"; } >"$T/utf16be.csv"
b --json lead import "$T/utf16be.csv"
expect_jq "a UTF-16BE file with its byte-order mark imports" .imported 1
b lead import "$T/cp1252.csv" --encoding ebcdic
expect_rc "an unknown --encoding is a usage error" 1
printf 'Email,Name\r\nzoe@x.example,Zoe\r\n' | iconv -f UTF-8 -t UTF-16LE >"$T/bomless16.csv"
b lead import "$T/bomless16.csv"
expect_rc "UTF-16 without a byte-order mark is refused" 2
expect_err "... saying which --encoding reads it" "--encoding utf-16le"

# the sample exports of examples/ (every standard column of a HubSpot contacts export and a
# Salesforce leads report) import today: the columns baton does not read are listed, not fatal
EX="$(dirname "$0")/../../examples"
export BATON_DB="$T/examples.db"
b init
b rep add r1 --role mrr
b --json lead import "$EX/hubspot-contacts.csv"
expect_jq "examples/hubspot-contacts.csv: 216 rows, the two without an email refused" \
	'"\(.rows) \(.imported) " + ([.errors[] | "\(.line):\(.field)"] | join(" "))' "216 214 18:email 66:email"
expect_jq "... its unread columns listed" '.ignored_columns | startswith("Record ID, Website URL")' true
b --json lead import "$EX/salesforce-leads.csv" --source salesforce
expect_jq "examples/salesforce-leads.csv: 120 leads over 139 lines (quoted line breaks)" '"\(.rows) \(.imported) \(.errors | length)"' "120 120 0"

# HubSpot writes a contact's time zone as "america_slash_new_york": read as America/New_York; a
# zone no one knows, in either spelling, still refuses its row naming the field
export BATON_DB="$T/zones.db"
b init
b rep add r1 --role mrr
printf 'Email,First Name,Time Zone\nny@zones.example,Nia,america_slash_new_york\nba@zones.example,Bo,america_slash_argentina_slash_buenos_aires\nxx@zones.example,Xu,mars_slash_olympus\n' >"$T/zones.csv"
b --json lead import "$T/zones.csv"
expect_jq "HubSpot's zone names import; an unknown one is refused naming timezone" \
	'"\(.imported) " + ([.errors[] | "\(.line):\(.field)"] | join(" "))' "2 4:timezone"
b --json lead list --q zones.example
expect_jq "... as IANA names" 'map(.email + "=" + (.timezone // "none")) | sort | join(" ")' \
	"ba@zones.example=America/Argentina/Buenos_Aires ny@zones.example=America/New_York"
