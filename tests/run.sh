#!/bin/sh
# run.sh - baton's test runner: every cmocka unit test binary (TAP output) and every
# end-to-end script under tests/e2e, against the sanitizer build. Prints one line per file
# and ends with the summary line "N passed, N failed"; exits 1 if anything failed.
cd "$(dirname "$0")/.." || exit 2
export ASAN_OPTIONS="exitcode=99:detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="halt_on_error=1:exitcode=98:print_stacktrace=1"
export BATON="$PWD/build/san/baton"
export BATON_TEST_DATA="$PWD/tests/data"
export CMOCKA_MESSAGE_OUTPUT=TAP
passed=0
failed=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

# count FILE RC NAME: tallies "ok"/"not ok" lines of one run's output
count() {
	p=$(grep -c '^ok ' "$1")
	f=$(grep -c '^not ok ' "$1")
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $3 exited $2 without reporting a failure" >>"$1"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	printf '%-40s %4d passed %4d failed\n' "$3" "$p" "$f"
	if [ "$f" -gt 0 ]; then
		grep -A8 '^not ok ' "$1" | head -60
		grep -B2 -A20 'Sanitizer\|runtime error' "$1" | head -60
	fi
}

for t in build/san/tests/test_*; do
	[ -x "$t" ] || continue
	"$t" >"$log/out" 2>&1
	count "$log/out" $? "$(basename "$t")"
done
for t in tests/e2e/test_*.sh; do
	[ -f "$t" ] || continue
	sh "$t" >"$log/out" 2>&1
	count "$log/out" $? "$(basename "$t")"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
