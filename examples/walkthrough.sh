#!/bin/sh
# walkthrough.sh BATON - the scripted example of the README: creates a store with the default
# playbook, adds a small team, and walks one inbound lead from inquiry to live customer,
# printing each step and the lead's timeline. Every command runs on an explicit --now clock.
set -eu
BATON=${1:-build/baton}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export BATON_DB="$dir/demo.db"
step() { printf '\n\033[1m$ baton %s\033[0m\n' "$*"; "$BATON" "$@"; }

step --now 2026-11-23T08:00:00Z init
step --now 2026-11-23T08:01:00Z rep add maria --role manager --team emea
step --now 2026-11-23T08:01:00Z rep add alice --role mrr --team emea --manager maria
step --now 2026-11-23T08:01:00Z rep add sam   --role sdr --team emea --manager maria --pod p1
step --now 2026-11-23T08:01:00Z rep add erin  --role ae  --team emea --manager maria --pod p1
step --now 2026-11-23T08:01:00Z rep add chloe --role csm --team emea --manager maria
step --now 2026-11-23T08:02:00Z account add Acme --domain acme.com --segment saas --employees 250 --territory FR
step rep list
step --now 2026-11-23T09:00:00Z lead add --email ada@acme.com --name "Ada Lovelace" --title CTO --source web_form
step --now 2026-11-23T09:03:00Z touch 1 --by alice --kind call --outcome connected
step --now 2026-11-23T09:10:00Z qualify 1 --by alice --set budget=yes authority=decision_maker \
	"need=Routing of inbound leads" timeline=this_quarter
step --now 2026-11-23T09:15:00Z handoff 1 --by alice --to erin --meeting 2026-11-24T14:00:00Z --minutes 45 \
	--note direct_phone=+33123456789 mobile_phone=+33612345678 "summary=Wants SLA enforcement" \
	"company_changes=New CRO in October" "current_systems=HubSpot, Aircall"
step --now 2026-11-24T13:30:00Z review 1 --by erin
step --now 2026-11-24T14:50:00Z meeting held 1 --by erin
step --now 2026-11-24T15:00:00Z accept 1 --by erin
step --now 2026-12-15T10:00:00Z close 1 won --by erin --amount 24000
step --now 2026-12-20T10:00:00Z live 1 --by erin
echo
echo "A second lead that nobody calls: at 09:05 Paris the speed-to-lead promise is broken,"
echo "the manager is told and the lead goes to the next rep, whose own 5 minutes start then."
step --now 2026-11-30T08:00:00Z rep add alan --role mrr --team emea --manager maria
step --now 2026-11-30T08:00:00Z lead add --email grace@navy.example --name "Grace Hopper" --title VP --employees 5000
step --now 2026-11-30T08:07:00Z tick
step --now 2026-11-30T08:07:00Z queue --rep alice
step report credit
echo
echo "An invalid transition is refused (exit 4) and changes nothing:"
step --now 2026-12-21T10:00:00Z accept 1 --by erin || echo "(exit code $?)"
step lead show 1
