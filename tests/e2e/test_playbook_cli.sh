#!/bin/sh
# test_playbook_cli.sh - playbook check|show|apply from the command line: line-numbered
# errors with exit 2, versions stored as events, a bad file changes nothing, and a new
# playbook's rules take effect on the next command.
. "$(dirname "$0")/lib.sh"
DATA=${BATON_TEST_DATA:-tests/data}

b playbook check "$DATA/playbooks/bad/duration_with_unknown_unit.yaml"
expect_rc "check of a bad file exits 2" 2
line=$(head -1 "$DATA/playbooks/bad/duration_with_unknown_unit.yaml" | awk '{print $3}')
key=$(head -1 "$DATA/playbooks/bad/duration_with_unknown_unit.yaml" | awk '{print $4}')
expect_err "the error names file, line and key path" "duration_with_unknown_unit.yaml:$line: $key"

cat >"$T/two.yaml" <<'YAML'
org:
  name: Two Errors Inc
  timezone: Europe/Nowhere
sla:
  speed_to_lead: {first_touch_within: 5x}
YAML
b playbook check "$T/two.yaml"
expect_rc "several errors exit 2" 2
expect_err "the first error is reported with its line" "two.yaml:3: org.timezone"
expect_err "the second error is reported too" "two.yaml:5: sla.speed_to_lead.first_touch_within"
b playbook check "$T/missing.yaml"
expect_rc "a missing file is not found" 3
b --json playbook check "$DATA/playbooks/good/minimal_org_only.yaml"
expect_rc "a good file checks" 0

b init --playbook "$T/two.yaml"
expect_rc "init with a bad playbook is bad input" 2
if [ -e "$BATON_DB" ] && "$BATON" --json playbook show >/dev/null 2>&1; then not_ok "a refused init leaves no store"; else ok "a refused init leaves no store"; fi

b init
b playbook show
expect_out "show prints the built-in playbook with its version" "# playbook version 1"
expect_out "show prints the YAML text" "speed_to_lead"
b --json playbook show
expect_jq "show --json gives the parsed structure" '.org.timezone' Europe/Paris
expect_jq "show --json has the version" .version 1

snapshot "$T/before"
b playbook apply "$T/two.yaml"
expect_rc "apply of a bad file exits 2" 2
expect_unchanged "a refused apply changes nothing" "$T/before"

cat >"$T/strict.yaml" <<'YAML'
org:
  name: Strict Co
  timezone: America/New_York
  business_hours: {days: [mon, tue, wed, thu], start: "08:00", end: "17:00"}
stages:
  sql: {label: Accepted Opportunity, definition: The AE agreed it is real., requires: [budget]}
qualification:
  fields:
    budget: {question: Budget?, values: [yes, no]}
  handoff_requires: {all: [budget]}
fit:
  filter:
    - {country: [FR], reason: not selling in France yet}
routing:
  inbound: {role: sdr, strategy: round_robin}
rejections:
  nope: nurture
YAML
b --json playbook apply "$T/strict.yaml"
expect_rc "apply of a good file" 0
expect_jq "apply makes version 2" .version 2
b --json export events
expect_jq "applying is an event" '[.[] | select(.type == "playbook_applied") | .version] | join(",")' "1,2"
b --json playbook show
expect_jq "the new playbook is in force" .org.name "Strict Co"

b rep add s1 --role sdr
b rep add a1 --role ae
b --json lead add --email x@fr.example --country FR
expect_jq "the new filter rule applies" .reason "not selling in France yet"
b --json lead add --email y@us.example --country US
expect_jq "routing now goes to the sdr role" .owner s1
expect_jq "stage labels come from the new playbook" .stage_label "Marketing Qualified Lead"
LID=$(printf '%s' "$OUT" | jq -r .id)
b touch "$LID" --by s1 --kind call
b handoff "$LID" --by s1 --to a1
expect_rc "the new qualification rule refuses the handoff" 4
expect_err "and names budget" "budget is not answered"
b qualify "$LID" --by s1 --set budget=yes
b --json handoff "$LID" --by s1 --to a1
expect_jq "the handoff passes with no required notes" .stage handoff
b reject "$LID" --by a1 --reason not_qualified
expect_rc "the old rejection codes are gone" 4
expect_err "the new codes are listed" "known reasons: nope"

# every bad playbook of the catalogue, through the command line: exit 2, FILE:LINE: key
for f in "$DATA"/playbooks/bad/*.yaml; do
	name=$(basename "$f")
	line=$(head -1 "$f" | awk '{print $3}')
	key=$(head -1 "$f" | awk '{print $4}')
	b playbook check "$f"
	if [ "$key" = "-" ]; then want="$name:$line: "; else want="$name:$line: $key: "; fi
	case "$RC:$ERR" in
	2:*"$want"*) ok "playbook check $name: exit 2 at line $line" ;;
	*) not_ok "playbook check $name: exit 2 at line $line" "wanted [$want]" ;;
	esac
done
