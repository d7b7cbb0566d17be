#!/usr/bin/env bash
# tansiq gap, progress, progress-report, feed: 53/45-POL's mandates in the default data, a
# paragraph turned into a mandate, a report filed, the gap and the roll-up moving with it, the
# yearly progress report round trip, and refusals that change nothing.
. "$(dirname "$0")/lib.sh"

init_data || { not_ok "init"; done_testing; }

run progress resolution 53-45-pol --on 2018-12-31 --format json --data "$DATA"
expect_status 0 "the roll-up of 53/45-POL"
assert_eq "$(json 'd.counts.mandates + "/" + d.counts.implemented + "/" + d.counts.reported' <"$OUT")" "7/2/5" \
	"7 mandates, 2 implemented (contact group, training), 5 reported on at the 2nd conference"
assert_eq "$(json 'd.paragraphs.find(p => p.paragraph == "53-45-pol-op-7").mandates[0].standing.status' <"$OUT")" \
	"in_progress" "the network of mediators (para 7) still awaited implementation"
assert_eq "$(json 'd.progress' <"$OUT")" "28.6" "two of seven paragraphs done: 28.6%"

run gap --on 2018-12-31 --data "$DATA"
expect_status 0 "the gap"
assert_match "$OUT" "^the OIC as a whole +5 " "five mandates to the OIC as a whole"
run gap --on 2026-11-23 --format json --data "$DATA"
assert_eq "$(json 'd.counts.late' <"$OUT")" "1" "no conference recorded after 2018: the yearly one is late"

# a paragraph of a new resolution turned into a mandate to one state, then its report
run add resolutions --set id=r1 --set code=1/45-POL --set "title_en=Test" --set meeting=cfm-45 --set status=adopted --data "$DATA"
expect_status 0 "a resolution"
run add paragraphs --set resolution=r1 --set number=1 --set "text_en=Requests Senegal to report." --data "$DATA"
expect_status 0 "its operative paragraph"
run add mandates --set paragraph=r1-op-1 --set addressee=state --set addressee_state=SEN --set due=2019-05 --data "$DATA"
expect_status 0 "a mandate to Senegal"
run show mandates r1-op-1-m1 --format json --data "$DATA"
expect_status 0 "named after its paragraph"
run gap --addressee state:SEN --on 2019-06-01 --format json --data "$DATA"
assert_eq "$(json 'd.counts.late + "/" + d.silent.map(s => s.key).join(",")' <"$OUT")" "1/state:SEN" \
	"due in May 2019, nothing reported: late, and Senegal is named as never reporting"

before=$(snapshot "$DATA")
run add implementation-reports --set mandate=r1-op-1-m1 --set status=in_progress --set progress=140 --data "$DATA"
expect_status 1 "progress 140% is refused"
assert_match "$ERR" "progress" "the error names the field"
run add implementation-reports --set mandate=nope --set status=implemented --data "$DATA"
expect_status 1 "an unknown mandate is refused"
assert_match "$ERR" "mandate" "the error names the field"
run add implementation-reports --set mandate=r1-op-1-m1 --set status=implemented --set state=SAU --data "$DATA"
expect_status 1 "a report for another state than the one addressed is refused"
assert_match "$ERR" "SEN" "the error names the state addressed"
assert_eq "$(snapshot "$DATA")" "$before" "nothing changed"

run add implementation-reports --set id=rep1 --set mandate=r1-op-1-m1 --set status=implemented --set reported_on=2019-05-20 --data "$DATA"
expect_status 0 "Senegal's report"
assert_eq "$("$TANSIQ" show implementation-reports rep1 --format json --data "$DATA" | json 'd.state + "/" + d.progress')" \
	"SEN/100" "the state comes from the mandate, implemented means 100%"
run progress mandate r1-op-1-m1 --on 2019-06-01 --format json --data "$DATA"
assert_eq "$(json 'd.standing.status + "/" + d.standing.late + "/" + d.reports.length' <"$OUT")" "implemented/false/1" \
	"implemented, no longer late, one report in its timeline"
run edit implementation-reports rep1 --set progress=50 --data "$DATA"
expect_status 1 "a report is kept as filed"
assert_match "$ERR" "kept as filed|file a new" "the error says to file a new one"
run delete implementation-reports rep1 --data "$DATA"
expect_status 1 "and cannot be deleted"

# the yearly progress report, both ways
run progress-report export --output "$TEST_DIR/progress.csv" --data "$DATA"
expect_status 0 "export"
assert_eq "$(csv 'recs.length' <"$TEST_DIR/progress.csv")" "8" "eight mandates"
before=$(snapshot "$DATA")
run progress-report import "$TEST_DIR/progress.csv" --data "$DATA"
expect_status 0 "the same file back"
assert_match "$OUT" "8 unchanged; 0 reports filed" "changes nothing"
assert_eq "$(snapshot "$DATA")" "$before" "nothing written"
sed 's/^\(53-45-pol-op-code-of-conduct-m1,.*\),not_started,0,2018-11-29,/\1,in_progress,30,2019-11-01,/' "$TEST_DIR/progress.csv" >"$TEST_DIR/changed.csv"
run progress-report import "$TEST_DIR/changed.csv" --data "$DATA"
expect_status 0 "a changed status"
assert_match "$OUT" "1 reports filed" "files one report"
assert_eq "$("$TANSIQ" progress mandate 53-45-pol-op-code-of-conduct-m1 --format json --data "$DATA" | json 'd.reports.map(r => r.status).join(",")')" \
	"not_started,in_progress" "the timeline keeps both"
printf 'id,status\n53-45-pol-op-8-m1,implemented\n53-45-pol-op-7-m1,in_progress\n' >"$TEST_DIR/short.csv"
before=$(snapshot "$DATA")
run progress-report import "$TEST_DIR/short.csv" --data "$DATA"
expect_status 0 "a file of ids and statuses only"
assert_match "$OUT" "0 reports filed" "the statuses it repeats file nothing: the columns it leaves out are not compared"
assert_eq "$(snapshot "$DATA")" "$before" "nothing written"
printf 'id,status,progress\n53-45-pol-op-4-m1,done,10\n' >"$TEST_DIR/bad.csv"
before=$(snapshot "$DATA")
run progress-report import "$TEST_DIR/bad.csv" --data "$DATA"
expect_status 1 "an unknown status is refused"
assert_match "$ERR" "line 2" "the error names the line"
assert_eq "$(snapshot "$DATA")" "$before" "nothing changed"

# feeds
run feed late --data "$DATA"
expect_status 0 "the Atom feed"
assert_match "$OUT" "<feed xmlns=\"http://www.w3.org/2005/Atom\"" "is Atom"
assert_match "$OUT" "yearly-conferences-m1/late/" "names the late yearly conference"
run feed deadlines --addressee nonsense --data "$DATA"
expect_status 1 "a malformed addressee key is refused"
assert_match "$ERR" "state:SAU" "the error gives the form"

done_testing
