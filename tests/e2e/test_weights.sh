#!/bin/sh
# test_weights.sh - SPEC 8.5 with exact times: `rep set --weight`, the smooth weighted round
# robin (weights 3/1/1 give exactly 30/10/10 of 50 leads, by lead add and by import, in nginx's
# order a b a c a), equal weights as the plain rotation, a weight change or a rep coming back
# restarting the balancer, the weighted outbound and waiting rotations, a reassignment to the
# rotation's next rep other than the owner, and `report routing` (CLI and API) with its exact
# rows. Built-in playbook: Paris, Mon-Fri 09:00-18:00, speed to lead 5 business minutes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"

MON=2026-11-23T09:00:00Z # Monday 10:00 in Paris
MAIN_DB=$BATON_DB        # the test's store (PostgreSQL on that pass); the others are SQLite files

# team311 DB: a manager and three MRRs, ana weighing 3, in store DB ("main": the test's store)
team311() {
	if [ "$1" = main ]; then export BATON_DB="$MAIN_DB"; else export BATON_DB="$T/$1.db"; fi
	NOW=$MON
	b init
	b rep add m1 --role manager
	b rep add ana --role mrr --manager m1
	b rep add ben --role mrr --manager m1
	b rep add cy --role mrr --manager m1
	b rep set ana --weight 3
}

# add_leads FROM TO: inbound leads lFROM..lTO (50 employees: past the filter), one `lead add` each
add_leads() {
	i=$1
	while [ "$i" -le "$2" ]; do
		b lead add --email "l$i@co$i.example" --employees 50
		i=$((i + 1))
	done
}

# owners: the owners of every lead, in id order, space separated (run in $(...): OUT stays)
owners() {
	b --json lead list --limit 1000
	printf '%s' "$OUT" | jq -r 'sort_by(.id) | map(.owner // "-") | join(" ")'
}

# --- the weight: set, shown, bounded -----------------------------------------------------------
team311 main
expect_rc "rep set --weight 3" 0
b --json rep list
expect_jq "rep list --json shows each weight (default 1)" 'map("\(.name)=\(.weight)") | join(" ")' "m1=1 ana=3 ben=1 cy=1"
b rep list
expect_out "rep list shows a WEIGHT column" "WEIGHT"
for bad in 0 101 x 2.5; do
	b rep set ben --weight "$bad"
	if [ "$RC" -eq 2 ] && printf '%s' "$ERR" | grep -q "weight must be a whole number from 1 to 100, got '$bad'"; then
		ok "--weight $bad is refused, naming the bounds"
	else
		not_ok "--weight $bad is refused, naming the bounds"
	fi
done
b rep add dee --role mrr --weight 500
expect_rc "rep add takes --weight with the same bounds" 2
b --json rep list
expect_jq "nothing was changed by the refusals" 'map(.weight) | join(",")' "1,3,1,1"

# --- 3/1/1 over 50 leads: exactly 30/10/10, in nginx's order -----------------------------------
add_leads 1 50
OWN=$(owners)
if [ "$(printf '%s' "$OWN" | cut -d' ' -f1-10)" = "ana ben ana cy ana ana ben ana cy ana" ]; then
	ok "the smooth order: ana ben ana cy ana, again and again"
else
	not_ok "the smooth order: ana ben ana cy ana, again and again" "got $OWN"
fi
b --json lead list --limit 1000
expect_jq "50 leads: exactly 30/10/10" \
	'group_by(.owner) | map("\(.[0].owner)=\(length)") | join(" ")' "ana=30 ben=10 cy=10"
b --json lead show 1
expect_jq "the routing event says the weight and the rotation" \
	'[.events[] | select(.type == "assigned")][0] | [.routing, .rotation] | join(",")' \
	"weighted round robin over mrr reps: weight 3 of 5,mrr"
