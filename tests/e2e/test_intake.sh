#!/bin/sh
# test_intake.sh - lead add: the fit filter, dedupe by email, account matching, and the exact
# round robin of SPEC section 4 (order added, skipping inactive, off-hours, at-capacity reps,
# going on after the last rep that got a lead).
. "$(dirname "$0")/lib.sh"

b init
b rep add m1 --role manager
b rep add r1 --role mrr --manager m1
b rep add r2 --role mrr --manager m1
b rep add r3 --role mrr --manager m1
b rep add s1 --role sdr
b rep add a1 --role ae

NOW=2026-11-23T09:00:00Z   # Monday 10:00 in Paris
owners=""
for i in 1 2 3 4; do
	b --json lead add --email "rr$i@rr.example"
	owners="$owners$(printf '%s' "$OUT" | jq -r .owner) "
done
if [ "$owners" = "r1 r2 r3 r1 " ]; then ok "round robin in the order added, wrapping"; else not_ok "round robin order" "got $owners"; fi

b rep set r2 --active false
b --json lead add --email rr5@rr.example
expect_jq "inactive rep skipped" .owner r3
b rep set r2 --active true

b rep set r1 --capacity 2     # r1 already owns 2 open leads
b --json lead add --email rr6@rr.example
expect_jq "rep at capacity skipped; rotation goes on after the last" .owner r2
b rep set r1 --capacity none

b rep set r3 --hours 14:00-18:00    # Monday 10:00 Paris: outside r3's hours
b --json lead add --email rr7@rr.example
expect_jq "rep outside its working hours skipped" .owner r1
b --json lead add --email rr8@rr.example
expect_jq "rotation continues after the last rep given a lead" .owner r2

NOW=2026-11-23T19:00:00Z   # 20:00 in Paris: nobody works
b --json lead add --email late@rr.example
expect_jq "nobody in hours: the lead waits unassigned" .owner null
expect_jq "it is still an mql" .stage mql
b --json lead show "$(printf '%s' "$OUT" | jq -r .id)"
expect_jq "the unassigned event says why" '[.events[] | select(.type == "unassigned")][0].routing | test("outside working hours")' true
expect_jq "the managers are told" '[.events[] | select(.type == "notified")][0].recipients | @json' '["m1"]'

NOW=2026-12-25T10:00:00Z   # a holiday in the default playbook
b --json lead add --email xmas@rr.example
expect_jq "nobody works on a holiday" .owner null
NOW=2026-11-23T09:00:00Z

b --json lead add --email small@tiny.example --employees 5
expect_jq "fit filter: too small" .stage filtered
expect_jq "the filter's reason is kept" .reason "too small"
expect_jq "a filtered lead gets no owner" .owner null
b --json lead add --email shop@shop.example --segment ecommerce --employees 500
expect_jq "fit filter: excluded segment" .reason "not a fit for the product"
b --json lead add --email big@big.example --segment saas --employees 10
expect_jq "employees_below is strict" .stage mql

b --json lead add --email RR1@rr.example --source webinar
expect_jq "a known email is the same lead" .id 1
expect_jq "and says so" .duplicate true
b --json lead list
n_before=$(printf '%s' "$OUT" | jq length)
b --json lead show 1
expect_jq "the second inquiry is an event on the first lead" '[.events[] | select(.type == "reinquiry")] | length' 1

b account add Target --domain target.example --sdr s1 --target
b --json lead add --email cto@target.example --channel outbound
expect_jq "an outbound lead starts as target" .stage target
expect_jq "it goes to the account's SDR" .owner s1
b --json touch "$(printf '%s' "$OUT" | jq -r .id)" --by s1 --kind email
expect_jq "the SDR's first touch moves target to working" .stage working

b account add Customer --domain customer.example --owner a1
b --json lead add --email user@customer.example
expect_jq "a lead at an owned account goes to the owner AE" .owner a1
b --json lead add --email someone@gmail.com
expect_jq "a free-mail lead never matches an account" .account null
