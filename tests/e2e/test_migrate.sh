#!/bin/sh
# test_migrate.sh - `baton migrate`: a SQLite store built by `demo` is copied whole into an
# empty store (the test's PostgreSQL database on the PostgreSQL pass, a new SQLite file on the
# other); the counts match, every event, lead and report reads the same from both, new ids
# follow the copied ones, and a destination that already holds a store is refused.
. "$(dirname "$0")/lib.sh"

SRC="$T/source.db"
if on_pg; then DEST=$BATON_DB; else DEST="$T/copy.db"; fi
b --db "$SRC" demo --leads 150 --seed 5
expect_rc "demo builds the source store" 0

b migrate --from "$SRC"
expect_rc "migrate without --to is a usage error" 1
b --json migrate --from "$SRC" --to "$DEST"
expect_rc "migrate copies the store" 0
expect_jq "every table's count matches" '.counts_match' true
expect_jq "the events were copied" '[.tables[] | select(.table == "events") | .to > 1000] | all' true
expect_jq "all 23 tables are counted (absences, migration 11, notify_undeliverable, 14, the sign-in links and sessions, 15, the counts per day, 20, among them)" '.tables | length' 23

for what in "export events --format json" "export leads --format json" "--json rep list" "--json report funnel" \
	"--json report sla" "--json report routing" "--json report speed" "--json report credit" "--json sla" "--json task list"; do
	# shellcheck disable=SC2086
	"$BATON" --db "$SRC" --now "$NOW" $what >"$T/a" 2>&1
	# shellcheck disable=SC2086
	"$BATON" --db "$DEST" --now "$NOW" $what >"$T/b" 2>&1
	if cmp -s "$T/a" "$T/b"; then ok "the copy reads the same: $what"; else not_ok "the copy reads the same: $what" "$(diff "$T/a" "$T/b" | head -4)"; fi
done

n=$("$BATON" --db "$DEST" --json lead list | jq 'map(.id) | max')
b --db "$DEST" --json lead add --email after.migrate@newco.example
expect_rc "the copy takes new leads" 0
expect_jq "a new lead's id follows the copied ones" ".id > $n" true

b --db "$DEST" migrate --from "$SRC" --to "$DEST"
expect_rc "a destination that holds a store is refused" 4
expect_err "the refusal says why" "already holds a store"
