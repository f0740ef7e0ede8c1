#!/bin/sh
# test_fuzz.sh - `make test`'s fuzzing step, deterministic: replays every input under
# fuzz/regressions/, then runs each libFuzzer target (build/fuzz/fuzz_*, clang with ASan +
# UBSan) on a copy of its seed corpus with a FIXED seed and a FIXED number of mutations
# (fuzz/run.sh with FUZZ_SEED and FUZZ_RUNS), two at a time: the same build runs the same
# inputs every time, so CI cannot fail by chance on an input nobody has seen (the random runs
# that look for new problems are `make fuzz`). The runs are sized to the targets' speed under
# ASan so the step takes 10 to 20 s on 2 cores. Prints "ok - fuzz csv seed 1, 10000 runs: N
# inputs" per target; skips, saying so, when clang is not installed, and in the PostgreSQL pass
# of tests/run.sh.
cd "$(dirname "$0")/../.." || exit 2
if [ -n "${BATON_TEST_PG:-}" ]; then
	echo "ok - fuzz # SKIP the targets do not use the store's backend: they ran in the SQLite pass"
	exit 0
fi
if ! command -v clang >/dev/null 2>&1; then
	echo "ok - fuzz # SKIP clang is not installed (make deps installs it), so no fuzz target was built"
	exit 0
fi
FUZZ_SEED=${FUZZ_TEST_SEED:-1}
FUZZ_RUNS=${FUZZ_TEST_RUNS:-csv=10000 http=200 ical=2000 playbook=3000 time=2000}
export FUZZ_SEED FUZZ_RUNS
exec sh fuzz/run.sh
