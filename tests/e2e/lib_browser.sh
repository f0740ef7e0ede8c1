# lib_browser.sh - helpers for the end-to-end tests that drive the dashboard in a browser
# (sourced after lib.sh and lib_http.sh; tests/e2e/test_dashboard.sh is the pattern):
# browser_ready (exit 0 with a skip line without chromium, fail without node and
# playwright-core), browser_run SCRIPT [NAME=VALUE ...] (node runs tests/browser/SCRIPT with
# those in its environment; NODE_RC), stop_server_checked (the server stopped, cleanly, and
# no sanitizer report in its log).
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CHROMIUM=${BATON_CHROMIUM:-/usr/bin/chromium}
SHOTS=${BATON_SCREENSHOTS:-$T/screenshots}
NODE_RC=

# browser_ready: returns when chromium, node and playwright-core are there; else exits (0 with
# a skip line without chromium, 1 without node or playwright-core)
browser_ready() {
	if [ ! -x "$CHROMIUM" ]; then
		echo "# skip: no chromium at $CHROMIUM (make deps installs Debian's chromium)"
		exit 0
	fi
	if ! command -v node >/dev/null 2>&1 || [ ! -d "$ROOT/tests/browser/node_modules/playwright-core" ]; then
		echo "not ok - the browser test needs node and playwright-core: run make deps"
		exit 1
	fi
}

# browser_run SCRIPT [NAME=VALUE ...]: node runs tests/browser/SCRIPT (its TAP lines go to
# stdout) with the NAME=VALUE pairs and BATON_URL, BATON_SCREENSHOTS and BATON_CHROMIUM in its
# environment; NODE_RC is its exit status, and the server log's last lines are printed when it
# failed
browser_run() {
	_script=$1
	shift
	env "$@" BATON_URL="$URL" BATON_SCREENSHOTS="$SHOTS" BATON_CHROMIUM="$CHROMIUM" node "$ROOT/tests/browser/$_script"
	NODE_RC=$?
	if [ "$NODE_RC" -ne 0 ]; then
		echo "#   the browser test exited $NODE_RC; server log:"
		tail -5 "$T/server.log" | sed 's/^/#   /'
	fi
}

# stop_server_checked: stop_server, then "ok" when it stopped cleanly on SIGTERM and when its
# log holds no sanitizer report
stop_server_checked() {
	stop_server
	if [ "$SRV_RC" -eq 0 ]; then ok "baton serve stops cleanly on SIGTERM"; else not_ok "baton serve stops cleanly on SIGTERM" "exit $SRV_RC"; fi
	if grep -q 'Sanitizer\|runtime error:' "$T/server.log"; then
		not_ok "no sanitizer report from the server" "$(grep -A5 'Sanitizer\|runtime error:' "$T/server.log" | head -20)"
	else
		ok "no sanitizer report from the server"
	fi
}
