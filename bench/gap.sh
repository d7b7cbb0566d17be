#!/usr/bin/env bash
# Benchmark: the implementation of decisions on a synthetic organisation of 50 years (about
# 30,000 resolutions, 300,000 mandates, 430,000 implementation reports). Measures the gap view
# (GET /api/v1/gap?by=addressee|organ|year) and a resolution's roll-up
# (GET /api/v1/resolutions/{id}/progress) through the API, warm and cold (the first request
# after a write rebuilds the in-memory index), beside the same aggregations as plain SQL in the
# sqlite3 shell (bench/gap.sql), and checks that both give the same figures.
#
#   bench/gap.sh                         # uses build/tansiq; about 5 minutes
#   DATA=/tmp/gap-data bench/gap.sh      # keeps the data there, and reuses it next time
#
# Settings (environment): TANSIQ, TANSIQ_PORT (18082), DURATION (10s per wrk run), WARMUP (2s,
# 0 to skip), CONNECTIONS (4, for the throughput runs; latency runs use one), COLD_RUNS (3),
# YEARS (50), SEED (1), RES (the resolution to roll up; default: the one with most mandates),
# DATA (a data directory to fill, or reuse when it holds a store), KEEP=1 keeps the temp dir,
# TIMING=1 also builds bench/gap-time.c and times the library calls without HTTP.
# Exit status: 0 every target met, 1 a target missed, 2 could not run. See docs/bench.md.

set -u

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
repo=$(cd "$here/.." && pwd)
TANSIQ=${TANSIQ:-$repo/build/tansiq}
TANSIQ_PORT=${TANSIQ_PORT:-18082}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-2s}
CONNECTIONS=${CONNECTIONS:-4}
COLD_RUNS=${COLD_RUNS:-3}
YEARS=${YEARS:-50}
SEED=${SEED:-1}
KEEP=${KEEP:-0}
TIMING=${TIMING:-0}

TARGET_MS=50 # the API's median answer, warm, below

# --- tools: install nothing, say what is missing
missing=()
command -v wrk >/dev/null 2>&1 || missing+=("wrk (Debian package: wrk)")
command -v curl >/dev/null 2>&1 || missing+=("curl (Debian package: curl)")
command -v sqlite3 >/dev/null 2>&1 || missing+=("sqlite3, the shell (Debian package: sqlite3)")
command -v python3 >/dev/null 2>&1 || missing+=("python3 (Debian package: python3)")
if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import sqlite3, json' 2>/dev/null; then
	missing+=("python3's sqlite3 module (Debian package: libpython3-stdlib)")
fi
stop_if_missing "install them (for example: apt-get install wrk curl sqlite3 python3) and run again"
[ -x "$TANSIQ" ] || die "tansiq binary not found at $TANSIQ (run make, or set TANSIQ=...)"
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_busy "$TANSIQ_PORT" && die "port $TANSIQ_PORT is already in use (set TANSIQ_PORT=...)"

