#!/usr/bin/env bash
# the audit log: changes from the CLI are recorded with their author; `audit verify` finds an
# entry edited or removed directly in the database.
. "$(dirname "$0")/lib.sh"

init_data || { not_ok "init"; done_testing; }

run audit verify --data "$DATA"
expect_status 0 "a fresh data directory's audit log is intact"
assert_match "$OUT" "intact" "verify says intact"

run edit states SAU --data "$DATA" --set "notes=audited change"
expect_status 0 "edit a state"
run audit list --data "$DATA" --collection states --record SAU --format json
expect_status 0 "audit list --record SAU"
assert_eq "$(json 'd.map(e => e.action).join(",")' <"$OUT")" "update,create" "SAU has two entries, newest first: created by init, then updated"
assert_eq "$(json 'd[0].action + "|" + d[0].collection + "|" + d[0].address' <"$OUT")" "update|states|local" \
	"the entry is an update of states from the command line"
assert_eq "$(json 'd[0].actor.startsWith("cli:") ? "yes" : d[0].actor' <"$OUT")" yes "the author is the system account"
assert_eq "$(json 'd[0].after.notes + "|" + (d[0].before.notes ?? "null")' <"$OUT")" "audited change|null" \
	"before and after are recorded"

run audit list --data "$DATA" --limit 0
expect_status_in "1 2" "--limit 0 is refused"
run audit list --data "$DATA" --collection states --record SAU --since 2000-01-01 --until 2999-01-01 --format json
expect_status 0 "audit list --since --until"
assert_eq "$(json 'd.length' <"$OUT")" 2 "both entries of SAU fall in the period"
run audit list --data "$DATA" --collection states --record SAU --until 2000-01-01 --format json
assert_eq "$(json 'd.length' <"$OUT")" 0 "none before 2000"
run audit list --data "$DATA" --since 2024-02-30
expect_status 1 "an impossible date is refused"
assert_match "$ERR" "since" "the error names --since"

if command -v sqlite3 >/dev/null; then
	seq=$(sqlite3 "$DATA/tansiq.db" "SELECT seq FROM audit_log WHERE record_id = 'SAU' AND action = 'update'")
	sqlite3 "$DATA/tansiq.db" "UPDATE audit_log SET after = replace(after, 'audited', 'forged') WHERE seq = $seq"
	run audit verify --data "$DATA"
	expect_status 1 "verify fails after an entry is edited in the database"
	assert_match "$ERR" "entry $seq was edited" "the edited entry is named"

	sqlite3 "$DATA/tansiq.db" "UPDATE audit_log SET after = replace(after, 'forged', 'audited') WHERE seq = $seq"
	run audit verify --data "$DATA"
	expect_status 0 "putting the entry back makes the chain whole again"

	sqlite3 "$DATA/tansiq.db" "DELETE FROM audit_log WHERE seq = 10"
	run audit verify --data "$DATA"
	expect_status 1 "verify fails after an entry is removed"
	assert_match "$ERR" "entry 10 is missing" "the removed entry is named"
else
	not_ok "sqlite3 is needed to tamper with the database (make test-deps installs it)"
fi

run audit rewrite --data "$DATA"
expect_status 2 "an unknown audit command is a usage error"
done_testing
