#!/usr/bin/env bash
# add, edit and delete records; validation errors name the field and change nothing.
. "$(dirname "$0")/lib.sh"

init_data || { not_ok "init"; done_testing; }
n0=$(count states)

run add states --data "$DATA" --set id=XTS --set name_ar="أرض التجربة" --set "name_en=Test Land" \
	--set name_fr=Testlande --set status=observer --set observer_since=2020 --set accession_year=2031 --set "notes=a, \"quoted\" note"
expect_status 0 "add states with --set exits 0"
assert_eq "$(count states)" "$((n0 + 1))" "one more state"
run show states XTS --data "$DATA" --format json
expect_status 0 "show the new state"
assert_eq "$(json 'd.name_en' <"$OUT")" "Test Land" "name_en stored (with a space)"
assert_eq "$(json 'd.name_ar' <"$OUT")" "أرض التجربة" "Arabic name stored"
assert_eq "$(json 'd.accession_year' <"$OUT")" 2031 "int field stored as a number"
assert_eq "$(json 'd.notes' <"$OUT")" 'a, "quoted" note' "commas and quotes kept"

run edit states XTS --data "$DATA" --set "name_en=Test Land Two" --set group=asian
expect_status 0 "edit exits 0"
run show states XTS --data "$DATA" --format json
assert_eq "$(json 'd.name_en + "|" + d.group + "|" + d.name_fr' <"$OUT")" "Test Land Two|asian|Testlande" "edit changes the given fields and keeps the others"

run edit states XTS --data "$DATA" --set accession_year=
expect_status 0 "edit with an empty value"
run show states XTS --data "$DATA" --format json
assert_eq "$(json 'd.accession_year ?? "null"' <"$OUT")" null "an empty value clears the field"

# validation errors on edit: named, exit 1, nothing changed
cp "$OUT" "$TEST_DIR/xts.json"
run edit states XTS --data "$DATA" --set status=friend
expect_status 1 "edit with a bad enum exits 1"
error_shape "bad enum"
assert_match "$ERR" 'status' "the error names the field status"
assert_match "$ERR" 'friend' "the error names the value"
run edit states XTS --data "$DATA" --set status=suspended
expect_status 1 "edit to suspended without suspended_since exits 1"
assert_match "$ERR" 'suspended_since' "the error names suspended_since"
run show states XTS --data "$DATA" --format json
assert_files_equal "$OUT" "$TEST_DIR/xts.json" "refused edits changed nothing"

# validation errors on add
n1=$(count states)
run add states --data "$DATA" --set id=XTB --set name_ar=ب --set name_fr=B --set status=observer --set observer_since=2020
expect_status 1 "add without name_en exits 1"
assert_match "$ERR" 'name_en' "the error names name_en"
run add states --data "$DATA" --set id=XTB --set name_ar=ب --set name_en=B --set name_fr=B --set status=observer --set observer_since=2020 --set iso2=b2
expect_status 1 "add with a bad iso2 exits 1"
assert_match "$ERR" 'iso2' "the error names iso2"
run add states --data "$DATA" --set id=XTB --set name_ar=ب --set name_en=B --set name_fr=B --set status=observer --set observer_since=2020 --set accession_year=soon
expect_status 1 "add with a non-integer year exits 1"
assert_match "$ERR" 'accession_year' "the error names accession_year"
run add states --data "$DATA" --set id=XTB --set name_ar=ب --set name_en=B --set name_fr=B --set status=observer --set observer_since=2020 --set colour=green
expect_status 1 "add with an unknown field exits 1"
assert_match "$ERR" 'colour' "the error names the unknown field"
run add states --data "$DATA" --set id=SAU --set name_ar=ب --set name_en=B --set name_fr=B --set status=observer --set observer_since=2020
expect_status 1 "add with an existing id exits 1"
assert_match "$ERR" 'SAU' "the error names the existing id"
run show states SAU --data "$DATA" --format json
assert_eq "$(json 'd.name_en' <"$OUT")" "Saudi Arabia" "the existing record is unchanged"
assert_eq "$(count states)" "$n1" "no state added by the refused adds"

# add --json FILE, with a reference
cat >"$TEST_DIR/person.json" <<'JSON'
{"id": "test-person", "name_en": "Test Person", "name_ar": "شخص", "nationality": "XTS", "notes": "line one\nline two"}
JSON
run add persons --data "$DATA" --json "$TEST_DIR/person.json"
expect_status 0 "add persons --json FILE"
run show persons test-person --data "$DATA" --format json
assert_eq "$(json 'd.nationality + "|" + d.notes' <"$OUT")" "XTS|line one
line two" "the JSON record is stored as given"
printf '{"id": "ghost", "name_en": "Ghost", "nationality": "QQQ"}' >"$TEST_DIR/ghost.json"
run add persons --data "$DATA" --json "$TEST_DIR/ghost.json"
expect_status 1 "add with a ref to a missing state exits 1"
assert_match "$ERR" 'nationality' "the error names the ref field"
run show persons ghost --data "$DATA"
expect_status 1 "the person was not added"

# auto ids
org=$("$TANSIQ" list organisations --data "$DATA" --format json --limit 1 </dev/null | json 'items[0].id')
run add partnerships --data "$DATA" --set "organisation=$org" --set "title_en=CLI partnership" --set status=active --set since=2023
expect_status 0 "add a partnership without id"
run list partnerships --data "$DATA" --format json --filter "title_en=CLI partnership"
pid=$(json 'items[0]?.id ?? ""' <"$OUT")
assert_true "the partnership got a 16-hex id ($pid)" eval '[[ "$pid" =~ ^[0-9a-f]{16}$ ]]'

# delete: refused while referenced, then done
run delete states XTS --data "$DATA"
expect_status 1 "delete of a referenced state exits 1"
assert_match "$ERR" 'test-person|persons|referenced|refer' "the error says what refers to it"
run show states XTS --data "$DATA"
expect_status 0 "the referenced state is still there"
run delete persons test-person --data "$DATA"
expect_status 0 "delete the person"
run delete states XTS --data "$DATA"
expect_status 0 "then delete the state"
run show states XTS --data "$DATA"
expect_status 1 "the deleted state is gone"
assert_eq "$(count states)" "$n0" "state count back to the start"
run delete states XTS --data "$DATA"
expect_status 1 "deleting it again exits 1"
assert_match "$ERR" 'XTS' "the error names the id"
run edit states XTS --data "$DATA" --set name_en=X
expect_status 1 "edit of a missing record exits 1"

done_testing
