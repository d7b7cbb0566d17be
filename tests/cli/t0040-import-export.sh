#!/usr/bin/env bash
# export and import: round trips, whole-or-nothing imports that name line and field, --dry-run.
. "$(dirname "$0")/lib.sh"

init_data || { not_ok "init"; done_testing; }
n0=$(count states)

# --- export
run export states --data "$DATA" --format csv
expect_status 0 "export states --format csv"
cp "$OUT" "$TEST_DIR/a.csv"
assert_eq "$(csv 'recs.length' <"$OUT")" "$n0" "the CSV has one row per state"
assert_eq "$(csv 'rows[0].includes("id")' <"$OUT")" true "the header names id"
run export states --data "$DATA" --format csv --output "$TEST_DIR/a2.csv"
expect_status 0 "export --output FILE"
assert_files_equal "$TEST_DIR/a2.csv" "$TEST_DIR/a.csv" "--output writes the same CSV"
run export states --data "$DATA"
assert_files_equal "$OUT" "$TEST_DIR/a.csv" "csv is the default export format"
run export states --data "$DATA" --format json
expect_status 0 "export --format json"
cp "$OUT" "$TEST_DIR/a.json"
assert_eq "$(json 'items.length' <"$OUT")" "$n0" "the JSON export has every state"

# --- round trip in the same database: re-importing an export changes nothing
before=$(snapshot "$DATA")
run import states "$TEST_DIR/a.csv" --data "$DATA"
expect_status 0 "re-import of an unchanged export exits 0"
run export states --data "$DATA" --format csv
assert_files_equal "$OUT" "$TEST_DIR/a.csv" "export -> import -> export gives the same CSV"
assert_eq "$(count states)" "$n0" "the count is unchanged"

# --- round trip into another database, with awkward values
run edit states SAU --data "$DATA" --set 'notes=comma, "quotes" and
a new line; عربي'
expect_status 0 "edit SAU notes with comma, quotes, newline, Arabic"
"$TANSIQ" export states --data "$DATA" --format csv --output "$TEST_DIR/b.csv" </dev/null
init_data "$TEST_DIR/d2"
run import states "$TEST_DIR/b.csv" --data "$TEST_DIR/d2"
expect_status 0 "import the CSV into a fresh database"
run export states --data "$TEST_DIR/d2" --format csv
assert_files_equal "$OUT" "$TEST_DIR/b.csv" "the other database exports the same CSV"
run show states SAU --data "$TEST_DIR/d2" --format json
assert_eq "$(json 'd.notes' <"$OUT")" 'comma, "quotes" and
a new line; عربي' "the awkward note survived the round trip"

# --- JSON round trip
"$TANSIQ" export states --data "$DATA" --format json --output "$TEST_DIR/b.json" </dev/null
init_data "$TEST_DIR/d3"
run import states "$TEST_DIR/b.json" --data "$TEST_DIR/d3"
expect_status 0 "import a JSON export"
run export states --data "$TEST_DIR/d3" --format csv
assert_files_equal "$OUT" "$TEST_DIR/b.csv" "JSON import gives the same data as the CSV import"

# --- a bad row: nothing applied, the error names line 3 and the field
n1=$(count states)
snap=$(snapshot "$DATA")
printf 'id,iso2,name_ar,name_en,name_fr,status,observer_since\nXAA,XA,أ,Aland,Alande,observer,2020\nXAB,x1,ب,Bland,Blande,observer,2020\nXAC,XC,ج,Cland,Clande,observer,2020\n' >"$TEST_DIR/bad.csv"
run import states "$TEST_DIR/bad.csv" --data "$DATA"
expect_status 1 "import with a bad row exits 1"
error_shape "bad row"
assert_match "$ERR" '([Ll]ine|row)[^0-9]{0,3}3([^0-9]|$)|:3([^0-9]|$)' "the error names line 3"
assert_match "$ERR" 'iso2' "the error names the field iso2"
assert_match "$ERR" 'x1' "the error names the value"
assert_eq "$(count states)" "$n1" "the count is unchanged"
assert_eq "$(snapshot "$DATA")" "$snap" "no file changed"
run show states XAA --data "$DATA"
expect_status 1 "the good row before the bad one was not applied"

