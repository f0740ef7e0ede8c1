#!/bin/sh
# run.sh - baton's test runner: every cmocka unit test binary (TAP output) and every
# end-to-end script under tests/e2e, against the sanitizer build. Prints one line per file
# and ends with the summary line "N passed, N failed"; exits 1 if anything failed. A skipped
# case (cmocka's skip(), TAP "# SKIP": a unit case that asserts the SPEC where the code
# disagrees) is neither: it is counted and listed apart.
cd "$(dirname "$0")/.." || exit 2
export ASAN_OPTIONS="exitcode=99:detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="halt_on_error=1:exitcode=98:print_stacktrace=1"
export BATON="$PWD/build/san/baton"
export BATON_TEST_DATA="$PWD/tests/data"
export CMOCKA_MESSAGE_OUTPUT=TAP
passed=0
failed=0
skipped=0
log=$(mktemp -d)
pgdir=
trap '[ -z "$pgdir" ] || { sh tests/tools/pg_cluster.sh stop "$pgdir"; rm -rf "$pgdir"; }; rm -rf "$log"' EXIT

# count FILE RC NAME: tallies "ok"/"not ok" lines of one run's output
count() {
	p=$(grep '^ok ' "$1" | grep -vc '# SKIP')
	f=$(grep '^not ok ' "$1" | grep -vc '# SKIP')
	s=$(grep -c '^\(not \)\{0,1\}ok .*# SKIP' "$1")
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $3 exited $2 without reporting a failure" >>"$1"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
	printf '%-40s %4d passed %4d failed' "$3" "$p" "$f"
	if [ "$s" -gt 0 ]; then printf ' %4d skipped\n' "$s"; grep '# SKIP' "$1" | sed 's/^/    /'; else echo; fi
	if [ "$f" -gt 0 ]; then
		grep -A8 '^not ok ' "$1" | head -60
		grep -B2 -A20 'Sanitizer\|runtime error' "$1" | head -60
	fi
}

# the layout of src/ (.clang-format): `make format-check`, skipped where clang-format 19 is missing
if command -v "${CLANG_FORMAT:-clang-format-19}" >/dev/null 2>&1; then
	if make -s format-check CLANG_FORMAT="${CLANG_FORMAT:-clang-format-19}" >"$log/fmt" 2>&1; then
		echo "ok - clang-format" >"$log/out"
	else
		{ echo "not ok - clang-format (make format fixes the layout)"; sed 's/^/#   /' "$log/fmt" | head -40; } >"$log/out"
	fi
else
	echo "ok - clang-format # SKIP ${CLANG_FORMAT:-clang-format-19} is not installed (make deps)" >"$log/out"
fi
count "$log/out" 0 "clang-format"

# the layers of src/: the files of each folder call one way (tools/file_calls.sh, over the
# objects `make` built) and its headers include one way (tools/include_circles.sh)
for d in src/*/; do
	n=$(basename "$d")
	if [ ! -d "build/rel/src/$n" ]; then
		echo "ok - $n calls one way # SKIP build/rel/src/$n is not built (make)"
	elif sh tools/file_calls.sh "build/rel/src/$n" >"$log/layer" 2>&1; then
		echo "ok - $n calls one way"
	else
		echo "not ok - $n calls one way: $(tail -n 1 "$log/layer")"
	fi
	if sh tools/include_circles.sh "$d" >"$log/layer" 2>&1; then
		echo "ok - $n headers include one way"
	else
		echo "not ok - $n headers include one way: $(tail -n 1 "$log/layer")"
	fi
done >"$log/out"
count "$log/out" 0 "layers"

for t in build/san/tests/test_*; do
	[ -x "$t" ] || continue
	"$t" >"$log/out" 2>&1
	count "$log/out" $? "$(basename "$t")"
done
for t in tests/e2e/test_*.sh; do
	[ -f "$t" ] || continue
	t0=$(date +%s)
	sh "$t" >"$log/out" 2>&1
	rc=$?
	echo "$(($(date +%s) - t0)) $t" >>"$log/seconds"
	count "$log/out" $rc "$(basename "$t")"
done
# the end-to-end suite again on PostgreSQL: a throwaway cluster in a temporary folder (unix
# socket only), a fresh database per test (tests/e2e/lib.sh); its lines are labelled [pg].
# The scripts run $BATON_TEST_JOBS (4) at a time, the longest of the SQLite pass first: they
# mostly wait on round trips to the server.
pgdir=$(mktemp -d)
if BATON_TEST_PG=$(sh tests/tools/pg_cluster.sh start "$pgdir" 2>"$log/pg"); then
	export BATON_TEST_PG
	started=
	for t in $(sort -rn "$log/seconds" | cut -d' ' -f2); do
		[ -f "$t" ] || continue
		n=$(basename "$t")
		while [ "$(for s in $started; do [ -f "$log/pg.$s.rc" ] || echo; done | wc -l)" -ge "${BATON_TEST_JOBS:-4}" ]; do
			sleep 0.2
		done
		(sh "$t" >"$log/pg.$n" 2>&1; echo $? >"$log/pg.$n.rc") &
		started="$started $n"
	done
	wait
	for t in tests/e2e/test_*.sh; do
		n=$(basename "$t")
		[ -f "$log/pg.$n.rc" ] && count "$log/pg.$n" "$(cat "$log/pg.$n.rc")" "[pg] $n"
	done
	unset BATON_TEST_PG
else
	{ echo "not ok - no PostgreSQL test cluster (make deps installs the server)"; sed 's/^/#   /' "$log/pg"; } >"$log/out"
	count "$log/out" 1 "[pg] cluster"
fi
[ "$skipped" -eq 0 ] || echo "$skipped skipped (listed above)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
