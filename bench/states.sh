#!/usr/bin/env bash
# Benchmark: GET /api/v1/states from tansiq against nginx serving the same bytes as a file.
#
#   bench/states.sh                      # uses build/tansiq
#   TANSIQ=path/to/tansiq DURATION=30s bench/states.sh
#
# BENCH_SETUP=SCRIPT runs SCRIPT with the tansiq binary and the data directory after init,
# before the server starts; the last line it prints is the API path to benchmark instead of
# /api/v1/states (bench/votes.sh uses it for a vote's live tally).
#
# Settings (environment): TANSIQ, TANSIQ_PORT (18080), NGINX_PORT (18081), THREADS (2),
# CONNECTIONS (64), DURATION (10s), WARMUP (2s, 0 to skip), KEEP=1 keeps the temp dir.
# Exit status: 0 every target met, 1 a target missed, 2 could not run (missing tool, port busy...).
# See docs/bench.md.

set -u

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
repo=$(cd "$here/.." && pwd)
TANSIQ=${TANSIQ:-$repo/build/tansiq}
TANSIQ_PORT=${TANSIQ_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-2s}
KEEP=${KEEP:-0}

# Targets
TARGET_RATIO=0.5    # tansiq requests/s divided by nginx requests/s, at least
TARGET_P99_MS=10    # tansiq p99 latency, below
TARGET_ERRORS=0     # tansiq non-2xx + socket errors, at most
TARGET_MEM_MIB=50   # tansiq peak resident memory (VmHWM), below

# --- tools: install nothing, say what is missing
missing=()
command -v wrk >/dev/null 2>&1 || missing+=("wrk (Debian package: wrk)")
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=("nginx (Debian package: nginx-light or nginx)")
command -v curl >/dev/null 2>&1 || missing+=("curl (Debian package: curl)")
stop_if_missing "install them (for example: apt-get install wrk nginx-light curl) and run again"
NGINX=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
[ -x "$TANSIQ" ] || die "tansiq binary not found at $TANSIQ (run make, or set TANSIQ=...)"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_busy "$TANSIQ_PORT" && die "port $TANSIQ_PORT is already in use (set TANSIQ_PORT=...)"
port_busy "$NGINX_PORT" && die "port $NGINX_PORT is already in use (set NGINX_PORT=...)"

# --- temp dir and cleanup of everything started here
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tansiq-bench.XXXXXX") || die "cannot make a temp dir"
chmod 755 "$tmp"
tansiq_pid=""
nginx_pid=""
wrk_pid=""
cleanup() {
	stop_pids $wrk_pid $tansiq_pid $nginx_pid
	if [ "$KEEP" = 1 ]; then echo "bench: kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_http() { # URL TIMEOUT_S
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# --- tansiq
"$TANSIQ" init --data "$tmp/data" >"$tmp/init.log" 2>&1 </dev/null || { cat "$tmp/init.log" >&2; die "tansiq init failed"; }
path=/api/v1/states
if [ -n "${BENCH_SETUP:-}" ]; then
	path=$("$BENCH_SETUP" "$TANSIQ" "$tmp/data" 2>"$tmp/setup.log" | tail -1)
	[ -n "$path" ] || { cat "$tmp/setup.log" >&2; die "$BENCH_SETUP gave no path"; }
fi
"$TANSIQ" serve --data "$tmp/data" --listen "127.0.0.1:$TANSIQ_PORT" >"$tmp/tansiq.log" 2>&1 </dev/null &
tansiq_pid=$!
if ! wait_http "http://127.0.0.1:$TANSIQ_PORT/api/v1/summary" 15; then
	tail -20 "$tmp/tansiq.log" >&2
	die "tansiq serve did not answer on 127.0.0.1:$TANSIQ_PORT"
fi
mkdir -p "$tmp/www$(dirname "$path")"
code=$(curl -sS -o "$tmp/www$path" -w '%{http_code}' "http://127.0.0.1:$TANSIQ_PORT$path")
[ "$code" = 200 ] || die "GET $path from tansiq answered $code"
chmod -R a+rX "$tmp/www"
body_bytes=$(wc -c <"$tmp/www$path" | tr -d ' ')

# --- nginx, in the foreground of its own process, with its own config, pid and logs
mkdir -p "$tmp/nginx/logs" "$tmp/nginx/tmp"
user_line=""
[ "$(id -u)" = 0 ] && user_line="user $(id -un) $(id -gn);"
cat >"$tmp/nginx/nginx.conf" <<EOF
$user_line
daemon off;
master_process on;
worker_processes 2;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $tmp/nginx/tmp/body;
    proxy_temp_path $tmp/nginx/tmp/proxy;
    fastcgi_temp_path $tmp/nginx/tmp/fastcgi;
    uwsgi_temp_path $tmp/nginx/tmp/uwsgi;
    scgi_temp_path $tmp/nginx/tmp/scgi;
    types { }
    default_type application/json;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $tmp/www;
        location / { try_files \$uri =404; }
    }
}
EOF
"$NGINX" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/logs/error.log" >"$tmp/nginx/logs/stdout.log" 2>&1 </dev/null &
nginx_pid=$!
if ! wait_http "http://127.0.0.1:$NGINX_PORT$path" 10; then
	cat "$tmp/nginx/logs/stdout.log" "$tmp/nginx/logs/error.log" >&2 2>/dev/null
	die "nginx did not serve the file on 127.0.0.1:$NGINX_PORT"
