#!/usr/bin/env bash
# tansiq user: accounts from the command line; bad input changes nothing; every change audited.
. "$(dirname "$0")/lib.sh"

init_data || { not_ok "init"; done_testing; }

run user list --data "$DATA"
expect_status 0 "user list"
assert_match "$OUT" "^admin +admin " "the first administrator is listed with its role"

run user add amina.diallo --role delegate --state MAR --data "$DATA"
expect_status 0 "add a delegate of Morocco"
assert_match "$OUT" "shown once" "the generated password is printed, once"
pw=$(tail -1 "$OUT" | tr -d ' ')
assert_eq "${#pw}" 20 "the password has 20 characters"

run user show amina.diallo --data "$DATA"
expect_status 0 "user show"
assert_eq "$(json 'd.roles.join(",") + "|" + d.state + "|" + d.disabled' <"$OUT")" "delegate|MAR|false" "roles, state and status are stored"
assert_eq "$(grep -c argon2 "$OUT")" 0 "no password hash is shown"

before=$(snapshot "$DATA")
run user add bob --role delegate --data "$DATA"
expect_status 1 "a delegate without a state is refused"
assert_match "$ERR" "member state" "the error says a delegate needs a member state"
run user add bob --role delegate --state XYZ --data "$DATA"
expect_status 1 "a delegate of an unknown state is refused"
assert_match "$ERR" "XYZ" "the error names the state"
run user add bob --role emperor --data "$DATA"
expect_status 1 "an unknown role is refused"
assert_match "$ERR" "emperor" "the error names the role"
run user add Bob --role analyst --data "$DATA"
expect_status 1 "a username with capitals is refused"
run user add amina.diallo --role analyst --data "$DATA"
expect_status 1 "a taken username is refused"
run user add bob --data "$DATA"
expect_status 2 "add without --role is a usage error"
run user role admin analyst --data "$DATA"
expect_status 1 "the last administrator keeps the role"
run user disable admin --data "$DATA"
expect_status 1 "the last administrator cannot be disabled"
run user frobnicate x --data "$DATA"
expect_status 2 "an unknown subcommand is a usage error"
run user passwd --data "$DATA"
expect_status 2 "passwd without a name is a usage error"
assert_eq "$(snapshot "$DATA")" "$before" "refused commands changed nothing"

"$TANSIQ" user add sec.one --role secretariat,analyst --password-stdin --data "$DATA" >"$OUT" 2>"$ERR" <<<"a chosen password"
STATUS=$?
expect_status 0 "add with --password-stdin"
assert_eq "$(grep -c 'shown once' "$OUT")" 0 "a password given is not printed"
"$TANSIQ" user add weak --role analyst --password-stdin --data "$DATA" >"$OUT" 2>"$ERR" <<<"short"
STATUS=$?
expect_status 1 "a short password is refused"
assert_match "$ERR" "12 characters" "the error gives the minimum length"

run user role amina.diallo mediator,analyst --data "$DATA"
expect_status 0 "change roles"
run user show amina.diallo --data "$DATA"
assert_eq "$(json 'd.roles.join(",") + "|" + d.state' <"$OUT")" "mediator,analyst|null" "roles changed and the state dropped"
run user disable amina.diallo --data "$DATA"
expect_status 0 "disable"
run user list --data "$DATA" --format json
assert_eq "$(json 'd.find(a => a.username == "amina.diallo").disabled' <"$OUT")" true "listed as disabled"
run user enable amina.diallo --data "$DATA"
expect_status 0 "enable"
run user unlock amina.diallo --data "$DATA"
expect_status 0 "unlock"
run user passwd amina.diallo --data "$DATA"
expect_status 0 "passwd generates a new password"
assert_match "$OUT" "shown once" "the new password is printed once"

run audit list --collection accounts --record amina.diallo --format json --data "$DATA"
expect_status 0 "audit list of the account"
assert_eq "$(json 'd.length' <"$OUT")" 6 "create, role, disable, enable, unlock and passwd are audited"
assert_eq "$(grep -c "$pw" "$OUT")" 0 "no password in the audit log"
run audit verify --data "$DATA"
expect_status 0 "the chain is intact"

run user --help
expect_status 0 "user --help"
assert_match "$OUT" "unlock" "help lists the subcommands"

done_testing
