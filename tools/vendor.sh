#!/bin/sh
# Copies into web/vendor/ what the web application's map needs from node_modules (npm ci first):
# Natural Earth's countries at 1:110m as TopoJSON (world-atlas, public domain) and topojson-client's
# UMD bundle (ISC), with their licences. The files are kept byte for byte as npm installs them;
# tests/e2e/conflicts-map.test.mjs fails when they drift. d3-geo is not vendored: its module imports
# d3-array by a bare name, which the browser cannot resolve without an import map (forbidden by
# the CSP as an inline script); web/conflicts.js projects with Equal Earth itself (a few lines).
#
#   tools/vendor.sh          copy
#   tools/vendor.sh --check  say which vendored file differs from node_modules (exit 1), copy nothing
set -eu
cd "$(dirname "$0")/.."
NM=node_modules
# source in node_modules, name in web/vendor (the server serves web files by base name: unique)
FILES="world-atlas/countries-110m.json countries-110m.json
world-atlas/LICENSE world-atlas.LICENSE.txt
topojson-client/dist/topojson-client.min.js topojson-client.min.js
topojson-client/LICENSE topojson-client.LICENSE.txt"

check=0
[ "${1:-}" = --check ] && check=1
status=0
echo "$FILES" | while read -r src dst; do
	if [ ! -f "$NM/$src" ]; then
		echo "vendor.sh: $NM/$src is missing: run npm ci first" >&2
		exit 1
	fi
	if [ $check = 1 ]; then
		if ! cmp -s "$NM/$src" "web/vendor/$dst"; then
			echo "web/vendor/$dst differs from $NM/$src: run tools/vendor.sh" >&2
			exit 1
		fi
	else
		mkdir -p web/vendor
		cp "$NM/$src" "web/vendor/$dst"
		echo "web/vendor/$dst <- $NM/$src"
	fi
done || status=1
exit $status
