#!/bin/sh
# test_replay.sh - `baton replay` (SPEC 8.10): a short scripted history (reps, leads, a touch, a
# breach and reassignment by tick, qualify, handoff, accept, close, disqualify, tick), replayed
# under the playbook in force, reproduces the recorded `report sla` and `report funnel` exactly
# (zero difference); the store's file is not written; a bad playbook is refused.
. "$(dirname "$0")/lib.sh"

NOW=2026-11-30T08:00:00Z   # Monday 09:00 in Paris
b init
b rep add maria --role manager
b rep add r1 --role mrr --manager maria
b rep add r2 --role mrr --manager maria
b rep add erin --role ae --manager maria
NOW=2026-11-30T08:01:00Z; b lead add --email a@acme.example --company Acme --employees 250
NOW=2026-11-30T08:02:00Z; b lead add --email b@beta.example --company Beta --employees 40
NOW=2026-11-30T08:03:00Z; b lead add --email c@gamma.example --company Gamma --employees 900
NOW=2026-11-30T08:03:30Z; b touch 1 --by r1 --kind call
NOW=2026-11-30T08:20:00Z; b tick
NOW=2026-11-30T09:00:00Z; b qualify 1 --by r1 --set budget=yes authority=influencer need=x timeline=later
expect_rc "qualify" 0
NOW=2026-11-30T09:05:00Z; b handoff 1 --by r1 --to erin --note direct_phone=1 mobile_phone=2 summary=3 company_changes=4 current_systems=5
expect_rc "handoff" 0
NOW=2026-11-30T10:00:00Z; b accept 1 --by erin --amount 5000
expect_rc "accept" 0
NOW=2026-11-30T11:00:00Z; b touch 2 --by r1 --kind email
NOW=2026-11-30T12:00:00Z; b disqualify 2 --by r1 --reason nofit
NOW=2026-12-01T10:00:00Z; b close 1 won --by erin --amount 6000
expect_rc "close won" 0
NOW=2026-12-03T10:00:00Z; b tick
b playbook show
printf '%s\n' "$OUT" >"$T/in_force.yaml"

# what the store says now
b --json report sla
SLA=$OUT
b --json report funnel
FUNNEL=$OUT
b --json report speed
SPEED=$OUT
b --json report routing
ROUTING=$OUT
b --json report credit
CREDIT=$OUT
snapshot "$T/before"
if [ -z "${BATON_TEST_PG:-}" ]; then cp "$BATON_DB" "$T/before.db"; fi

b --json replay --playbook "$T/in_force.yaml"
expect_rc "replay with the playbook in force" 0
printf '%s' "$OUT" >"$T/replay.json"
expect_jq "the JSON has the spec's keys" '[has("from","to","assumption","current","proposed","delta")] | all' true
expect_jq "the assumption is stated" '.assumption | test("business-time offset")' true
expect_jq "current sla is the recorded report" ".current.sla == $SLA" true
expect_jq "current funnel is the recorded report" ".current.funnel == $FUNNEL" true
expect_jq "current speed is the recorded report" ".current.speed == $SPEED" true
expect_jq "current routing is the recorded report" ".current.routing == $ROUTING" true
expect_jq "current credit is the recorded report" ".current.credit == $CREDIT" true
expect_jq "every report is compared" '[.current, .proposed, .delta | keys == ["credit","funnel","load","notifications","routing","sla","speed"]] | all' true
expect_jq "replayed sla reproduces the recorded one" '.proposed.sla == .current.sla' true
expect_jq "replayed funnel reproduces the recorded one" '.proposed.funnel == .current.funnel' true
expect_jq "the replay reproduces every report" '.proposed == .current' true
expect_jq "the load: a row per rep but the manager" '[.current.load.rows[].rep] == ["r1","r2","erin"]' true
# r1 got leads 1 and 3, then lead 2 from r2 at its breach (3 at once), before lead 3 went to r2
expect_jq "the load: r1 held three leads at once, r2 one, erin one" '[.current.load.rows[].peak_open] == [3,1,1]' true
expect_jq "the notifications: the breaches told" '[.current.notifications.rows[] | select(.kind == "breach") | .count] | .[0] > 0' true
expect_jq "the notifications: the total is the sum of the kinds" '.current.notifications | .total == ([.rows[].count] | add)' true
expect_jq "every difference is zero" '[.delta | .. | numbers] | all(. == 0)' true
expect_jq "the sla report was not empty (a breach was replayed)" '[.current.sla | .. | numbers] | add > 0' true
expect_jq "nothing was refused" .replayed.skipped 0
expect_jq "every action by its recorded actor at its recorded time, no reason to skip" '.replayed | [.moved, (.skipped_reasons | length)] == [0, 0]' true

