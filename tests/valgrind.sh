#!/bin/sh
# valgrind.sh - `make test-valgrind`: the end-to-end command-line suite (tests/e2e, but the
# fuzzing step) against build/vg/baton (-O0 -g, no sanitizer) run under valgrind memcheck by
# tests/tools/vg_baton.sh. Passes when every script passes and no run of baton reported an
# error or a definite leak; prints each report found. Slow (minutes): not part of `make test`.
# Arguments, if any, name the scripts to run (tests/e2e/test_cli.sh ...): to split the suite.
cd "$(dirname "$0")/.." || exit 2
export VG_LOGS
VG_LOGS=$(mktemp -d)
trap 'rm -rf "$VG_LOGS"' EXIT
export BATON="$PWD/tests/tools/vg_baton.sh"
export BATON_TEST_DATA="$PWD/tests/data"
export HOOK_TIMEOUT=300 # test_api.sh's webhook listener waits for a slow baton
# memcheck runs baton 20-50x slower: the crash test posts longer before each kill (and runs
# twice, not five times) and waits longer for the import's first commit, the browser test
# waits longer for each page
export CRASH_LOAD_SECONDS=10 CRASH_RUNS=2 CRASH_IMPORT_WAIT=6000 BROWSER_TIMEOUT_MS=90000
unset BATON_TEST_PG
passed=0
failed=0
scripts=${*:-tests/e2e/test_*.sh}
for t in $scripts; do
	[ "$t" = tests/e2e/test_fuzz.sh ] && continue
	started=$(date +%s)
	sh "$t" >"$VG_LOGS/out" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$VG_LOGS/out")
	f=$(grep -c '^not ok ' "$VG_LOGS/out")
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	passed=$((passed + p))
	failed=$((failed + f))
	printf '%-40s %4d passed %4d failed %4ds\n' "$(basename "$t")" "$p" "$f" $(($(date +%s) - started))
	[ "$f" -gt 0 ] && grep -A8 '^not ok ' "$VG_LOGS/out" | head -40
done
runs=$(find "$VG_LOGS" -name 'vg.*.log' | wc -l)
reports=0
for log in "$VG_LOGS"/vg.*.log; do
	[ -s "$log" ] || continue # -q: a clean run writes nothing
	reports=$((reports + 1))
	echo "--- valgrind report: $log"
	head -60 "$log"
done
echo "$passed passed, $failed failed; $runs runs of baton under valgrind, $reports with a report"
[ "$failed" -eq 0 ] && [ "$reports" -eq 0 ]
