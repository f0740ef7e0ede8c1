#!/bin/sh
# test_readme_tour.sh - the README's tour runs as written: every line of README.md's code blocks
# marked `<!-- tour ... -->` runs, in order, in one shell, in a fresh folder holding a copy of
# examples/, on the wall clock (no --now: whatever the day and hour), with `baton` on the PATH
# being the build under test ($BATON). The first line that exits non-zero fails the test, named
# with its README line. Two things differ from a reader's run: the server's port 8080 is a free
# one, and on the PostgreSQL pass the tour's store (./acme.db) is the test's database.
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SRV_PID=
trap '[ -z "$SRV_PID" ] || { kill -TERM "$SRV_PID" 2>/dev/null; wait "$SRV_PID" 2>/dev/null; }; lib_cleanup' EXIT

mkdir -p "$T/bin" "$T/tour"
printf '#!/bin/sh\nexec "%s" "$@"\n' "$BATON" >"$T/bin/baton"
chmod +x "$T/bin/baton"
cp -R "$ROOT/examples" "$T/tour/examples"
PATH="$T/bin:$PATH"
# a port nothing answers on (the server's own start is the tour's line)
tries=0
while :; do
	PORT=$((20000 + ($$ * 13 + tries * 4513) % 40000))
	tries=$((tries + 1))
	[ "$(curl -s --max-time 1 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/")" = 000 ] || [ $tries -ge 6 ] || continue
	break
done
TOUR_DB=./acme.db
on_pg && TOUR_DB=$BATON_DB

