#!/bin/sh
# test_csv_out.sh - every CSV baton writes neutralises text that a spreadsheet would run as a
# formula (OWASP: a cell starting with =, + , -, @, tab or carriage return gets a leading
# single quote, then RFC 4180 quoting), keeps numbers unprefixed, and JSON stays verbatim;
# the importer reads the neutralised cells of baton's own export back to the raw values.
. "$(dirname "$0")/lib.sh"

NAME='=HYPERLINK("http://x","y")'
TAB_NAME=$(printf '\tTab Name')
b init
team
b --json lead add --email f1@corp.example --name "$NAME" --company '+1+1' --source '@SUM(A1)' --segment '-2+3' \
	--phone '+44 20 7946 0000' --employees 200
expect_rc "a lead named like a formula is taken in" 0
b --json lead add --email f2@corp.example --name "$TAB_NAME" --source web_form --employees 200
expect_rc "a lead whose name starts with a tab is taken in" 0
printf 'email,name,company,source,segment,employees\r\nf3@corp.example,@cmd,-1-1,=1+1,+seg,50\r\n' >"$T/in.csv"
b lead import "$T/in.csv"
expect_rc "a CSV with formula-like cells is imported" 0

# csv_cell FILE ROW COLUMN: the cell of data row ROW (1 = first after the header) named COLUMN,
# read back by python3's csv module, printed with repr() so tabs and quotes show
csv_cell() {
	python3 -c 'import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
print(repr(rows[int(sys.argv[2]) - 1][sys.argv[3]]))' "$@"
}
# expect_cell NAME FILE ROW COLUMN PYTHON_LITERAL
expect_cell() {
	got=$(csv_cell "$2" "$3" "$4" 2>&1)
	want=$(python3 -c 'import sys; print(repr(eval(sys.argv[1])))' "$5")
	if [ "$got" = "$want" ]; then ok "$1"; else not_ok "$1" "row $3 column $4: expected $want got $got"; fi
}

b export leads --format csv
expect_rc "export leads --format csv" 0
printf '%s' "$OUT" >"$T/leads.csv"
expect_cell "export: a name starting with = is prefixed with a quote" "$T/leads.csv" 1 name "'\\'' + '=HYPERLINK(\"http://x\",\"y\")'"
expect_cell "export: a company starting with + is prefixed" "$T/leads.csv" 1 company "\"'+1+1\""
expect_cell "export: a source starting with @ is prefixed" "$T/leads.csv" 1 source "\"'@SUM(A1)\""
expect_cell "export: a segment starting with - is prefixed" "$T/leads.csv" 1 segment "\"'-2+3\""
expect_cell "export: a phone starting with + is prefixed" "$T/leads.csv" 1 phone "\"'+44 20 7946 0000\""
expect_cell "export: a name starting with a tab is prefixed" "$T/leads.csv" 2 name "\"'\\tTab Name\""
expect_cell "export: imported cells are prefixed too" "$T/leads.csv" 3 name "\"'@cmd\""
expect_cell "export: numbers stay numbers" "$T/leads.csv" 1 employees "'200'"
expect_cell "export: a plain name is left alone" "$T/leads.csv" 2 source "'web_form'"
case "$OUT" in
*'"'"'"'=HYPERLINK(""http://x"",""y"")"'*) ok "export: the prefixed cell is quoted as RFC 4180 requires" ;;
*) not_ok "export: the prefixed cell is quoted as RFC 4180 requires" ;;
esac
if printf '%s' "$OUT" | grep -q '^[^"]*,[=+@-]\|^[=+@-]'; then
	not_ok "export: no unquoted cell starts like a formula" "$(printf '%s' "$OUT" | grep ',[=+@-]')"
else
	ok "export: no unquoted cell starts like a formula"
fi

b export leads --format json
expect_jq "export json: the name is verbatim" '.[0].name' "$NAME"
expect_jq "export json: the company is verbatim" '.[0].company' '+1+1'
expect_jq "export json: the tab name is verbatim" '.[1].name | @json' '"\tTab Name"'

b report funnel --by source --format csv
expect_rc "report funnel --by source --format csv" 0
printf '%s' "$OUT" >"$T/funnel.csv"
row=$(python3 -c 'import csv, sys
for i, r in enumerate(csv.DictReader(open(sys.argv[1], newline=""))):
    if r["key"] == sys.argv[2]: print(i + 1)' "$T/funnel.csv" "'@SUM(A1)")
if [ -n "$row" ]; then ok "report csv: the source key reads back as '@SUM(A1)"; else not_ok "report csv: the source key reads back as '@SUM(A1)" "$OUT"; fi
expect_cell "report csv: the imported source =1+1 is prefixed" "$T/funnel.csv" \
	"$(python3 -c 'import csv, sys
print([i + 1 for i, r in enumerate(csv.DictReader(open(sys.argv[1], newline=""))) if r["key"].endswith("=1+1")][0])' "$T/funnel.csv")" key "\"'=1+1\""
expect_cell "report csv: counts stay numbers" "$T/funnel.csv" "${row:-1}" leads "'1'"
b report funnel --by source --format json
expect_jq "report json: the key is verbatim" '[.rows[].key] | index("@SUM(A1)") != null' true

b report funnel --by segment --format csv
printf '%s' "$OUT" >"$T/seg.csv"
if python3 -c 'import csv, sys
keys = [r["key"] for r in csv.DictReader(open(sys.argv[1], newline=""))]
sys.exit(0 if "'"'"'-2+3" in keys and "'"'"'+seg" in keys else 1)' "$T/seg.csv"; then
	ok "report csv --by segment: '-2+3 and '+seg"
else
	not_ok "report csv --by segment: '-2+3 and '+seg"
fi

# the other CSV writers go through the same cell writer
b report credit --format csv
expect_rc "report credit --format csv" 0
b advise --format csv
expect_rc "advise --format csv" 0
b simulate --runs 20 --reps 8 --format csv
expect_rc "simulate --format csv" 0
if printf '%s' "$OUT" | python3 -c 'import csv, sys
rows = list(csv.DictReader(sys.stdin))
sys.exit(0 if rows and all(float(r["revenue_mean"]) >= 0 and not r["model"].startswith("'"'"'") for r in rows) else 1)'; then
	ok "simulate csv: numbers parse as numbers"
else
	not_ok "simulate csv: numbers parse as numbers"
fi

# baton's own export imports back to the raw values
rm -f "$BATON_DB"
b init
b lead import "$T/leads.csv"
expect_rc "the export imports into a fresh store" 0
b export leads --format json
expect_jq "import of the export: the name is raw again" '.[] | select(.email == "f1@corp.example") | .name' "$NAME"
expect_jq "import of the export: the phone is raw again" '.[] | select(.email == "f1@corp.example") | .phone' '+44 20 7946 0000'
expect_jq "import of the export: the segment is raw again" '.[] | select(.email == "f1@corp.example") | .segment' '-2+3'
expect_jq "import of the export: the tab name is raw again" '.[] | select(.email == "f2@corp.example") | .name | @json' '"\tTab Name"'