run import states "$TEST_DIR/bad.csv" --data "$DATA" --dry-run
expect_status 1 "--dry-run of the bad file also fails"
assert_match "$ERR" 'iso2' "--dry-run names the field"

# --- several bad rows are all reported
printf 'id,name_ar,name_en,name_fr,status,observer_since\nXAD,د,Dland,Dlande,observer,2020\nXAE,ه,Eland,Elande,enemy,2020\nXAF,و,,Flande,observer,2020\n' >"$TEST_DIR/bad2.csv"
run import states "$TEST_DIR/bad2.csv" --data "$DATA"
expect_status 1 "import with two bad rows exits 1"
assert_match "$ERR" 'status' "line 3 (bad status) is reported"
assert_match "$ERR" 'name_en' "line 4 (missing name_en) is reported"

# --- --dry-run changes nothing
printf 'id,name_ar,name_en,name_fr,status,accession_year,observer_since\r\nXDR,ز,"Dry, Run ""Land""",Drylande,observer,2040,2041\r\n' >"$TEST_DIR/good.csv"
snap=$(snapshot "$DATA")
run import states "$TEST_DIR/good.csv" --data "$DATA" --dry-run
expect_status 0 "--dry-run of a good file exits 0"
assert_eq "$(count states)" "$n1" "--dry-run adds nothing"
assert_eq "$(snapshot "$DATA")" "$snap" "--dry-run writes no file"
run show states XDR --data "$DATA"
expect_status 1 "--dry-run did not create XDR"
run import states "$TEST_DIR/good.csv" --data "$DATA"
expect_status 0 "the same file imports for real (CRLF, quoted cell)"
assert_eq "$(count states)" "$((n1 + 1))" "one more state"
run show states XDR --data "$DATA" --format json
assert_eq "$(json 'd.name_en + "|" + d.accession_year' <"$OUT")" 'Dry, Run "Land"|2040' "quoted cell and int read correctly"

# --- header problems
printf 'id,name_en,colour\nXCO,Colourland,green\n' >"$TEST_DIR/col.csv"
run import states "$TEST_DIR/col.csv" --data "$DATA"
expect_status 1 "an unknown column exits 1"
assert_match "$ERR" 'colour' "the error names the column"
printf 'name_ar,name_en,name_fr,status,observer_since\nح,Noid,Noid,observer,2020\n' >"$TEST_DIR/noid.csv"
run import states "$TEST_DIR/noid.csv" --data "$DATA"
expect_status 1 "states without an id column exits 1"
assert_match "$ERR" '(^|[^a-z_])id([^a-z_]|$)' "the error names id"
printf 'id,name_ar,name_en,name_fr,status,observer_since\nXUQ,ط,"Unterminated,Ulande,observer,2020\n' >"$TEST_DIR/unterminated.csv"
run import states "$TEST_DIR/unterminated.csv" --data "$DATA"
expect_status 1 "an unterminated quote exits 1"
error_shape "unterminated quote"
assert_eq "$(count states)" "$((n1 + 1))" "nothing imported by the refused files"

# --- auto-id entity without an id column
org=$("$TANSIQ" list organisations --data "$DATA" --format json --limit 1 </dev/null | json 'items[0].id')
np=$(count partnerships)
printf 'organisation,title_en,status,since\n%s,Imported partnership,active,2020-02\n' "$org" >"$TEST_DIR/p.csv"
run import partnerships "$TEST_DIR/p.csv" --data "$DATA"
expect_status 0 "import partnerships without an id column"
assert_eq "$(count partnerships)" "$((np + 1))" "one more partnership"

# --- a missing file
run import states "$TEST_DIR/nope.csv" --data "$DATA"
expect_status 1 "import of a missing file exits 1"
assert_match "$ERR" 'nope\.csv' "the error names the file"

done_testing
