#!/bin/sh
# test_replay_readonly.sh - `baton replay` opens its source read only (docs/replay.md "How it runs":
# the command's RUN_READONLY, store_open's STORE_READONLY): a SQLite store its user may not
# write (chmod a-w; as root the commands run as nobody, whom the mode binds) replays exactly as
# the writable store does, while a command that writes is refused on it, and the file stays
# byte-identical. (SQLite itself falls back to reading a file it cannot write, so that part
# holds with any open; what only the read-only open does is the last part: a store at an
# older schema is refused, not migrated.) SQLite's WAL needs the folder writable (it makes the
# -wal and -shm files there) unless they exist already. On PostgreSQL the source's session is
# read only (default_transaction_read_only): test_replay.sh replays there, and
# tests/unit/test_db.c checks that a write through such a session fails.
. "$(dirname "$0")/lib.sh"

if [ -n "${BATON_TEST_PG:-}" ]; then
	ok "replay reads a SQLite store nobody may write # SKIP a SQLite file's mode (PostgreSQL: tests/unit/test_db.c)"
	exit 0
fi
as_reader() { "$@"; }
if [ "$(id -u)" = 0 ]; then
	if ! command -v setpriv >/dev/null 2>&1; then
		ok "replay reads a SQLite store nobody may write # SKIP root ignores file modes and there is no setpriv"
		exit 0
	fi
	as_reader() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
fi

b demo --leads 100
expect_rc "the demo store" 0
b playbook show
printf '%s\n' "$OUT" >"$T/pb.yaml"
b --json replay --playbook "$T/pb.yaml"
expect_rc "replay of the writable store" 0
printf '%s\n' "$OUT" | jq -S 'del(.from, .to)' >"$T/writable.json"

# the copy: its file read only, in a folder the reader may write (for the -wal and -shm files)
chmod 755 "$T"
mkdir "$T/ro" "$T/tmp"
cp "$BATON_DB" "$T/ro/s.db"
chmod 444 "$T/ro/s.db" "$T/pb.yaml"
chmod 777 "$T/ro" "$T/tmp"
cp "$T/ro/s.db" "$T/ro.before"
run_reader() {
	TMPDIR="$T/tmp" as_reader "$BATON" --db "$T/ro/s.db" --now "$NOW" "$@" >"$T/out" 2>"$T/err"
	RC=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}
run_reader rep add zed --role ae
if [ "$RC" -ne 0 ]; then ok "a command that writes is refused on the read-only file (exit $RC)"; else
	not_ok "a command that writes is refused on the read-only file" "rep add exited 0"; fi
run_reader --json replay --playbook "$T/pb.yaml"
expect_rc "replay of the read-only file" 0
printf '%s\n' "$OUT" | jq -S 'del(.from, .to)' >"$T/readonly.json"
if cmp -s "$T/writable.json" "$T/readonly.json"; then ok "the read-only file replays as the writable store"; else
	not_ok "the read-only file replays as the writable store" "$(diff "$T/writable.json" "$T/readonly.json" | head -5)"; fi
if cmp -s "$T/ro/s.db" "$T/ro.before"; then ok "the read-only file is byte-identical"; else
	not_ok "the read-only file is byte-identical"; fi

# what tells a read-only open from SQLite's own fallback on a file it cannot write: a writable
# store at an older schema version is refused by replay, not migrated (any other command would
# migrate it: a write)
cp "$BATON_DB" "$T/old.db"
sqlite3 "$T/old.db" "UPDATE meta SET value = '16' WHERE key = 'schema_version'"
b --db "$T/old.db" replay --playbook "$T/pb.yaml"
if [ "$RC" -ne 0 ]; then ok "replay refuses a store it would have to migrate (exit $RC)"; else
	not_ok "replay refuses a store it would have to migrate" "exit 0"; fi
expect_err "the refusal says why" "opened read only is not migrated"
v=$(sqlite3 "$T/old.db" "SELECT value FROM meta WHERE key = 'schema_version'")
if [ "$v" = 16 ]; then ok "the older store is left at its version"; else
	not_ok "the older store is left at its version" "schema_version is $v"; fi
