#!/usr/bin/env bash
# init creates the database with default data and an admin password; it refuses to run twice.
. "$(dirname "$0")/lib.sh"

run init --data "$DATA"
expect_status 0 "init exits 0"
assert_match "$OUT" '^ *username: admin$' "init prints 'username: admin'"
assert_match "$OUT" '^ *password: [^ ]{8,}$' "init prints a password of 8+ characters"
pw1=$(sed -n 's/^ *password: //p' "$OUT")
assert_true "the data directory exists and is not empty" test -n "$(ls -A "$DATA" 2>/dev/null)"

n=$(count states)
assert_true "default data has 57+ states (got $n)" test "$n" -ge 57 2>/dev/null
for c in organisations organs persons offices; do
	m=$(count "$c")
	assert_true "default data has $c (got $m)" test "$m" -ge 1 2>/dev/null
done

run init --data "$TEST_DIR/other"
pw2=$(sed -n 's/^ *password: //p' "$OUT")
assert_true "two inits give different passwords" test -n "$pw2" -a "$pw1" != "$pw2"

# a change made after init survives a second init
run add states --data "$DATA" --set id=XIN --set name_ar=تجربة --set name_en=Initland --set name_fr=Initlande --set status=observer --set observer_since=2020
expect_status 0 "add a state after init"
n1=$(count states)
before=$(snapshot "$DATA")

run init --data "$DATA"
expect_status 1 "a second init on the same data dir exits 1"
error_shape "second init"
assert_match "$ERR" '^hint: ' "second init gives a hint"
assert_no_match "$OUT" 'password: ' "second init prints no new password"
assert_eq "$(snapshot "$DATA")" "$before" "second init leaves every file unchanged"
assert_eq "$(count states)" "$n1" "state count unchanged after the refused init"
run show states XIN --data "$DATA" --format json
expect_status 0 "the state added before is still there"

# the default data directory is ./var
mkdir -p "$TEST_DIR/cwd"
cd "$TEST_DIR/cwd" || exit 1
run init
expect_status 0 "init without --data"
assert_true "init without --data creates ./var" test -d "$TEST_DIR/cwd/var"
run show states SAU --format json
expect_status 0 "show without --data reads ./var"

done_testing
