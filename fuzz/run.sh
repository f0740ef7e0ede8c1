#!/bin/sh
# run.sh [SECONDS] [TARGET...] - runs the libFuzzer targets: for each (default: every
# fuzz/fuzz_*.c), the inputs of fuzz/regressions/<target>/ once, then fuzzing on a copy of
# fuzz/corpus/<target>/, FUZZ_JOBS (2) targets at a time. Two ways to fuzz:
# - random, for SECONDS (60) each (`make fuzz`, FUZZ_SECONDS): a new seed every run, to find
#   new problems; prints "ok - fuzz csv 60s: N runs";
# - deterministic, when FUZZ_RUNS is set (`make test` via tests/e2e/test_fuzz.sh): seed
#   FUZZ_SEED (1) and FUZZ_RUNS mutations, so the same code runs the same inputs every time and
#   a CI run cannot fail on a new input by chance; FUZZ_RUNS is one number, or per target
#   "csv=10000 http=200 ..." (a target not named gets FUZZ_RUNS_DEFAULT, 2000); prints
#   "ok - fuzz csv seed 1, 10000 runs: N inputs".
# Exits 1 if one crashed, leaked or hung (> 10 s), its input kept under build/fuzz/artifacts/<target>/.
cd "$(dirname "$0")/.." || exit 2
secs=60
case "${1:-}" in
'' | *[!0-9]*) ;;
*) secs=$1 && shift ;;
esac
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

seed=${FUZZ_SEED:-1}

# runs_of TARGET: the mutations FUZZ_RUNS gives TARGET ("N", or "csv=N http=M ...")
runs_of() {
	case "$FUZZ_RUNS" in
	*=*)
		for kv in $FUZZ_RUNS; do
			[ "${kv%%=*}" = "$1" ] && echo "${kv#*=}" && return
		done
		echo "${FUZZ_RUNS_DEFAULT:-2000}"
		;;
	*) echo "$FUZZ_RUNS" ;;
	esac
}

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
	if [ -n "${FUZZ_RUNS:-}" ]; then
		n=$(runs_of "$t")
		what="seed $seed, $n runs"
		set -- -seed="$seed" -runs="$n" -reload=0
	else
		what="${secs}s"
		set -- -max_total_time="$secs"
	fi
	"$bin" "$@" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="build/fuzz/artifacts/$t/" "$work/$t" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	if [ "$rc" -eq 0 ]; then
		echo "ok - fuzz $t $what: ${runs:-?} inputs" >>"$tap"
	else
		echo "not ok - fuzz $t $what: exited $rc after ${runs:-?} inputs; input kept in build/fuzz/artifacts/$t/" >>"$tap"
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
