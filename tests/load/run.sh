#!/usr/bin/env bash
# Load test: `tansiq serve` on a fresh data directory under wrk, with a mix of URLs (lists,
# one record, the summary, the web application's page and script, an unknown collection that
# must answer 404, and a signed-in read with a session cookie; tests/load/mix.lua). Prints TAP:
#   - for each round: zero socket errors (connect, read, write, timeout);
#   - for each round: no status outside 200-399 except the expected 404s;
#   - the server's memory is steady: its resident set (VmRSS) grows by less than
#     LOAD_RSS_KIB between the end of the second round and the end of the last;
#   - it still answers and stops cleanly on SIGTERM.
#
#   tests/load/run.sh                        # build/tansiq, 3 rounds of 4 s, 16 connections
#   TANSIQ=path/to/tansiq LOAD_ROUNDS=5 LOAD_SECONDS=20 tests/load/run.sh
#
# Environment: TANSIQ, LOAD_ROUNDS (3, at least 3), LOAD_SECONDS (4), LOAD_CONNECTIONS (16),
# LOAD_THREADS (wrk threads, 2), LOAD_RSS_KIB (512). Needs wrk, curl and node (for a free
# port). Meant for a plain build: AddressSanitizer's quarantine makes RSS grow by design.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
TANSIQ=${TANSIQ:-$root/build/tansiq}
case $TANSIQ in /*) ;; *) TANSIQ=$root/$TANSIQ ;; esac
rounds=${LOAD_ROUNDS:-3}
secs=${LOAD_SECONDS:-4}
conns=${LOAD_CONNECTIONS:-16}
wthreads=${LOAD_THREADS:-2}
rss_limit=${LOAD_RSS_KIB:-512}
[ "$rounds" -ge 3 ] 2>/dev/null || rounds=3

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	shift
	for line in "$@"; do printf '%s\n' "$line" | sed 's/^/#   /'; done
}
finish() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
	exit
}

dir=$(mktemp -d "${TMPDIR:-/tmp}/tansiq-load.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT

for tool in wrk curl node; do
	command -v "$tool" >/dev/null || { not_ok "$tool is installed (make test-deps)"; finish; }
done
[ -x "$TANSIQ" ] || { not_ok "tansiq binary is executable ($TANSIQ)"; finish; }

"$TANSIQ" init --data "$dir/data" >"$dir/init.out" 2>&1 </dev/null || { not_ok "tansiq init" "$(cat "$dir/init.out")"; finish; }
user=$(sed -n 's/^ *username: *//p' "$dir/init.out")
pass=$(sed -n 's/^ *password: *//p' "$dir/init.out")
port=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
base=http://127.0.0.1:$port
"$TANSIQ" serve --data "$dir/data" --listen "127.0.0.1:$port" --quiet >"$dir/serve.out" 2>"$dir/serve.err" </dev/null &
pid=$!
up=0
for _ in $(seq 100); do
	kill -0 "$pid" 2>/dev/null || break
	curl -fsS -o /dev/null "$base/api/v1/summary" 2>/dev/null && { up=1; break; }
	sleep 0.1
done
kill -0 "$pid" 2>/dev/null || up=0 # another program on the port answered
if [ "$up" = 1 ]; then ok "serve answers on $base"; else not_ok "serve answers on $base" "$(cat "$dir/serve.err")"; finish; fi

# a session for the signed-in read of the mix
cookie=$(curl -sS -D - -o /dev/null -H 'Content-Type: application/json' \
	-d "{\"username\":\"$user\",\"password\":\"$pass\"}" "$base/api/v1/session" |
	sed -n 's/^[Ss]et-[Cc]ookie: *\(tansiq_session=[^;]*\).*/\1/p' | tr -d '\r')
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/api/v1/session")
if [ -n "$cookie" ] && [ "$code" = 200 ]; then ok "signed in as $user with a session cookie"; else not_ok "signed in as $user with a session cookie" "GET /api/v1/session gave $code"; fi

rss() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null; }

# one run of wrk; sets res (the RESULT line) and first (the first unexpected answer)
load() { # SECONDS
	LOAD_COOKIE=$cookie wrk -t "$wthreads" -c "$conns" -d "${1}s" --latency -s "$root/tests/load/mix.lua" "$base" \
		>"$dir/wrk.out" 2>&1
	res=$(grep '^RESULT ' "$dir/wrk.out")
	first=$(sed -n 's/^FIRST //p' "$dir/wrk.out")
}
field() { echo "$res" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

load 2 # warm-up: every worker thread's store handle and caches
sleep 0.5
rss_warm=$(rss)
declare -a rss_at
for r in $(seq "$rounds"); do
	load "$secs"
	sleep 0.5
	rss_at[r]=$(rss)
	if [ -z "$res" ]; then
		not_ok "round $r: wrk ran" "$(cat "$dir/wrk.out")"
		continue
	fi
	reqs=$(field requests)
	sock=$(($(field connect) + $(field read) + $(field write) + $(field timeout)))
	if [ "$sock" -eq 0 ] && [ "$reqs" -gt 0 ]; then
		ok "round $r: $reqs requests in ${secs} s, zero socket errors"
	else
		not_ok "round $r: $reqs requests in ${secs} s, zero socket errors" "$res"
	fi
	bad=$(field unexpected)
	e404=$(field expected404)
	# one request in 7 or 8 of the mix is the unknown collection
	if [ "$bad" -eq 0 ] && [ "$e404" -gt 0 ] && [ "$e404" -le $((reqs / 5 + 1)) ]; then
		ok "round $r: every answer 2xx or 3xx but the $e404 expected 404s (p99 $(($(field p99us) / 1000)) ms)"
	else
		not_ok "round $r: every answer 2xx or 3xx but the expected 404s" "$res" "first unexpected answer: $first"
	fi
done

growth=$((${rss_at[rounds]:-0} - ${rss_at[rounds - 1]:-0}))
diag="RSS (KiB): after warm-up $rss_warm$(for r in $(seq "$rounds"); do printf ', round %d %s' "$r" "${rss_at[r]}"; done)"
echo "# $diag"
if [ -z "${rss_at[rounds]:-}" ] || [ -z "${rss_at[rounds - 1]:-}" ]; then
	not_ok "memory steady: the server's VmRSS could be read" "$diag"
elif [ "$growth" -lt "$rss_limit" ]; then
	ok "memory steady: RSS grew $growth KiB from round $((rounds - 1)) to round $rounds (under $rss_limit KiB)"
else
	not_ok "memory steady: RSS grew $growth KiB from round $((rounds - 1)) to round $rounds (under $rss_limit KiB)" "$diag"
fi

if curl -fsS -o /dev/null "$base/api/v1/summary"; then ok "the server still answers after the load"; else not_ok "the server still answers after the load"; fi
kill -TERM "$pid"
for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then
	not_ok "serve stops within 5 s of SIGTERM"
else
	wait "$pid"
	rc=$?
	pid=
	if [ "$rc" -eq 0 ]; then ok "serve stops cleanly on SIGTERM"; else not_ok "serve stops cleanly on SIGTERM" "exit status $rc" "$(tail -5 "$dir/serve.err")"; fi
fi
finish
