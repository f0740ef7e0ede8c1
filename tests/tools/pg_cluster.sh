#!/bin/sh
# pg_cluster.sh start DIR | stop DIR - a throwaway PostgreSQL cluster for tests and benchmarks:
# initdb into DIR/data (C locale, trust auth for the superuser "baton"), pg_ctl on a unix socket
# in DIR only; as root it runs as the "postgres" user (initdb refuses root), so DIR's parent must
# let that user pass (/tmp does). `start` prints postgres://baton@/postgres?host=DIR; `stop`
# stops it (DIR is the caller's to remove). Test settings: fsync off unless PG_FSYNC=on.
set -eu
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: pg_cluster.sh start|stop DIR" >&2; exit 1; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "pg_cluster.sh: no PostgreSQL server (make deps)" >&2; exit 1; }

# as DIR's owner: root hands the cluster to the postgres user
as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
	mkdir -p "$dir"
	if [ "$(id -u)" = 0 ]; then chown postgres "$dir" && chmod 755 "$dir"; fi
	as_owner "$bin/initdb" -D "$dir/data" -U baton -A trust --no-locale -E UTF8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-k $dir -c listen_addresses='' -c max_connections=400 -c fsync=${PG_FSYNC:-off} -c shared_buffers=128MB" \
		start >/dev/null 2>&1 || { cat "$dir/server.log" >&2; exit 1; }
	echo "postgres://baton@/postgres?host=$dir"
	;;
stop)
	[ ! -d "$dir/data" ] || as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	;;
*)
	echo "usage: pg_cluster.sh start|stop DIR" >&2
	exit 1
	;;
esac
