#!/bin/sh
# test_timezones.sh - SPEC 8.4 with exact times: a New York team working 09:00-17:00 in its own
# zone (playbook teams:), a rotation over Paris and New York following the sun (a lead at 16:30
# UTC on a June day goes to New York because Paris has closed), obligations counted in their
# owner's calendar (a reassignment in the new owner's), hours per weekday (Friday 08:00-13:00),
# `rep set --timezone`, a Saturday in Paris that is a working Friday evening in New York, and
# the lead's own zone (given or from its country) in `lead show`, the API, an import and the
# meeting invitation. June 2026: Paris is UTC+2, New York UTC-4, Chicago UTC-5.
. "$(dirname "$0")/lib.sh"

# amer: the teams: section of a New York team working 09:00-17:00 in its own zone
amer() {
	printf '%s\n' "teams:" "  amer:" "    timezone: America/New_York" \
		'    business_hours: {days: [mon, tue, wed, thu, fri], start: "09:00", end: "17:00"}'
}

# with_teams NAME: the store's playbook (the built-in one) with stdin appended, applied
with_teams() {
	b playbook show
	{ printf '%s\n' "$OUT"; cat; } >"$T/pb.yaml"
	b playbook apply "$T/pb.yaml"
	expect_rc "$1" 0
}

# --- the playbook's teams: checked, applied, shown (the test's store: PostgreSQL in its pass) --
NOW=2026-06-01T08:00:00Z
b init
{ amer; echo "    holidays: [2026-07-03]"; } | with_teams "a playbook with a New York team applies"
b --json playbook show
expect_jq "playbook show gives the team its zone, hours and holidays" \
	'.teams.amer | [.timezone, .business_hours.start, .business_hours.end, (.holidays | join(" "))] | join(",")' \
	"America/New_York,09:00,17:00,2026-07-03"
printf 'org: {name: X, timezone: Europe/Paris}\nteams:\n  amer:\n    timezone: America/NewYork\n' >"$T/bad.yaml"
b playbook check "$T/bad.yaml"
expect_rc "an unknown team zone is refused" 2
expect_err "with its line and key" "bad.yaml:4: teams.amer.timezone: unknown time zone \"America/NewYork\""
printf 'org:\n  name: X\n  timezone: UTC\n  business_hours: {mon: "08:00-17:00", fri: "13:00-08:00"}\n' >"$T/bad.yaml"
b playbook check "$T/bad.yaml"
expect_rc "hours per weekday that end before they start are refused" 2
expect_err "with the day's key" "bad.yaml:4: org.business_hours.fri:"

# --- follow the sun: Paris (the org's calendar) and New York in one rotation -----------------
b rep add maria --role manager
b rep add paul --role mrr --team emea --manager maria
b rep add nina --role mrr --team amer --manager maria
b rep add noah --role mrr --team amer --manager maria
b --json rep list --role mrr
expect_jq "rep list: paul in the org's zone, nina in her team's" \
	'map(.name + "=" + (.timezone // "-")) | join(" ")' "paul=- nina=- noah=-"
b rep list --role mrr
expect_out "the table says whose zone each rep's hours are in" "America/New_York (team)"
expect_out "and the org's for the others" "Europe/Paris (org)"
NOW=2026-06-15T16:30:00Z   # Monday: 18:30 in Paris (closed), 12:30 in New York
b --json lead add --email sun@acme.example --employees 50
expect_jq "16:30 UTC: Paris has closed, the lead goes to New York" .owner nina
b --json lead show 1
expect_jq "the routing says it skipped the rep off hours" \
	'[.events[] | select(.type == "assigned")][0].routing | test("after skipping off-hours reps")' true
expect_jq "nina's first touch is due 12:35 New York: 5 minutes of her business time" \
	'[.obligations[] | select(.rule == "speed_to_lead")][0] | [.owner, .due] | join(",")' "nina,2026-06-15T16:35:00Z"
b queue --rep nina
expect_out "nina's work list is in her time" "Work list of nina (mrr), America/New_York"
expect_out "with the due time there" "due by 2026-06-15 12:35"
NOW=2026-06-15T16:38:00Z
b --json tick
expect_jq "12:35 New York: the breach, and noah gets the lead at that instant" \
	'[.[] | select(.type == "breach" or .type == "reassign")] | map([.type, .rep, .at] | join(",")) | join(" ")' \
	"breach,nina,2026-06-15T16:35:00Z reassign,noah,2026-06-15T16:35:00Z"
b --json lead show 1
expect_jq "noah's window runs in his calendar: due 12:40 New York, not Tuesday in Paris" \
	'[.obligations[] | select(.rule == "speed_to_lead" and .owner == "noah")][0] | [.status, .due] | join(",")' \
	"open,2026-06-15T16:40:00Z"
NOW=2026-06-15T16:45:00Z
b --json tick
expect_jq "12:40 New York: noah's breach escalates, the lead stays with him" \
	'[.[] | select(.type == "escalate")] | map([.rep, .at] | join(",")) | join(" ")' "maria,2026-06-15T16:40:00Z"
