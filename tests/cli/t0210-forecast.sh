#!/usr/bin/env bash
# tansiq forecast fit | show | backtest: refusals before there is a model or enough data, then
# four years of field reports in four countries (Sudan and Somalia at war most months, Morocco
# and Senegal calm) imported as events, the model fitted, the forecast and the backtest in text
# and JSON, and bad options refused.
. "$(dirname "$0")/lib.sh"

init_data || { not_ok "init"; done_testing; }

run forecast show --data "$DATA"
expect_status 1 "no model yet: show is refused"
assert_match "$ERR" "tansiq forecast fit" "the error says how to fit one"
run forecast fit --data "$DATA"
expect_status 1 "no events: fit is refused"
assert_match "$ERR" "at least 24 months" "the error says how much history is needed"
assert_match "$ERR" "tansiq import" "and how to get it"

# 48 months x 4 countries, one field report a month each; deterministic
awk 'BEGIN {
	print "dataset,date,country,event_type,fatalities"
	split("SDN SOM MAR SEN", c, " "); s = 7
	for (m = 0; m < 48; m++) for (i = 1; i <= 4; i++) {
		s = (s * 16807) % 2147483647; r = s % 100   # exact in doubles: any awk gives the same
		f = i <= 2 ? (r < 10 ? 2 : 30 + r) : r % 6
		printf "field,%04d-%02d-15,%s,battles,%d\n", 2020 + int(m / 12), m % 12 + 1, c[i], f
	}
}' >"$TEST_DIR/events.csv"
run import events "$TEST_DIR/events.csv" --data "$DATA"
expect_status 0 "192 field reports imported"

run forecast fit --data "$DATA"
expect_status 0 "the model is fitted"
assert_match "$OUT" "on 4 countries, months 2020-01 to 2023-12" "the summary names the data"
assert_match "$OUT" "^6 +124 +" "six horizons; the sixth on 124 rows (the 12th to the 42nd month, 4 countries)"
run forecast fit --format json --data "$DATA"
assert_eq "$(json 'd.horizons.map(h => h.h).join(",") + " " + d.horizons[0].rows + " " + typeof d.horizons[0].coefficients.share12' <"$OUT")" \
	"1,2,3,4,5,6 144 number" "JSON: 6 horizons, 144 rows at h=1, named coefficients"

run forecast show --format json --data "$DATA"
expect_status 0 "the forecast"
assert_eq "$(json 'd.through + " " + items.map(i => i.country).join(",")' <"$OUT")" "2023-12 MAR,SDN,SEN,SOM" \
	"through the last month, every country with events, sorted"
assert_eq "$(json 'items.filter(i => i.horizons[0].p > 0.5).map(i => i.country).join(",")' <"$OUT")" "SDN,SOM" \
	"the countries at war are above one half next month"
assert_eq "$(json 'items.filter(i => i.horizons[0].p < 0.2).map(i => i.country).join(",")' <"$OUT")" "MAR,SEN" \
	"the calm ones below 0.2"
assert_eq "$(json 'items[1].horizons.map(h => h.month).join(",")' <"$OUT")" "2024-01,2024-02,2024-03,2024-04,2024-05,2024-06" \
	"six months ahead"
run forecast show --country SDN --data "$DATA"
expect_status 0 "one country, as text"
assert_match "$OUT" "^SDN +0\.[5-9]" "Sudan's line with its probability"
assert_no_match "$OUT" "^SOM" "only Sudan"
run forecast show --country FRA --format json --data "$DATA"
assert_eq "$(json 'items[0].country + " " + items[0].no_events + " " + (items[0].horizons[0].p < 0.2)' <"$OUT")" "FRA true true" \
	"a country without events: the model on zeros, said so"
run forecast show --country XYZ --data "$DATA"
expect_status 1 "an unknown country is refused"
assert_match "$ERR" "XYZ" "the error names it"

run forecast backtest --origins 12 --data "$DATA"
expect_status 0 "the backtest"
assert_match "$OUT" "MODEL +PERSISTENCE +HISTORICAL" "model and both baselines side by side"
at_war=$(awk -F, 'NR > 1 && $2 >= "2023-01" && $5 + 0 >= 25' "$TEST_DIR/events.csv" | wc -l)
assert_match "$OUT" "^1 +48 +$at_war " "h=1: 12 months x 4 countries, $at_war of them with 25 or more fatalities (from the file)"
run forecast backtest --origins 12 --format json --data "$DATA"
assert_eq "$(json 'd.horizons.length + " " + d.horizons.every(h => h.model.auc > 0.8 && h.persistence.brier >= 0 && h.historical.auc > 0)' <"$OUT")" \
	"6 true" "JSON: six horizons, the model's AUC above 0.8 on this data"
run forecast backtest --data "$DATA"
expect_status 1 "24 origins need 58 months: refused"
assert_match "$ERR" "58 months" "the error says how many months are needed"

run forecast backtest --origins 3 --data "$DATA"
expect_status 2 "--origins 3 is a usage error"
assert_match "$ERR" "6 to 120" "naming the range"
run forecast show --origins 12 --data "$DATA"
expect_status 2 "--origins belongs to backtest"
run forecast predict --data "$DATA"
expect_status 2 "an unknown subcommand"
run forecast show --format csv --data "$DATA"
expect_status 2 "csv is not a format of forecast"

done_testing
