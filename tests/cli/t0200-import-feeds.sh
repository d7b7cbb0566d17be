#!/usr/bin/env bash
# tansiq import acled|ucdp-ged|ucdp-acd: the counts, the same file twice, a revised file, a bad
# file refused whole with its line, field and value, --skip-invalid with --rejects, --dry-run,
# JSON output, standard input, and the generic import still reached for collections.
. "$(dirname "$0")/lib.sh"

FIX=$REPO_ROOT/tests/fixtures/feeds
init_data || { not_ok "init"; done_testing; }

run import acled "$FIX/acled.csv" --data "$DATA"
expect_status 0 "an ACLED export of 31 columns"
assert_match "$OUT" "4 rows, 4 events: 4 added, 0 updated, 0 unchanged; 0 rows merged, 0 rejected" "four events added"
assert_match "$OUT" "acled, 31 columns, dyadic" "the format named"
assert_no_match "$ERR" "events/s" "no progress bar when stderr is not a terminal"
assert_eq "$(count events)" "4" "four events stored"
run show events acled-sud2 --format json --data "$DATA"
assert_eq "$(json 'd.event_type + "/" + d.sub_event_type + "/" + d.date_precision + "/" + d.geo_precision + "/" + d.country' <"$OUT")" \
	"explosions_remote_violence/air_drone_strike/week/near/SDN" "ACLED's types and precisions mapped"
run list event-imports --format json --data "$DATA"
assert_eq "$(json 'items.length + " " + items[0].added + " " + items[0].dataset' <"$OUT")" "1 4 acled" "one import record with its counts"
run audit list --collection event-imports --format json --data "$DATA"
assert_eq "$(json 'items.length' <"$OUT")" "1" "one audit entry for the import"
run audit list --collection events --format json --data "$DATA"
assert_eq "$(json 'items.length' <"$OUT")" "0" "none per event"

run import acled "$FIX/acled.csv" --format json --data "$DATA"
expect_status 0 "the same file again"
assert_eq "$(json 'd.added + "/" + d.updated + "/" + d.unchanged' <"$OUT")" "0/0/4" "the same file twice changes nothing"

run import acled "$FIX/acled-revised.csv" --dry-run --format json --data "$DATA"
assert_eq "$(json 'd.updated + "/" + d.unchanged + "/" + d.dry_run + "/" + (d.import === undefined)' <"$OUT")" "1/3/true/true" \
	"a dry run of a revised file counts one update"
run show events acled-sud2 --format json --data "$DATA"
assert_eq "$(json 'd.fatalities' <"$OUT")" "3" "and changes nothing"
run import acled "$FIX/acled-revised.csv" --data "$DATA"
assert_match "$OUT" "1 updated, 3 unchanged" "the revised file updates the event"
run show events acled-sud2 --format json --data "$DATA"
assert_eq "$(json 'd.fatalities' <"$OUT")" "8" "with ACLED's revised fatalities"

# a bad file: refused whole, naming the line, the field and the value
imports=$(count event-imports)
run import acled "$FIX/acled-bad.csv" --data "$DATA"
expect_status 1 "a file with a bad row is refused"
error_shape "bad row"
assert_match "$ERR" "line 3: iso: no country has this ISO numeric code.*'999'" "the error names line, field and value"
assert_match "$ERR" "nothing was imported" "and says nothing was imported"
assert_eq "$(count event-imports)" "$imports" "no import record written"

run import acled "$FIX/acled-bad.csv" --skip-invalid --rejects "$TEST_DIR/rejects.csv" --format json --data "$DATA"
expect_status 0 "with --skip-invalid the valid rows go in"
assert_eq "$(json 'd.rejected + "/" + d.rows' <"$OUT")" "2/4" "two of four rows rejected"
assert_eq "$(csv 'recs.map(r => r.line + ":" + r.field + ":" + r.value).join(" ")' <"$TEST_DIR/rejects.csv")" \
	"3:iso:999 4:event_date:2023-13-02" "the rejects file names each row's line, field and value"
assert_eq "$(csv 'rows[0].join(",")' <"$TEST_DIR/rejects.csv")" "line,field,value,reason" "with a header"
run import acled "$FIX/acled-bad.csv" --skip-invalid --data "$DATA"
assert_match "$ERR" "rejected: line 4: event_date" "without --rejects the rejected rows go to stderr"

# UCDP: the conflicts and their years, then GED events linked to them
run import ucdp-acd "$FIX/acd.csv" --data "$DATA"
expect_status 0 "a UCDP/PRIO ACD file"
assert_match "$OUT" "3 conflict-years: 5 added" "two conflicts and three conflict-years"
run show conflicts ucdp-309 --format json --data "$DATA"
assert_eq "$(json 'd.name_en + "|" + d.intensity + "|" + d.countries + "|" + d.end' <"$OUT")" "Sudan: Government|war|SDN SSD|2015-12-31" \
	"the conflict: name, highest intensity, countries, end of its last episode"
run import ucdp-acd "$FIX/acd.csv" --format json --data "$DATA"
assert_eq "$(json 'd.added + d.updated + "/" + d.unchanged' <"$OUT")" "0/5" "the ACD twice changes nothing"
# run() reads /dev/null: standard input given here
"$TANSIQ" import ucdp-ged - --format json --data "$DATA" <"$FIX/ged.csv" >"$OUT" 2>"$ERR"
assert_eq "$(json 'd.added + "/" + d.file' <"$OUT")" "2/-" "a GED file from standard input"
run show events ged-244657 --format json --data "$DATA"
assert_eq "$(json 'd.conflict + "/" + d.fatalities + "/" + d.fatalities_low + "/" + d.fatalities_high' <"$OUT")" "ucdp-309/7/6/9" \
	"a GED event linked to its conflict, with the three estimates"

# usage
run import acled "$TEST_DIR/none.csv" --data "$DATA"
expect_status 1 "a missing file"
assert_match "$ERR" "cannot open" "is named"
run import acled "$FIX/acled.csv" --format xml --data "$DATA"
expect_status 2 "an unknown format is a usage error"
run import ucdp-ged "$FIX/acled.csv" --data "$DATA"
expect_status 1 "an ACLED file given as GED"
assert_match "$ERR" "no column 'id'" "is refused by its header"
run import states "$FIX/acled.csv" --dry-run --data "$DATA"
expect_status 1 "a collection still goes to the generic import"
run help import
assert_match "$OUT" "skip-invalid" "help names --skip-invalid"

done_testing