# --- temp dir and cleanup of everything started here
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tansiq-gap.XXXXXX") || die "cannot make a temp dir"
tansiq_pid=""
wrk_pid=""
cleanup() {
	stop_pids $wrk_pid $tansiq_pid
	if [ "$KEEP" = 1 ]; then echo "bench: kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { date +%s%3N; }
today=$(date -u +%Y-%m-%d)
on_day=${today//-/}

# --- the data: tansiq init, then the synthetic organisation (bench/gap-data.py)
data=${DATA:-$tmp/data}
gen_s="(reused)"
if [ -f "$data/tansiq.db" ] && [ -n "${DATA:-}" ]; then
	echo "bench: reusing the data in $data" >&2
else
	"$TANSIQ" init --data "$data" >"$tmp/init.log" 2>&1 </dev/null || { cat "$tmp/init.log" >&2; die "tansiq init failed"; }
	echo "bench: generating $YEARS years of sessions in $data (about a minute)..." >&2
	t0=$(now_ms)
	python3 "$here/gap-data.py" "$data/tansiq.db" --years "$YEARS" --seed "$SEED" --today "$today" \
		2>"$tmp/gen.log" || { cat "$tmp/gen.log" >&2; die "generating the data failed"; }
	gen_s=$(awk -v a="$t0" -v b="$(now_ms)" 'BEGIN { printf "%.0f s", (b - a) / 1000 }')
	cat "$tmp/gen.log" >&2
fi
db=$data/tansiq.db
q() { sqlite3 -readonly "$db" "$1"; }
n_meet=$(q "SELECT count(*) FROM meetings")
n_res=$(q "SELECT count(*) FROM resolutions")
n_para=$(q "SELECT count(*) FROM paragraphs")
n_mand=$(q "SELECT count(*) FROM mandates")
n_rep=$(q "SELECT count(*) FROM implementation_reports")
db_mib=$(du -m "$db" | cut -f1)
if [ -z "${RES:-}" ]; then
	RES=$(q "SELECT p.resolution FROM mandates m JOIN paragraphs p ON p.id = m.paragraph
		GROUP BY p.resolution ORDER BY count(*) DESC, p.resolution LIMIT 1")
fi
res_mand=$(q "SELECT count(*) FROM mandates m JOIN paragraphs p ON p.id = m.paragraph WHERE p.resolution = '${RES//\'/\'\'}'")
[ "$res_mand" -gt 0 ] 2>/dev/null || die "resolution '$RES' has no mandates"
# the mandate the cold runs report on (one of the roll-up's)
cold_mandate=$(q "SELECT m.id FROM mandates m JOIN paragraphs p ON p.id = m.paragraph WHERE p.resolution = '${RES//\'/\'\'}' ORDER BY m.id LIMIT 1")

# --- the server
start_tansiq "$data" "$tmp/tansiq.log"

names=(addressee organ year progress)
paths=("/api/v1/gap?by=addressee" "/api/v1/gap?by=organ" "/api/v1/gap?by=year" "/api/v1/resolutions/$RES/progress")
get_ms() { # PATH OUTFILE -> the answer's time in ms; fails unless 200
	local r
	r=$(curl -sS -o "$2" -w '%{http_code} %{time_total}' "$base$1") || return 1
	[ "${r%% *}" = 200 ] || { echo "bench: GET $1 answered ${r%% *}: $(head -c 300 "$2")" >&2; return 1; }
	awk -v t="${r#* }" 'BEGIN { printf "%.1f", t * 1000 }'
}

# cold, the first request since the server started: the index is built from the tables
echo "bench: first request (builds the index)..." >&2
first_ms=$(get_ms "${paths[0]}" "$tmp/first.json") || die "the first gap request failed"
for p in "${paths[@]}"; do get_ms "$p" /dev/null >/dev/null || die "GET $p failed"; done

# --- warm: one client (latency), then CONNECTIONS clients (throughput)
wrk_run() { # OUT URL CONNECTIONS THREADS
	if [ "$WARMUP" != 0 ]; then
		wrk -t"$4" -c"$3" -d"$WARMUP" "$2" >/dev/null 2>&1 &
		wrk_pid=$!
		wait "$wrk_pid"
	fi
	wrk -t"$4" -c"$3" -d"$DURATION" --timeout 10s --latency "$2" >"$1" 2>&1 &
	wrk_pid=$!
	wait "$wrk_pid"
	wrk_pid=""
}
pct_ms() { # FILE PERCENT
	awk -v p="$2%" '$1 == p {
		v = $2; n = v + 0
		if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n = n * 60000; else if (v ~ /s$/) n = n * 1000
		printf "%.1f", n }' "$1"
}
rps() { awk '/^Requests\/sec:/ { printf "%.1f", $2 }' "$1"; }
errors() {
	awk '/Non-2xx or 3xx responses:/ { e += $NF }
	     /Socket errors:/ { gsub(/,/, ""); for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) e += $i }
	     END { print e + 0 }' "$1"
}
for k in 0 1 2 3; do
	echo "bench: wrk GET ${paths[$k]}: 1 connection, then $CONNECTIONS ($DURATION each)..." >&2
	wrk_run "$tmp/wrk-${names[$k]}-1.txt" "$base${paths[$k]}" 1 1
	wrk_run "$tmp/wrk-${names[$k]}-n.txt" "$base${paths[$k]}" "$CONNECTIONS" 2
done
# a given day's gap is kept in the response cache until the data change: that path, for scale
echo "bench: wrk GET /api/v1/gap?by=addressee&on=$today (response cache)..." >&2
wrk_run "$tmp/wrk-cached-n.txt" "$base/api/v1/gap?by=addressee&on=$today" "$CONNECTIONS" 2
kill -0 "$tansiq_pid" 2>/dev/null || { tail -20 "$tmp/tansiq.log" >&2; die "tansiq died during the run"; }
hwm_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$tansiq_pid/status" 2>/dev/null)

# --- cold: the first request after a write (one report filed with the CLI) rebuilds the index
cold_add() { # N
	"$TANSIQ" add implementation-reports --set "mandate=$cold_mandate" --set status=in_progress --set progress=50 \
		--set "reported_on=$today" --set "narrative_en=Benchmark report $1" --data "$data" >/dev/null 2>"$tmp/add.log" ||
		{ cat "$tmp/add.log" >&2; die "filing a report with the CLI failed"; }
}
cold_gap=() cold_prog=() cold_other=()
for ((i = 1; i <= COLD_RUNS; i++)); do
	echo "bench: cold run $i of $COLD_RUNS (a report filed, then the gap; another, then the roll-up; a partner organisation edited, then the gap)..." >&2
	cold_add "g$i"
	t=$(get_ms "${paths[0]}" /dev/null) || die "cold gap request failed"
	cold_gap+=("$t")
	cold_add "p$i"
	t=$(get_ms "${paths[3]}" /dev/null) || die "cold roll-up request failed"
	cold_prog+=("$t")
	# any write moves the audit log's head, even to a record the index does not read
	"$TANSIQ" edit organisations unitar --set "notes=Benchmark edit $i" --data "$data" >/dev/null 2>"$tmp/add.log" ||
		{ cat "$tmp/add.log" >&2; die "editing a partner organisation with the CLI failed"; }
	t=$(get_ms "${paths[0]}" /dev/null) || die "cold gap request failed"
	cold_other+=("$t")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR) printf "%.1f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# --- the answers to compare, after the writes (the data the SQL reads)