# the marked blocks, one command a line (a line ending in \ joined to the next), numbered by the
# README line it starts on; comment lines and empty lines dropped
awk '/^<!-- tour/ { mark = 1; next }
	mark && /^```/ { if (inb) { inb = 0; mark = 0 } else inb = 1; next }
	inb {
		if (cont == "") start = NR
		line = $0
		if (sub(/\\$/, "", line)) { cont = cont line; next }
		cmd = cont line; cont = ""
		if (cmd !~ /^[ \t]*(#|$)/) printf "%d\t%s\n", start, cmd
	}' "$ROOT/README.md" |
	sed -e "s|127\\.0\\.0\\.1:8080|127.0.0.1:$PORT|g" \
		-e "s|=\\./acme\\.db|=$(printf '%s' "$TOUR_DB" | sed 's/[&|\\]/\\&/g')|" >"$T/tour.txt"
n=$(wc -l <"$T/tour.txt")
if [ "$n" -lt 30 ]; then
	not_ok "README.md has a marked tour" "found $n command lines in blocks marked <!-- tour -->"
	exit 1
fi
ok "README.md's tour has $n command lines"

cd "$T/tour" || exit 1
failed=
while IFS="$(printf '\t')" read -r at cmd; do
	echo "\$ $cmd" >>"$T/tour.log"
	eval "$cmd" >>"$T/tour.log" 2>&1 </dev/null
	RC=$?
	case "$cmd" in *"&") SRV_PID=$! ;; *) ;; esac
	case "$cmd" in "kill \$!"*) SRV_PID= ;; *) ;; esac
	if [ "$RC" -ne 0 ]; then
		OUT=$(tail -n 5 "$T/tour.log")
		ERR=
		not_ok "README.md line $at runs: $cmd" "exit $RC; the tour stops here"
		failed=1
		break
	fi
done <"$T/tour.txt"
[ -n "$failed" ] || ok "every line of the tour exits 0"
if grep -q 'Sanitizer\|runtime error:' "$T/tour.log"; then
	not_ok "no sanitizer report during the tour" "$(grep -A5 'Sanitizer\|runtime error:' "$T/tour.log" | head -20)"
else
	ok "no sanitizer report during the tour"
fi
[ -z "${BATON_TOUR_LOG:-}" ] || cp "$T/tour.log" "$BATON_TOUR_LOG"
[ -n "$failed" ] && exit 1

# what the tour says it did (on the wall clock, as the tour ran)
BATON_DB=$TOUR_DB
OUT=$("$BATON" --json lead list --q ada@acme.example 2>&1)
ADA=$(printf '%s' "$OUT" | jq -r '.[0].id' 2>/dev/null)
OUT=$("$BATON" --json lead show "$ADA" 2>&1)
expect_jq "ada went the whole way: live, with chloe" '.stage + " " + .owner' "live chloe"
expect_jq "its meeting is booked with erin on a Tuesday at 15:00 in Paris" \
	'.meetings[0].ae + " " + (.meetings[0].start | fromdateiso8601 | strftime("%a"))' "erin Tue"

# the history import: 214 HubSpot contacts (2 without email) and 120 Salesforce leads, as history
imported="SELECT lead FROM events WHERE type = 'imported'"
for q in "SELECT COUNT(DISTINCT lead) FROM events WHERE type = 'imported'|334" \
	"SELECT COUNT(*) FROM obligations WHERE lead IN ($imported)|0" \
	"SELECT COUNT(*) FROM obligations WHERE status = 'breached'|0" \
	"SELECT COUNT(*) FROM outbox WHERE lead IN ($imported)|0" \
	"SELECT COUNT(*) FROM events WHERE lead IN ($imported) AND type IN ('assigned', 'unassigned', 'notified', 'breach', 'reassigned', 'escalate')|0" \
	"SELECT COUNT(*) FROM leads WHERE id IN ($imported) AND stage NOT IN ('inquiry', 'mql', 'working', 'sql', 'live', 'disqualified')|0" \
	"SELECT COUNT(*) FROM accounts|41"; do
	want=${q##*|}
	q=${q%|*}
	got=$(sql "$q" 2>&1)
	if [ "$got" = "$want" ]; then ok "after the tour: $q is $want"; else not_ok "after the tour: $q is $want" "got $got"; fi
done
OUT=$(cat "$T/tour/events.json")
expect_jq "every imported row's stage is one the maps know (none came in unmapped)" \
	'[.[] | select(.type == "imported") | .original | (.lifecycle_stage // .lead_status // .status)
	  | select(IN("subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer",
	    "evangelist", "other", "Open - Not Contacted", "Working - Contacted", "Closed - Converted",
	    "Closed - Not Converted") | not)] | length' 0
expect_jq "every imported row's owner is matched to its rep, but for Jordan Lee (left) and Salesforce's Lead Queue" \
	'[.[] | select(.type == "imported" and .original.owner != null and .owner == null) | .original.owner] | unique | join(",")' \
	"Jordan Lee,Lead Queue"
expect_jq "the owners matched by full name" \
	'[.[] | select(.type == "imported" and .owner != null) | .original.owner + "=" + .owner] | unique | join(",")' \
	"Alice Moreau=alice,Chloe Dubois=chloe,Erin Walsh=erin,Sam Okafor=sam"

# the web form's lead: firstName and lastName made the name, the unknown fields are attributes
OUT=$("$BATON" --json lead list --q grace@globex.example 2>&1)
expect_jq "the web form's lead is stored" '.[0].email + " " + .[0].name' "grace@globex.example Grace Hopper"
OUT=$("$BATON" --json lead show "$(printf '%s' "$OUT" | jq -r '.[0].id' 2>/dev/null)" 2>&1)
expect_jq "it kept the form's unknown fields as attributes" \
	'[.attributes | to_entries[] | "\(.key)=\(.value | tojson)"] | sort | join(" ")' \
	'consent=true message="A demo for 12 SDRs?" utm_source="newsletter"'
expect_jq "utm_source gave it its source" .source newsletter

# `make demo` (examples/demo.sh) ends saying how to put baton on the PATH for the tour
OUT=$(cd "$ROOT" && env PATH=/usr/bin:/bin CI=1 BATON_DEMO_LEADS=100 sh examples/demo.sh "$BATON" "$T/demo.db" 2>&1)
RC=$?
expect_rc "make demo's script runs" 0
expect_out "make demo says how to put baton on the PATH" "make install"
exit 0