b replay --playbook "$T/in_force.yaml"
expect_rc "the table" 0
expect_out "the table states the assumption first" "Assumption: each lead's recorded story"
expect_out "the table says there is no difference" "no difference"

# other_db NAME: a second store's URL (a database of its own on PostgreSQL, a file on SQLite);
# drop_db NAME drops it on PostgreSQL
other_db() {
	if [ -n "${BATON_TEST_PG:-}" ]; then
		PGOPTIONS="-c client_min_messages=warning" psql -XqAt "$BATON_TEST_PG" -c "DROP DATABASE IF EXISTS ${PGDB}_$1" -c "CREATE DATABASE ${PGDB}_$1" >/dev/null
		printf '%s' "$BATON_DB" | sed "s|/$PGDB?|/${PGDB}_$1?|"
	else
		printf '%s' "$T/$1.db"
	fi
}
drop_db() {
	if [ -n "${BATON_TEST_PG:-}" ]; then
		psql -XqAt "$BATON_TEST_PG" -c "DROP DATABASE IF EXISTS ${PGDB}_$1 WITH (FORCE)" >/dev/null 2>&1
	fi
}

# the demo store (accounts, absences, meetings, manager's assigns, restores, nurture and
# recycling): its own playbook reproduces every figure of sla and funnel
DEMO_DB=$(other_db demo)
NOW=2026-12-01T12:00:00Z
b --db "$DEMO_DB" demo --leads 200
expect_rc "the demo store" 0
b --db "$DEMO_DB" playbook show
printf '%s\n' "$OUT" >"$T/demo.yaml"
b --db "$DEMO_DB" --json replay --playbook "$T/demo.yaml"
expect_rc "replay of the demo store" 0
expect_jq "the demo store: every difference is zero" '[.delta | .. | numbers] | all(. == 0)' true
expect_jq "the demo store: current and proposed are the same" '.current == .proposed' true
expect_jq "the demo store: nothing refused, nothing moved" '.replayed | [.skipped, .moved] == [0, 0]' true
expect_jq "the demo store: its history was replayed" '.replayed.replayed > 1000' true

# the inputs the demo does not make: history rows (last year's and one still within its speed
# to lead), an absence entered then cancelled, reps changed (a capacity, a deactivation), a
# rebooking task done, a reinquiry; replayed with the playbook in force, the scratch tells the
# same story, event for event
M=$(other_db more)
NOW=2026-11-02T08:00:00Z   # Monday 09:00 in Paris
b --db "$M" init
b --db "$M" rep add maria --role manager
b --db "$M" rep add sam --role sdr --manager maria --pod p1 --full-name "Sam Smith"
b --db "$M" rep add erin --role ae --manager maria --pod p1
b --db "$M" rep add r1 --role mrr --manager maria
b --db "$M" rep add r2 --role mrr --manager maria
b --db "$M" rep add r3 --role mrr --manager maria
printf '%s\r\n' '"Email","Company Name","Lifecycle Stage","Contact owner","Create Date","Amount","Close Date"' \
	'"h1@old.example","Old 1","customer","Sam Smith","2025-03-01 10:00","12,500.00","2025-04-01"' \
	'"h2@old.example","Old 2","lead","","2025-05-01 10:00","",""' \
	'"h3@new.example","New 3","lead","","2026-11-02 08:58","",""' >"$T/history.csv"