NOW=2026-06-16T07:30:00Z   # Tuesday 09:30 in Paris, 03:30 in New York
b --json lead add --email morning@acme.example --employees 50
expect_jq "the next morning in Paris: paul" .owner paul
b --json lead show 2
expect_jq "with his window in Paris time (09:35)" \
	'[.obligations[] | select(.rule == "speed_to_lead")][0].due' 2026-06-16T07:35:00Z

# --- a pool of one team waits in that team's calendar -------------------------------------------
export BATON_DB="$T/ny.db"
NOW=2026-06-01T08:00:00Z
b init
amer | with_teams "a playbook with only a New York pool applies"
b rep add mia --role manager --team amer
b rep add nina --role mrr --team amer --manager mia
b rep add noah --role mrr --team amer --manager mia
NOW=2026-06-12T21:30:00Z   # Friday 17:30 in New York
b --json lead add --email late@acme.example --employees 50
expect_jq "Friday 17:30 New York: the team has gone home, the lead waits" .owner null
b --json sla --open
expect_jq "its clock counts the team's hours: due Monday 09:05 New York" \
	'[.[] | select(.rule == "speed_to_lead")][0] | [.owner, .pool, .due] | map(tostring) | join(",")' \
	"null,mrr,2026-06-15T13:05:00Z"
NOW=2026-06-15T07:00:00Z   # Monday 09:00 in Paris: nothing for New York yet
b --json tick
expect_jq "Monday 09:00 in Paris is not an opening for New York" length 0
NOW=2026-06-15T13:01:00Z
b --json tick
expect_jq "routed at 09:00 New York" '.[0] | [.type, .rep, .at] | join(",")' "assign,nina,2026-06-15T13:00:00Z"

# --- a Saturday in Paris is a working Friday evening in New York --------------------------------
b rep add owen --role mrr --team amer --manager mia --hours 12:00-20:00
b rep list --role mrr
expect_out "owen's own hours" "12:00-20:00"
NOW=2026-06-12T23:30:00Z   # Saturday 01:30 in Paris, Friday 19:30 in New York
b --json lead add --email friday@acme.example --employees 50
expect_jq "owen, on his own hours in New York, takes it" .owner owen
b --json lead show 2
expect_jq "due 19:35 New York, Friday" '[.obligations[] | select(.rule == "speed_to_lead")][0].due' \
	2026-06-12T23:35:00Z

# --- rep set --timezone ----------------------------------------------------------------------------
b rep set noah --timezone America/Chicago
expect_rc "rep set --timezone" 0
b --json rep list --role mrr
expect_jq "rep list shows noah's own zone" 'map(select(.name == "noah"))[0].timezone' America/Chicago
b rep list --role mrr
expect_out "in the table too, without (team)" "America/Chicago "
b rep set noah --timezone Mars/Olympus
expect_rc "an unknown zone is refused" 2
expect_err "saying what to write" "unknown time zone 'Mars/Olympus'"
b rep set nina --active false
b rep set owen --active false
NOW=2026-06-15T21:30:00Z   # Monday 17:30 in New York, 16:30 in Chicago
b --json lead add --email chicago@acme.example --employees 50
expect_jq "17:30 New York is 16:30 in Chicago: noah still works" .owner noah
b --json lead show 3
expect_jq "his window in Chicago time: 16:35" '[.obligations[] | select(.rule == "speed_to_lead")][0].due' \
	2026-06-15T21:35:00Z
b rep set noah --timezone default
b --json rep list --role mrr
expect_jq "--timezone default gives noah his team's zone back" 'map(select(.name == "noah"))[0].timezone' null

# --- hours per weekday: a short Friday, 08:00-13:00 -----------------------------------------------
export BATON_DB="$T/friday.db"
NOW=2026-11-02T08:00:00Z
b init
b playbook show
printf '%s\n' "$OUT" | sed 's|^  business_hours: .*|  business_hours: {mon: "08:00-17:00", tue: "08:00-17:00", wed: "08:00-17:00", thu: "08:00-17:00", fri: "08:00-13:00"}|' >"$T/friday.yaml"
b playbook apply "$T/friday.yaml"
expect_rc "a playbook with a short Friday applies" 0
b --json playbook show
expect_jq "playbook show writes the hours of each day" '.org.business_hours | [.mon, .fri, (.sat // "closed")] | join(",")' \
	"08:00-17:00,08:00-13:00,closed"
b rep add m1 --role manager
b rep add r1 --role mrr --manager m1
NOW=2026-11-27T11:58:00Z   # Friday 12:58 in Paris
b --json lead add --email short@acme.example --employees 50
expect_jq "Friday 12:58: r1 still works" .owner r1
b --json lead show 1
expect_jq "5 minutes: 2 on Friday, 3 on Monday from 08:00: due Monday 08:03" \
	'[.obligations[] | select(.rule == "speed_to_lead")][0].due' 2026-11-30T07:03:00Z
