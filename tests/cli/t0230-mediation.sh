#!/usr/bin/env bash
# tansiq mediator and tansiq process: nominations (one without a nominating state refused, nothing
# written), decisions (a decline needs its reasons), the roster's filters, the code of conduct
# (nothing to sign while pending; once adopted, "must sign" until signed), a process opened from
# paragraph 7 of resolution 53/45-POL, the matching with its reasons and the excluded with their
# rule (a national of the state party; a member who has not signed the code in force), placing on
# the team, the stages (back only with a reason) and the dossier's timeline; text, JSON and CSV.
. "$(dirname "$0")/lib.sh"

init_data || { not_ok "init"; done_testing; }
T() { "$TANSIQ" "$@" --data "$DATA" >/dev/null 2>"$ERR" </dev/null || echo "failed: $* : $(cat "$ERR")"; }

run mediator --help
expect_status 0 "mediator --help"
for s in list show add approve decline withdraw sign; do
	assert_match "$OUT" "(usage: tansiq mediator |\| )$s( |$)" "mediator --help names '$s'"
done
run process --help
for s in list show open stage match; do
	assert_match "$OUT" "(usage: tansiq process |\| )$s( |$)" "process --help names '$s'"
done
run --help
assert_match "$OUT" "^  mediator +the network of mediators" "tansiq --help lists mediator"
assert_match "$OUT" "^  process +mediation processes" "and process"

# ---- nominations ----
before=$(snapshot "$DATA")
run mediator add --name-en "No State" --nationality TUR --kind expert --data "$DATA"
expect_status 2 "a nomination without a nominating state is refused"
assert_match "$ERR" "nominating.state" "the error names the nominating state"
assert_match "$ERR" "by-secretary-general" "and the other way"
run mediator add --name-en "Both" --nationality TUR --kind expert --nominating-state TUR --by-secretary-general --data "$DATA"
expect_status 2 "a state and the Secretary-General at once is refused"
run mediator add --name-en "Bad Languages" --nationality TUR --kind expert --nominating-state TUR --languages arabic --data "$DATA"
expect_status 1 "a language without its code is refused by the library"
assert_match "$ERR" "'arabic' is not a language" "naming the item"
run mediator add --name-en "Bad State" --nationality TUR --kind expert --nominating-state XXX --data "$DATA"
expect_status 1 "a nominating state that does not exist is refused"
assert_eq "$(snapshot "$DATA")" "$before" "nothing was written"
assert_eq "$(count mediators)" "0" "no mediator"

add() { "$TANSIQ" mediator add "$@" --format json --data "$DATA" 2>"$ERR" </dev/null | json 'd.id'; }
A=$(add --name-en "Amina Diallo" --nationality SEN --kind mediator --nominating-state SEN \
	--languages "fr:native en:fluent ar:working" --expertise "process-design ceasefire-security" --regions africa \
	--countries "SDN MLI" --experience-years 20)
B=$(add --name-en "Omar Haddad" --nationality SDN --kind special_envoy --nominating-state SDN --languages "ar:native en:fluent" \
	--regions africa --countries SDN --experience-years 25)
C=$(add --name-en "Selin Kaya" --nationality TUR --kind expert --by-secretary-general --languages "ar:fluent en:working tr:native" \
	--regions middle_east --experience-years 10)
D=$(add --name-en "Karim Nasser" --nationality EGY --kind mediator --nominating-state EGY --languages ar:native)
assert_true "four nominations" test -n "$A" -a -n "$B" -a -n "$C" -a -n "$D"
run mediator show "$A" --format json --data "$DATA"
assert_eq "$(json 'd.mediator.status + " " + d.mediator.nominated_by + " " + d.mediator.nominating_state' <"$OUT")" \
	"nominated state SEN" "a nomination by Senegal, status nominated"
run mediator show "$C" --format json --data "$DATA"
assert_eq "$(json 'd.mediator.nominated_by + " " + (d.mediator.nominating_state ?? "none")' <"$OUT")" "secretary_general none" \
	"one by the Secretary-General, without a state"

# ---- decisions ----
for m in "$A" "$B" "$C"; do
	run mediator approve "$m" --data "$DATA"
	expect_status 0 "approve $m"
done
assert_match "$OUT" "is approved" "it says so"
run mediator approve "$A" --data "$DATA"
expect_status 1 "a nomination is decided once"
assert_match "$ERR" "decided already" "the error says why"
before=$(snapshot "$DATA")
run mediator decline "$D" --data "$DATA"
expect_status 2 "decline without --reason is a usage error"
assert_match "$ERR" "needs --reason" "naming --reason"
run mediator decline "$D" --reason "short" --data "$DATA"
expect_status 1 "a reason of five characters is refused"
assert_match "$ERR" "10 characters" "saying how long"
assert_eq "$(snapshot "$DATA")" "$before" "nothing changed"
run mediator decline "$D" --reason "Nominated twice by mistake this year" --data "$DATA"
expect_status 0 "decline with its reasons"
assert_match "$OUT" "is declined: Nominated twice by mistake" "the reasons shown"

