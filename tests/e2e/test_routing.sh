#!/bin/sh
# test_routing.sh - every routing strategy of SPEC section 4 with exact owners: territory
# round robin, existing account owner (and its fallback when the owner is inactive), the
# account's SDR for outbound leads, the handoff AE of the rep's pod with the territory
# fallback, customer success after live, lead restore, and routing switched off.
. "$(dirname "$0")/lib.sh"

cat >"$T/territory.yaml" <<'YAML'
org: {name: Territory Co, timezone: Europe/Paris}
fit:
  filter:
    - {title: ["*student*", "intern*"], reason: not a buyer}
    - {country: [RU], reason: not sold there}
routing:
  inbound:   {role: sdr, strategy: territory_round_robin, fallback: wait}
  outbound:  {by: account}
  existing_accounts: owner
  handoff:   {to: pod_ae, fallback: territory_round_robin}
  customers: {role: csm, strategy: round_robin, after: live}
YAML
b init --playbook "$T/territory.yaml"
expect_rc "init with a territory playbook" 0
b rep add m1 --role manager
b rep add fr1 --role sdr --territory FR,BE --manager m1 --pod p1
b rep add de1 --role sdr --territory DE --manager m1
b rep add fr2 --role sdr --territory FR --manager m1
b rep add ae_p1 --role ae --pod p1 --territory FR
b rep add ae_de --role ae --territory DE
b rep add ae_de2 --role ae --territory DE
b rep add c1 --role csm
b rep add c2 --role csm

NOW=2026-11-23T09:00:00Z
owners=""
n=0
for c in FR DE FR BE FR; do
	n=$((n + 1))
	b --json lead add --email "t$n@x$n.example" --country "$c"
	owners="$owners$(printf '%s' "$OUT" | jq -r .owner) "
done
if [ "$owners" = "fr1 de1 fr2 fr1 fr2 " ]; then ok "territory round robin: only reps of the lead's territory, in rotation"; else not_ok "territory round robin" "got $owners"; fi
b --json lead add --email nowhere@x.example --country JP
expect_jq "fallback: wait - no rep covers the territory: it waits unassigned" .owner null
expect_jq "the lead is still an mql" .stage mql

b --json lead add --email kid@x.example --title "Student helper" --country FR
expect_jq "title pattern filter" .reason "not a buyer"
KID=$(printf '%s' "$OUT" | jq -r .id)
b --json lead add --email ru@x.example --country RU
expect_jq "country filter" .stage filtered

b --json lead restore "$KID" --by fr1
expect_rc "lead restore" 0
expect_jq "restore brings a filtered lead back to mql" .stage mql
expect_jq "and routes it by the same rule" .owner fr1
b lead restore "$KID" --by fr1
expect_rc "restoring a lead that is not filtered is refused" 4

b rep add owner_ae --role ae --territory FR
b account add Client --domain client.example --owner owner_ae --territory FR
b --json lead add --email buyer@client.example
expect_jq "existing account: the owner gets the lead" .owner owner_ae
expect_jq "the account's territory is the lead's" .territory FR
b rep set owner_ae --active false
b --json lead add --email other@client.example
expect_jq "an inactive owner does not get leads: the territory rotation instead" .owner fr2
b account add Client2 --domain client2.example --owner owner_ae
expect_rc "an inactive rep cannot own an account" 4

# the catch-all (SPEC 8.1): without `fallback`, a lead with no territory or nobody in it goes to
# the whole role's rotation
FB="$T/fallback.db"
sed 's/, fallback: wait}/}/' "$T/territory.yaml" >"$T/fallback.yaml"
b --db "$FB" init --playbook "$T/fallback.yaml"
b --db "$FB" rep add fr1 --role sdr --territory FR
b --db "$FB" rep add de1 --role sdr --territory DE
b --db "$FB" --json lead add --email a@jp.example --country JP
expect_jq "default fallback: a lead of an uncovered territory goes to the role's rotation" .owner fr1
b --db "$FB" --json lead add --email b@nowhere.example
expect_jq "and a lead without a country to the next of it" .owner de1
b --db "$FB" --json lead show 2
expect_jq "the routing says it was the fallback" '[.events[] | select(.type == "assigned")][0].routing | test("fallback")' true

