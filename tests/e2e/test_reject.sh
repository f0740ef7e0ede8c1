#!/bin/sh
# test_reject.sh - an AE's rejection: the reason code decides where the lead goes (SPEC
# section 3), an unknown code is refused listing the known ones; nurture and disqualify.
. "$(dirname "$0")/lib.sh"

b init
team
# walk a lead to handoff: $1 = email; leaves its id in LID
to_handoff() {
	b --json lead add --email "$1" --name X
	LID=$(printf '%s' "$OUT" | jq -r .id)
	OWNER=$(printf '%s' "$OUT" | jq -r .owner)
	b touch "$LID" --by "$OWNER" --kind call
	b qualify "$LID" --by "$OWNER" --set budget=yes authority=influencer need=x timeline=later
	b handoff "$LID" --by "$OWNER" --to erin --note direct_phone=1 mobile_phone=2 summary=3 company_changes=4 current_systems=5
}

to_handoff one@corp.example
snapshot "$T/before"
b reject "$LID" --by erin --reason because
expect_rc "an unknown rejection reason is refused" 4
expect_err "the known reasons are listed" "not_qualified, wrong_person, bad_timing, no_budget, duplicate"
expect_unchanged "nothing written" "$T/before"
b reject "$LID" --by erin
expect_rc "a rejection without a reason is a usage error" 1
expect_err "the command line names its flag" "reject: --reason CODE is required"
b --json reject "$LID" --by erin --reason not_qualified
expect_jq "not_qualified returns the lead to working" .stage working
expect_jq "with the rep who handed it off" .owner alice
expect_jq "the reason is kept" .reason not_qualified

to_handoff two@corp.example
b --json reject "$LID" --by erin --reason bad_timing
expect_jq "bad_timing sends it to nurture" .stage nurture
to_handoff three@corp.example
b --json reject "$LID" --by erin --reason duplicate
expect_jq "duplicate disqualifies it" .stage disqualified

b --json lead add --email four@corp.example
LID=$(printf '%s' "$OUT" | jq -r .id)
OWNER=$(printf '%s' "$OUT" | jq -r .owner)
b touch "$LID" --by "$OWNER" --kind email
b nurture "$LID" --by "$OWNER" --until 2026-01-01
expect_rc "nurture until a past date is bad input" 2
b --json nurture "$LID" --by "$OWNER" --until 2027-02-01
expect_jq "nurture until a date" .stage nurture
expect_jq "the recycle time is local midnight of that date (Paris, UTC+1)" .nurture_until 2027-01-31T23:00:00Z

b --json lead add --email five@corp.example
LID=$(printf '%s' "$OUT" | jq -r .id)
OWNER=$(printf '%s' "$OUT" | jq -r .owner)
b disqualify "$LID" --by "$OWNER" --reason "student"
expect_rc "disqualify from mql is not in the lifecycle" 4
b touch "$LID" --by "$OWNER" --kind email
b --json disqualify "$LID" --by "$OWNER" --reason "student"
expect_jq "disqualify from working" .stage disqualified
b --json touch "$LID" --by "$OWNER" --kind call
expect_rc "a disqualified lead takes no touch" 4
