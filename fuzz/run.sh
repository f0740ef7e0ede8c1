#!/bin/sh
# run.sh [SECONDS] [TARGET...] - runs the libFuzzer targets (`make fuzz`; `make test` via
# tests/e2e/test_fuzz.sh): for each (default: every fuzz/fuzz_*.c), the inputs of
# fuzz/regressions/<target>/ once, then SECONDS (60) of fuzzing on a copy of fuzz/corpus/<target>/,
# FUZZ_JOBS (2) targets at a time. Prints TAP lines ("ok - fuzz csv 30s: N runs"); exits 1 if
# one crashed, leaked or hung (> 10 s), its input kept under build/fuzz/artifacts/<target>/.
cd "$(dirname "$0")/.." || exit 2
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=$*
if [ -z "$targets" ]; then
	for f in fuzz/fuzz_*.c; do
		t=${f#fuzz/fuzz_}
		targets="$targets ${t%.c}"
	done
fi
jobs=${FUZZ_JOBS:-2}
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d) # tmpfs: fuzz_http commits without a disk flush
trap 'rm -rf "$work"' EXIT
export TMPDIR="$work" # fuzz_http makes its store there

# run_one TARGET: regressions, then fuzzing; writes its TAP lines to $work/TARGET.tap
run_one() {
	t=$1
	bin=build/fuzz/fuzz_$t
	tap=$work/$t.tap
	log=$work/$t.log
	: >"$tap"
	if [ ! -x "$bin" ]; then
		echo "not ok - fuzz $t: $bin is missing (make $bin)" >>"$tap"
		return
	fi
	n=$(find "fuzz/regressions/$t" -type f 2>/dev/null | wc -l)
	if [ "$n" -gt 0 ]; then
		if "$bin" -timeout=10 $(find "fuzz/regressions/$t" -type f | sort) >"$log" 2>&1; then
			echo "ok - fuzz $t regressions: $n inputs replayed" >>"$tap"
		else
			echo "not ok - fuzz $t regressions: an input of fuzz/regressions/$t fails again" >>"$tap"
			grep -A25 'ERROR:\|runtime error\|SUMMARY' "$log" | head -40 | sed 's/^/#   /' >>"$tap"
		fi
	fi
	mkdir -p "$work/$t" "build/fuzz/artifacts/$t"
	cp fuzz/corpus/$t/* "$work/$t/" 2>/dev/null
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="build/fuzz/artifacts/$t/" "$work/$t" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	if [ "$rc" -eq 0 ]; then
		echo "ok - fuzz $t ${secs}s: ${runs:-?} runs" >>"$tap"
	else
		echo "not ok - fuzz $t ${secs}s: exited $rc after ${runs:-?} runs; input kept in build/fuzz/artifacts/$t/" >>"$tap"
		grep -A25 'ERROR:\|runtime error\|SUMMARY\|ALARM\|abort' "$log" | head -50 | sed 's/^/#   /' >>"$tap"
	fi
}

running=0
for t in $targets; do
	run_one "$t" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait
status=0
for t in $targets; do
	cat "$work/$t.tap"
	grep -q '^not ok' "$work/$t.tap" && status=1
done
exit $status
