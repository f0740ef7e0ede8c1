#!/bin/sh
# test_fuzz.sh - `make test`'s fuzzing step: replays every input under fuzz/regressions/ and
# runs each libFuzzer target (build/fuzz/fuzz_*, clang with ASan + UBSan) for 30 s on a copy of
# its seed corpus, two at a time (fuzz/run.sh). Prints "ok - fuzz csv 30s: N runs" per target;
# skips, saying so, when clang is not installed, and in the PostgreSQL pass of tests/run.sh.
cd "$(dirname "$0")/../.." || exit 2
if [ -n "${BATON_TEST_PG:-}" ]; then
	echo "ok - fuzz # SKIP the targets do not use the store's backend: they ran in the SQLite pass"
	exit 0
fi
if ! command -v clang >/dev/null 2>&1; then
	echo "ok - fuzz # SKIP clang is not installed (make deps installs it), so no fuzz target was built"
	exit 0
fi
exec sh fuzz/run.sh "${FUZZ_TEST_SECONDS:-30}"
