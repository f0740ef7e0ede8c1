#!/bin/sh
# test_simulate.sh - `baton simulate` (SPEC section 6, docs/simulation.md): the JSON shape, the
# same seed prints the same bytes, the csv header, bad options exit 2 naming the field, every
# source "default" on an empty store, the store's team once it has one, nothing written; the best
# split (SPEC 8.11): at least today's revenue at no worse swing, the verdict in words, and on the
# demo store a verdict that agrees with `advise` and a history whose figures are the reports'.
. "$(dirname "$0")/lib.sh"

b init
snapshot "$T/before"
b --json simulate --runs 200
expect_rc "simulate runs on a fresh store" 0
expect_jq "the report is named simulate" .report simulate
expect_jq "lumped, today's split and the best split, four quarters each by default" '.rows | length' 12
expect_jq "a row has the documented keys" '.rows[0] | keys_unsorted | join(",")' \
	"model,quarter,revenue_mean,revenue_p10,revenue_p90,swing"
expect_jq "lumped first, quarters numbered from 1" '[.rows[0].model, .rows[0].quarter, .rows[4].model, .rows[7].quarter, .rows[8].model] | join(",")' \
	"lumped,1,specialized,4,best"
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
if [ "$money" -eq 36 ] && [ -z "$bad" ]; then ok "money has at most two decimals"; else not_ok "money has at most two decimals" "$money values" "$bad"; fi
expect_jq "current_split is the split, best_split has the same keys and headcount" \
	'[(.current_split == .split), ((.best_split | keys) == (.split | keys)), ((.best_split | add) == .reps), ([.best_split[] | . >= 1] | all)] | all' true
# the best split makes at least today's revenue at no worse swing (sums and mean swings of the rows)
expect_jq "the best split makes at least today's revenue at no worse swing" \
	'[.rows[] | select(.model == "specialized")] as $c | [.rows[] | select(.model == "best")] as $b |
	 (($b | map(.revenue_mean) | add) >= ($c | map(.revenue_mean) | add)) and
	 (($b | map(.swing) | add) <= ($c | map(.swing) | add) + 0.0004)' true
expect_jq "utilisation per role of each model" '.utilisation | [.lumped, .specialized, .best] | map(keys | join(",")) | unique | join(";")' "ae,csm,mrr,sdr"
expect_jq "SDRs prospect full time" '[.utilisation.specialized.sdr, .utilisation.best.sdr] | map(tostring) | join(",")' "1,1"
expect_jq "the role that binds is an MRR, AE or CSM" '[.binds[] | IN("mrr", "ae", "csm")] | all' true
expect_jq "the search stays within its bound" '.search | .evaluated >= 1 and .evaluated <= .bound and .bound == 64 and .runs >= 1 and .runs <= 100' true
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
# the verdict (SPEC 8.11): lumped against the best split, in words, then today's split
verdict=$(printf '%s\n' "$OUT" | grep '^Verdict: ')
expect_out "the table has the best split's rows" "best         4"
expect_out "the table has the utilisation per role" "UTILISATION  MRR"
b --json simulate --seed 7 --runs 100
want=$(printf '%s' "$OUT" | jq -r '.best_split | "Verdict: Specialise: \(.mrr) MRR, \(.sdr) SDR, \(.ae) AE, \(.csm) CSM makes "')
case "$verdict" in
"$want"*"% more a quarter with a swing of "*" against "*" lumped; today's split, "*) ok "the verdict names the best split ($verdict)" ;;
*) not_ok "the verdict names the best split" "[$verdict], expected [$want...]" ;;
esac
expect_jq "simulate --json: the same verdict in words" '"Verdict: " + .verdict + "."' "$verdict"
expect_jq "simulate --json: the rows keep their keys" '.rows[0] | keys_unsorted | join(",")' "model,quarter,revenue_mean,revenue_p10,revenue_p90,swing"
b simulate --reps 5 --runs 3 --quarters 1
expect_out "a gap within the noise of 3 runs is no clear winner" "Verdict: No clear winner: the best split, "
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
if [ "$(printf '%s\n' "$OUT" | wc -l)" -eq 7 ]; then ok "csv: a header and 3 x 2 rows"; else not_ok "csv: a header and 3 x 2 rows"; fi
expect_out "csv: the specialized second quarter" "specialized,2,"
expect_out "csv: the best split's second quarter" "best,2,"

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

