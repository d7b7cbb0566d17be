#!/bin/bash
# Runs every test suite against the binaries of a build directory and prints one closing line
# "N passed, N failed". Suites: unit (cmocka), CLI (shell), API (node:test), browser
# (node:test + playwright-core + Debian's chromium).
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
export TANSIQ_BIN="$root/$build/tansiq" TANSIQ="$root/$build/tansiq"
mkdir -p tests/artifacts
pass=0 fail=0
log=tests/artifacts/check-$(basename "$build").log
: > "$log"

count_tap() { # file -> adds its ok / not ok lines
	local p f
	p=$(grep -cE '^ok ' "$1"); f=$(grep -cE '^not ok ' "$1")
	pass=$((pass + p)); fail=$((fail + f))
	printf '  %-8s %3d passed, %d failed\n' "$2" "$p" "$f"
}

count_node() { # node --test output -> adds its pass / fail counts
	local p f
	p=$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$1" | tail -1); f=$(sed -n 's/^# fail \([0-9]*\)/\1/p' "$1" | tail -1)
	p=${p:-0}; f=${f:-0}
	if [ "$p" = 0 ] && [ "$f" = 0 ]; then f=1; echo "  $2: the suite did not run (see $log)"; fi
	pass=$((pass + p)); fail=$((fail + f))
	printf '  %-8s %3d passed, %d failed\n' "$2" "$p" "$f"
}

echo "unit tests (cmocka)"
for t in "$build"/test-*; do
	[ -f "$t" ] && [ -x "$t" ] || continue
	out=$(mktemp)
	CMOCKA_MESSAGE_OUTPUT=TAP "$t" > "$out" 2>&1
	rc=$?
	cat "$out" >> "$log"
	if [ $rc -ne 0 ] && ! grep -q '^not ok' "$out"; then echo "not ok - $(basename "$t") exited $rc" >> "$out"; fi
	count_tap "$out" "$(basename "$t")"
	grep '^not ok' "$out" | sed 's/^/    /'
	rm -f "$out"
done

echo "CLI tests"
out=$(mktemp)
bash tests/cli/run.sh > "$out" 2>&1
cat "$out" >> "$log"
count_tap "$out" "cli"
grep '^not ok' "$out" | sed 's/^/    /'
rm -f "$out"

for suite in api e2e; do
	echo "$suite tests (node)"
	out=$(mktemp)
	node --test --test-reporter=tap "tests/$suite/" > "$out" 2>&1
	cat "$out" >> "$log"
	count_node "$out" "$suite"
	grep -E '^\s*not ok' "$out" | sed 's/^/    /' | head -20
	rm -f "$out"
done

echo "(full output: $log)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
