#!/usr/bin/env bash
# tansiq meeting, vote, cycles, calendar: a session prepared from the command line, its quorum,
# a vote opened and closed by the chair; resolution codes; refusals that change nothing.
. "$(dirname "$0")/lib.sh"

init_data || { not_ok "init"; done_testing; }

run show meetings cfm-45 --format json --data "$DATA"
expect_status 0 "the 45th CFM is in the default data"
assert_eq "$(json 'd.place_en + "|" + d.start + "|" + d.end' <"$OUT")" "Dhaka|2018-05-05|2018-05-06" "place and dates"
run show resolutions 53-45-pol --format json --data "$DATA"
assert_eq "$(json 'd.code + "|" + d.code_ar + "|" + d.session + "|" + d.meeting' <"$OUT")" "53/45-POL|45/53-س|45|cfm-45" \
	"resolution 53/45-POL, written 45/53-س in Arabic"
run list paragraphs --filter resolution=53-45-pol --filter kind=operative --format json --data "$DATA"
assert_eq "$(json 'items.map(p => p.number).filter(n => n !== null).sort((a, b) => a - b).join(",")' <"$OUT")" "4,5,7,8" \
	"its numbered operative paragraphs"

run cycles --on 2026-11-23 --data "$DATA"
expect_status 0 "cycles"
assert_match "$OUT" "^cfm .*2019-05-05 +OVERDUE" "the CFM's session after the 45th was due in May 2019"

run add meetings --set id=cfm-99 --set organ=cfm --set session_number=45 --set title_en=Again --set start=2031-05-05 --data "$DATA"
expect_status 1 "a duplicate session number is refused"
assert_match "$ERR" "cfm-45" "the error names the meeting that has it"
before=$(snapshot "$DATA")
run add resolutions --set code=53-45-POL --set title_en=Bad --data "$DATA"
expect_status 1 "an invalid resolution code is refused"
assert_match "$ERR" "N/SS-CAT" "the error gives the form of a code"
assert_eq "$(snapshot "$DATA")" "$before" "nothing changed"

# a session in progress with 40 member states present
run add meetings --set id=cfm-99 --set organ=cfm --set session_number=99 --set "title_en=99th session" \
	--set start=2031-05-05 --set end=2031-05-06 --set status=in_session --data "$DATA"
expect_status 0 "a CFM session in progress"
run add resolutions --set id=draft-1 --set "title_en=A draft" --set meeting=cfm-99 --data "$DATA"
expect_status 0 "a draft"
run meeting quorum cfm-99 --data "$DATA"
assert_match "$OUT" "quorum +NOT met" "no quorum before attendance"
run vote open --meeting cfm-99 --resolution draft-1 --data "$DATA"
expect_status 1 "a vote without a quorum is refused"
assert_match "$ERR" "quorum not met" "the error says why"
assert_eq "$(count votes)" 0 "no vote was opened"

states=$("$TANSIQ" list states --filter status=member --sort id --format json --data "$DATA" | json 'items.slice(0, 40).map(s => s.id).join(" ")')
{ echo "meeting,state"; for s in $states; do echo "cfm-99,$s"; done; } >"$TEST_DIR/attendance.csv"
run import attendance "$TEST_DIR/attendance.csv" --data "$DATA"
expect_status 0 "attendance imported"
run meeting quorum cfm-99 --format json --data "$DATA"
assert_eq "$(json 'd.present + "/" + d.quorum + "/" + d.met' <"$OUT")" "40/38/true" "40 present, 38 needed: met"

run vote open --meeting cfm-99 --resolution draft-1 --format json --data "$DATA"
expect_status 0 "the chair opens the vote"
vote=$(json 'd.vote.id' <"$OUT")
assert_eq "$(json 'd.vote.status + "|" + d.roll_call.length' <"$OUT")" "open|40" "open, with the 40 present on the roll call"
run add ballots --set vote="$vote" --set state=SAU --set choice=yes --data "$DATA"
expect_status 2 "ballots are not added by hand"
run vote close "$vote" --data "$DATA"
expect_status 0 "the chair closes the vote"
assert_match "$OUT" "not adopted" "no ballot cast: not adopted"
assert_eq "$(count ballots)" 40 "those present are recorded as not voting"
run show resolutions draft-1 --format json --data "$DATA"
assert_eq "$(json 'd.status' <"$OUT")" "not_adopted" "the draft is not adopted"
run vote close "$vote" --data "$DATA"
expect_status 1 "a closed vote cannot be closed again"
assert_match "$ERR" "closed" "the error says it is closed"

run add resolutions --set id=draft-2 --set "title_en=Another draft" --set meeting=cfm-99 --data "$DATA"
run vote open --meeting cfm-99 --resolution draft-2 --consensus --format json --data "$DATA"
expect_status 0 "adoption by consensus"
assert_eq "$(json 'd.vote.decided_by + "|" + d.vote.outcome' <"$OUT")" "consensus|adopted" "recorded as consensus"

run calendar --lang fr --data "$DATA"
expect_status 0 "calendar"
assert_match "$OUT" "^BEGIN:VCALENDAR" "an iCalendar file"
assert_match "$OUT" "^UID:cfm-99@tansiq" "with the new session"
assert_match "$OUT" "^DTEND;VALUE=DATE:20310507" "ending the day after its last day"
run calendar --lang xx --data "$DATA"
expect_status 2 "an unknown language is a usage error"

done_testing
