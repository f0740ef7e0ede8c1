# lib_http.sh - helpers for the end-to-end tests that talk to `baton serve` (sourced after
# lib.sh): start_server on a free port of 127.0.0.1 with the clock frozen at $NOW, stop_server
# (SIGTERM; SRV_RC holds its exit status) and stop_server_checked (which also says how it
# stopped), api METHOD PATH TOKEN [BODY [CURL ARGS]] and the check* assertions over its answer.
# The same helpers as test_api.sh, shared by the dashboard's tests.
SRV=
SRV_RC=none
# at exit the server is stopped, then the test's store goes (lib_cleanup); an interrupt exits
trap 'stop_server; lib_cleanup' EXIT
trap 'exit 1' INT TERM HUP
PORT=
URL=
CODE=
CTYPE=

# stop_server: SIGTERM to the server, waits for it; SRV_RC is its exit status
stop_server() {
	if [ -n "$SRV" ]; then
		kill -TERM "$SRV" 2>/dev/null
		wait "$SRV"
		SRV_RC=$?
		SRV=
	fi
}

# stop_server_checked: stop_server, then says whether it stopped cleanly on SIGTERM and whether
# its log holds a sanitizer report
stop_server_checked() {
	stop_server
	if [ "$SRV_RC" -eq 0 ]; then ok "baton serve stops cleanly on SIGTERM"; else not_ok "baton serve stops cleanly on SIGTERM" "exit $SRV_RC"; fi
	if grep -q 'Sanitizer\|runtime error:' "$T/server.log"; then
		not_ok "no sanitizer report from the server" "$(grep -A5 'Sanitizer\|runtime error:' "$T/server.log" | head -20)"
	else
		ok "no sanitizer report from the server"
	fi
}

# browser_ready: for the browser tests (tests/browser/*.mjs): sets ROOT, CHROMIUM ($BATON_CHROMIUM,
# default Debian's) and SHOTS ($BATON_SCREENSHOTS, default a folder of the test's); exits 0
# saying why (a skip) without chromium, 1 without node and playwright-core
browser_ready() {
	ROOT=$(cd "$(dirname "$0")/../.." && pwd)
	CHROMIUM=${BATON_CHROMIUM:-/usr/bin/chromium}
	SHOTS=${BATON_SCREENSHOTS:-$T/screenshots}
	if [ ! -x "$CHROMIUM" ]; then
		echo "# skip: no chromium at $CHROMIUM (make deps installs Debian's chromium)"
		exit 0
	fi
	if ! command -v node >/dev/null 2>&1 || [ ! -d "$ROOT/tests/browser/node_modules/playwright-core" ]; then
		echo "not ok - the browser test needs node and playwright-core: run make deps"
		exit 1
	fi
}

# run_browser SCRIPT [NAME=VALUE...]: runs tests/browser/SCRIPT against the server with
# BATON_URL, BATON_SCREENSHOTS, BATON_CHROMIUM and the NAME=VALUE given in its environment; sets
# NODE_RC to its exit status (and shows the server log's tail when it failed)
run_browser() {
	_s=$1
	shift
	env BATON_URL="$URL" BATON_SCREENSHOTS="$SHOTS" BATON_CHROMIUM="$CHROMIUM" "$@" node "$ROOT/tests/browser/$_s"
	NODE_RC=$?
	if [ "$NODE_RC" -ne 0 ]; then
		echo "#   the browser test exited $NODE_RC; server log:"
		tail -5 "$T/server.log" | sed 's/^/#   /'
	fi
}

