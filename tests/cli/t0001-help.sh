#!/usr/bin/env bash
# --help lists the commands; each command has its own --help.
. "$(dirname "$0")/lib.sh"

COMMANDS="init serve list show add edit delete import export"

run --help
expect_status 0 "tansiq --help exits 0"
for c in $COMMANDS; do
	assert_match "$OUT" "(^|[^a-z-])$c([^a-z-]|$)" "tansiq --help lists the $c command"
done
assert_match "$OUT" '--data' "tansiq --help mentions --data"

for c in $COMMANDS; do
	run "$c" --help
	expect_status 0 "tansiq $c --help exits 0"
	assert_match "$OUT" "$c" "tansiq $c --help names the command"
	assert_match "$OUT" '--data' "tansiq $c --help mentions --data"
done

run list --help
for o in --filter --sort --limit --format; do
	assert_match "$OUT" "$o" "list --help documents $o"
done
run import --help
assert_match "$OUT" '--dry-run' "import --help documents --dry-run"
run add --help
assert_match "$OUT" '--set' "add --help documents --set"
assert_match "$OUT" '--json' "add --help documents --json"
run export --help
assert_match "$OUT" '--output' "export --help documents --output"
run serve --help
assert_match "$OUT" '--listen' "serve --help documents --listen"

# help does not need a data directory and writes nothing to stderr
cd "$TEST_DIR" || exit 1
run --help
assert_eq "$(wc -c <"$ERR" | tr -d ' ')" 0 "--help writes nothing to stderr"
assert_true "--help creates no ./var" test ! -e "$TEST_DIR/var"

done_testing
