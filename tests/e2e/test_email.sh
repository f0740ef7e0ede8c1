#!/bin/sh
# test_email.sh - one person, one lead, however the address is written (issue 13): upper
# case, surrounding spaces and fullwidth letters are one canonical address (NFKC, trimmed,
# case-folded) on the command line, in a CSV import and through the API, before the dedupe
# and the account match; invalid UTF-8 and DEL are refused naming `email` in all three, and
# a store holding addresses written by the old rule still opens.
. "$(dirname "$0")/lib.sh"

# the same address in fullwidth letters: ｅｖｅ＠ｃｏｒｐ．ｅｘａｍｐｌｅ, and its pieces
fw() { printf '%s' "$1" | sed 's/e/ｅ/g; s/v/ｖ/g; s/c/ｃ/g; s/o/ｏ/g; s/r/ｒ/g; s/p/ｐ/g; s/x/ｘ/g; s/a/ａ/g; s/m/ｍ/g; s/l/ｌ/g; s/i/ｉ/g; s/y/ｙ/g; s/u/ｕ/g; s/@/＠/g; s/\./．/g'; }
DEL=$(printf '\177')
BAD=$(printf '\377')

b init
team
b account add Corp --domain corp.example --owner erin
expect_rc "an account for corp.example" 0
CORP=$(sql "SELECT id FROM accounts WHERE domain = 'corp.example'")

# leads NAME EMAIL COUNT: the number of leads with that email is COUNT
leads() {
	n=$(sql "SELECT count(*) FROM leads WHERE email = '$2'")
	if [ "$n" = "$3" ]; then ok "$1"; else not_ok "$1" "expected $3 leads with email $2, got $n"; fi
}

# ---- the command line
b --json lead add --email 'Eve@Corp.example'
expect_rc "cli: Eve@Corp.example is taken in" 0
expect_jq "cli: it is stored lower case" .email eve@corp.example
expect_jq "cli: its domain matched the account" .account "$CORP"
EVE=$(printf '%s' "$OUT" | jq -r .id)
b --json lead add --email ' eve@corp.example '
expect_rc "cli: ' eve@corp.example ' is taken in" 0
expect_jq "cli: ' eve@corp.example ' is the same lead, a duplicate" '"\(.id) \(.duplicate)"' "$EVE true"
b --json lead add --email "$(fw eve@corp.example)"
expect_rc "cli: the fullwidth address is taken in" 0
expect_jq "cli: the fullwidth address is the same lead, a duplicate" '"\(.id) \(.duplicate)"' "$EVE true"
b --json lead add --email "$(printf '\342\200\213Eve@corp.example\302\240')"
expect_jq "cli: with a zero-width space before and a no-break space after, the same lead" '"\(.id) \(.duplicate)"' "$EVE true"
leads "cli: one lead for eve" eve@corp.example 1
b --json lead add --email "$(fw ivy@corp.example)"
expect_jq "cli: a new person in fullwidth is matched to the account by domain" '"\(.email) \(.account)"' "ivy@corp.example $CORP"

snapshot "$T/before"
b lead add --email "e${DEL}ve@corp.example"
expect_rc "cli: DEL in the email is bad input" 2
expect_err "cli: the DEL message names email" "email contains a control character"
b lead add --email "e${BAD}ve@corp.example"
expect_rc "cli: invalid UTF-8 in the email is bad input" 2
expect_err "cli: the invalid UTF-8 message names email" "email is not valid UTF-8"
b lead add --email "$(printf 'e\342\200\213ve@corp.example')"
expect_rc "cli: a zero-width space inside the email is bad input" 2
expect_err "cli: the zero-width space is named" "email contains an invisible character (U+200B)"
b lead add --email "$(printf 'eve\342\200\250@corp.example')"
expect_rc "cli: a line separator inside the email is bad input" 2
expect_unchanged "cli: nothing stored for the refused addresses" "$T/before"

# ---- a CSV import: the three ways of writing one person, then the two refused rows
printf 'email,name\nAda@Corp.example,Ada\n" ada@corp.example ",Ada again\n%s,Ada fullwidth\na%sda@corp.example,Del\n' \
	"$(fw ada@corp.example)" "$DEL" >"$T/people.csv"
printf 'a%sda@corp.example,Latin-1\n' "$BAD" >>"$T/people.csv"
b --json lead import "$T/people.csv"
expect_rc "csv: the import runs" 0
expect_jq "csv: one lead imported" .imported 1
expect_jq "csv: the second and third rows are duplicates" .duplicates 2
expect_jq "csv: DEL (line 5) and invalid UTF-8 (line 6) are refused naming email" \
	'[.errors[] | "\(.line):\(.field)"] | join(" ")' "5:email 6:email"
leads "csv: one lead for ada" ada@corp.example 1
leads "csv: nothing stored with DEL" "a${DEL}da@corp.example" 0

# ---- the API
. "$(dirname "$0")/lib_http.sh"
b --json token create --intake
TK=$(printf '%s' "$OUT" | jq -r .token)
start_server || not_ok "the server starts" "$(tail -5 "$T/server.log")"
api POST /api/v1/leads "$TK" '{"email": "Uma@Corp.example"}'
check "api: Uma@Corp.example is created" 201 .received true
UMA=$(printf '%s' "$OUT" | jq -r .id)
g=$("$BATON" --json lead show "$UMA" 2>/dev/null | jq -r .email)
if [ "$g" = uma@corp.example ]; then ok "api: and stored as uma@corp.example"; else not_ok "api: and stored as uma@corp.example" "got [$g]"; fi
api POST /api/v1/leads "$TK" '{"email": " uma@corp.example "}'
check "api: ' uma@corp.example ' is the same lead, a duplicate" 200 '"\(.id) \(.duplicate)"' "$UMA true"
api POST /api/v1/leads "$TK" "{\"email\": \"$(fw uma@corp.example)\"}"
check "api: the fullwidth address is the same lead, a duplicate" 200 '"\(.id) \(.duplicate)"' "$UMA true"
api POST /api/v1/leads "$TK" '{"email": "\uff55ma@corp.example\u2028"}'
check "api: a fullwidth letter as a JSON escape and a trailing U+2028, the same lead" 200 .id "$UMA"
leads "api: one lead for uma" uma@corp.example 1
snapshot "$T/before"
api POST /api/v1/leads "$TK" '{"email": "e\u007fve@corp.example"}'
check_error "api: DEL in the email is 422 naming email" 422 unprocessable email
api POST /api/v1/leads "$TK" "{\"email\": \"e${DEL}ve@corp.example\"}"
check_error "api: a raw DEL byte in the email is 422 naming email" 422 unprocessable email
api POST /api/v1/leads "$TK" '{"email": "e\u200bve@corp.example"}'
check_error "api: a zero-width space inside the email is 422 naming email" 422 unprocessable email
# a body that is not UTF-8 is not JSON (RFC 8259): the parser refuses it whole
api POST /api/v1/leads "$TK" "{\"email\": \"e${BAD}ve@corp.example\"}"
check_error "api: invalid UTF-8 in the email is refused (400, the body is not JSON)" 400 bad_request body
expect_unchanged "api: nothing stored for the refused addresses" "$T/before"
stop_server

# ---- a store written by the old rule (ASCII lower case only) still opens and lists
sql "UPDATE leads SET email = 'Éve@corp.example' WHERE id = $EVE"
b --json lead list
expect_rc "a stored address the new rule would write differently still lists" 0
expect_jq "it is shown as stored" "[.[] | select(.id == $EVE) | .email] | join(\"\")" "Éve@corp.example"
b --json lead show "$EVE"
expect_rc "and shows" 0
