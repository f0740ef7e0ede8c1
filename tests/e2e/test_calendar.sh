#!/bin/sh
# test_calendar.sh - an AE's calendar: busy times imported from an iCalendar export (Google,
# Outlook, free/busy), availability blocks, bookings refused with the next free slots, bad
# calendar files named by line and field with nothing changed, and the meeting invitation.
. "$(dirname "$0")/lib.sh"
DATA=${BATON_TEST_DATA:-tests/data}
NOTES="--note direct_phone=1 mobile_phone=2 summary=3 company_changes=4 current_systems=5"

NOW=2026-03-16T00:00:00Z
b init
b rep add sam --role sdr
b rep add erin --role ae
b rep add eric --role ae
b --json availability set erin --ics "$DATA/ics/google.ics"
expect_rc "a Google Calendar export is read" 0
expect_jq "its busy blocks are stored" '.busy_blocks > 5' true
b --json availability set eric --ics "$DATA/ics/outlook.ics"
expect_rc "an Outlook export with a Windows time zone is read" 0

b --json lead add --email a@a.example --channel outbound
b touch 1 --by sam --kind call
b qualify 1 --by sam --set budget=yes authority=decision_maker need=x timeline=later
b handoff 1 --by sam --to erin --meeting 2026-03-16T09:30:00Z $NOTES
expect_rc "a meeting during erin's Monday review is refused" 4
expect_err "because erin is busy in her calendar" "busy in the AE's calendar"
expect_err "with the next free slot after the review" "next free: 2026-03-16 11:00"
b --json handoff 1 --by sam --to erin --meeting 2026-03-16T10:00:00Z --minutes 45 $NOTES
expect_rc "right after the review is free" 0

b meeting ics 1
expect_rc "meeting ics" 0
expect_out "the invitation is a calendar" "BEGIN:VCALENDAR"
expect_out "it asks for a reply" "METHOD:REQUEST"
expect_out "with a stable UID" "UID:meeting-1@baton.local"
expect_out "starting at the meeting's time in UTC" "DTSTART:20260316T100000Z"
expect_out "for 45 minutes" "DTEND:20260316T104500Z"
expect_out "inviting the lead" "a@a.example"
case "$OUT" in *"$(printf '\r')"*) ok "CRLF line endings" ;; *) not_ok "CRLF line endings" ;; esac
b meeting ics 99
expect_rc "an unknown meeting is not found" 3

# availability blocks: once set, meetings only inside them
b availability add eric 2026-03-18T08:00:00Z 2026-03-18T10:00:00Z
expect_rc "availability add" 0
b --json lead add --email b@b.example --channel outbound
b touch 2 --by sam --kind call
b qualify 2 --by sam --set budget=yes authority=decision_maker need=x timeline=later
b handoff 2 --by sam --to eric --meeting 2026-03-18T13:00:00Z $NOTES
expect_rc "outside eric's availability is refused, even in working hours" 4
expect_err "the refusal says so" "outside the AE's availability"
expect_err "nothing free after it within 14 days" "next free: nothing in the next 14 days"
b handoff 2 --by sam --to eric --meeting 2026-03-17T13:00:00Z $NOTES
expect_err "the day before, the next free slots are in the block" "next free: 2026-03-18 09:00, 2026-03-18 09:30, 2026-03-18 10:00"
b --json handoff 2 --by sam --to eric --meeting 2026-03-18T08:30:00Z $NOTES
expect_rc "inside the block books" 0
b availability add eric 2026-03-18T10:00:00Z 2026-03-18T09:00:00Z
expect_rc "a block that ends before it starts is bad input" 2

snapshot "$T/before"
for f in "$DATA"/ics/bad-*.ics; do
	b availability set erin --ics "$f"
	case "$RC:$ERR" in
	2:*"$(basename "$f"):"*) ok "$(basename "$f") is refused with its line" ;;
	*) not_ok "$(basename "$f") is refused with its line" ;;
	esac
done
expect_unchanged "bad calendars change nothing" "$T/before"
b availability set nobody --ics "$DATA/ics/google.ics"
expect_rc "an unknown rep is not found" 3
