#!/bin/sh
# test_simulate.sh - `baton simulate` (SPEC section 6, docs/simulation.md): the JSON shape, the
# same seed prints the same bytes, the csv header, bad options exit 2 naming the field, every
# source "default" on an empty store, the store's team once it has one, nothing written.
. "$(dirname "$0")/lib.sh"

b init
snapshot "$T/before"
b --json simulate --runs 200
expect_rc "simulate runs on a fresh store" 0
expect_jq "the report is named simulate" .report simulate
expect_jq "two models of four quarters by default" '.rows | length' 8
expect_jq "a row has the documented keys" '.rows[0] | keys_unsorted | join(",")' \
	"model,quarter,revenue_mean,revenue_p10,revenue_p90,swing"
expect_jq "lumped first, quarters numbered from 1" '[.rows[0].model, .rows[0].quarter, .rows[4].model, .rows[7].quarter] | join(",")' \
	"lumped,1,specialized,4"
expect_jq "p10 <= mean <= p90 in every row" '[.rows[] | .revenue_p10 <= .revenue_mean and .revenue_mean <= .revenue_p90] | all' true
expect_jq "revenue is positive with the defaults" '[.rows[] | .revenue_mean > 0] | all' true
expect_jq "the swing is stddev / mean, between 0 and 1 here" '[.rows[] | .swing > 0 and .swing < 1] | all' true
expect_jq "runs, seed, quarters and reps are echoed" '[.runs, .seed, .quarters, .reps] | map(tostring) | join(",")' "200,1,4,10"
expect_jq "every parameter has a name, a value and a source" '[.params[] | has("name") and has("value") and has("source")] | all' true
expect_jq "on an empty store every source is the default" '[.params[].source] | unique | join(",")' default
expect_jq "the headcount defaults to 10" '.params[] | select(.name == "reps") | .value' 10
expect_jq "the default split of 10" '.split | [.mrr, .sdr, .ae, .csm] | map(tostring) | join(",")' "1,3,5,1"
money=$(printf '%s\n' "$OUT" | grep -c '"revenue_')
bad=$(printf '%s\n' "$OUT" | grep '"revenue_' | grep -vE '": [0-9]+(\.[0-9]{1,2})?,?$')
if [ "$money" -eq 24 ] && [ -z "$bad" ]; then ok "money has at most two decimals"; else not_ok "money has at most two decimals" "$money values" "$bad"; fi
expect_unchanged "simulate writes nothing" "$T/before"

b simulate --seed 7 --runs 100 --format json
first=$OUT
b --json simulate --runs 100 --seed 7
if [ "$first" = "$OUT" ] && [ -n "$OUT" ]; then ok "the same seed prints the same bytes"; else not_ok "the same seed prints the same bytes"; fi
b --json simulate --runs 100 --seed 8
if [ "$first" != "$OUT" ]; then ok "another seed prints other numbers"; else not_ok "another seed prints other numbers"; fi
b simulate --seed 7 --runs 100
second=$OUT
b simulate --seed 7 --runs 100
if [ "$second" = "$OUT" ] && [ -n "$OUT" ]; then ok "the same seed prints the same table"; else not_ok "the same seed prints the same table"; fi
expect_out "the table has the row columns" "MODEL        QUARTER  REVENUE_MEAN  REVENUE_P10  REVENUE_P90  SWING"
expect_out "the table lists the parameters with their sources" "PARAMETER"
expect_out "a legend says what SWING is and how it is computed" \
	"SWING: how much a quarter's revenue varies from run to run: its standard deviation over the 100 runs divided by its mean"
