#!/bin/sh
# test_reports.sh - the reports of SPEC section 6 against counts computed independently, in this
# test, from `export events` (and `sla --json` for the obligations): a scripted history of
# inbound, outbound and filtered leads (fast and slow first touches, A/B variants, handoffs
# accepted and rejected, wins, losses and open pipeline) over four business days.
. "$(dirname "$0")/lib.sh"

NOW=2026-11-23T07:00:00Z
b init
team
# at TIME ARGS...: runs baton at that instant
at() {
	when=$1
	shift
	NOW=$when b "$@"
}
# iso DAY MINUTES: 2026-11-DAY plus MINUTES after 00:00Z, as RFC 3339
iso() { printf '2026-11-%02dT%02d:%02d:00Z' "$1" $(($2 / 60)) $(($2 % 60)); }
# owner_of TIME ID: who owns the lead at that instant, the timers due by then run first (a read
# runs none: a breach due at 09:15 reassigns the lead before a touch at 09:15)
owner_of() {
	NOW=$1 b tick
	NOW=$1 b --json lead show "$2"
	printf '%s' "$OUT" | jq -r .owner
}

sources="web_form webinar referral"
i=1
while [ $i -le 24 ]; do
	day=$((23 + (i - 1) / 6))
	t=$((480 + ((i - 1) % 6) * 70)) # 08:00Z (09:00 Paris) and every 70 minutes
	src=$(echo $sources | cut -d' ' -f$((i % 3 + 1)))
	at "$(iso $day $t)" --json lead add --email "lead$i@corp$i.example" --name "Lead $i" --source "$src" --employees 200
	id=$(printf '%s' "$OUT" | jq -r .id)
	if [ $((i % 6)) -eq 5 ]; then i=$((i + 1)); continue; fi # never touched
	d=$((i % 4 * 2 + 1))
	[ $((i % 3)) -eq 0 ] && d=12 # slow: the speed-to-lead promise breaks
	t=$((t + d))
	o=$(owner_of "$(iso $day $t)" "$id")
	variant=A
	[ $((i % 2)) -eq 0 ] && variant=B
	outcome=no_answer
	[ $((i % 4)) -eq 0 ] && outcome=replied
	at "$(iso $day $t)" touch "$id" --by "$o" --kind email --variant $variant --outcome $outcome
	if [ $((i % 5)) -ne 0 ]; then
		for k in 1 2 3; do at "$(iso $day $((t + k)))" touch "$id" --by "$o" --kind call; done
	fi
	t=$((t + 10))
	if [ $((i % 3)) -ne 2 ]; then
		ae=erin
		[ $((i % 2)) -eq 0 ] && ae=eric
		at "$(iso $day $t)" qualify "$id" --by "$o" --set budget=yes authority=influencer need=x timeline=later
		at "$(iso $day $t)" handoff "$id" --by "$o" --to $ae --note direct_phone=1 mobile_phone=2 summary=3 \
			company_changes=4 current_systems=5
		t=$((t + 20))
		if [ $((i % 4)) -eq 1 ]; then
			reason=not_qualified
			[ $((i % 8)) -eq 5 ] && reason=bad_timing
			at "$(iso $day $t)" reject "$id" --by $ae --reason $reason
		else
			at "$(iso $day $t)" accept "$id" --by $ae --amount $((i * 1000))
			t=$((t + 10))
			if [ $((i % 8)) -eq 0 ]; then
				at "$(iso $day $t)" close "$id" won --by $ae
			elif [ $((i % 8)) -eq 4 ]; then
				at "$(iso $day $t)" close "$id" lost --by $ae --reason price
			fi
		fi
	fi
	i=$((i + 1))
done
# outbound and filtered leads
at "$(iso 27 480)" lead add --email out1@target.example --channel outbound --source target_list
at "$(iso 27 481)" lead add --email out2@target.example --channel outbound --source target_list
at "$(iso 27 482)" lead add --email shop@shop.example --segment ecommerce --source web_form
at "$(iso 27 483)" lead add --email tiny@tiny.example --employees 3 --source webinar
NOW=2026-11-27T12:00:00Z

b export events --format json
echo "$OUT" >"$T/events.json"
b --json sla
echo "$OUT" >"$T/sla.json"

