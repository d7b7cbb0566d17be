#!/usr/bin/env bash
# Benchmark: matching the network of mediators to a mediation process over a roster of 100,000
# synthetic candidates (issue 7: "answers under 100 ms"). Fills a fresh store
# (bench/matching-data.py: approved candidates, places on teams, declared interests, training,
# the code of conduct adopted), then times GET /api/v1/processes/mp-bench/match through the API
# (median and p99 of RUNS requests, one client, as the secretariat with an API token), the
# library's ts_match without HTTP (bench/match-time.c), and beside them the same filter and
# ranking written as ONE SQL query in the sqlite3 shell (bench/matching.sql, .timer on), and
# checks that the API and the SQL rank the same 20 candidates with the same scores.
#
#   bench/matching.sh                         # uses build/tansiq; about a minute
#   DATA=/tmp/match-data bench/matching.sh    # keeps the data there, and reuses it next time
#
# Settings (environment): TANSIQ, TANSIQ_PORT (18083), CANDIDATES (100000), SEED (1), RUNS (30
# API requests and library calls), SQL_RUNS (3), LIMIT (20), DATA (a data directory to fill, or
# reuse when it holds a store), KEEP=1 keeps the temp dir. Reads nothing from /work/shared.
# Exit status: 0 the target met, 1 missed (or the API and the SQL disagree), 2 could not run.
# See docs/bench.md.

set -u

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
repo=$(cd "$here/.." && pwd)
TANSIQ=${TANSIQ:-$repo/build/tansiq}
TANSIQ_PORT=${TANSIQ_PORT:-18083}
CANDIDATES=${CANDIDATES:-100000}
SEED=${SEED:-1}
RUNS=${RUNS:-30}
SQL_RUNS=${SQL_RUNS:-3}
LIMIT=${LIMIT:-20}
KEEP=${KEEP:-0}
PROCESS=mp-bench

TARGET_MS=100 # the API's median answer below

# --- tools: install nothing, say what is missing
missing=()
command -v curl >/dev/null 2>&1 || missing+=("curl (Debian package: curl)")
command -v python3 >/dev/null 2>&1 || missing+=("python3 (Debian package: python3)")
if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import sqlite3, json' 2>/dev/null; then
	missing+=("python3's sqlite3 module (Debian package: libpython3-stdlib)")
fi
stop_if_missing
have_sqlite3=1
command -v sqlite3 >/dev/null 2>&1 || {
	have_sqlite3=0
	echo "bench: sqlite3, the shell, is missing (Debian package: sqlite3): the SQL side is skipped" >&2
}
[ -x "$TANSIQ" ] || die "tansiq binary not found at $TANSIQ (run make, or set TANSIQ=...)"
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_busy "$TANSIQ_PORT" && die "port $TANSIQ_PORT is already in use (set TANSIQ_PORT=...)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tansiq-match.XXXXXX") || die "cannot make a temp dir"
tansiq_pid=""
cleanup() {
	stop_pids $tansiq_pid
	if [ "$KEEP" = 1 ]; then echo "bench: kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { date +%s%3N; }
today=$(date -u +%Y-%m-%d)

# --- the data: tansiq init, then the synthetic network
data=${DATA:-$tmp/data}
gen_s="(reused)"
if [ -f "$data/tansiq.db" ] && [ -n "${DATA:-}" ]; then
	echo "bench: reusing the data in $data" >&2
	[ -f "$data/bench-admin" ] || die "$data holds a store but not the password of its administrator (bench-admin): remove it"
else
	"$TANSIQ" init --data "$data" >"$tmp/init.log" 2>&1 </dev/null || { cat "$tmp/init.log" >&2; die "tansiq init failed"; }
	awk '/password:/ { print $2 }' "$tmp/init.log" >"$data/bench-admin"
	echo "bench: generating $CANDIDATES candidates in $data..." >&2
	t0=$(now_ms)
	python3 "$here/matching-data.py" "$data/tansiq.db" --candidates "$CANDIDATES" --seed "$SEED" --today "$today" \
		2>"$tmp/gen.log" || { cat "$tmp/gen.log" >&2; die "generating the data failed"; }
	gen_s=$(awk -v a="$t0" -v b="$(now_ms)" 'BEGIN { printf "%.0f s", (b - a) / 1000 }')
	cat "$tmp/gen.log" >&2
fi
password=$(cat "$data/bench-admin")
[ -n "$password" ] || die "no administrator's password in $data/bench-admin"
db=$data/tansiq.db
db_mib=$(du -m "$db" | cut -f1)

# --- the server, and an API token for the secretariat's request (a password would be hashed on
# every request: a sign-in's cost, not the matching's)
start_tansiq "$data" "$tmp/tansiq.log"
curl -sS -u "admin:$password" -H 'Content-Type: application/json' -d '{"name":"bench-matching"}' \
	"$base/api/v1/account/tokens" >"$tmp/token.json" || die "making an API token failed"
token=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["token"])' "$tmp/token.json" 2>/dev/null) ||
	die "making an API token failed: $(head -c 300 "$tmp/token.json")"