b --json report routing
expect_rc "report routing" 0
expect_jq "one row per rep, in the order they were added" '.rows | map(.rep) | join(",")' "m1,ana,ben,cy"
expect_jq "each row has exactly the spec's keys" \
	'[.rows[] | keys_unsorted | join(",")] | unique | join(" ")' \
	"rep,weight,assignments,share,weight_share,skipped_hours,skipped_capacity,skipped_away,manual_in,manual_out,sla_in,sla_out"
expect_jq "assignments and shares match the weights" \
	'.rows[1:] | map("\(.rep):\(.weight):\(.assignments):\(.share):\(.weight_share)") | join(" ")' \
	"ana:3:30:0.6:0.6 ben:1:10:0.2:0.2 cy:1:10:0.2:0.2"
expect_jq "nobody was skipped, moved by hand or by a breach" \
	'[.rows[] | .skipped_hours + .skipped_capacity + .skipped_away + .manual_in + .manual_out + .sla_in + .sla_out] | add' 0
b report routing --format csv
expect_out "report routing --format csv has the keys as its header" \
	"rep,weight,assignments,share,weight_share,skipped_hours,skipped_capacity,skipped_away,manual_in,manual_out,sla_in,sla_out"
b report routing --by rep
expect_rc "report routing takes no --by" 1
b --json report routing --from 2026-11-24 --to 2026-11-25
expect_jq "a period with no routing counts nothing" '[.rows[].assignments] | add' 0

# --- the same by import, in one unit of work ---------------------------------------------------
team311 imp
{
	echo "email,employees"
	i=1
	while [ "$i" -le 50 ]; do
		echo "i$i@imp$i.example,50"
		i=$((i + 1))
	done
} >"$T/50.csv"
b --json lead import "$T/50.csv"
expect_jq "50 leads imported" .imported 50
b --json lead list --limit 1000
expect_jq "import: exactly 30/10/10" 'group_by(.owner) | map("\(.[0].owner)=\(length)") | join(" ")' \
	"ana=30 ben=10 cy=10"

# --- equal weights: the plain rotation, unchanged ----------------------------------------------
export BATON_DB="$T/eq.db"
b init
b rep add ana --role mrr
b rep add ben --role mrr
b rep add cy --role mrr
add_leads 1 7
OWN=$(owners)
if [ "$OWN" = "ana ben cy ana ben cy ana" ]; then ok "equal weights: the round robin"; else not_ok "equal weights: the round robin" "got $OWN"; fi
b --json lead show 2
expect_jq "equal weights: the round robin's words" '[.events[] | select(.type == "assigned")][0].routing' \
	"round robin over mrr reps: next in rotation"
b rep set ana --weight 4
b rep set ben --weight 4
b rep set cy --weight 4
add_leads 8 11
OWN=$(owners)
if [ "$OWN" = "ana ben cy ana ben cy ana ben cy ana ben" ]; then
	ok "equal weights other than 1: still the round robin, on after the cursor"
else
	not_ok "equal weights other than 1: still the round robin, on after the cursor" "got $OWN"
fi

# --- a weight change restarts the balancer -----------------------------------------------------
team311 change
add_leads 1 2
b rep set ana --weight 1
add_leads 3 5
OWN=$(owners)
# the old balancer (ana 1, ben -3, cy 2) would give cy ana cy; from zero it is the round robin
# after ben: cy ana ben
if [ "$OWN" = "ana ben cy ana ben" ]; then ok "a weight change starts the balancer again from zero"; else
	not_ok "a weight change starts the balancer again from zero" "got $OWN"; fi

# --- a rep that comes back does not catch up ---------------------------------------------------
team311 back
b rep set cy --active false
add_leads 1 5
b rep set cy --active true
add_leads 6 10
OWN=$(owners)
if [ "$OWN" = "ana ben ana ana ana ana ben ana cy ana" ]; then
	ok "cy, back, gets one lead in five: no catch-up for the time it was away"
else
	not_ok "cy, back, gets one lead in five: no catch-up for the time it was away" "got $OWN"
fi

