#!/usr/bin/env bash
# tansiq stats and tansiq alert: conflicts in member states and their share (suspended members
# counted, observers not), events by member state, common threads; the default alert rules, an
# escalation raised once from field reports, then acknowledged, responded to (a missing meeting
# refused, the real one accepted) and closed (not before a response); usage errors change nothing.
. "$(dirname "$0")/lib.sh"

init_data || { not_ok "init"; done_testing; }
T() { "$TANSIQ" "$@" --data "$DATA" >/dev/null 2>"$ERR" </dev/null || echo "failed: $* : $(cat "$ERR")"; }

run list alert-rules --format json --data "$DATA"
assert_eq "$(json 'items.map(r => r.id + ":" + r.kind).join(" ")' <"$OUT")" \
	"escalation:escalation forecast-high:forecast forecast-watch:forecast" "the three default rules"

# conflicts of 2015: Sudan (member), Syria (suspended: counted), Thailand (observer: not), Colombia
T add conflicts --set id=sdn --set "name_en=Sudan: Government" --set type=intrastate --set countries=SDN --set root_causes=governance,identity
T add conflicts --set id=syr --set "name_en=Syria: Government" --set type=internationalised --set countries=SYR --set root_causes=governance,foreign_intervention
T add conflicts --set id=tha --set "name_en=Thailand: Patani" --set type=intrastate --set countries=THA --set root_causes=identity
T add conflicts --set id=col --set "name_en=Colombia: Government" --set type=intrastate --set countries=COL
for c in sdn syr tha col; do T add conflict-years --set conflict=$c --set year=2015 --set intensity=minor; done
run stats conflicts --data "$DATA"
expect_status 0 "stats conflicts"
assert_match "$OUT" "^2015 +4 +2 +50.0%" "2015: 4 conflicts, 2 in member states, 50%"
run stats conflicts --year 2015 --format json --data "$DATA"
assert_eq "$(json 'd.years[0].conflicts.map(c => c.id + ":" + c.states.join(",")).join(" ")' <"$OUT")" "sdn:SDN syr:SYR" \
	"the conflicts in member states, with their states"
run stats conflicts --year 2015 --data "$DATA"
assert_match "$OUT" "syr +Syria: Government +SYR" "the text lists them too"

# field reports: six months of 10 fatalities in Sudan, then 40 in July
for m in 01 02 03 04 05 06; do
	T add events --set date=2023-$m-15 --set country=SDN --set event_type=battles --set actor1_type=state_forces \
		--set actor2_type=rebel_group --set fatalities=10
done
T add events --set id=big --set date=2023-07-02 --set country=SDN --set event_type=violence_against_civilians \
	--set actor1_type=rebel_group --set actor2_type=civilians --set fatalities=40
T add events --set date=2015-04-02 --set country=SDN --set event_type=battles --set actor1_type=state_forces --set fatalities=3

run stats states --from 2023-01 --to 2023-07 --data "$DATA"
expect_status 0 "stats states"
assert_match "$OUT" "^SDN +Sudan +7 +100$" "Sudan first: 7 events, 100 fatalities"
run stats states --from 2023-13 --data "$DATA"
expect_status 2 "a month 13 is a usage error"
assert_match "$ERR" "from" "naming --from"

run stats threads --from 2015 --to 2015 --format json --data "$DATA"
expect_status 0 "stats threads"
assert_eq "$(json 'd.conflicts + " " + d.features.find(f => f.key == "cause:governance").count' <"$OUT")" "2 2" \
	"two conflicts in member states, both about governance"
assert_eq "$(json 'd.features.find(f => f.key == "event:battles").count' <"$OUT")" "1" "battles: Sudan's 2015 event"
assert_eq "$(json 'd.pairs.find(p => p.a == "cause:governance" && p.b == "cause:identity").lift' <"$OUT")" "1" \
	"governance and identity together in 1 of 2, lift 1"

# the rules: one escalation, the forecast rules skipped without a model; twice raises nothing
run alert run --data "$DATA"
expect_status 0 "alert run"
assert_match "$OUT" "^1 alert raised \(latest month with events: 2023-07\)" "one alert raised"
assert_match "$OUT" "Sudan: 40 fatalities in 2023-07, 4.0 times the mean of the 6 months before \(10\)" "its title"
assert_match "$OUT" "rule forecast-high skipped" "the forecast rules are skipped and say why"
run alert run --format json --data "$DATA"
assert_eq "$(json 'd.items.length' <"$OUT")" "0" "a second run raises nothing"
run alert list --status open --format json --data "$DATA"
assert_eq "$(json 'items.length' <"$OUT")" "1" "one open alert"
ID=$(json 'items[0].id' <"$OUT")
assert_eq "$(json 'JSON.parse(items[0].evidence).top_events.join(",")' <"$OUT")" "big" "the month's event in the evidence"
run alert list --country AFG --data "$DATA"
assert_no_match "$OUT" "SDN" "none about Afghanistan"

before=$(snapshot "$DATA")
run alert close "$ID" --data "$DATA"
expect_status 1 "an alert without a response cannot close"
assert_match "$ERR" "record the response first" "the error says what to do"
run alert respond "$ID" --kind meeting --meeting cfm-99 --data "$DATA"
expect_status 1 "a response naming a missing meeting is refused"
assert_match "$ERR" "no meeting .cfm-99." "naming the meeting"
run alert respond "$ID" --kind no_action --text "later" --data "$DATA"
expect_status 1 "no action needs its reasons"
run alert respond "$ID" --data "$DATA"
expect_status 2 "respond without --kind is a usage error"
run alert frobnicate --data "$DATA"
expect_status 2 "an unknown subcommand is a usage error"
assert_eq "$(snapshot "$DATA")" "$before" "nothing changed"

run alert ack "$ID" --data "$DATA"
expect_status 0 "acknowledged"
assert_match "$OUT" "is acknowledged" "it says so"
run alert ack "$ID" --data "$DATA"
expect_status 1 "not twice"
run alert respond "$ID" --kind meeting --meeting cfm-45 --text "Raised at the session" --format json --data "$DATA"
expect_status 0 "the response: a meeting"
assert_eq "$(json 'd.status + " " + d.response_meeting + " " + d.hours_to_response' <"$OUT")" "responded cfm-45 0" \
	"responded, the meeting recorded, within the hour"
run alert close "$ID" --data "$DATA"
expect_status 0 "then it closes"
run alert show "$ID" --format json --data "$DATA"
assert_eq "$(json 'd.status + " " + (d.closed_at ? "stamped" : "-")' <"$OUT")" "closed stamped" "closed, with its time"
run audit list --collection alerts --format json --data "$DATA"
assert_eq "$(json 'items.length' <"$OUT")" "4" "raised, acknowledged, responded, closed: four audit entries"

run edit alerts "$ID" --set status=open --data "$DATA"
expect_status 2 "alerts are not edited by hand"
done_testing
