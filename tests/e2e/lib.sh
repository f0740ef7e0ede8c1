# lib.sh - helpers for baton's end-to-end tests: each test drives the built binary ($BATON,
# the sanitizer build) on a fresh store in a temporary folder and prints TAP-style lines
# ("ok - name" / "not ok - name") that tests/run.sh counts.
set -u
BATON=${BATON:-build/san/baton}
T=$(mktemp -d)
# lib_cleanup: what every test leaves behind goes (its folder; on PostgreSQL its database)
lib_cleanup() {
	if [ -n "${PGDB:-}" ]; then
		psql -XqAt "$BATON_TEST_PG" -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" >/dev/null 2>&1
	fi
	rm -rf "$T"
}
trap lib_cleanup EXIT
export BATON_DB="$T/baton.db"
# the PostgreSQL pass (tests/run.sh sets BATON_TEST_PG, the throwaway cluster's URL): the
# test's store is a fresh database of that cluster, dropped at exit by lib_cleanup (a test
# with a trap of its own that does not call it leaves it to the cluster's removal)
if [ -n "${BATON_TEST_PG:-}" ]; then
	PGDB="baton_e2e_$$"
	PGOPTIONS="-c client_min_messages=warning" psql -XqAt "$BATON_TEST_PG" -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" \
		-c "CREATE DATABASE $PGDB" >/dev/null || exit 1
	BATON_DB=$(printf '%s' "$BATON_TEST_PG" | sed "s|/postgres?|/$PGDB?|")
fi

# sql QUERY: runs QUERY on the test's store (sqlite3, or psql on PostgreSQL); rows as a|b
sql() {
	case "$BATON_DB" in
	postgres://* | postgresql://*) psql -XqAt -v ON_ERROR_STOP=1 "$BATON_DB" -c "$1" ;;
	*) sqlite3 "$BATON_DB" "$1" ;;
	esac
}

# store_dump: every byte the store holds, to search (the SQLite files, or pg_dump's text)
store_dump() {
	if on_pg; then pg_dump "$BATON_DB"; else cat "$BATON_DB"*; fi
}

# on_pg: true when the test's store is PostgreSQL
on_pg() {
	case "$BATON_DB" in postgres://* | postgresql://*) return 0 ;; *) return 1 ;; esac
}
NOW=2026-11-23T09:00:00Z
OUT=
ERR=
RC=0

# b ARGS...: runs baton with --now $NOW; sets OUT, ERR and RC; a sanitizer report fails the test
b() {
	"$BATON" --now "$NOW" "$@" >"$T/out" 2>"$T/err"
	RC=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
	if grep -q 'Sanitizer\|runtime error:' "$T/err"; then
		echo "not ok - sanitizer report running: baton $*"
		sed 's/^/#   /' "$T/err" | head -40
	fi
}

ok() { echo "ok - $1"; }
not_ok() {
	echo "not ok - $1"
	shift
	for line in "$@"; do echo "#   $line"; done
	echo "#   last command exit=$RC"
	echo "#   stdout: $(printf '%s' "$OUT" | head -c 600)"
	echo "#   stderr: $(printf '%s' "$ERR" | head -c 600)"
}

# expect_rc NAME CODE: the last command exited with CODE
expect_rc() {
	if [ "$RC" -eq "$2" ]; then ok "$1"; else not_ok "$1" "expected exit $2"; fi
}

# expect_jq NAME FILTER EXPECTED: jq -r FILTER over the last stdout equals EXPECTED
expect_jq() {
	got=$(printf '%s' "$OUT" | jq -r "$2" 2>&1)
	if [ "$got" = "$3" ]; then ok "$1"; else not_ok "$1" "jq '$2': expected [$3] got [$got]"; fi
}

# expect_err NAME TEXT: stderr of the last command contains TEXT
expect_err() {
	case "$ERR" in
	*"$2"*) ok "$1" ;;
	*) not_ok "$1" "stderr lacks [$2]" ;;
	esac
}

# expect_out NAME TEXT: stdout of the last command contains TEXT
expect_out() {
	case "$OUT" in
	*"$2"*) ok "$1" ;;
	*) not_ok "$1" "stdout lacks [$2]" ;;
	esac
}

# snapshot FILE: writes every event and lead of the store to FILE (to prove nothing changed)
snapshot() {
	"$BATON" export events --format json >"$1.events" 2>/dev/null
	"$BATON" export leads --format json >"$1.leads" 2>/dev/null
	"$BATON" --json rep list >"$1.reps" 2>/dev/null
	cat "$1.events" "$1.leads" "$1.reps" >"$1"
}

# expect_unchanged NAME BEFORE: the store's snapshot equals the one taken in BEFORE
expect_unchanged() {
	snapshot "$T/after"
	if cmp -s "$2" "$T/after"; then ok "$1"; else not_ok "$1" "store changed: $(diff "$2" "$T/after" | head -5)"; fi
}

# lead_in_handoff EMAIL AE: an outbound lead (routed to its SDR) touched, qualified and handed
# to AE with every required note; sets HANDOFF_LEAD (its id) and HANDOFF_BY (who handed it off)
lead_in_handoff() {
	b --json lead add --email "$1" --channel outbound --source target_list
	HANDOFF_LEAD=$(printf '%s' "$OUT" | jq -r .id)
	HANDOFF_BY=$(printf '%s' "$OUT" | jq -r .owner)
	b touch "$HANDOFF_LEAD" --by "$HANDOFF_BY" --kind call
	b qualify "$HANDOFF_LEAD" --by "$HANDOFF_BY" --set budget=yes authority=influencer need=x timeline=later
	b handoff "$HANDOFF_LEAD" --by "$HANDOFF_BY" --to "$2" --note direct_phone=1 mobile_phone=2 summary=3 \
		company_changes=4 current_systems=5
}

# team: the standard team of the scenarios (managers, 2 MRRs, 2 SDRs in pods, 2 AEs, a CSM)
team() {
	b rep add maria --role manager --team emea
	b rep add alice --role mrr --team emea --manager maria
	b rep add bob --role mrr --team emea --manager maria
	b rep add sam --role sdr --team emea --manager maria --pod p1
	b rep add sue --role sdr --team emea --manager maria --pod p2
	b rep add erin --role ae --team emea --manager maria --pod p1
	b rep add eric --role ae --team emea --manager maria --pod p2
	b rep add chloe --role csm --team emea --manager maria
}