# start_server: `baton serve` on a free port of 127.0.0.1 (a few tries), waits for /healthz
# (at most ~10 s); 0 when it answers. Its log goes to $T/server.log.
start_server() {
	tries=0
	while [ $tries -lt 6 ]; do
		PORT=$((20000 + ($$ * 13 + tries * 4513 + ${PORT_SALT:-0}) % 40000))
		tries=$((tries + 1))
		URL="http://127.0.0.1:$PORT"
		if [ "$(curl -s --max-time 1 -o /dev/null -w '%{http_code}' "$URL/healthz")" != 000 ]; then
			continue # something already answers there
		fi
		"$BATON" --now "$NOW" serve --listen "127.0.0.1:$PORT" 2>>"$T/server.log" &
		SRV=$!
		i=0
		while [ $i -lt 100 ]; do
			kill -0 "$SRV" 2>/dev/null || break # it could not listen: try another port
			if [ "$(curl -s --max-time 1 -o /dev/null -w '%{http_code}' "$URL/healthz")" = 200 ]; then
				return 0
			fi
			sleep 0.1
			i=$((i + 1))
		done
		kill -TERM "$SRV" 2>/dev/null
		wait "$SRV" 2>/dev/null
		SRV=
	done
	return 1
}

# api METHOD PATH TOKEN [BODY [CURL ARGS...]]: one request; TOKEN "" sends no Authorization;
# BODY "" sends none. Sets CODE, OUT (the body), CTYPE, HEADERS (file of the answer's headers).
api() {
	_m=$1 _p=$2 _t=$3
	shift 3
	_b=${1-}
	[ $# -gt 0 ] && shift
	if [ -n "$_b" ]; then
		printf '%s' "$_b" >"$T/req.body"
		set -- -H "Content-Type: application/json" --data-binary "@$T/req.body" "$@"
	fi
	if [ -n "$_t" ]; then
		set -- -H "Authorization: Bearer $_t" "$@"
	fi
	HEADERS="$T/resp.headers"
	: >"$HEADERS"
	CODE=$(curl -s --max-time 20 -X "$_m" -D "$HEADERS" -o "$T/resp.body" -w '%{http_code}' "$@" "$URL$_p")
	RC=$?
	OUT=$(cat "$T/resp.body")
	CTYPE=$(header Content-Type)
	ERR="(HTTP $CODE, Content-Type $CTYPE, for $_m $_p)"
}

# header NAME: the value of the last answer's header NAME (case-insensitive)
header() {
	tr -d '\r' <"$HEADERS" | awk -v n="$1" 'BEGIN { n = tolower(n) ":" } tolower($1) == n { sub(/^[^:]*: */, ""); v = $0 } END { print v }'
}

# check NAME STATUS [FILTER EXPECTED]: the last answer had STATUS (and jq -r FILTER of its body
# equals EXPECTED)
check() {
	_n=$1 _s=$2
	shift 2
	if [ "$CODE" != "$_s" ]; then
		not_ok "$_n" "expected HTTP $_s, got $CODE"
		return
	fi
	if [ $# -ge 2 ]; then
		_g=$(printf '%s' "$OUT" | jq -r "$1" 2>&1)
		if [ "$_g" = "$2" ]; then ok "$_n"; else not_ok "$_n" "jq '$1': expected [$2] got [$_g]"; fi
	else
		ok "$_n"
	fi
}

# check_error NAME STATUS CODE [FIELD]: an error answer {"error": {"code", "message"[, "field"]}}
check_error() {
	if [ $# -ge 4 ]; then
		check "$1" "$2" '[.error.code, (.error.message|type), .error.field] | map(tostring) | join(" ")' "$3 string $4"
	else
		check "$1" "$2" '[.error.code, (.error.message|type)] | join(" ")' "$3 string"
	fi
}

# tokens_for NAME...: sets TOKENS to a JSON object of a new API token for each rep named
# ({"NAME": "TOKEN", ...}), as the browser tests take them (BATON_TOKENS)
tokens_for() {
	TOKENS="{}"
	for r in "$@"; do
		b --json token create --rep "$r"
		TOKENS=$(printf '%s' "$TOKENS" | jq -c --arg r "$r" --arg t "$(printf '%s' "$OUT" | jq -r .token)" '. + {($r): $t}')
	done
}
