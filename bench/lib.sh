# What the benchmark scripts share (sourced): saying which tools are missing, starting Tansiq's
# server, stopping the processes they started.

# die MESSAGE: says it and exits 2 (the bench could not run).
die() { echo "bench: $*" >&2; exit 2; }

# stop_if_missing [HINT]: with the array `missing` (one "tool (Debian package: p)" an entry)
# not empty, lists it, and the hint when given, then exits 2: the bench installs nothing.
stop_if_missing() {
	[ ${#missing[@]} -gt 0 ] || return 0
	echo "bench: missing tools, nothing was run:" >&2
	for m in "${missing[@]}"; do echo "  - $m" >&2; done
	[ -z "${1:-}" ] || echo "bench: $1" >&2
	exit 2
}

# start_tansiq DATA LOG: serves DATA on 127.0.0.1:$TANSIQ_PORT in the background, sets
# tansiq_pid and base, and waits up to 15 s for it to answer; dies (die) with the
# log's tail when it does not.
start_tansiq() {
	"$TANSIQ" serve --data "$1" --listen "127.0.0.1:$TANSIQ_PORT" --quiet >"$2" 2>&1 </dev/null &
	tansiq_pid=$!
	base=http://127.0.0.1:$TANSIQ_PORT
	for _ in $(seq 1 150); do
		curl -fsS -o /dev/null "$base/api/v1/summary" 2>/dev/null && return 0
		kill -0 "$tansiq_pid" 2>/dev/null || break
		sleep 0.1
	done
	tail -20 "$2" >&2
	die "tansiq serve did not answer on 127.0.0.1:$TANSIQ_PORT"
}

# stop_pids PID...: asks each to stop, waits up to 2 s, then kills it.
stop_pids() {
	local p
	for p in "$@"; do kill "$p" 2>/dev/null; done
	for p in "$@"; do
		for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
		kill -9 "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
}