# jq over the events: per lead, its source, channel and every stage it reached
LEADS='[.[] | select(.lead != null)] | group_by(.lead) | map({lead: .[0].lead,
  source: (map(select(.type == "created"))[0].source), channel: (map(select(.type == "created"))[0].channel),
  stages: [.[] | select(.to != null) | .to] | unique,
  created: (map(select(.type == "created"))[0].at),
  mql: ([.[] | select(.to == "mql")][0].at),
  first: ([.[] | select(.type == "touch" and .first == true)][0]),
  variant: ([.[] | select(.type == "touch" and .variant != null)][0].variant),
  replied: ([.[] | select(.type == "touch" and (.outcome == "replied" or .outcome == "connected" or .outcome == "meeting"))] | length > 0),
  amount: ([.[] | select(.amount_cents != null) | .amount_cents] | last // 0),
  now: ([.[] | select(.to != null)] | last | .to)})'
mins() { jq -n "($1 | fromdateiso8601)"; }

# ---- funnel
b --json report funnel
for s in inquiry target mql working handoff sql won lost filtered nurture; do
	want=$(jq "$LEADS | map(select(.stages | index(\"$s\"))) | length" "$T/events.json")
	expect_jq "funnel: $s counts the leads that ever reached it ($want)" ".rows[0].$s" "$want"
done
expect_jq "funnel: one row keyed all without --by" '.rows | length, .[0].key' "1
all"
want=$(jq "$LEADS | (map(select((.stages | index(\"handoff\")) and (.stages | index(\"sql\")))) | length) as \$b | (map(select(.stages | index(\"handoff\"))) | length) as \$a | (\$b / \$a * 10000 | round / 10000)" "$T/events.json")
expect_jq "funnel: handoff_to_sql is the conversion among leads that reached handoff" '.rows[0].handoff_to_sql' "$want"
b --json report funnel --by source
for src in web_form webinar referral target_list; do
	want=$(jq "$LEADS | map(select(.source == \"$src\" and (.stages | index(\"mql\")))) | length" "$T/events.json")
	expect_jq "funnel --by source: $src mql ($want)" ".rows[] | select(.key == \"$src\") | .mql" "$want"
done
b report funnel --by channel --format csv
expect_out "funnel --format csv has a header" "key,leads,inquiry,target,mql"
b --json report funnel --from 2026-11-24 --to 2026-11-25
want=$(jq "$LEADS | map(select(.created >= \"2026-11-23T23:00:00Z\" and .created < \"2026-11-24T23:00:00Z\")) | length" "$T/events.json")
expect_jq "funnel --from/--to: leads created that Paris day ($want)" '.rows[0].leads' "$want"

# ---- speed (every touch here is inside business hours on the day: wall minutes = business minutes)
b --json report speed --by rep
SPEED="$LEADS | map(select(.channel == \"inbound\" and (.stages | index(\"mql\"))))"
for rep in alice bob; do
	want=$(jq "$SPEED | map(select(.first.actor == \"$rep\")) | map(((.first.at | fromdateiso8601) - (.mql | fromdateiso8601)) / 60 | floor) | sort | if length == 0 then null else .[((length * 0.5) | ceil) - 1] end" "$T/events.json")
	expect_jq "speed: $rep's p50 minutes from the events ($want)" ".rows[] | select(.key == \"$rep\") | .p50_minutes" "$want"
done
b --json report speed
want=$(jq "$SPEED | length" "$T/events.json")
expect_jq "speed: leads are the inbound MQLs ($want)" '.rows[0].leads' "$want"
want=$(jq "$SPEED | map(select(.first != null and (((.first.at | fromdateiso8601) - (.mql | fromdateiso8601)) / 60) <= 5)) | length" "$T/events.json")
expect_jq "speed: within the 5-minute SLA ($want)" '.rows[0].within_sla' "$want"
want=$(jq "$SPEED | map(select(.first == null)) | length" "$T/events.json")
expect_jq "speed: untouched leads ($want)" '.rows[0].untouched' "$want"
want=$(jq "$SPEED | map(select(.first != null)) | map(((.first.at | fromdateiso8601) - (.mql | fromdateiso8601)) / 60 | floor) | sort | .[((length * 0.9) | ceil) - 1]" "$T/events.json")
expect_jq "speed: p90 minutes ($want)" '.rows[0].p90_minutes' "$want"

# ---- sla: breaches agree with the breach events; every status with sla --json
b --json report sla
for rule in speed_to_lead follow_up handoff_response; do
	want=$(jq "map(select(.type == \"breach\" and .rule == \"$rule\")) | length" "$T/events.json")
	expect_jq "sla: $rule breaches equal its breach events ($want)" ".rows[] | select(.rule == \"$rule\") | .breached" "$want"
	want=$(jq "map(select(.rule == \"$rule\" and .status == \"met\")) | length" "$T/sla.json")
	expect_jq "sla: $rule met equals sla --json ($want)" ".rows[] | select(.rule == \"$rule\") | .met" "$want"
