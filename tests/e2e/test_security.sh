#!/bin/sh
# test_security.sh - the claims of SECURITY.md, one check each: tokens stored only as hashes and
# refused once revoked or when their rep is inactive; text that looks like SQL stored verbatim
# (bound parameters); role rules decided by the core (the same refusal from the command line
# and the API); a rep sees only its leads; an idle half-sent request is cut off by the server's
# connection timeout; errors never carry SQL.
. "$(dirname "$0")/lib.sh"

SRV=
trap '[ -n "$SRV" ] && kill "$SRV" 2>/dev/null; rm -rf "$T"' EXIT
b init
team
b --json token create --rep alice
TK_ALICE=$(printf '%s' "$OUT" | jq -r .token)
ID_ALICE=$(printf '%s' "$OUT" | jq -r .id)
b --json token create --rep sam
TK_SAM=$(printf '%s' "$OUT" | jq -r .token)
b --json token create --rep bob
TK_BOB=$(printf '%s' "$OUT" | jq -r .token)
b --json token create --intake
TK_INTAKE=$(printf '%s' "$OUT" | jq -r .token)

# tokens: only a hash is stored
secret=${TK_ALICE#bt_*_}
if store_dump | grep -a -q -- "$secret"; then not_ok "a token's secret is nowhere in the store files"; else ok "a token's secret is nowhere in the store files"; fi
if on_pg || [ -x "$(command -v sqlite3)" ]; then
	h=$(sql "SELECT length(hash) FROM tokens WHERE id = $ID_ALICE")
	if [ "$h" = 64 ]; then ok "the store keeps a 256-bit hash of it"; else not_ok "the store keeps a 256-bit hash of it" "hash length $h"; fi
fi

. "$(dirname "$0")/lib_http.sh"
start_server || not_ok "the server starts" "$(tail -5 "$T/server.log")"
call() { # METHOD PATH TOKEN [BODY]: sets CODE and OUT
	if [ $# -ge 4 ]; then
		CODE=$(curl -s --max-time 10 -o "$T/r" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $3" \
			-H 'Content-Type: application/json' --data-binary "$4" "$URL$2")
	else
		CODE=$(curl -s --max-time 10 -o "$T/r" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $3" "$URL$2")
	fi
	OUT=$(cat "$T/r")
}

# text that looks like SQL is data: bound parameters everywhere
evil="Robert'); DROP TABLE leads;--"
call POST /api/v1/leads "$TK_INTAKE" "{\"email\": \"bobby@tables.example\", \"name\": \"$evil\", \"company\": \"x' OR '1'='1\"}"
if [ "$CODE" = 201 ]; then ok "a name that looks like SQL is accepted as text"; else not_ok "a name that looks like SQL is accepted as text" "HTTP $CODE"; fi
LID=$(printf '%s' "$OUT" | jq -r .id)
b --json lead show "$LID"
expect_jq "it reads back byte for byte" .name "$evil"
expect_jq "and so does the company" .company "x' OR '1'='1"
b --json lead list --source "x' OR '1'='1"
expect_jq "a filter value that looks like SQL matches nothing" 'length' 0
b --json lead list
expect_jq "the leads table is still there" 'length > 0' true

# the core decides roles: the same refusal from the command line and the API
b --json lead add --email ho@corp.example
H=$(printf '%s' "$OUT" | jq -r .id)
HO=$(printf '%s' "$OUT" | jq -r .owner)
b touch "$H" --by "$HO" --kind call
b qualify "$H" --by "$HO" --set budget=yes authority=influencer need=x timeline=later
b handoff "$H" --by "$HO" --to erin --note direct_phone=1 mobile_phone=2 summary=3 company_changes=4 current_systems=5
b accept "$H" --by "$HO"
cli_msg=${ERR#baton: }
expect_rc "the command line refuses the accept of the rep who handed the lead off (exit 4)" 4
if [ "$HO" = alice ]; then TK_HO=$TK_ALICE; else TK_HO=$TK_BOB; fi
call POST "/api/v1/leads/$H/events" "$TK_HO" '{"type": "accept"}'
api_msg=$(printf '%s' "$OUT" | jq -r .error.message)
if [ "$CODE" = 403 ] && [ "$api_msg" = "$cli_msg" ]; then
	ok "the API refuses it (403) with the core's same message"
else
	not_ok "the API refuses it (403) with the core's same message" "HTTP $CODE [$api_msg] vs [$cli_msg]"
fi

# issue 13.2: a manager acts only on the leads owned within its team. maria's SDR sam hands a
# lead to ed, an AE of mark's team: maria may read it (her rep handed it off) but not act on it
b rep add mark --role manager --team us
b rep add ed --role ae --team us --manager mark
b --json token create --rep maria
TK_MARIA=$(printf '%s' "$OUT" | jq -r .token)
lead_in_handoff cross@corp.example ed
X=$HANDOFF_LEAD
expect_rc "setup: a lead handed from maria's team to ed of mark's team" 0
call GET "/api/v1/leads/$X" "$TK_MARIA"
if [ "$CODE" = 200 ] && [ "$(printf '%s' "$OUT" | jq -c '.actions - ["touch"]')" = '[]' ]; then ok "maria reads the lead her team handed off, offered no action but a touch"; else not_ok "maria reads the lead her team handed off, offered no action but a touch" "HTTP $CODE $(printf '%s' "$OUT" | jq -c .actions)"; fi
call POST "/api/v1/leads/$X/events" "$TK_MARIA" '{"type": "accept", "amount": 999999}'
if [ "$CODE" = 403 ] && printf '%s' "$OUT" | jq -e '.error.message | test("acts only on the leads of its team")' >/dev/null; then ok "the API refuses maria's accept of another team's deal (403)"; else not_ok "the API refuses maria's accept of another team's deal (403)" "HTTP $CODE $OUT"; fi
b accept "$X" --by maria
expect_rc "the command line refuses it too (exit 4)" 4
b accept "$X" --by mark --amount 5000
expect_rc "the owner's manager may accept it" 0
call POST "/api/v1/leads/$X/events" "$TK_MARIA" '{"type": "close", "outcome": "won", "amount": 1000000}'
if [ "$CODE" = 403 ]; then ok "nor may maria close it won for any amount (403)"; else not_ok "nor may maria close it won for any amount (403)" "HTTP $CODE $OUT"; fi
b --json lead show "$X"
expect_jq "the deal is untouched by maria" .stage sql

# a rep sees only its own leads
b --json lead add --email mine@corp.example
A=$(printf '%s' "$OUT" | jq -r .id)
AO=$(printf '%s' "$OUT" | jq -r .owner)
[ "$AO" = alice ] || { b --json lead add --email mine2@corp.example; A=$(printf '%s' "$OUT" | jq -r .id); AO=$(printf '%s' "$OUT" | jq -r .owner); }
if [ "$AO" = alice ]; then TK_OWN=$TK_ALICE TK_OTHER=$TK_BOB; else TK_OWN=$TK_BOB TK_OTHER=$TK_ALICE; fi
call GET "/api/v1/leads/$A" "$TK_OWN"
if [ "$CODE" = 200 ]; then ok "its owner reads the lead"; else not_ok "its owner reads the lead" "HTTP $CODE"; fi
call GET "/api/v1/leads/$A" "$TK_OTHER"
if [ "$CODE" = 404 ]; then ok "another rep does not: 404, as for a lead that does not exist"; else not_ok "another rep does not: 404, as for a lead that does not exist" "HTTP $CODE"; fi
call GET /api/v1/leads "$TK_OTHER"
if printf '%s' "$OUT" | jq -e --argjson a "$A" 'all(.[]; .id != $a)' >/dev/null; then ok "nor sees it in its list"; else not_ok "nor sees it in its list"; fi
call POST "/api/v1/leads/$A/events" "$TK_OTHER" '{"type": "touch", "kind": "call"}'
if [ "$CODE" = 404 ]; then ok "nor may it act on it (404)"; else not_ok "nor may it act on it (404)" "HTTP $CODE"; fi

# revoked tokens and inactive reps
b token revoke "$ID_ALICE"
call GET /api/v1/queue "$TK_ALICE"
if [ "$CODE" = 401 ]; then ok "a revoked token is refused (401)"; else not_ok "a revoked token is refused (401)" "HTTP $CODE"; fi
b rep set bob --active false
call GET /api/v1/queue "$TK_BOB"
if [ "$CODE" = 401 ]; then ok "the token of an inactive rep is refused (401)"; else not_ok "the token of an inactive rep is refused (401)" "HTTP $CODE"; fi
call GET /api/v1/queue "bt_${ID_ALICE}_$(printf 'A%.0s' $(seq 1 43))"
if [ "$CODE" = 401 ]; then ok "a guessed secret for a real token id is refused (401)"; else not_ok "a guessed secret is refused" "HTTP $CODE"; fi

# errors carry no SQL
call GET "/api/v1/leads?stage=x'%20OR%201=1--" "$TK_SAM"
if printf '%s' "$OUT" | grep -qi 'sqlite\|select \|syntax'; then not_ok "errors carry no SQL" "$OUT"; else ok "errors carry no SQL ($CODE)"; fi

# a half-sent request is cut off by the connection timeout (10 s); bash holds the socket
took=$(bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
	printf "GET /healthz HTTP/1.1\r\nHost: x\r\n" >&3
	start=$(date +%s)
	timeout 20 cat <&3 >/dev/null
	echo $(($(date +%s) - start))' _ "$PORT")
if [ -n "$took" ] && [ "$took" -ge 8 ] && [ "$took" -le 14 ]; then ok "an idle half-sent request is closed after the 10 s timeout ($took s)"; else not_ok "an idle half-sent request is closed after the timeout" "took [$took] s"; fi

# issue 13.5: the route and the token are checked on the headers, before the body is read. A
# request that announces a 1 MiB body and sends none is answered 401 at once (before, the
# server waited for the body it would then refuse)
first=$(bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
	printf "POST /api/v1/leads HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n" >&3
	timeout 8 head -n 1 <&3' _ "$PORT" | tr -d '\r')
case "$first" in *" 401 "*) ok "an unauthenticated POST is refused (401) on its headers, its body never read" ;; *) not_ok "an unauthenticated POST is refused (401) on its headers, its body never read" "first line [$first]" ;; esac
first=$(bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
	printf "POST /api/v1/leads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer $2\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n" >&3
	timeout 8 head -n 1 <&3' _ "$PORT" "$TK_INTAKE" | tr -d '\r')
case "$first" in *" 413 "*) ok "a body announced over 1 MiB is refused (413) on its headers" ;; *) not_ok "a body announced over 1 MiB is refused (413) on its headers" "first line [$first]" ;; esac
# and 100 unauthenticated 1 MiB POSTs, 20 at a time, do not grow the server by their bodies
rss() { awk '/^VmRSS/ {print $2}' "/proc/$SRV/status"; }
head -c 1048576 /dev/zero | tr '\0' 'a' >"$T/mib"
before=$(rss)
seq 1 100 | xargs -P 20 -I{} curl -s -o /dev/null --max-time 20 -H 'Content-Type: application/json' --data-binary "@$T/mib" "$URL/api/v1/leads"
after=$(rss)
grown=$(((after - before) / 1024))
if [ "$grown" -lt 40 ]; then ok "100 unauthenticated 1 MiB POSTs grow the server by less than 40 MB ($grown MB)"; else not_ok "100 unauthenticated 1 MiB POSTs grow the server by less than 40 MB" "grew $grown MB ($before -> $after kB)"; fi

# issue 13.9: a client that trickles its request a byte every 4 s is cut off by the request
# deadline (20 s to receive a whole request), though it never stays idle for the 10 s timeout
cut=$(bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
	printf "GET /healthz HTTP/1.1\r\n" >&3
	i=0
	while [ $i -lt 12 ]; do
		sleep 4
		i=$((i + 1))
		printf "X" >&3 2>/dev/null || { echo "cut after $((i * 4)) s"; exit 0; }
		timeout 0.3 cat <&3 >/dev/null 2>&1
		[ $? -eq 124 ] || { echo "cut after $((i * 4)) s"; exit 0; } # EOF: the server closed it
	done
	echo "still open after 48 s"' _ "$PORT" 2>/dev/null)
case "$cut" in "cut after"*) ok "a request trickled a byte every 4 s is cut off by the deadline ($cut)" ;; *) not_ok "a request trickled a byte every 4 s is cut off by the deadline" "[$cut]" ;; esac