url="$base/api/v1/processes/$PROCESS/match?limit=$LIMIT"
get_ms() { # OUTFILE -> the answer's time in ms; fails unless 200
	local r
	r=$(curl -sS -o "$1" -H "Authorization: Bearer $token" -w '%{http_code} %{time_total}' "$url") || return 1
	[ "${r%% *}" = 200 ] || { echo "bench: GET $url answered ${r%% *}: $(head -c 300 "$1")" >&2; return 1; }
	awk -v t="${r#* }" 'BEGIN { printf "%.1f", t * 1000 }'
}
echo "bench: $RUNS requests of GET /api/v1/processes/$PROCESS/match?limit=$LIMIT..." >&2
first_ms=$(get_ms "$tmp/api.json") || die "the first match request failed"
api_ms=()
for ((i = 1; i <= RUNS; i++)); do
	t=$(get_ms /dev/null) || die "a match request failed"
	api_ms+=("$t")
done
kill -0 "$tansiq_pid" 2>/dev/null || { tail -20 "$tmp/tansiq.log" >&2; die "tansiq died during the run"; }
stop_pids $tansiq_pid
tansiq_pid=""

# median and p99 (nearest rank) of numbers
stat() { printf '%s\n' "${@:2}" | sort -g | awk -v p="$1" '{ v[NR] = $1 } END {
	if (!NR) exit; if (p == 50) printf "%.1f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
	else { k = int(p / 100 * NR + 0.999999); if (k < 1) k = 1; if (k > NR) k = NR; printf "%.1f", v[k] } }'; }

# --- the library without HTTP: bench/match-time.c built against the binary's libtansiq.a
lib_line=""
lib=$(dirname "$TANSIQ")/libtansiq.a
if [ -f "$lib" ] && command -v cc >/dev/null 2>&1 && command -v pkg-config >/dev/null 2>&1; then
	libs="$(pkg-config --libs sqlite3 jansson libsodium libmicrohttpd 2>/dev/null) -lstemmer"
	if cc -O2 -I"$repo/include" "$here/match-time.c" "$lib" -o "$tmp/match-time" $libs -lpthread -lm 2>"$tmp/cc.log"; then
		echo "bench: $RUNS calls of ts_match in the library..." >&2
		"$tmp/match-time" "$data" "$PROCESS" "$RUNS" "$LIMIT" >"$tmp/lib.txt" 2>&1 || { cat "$tmp/lib.txt" >&2; die "match-time failed"; }
		lib_line=$(head -1 "$tmp/lib.txt")
	else
		cat "$tmp/cc.log" >&2
		echo "bench: could not build bench/match-time.c: the library's own time is not shown" >&2
	fi
else
	echo "bench: no $lib (or no cc, pkg-config): the library's own time is not shown" >&2
fi

# --- the same filter and ranking as one query in the sqlite3 shell
sql_real=() sql_user=()
if [ "$have_sqlite3" = 1 ]; then
	for ((i = 1; i <= SQL_RUNS; i++)); do
		echo "bench: the same as one SQL query in the sqlite3 shell, run $i of $SQL_RUNS..." >&2
		sqlite3 -readonly "$db" -cmd "CREATE TEMP TABLE match_args AS SELECT '$PROCESS' AS process" -cmd ".timer on" \
			<"$here/matching.sql" >"$tmp/sql.txt" 2>&1 || { tail -20 "$tmp/sql.txt" >&2; die "bench/matching.sql failed"; }
		grep -q -i '^\(Parse \)\?error' "$tmp/sql.txt" && { grep -i error "$tmp/sql.txt" >&2; die "bench/matching.sql failed"; }
		sql_real+=("$(awk '/^Run Time:/ { printf "%.1f", $4 * 1000 }' "$tmp/sql.txt")")
		sql_user+=("$(awk '/^Run Time:/ { printf "%.1f", $6 * 1000 }' "$tmp/sql.txt")")
	done
