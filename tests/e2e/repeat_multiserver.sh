#!/bin/sh
# repeat_multiserver.sh [N] - runs test_multiserver.sh N times (default 20) in a row on
# PostgreSQL (a throwaway cluster of its own unless BATON_TEST_PG is set) and stops at the first
# failing run; prints one line per run and "N passed, N failed" (runs). Run from anywhere after
# `make build/san/baton`.
cd "$(dirname "$0")/../.." || exit 2
N=${1:-20}
export BATON="${BATON:-$PWD/build/san/baton}"
export ASAN_OPTIONS="exitcode=99:detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="halt_on_error=1:exitcode=98:print_stacktrace=1"
log=$(mktemp -d)
pgdir=
trap '[ -z "$pgdir" ] || { sh tests/tools/pg_cluster.sh stop "$pgdir"; rm -rf "$pgdir"; }; rm -rf "$log"' EXIT
if [ -z "${BATON_TEST_PG:-}" ]; then
	pgdir=$(mktemp -d)
	BATON_TEST_PG=$(sh tests/tools/pg_cluster.sh start "$pgdir") || exit 1
	export BATON_TEST_PG
fi
passed=0
failed=0
i=1
while [ $i -le "$N" ]; do
	start=$(date +%s)
	sh tests/e2e/test_multiserver.sh >"$log/out" 2>&1
	rc=$?
	nok=$(grep -c '^ok ' "$log/out")
	nbad=$(grep -c '^not ok ' "$log/out")
	if [ $rc -eq 0 ] && [ "$nbad" -eq 0 ] && [ "$nok" -gt 0 ]; then
		passed=$((passed + 1))
		echo "run $i: ok ($nok checks, $(($(date +%s) - start)) s)"
	else
		failed=$((failed + 1))
		echo "run $i: FAILED (exit $rc)"
		grep -A6 '^not ok ' "$log/out" | head -40
		break
	fi
	i=$((i + 1))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
