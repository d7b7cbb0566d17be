#!/usr/bin/env bash
# serve: answers on the given address, refuses a port already in use, stops cleanly on SIGTERM.
. "$(dirname "$0")/lib.sh"

init_data || { not_ok "init"; done_testing; }
command -v curl >/dev/null 2>&1 || { not_ok "curl is needed for this script"; done_testing; }

free_port() { node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'; }
wait_up() { # URL
	local i
	for i in $(seq 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
	return 1
}
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$TEST_DIR"' EXIT

port=$(free_port)
"$TANSIQ" serve --data "$DATA" --listen "127.0.0.1:$port" >"$TEST_DIR/s1.out" 2>"$TEST_DIR/s1.err" </dev/null &
s1=$!
pids+=("$s1")
assert_true "serve answers GET /api/v1/summary on 127.0.0.1:$port" wait_up "http://127.0.0.1:$port/api/v1/summary"
code=$(curl -s -o "$TEST_DIR/states.json" -w '%{http_code}' "http://127.0.0.1:$port/api/v1/states?limit=5")
assert_eq "$code" 200 "GET /api/v1/states is 200"
assert_eq "$(json 'items.length' <"$TEST_DIR/states.json")" 5 "limit=5 gives 5 states"

# a second server on the same port must not start (it would share the port with the first)
"$TANSIQ" init --data "$TEST_DIR/data2" >/dev/null 2>&1 </dev/null
"$TANSIQ" serve --data "$TEST_DIR/data2" --listen "127.0.0.1:$port" >"$TEST_DIR/s2.out" 2>"$TEST_DIR/s2.err" </dev/null &
s2=$!
pids+=("$s2")
for _ in $(seq 30); do kill -0 "$s2" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$s2" 2>/dev/null; then
	not_ok "a second serve on a port in use exits" "it is still running after 3 s" "$(ss -ltnp 2>/dev/null | grep ":$port " || true)"
	kill "$s2" 2>/dev/null
	wait "$s2" 2>/dev/null
else
	wait "$s2"
	rc=$?
	assert_eq "$rc" 1 "a second serve on a port in use exits 1"
	assert_match "$TEST_DIR/s2.err" "^error: .*$port" "its error names the port"
fi
assert_true "the first server still answers" curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/summary"

# a bad --listen value
run serve --data "$DATA" --listen nonsense
expect_status_in "1 2" "serve --listen nonsense fails"
assert_match "$ERR" 'nonsense' "the error names the value"

# SIGTERM stops it
kill -TERM "$s1"
for _ in $(seq 50); do kill -0 "$s1" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$s1" 2>/dev/null; then
	not_ok "serve stops within 5 s of SIGTERM"
else
	ok "serve stops within 5 s of SIGTERM"
	wait "$s1"
	assert_eq "$?" 0 "serve exits 0 on SIGTERM"
fi
if curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/summary" 2>/dev/null; then
	not_ok "nothing answers on the port after the stop"
else
	ok "nothing answers on the port after the stop"
fi

done_testing
