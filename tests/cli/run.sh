#!/usr/bin/env bash
# Runs every tests/cli/t*.sh and sums up their TAP lines.
#   tests/cli/run.sh            # all scripts
#   tests/cli/run.sh t0020      # scripts whose name starts with t0020
#   TANSIQ=path/to/tansiq tests/cli/run.sh
# Prints each script's output, then a final line "N passed, N failed"; exits 1 if any failed.
set -u
dir=$(cd "$(dirname "$0")" && pwd)
passed=0
failed=0
status=0
shopt -s nullglob
scripts=("$dir"/t[0-9]*.sh)
if [ $# -gt 0 ]; then
	sel=()
	for s in "${scripts[@]}"; do
		for p in "$@"; do
			case $(basename "$s") in "$p"*) sel+=("$s") ;; esac
		done
	done
	scripts=("${sel[@]}")
fi
if [ ${#scripts[@]} -eq 0 ]; then
	echo "no test scripts found" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
for s in "${scripts[@]}"; do
	name=$(basename "$s")
	echo "# --- $name"
	log=$(mktemp)
	timeout 300 bash "$s" >"$log" 2>&1
	rc=$?
	cat "$log"
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		# the script died (or timed out) without reporting a failure: count it as one
		echo "not ok - $name exited with status $rc without a failing assertion"
		failed=$((failed + 1))
	fi
	if ! grep -q '^1\.\.[0-9]' "$log"; then
		echo "not ok - $name did not finish (no TAP plan line)"
		[ "$rc" -eq 0 ] && failed=$((failed + 1))
	fi
	rm -f "$log"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] || status=1
exit $status