done
want=$(jq "(map(select(.status == \"met\")) | length) as \$m | (map(select(.status == \"breached\")) | length) as \$b | (\$m / (\$m + \$b) * 10000 | round / 10000)" "$T/sla.json")
expect_jq "sla: overall compliance is met / (met + breached) ($want)" '.compliance' "$want"
b --json report sla --by rep
want=$(jq "map(select(.rule == \"speed_to_lead\" and .owner == \"alice\")) | length" "$T/sla.json")
expect_jq "sla --by rep: alice's speed-to-lead obligations ($want)" '.rows[] | select(.rule == "speed_to_lead" and .key == "alice") | .obligations' "$want"

# ---- handoff
b --json report handoff
for ae in erin eric; do
	want=$(jq "map(select(.type == \"handoff\" and .ae == \"$ae\")) | length" "$T/events.json")
	expect_jq "handoff: $ae received $want" ".rows[] | select(.side == \"ae\" and .rep == \"$ae\") | .handoffs" "$want"
	want=$(jq "map(select(.type == \"reject\" and .actor == \"$ae\")) | length" "$T/events.json")
	expect_jq "handoff: $ae rejected $want" ".rows[] | select(.side == \"ae\" and .rep == \"$ae\") | .rejected" "$want"
done
for sdr in alice bob; do
	want=$(jq "map(select(.type == \"handoff\" and .actor == \"$sdr\")) | length" "$T/events.json")
	expect_jq "handoff: $sdr handed off $want" ".rows[] | select(.side == \"sdr\" and .rep == \"$sdr\") | .handoffs" "$want"
	want=$(jq "[.[] | select(.type == \"handoff\" and .actor == \"$sdr\") | .lead] as \$mine | map(select(.type == \"accept\" and (.lead as \$l | \$mine | index(\$l)))) | length" "$T/events.json")
	expect_jq "handoff: AEs accepted $want of $sdr's" ".rows[] | select(.side == \"sdr\" and .rep == \"$sdr\") | .accepted" "$want"
done
for reason in not_qualified bad_timing; do
	want=$(jq "map(select(.type == \"reject\" and .reason == \"$reason\")) | length" "$T/events.json")
	expect_jq "handoff: rejection reason $reason ($want)" ".reasons[] | select(.reason == \"$reason\") | .rejections" "$want"
done
expect_jq "handoff: a reason says where the lead goes" '.reasons[] | select(.reason == "bad_timing") | .goes_to' nurture

# ---- followup: met cadences equal the follow-up obligations met, by grade
b --json report followup
want=$(jq 'map(select(.rule == "follow_up" and .status == "met")) | length' "$T/sla.json")
expect_jq "followup: full cadences equal the follow_up obligations met ($want)" '.rows[] | select(.grade == "all") | .full_cadence' "$want"
want=$(jq 'map(select(.rule == "follow_up")) | length' "$T/sla.json")
expect_jq "followup: every MQL's cadence is counted ($want)" '.rows[] | select(.grade == "all") | .mqls' "$want"
want=$(jq "[.[] | select(.type == \"mql\" or .type == \"restored\" or .type == \"recycled\")] | length" "$T/events.json")
expect_jq "followup: one cadence per time a lead became an MQL ($want)" '.rows[] | select(.grade == "all") | .mqls' "$want"

# ---- pipeline
b --json report pipeline
want=$(jq "$LEADS | map(select(.now == \"handoff\" or .now == \"sql\")) | length" "$T/events.json")
expect_jq "pipeline: open opportunities are the leads in handoff or sql ($want)" '.opportunities' "$want"
want=$(jq "$LEADS | map(select(.now == \"handoff\" or .now == \"sql\") | .amount) | add / 100" "$T/events.json")
expect_jq "pipeline: value is the sum of the AEs' estimates ($want)" '.value' "$want"
expect_jq "pipeline: every opportunity is inbound here" '.inbound_share' 1
b --json report pipeline --by source
want=$(jq "$LEADS | map(select((.now == \"handoff\" or .now == \"sql\") and .source == \"webinar\")) | length" "$T/events.json")
expect_jq "pipeline --by source: webinar ($want)" '.rows[] | select(.key == "webinar") | .opportunities' "$want"

