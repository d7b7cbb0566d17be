# Shared helpers for the CLI tests (tests/cli/tNNNN-*.sh). Source it, then:
#
#   run list states --data "$DATA"     # runs $TANSIQ; sets $STATUS, files $OUT and $ERR
#   expect_status 0 "list states works"
#   assert_match "$OUT" 'Saudi Arabia' "text lists Saudi Arabia"
#   done_testing                        # prints the TAP plan, exits 1 if anything failed
#
# Output is TAP: one "ok N - what" or "not ok N - what" line per assertion, with "# "
# diagnostic lines after a failure.

set -u

CLI_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$CLI_DIR/../.." && pwd)
TANSIQ=${TANSIQ:-$REPO_ROOT/build/tansiq}
case $TANSIQ in
	/*) ;;
	*) if [ -e "$PWD/$TANSIQ" ]; then TANSIQ=$PWD/$TANSIQ; else TANSIQ=$REPO_ROOT/$TANSIQ; fi ;;
esac
export TANSIQ

TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tansiq-cli.XXXXXX")
DATA=$TEST_DIR/data
OUT=$TEST_DIR/stdout
ERR=$TEST_DIR/stderr
STATUS=0
trap 'rm -rf "$TEST_DIR"' EXIT

_n=0
_failed=0

if [ ! -x "$TANSIQ" ]; then
	echo "not ok 1 - tansiq binary is executable ($TANSIQ)"
	echo "# build it with make, or set TANSIQ=path/to/tansiq"
	echo "1..1"
	exit 1
fi

ok() { _n=$((_n + 1)); echo "ok $_n - $1"; }

not_ok() {
	_n=$((_n + 1))
	_failed=$((_failed + 1))
	echo "not ok $_n - $1"
	shift
	for line in "$@"; do printf '%s\n' "$line" | sed 's/^/#   /'; done
	return 0
}

# Diagnostics for the last run: the command, its status and the head of its output.
_last_cmd=""
_diag() {
	printf '%s\n' "command: $_last_cmd" "status: $STATUS"
	if [ -s "$OUT" ]; then echo "stdout:"; head -c 1500 "$OUT"; echo; fi
	if [ -s "$ERR" ]; then echo "stderr:"; head -c 1500 "$ERR"; echo; fi
}

# run ARGS... : runs $TANSIQ ARGS with stdin from /dev/null, stdout in $OUT, stderr in $ERR.
run() {
	_last_cmd="tansiq $*"
	"$TANSIQ" "$@" >"$OUT" 2>"$ERR" </dev/null
	STATUS=$?
	return 0
}

# expect_status N WHAT : the last run exited with N.
expect_status() {
	if [ "$STATUS" -eq "$1" ]; then ok "$2"; else not_ok "$2" "expected exit status $1" "$(_diag)"; fi
}

# expect_status_in "1 2" WHAT : the last run exited with one of the listed statuses.
expect_status_in() {
	local s
	for s in $1; do
		if [ "$STATUS" -eq "$s" ]; then ok "$2"; return 0; fi
	done
	not_ok "$2" "expected exit status in {$1}" "$(_diag)"
}

# assert_match FILE ERE WHAT : a line of FILE matches the extended regular expression.
assert_match() {
	if grep -Eq -- "$2" "$1"; then ok "$3"; else not_ok "$3" "no line matches /$2/" "$(_diag)"; fi
}

# assert_no_match FILE ERE WHAT
assert_no_match() {
	if grep -Eq -- "$2" "$1"; then not_ok "$3" "a line matches /$2/: $(grep -E -m1 -- "$2" "$1")"; else ok "$3"; fi
}

# assert_eq ACTUAL EXPECTED WHAT
assert_eq() {
	if [ "$1" = "$2" ]; then ok "$3"; else not_ok "$3" "expected: $2" "got:      $1"; fi
}

# assert_true WHAT CMD... : CMD succeeds.
assert_true() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what" "failed: $*"; fi
}

# assert_files_equal A B WHAT
assert_files_equal() {
	if cmp -s "$1" "$2"; then ok "$3"; else not_ok "$3" "$(diff "$1" "$2" | head -20)"; fi
}

# error_shape WHAT : the last run printed "error: ..." on stderr (and nothing on a crash path).
error_shape() {
	if grep -Eq '^error: .+' "$ERR"; then ok "$1: stderr has an 'error:' line"; else not_ok "$1: stderr has an 'error:' line" "$(_diag)"; fi
}

# json EXPR : reads JSON on stdin, evaluates the JavaScript EXPR with `d` (the document) and
# `items` (d if it is an array, else d.items), prints the result (strings raw, others as JSON).
json() {
	node -e '
const fs = require("fs");
let d;
try { d = JSON.parse(fs.readFileSync(0, "utf8")); } catch (e) { console.error("invalid JSON: " + e.message); process.exit(3); }
const items = Array.isArray(d) ? d : (d && Array.isArray(d.items) ? d.items : []);
const r = eval(process.argv[1]);
process.stdout.write(typeof r === "string" ? r : JSON.stringify(r));
' "$1"
}

# csv EXPR : parses RFC 4180 CSV on stdin into `rows` (arrays of cells, header first) and
# `recs` (objects keyed by the header), evaluates EXPR, prints it as json() does.
csv() {
	node -e '
const fs = require("fs");
const s = fs.readFileSync(0, "utf8");
const rows = []; let row = []; let cell = ""; let q = false; let i = 0;
while (i < s.length) {
  const c = s[i];
  if (q) {
    if (c === "\"") { if (s[i + 1] === "\"") { cell += "\""; i += 2; continue; } q = false; i++; continue; }
    cell += c; i++; continue;
  }
  if (c === "\"") { q = true; i++; continue; }
  if (c === ",") { row.push(cell); cell = ""; i++; continue; }
  if (c === "\r" && s[i + 1] === "\n") { i++; continue; }
  if (c === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; i++; continue; }
  cell += c; i++;
}
if (q) { console.error("unterminated quoted cell"); process.exit(3); }
if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
const head = rows[0] || [];
const recs = rows.slice(1).map((r) => Object.fromEntries(head.map((h, j) => [h, r[j]])));
const r = eval(process.argv[1]);
process.stdout.write(typeof r === "string" ? r : JSON.stringify(r));
' "$1"
}

# assert_json FILE WHAT : FILE holds valid JSON.
assert_json() {
	if json 'true' <"$1" >/dev/null 2>&1; then ok "$2"; else not_ok "$2" "not valid JSON" "$(_diag)"; fi
}

# count COLLECTION [DATADIR] : number of records, from `export --format json`.
count() {
	"$TANSIQ" export "$1" --format json --data "${2:-$DATA}" 2>/dev/null </dev/null | json 'items.length' 2>/dev/null || echo "?"
}

# init_data [DIR] : runs init quietly; prints nothing; returns its status.
init_data() {
	"$TANSIQ" init --data "${1:-$DATA}" >/dev/null 2>&1 </dev/null
}

# snapshot DIR : a checksum of every file under DIR (names and contents).
snapshot() {
	(cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum 2>/dev/null) | sha256sum | cut -d' ' -f1
}

done_testing() {
	echo "1..$_n"
	if [ "$_failed" -gt 0 ]; then
		echo "# failed $_failed of $_n"
		exit 1
	fi
	exit 0
}
