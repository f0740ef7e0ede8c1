#!/bin/sh
# vg_baton.sh - stands in for baton in tests/valgrind.sh: runs build/vg/baton under valgrind
# memcheck, one log per process in $VG_LOGS (empty when clean: errors and definite leaks only).
# Exit 99 on an error, so that a test looking at the exit code fails there too.
root=$(cd "$(dirname "$0")/../.." && pwd)
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
	--show-leak-kinds=definite --track-origins=yes --log-file="${VG_LOGS:-/tmp}/vg.%p.log" \
	"$root/build/vg/baton" "$@"