# --- skipped by hours; a reassignment after a breach --------------------------------------------
team311 skip
b rep set cy --hours 14:00-18:00
add_leads 1 4
OWN=$(owners)
# cy is off at 10:00: the set is ana (3) and ben (1)
if [ "$OWN" = "ana ben ana ana" ]; then ok "a rep outside its hours is skipped"; else not_ok "a rep outside its hours is skipped" "got $OWN"; fi
b --json lead show 1
expect_jq "the routing event lists who was skipped, by reason" \
	'[.events[] | select(.type == "assigned")][0].skipped_hours | join(",")' cy
NOW=2026-11-23T09:06:00Z # 10:06: the four leads breached at 10:05, untouched
b --json tick
expect_jq "each breach reassigns to the rotation's next rep other than the owner" \
	'[.[] | select(.type == "reassign")] | map("\(.lead):\(.rep)") | join(" ")' "1:ben 2:ana 3:ben 4:ben"
b --json report routing
expect_jq "report routing: skipped_hours counts every decision that skipped cy" \
	'.rows[] | select(.rep == "cy") | .skipped_hours' 8
expect_jq "report routing: the reassignments in and out" \
	'.rows[1:] | map("\(.rep):\(.sla_in)/\(.sla_out)") | join(" ")' "ana:1/3 ben:3/1 cy:0/0"
expect_jq "report routing: reassignments are not the rotation's assignments" \
	'.rows[1:] | map(.assignments) | join(",")' "3,1,0"

# --- the outbound SDR rotation and the waiting leads are weighted too ---------------------------
export BATON_DB="$T/out.db"
NOW=$MON
b init
b rep add s1 --role sdr
b rep add s2 --role sdr
b rep set s1 --weight 2
for i in 1 2 3 4 5 6; do b lead add --email "o$i@out$i.example" --channel outbound; done
OWN=$(owners)
if [ "$OWN" = "s1 s2 s1 s1 s2 s1" ]; then ok "the outbound rotation weighs its SDRs: 2/1"; else
	not_ok "the outbound rotation weighs its SDRs: 2/1" "got $OWN"; fi

team311 wait
NOW=2026-11-28T09:00:00Z # Saturday 10:00 in Paris: nobody works
add_leads 1 5
NOW=2026-11-30T08:01:00Z # Monday 09:01
b --json tick
expect_jq "the waiting leads are routed at 09:00 by weight" \
	'[.[] | select(.type == "assign")] | map("\(.rep)@\(.at)") | join(" ")' \
	"ana@2026-11-30T08:00:00Z ben@2026-11-30T08:00:00Z ana@2026-11-30T08:00:00Z cy@2026-11-30T08:00:00Z ana@2026-11-30T08:00:00Z"
b --json report routing --from 2026-11-28 --to 2026-11-29
expect_jq "Saturday's decisions skipped every rep for hours" '.rows[1:] | map(.skipped_hours) | join(",")' "5,5,5"

# --- the API: GET /api/v1/reports/routing, for managers -------------------------------------------
export BATON_DB="$MAIN_DB"
NOW=$MON
b --json token create --rep m1
TK_M=$(printf '%s' "$OUT" | jq -r .token)
b --json token create --rep ana
TK_A=$(printf '%s' "$OUT" | jq -r .token)
if start_server; then
	api GET "/api/v1/reports/routing?from=2026-11-23&to=2026-11-24" "$TK_M"
	check "GET /api/v1/reports/routing: the rows of the CLI" 200 \
		'.rows[1:] | map("\(.rep):\(.assignments):\(.share):\(.weight_share)") | join(" ")' \
		"ana:30:0.6:0.6 ben:10:0.2:0.2 cy:10:0.2:0.2"
	api GET /api/v1/reports/routing "$TK_A"
	check_error "GET /api/v1/reports/routing: a rep may not read it" 403 forbidden authorization
	stop_server
else
	not_ok "baton serve starts"
fi