NOW=2026-11-27T12:30:00Z   # Friday 13:30 in Paris
b --json lead add --email after@acme.example --employees 50
expect_jq "Friday 13:30: closed, the lead waits" .owner null
NOW=2026-11-30T07:01:00Z
b --json tick
expect_jq "routed Monday at 08:00" '[.[] | select(.type == "assign")][0] | [.rep, .at] | join(",")' "r1,2026-11-30T07:00:00Z"

# --- the lead's own zone: given, from its country, in the API, an import and the invitation -------
export BATON_DB="$T/lead.db"
NOW=2026-06-15T08:00:00Z
b init
team
b --json lead add --email ny@acme.example --timezone America/New_York --country US
expect_jq "lead add --timezone keeps the zone" .timezone America/New_York
b lead show 1
expect_out "lead show gives the zone and the time there" "Time zone America/New_York (given), 04:00 there now"
b --json lead add --email fr@acme.example --country FR
expect_jq "a single-zone country gives its zone" .timezone Europe/Paris
b lead show 2
expect_out "and says where it comes from" "Time zone Europe/Paris (from its country), 10:00 there now"
b --json lead add --email us@acme.example --country US
expect_jq "a country of several zones gives none" .timezone null
b lead add --email bad@acme.example --timezone Eastern
expect_rc "an unknown zone is refused" 2
expect_err "naming the field" "unknown time zone 'Eastern'"
printf 'Email,Country,Time Zone\nimp1@acme.example,JP,\nimp2@acme.example,US,America/Chicago\n' >"$T/tz.csv"
b --json lead import "$T/tz.csv"
expect_jq "an import reads the Time Zone column" .imported 2
b --json lead list
expect_jq "each lead with its zone" \
	'map(select(.email | startswith("imp"))) | map(.email + "=" + .timezone) | join(" ")' \
	"imp1@acme.example=Asia/Tokyo imp2@acme.example=America/Chicago"
# the meeting picker's data and the invitation: an AE in Paris meets a prospect in New York
b rep add nick --role ae --team amer --manager maria --pod p1
b --json lead add --email prospect@acme.example --channel outbound --timezone America/New_York
P=$(printf '%s' "$OUT" | jq -r .id)
SDR=$(printf '%s' "$OUT" | jq -r .owner)
b touch "$P" --by "$SDR" --kind call
b qualify "$P" --by "$SDR" --set budget=yes authority=influencer need=x timeline=later
NOTES="--note direct_phone=1 mobile_phone=2 summary=Wants_routing company_changes=4 current_systems=5"
b handoff "$P" --by "$SDR" --to erin --meeting 2026-06-16T14:00:00Z $NOTES
expect_rc "a meeting at 16:00 Paris, 10:00 New York, is booked" 0
b meeting ics 1
expect_rc "meeting ics" 0
ICS=$(printf '%s' "$OUT" | tr -d '\r' | awk 'NR > 1 && /^ / { printf "%s", substr($0, 2); next } { if (NR > 1) print ""; printf "%s", $0 } END { print "" }')
case "$ICS" in
*"When: 2026-06-16 16:00 in Europe/Paris (erin)\, 2026-06-16 10:00 in America/New_York (your time)\; 30 minutes."*)
	ok "the invitation gives the AE's and the prospect's local times" ;;
*) not_ok "the invitation gives the AE's and the prospect's local times" "$(printf '%s' "$ICS" | grep DESCRIPTION)" ;;
esac
case "$ICS" in *"DTSTART:20260616T140000Z"*) ok "its start stays in UTC" ;; *) not_ok "its start stays in UTC" ;; esac
b rep set erin --timezone Europe/London
b meeting ics 1
ICS=$(printf '%s' "$OUT" | tr -d '\r' | awk 'NR > 1 && /^ / { printf "%s", substr($0, 2); next } { if (NR > 1) print ""; printf "%s", $0 } END { print "" }')
case "$ICS" in
*"When: 2026-06-16 15:00 in Europe/London (erin)"*) ok "an AE with its own zone: the invitation in that zone" ;;
*) not_ok "an AE with its own zone: the invitation in that zone" "$(printf '%s' "$ICS" | grep DESCRIPTION)" ;;
esac
b --json lead add --email refused@acme.example --channel outbound --timezone America/New_York
P=$(printf '%s' "$OUT" | jq -r .id)
SDR=$(printf '%s' "$OUT" | jq -r .owner)
b touch "$P" --by "$SDR" --kind call
b qualify "$P" --by "$SDR" --set budget=yes authority=influencer need=x timeline=later
b handoff "$P" --by "$SDR" --to erin --meeting 2026-06-16T14:15:00Z $NOTES
expect_rc "a meeting over erin's is refused" 4
expect_err "with the next free slots in erin's own time" "(Europe/London)"
