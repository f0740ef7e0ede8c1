#!/bin/sh
# test_agree.sh - the command line and the API accept and refuse the same values, with the
# same message (issue 13.10): each value below goes through `baton ACTION` and through POST
# /api/v1/leads/{id}/events (or POST /api/v1/leads), and the two outcomes are compared. The
# rules live once, in src/core/bounds.c; text lengths count characters, not bytes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"
trap '[ -n "$SRV" ] && kill "$SRV" 2>/dev/null; rm -rf "$T"' EXIT
b init
team
b --json token create --rep maria
TK=$(printf '%s' "$OUT" | jq -r .token)
b --json token create --intake
TKI=$(printf '%s' "$OUT" | jq -r .token)
# two leads in handoff to erin, one for each adapter
lead_in_handoff cli@corp.example erin
LC=$HANDOFF_LEAD
lead_in_handoff api@corp.example erin
LA=$HANDOFF_LEAD
b --json lead add --email touch@corp.example
LT=$(printf '%s' "$OUT" | jq -r .id)
LTO=$(printf '%s' "$OUT" | jq -r .owner)
b --json token create --rep "$LTO"
TKO=$(printf '%s' "$OUT" | jq -r .token)
start_server || not_ok "the server starts" "$(tail -5 "$T/server.log")"

# agree NAME CLI_ARGS -- METHOD PATH TOKEN BODY: both succeed, or both fail with one message
agree() {
	_name=$1
	shift
	_args=
	while [ "$1" != -- ]; do _args="$_args $1"; shift; done
	shift
	# shellcheck disable=SC2086
	eval b $_args
	_crc=$RC _cmsg=${ERR#baton: }
	api "$1" "$2" "$3" "$4"
	_amsg=$(printf '%s' "$OUT" | jq -r '.error.message // empty' 2>/dev/null)
	if [ "$_crc" = 0 ] && [ "${CODE%??}" = 2 ]; then
		ok "$_name: both accept"
	elif [ "$_crc" != 0 ] && [ "${CODE%??}" = 4 ] && [ "$_cmsg" = "$_amsg" ]; then
		ok "$_name: both refuse, with the same message ($_crc, HTTP $CODE)"
	else
		not_ok "$_name: the command line and the API disagree" "cli exit $_crc [$_cmsg]; API HTTP $CODE [$_amsg]"
	fi
}

agree "touch --minutes 2 (the API refused what the CLI took)" touch "$LT" --by "$LTO" --kind call --minutes 2 -- \
	POST "/api/v1/leads/$LT/events" "$TKO" '{"type": "touch", "kind": "call", "minutes": 2}'
agree "touch --minutes 601" touch "$LT" --by "$LTO" --kind call --minutes 601 -- \
	POST "/api/v1/leads/$LT/events" "$TKO" '{"type": "touch", "kind": "call", "minutes": 601}'
agree "touch --minutes 0" touch "$LT" --by "$LTO" --kind call --minutes 0 -- \
	POST "/api/v1/leads/$LT/events" "$TKO" '{"type": "touch", "kind": "call", "minutes": 0}'
agree "accept --amount 12.345 (the API rounded it)" accept "$LC" --by maria --amount 12.345 -- \
	POST "/api/v1/leads/$LA/events" "$TK" '{"type": "accept", "amount": 12.345}'
agree "accept --amount -5" accept "$LC" --by maria --amount -5 -- \
	POST "/api/v1/leads/$LA/events" "$TK" '{"type": "accept", "amount": -5}'
agree "accept --amount 1000000000001" accept "$LC" --by maria --amount 1000000000001 -- \
	POST "/api/v1/leads/$LA/events" "$TK" '{"type": "accept", "amount": 1000000000001}'
agree "accept --amount 12.35" accept "$LC" --by maria --amount 12.35 -- \
	POST "/api/v1/leads/$LA/events" "$TK" '{"type": "accept", "amount": 12.35}'
a=$(sql "SELECT amount FROM leads WHERE id = $LC")
c=$(sql "SELECT amount FROM leads WHERE id = $LA")
if [ "$a" = 1235 ] && [ "$c" = 1235 ]; then ok "and both store 12.35 as 1235 cents"; else not_ok "and both store 12.35 as 1235 cents" "cli $a, api $c"; fi
agree "lead add --employees 10000001" lead add --email big@corp.example --employees 10000001 -- \
	POST /api/v1/leads "$TKI" '{"email": "big@corp.example", "employees": 10000001}'
e150=$(printf 'é%.0s' $(seq 1 150))
e201=$(printf 'é%.0s' $(seq 1 201))
agree "a name of 150 × é (300 bytes, 150 characters: the byte count refused it)" lead add --email e150c@corp.example --name "$e150" -- \
	POST /api/v1/leads "$TKI" "{\"email\": \"e150a@corp.example\", \"name\": \"$e150\"}"
n=$(sql "SELECT COUNT(*) FROM leads WHERE email IN ('e150c@corp.example', 'e150a@corp.example')")
if [ "$n" = 2 ]; then ok "a name of 150 characters in 300 bytes is stored by both"; else not_ok "a name of 150 characters in 300 bytes is stored by both" "found $n"; fi
agree "a name of 201 × é (over 200 characters)" lead add --email e201c@corp.example --name "$e201" -- \
	POST /api/v1/leads "$TKI" "{\"email\": \"e201a@corp.example\", \"name\": \"$e201\"}"
b lead add --email e201x@corp.example --name "$e201"
case "$ERR" in *"name is longer than 200 characters"*) ok "the message counts characters: name is longer than 200 characters" ;; *) not_ok "the message counts characters" "[$ERR]" ;; esac
stop_server
