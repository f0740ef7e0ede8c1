#!/bin/sh
# test_lifecycle.sh - one inbound lead walked inquiry -> mql -> working -> handoff -> sql ->
# won -> live, checking exit codes, JSON shapes and the store after each step; and the
# refusals of the state machine (exit 4, a message naming the stage, nothing written).
. "$(dirname "$0")/lib.sh"

b init
expect_rc "init creates the store" 0
team
b account add Acme --domain acme.com --segment saas --employees 250 --territory FR
expect_rc "account add" 0

NOW=2026-11-23T09:00:00Z
b --json lead add --email Ada@Acme.com --name "Ada Lovelace" --title CTO --source web_form
expect_rc "lead add exits 0" 0
expect_jq "lead add: email is lower-cased" .email ada@acme.com
expect_jq "lead add: passes the fit filter to mql" .stage mql
expect_jq "lead add: round robin gives the first mrr" .owner alice
expect_jq "lead add: matched to the account" .account 1
expect_jq "lead add: segment taken from the account" .segment saas
expect_jq "lead add: channel defaults to inbound" .channel inbound
expect_jq "lead add: has the spec's keys" '[has("id","email","name","company","channel","source","stage","owner","grade","score")]|all' true

b --json lead show 1
expect_jq "created event carries from null and to inquiry" '.events[0] | [.type, (.from|tostring), .to] | join(",")' "created,null,inquiry"
expect_jq "mql event carries from and to" '.events[1] | [.type, .from, .to] | join(",")' "mql,inquiry,mql"
expect_jq "assignment recorded with its reason" '.events[2] | [.type, .owner] | join(",")' "assigned,alice"
expect_jq "routing reason is in words" '.events[2].routing | test("round robin")' true
expect_jq "lead show has obligations and meetings arrays" '[(.obligations|type), (.meetings|type)] | join(",")' "array,array"

NOW=2026-11-23T09:03:00Z
b --json touch 1 --by bob --kind call
expect_rc "a touch by a non-owner is recorded" 0
expect_jq "a non-owner's touch is not a first touch" .stage mql
b --json touch 1 --by alice --kind call --outcome connected
expect_jq "the owner's first touch moves mql to working" .stage working
expect_jq "first touch time recorded" .first_touch_at 2026-11-23T09:03:00Z

snapshot "$T/before"
b handoff 1 --by alice --to erin --note summary=x
expect_rc "handoff without qualification is refused with exit 4" 4
expect_err "handoff refusal names the missing field need" "need is not answered"
expect_err "handoff refusal names the at_least rule" "at least 3"
expect_err "handoff refusal names missing notes" "note direct_phone is missing"
expect_unchanged "refused handoff changes nothing" "$T/before"

b qualify 1 --by alice --set budget=maybe
expect_rc "a value outside the playbook's list is bad input" 2
expect_err "the message lists the allowed values" "allowed: yes, no, unknown"
b qualify 1 --by alice --set colour=blue
expect_rc "an unknown qualification field is bad input" 2
expect_err "the message lists the known fields" "budget, authority, need, timeline"
expect_unchanged "bad qualification changes nothing" "$T/before"

b --json qualify 1 --by alice --set budget=yes authority=decision_maker "need=Lead routing" --set timeline=this_quarter
expect_rc "qualify with several answers" 0
expect_jq "answers stored" '.qualification | [.budget, .authority, .need, .timeline] | join("|")' "yes|decision_maker|Lead routing|this_quarter"

b handoff 1 --by sam --to erin --note direct_phone=1 mobile_phone=2 summary=3 company_changes=4 current_systems=5
expect_rc "only the owner may hand off" 4
b handoff 1 --by alice --to sam --note direct_phone=1 mobile_phone=2 summary=3 company_changes=4 current_systems=5
expect_rc "handoff to a non-AE is refused" 4
expect_err "the refusal says sam is not an AE" "not an AE"
b handoff 1 --by alice --to nobody --note direct_phone=1 mobile_phone=2 summary=3 company_changes=4 current_systems=5
expect_rc "handoff to an unknown rep is not found" 3

NOW=2026-11-23T09:15:00Z
b --json handoff 1 --by alice --to erin --meeting 2026-11-24T14:00:00Z --minutes 45 \
	--note direct_phone=+33123 mobile_phone=+33612 "summary=Wants SLAs" company_changes=none "current_systems=HubSpot"
expect_rc "complete handoff is accepted" 0
expect_jq "handoff moves to stage handoff" .stage handoff
expect_jq "the AE owns it" .owner erin
expect_jq "the handing rep is kept for credit" .handed_by alice
expect_jq "notes stored" .notes.summary "Wants SLAs"

b --json lead show 1
expect_jq "meeting booked with the spec's keys" '.meetings[0] | [.id, .start, .minutes, .status, .ae, .booked_by] | map(tostring) | join(",")' "1,2026-11-24T14:00:00Z,45,booked,erin,alice"

b accept 1 --by alice
expect_rc "an MRR/SDR may not accept a handoff" 4
expect_err "the refusal names the rule" "only the AE"
b accept 1 --by eric
expect_rc "another AE may not accept it" 4

NOW=2026-11-24T13:30:00Z
b --json review 1 --by erin
expect_jq "review marks notes reviewed" .reviewed true
NOW=2026-11-24T15:00:00Z
b --json accept 1 --by erin
expect_jq "accept makes it an SQL" .stage sql
expect_jq "the accepting AE is recorded" .ae erin

b close 1 won --by erin --amount 12x
expect_rc "a bad amount is bad input" 2
NOW=2026-12-15T10:00:00Z
b --json close 1 won --by erin --amount 24000.5
expect_jq "close won" .stage won
expect_jq "amount stored" .amount 24000.5
NOW=2026-12-20T10:00:00Z
b --json live 1 --by erin
expect_jq "live" .stage live
expect_jq "customer success takes over by round robin" .owner chloe

snapshot "$T/before2"
b accept 1 --by erin
expect_rc "accept on a live lead is refused with exit 4" 4
expect_err "the refusal names the current stage" "is live"
expect_err "the refusal lists the allowed actions" "allowed here: touch"
expect_unchanged "a refused transition writes nothing" "$T/before2"

b --json export events --format json
expect_jq "the walk produced every stage in order" '[.[] | select(.lead == 1 and .to != null) | .to] | join(",")' "inquiry,mql,working,handoff,sql,won,live"
expect_jq "events are in id order" '[.[].id] == ([.[].id] | sort)' true
expect_jq "every time is RFC 3339 UTC" '[.[].at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")] | all' true

# the events are append-only in the store itself
if sql "UPDATE events SET type = 'x' WHERE id = 1" >/dev/null 2>&1; then
	not_ok "the store refuses to update an event"
else
	ok "the store refuses to update an event"
fi
if sql "DELETE FROM events WHERE id = 1" >/dev/null 2>&1; then
	not_ok "the store refuses to delete an event"
else
	ok "the store refuses to delete an event"
fi
