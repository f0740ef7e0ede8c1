#!/bin/sh
# test_stuck.sh - slow and stuck work is bounded (issue 13.9), with real processes: a server
# whose webhook receiver accepts connections and never answers still stops at once on SIGTERM
# (the drain checks the stop flag and abandons the delivery in flight), and a server whose
# store's folder was removed answers /healthz 503 from every worker, never 200 or 404.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"
LST=
trap '[ -n "$SRV" ] && kill -9 "$SRV" 2>/dev/null; [ -n "$LST" ] && kill "$LST" 2>/dev/null; rm -rf "$T"' EXIT

# ---------------------------------------------------------------- SIGTERM and a stuck receiver
b init
team
i=1
while [ $i -le 8 ]; do
	b lead add --email "stuck$i@corp.example" --name "Stuck $i"
	i=$((i + 1))
done
# a receiver that never answers: the kernel accepts (listen backlog), nobody reads or replies
python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(64)
print(s.getsockname()[1], flush=True)
time.sleep(600)' >"$T/lport" &
LST=$!
i=0
while [ ! -s "$T/lport" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
LPORT=$(cat "$T/lport")
b playbook show
printf '%s\n' "$OUT" | sed "s#http://127.0.0.1:9000/hook#http://127.0.0.1:$LPORT/hook#" >"$T/pb.yaml"
b playbook apply "$T/pb.yaml"
expect_rc "setup: the playbook's webhook points at a receiver that never answers" 0
NOW=2026-11-23T12:00:00Z
b --json tick
expect_jq "setup: the tick breaches the untouched leads (notifications queued)" '[.[] | select(.type == "breach")] | length >= 8' true
export BATON_WEBHOOK_SECRET=s3cret
start_server || not_ok "the server starts" "$(tail -5 "$T/server.log")"
sleep 2 # the ticker's drain is now waiting on the stuck receiver
kill -TERM "$SRV"
i=0
while kill -0 "$SRV" 2>/dev/null && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$SRV" 2>/dev/null; then
	not_ok "SIGTERM stops the server while its webhook receiver never answers" "still running 15 s after SIGTERM"
	kill -9 "$SRV"
	wait "$SRV" 2>/dev/null
else
	wait "$SRV"
	rc=$?
	if [ "$rc" = 0 ]; then ok "SIGTERM stops the server while its webhook receiver never answers (exit 0)"; else not_ok "SIGTERM stops the server while its webhook receiver never answers" "exit $rc"; fi
fi
SRV=
n=$(sql "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND attempts = 0")
if [ "$n" -ge 1 ]; then ok "the abandoned deliveries stay due for the next start ($n untried)"; else not_ok "the abandoned deliveries stay due for the next start" "untried [$n]"; fi
kill "$LST" 2>/dev/null
LST=
unset BATON_WEBHOOK_SECRET

# ---------------------------------------------------------------- /healthz without a store
if on_pg; then
	echo "ok - healthz after the store's folder is removed # SKIP a SQLite file only"
else
	mkdir -p "$T/gone"
	export BATON_DB="$T/gone/baton.db"
	b init
	start_server || not_ok "the server starts on a store in its own folder" "$(tail -5 "$T/server.log")"
	api GET /healthz ""
	check "/healthz answers 200 while the store is there" 200 .status ok
	rm -rf "$T/gone"
	codes=
	i=0
	while [ $i -lt 40 ]; do
		codes="$codes $(curl -s -o /dev/null --max-time 5 -w '%{http_code}' "$URL/healthz")"
		i=$((i + 1))
	done
	other=$(printf '%s\n' $codes | grep -cv '^503$')
	if [ "$other" = 0 ]; then ok "after its folder is removed, 40 calls to /healthz all answer 503"; else not_ok "after its folder is removed, 40 calls to /healthz all answer 503" "got:$codes"; fi
	api GET /healthz ""
	check "and say so in JSON" 503 .status unavailable
	api GET /api/v1/queue "bt_1_x"
	if [ "$CODE" = 503 ] || [ "$CODE" = 401 ]; then ok "an API call then answers 503 or 401, never 404 ($CODE)"; else not_ok "an API call then answers 503 or 401, never 404" "HTTP $CODE"; fi
	stop_server
fi
