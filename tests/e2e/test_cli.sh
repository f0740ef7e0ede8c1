#!/bin/sh
# test_cli.sh - the command line contract (SPEC section 5): exit codes, errors on stderr as
# "baton: <message>", --help on every command, --json anywhere on the line, --now checked.
. "$(dirname "$0")/lib.sh"

b lead list
expect_rc "a command on a missing store is not found (3)" 3
expect_err "the message says to run init" "baton init"
case "$ERR" in "baton: "*) ok "errors start with 'baton: '" ;; *) not_ok "errors start with 'baton: '" ;; esac

b init
expect_rc "init" 0
b init
expect_rc "init twice is refused" 4

b frobnicate
expect_rc "an unknown command is a usage error" 1
b
expect_rc "no command is a usage error" 1
b lead add
expect_rc "a missing required option is a usage error" 1
b lead add --email a@b.example --bogus 1
expect_rc "an unknown option is a usage error" 1
expect_err "the unknown option is named" "--bogus"
"$BATON" --now yesterday lead list >/dev/null 2>"$T/err"; RC=$?
expect_rc "a bad --now is a usage error" 1

for c in init playbook rep account lead touch qualify handoff review accept reject nurture disqualify close live export help; do
	b "$c" --help
	if [ "$RC" -eq 0 ] && [ -n "$OUT" ] && printf '%s' "$OUT" | grep -q "usage: baton"; then ok "$c --help"; else not_ok "$c --help"; fi
done
b help
expect_out "baton help lists commands" "handoff"

b lead add --email not-an-email
expect_rc "a malformed email is bad input" 2
expect_err "the field is named" "email"
b lead add --email x@y.example --employees many
expect_rc "a non-numeric size is bad input" 2
b lead add --email x@y.example --channel carrier-pigeon
expect_rc "an unknown channel is bad input" 2
b lead show 99
expect_rc "an unknown lead is not found" 3
b lead show abc
expect_rc "a malformed id is bad input" 2
b touch 1 --by nobody --kind call
expect_rc "touching a missing lead is not found" 3

b rep add ann --role ae
b rep add ann --role ae
expect_rc "a duplicate rep name is refused" 4
b rep add bad --role king
expect_rc "an unknown role is bad input" 2
b rep add 'sp ace' --role ae
expect_rc "a rep name with a space is bad input" 2
b rep add kim --role sdr --hours 18:00-09:00
expect_rc "working hours backwards are bad input" 2
b rep add kim --role sdr --manager ann
expect_rc "a manager who is not a manager is bad input" 2
b rep set nobody --active false
expect_rc "rep set on an unknown rep is not found" 3
b rep set ann --active maybe
expect_rc "--active takes true or false" 2
b --json rep set ann --capacity 5 --hours 08:00-16:30
expect_jq "rep set changes capacity" .capacity 5
expect_jq "rep set changes hours" .hours 08:00-16:30

b account add Gmail --domain gmail.com
expect_rc "a free-mail domain is not an account" 2
b account add Acme --domain https://acme.com
expect_rc "a URL is not a domain" 2
b account add Acme --domain acme.com --owner nobody
expect_rc "an unknown owner is not found" 3
b --json account add Acme --domain ACME.com --owner ann --target
expect_jq "account domain lower-cased" .domain acme.com
b account add Acme2 --domain acme.com
expect_rc "a second account on one domain is refused" 4

# --json works before or after the command
"$BATON" --now "$NOW" lead add --email j@k.example --json >"$T/o" 2>"$T/e"
OUT=$(cat "$T/o"); RC=0
expect_jq "--json after the command" .email j@k.example
"$BATON" --json --now "$NOW" lead list >"$T/o" 2>"$T/e"
OUT=$(cat "$T/o")
expect_jq "lead list --json prints every lead" 'length' 1

# a larger list: no hidden default limit
i=0
while [ $i -lt 60 ]; do b lead add --email "bulk$i@bulk.example"; i=$((i + 1)); done
b --json lead list
expect_jq "lead list has no hidden limit" 'length' 61
b --json lead list --limit 5
expect_jq "--limit cuts" 'length' 5
b --json lead list --stage working
expect_jq "--stage filters" 'length' 0
b lead list --stage workin
expect_rc "an unknown stage is bad input" 2

# export CSV is RFC 4180 and has a header
b lead add --email "quote@q.example" --name 'Ann "the, quoter"'
b export leads --format csv
expect_out "export csv quotes commas and quotes" '"Ann ""the, quoter"""'
b export events --format xml
expect_rc "an unknown export format is bad input" 2

# lead show: the timeline's details in words, never a JSON dump (issue 16); an event stored in
# the old shape ({"recipients": {"0": "boss"}}) reads as words too
b rep add boss --role manager
b --json lead add --email words@w.example --name "Wanda Words" --source webinar
WL=$(printf '%s' "$OUT" | jq -r .id)
b lead show "$WL"
expect_out "lead show: the notification's recipients in words" "kind: unassigned_lead; recipients: boss"
expect_out "lead show: the creation's fields in words" "email: words@w.example; name: Wanda Words"
if printf '%s' "$OUT" | sed -n '/^Timeline/,$p' | grep -q '[{}]'; then
	not_ok "lead show: no JSON in the timeline" "$(printf '%s' "$OUT" | sed -n '/^Timeline/,$p' | grep '[{}]' | head -3)"
else
	ok "lead show: no JSON in the timeline"
fi
if ! on_pg; then
	sql "INSERT INTO events (at, type, lead, actor, data) VALUES (1795420800, 'notified', $WL, 'system', '{\"kind\":\"breach\",\"recipients\":{\"0\":\"boss\",\"1\":\"ann\"}}')"
	b lead show "$WL"
	expect_out "lead show: the old shape of the recipients reads as words" "kind: breach; recipients: boss, ann"
fi