b account add Target --domain target.example --sdr de1 --territory DE --target
b --json lead add --email vp@target.example --channel outbound
expect_jq "outbound lead at a target account: the account's SDR" .owner de1
expect_jq "outbound leads start as target" .stage target

# handoff: pod AE first, then the AEs of the lead's territory
b --json lead add --email pod@x.example --country FR
LID=$(printf '%s' "$OUT" | jq -r .id); OWN=$(printf '%s' "$OUT" | jq -r .owner)
b touch "$LID" --by "$OWN" --kind call
b --json handoff "$LID" --by "$OWN"
if [ "$OWN" = fr1 ]; then expect_jq "fr1 is in pod p1: the pod's AE" .owner ae_p1; else expect_jq "no pod: the territory's AE" .owner ae_p1; fi
b --json lead add --email de@y.example --country DE
LID=$(printf '%s' "$OUT" | jq -r .id)
b touch "$LID" --by de1 --kind call
b --json handoff "$LID" --by de1
expect_jq "no pod: an AE of the lead's territory" .owner ae_de
b --json lead show "$LID"
expect_jq "the handoff event says why that AE" '[.events[] | select(.type == "handoff")][0].routing | test("territory DE")' true
expect_jq "the handoff event names the AE" '[.events[] | select(.type == "handoff")][0].ae' ae_de
b --json accept "$LID" --by ae_de
b --json close "$LID" won --by ae_de --amount 1000
b --json live "$LID" --by ae_de
expect_jq "customer success after live: first CSM" .owner c1

# a playbook without routing: nothing is routed, leads wait
cat >"$T/none.yaml" <<'YAML'
org: {name: No Routing, timezone: Europe/Paris}
YAML
export BATON_DB="$T/none.db"
b init --playbook "$T/none.yaml"
b rep add s1 --role sdr
b rep add m2 --role manager
b rep add m3 --role manager
b --json lead add --email out@z.example --channel outbound
expect_jq "routing left out is off: outbound leads are not routed" .owner null
b --json lead add --email in@z.example
expect_jq "routing left out is off: inbound leads are not routed" .owner null
b --json lead list --unassigned
expect_jq "lead list --unassigned lists them" 'length' 2
b --json lead show 2
expect_jq "every manager is told when the pool names none" '[.events[] | select(.type == "notified")][0].recipients[0]' m2
# the recipients of a "notified" event are a JSON list (they were {"0": .., "1": ..})
expect_jq "the notified event's recipients are a list of every manager" \
	'[.events[] | select(.type == "notified")][0].recipients | @json' '["m2","m3"]'
b export events --format json
expect_jq "export events: the recipients are a JSON list" '[.[] | select(.type == "notified")][0].recipients | @json' '["m2","m3"]'
b export events --format csv
expect_out "export events --format csv: the data column holds the list" '"{""kind"":""unassigned_lead"",""recipients"":[""m2"",""m3""]}"'
# a store written before the fix holds the old shape: it is read back as the list
sql "INSERT INTO events(at, type, lead, actor, data) VALUES (1795424400, 'notified', 2, 'system', '{\"kind\":\"unassigned_lead\",\"recipients\":{\"0\":\"m2\",\"1\":\"m3\"}}')"
b export events --format json
expect_jq "export events: an old-shape recipients object reads back as the list" \
	'[.[] | select(.type == "notified")] | last | .recipients | @json' '["m2","m3"]'
b --json lead show 2
expect_jq "lead show: the old shape reads back as the list too" \
	'[.events[] | select(.type == "notified")] | "\(length) \(map(.recipients | @json) | unique | join(" "))"' '2 ["m2","m3"]'