for k in 0 1 2 3; do get_ms "${paths[$k]}" "$tmp/api-${names[$k]}.json" >/dev/null || die "GET ${paths[$k]} failed"; done

# --- the same aggregations in the sqlite3 shell
echo "bench: the same in the sqlite3 shell (bench/gap.sql; a minute or so)..." >&2
sqlite3 -readonly "$db" -cmd "CREATE TEMP TABLE gap_args AS SELECT $on_day AS on_day, '${RES//\'/\'\'}' AS res" \
	-cmd ".timer on" <"$here/gap.sql" >"$tmp/sql.txt" 2>&1 || { tail -20 "$tmp/sql.txt" >&2; die "bench/gap.sql failed"; }
grep -q -i '^\(Parse \)\?error' "$tmp/sql.txt" && { grep -i error "$tmp/sql.txt" >&2; die "bench/gap.sql failed"; }

# compare, and read the shell's times: prints NAME REAL USER lines, then AGREE or differences
python3 - "$tmp" >"$tmp/compare.txt" <<'EOF' || die "comparing the API's answers with the SQL's failed"
import json, sys
tmp = sys.argv[1]
sections, cur, times = {}, None, {}
for line in open(tmp + "/sql.txt", encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("-- "):
        cur = line[3:]
        sections[cur], times[cur] = [], [0.0, 0.0]
    elif line.startswith("Run Time:"):
        f = line.split()
        if cur:
            times[cur][0] += float(f[3]); times[cur][1] += float(f[5])
    elif cur and line:
        sections[cur].append(line)

def fmt(v):
    return "" if v is None else "%.1f" % v

def api_rows(path, keyname="key"):
    d = json.load(open(path, encoding="utf-8"))
    out = []
    for g in d["groups"]:
        c = g["counts"]
        k = g[keyname]
        out.append("|".join(["" if k is None else str(k)] + [str(c[x]) for x in
            ("mandates", "due", "reported", "implemented", "not_implemented", "late", "silent")] + [fmt(g["progress"])]))
    return out

def sql_rows(name):
    out = []
    for line in sections.get(name, []):
        f = line.split("|")
        f[-1] = fmt(float(f[-1])) if f[-1] != "" else ""
        out.append("|".join(f))
    return out

def rollup_rows(path):
    d = json.load(open(path, encoding="utf-8"))
    c = d["counts"]
    cols = ("mandates", "due", "reported", "implemented", "not_implemented", "late", "silent")
    out = ["|".join(["resolution"] + [str(c[x]) for x in cols] + [fmt(d["progress"])])]
    for p in sorted(d["paragraphs"], key=lambda p: p["paragraph"]):
        if p["counts"]["mandates"]:
            out.append("|".join([p["paragraph"]] + [str(p["counts"][x]) for x in cols] + [fmt(p["progress"])]))
    return out

bad = 0
for name, api, sql in (("addressee", api_rows(tmp + "/api-addressee.json"), "gap by addressee"),
                       ("organ", api_rows(tmp + "/api-organ.json"), "gap by organ"),
                       ("year", api_rows(tmp + "/api-year.json"), "gap by year"),
                       ("progress", rollup_rows(tmp + "/api-progress.json"), "resolution roll-up")):
    s = sql_rows(sql)
    print("TIME %s %.3f %.3f %d" % (name, times.get(sql, [0, 0])[0], times.get(sql, [0, 0])[1], len(s)))
    # counts must be equal; progress may differ by the last decimal where a mean of means is
    # summed in another order and falls on a rounding boundary
    def split(rows):
        return {r.rsplit("|", 1)[0]: r.rsplit("|", 1)[1] for r in rows}
    a, b = split(api), split(s)
    off = [k for k in a if k in b and (a[k] == "") != (b[k] == "") or
           k in b and a[k] != "" and b[k] != "" and abs(float(a[k]) - float(b[k])) > 0.1001]
    if len(api) != len(s) or set(a) != set(b) or off:
        bad += 1
        only_api = sorted(set(api) - set(s))[:5]
        only_sql = sorted(set(s) - set(api))[:5]
        print("DIFF %s: API %d rows, SQL %d rows; API only: %s; SQL only: %s" % (name, len(api), len(s), only_api, only_sql))
    near = sum(1 for k in a if k in b and a[k] != b[k])
    if near:
        print("NEAR %s %d" % (name, near))
print("AGREE" if not bad else "DISAGREE")
EOF

# --- optional: the library's calls timed without HTTP
if [ "$TIMING" = 1 ]; then
	echo "bench: building bench/gap-time.c..." >&2
	libs="$(pkg-config --libs sqlite3 jansson libsodium libmicrohttpd 2>/dev/null) -lstemmer"
	if cc -O2 -I"$repo/include" "$here/gap-time.c" "$repo/build/libtansiq.a" -o "$tmp/gap-time" $libs -lpthread 2>"$tmp/cc.log"; then
		"$tmp/gap-time" "$data" "$RES" 20 >"$tmp/timing.txt" 2>&1 || cat "$tmp/timing.txt" >&2
	else
		cat "$tmp/cc.log" >&2
		echo "bench: could not build bench/gap-time.c (TIMING=1 skipped)" >&2
	fi
fi

# --- the table
sqlt() { awk -v n="$1" -v f="$2" '$1 == "TIME" && $2 == n { printf "%.2f s", $f }' "$tmp/compare.txt"; }
met=1
verdict() { # P50 -> v (PASS or MISS); a miss clears met
	if awk -v p="$1" -v t="$TARGET_MS" 'BEGIN { exit !(p != "" && p + 0 < t) }'; then v=PASS; else v=MISS; met=0; fi
}
echo
echo "Data: $n_meet meetings, $n_res resolutions, $n_para paragraphs, $n_mand mandates, $n_rep reports ($db_mib MiB); generated in $gen_s"
echo "Roll-up of resolution $RES ($res_mand mandates); day $today; $(nproc) CPUs; wrk $DURATION per run"
echo
printf '%-22s %28s %12s %10s %18s   %s\n' "" "API warm, 1 client" "$CONNECTIONS clients" "API cold" "sqlite3 shell" "< $TARGET_MS ms"
printf '%-22s %9s %9s %8s %12s %10s %9s %8s   %s\n' "" "p50 ms" "p99 ms" "req/s" "req/s" "ms" "real" "user" "(p50)"
labels=("gap by=addressee" "gap by=organ" "gap by=year" "resolution progress")
for k in 0 1 2 3; do
	f1=$tmp/wrk-${names[$k]}-1.txt fn=$tmp/wrk-${names[$k]}-n.txt
	p50=$(pct_ms "$f1" 50) p99=$(pct_ms "$f1" 99)
	case $k in
		0) cold=$(median "${cold_gap[@]}") ;;
		3) cold=$(median "${cold_prog[@]}") ;;
		*) cold="" ;;
	esac
	e=$(($(errors "$f1") + $(errors "$fn")))
	[ "$e" = 0 ] || { echo "bench: ${paths[$k]}: $e errors under wrk" >&2; met=0; }
	verdict "$p50"
	printf '%-22s %9s %9s %8s %12s %10s %9s %8s   %s\n' "${labels[$k]}" "$p50" "$p99" "$(rps "$f1")" "$(rps "$fn")" \
		"$cold" "$(sqlt "${names[$k]}" 3)" "$(sqlt "${names[$k]}" 4)" "$v"
