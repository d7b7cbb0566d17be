#!/usr/bin/env bash
# list and show in the three formats, with filters, sorting and limits.
. "$(dirname "$0")/lib.sh"

init_data || { not_ok "init"; done_testing; }

# --- json
run list states --data "$DATA" --format json
expect_status 0 "list states --format json exits 0"
cp "$OUT" "$TEST_DIR/all.json"
assert_json "$OUT" "list --format json is valid JSON"
valid=$(json 'items.length' <"$OUT" 2>/dev/null)
assert_true "list --format json has records (got $valid)" test "${valid:-0}" -ge 57
members=$(json 'items.filter(s => s.status === "member" || s.status === "suspended").length' <"$OUT")
assert_eq "$members" 57 "57 members including suspended ones"
assert_eq "$(json 'items.find(s => s.id === "SYR")?.status' <"$OUT")" suspended "Syria is suspended"
assert_eq "$(count states)" "$valid" "list without --limit returns every state (same as export)"

# --- csv
run list states --data "$DATA" --format csv
expect_status 0 "list states --format csv exits 0"
cp "$OUT" "$TEST_DIR/all.csv"
assert_eq "$(csv 'rows[0].includes("id") && rows[0].includes("name_en")' <"$OUT")" true "csv header names id and name_en"
assert_eq "$(csv 'recs.length' <"$OUT")" "$valid" "csv has one row per state"
assert_eq "$(csv 'recs.find(r => r.id === "SAU")?.name_en' <"$OUT")" "Saudi Arabia" "csv row for SAU"
assert_eq "$(csv 'recs.find(r => r.id === "SAU")?.name_ar' <"$OUT")" "$(json 'items.find(s => s.id === "SAU").name_ar' <"$TEST_DIR/all.json")" "csv keeps the Arabic name"

# --- text
run list states --data "$DATA" --format text
expect_status 0 "list states --format text exits 0"
cp "$OUT" "$TEST_DIR/all.txt"
assert_match "$OUT" 'Saudi Arabia' "text lists Saudi Arabia"
assert_match "$OUT" 'SYR' "text lists SYR"
assert_no_match "$OUT" '^[[{]' "text is not JSON"
lines=$(grep -c . "$OUT")
assert_true "text has a line per state ($lines lines)" test "$lines" -ge "$valid"
run list states --data "$DATA"
assert_files_equal "$OUT" "$TEST_DIR/all.txt" "text is the default format"

# --- filters
run list states --data "$DATA" --format json --filter status=suspended
expect_status 0 "--filter status=suspended"
assert_eq "$(json 'items.every(s => s.status === "suspended") && items.some(s => s.id === "SYR")' <"$OUT")" true "filter status=suspended gives suspended states incl. SYR"
run list states --data "$DATA" --format json --filter group=arab --filter status=member
got=$(json 'items.map(s => s.id).sort().join(",")' <"$OUT")
want=$(json 'items.filter(s => s.group === "arab" && s.status === "member").map(s => s.id).sort().join(",")' <"$TEST_DIR/all.json")
assert_eq "$got" "$want" "two filters combine (group=arab, status=member)"
assert_true "the arab member list is not empty" test -n "$got"

# --- sort and limit
run list states --data "$DATA" --format json --sort name_en
assert_eq "$(json '
const n = items.map(s => s.name_en);
const cmps = [(a, b) => (a < b ? -1 : a > b ? 1 : 0), new Intl.Collator("en", { sensitivity: "base" }).compare,
  (a, b) => { a = a.toLowerCase(); b = b.toLowerCase(); return a < b ? -1 : a > b ? 1 : 0; }];
n.length > 50 && cmps.some(c => n.every((v, i) => i === 0 || c(n[i - 1], v) <= 0))' <"$OUT")" true "--sort name_en is alphabetical"
run list states --data "$DATA" --format json --sort -accession_year --limit 5
expect_status 0 "--sort -accession_year --limit 5"
assert_eq "$(json 'items.length' <"$OUT")" 5 "--limit 5 gives 5 records"
top=$(json 'items.map(s => s.accession_year).join(",")' <"$OUT")
max=$(json 'String(Math.max(...items.map(s => s.accession_year ?? 0)))' <"$TEST_DIR/all.json")
assert_eq "$(json 'items.every((s, i) => i === 0 || (items[i-1].accession_year ?? -1) >= (s.accession_year ?? -1))' <"$OUT")" true "descending accession years ($top)"
assert_eq "$(json 'String(items[0].accession_year)' <"$OUT")" "$max" "the first is the latest accession ($max)"
run list states --data "$DATA" --format csv --limit 3
assert_eq "$(csv 'recs.length' <"$OUT")" 3 "--limit 3 with csv gives 3 rows"

# --- show
run show states SAU --data "$DATA" --format json
expect_status 0 "show states SAU --format json"
assert_eq "$(json 'd.id + "|" + d.name_en + "|" + d.status' <"$OUT")" "SAU|Saudi Arabia|member" "show gives the record"
run show states SAU --data "$DATA"
expect_status 0 "show states SAU (text)"
assert_match "$OUT" 'Saudi Arabia' "show text has the English name"
run show states QQQ --data "$DATA"
expect_status 1 "show of an unknown id exits 1"
error_shape "show QQQ"
assert_match "$ERR" 'QQQ' "the error names the id"
assert_match "$ERR" '^hint: ' "the error has a hint"

# --- every collection lists
for c in states organisations partnerships partnership-events organs persons offices office-terms contact-groups contact-group-members; do
	run list "$c" --data "$DATA" --format json
	expect_status 0 "list $c --format json exits 0"
	assert_json "$OUT" "list $c --format json is valid JSON"
done

done_testing