# ---- the roster ----
run mediator list --data "$DATA"
expect_status 0 "mediator list"
assert_match "$OUT" "^4 members$" "four members in all"
run mediator list --status approved --language ar --region africa --format json --data "$DATA"
assert_eq "$(json 'items.map(m => m.name_en).join(",")' <"$OUT")" "Amina Diallo,Omar Haddad" \
	"approved, speaking Arabic, with experience in Africa: by name"
run mediator list --expertise ceasefire-security --format json --data "$DATA"
assert_eq "$(json 'items.map(m => m.id).join(",")' <"$OUT")" "$A" "by expertise"
run mediator list --language tr --data "$DATA"
assert_match "$OUT" "Selin Kaya" "by language: the code before the level"
assert_no_match "$OUT" "Amina" "not the others"
run mediator list --status approved --format csv --data "$DATA"
assert_eq "$(csv 'recs.length + " " + recs.every(r => r.status == "approved") + " " + rows[0].slice(0, 3).join(",")' <"$OUT")" \
	"3 true id,name_ar,name_en" "CSV: three approved rows under the fields' header"
run mediator list --region mars --data "$DATA"
expect_status 2 "an unknown region is a usage error"
assert_match "$ERR" "--region 'mars' is not a region" "naming the option"
run mediator list --reason x --data "$DATA"
expect_status 2 "an option of another subcommand is refused"
assert_match "$ERR" "--reason is not an option of 'mediator list'" "naming it"
run mediator frobnicate --data "$DATA"
expect_status 2 "an unknown subcommand"
assert_match "$ERR" "the subcommands are list, show, add" "listing the subcommands"

# ---- the code of conduct ----
run mediator show "$A" --data "$DATA"
expect_status 0 "mediator show"
assert_match "$OUT" "^code of conduct: no code adopted yet \(pending\)" "the code is pending"
before=$(snapshot "$DATA")
run mediator sign "$A" --data "$DATA"
expect_status 1 "nothing to sign while the code is pending"
assert_match "$ERR" "no code of conduct is adopted yet" "the error says so"
assert_eq "$(snapshot "$DATA")" "$before" "nothing changed"

# ---- a process from paragraph 7 ----
run process open --title-en "Sudan talks" --country SDN --data "$DATA"
expect_status 2 "a process without its authority is a usage error"
assert_match "$ERR" "--paragraph ID .* or --sg-decision TEXT" "naming both ways"
run process open --title-en "Sudan talks" --country SDN --paragraph 53-45-pol-op-7 --party-states SDN \
	--parties "Sudanese Armed Forces; Rapid Support Forces" --languages "ar en" --expertise ceasefire-security \
	--partners "un au" --set opened_on=2026-01-05 --format json --data "$DATA"
expect_status 0 "process open from 53-45-pol-op-7"
P=$(json 'd.id' <"$OUT")
assert_eq "$(json 'd.authority + " " + d.paragraph + " " + d.stage + " " + d.stage_on + " " + d.team' <"$OUT")" \
	"resolution_paragraph 53-45-pol-op-7 exploration 2026-01-05 $P" "at exploration since it opened, with a team of its own"

# ---- matching ----
run process match "$P" --excluded --data "$DATA"
expect_status 0 "process match"
assert_match "$OUT" "no code adopted yet \(pending\): the rule is waived" "the code's rule waived, and said so"
assert_match "$OUT" "^roster 3, eligible 2, excluded 1 \(nationality 1\)" "the counts, by rule"
assert_match "$OUT" "^ +1 +[0-9.]+ +$A +mediator +SEN +Amina Diallo" "Amina Diallo ranks first"
assert_match "$OUT" "^ +2 +[0-9.]+ +$C +expert +TUR +Selin Kaya" "Selin Kaya second"
assert_match "$OUT" "^ +country +2\.00 +has experience in SDN" "a reason under a candidate: criterion, points, detail"
assert_match "$OUT" "^  $B +Omar Haddad +rule nationality: " "the national of the state party excluded, with the rule"
run process match "$P" --data "$DATA"
assert_no_match "$OUT" "rule nationality" "without --excluded the excluded are counted only"
assert_match "$OUT" "1 excluded by the hard rules; --excluded lists them" "and the option named"

run process match "$P" --excluded --format json --data "$DATA"
expect_status 0 "match --format json"
assert_eq "$(json 'd.candidates.map(c => c.rank + ":" + c.id).join(" ")' <"$OUT")" "1:$A 2:$C" "ranked candidates in JSON"
assert_eq "$(json 'd.candidates[0].reasons.map(r => r.criterion).join(" ")' <"$OUT")" \
	"languages region country expertise certificates seniority load" "each criterion with its reason"