done
printf '%-22s %9s %9s %8s %12s\n' "gap, a day (cached)" "" "" "" "$(rps "$tmp/wrk-cached-n.txt")"
echo
echo "cold: the first request after a report is filed (index rebuilt), each of $COLD_RUNS runs: gap ${cold_gap[*]} ms; roll-up ${cold_prog[*]} ms"
echo "cold after a write to a table the index does not read (a partner organisation's notes edited): gap ${cold_other[*]} ms"
echo "first request after the server started (index built): $first_ms ms; server peak memory (VmHWM) $(awk -v k="${hwm_kb:-0}" 'BEGIN { printf "%.0f", k / 1024 }') MiB"
if grep -q '^AGREE' "$tmp/compare.txt"; then
	echo "the API and the SQL agree on every group's counts and progress (by addressee, organ, year) and on the roll-up"
	awk '$1 == "NEAR" { printf "  (progress differs by 0.1 in %d group(s) by %s: a mean rounded on its boundary)\n", $3, $2 }' "$tmp/compare.txt"
else
	echo "the API and the SQL DISAGREE:"
	grep '^DIFF' "$tmp/compare.txt"
	met=0
fi
if [ -s "$tmp/timing.txt" ]; then
	echo
	echo "the library's calls without HTTP (bench/gap-time.c, ms):"
	cat "$tmp/timing.txt"
fi
echo
if [ "$met" = 1 ]; then echo "bench: every target met"; exit 0; fi
echo "bench: some targets missed"
exit 1
