#!/bin/sh
# demo.sh BATON [DB] - the README's first command: builds the demo organisation (a quarter of
# history driven through the real engine, `baton demo`), prints the reports a sales leader
# reads first and the 80/20 advice, creates a manager's API token, and starts the server on
# 127.0.0.1:8080 (the JSON API and the dashboard), having said how to put baton on the PATH
# for the README's tour. With CI set in the environment it stops before serving, so that CI
# can run the README's commands as they are.
set -eu
BATON=${1:-build/baton}
DB=${2:-demo.db}
PORT=${BATON_DEMO_PORT:-8080}
rm -f "$DB" "$DB-wal" "$DB-shm"
step() { printf '\n\033[1m$ baton %s\033[0m\n' "$*"; "$BATON" --db "$DB" "$@"; }

step demo --leads "${BATON_DEMO_LEADS:-2000}" --seed 1
step report funnel --by channel
step report speed --by source
step report sla
step report handoff
step report forecast
step advise
step simulate --runs 300 --quarters 4
manager=$("$BATON" --db "$DB" --json rep list --role manager | jq -r '.[0].name')
token=$("$BATON" --db "$DB" --json token create --rep "$manager" | jq -r .token)
echo
echo "The demo store is $DB. A token for $manager (a manager; shown once):"
echo "  export TOKEN=$token"
echo "  curl -H \"Authorization: Bearer \$TOKEN\" http://127.0.0.1:$PORT/api/v1/reports/funnel"
echo "The dashboard: http://127.0.0.1:$PORT/ (sign in with the token above)"
echo
if command -v baton >/dev/null 2>&1; then
	echo "baton is on the PATH: $(command -v baton)"
else
	echo "baton is $BATON; for the README's tour put it on the PATH:"
	echo "  make install                     # copies it to /usr/local/bin (root or sudo)"
	echo "  export PATH=\"$(cd "$(dirname "$BATON")" && pwd):\$PATH\"   # or this, in this shell"
fi
if [ -n "${CI:-}" ]; then
	echo "CI is set: not starting the server (run: $BATON --db $DB serve --listen 127.0.0.1:$PORT)"
	exit 0
fi
echo "Starting the server on http://127.0.0.1:$PORT (Ctrl-C stops it)"
exec "$BATON" --db "$DB" serve --listen "127.0.0.1:$PORT"