fi
curl -fsS -o "$tmp/nginx-copy" "http://127.0.0.1:$NGINX_PORT$path"
cmp -s "$tmp/nginx-copy" "$tmp/www$path" || die "nginx does not serve the same bytes as tansiq"

# --- load
run_wrk() { # NAME URL
	local out=$tmp/wrk-$1.txt
	if [ "$WARMUP" != 0 ]; then
		wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$2" >/dev/null 2>&1 &
		wrk_pid=$!
		wait "$wrk_pid"
	fi
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$2" >"$out" 2>&1 &
	wrk_pid=$!
	wait "$wrk_pid"
	wrk_pid=""
}
echo "bench: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, GET $path ($body_bytes bytes), $(nproc) CPUs" >&2
echo "bench: tansiq on 127.0.0.1:$TANSIQ_PORT ..." >&2
run_wrk tansiq "http://127.0.0.1:$TANSIQ_PORT$path"
if ! kill -0 "$tansiq_pid" 2>/dev/null; then
	tail -20 "$tmp/tansiq.log" >&2
	echo "bench: tansiq died during the run" >&2
	tansiq_died=1
else
	tansiq_died=0
	hwm_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$tansiq_pid/status" 2>/dev/null)
fi
echo "bench: nginx on 127.0.0.1:$NGINX_PORT ..." >&2
run_wrk nginx "http://127.0.0.1:$NGINX_PORT$path"

# --- parse wrk's output
rps() { awk '/^Requests\/sec:/ { print $2 }' "$tmp/wrk-$1.txt"; }
reqs() { awk '/ requests in / { print $1 }' "$tmp/wrk-$1.txt"; }
# bytes read per response (headers included), in KiB: shows both servers sent the same thing
per_req_kib() {
	awk '/ requests in / {
		n = $1; v = $(NF - 1); x = v + 0
		if (v ~ /GB$/) x *= 1024 * 1024; else if (v ~ /MB$/) x *= 1024; else if (v ~ /KB$/) x *= 1; else x /= 1024
		if (n > 0) printf "%.1f", x / n }' "$tmp/wrk-$1.txt"
}
p99_ms() {
	awk '$1 == "99%" {
		v = $2; n = v + 0
		if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n = n * 60000; else if (v ~ /s$/) n = n * 1000
		printf "%.2f", n }' "$tmp/wrk-$1.txt"
}
errors() {
	awk '/Non-2xx or 3xx responses:/ { e += $NF }
	     /Socket errors:/ { gsub(/,/, ""); for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) e += $i }
	     END { print e + 0 }' "$tmp/wrk-$1.txt"
}

t_rps=$(rps tansiq); n_rps=$(rps nginx)
t_p99=$(p99_ms tansiq); n_p99=$(p99_ms nginx)
t_err=$(errors tansiq); n_err=$(errors nginx)
if [ -z "$t_rps" ] || [ -z "$n_rps" ]; then
	echo "bench: could not read wrk's output:" >&2
	cat "$tmp/wrk-tansiq.txt" "$tmp/wrk-nginx.txt" >&2
	exit 2
fi
ratio=$(awk -v a="$t_rps" -v b="$n_rps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "0" }')
if [ "$tansiq_died" = 1 ] || [ -z "${hwm_kb:-}" ]; then mem="?"; else mem=$(awk -v k="$hwm_kb" 'BEGIN { printf "%.1f", k / 1024 }'); fi

verdict() { if [ "$1" = 1 ]; then echo PASS; else echo MISS; fi; }
v_ratio=$(awk -v r="$ratio" -v t="$TARGET_RATIO" 'BEGIN { print (r >= t) ? 1 : 0 }')
v_p99=$(awk -v p="$t_p99" -v t="$TARGET_P99_MS" 'BEGIN { print (p != "" && p < t) ? 1 : 0 }')
v_err=$( [ "$tansiq_died" = 0 ] && [ "$t_err" -le "$TARGET_ERRORS" ] && echo 1 || echo 0)
v_mem=$(awk -v m="$mem" -v t="$TARGET_MEM_MIB" 'BEGIN { print (m != "?" && m + 0 < t) ? 1 : 0 }')

row() { printf '%-28s %14s %14s   %-14s %s\n' "$@"; }
echo
row "GET $path" "tansiq" "nginx" "target" "result"
row "----------------------------" "--------------" "--------------" "--------------" "------"
row "requests/s" "$t_rps" "$n_rps" "" ""
row "requests in $DURATION" "$(reqs tansiq)" "$(reqs nginx)" "" ""
row "KiB read per response" "$(per_req_kib tansiq)" "$(per_req_kib nginx)" "" ""
row "latency p99" "$t_p99 ms" "$n_p99 ms" "< $TARGET_P99_MS ms" "$(verdict "$v_p99")"
row "errors (non-2xx + socket)" "$t_err" "$n_err" "$TARGET_ERRORS" "$(verdict "$v_err")"
row "ratio tansiq/nginx (req/s)" "$ratio" "" ">= $TARGET_RATIO" "$(verdict "$v_ratio")"
row "tansiq peak memory (VmHWM)" "$mem MiB" "" "< $TARGET_MEM_MIB MiB" "$(verdict "$v_mem")"
echo
if [ "${VERBOSE:-0}" = 1 ]; then
	echo "--- wrk against tansiq"; cat "$tmp/wrk-tansiq.txt"
	echo "--- wrk against nginx"; cat "$tmp/wrk-nginx.txt"
fi

if [ "$v_ratio$v_p99$v_err$v_mem" = 1111 ]; then
	echo "bench: every target met"
	exit 0
fi
echo "bench: some targets missed"
exit 1
