#!/usr/bin/env bash
# Usage errors exit 2, user errors exit 1; every error is "error: ..." on stderr and names the culprit.
. "$(dirname "$0")/lib.sh"

init_data || { not_ok "init"; done_testing; }
snap=$(snapshot "$DATA")

# --- usage errors: exit 2
run list states --data "$DATA" --bogus
expect_status 2 "an unknown option exits 2"
error_shape "unknown option"
assert_match "$ERR" '--bogus' "the error names the option"
assert_eq "$(wc -c <"$OUT" | tr -d ' ')" 0 "nothing on stdout"

run frobnicate --data "$DATA"
expect_status 2 "an unknown command exits 2"
error_shape "unknown command"
assert_match "$ERR" 'frobnicate' "the error names the command"

run show states --data "$DATA"
expect_status 2 "show without an id exits 2"
error_shape "show without id"

run list states --data "$DATA" --limit
expect_status 2 "an option without its value exits 2"
error_shape "--limit without value"

run list --data "$DATA"
expect_status 2 "list without a collection exits 2"

# --- unknown collection
for cmd in list export; do
	run "$cmd" planets --data "$DATA"
	expect_status_in "1 2" "$cmd of an unknown collection fails (exit 1 or 2)"
	error_shape "$cmd planets"
	assert_match "$ERR" 'planets' "$cmd: the error names the collection"
done
run show planets X --data "$DATA"
expect_status_in "1 2" "show of an unknown collection fails"
assert_match "$ERR" 'planets' "show: the error names the collection"

# --- bad option values
run list states --data "$DATA" --format xml
expect_status_in "1 2" "--format xml fails"
error_shape "--format xml"
assert_match "$ERR" 'xml' "the error names the format"

for v in abc -3 0; do
	run list states --data "$DATA" --limit "$v"
	expect_status_in "1 2" "--limit $v fails"
	assert_match "$ERR" 'limit' "--limit $v: the error names --limit"
done

run list states --data "$DATA" --filter colour=green
expect_status_in "1 2" "--filter on an unknown field fails"
assert_match "$ERR" 'colour' "the error names the field"

run list states --data "$DATA" --filter statusmember
expect_status_in "1 2" "--filter without '=' fails"
error_shape "--filter without ="

run list states --data "$DATA" --sort colour
expect_status 1 "--sort on an unknown field exits 1"
assert_match "$ERR" 'colour' "the error names the sort field"

run add states --data "$DATA" --set name_en
expect_status_in "1 2" "--set without '=' fails"
error_shape "--set without ="

printf '{"id": "XJS", "name_en": ' >"$TEST_DIR/broken.json"
run add states --data "$DATA" --json "$TEST_DIR/broken.json"
expect_status 1 "add --json with malformed JSON exits 1"
error_shape "malformed JSON"
run add states --data "$DATA" --json "$TEST_DIR/missing.json"
expect_status 1 "add --json with a missing file exits 1"
assert_match "$ERR" 'missing\.json' "the error names the file"

assert_eq "$(snapshot "$DATA")" "$snap" "none of the failed commands changed the data"

# --- no database
run list states --data "$TEST_DIR/nowhere"
expect_status 1 "list on a missing data dir exits 1"
error_shape "missing data dir"
assert_match "$ERR" '^hint: .*init' "the hint says to run init"
assert_true "the failed list did not create the data dir" test ! -e "$TEST_DIR/nowhere"

# --- every error message has the documented shape: error:, then hint:
run show states QQQ --data "$DATA"
assert_match "$ERR" '^error: ' "not found: error line"
assert_match "$ERR" '^hint: ' "not found: hint line"

done_testing
