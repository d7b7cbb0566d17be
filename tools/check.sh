#!/bin/bash
# Runs every test suite against the binaries of a build directory and prints one closing line
# "N passed, N failed". Suites: unit (cmocka), CLI (shell), API (node:test), browser
# (node:test + playwright-core + Debian's chromium), then a short run of each fuzzer
# (tools/fuzz.sh, FUZZ_SECONDS=5 unless set; each fuzzer counts as one test) and the load test
# (tests/load/run.sh, wrk). CHECK_FUZZ=0 and CHECK_LOAD=0 leave those two out (make sanitize
# does: its fuzzers would be the same, and AddressSanitizer makes memory grow by design).
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

if [ "${CHECK_FUZZ:-1}" != 0 ]; then
	fuzzers=$(ls tests/fuzz/fuzz_*.c 2>/dev/null | wc -l)
	echo "fuzzers (libFuzzer, ${FUZZ_SECONDS:-5} s each)"
	if ! command -v "${FUZZ_CC:-clang}" >/dev/null; then
		echo "  fuzz: ${FUZZ_CC:-clang} is not installed (make test-deps installs clang): $fuzzers fuzzers not run"
		fail=$((fail + fuzzers))
	else
		out=$(mktemp)
		FUZZ_SECONDS=${FUZZ_SECONDS:-5} tools/fuzz.sh > "$out" 2>&1
		cat "$out" >> "$log"
		# the script's closing line; without it (the library did not build) every fuzzer failed
		line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -1)
		p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed}
		if [ -z "$line" ]; then p=0; f=$fuzzers; fi
		pass=$((pass + p)); fail=$((fail + f))
		printf '  %-8s %3d passed, %d failed\n' "fuzz" "$p" "$f"
		grep -E -A12 '^crash - |build failed|compile .* failed' "$out" | sed 's/^/    /' | head -40
		rm -f "$out"
	fi
fi

if [ "${CHECK_LOAD:-1}" != 0 ]; then
	echo "load test (wrk)"
	out=$(mktemp)
	bash tests/load/run.sh > "$out" 2>&1
	cat "$out" >> "$log"
	count_tap "$out" "load"
	if ! grep -qE '^(not )?ok ' "$out"; then
		fail=$((fail + 1))
		echo "  load: the test did not run (see $log)"
	fi
	grep -E '^not ok|^#' "$out" | sed 's/^/    /' | head -20
	rm -f "$out"
fi

echo "(full output: $log)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
