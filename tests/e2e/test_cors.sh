#!/bin/sh
# test_cors.sh - a web form on another origin calls the API from a browser: the playbook's
# api.cors_origins decides; preflight 204 with the CORS headers for a listed origin, 403 and
# no header for any other; the intake answer carries Access-Control-Allow-Origin.
. "$(dirname "$0")/lib.sh"
b init
baton_pb=$(mktemp "$T/pb.XXXX")
"$BATON" playbook show | sed '1d' >"$baton_pb"
printf 'api:\n  cors_origins: ["https://www.example.com"]\n' >>"$baton_pb"
b playbook apply "$baton_pb"
expect_rc "a playbook with api.cors_origins applies" 0
b rep add r1 --role mrr
b --json token create --intake
TOKEN=$(printf '%s' "$OUT" | jq -r .token)
pid=
trap '[ -n "$pid" ] && kill -TERM $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT
for try in 1 2 3 4 5; do   # a port in use by something else: try another
	port=$((20000 + ($$ * 7 + try * 977) % 30000))
	"$BATON" --now 2026-11-23T08:00:00Z serve --listen 127.0.0.1:$port 2>"$T/serve.log" &
	pid=$!
	n=0
	until curl -sf --max-time 2 "http://127.0.0.1:$port/healthz" >/dev/null; do
		n=$((n + 1)); [ $n -lt 100 ] || break; sleep 0.1
	done
	kill -0 $pid 2>/dev/null && break
	wait $pid 2>/dev/null
	pid=
done
curl -s --max-time 5 -o /dev/null -D "$T/h1" -w '%{http_code}' -X OPTIONS -H 'Origin: https://www.example.com' \
	-H 'Access-Control-Request-Method: POST' "http://127.0.0.1:$port/api/v1/leads" >"$T/c1"
OUT=$(cat "$T/c1"); RC=0
expect_out "a listed origin's preflight is answered 204" 204
OUT=$(cat "$T/h1")
expect_out "with Access-Control-Allow-Origin for it" "Access-Control-Allow-Origin: https://www.example.com"
expect_out "and the headers a form needs" "Access-Control-Allow-Headers: Authorization, Content-Type, Idempotency-Key"
curl -s --max-time 5 -o /dev/null -D "$T/h2" -w '%{http_code}' -X OPTIONS -H 'Origin: https://evil.example' \
	"http://127.0.0.1:$port/api/v1/leads" >"$T/c2"
OUT=$(cat "$T/c2")
expect_out "any other origin's preflight is refused" 403
if grep -qi "Access-Control-Allow-Origin" "$T/h2"; then not_ok "and carries no CORS header"; else ok "and carries no CORS header"; fi
curl -s --max-time 5 -o "$T/b3" -D "$T/h3" -w '%{http_code}' -X POST -H 'Origin: https://www.example.com' \
	-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"email":"form@site.example"}' \
	"http://127.0.0.1:$port/api/v1/leads" >"$T/c3"
OUT=$(cat "$T/c3")
expect_out "the form's intake is created" 201
OUT=$(cat "$T/h3")
expect_out "and its answer carries the origin" "Access-Control-Allow-Origin: https://www.example.com"
kill -TERM $pid
wait $pid
RC=$?
expect_rc "the server stops cleanly" 0