# the demo store (`make demo`): the best split makes at least today's revenue at no worse swing,
# and the verdict agrees with advise (every rule of advise asks for more specialisation) or says
# which role's capacity binds
b --db "$T/demo.db" demo --leads 2000 --seed 1
expect_rc "the demo store" 0
b --db "$T/demo.db" --json simulate --runs 300
expect_rc "simulate on the demo store" 0
expect_jq "demo: the best split makes at least today's revenue at no worse swing" \
	'[.rows[] | select(.model == "specialized")] as $c | [.rows[] | select(.model == "best")] as $b |
	 (($b | map(.revenue_mean) | add) >= ($c | map(.revenue_mean) | add)) and
	 (($b | map(.swing) | add) <= ($c | map(.swing) | add) + 0.0004)' true
demo_verdict=$(printf '%s' "$OUT" | jq -r .verdict)
# simulate calibrates from the reports' figures (SPEC 8.11: simulate and replay count the same
# history the same way): every count of "history" is the report's it names
cp "$T/out" "$T/sim.json"
# the flow is the last quarter's: the leads created since flow_from (the demo's year of customers
# before it holds only won deals)
FLOW_FROM=$(jq -r .history.flow_from "$T/sim.json")
expect_jq "demo: the flow is counted over the last 3 months of a longer history" \
	'[.history.flow_months, (.history.months > 3), (.history.flow_from != null)] | map(tostring) | join(",")' "3,true,true"
b --db "$T/demo.db" --json report funnel --by channel --from "$FLOW_FROM"
cp "$T/out" "$T/funnel.json"
b --db "$T/demo.db" --json report forecast
cp "$T/out" "$T/forecast.json"
OUT=$(jq -n --slurpfile s "$T/sim.json" --slurpfile f "$T/funnel.json" --slurpfile c "$T/forecast.json" \
	'{h: $s[0].history, in: ($f[0].rows[] | select(.key == "inbound")),
	  out: ($f[0].rows[] | select(.key == "outbound")), f: $f[0], c: $c[0]}')
expect_jq "demo: history's leads, mqls and sqls per channel are report funnel --by channel's" \
	'[.h.inbound == .in.leads, .h.outbound == .out.leads, .h.mql_inbound == .in.mql, .h.sql_inbound == .in.sql,
	  .h.sql_outbound == .out.sql] | all' true
expect_jq "demo: history's stage counts are the funnel's summed over the channels" \
	'. as $o | [["mql", "mql"], ["handoffs", "handoff"], ["sql", "sql"], ["won", "won"], ["lost", "lost"]] |
	 map(. as [$h, $f] | $o.h[$h] == ($o.f.rows | map(.[$f]) | add)) | all' true
expect_jq "demo: history's mean won amount is report forecast's mean_won_amount" \
	'(.h.won_amount / .h.won_valued * 100 | round / 100) == .c.mean_won_amount' true
expect_jq "demo: history's sql-to-won sample is the forecast's sql row (won after their sql)" \
	'.h.cycle_samples == (.c.basis[] | select(.stage == "sql") | .won)' true
expect_jq "demo: every figure of history names its report" '[.h.reports | keys[] | length > 0] | length' 18
b --db "$T/demo.db" --json report customers --by month
OUT=$(jq -n --slurpfile s "$T/sim.json" --slurpfile m "$T/out" '{h: $s[0].history, m: $m[0], p: $s[0].params}')
expect_jq "demo: history's renewals, churns and customer-months are report customers --by month's, summed" \
	'[.h.renewed == (.m.rows | map(.renewed) | add), .h.churned == (.m.rows | map(.churned) | add),
	  .h.customer_months == (.m.rows | map(.live) | add), .h.renewed + .h.churned > 0] | all' true
expect_jq "demo: the year of customers before the quarter decided enough renewals: churn is the store's" \
	'.p[] | select(.name == "churn_covered") | .source | startswith("store: ")' true
b --db "$T/demo.db" --json advise
specialise=$(printf '%s' "$OUT" | jq '[.recommendations[].rule] | length > 0')
case "$specialise:$demo_verdict" in
true:"Specialise: "*) ok "demo: advise asks for specialisation and the verdict agrees ($demo_verdict)" ;;
*:"Stay lumped: "*"because in it "*" capacity binds"*) ok "demo: the verdict says why it does not specialise ($demo_verdict)" ;;
false:*) ok "demo: advise asks for nothing and the verdict is $demo_verdict" ;;
*) not_ok "demo: the verdict agrees with advise or says why not" "advise recommends: $specialise; verdict: $demo_verdict" ;;
esac