b --db "$M" lead import "$T/history.csv"
expect_rc "more inputs: history rows imported" 0
b --db "$M" --json rep away r2 --from 2026-11-02T10:00:00Z --to 2026-11-06T18:00:00Z --reason off
AWAY=$(printf '%s' "$OUT" | jq -r .id)
NOW=2026-11-02T09:00:00Z; b --db "$M" lead add --email a@one.example --company One --employees 250
NOW=2026-11-02T09:01:00Z; b --db "$M" lead add --email b@two.example --company Two --employees 250
NOW=2026-11-02T11:00:00Z; b --db "$M" lead add --email c@three.example --company Three --employees 250
NOW=2026-11-02T11:01:00Z; b --db "$M" lead add --email d@four.example --company Four --employees 250
NOW=2026-11-02T12:00:00Z; b --db "$M" rep away r2 --cancel "$AWAY"
expect_rc "more inputs: the absence cancelled" 0
NOW=2026-11-02T12:30:00Z; b --db "$M" rep set r1 --capacity 1
b --db "$M" rep set r3 --active false
expect_rc "more inputs: reps changed" 0
NOW=2026-11-02T13:00:00Z; b --db "$M" lead add --email e@five.example --company Five --employees 250
NOW=2026-11-02T13:01:00Z; b --db "$M" lead add --email f@six.example --company Six --employees 250
NOW=2026-11-02T14:00:00Z
b --db "$M" --json lead add --email o@out.example --channel outbound --source target_list
O=$(printf '%s' "$OUT" | jq -r .id)
b --db "$M" touch "$O" --by sam --kind call
b --db "$M" qualify "$O" --by sam --set budget=yes authority=decision_maker need=x timeline=later
b --db "$M" --json handoff "$O" --by sam --to erin --meeting 2026-11-04T09:00:00Z --note direct_phone=1 mobile_phone=2 summary=3 company_changes=4 current_systems=5
expect_rc "more inputs: a handoff with a meeting" 0
b --db "$M" --json lead show "$O"
MEET=$(printf '%s' "$OUT" | jq -r '.meetings[0].id')
NOW=2026-11-02T15:00:00Z; b --db "$M" meeting cancel "$MEET" --by sam --initiator prospect
b --db "$M" --json task list --rep erin
TASK=$(printf '%s' "$OUT" | jq -r '.[0].id')
NOW=2026-11-02T15:30:00Z; b --db "$M" task done "$TASK" --by erin
expect_rc "more inputs: the rebooking task done" 0
NOW=2026-11-02T16:00:00Z; b --db "$M" lead add --email a@one.example --source webinar
expect_rc "more inputs: a reinquiry" 0
NOW=2026-11-03T10:00:00Z; b --db "$M" tick
b --db "$M" --json export events
expect_jq "more inputs: the store has each kind of input" '[.[] | .type] as $t | ["imported","absence_cancelled","rep_updated","task_done","reinquiry"] | all(. as $k | $t | index($k))' true
printf '%s' "$OUT" | jq -c '.[] | select(.type != "playbook_applied") | [.at, .type, .lead, .actor, .owner]' >"$T/more.events"
b --db "$M" playbook show
printf '%s\n' "$OUT" >"$T/more.yaml"
BATON_REPLAY_KEEP=1 b --db "$M" --json replay --playbook "$T/more.yaml"
expect_rc "more inputs: replay" 0
SCRATCH=$(printf '%s' "$ERR" | sed -n 's/^replay: the scratch store is kept at //p')
expect_jq "more inputs: nothing refused" .replayed.skipped 0
expect_jq "more inputs: every report is reproduced" '.current == .proposed' true
b --db "$SCRATCH" --json export events
printf '%s' "$OUT" | jq -c '.[] | select(.type != "playbook_applied") | [.at, .type, .lead, .actor, .owner]' >"$T/more.replayed"
if cmp -s "$T/more.events" "$T/more.replayed"; then ok "more inputs: the scratch's events are the store's"; else
	not_ok "more inputs: the scratch's events are the store's"; diff "$T/more.events" "$T/more.replayed" | head -20 | sed 's/^/#   /'; fi