fi

# --- compare the API's ranking with the SQL's
python3 - "$tmp" "$have_sqlite3" >"$tmp/compare.txt" <<'EOF' || die "comparing the API's answer with the SQL's failed"
import json, sys
tmp, have_sql = sys.argv[1], sys.argv[2] == "1"
d = json.load(open(tmp + "/api.json", encoding="utf-8"))
c = d["counts"]
print("COUNTS %d %d %d %s" % (c["roster"], c["eligible"], c["excluded"],
      " ".join("%s=%d" % (k, v) for k, v in c["by_rule"].items())))
api = ["%d|%s|%.2f" % (x["rank"], x["id"], x["score"]) for x in d["candidates"]]
if not have_sql:
    print("NOSQL")
    sys.exit(0)
rows = [l.strip() for l in open(tmp + "/sql.txt", encoding="utf-8") if l.count("|") == 3]
sql = ["|".join(r.split("|")[:3]) for r in rows]
eligible = int(rows[0].split("|")[3]) if rows else 0
if api == sql and eligible == c["eligible"]:
    print("AGREE")
else:
    print("DISAGREE eligible API %d SQL %d" % (c["eligible"], eligible))
    for a, s in zip(api + [""] * 20, sql + [""] * 20):
        if a != s:
            print("  API %-28s SQL %s" % (a, s))
EOF

# --- the table
api_p50=$(stat 50 "${api_ms[@]}")
api_p99=$(stat 99 "${api_ms[@]}")
read -r _ roster eligible excluded by_rule <<<"$(grep '^COUNTS' "$tmp/compare.txt")"
echo
echo "Data: $roster approved candidates (+2000 not approved), $(sqlite3 -readonly "$db" 'SELECT count(*) FROM process_team' 2>/dev/null || echo '?') places on teams, $(sqlite3 -readonly "$db" 'SELECT count(*) FROM interests' 2>/dev/null || echo '?') interests, $(sqlite3 -readonly "$db" 'SELECT count(*) FROM training_participants' 2>/dev/null || echo '?') training participations ($db_mib MiB); generated in $gen_s"
echo "Process $PROCESS: $eligible eligible, $excluded excluded ($by_rule); top $LIMIT returned; $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%-44s %10s %10s   %s\n' "" "p50 ms" "p99 ms" "< $TARGET_MS ms"
if awk -v p="$api_p50" -v t="$TARGET_MS" 'BEGIN { exit !(p + 0 < t) }'; then v=PASS; met=1; else v=MISS; met=0; fi
printf '%-44s %10s %10s   %s\n' "API: GET /api/v1/processes/{id}/match" "$api_p50" "$api_p99" "$v"
if [ -n "$lib_line" ]; then
	read -r _ lw50 lw99 lc50 _ _ <<<"$lib_line"
	printf '%-44s %10s %10s   (CPU p50 %s ms)\n' "library: ts_match + JSON, no HTTP" "$lw50" "$lw99" "$lc50"
fi
if [ "$have_sqlite3" = 1 ]; then
	printf '%-44s %10s %10s   (user p50 %s ms; %s runs)\n' "sqlite3 shell: bench/matching.sql, one query" "$(stat 50 "${sql_real[@]}")" \
		"$(stat 99 "${sql_real[@]}")" "$(stat 50 "${sql_user[@]}")" "$SQL_RUNS"
else
	echo "sqlite3 shell: not run (sqlite3 is missing)"
fi
echo
echo "first request after the server started: $first_ms ms; $RUNS requests, one client, curl's time_total"
if grep -q '^AGREE' "$tmp/compare.txt"; then
	echo "the API and the SQL rank the same $LIMIT candidates, with the same scores, and count the same eligible"
elif grep -q '^NOSQL' "$tmp/compare.txt"; then
	echo "the API's ranking was not compared (no sqlite3)"
else
	echo "the API and the SQL DISAGREE:"
	grep -v '^COUNTS' "$tmp/compare.txt"
	met=0
fi
echo
if [ "$met" = 1 ]; then echo "bench: the target met"; exit 0; fi
echo "bench: the target missed"
exit 1