assert_eq "$(json 'd.excluded.map(e => e.id + ":" + e.rule).join(" ")' <"$OUT")" "$B:nationality" "the excluded in JSON"
first=$(json 'd.candidates[0].score' <"$OUT")
run process match "$P" --excluded --format csv --data "$DATA"
expect_status 0 "match --format csv"
assert_eq "$(csv 'rows[0].join(",")' <"$OUT")" "rank,id,name,score,criterion,points,detail" "the CSV header"
assert_eq "$(csv 'recs.filter(r => r.id == "'"$A"'").length + " " + recs.find(r => r.id == "'"$A"'").rank' <"$OUT")" "7 1" \
	"one row per reason of the first candidate"
assert_eq "$(csv 'recs.find(r => r.id == "'"$A"'" && r.criterion == "country").points' <"$OUT")" "2.00" "with its points"
assert_eq "$(csv 'Math.abs(Number(recs.find(r => r.id == "'"$A"'").score) - '"$first"') < 0.005' <"$OUT")" "true" \
	"the same score as in JSON"
assert_eq "$(csv 'recs.filter(r => r.rank == "excluded").map(r => r.id + ":" + r.criterion).join(" ")' <"$OUT")" \
	"$B:nationality" "the excluded with their rule"
run process match "$P" --limit 1 --format json --data "$DATA"
assert_eq "$(json 'd.candidates.length + " " + d.counts.eligible' <"$OUT")" "1 2" "--limit shows one of the two"
run process match "$P" --limit 0 --data "$DATA"
expect_status 2 "--limit 0 is a usage error"
assert_match "$ERR" "--limit '0' is not" "naming it"
run process match nope --data "$DATA"
expect_status 1 "matching a process that does not exist"

# the code adopted: Amina signs, Selin has not and is excluded
T edit codes-of-conduct code-of-conduct-1 --set status=adopted --set adopted_on=2026-01-10 \
	--set "text_en=Mediators are impartial, respect consent and keep confidences."
run mediator show "$A" --data "$DATA"
assert_match "$OUT" "^code of conduct: must sign version 1 \(code-of-conduct-1\)" "once adopted: must sign version 1"
run mediator sign "$A" --data "$DATA"
expect_status 0 "mediator sign"
assert_match "$OUT" "signed the code of conduct code-of-conduct-1" "it says so"
run mediator show "$A" --data "$DATA"
assert_match "$OUT" "^code of conduct: signed version 1 \(code-of-conduct-1\) on 20" "then: signed, with the time"
T mediator sign "$B"
run process match "$P" --excluded --format json --data "$DATA"
assert_eq "$(json 'd.candidates.map(c => c.id).join(" ") + " | " + d.excluded.map(e => e.id + ":" + e.rule).sort().join(" ")' <"$OUT")" \
	"$A | $(printf '%s\n' "$B:nationality" "$C:code_of_conduct" | sort | tr '\n' ' ' | sed 's/ $//')" \
	"Selin Kaya now excluded: she has not signed the code in force"

# ---- the team ----
run add process-team --set process="$P" --set mediator="$B" --set role=member --data "$DATA"
expect_status 1 "a mediator is not placed on a process of their own state"
assert_match "$ERR" "own state" "the error says why"
T add process-team --set process="$P" --set mediator="$A" --set role=lead --set since=2026-01-20
run mediator show "$A" --data "$DATA"
assert_match "$OUT" "^  $P +lead +since 2026-01-20 \(current\) +Sudan talks" "the profile shows her place on the team"
T add training-participants --set training=mediation-for-peace --set mediator="$A" --set result=certified \
	--set "certificate=Mediation for Peace" --set on=2019-06-30
T add interests --set mediator="$C" --set kind=party --set "party=Rapid Support Forces" \
	--set "description=Adviser to the party's delegation, 2019-2020" --set declared_on=2025-01-15
run mediator show "$A" --data "$DATA"
assert_match "$OUT" "^  2019-06-30 certified +.*Mediation for Peace.* certificate programme \(certificate: Mediation for Peace\)" \
	"the profile shows her training and certificate"
assert_match "$OUT" "^declared interests: none" "and no declared interest"
run mediator show "$C" --format json --data "$DATA"
assert_eq "$(json 'd.interests.map(i => i.kind + ":" + i.party).join() + " " + d.code_status + " " + d.code.version' <"$OUT")" \
	"party:Rapid Support Forces must_sign 1" "another's interests and code status in JSON"
run mediator show "$C" --data "$DATA"
assert_match "$OUT" "^  2025-01-15 party +- +Rapid Support Forces: Adviser to the party's delegation" "the interest in text"
assert_match "$OUT" "^code of conduct: must sign version 1 \(code-of-conduct-1\); has signed none" "and what she must sign"