rm -f "$SCRATCH" "$SCRATCH-wal" "$SCRATCH-shm"
drop_db more
NOW=2026-12-03T10:00:00Z

# a looser speed to lead keeps lead 2 with r2: the replay differs (which way is the proposal's),
# and r1's touch and disqualification of lead 2 are r2's, as far after 08:02, when r2 got it,
# as they were after 08:07, when r1 got it from the breach: 5 minutes earlier
sed 's/first_touch_within: 5m/first_touch_within: 4h/' "$T/in_force.yaml" >"$T/loose.yaml"
BATON_REPLAY_KEEP=1 b --json replay --playbook "$T/loose.yaml"
SCRATCH=$(printf '%s' "$ERR" | sed -n 's/^replay: the scratch store is kept at //p')
expect_jq "a looser speed to lead: lead 2's story is r2's (two actions moved), nothing refused" '.replayed | [.moved, .skipped, (.skipped_reasons | length)] == [2, 0, 0]' true
b --db "$SCRATCH" --json export events
expect_jq "a looser speed to lead: r2 touches and disqualifies lead 2" '[.[] | select(.lead == 2 and (.type == "touch" or .type == "disqualify")) | [.type, .actor, .at]] == [["touch","r2","2026-11-30T10:55:00Z"],["disqualify","r2","2026-11-30T11:55:00Z"]]' true
rm -f "$SCRATCH" "$SCRATCH-wal" "$SCRATCH-shm"
b --json replay --playbook "$T/loose.yaml"
expect_rc "replay of a change" 0
expect_jq "a change of the playbook shows differences" '[.delta | .. | numbers | select(. != 0)] | length > 0' true
expect_jq "the recorded side is still the store's" ".current.sla == $SLA" true
expect_jq "a looser speed to lead: r1 is not handed r2's lead (its peak one less)" '.delta.load.rows[0] == {"rep": "r1", "peak_open": -1}' true

# a tighter speed to lead (2m) on the demo store: breaches hand leads on sooner, their stories
# follow their new owners, later; what the scratch refuses is counted under its reasons
sed 's/first_touch_within: 5m/first_touch_within: 2m/' "$T/demo.yaml" >"$T/tight.yaml"
NOW=2026-12-01T12:00:00Z
b --db "$DEMO_DB" --json replay --playbook "$T/tight.yaml"
expect_rc "the demo store under a tighter speed to lead" 0
expect_jq "tighter: more speed-to-lead breaches" '[.delta.sla.rows[] | select(.rule == "speed_to_lead" and .key == "all") | .breached][0] > 0' true
expect_jq "tighter: actions taken by another rep or later" '.replayed.moved > 0' true
expect_jq "tighter: every skip has a reason" '.replayed | .skipped == ([.skipped_reasons[].count] | add // 0) or (.skipped_reasons | length) == 10' true
NOW=2026-12-03T10:00:00Z
drop_db demo

printf 'sla: {speed_to_lead: [oops\n' >"$T/bad.yaml"
b replay --playbook "$T/bad.yaml"
expect_rc "a playbook that does not parse is refused" 2
b replay
expect_rc "--playbook is required" 1
b replay --playbook "$T/none.yaml"
expect_rc "a missing file is not found" 3

expect_unchanged "the store's events, leads and reps are unchanged" "$T/before"
if [ -z "${BATON_TEST_PG:-}" ]; then
	if cmp -s "$BATON_DB" "$T/before.db"; then ok "the store is byte-identical"; else not_ok "the store is byte-identical"; fi
fi