# ---- marketing
b --json report marketing
want=$(jq -r "$LEADS | map(select(.channel == \"inbound\")) | (map(select((.stages | index(\"mql\")) and (.stages | index(\"sql\")))) | length) as \$s | (map(select(.stages | index(\"mql\"))) | length) as \$m | \"\(\$s)/\(\$m)\"" "$T/events.json")
expect_jq "marketing: mql_to_sql from the events ($want)" '.rows[] | select(.metric == "mql_to_sql") | "\(.numerator)/\(.denominator)"' "$want"
want=$(jq "$LEADS | map(select(.channel == \"inbound\" and (.stages | index(\"filtered\")))) | length" "$T/events.json")
expect_jq "marketing: filtered inbound leads ($want)" '.rows[] | select(.metric == "filter_rate") | .numerator' "$want"
expect_jq "marketing: mql_to_sql is held to the playbook minimum" '.rows[] | select(.metric == "mql_to_sql") | "\(.minimum) \(.pass)"' "0.15 true"
expect_jq "marketing: acceptance against its minimum" '.rows[] | select(.metric == "acceptance") | .minimum' 0.7

# ---- forecast: with little history the default rates apply, and the basis says so
b --json report forecast
expect_jq "forecast: basis says default with few closed deals" '.basis[0].basis | startswith("default")' true
want=$(jq "$LEADS | map(select(.now == \"handoff\" or .now == \"sql\")) | length" "$T/events.json")
expect_jq "forecast: every open opportunity is forecast ($want)" '[.rows[].opportunities] | add' "$want"
want=$(jq "($LEADS | map(select(.now == \"won\" and .amount > 0) | .amount) | (add / length)) as \$mean | $LEADS | map(select(.now == \"handoff\" or .now == \"sql\") | (if .amount > 0 then .amount else \$mean end) * (if .now == \"sql\" then 0.4 else 0.25 end)) | add / 100 | . * 100 | round / 100" "$T/events.json")
expect_jq "forecast: expected value is value x the stage's win rate ($want)" '.expected_value' "$want"
expect_jq "forecast: the interval brackets the expected value" '(.low <= .expected_value) and (.expected_value <= .high)' true

# ---- ab
b --json report ab
for v in A B; do
	want=$(jq -r "$LEADS | map(select(.variant == \"$v\")) | \"\(length) \(map(select(.replied)) | length) \(map(select(.stages | index(\"handoff\"))) | length) \(map(select(.stages | index(\"sql\"))) | length)\"" "$T/events.json")
	expect_jq "ab: variant $v leads, replies, meetings, sqls ($want)" ".rows[] | select(.variant == \"$v\") | \"\(.leads) \(.replied) \(.meetings) \(.sql)\"" "$want"
done
expect_jq "ab: A is the baseline" '.baseline' A
expect_jq "ab: a sample this small is said to be too small" '.rows[] | select(.variant == "B") | .verdict' "sample too small to tell"

# ---- rates in the table for people: percentages with one decimal, as the JSON's number x 100
# (a conversion of 1 prints 100.0%, never 1); JSON and CSV keep the number
b --json report funnel --by source
want=$(printf '%s' "$OUT" | jq -r '[.rows[] | .key + " " + ([.inquiry_to_mql, .mql_to_working, .working_to_handoff, .handoff_to_sql, .sql_to_won] | map(if . == null then "-" else (. * 1000 | round / 10 | tostring | if test("[.]") then . else . + ".0" end) + "%" end) | join(" "))] | join("; ")')
b report funnel --by source
got=$(printf '%s\n' "$OUT" | awk 'NR > 1 { printf "%s%s %s %s %s %s %s", (NR > 2 ? "; " : ""), $1, $(NF-4), $(NF-3), $(NF-2), $(NF-1), $NF }')
if [ "$got" = "$want" ]; then ok "funnel table: every conversion is a percentage ($want)"; else not_ok "funnel table: every conversion is a percentage" "got [$got], want [$want]"; fi
b report sla
case "$OUT" in *"compliance: "*%) ok "sla table: the summary's compliance ends in %" ;; *) not_ok "sla table: the summary's compliance ends in %" "$(printf '%s' "$OUT" | tail -1)" ;; esac
b report funnel --format csv
if printf '%s' "$OUT" | grep -q '%'; then not_ok "funnel csv: rates stay numbers" "$OUT"; else ok "funnel csv: rates stay numbers"; fi

# ---- errors
b report nosuch
expect_rc "an unknown report is a usage error" 1
expect_err "the known reports are listed" "funnel, speed, sla, handoff"
b report handoff --by source
expect_rc "a --by a report does not take is refused" 1
expect_err "the message names the report" "report handoff takes no --by"
b report funnel --by colour
expect_rc "an unknown --by is refused" 1
b report funnel --from 2026-12-01 --to 2026-11-01
expect_rc "--to before --from is bad input" 2
b report funnel --format xml
expect_rc "an unknown --format is bad input" 2