# the verdict: the model with more revenue over the quarters, by how much, and its swing against the other's
verdict=$(printf '%s\n' "$OUT" | grep '^Verdict: ')
b --json simulate --seed 7 --runs 100
want=$(printf '%s' "$OUT" | jq -r '[.rows[] | select(.model == "lumped") | .revenue_mean] as $l | [.rows[] | select(.model == "specialized") | .revenue_mean] as $s |
	(($s | add) / ($l | add) - 1) * 100 | if . >= 0 then "specialized" else "lumped" end')
case "$verdict" in
"Verdict: $want comes out ahead: +"*"% revenue over 4 quarters ("*"), swing "*) ok "a verdict line says which organisation comes out ahead ($verdict)" ;;
*) not_ok "a verdict line says which organisation comes out ahead" "[$verdict], expected $want ahead" ;;
esac
expect_jq "simulate --json: the same verdict in words" '"Verdict: " + .verdict + "."' "$verdict"
expect_jq "simulate --json: the rows keep their keys" '.rows[0] | keys_unsorted | join(",")' "model,quarter,revenue_mean,revenue_p10,revenue_p90,swing"
b simulate --reps 20 --runs 5 --quarters 1
expect_out "a gap within the noise of 5 runs is no clear winner" "Verdict: no clear winner: specialized makes +"
b simulate --runs 1 --quarters 1
expect_out "a single run names no winner" "but one run cannot tell it from chance"
expect_out "the table says where a value came from" "reps               10     default"

b simulate --format csv --runs 50 --quarters 2
expect_rc "csv runs" 0
cr=$(printf '\r')
if [ "$(printf '%s\n' "$OUT" | head -1)" = "model,quarter,revenue_mean,revenue_p10,revenue_p90,swing$cr" ]; then
	ok "csv header, CRLF"
else
	not_ok "csv header, CRLF"
fi
if [ "$(printf '%s\n' "$OUT" | wc -l)" -eq 5 ]; then ok "csv: a header and 2 x 2 rows"; else not_ok "csv: a header and 2 x 2 rows"; fi
expect_out "csv: the specialized second quarter" "specialized,2,"

b simulate --runs 0
expect_rc "--runs 0 is bad input" 2
expect_err "the error names --runs" "--runs"
b simulate --quarters abc
expect_rc "--quarters abc is bad input" 2
expect_err "the error names --quarters" "--quarters"
b simulate --quarters 41
expect_rc "--quarters over 40 is bad input" 2
b simulate --seed -1
expect_rc "a negative seed is bad input" 2
expect_err "the error names --seed" "--seed"
b simulate --reps 3
expect_rc "--reps 3 is too few to split" 2
expect_err "the error names --reps" "--reps"
b simulate --format xml
expect_rc "an unknown format is bad input" 2
expect_err "the error names --format" "--format"
b simulate --bogus 1
expect_rc "an unknown option is a usage error" 1
b simulate --help
expect_rc "simulate --help" 0
expect_out "the help points to the model's page" "docs/simulation.md"

team
b --json simulate --runs 50
expect_jq "the headcount comes from the store" '.params[] | select(.name == "reps") | .source' "store: 7 active non-manager reps"
expect_jq "the split follows the store's roles" '.split | [.mrr, .sdr, .ae, .csm] | map(tostring) | join(",")' "2,2,2,1"
expect_jq "the share of a role says what was counted" '.params[] | select(.name == "share_sdr") | .source' "store: 2 of 7 active reps are sdr"
expect_jq "rates stay defaults without history" '.params[] | select(.name == "win_rate") | .source' default
b --json simulate --runs 50 --reps 12
expect_jq "--reps overrides the store" '[.reps, (.params[] | select(.name == "reps") | .source)] | map(tostring) | join(",")' "12,option --reps"

b --db "$T/small.db" init
b --db "$T/small.db" rep add ann --role ae
b --db "$T/small.db" rep add abe --role sdr
b --db "$T/small.db" rep add amy --role mrr
b --db "$T/small.db" simulate --runs 10
expect_rc "three reps in the store are too few for the specialized split" 2
expect_err "the error says how many the store has" "store has 3 active non-manager reps"
b --db "$T/small.db" --json simulate --runs 10 --reps 4
expect_rc "--reps 4 runs it" 0
