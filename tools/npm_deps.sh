#!/bin/sh
# npm_deps.sh DIR... - installs the npm packages each DIR's package-lock.json pins (`npm ci`),
# for `make deps`: the dashboard's charting library (web/) and the browser test's
# playwright-core (tests/browser/). Idempotent: a DIR whose node_modules/.baton-stamp is newer
# than its package.json and package-lock.json is skipped. Installs Debian's nodejs and npm
# first when there is no npm at all (a NodeSource nodejs already ships its own npm).
set -eu
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
if ! command -v npm >/dev/null 2>&1; then
	echo "npm_deps.sh: installing nodejs npm"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm
fi
for dir in "$@"; do
	stamp="$dir/node_modules/.baton-stamp"
	if [ -f "$stamp" ] && [ "$stamp" -nt "$dir/package.json" ] && [ "$stamp" -nt "$dir/package-lock.json" ]; then
		echo "npm_deps.sh: $dir is up to date"
		continue
	fi
	echo "npm_deps.sh: npm ci in $dir"
	npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
	touch "$stamp"
done