# ---- stages ----
run process stage "$P" pre_negotiation --on 2026-02-01 --data "$DATA"
expect_status 0 "forward to pre_negotiation"
assert_match "$OUT" "moved from exploration to pre_negotiation on 2026-02-01" "it says so"
run process stage "$P" ceasefire --on 2026-03-10 --data "$DATA"
expect_status 0 "forward to ceasefire"
before=$(snapshot "$DATA")
run process stage "$P" pre_negotiation --on 2026-04-02 --data "$DATA"
expect_status 1 "back without a reason is refused"
assert_match "$ERR" "needs the reason" "the error asks for the reason"
run process stage "$P" framework --on 2026-03-01 --data "$DATA"
expect_status 1 "a transition dated before the last one is refused"
run process stage "$P" signed --data "$DATA"
expect_status 1 "an unknown stage is refused"
assert_match "$ERR" "the stages are exploration, pre_negotiation" "listing the stages"
run process stage "$P" framework --on 2026-13-01 --data "$DATA"
expect_status 2 "a bad --on is a usage error"
assert_eq "$(snapshot "$DATA")" "$before" "nothing changed"
run process stage "$P" pre_negotiation --on 2026-04-02 --reason "The ceasefire broke down in El Fasher" --data "$DATA"
expect_status 0 "back with a reason"

T add agreements --set process="$P" --set "title_en=Jeddah Declaration" --set kind=ceasefire --set signed_on=2026-03-10 \
	--set place=Jeddah
AG=$("$TANSIQ" list agreements --format json --data "$DATA" </dev/null | json 'items[0].id')
T add provisions --set agreement="$AG" --set number=1 --set category=humanitarian --set status=stalled \
	--set "text_en=The parties protect civilians and let aid pass."
T add journal-entries --set process="$P" --set kind=contact --set "text=Met both delegations in Jeddah."

run process show "$P" --data "$DATA"
expect_status 0 "process show"
assert_match "$OUT" "^  authority +resolution paragraph 53-45-pol-op-7" "the authority"
assert_match "$OUT" "^  stage +pre_negotiation since 2026-04-02" "the stage and since when"
assert_match "$OUT" "^  2026-01-05 opened at exploration" "the timeline starts when it opened"
assert_match "$OUT" "^  2026-02-01 exploration -> pre_negotiation$" "then forward"
assert_match "$OUT" "^  2026-03-10 pre_negotiation -> ceasefire$" "forward again"
assert_match "$OUT" "^  2026-04-02 ceasefire -> pre_negotiation \(back\): The ceasefire broke down" "back, with the reason"
assert_match "$OUT" "^  lead +$A +Amina Diallo" "the team"
assert_match "$OUT" "^  2026-03-10 Jeddah Declaration \(ceasefire\), Jeddah" "the agreement"
assert_match "$OUT" "^    1 +humanitarian +stalled +The parties protect civilians" "its provision and status"
assert_match "$OUT" "contact .*Met both delegations" "the journal (the command line reads as an administrator)"
run process show "$P" --format json --data "$DATA"
assert_eq "$(json 'd.stages.map(s => s.stage).join(" ") + " " + d.team.length + " " + d.agreements[0].provisions.length + " " + d.journal.length' <"$OUT")" \
	"pre_negotiation ceasefire pre_negotiation 1 1 1" "the dossier in JSON"
run process show "$P" --format csv --data "$DATA"
expect_status 2 "no CSV of a dossier"
assert_match "$ERR" "use --format text or json" "saying which formats"

run process list --stage pre_negotiation --data "$DATA"
assert_match "$OUT" "^$P +pre_negotiation +2026-04-02 SDN +$A +Sudan talks" "process list: stage, since, lead"
run process list --stage closed --format json --data "$DATA"
assert_eq "$(json 'items.length' <"$OUT")" "0" "none closed"
run process list --country SDN --format csv --data "$DATA"
assert_eq "$(csv 'recs.map(r => r.id + ":" + r.stage).join(" ")' <"$OUT")" "$P:pre_negotiation" "CSV"
run process list --stage signed --data "$DATA"
expect_status 2 "an unknown stage to list is a usage error"
assert_match "$ERR" "stage" "naming it"

# ---- withdrawal ----
run mediator withdraw "$C" --reason "Appointed to national office in 2026" --data "$DATA"
expect_status 0 "withdraw an approved member"
assert_match "$OUT" "is withdrawn: Appointed" "with the reasons"
run list process-stages --format json --data "$DATA"
assert_eq "$(json 'items.length' <"$OUT")" "3" "three stage records"
run add process-stages --set process="$P" --set stage=closed --set on=2026-05-01 --data "$DATA"
expect_status 2 "stages are written only through tansiq process stage"
done_testing
