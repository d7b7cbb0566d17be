#!/usr/bin/env bash
# Benchmark: conflict events. A deterministic ACLED-shaped export of N events (bench/acled-gen.py,
# 31 columns, 60 countries, ten years) imported
#   (a) by tansiq import acled: every row checked and mapped, aggregates kept (events/s, peak RSS),
#       then the same file again (every event compared, nothing written),
#   (b) by the sqlite3 shell's .import into a plain table (no checks, no index: the floor),
#   (c) by pandas read_csv + to_sql into SQLite (when python3-pandas is installed);
# then the country-month aggregation of the N events:
#   (d) GET /api/v1/country-months through the running server (median and p99 of repeated requests),
#   (e) the GROUP BY in the sqlite3 shell over the plain table,
#   (f) pandas groupby over the data frame.
#
#   bench/events.sh                 # N=1000000, build/tansiq; a few minutes
#   N=200000 bench/events.sh        # smaller
#
# Settings (environment): TANSIQ, N, TANSIQ_PORT (18083), REQUESTS (50), KEEP=1 keeps the temp dir.
# Exit status: 0 every target met, 1 a target missed, 2 could not run. See docs/bench.md.

set -u

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
repo=$(cd "$here/.." && pwd)
TANSIQ=${TANSIQ:-$repo/build/tansiq}
N=${N:-1000000}
TANSIQ_PORT=${TANSIQ_PORT:-18083}
REQUESTS=${REQUESTS:-50}
KEEP=${KEEP:-0}

TARGET_RATE=500000 # events/s, import with validation
TARGET_RSS_MB=200
TARGET_AGG_MS=20

missing=()
command -v sqlite3 >/dev/null 2>&1 || missing+=("sqlite3, the shell (Debian package: sqlite3)")
command -v python3 >/dev/null 2>&1 || missing+=("python3 (Debian package: python3)")
command -v curl >/dev/null 2>&1 || missing+=("curl (Debian package: curl)")
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (Debian package: time)")
stop_if_missing
[ -x "$TANSIQ" ] || die "no tansiq binary at $TANSIQ (build it with make, or set TANSIQ)"
# pandas: Debian's python3-pandas (under /usr/bin/python3 when another python3 comes first on the PATH)
pandas=0
for py in python3 /usr/bin/python3; do
	if "$py" -c 'import pandas' 2>/dev/null; then pandas=1; PY=$py; break; fi
done
[ "$pandas" = 1 ] || echo "bench: python3-pandas is not installed: (c) and (f) are skipped (apt-get install python3-pandas)" >&2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tansiq-events.XXXXXX")
server=
cleanup() {
	[ -n "$server" ] && stop_pids "$server"
	[ "$KEEP" = 1 ] && echo "bench: kept $tmp" >&2 || rm -rf "$tmp"
}
trap cleanup EXIT

csv=$tmp/acled.csv
echo "bench: generating $N ACLED events..." >&2
python3 "$here/acled-gen.py" "$N" >"$csv" || die "the generator failed"
size_mb=$(($(stat -c %s "$csv") / 1048576))

# seconds and peak RSS (kB) of a command: "SECONDS KB"
measure() {
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err" >&2; return 1; }
	cat "$tmp/time"
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }

# (a) tansiq
"$TANSIQ" init --data "$tmp/data" >/dev/null 2>&1 </dev/null || die "tansiq init failed"
read -r a_s a_kb < <(measure "$TANSIQ" import acled "$csv" --data "$tmp/data") || die "tansiq import failed"
grep -q "$N added" "$tmp/out" || { cat "$tmp/out" >&2; die "tansiq did not add $N events"; }
read -r a2_s a2_kb < <(measure "$TANSIQ" import acled "$csv" --data "$tmp/data") || die "the second import failed"
grep -q "$N unchanged" "$tmp/out" || { cat "$tmp/out" >&2; die "the second import changed something"; }
db_mb=$(($(stat -c %s "$tmp/data/tansiq.db") / 1048576))

# (b) the sqlite3 shell
read -r b_s b_kb < <(measure sqlite3 "$tmp/plain.db" ".mode csv" ".import $csv acled") || die "sqlite3 .import failed"

# (c) pandas
c_s=-; c_kb=-
if [ "$pandas" = 1 ]; then
	read -r c_s c_kb < <(measure "$PY" -c '
import sqlite3, sys, pandas as pd
df = pd.read_csv(sys.argv[1])
with sqlite3.connect(sys.argv[2]) as c:
    df.to_sql("acled", c, index=False, chunksize=50000)
' "$csv" "$tmp/pandas.db") || c_s=-
fi

# (d) the API: country-months of every country and month, the reader public
start_tansiq "$tmp/data" "$tmp/serve.log"
server=$tansiq_pid
d_cold=$(curl -fsS -o "$tmp/months.json" -w '%{time_total}' "$base/api/v1/country-months" | awk '{ printf "%.1f", $1 * 1000 }') ||
	die "GET /api/v1/country-months failed"
: >"$tmp/times"
for _ in $(seq 1 "$REQUESTS"); do
	curl -sS -o /dev/null -H 'Cache-Control: no-cache' -w '%{time_total}\n' "$base/api/v1/country-months" >>"$tmp/times"
done
read -r d_med d_p99 < <(sort -n "$tmp/times" | awk '{ v[NR] = $1 * 1000 } END { i = int(NR * 0.99); if (i < 1) i = 1; printf "%.1f %.1f", v[int((NR + 1) / 2)], v[i] }')
api_rows=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["items"]))' "$tmp/months.json")

# (e) the GROUP BY in the sqlite3 shell (the plain table: ISO numeric, month from the date)
sql='SELECT iso, substr(event_date, 1, 7) AS month, event_type, count(*), sum(fatalities) FROM acled GROUP BY 1, 2, 3;'
e_runs=""
for _ in 1 2 3 4 5; do
	s=$( { /usr/bin/time -f '%e' sqlite3 "$tmp/plain.db" "$sql" >/dev/null; } 2>&1 )
	e_runs="$e_runs $s"
done
e_med=$(echo "$e_runs" | tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 * 1000 } END { printf "%.0f", v[int((NR + 1) / 2)] }')

# (f) pandas groupby
f_ms=-
if [ "$pandas" = 1 ]; then
	f_ms=$("$PY" -c '
import sys, time, pandas as pd
df = pd.read_csv(sys.argv[1], usecols=["iso", "event_date", "event_type", "fatalities"])
df["month"] = df["event_date"].str[:7]
best = None
for _ in range(5):
    t = time.perf_counter()
    g = df.groupby(["iso", "month", "event_type"]).agg(events=("fatalities", "size"), fatalities=("fatalities", "sum"))
    t = (time.perf_counter() - t) * 1000
    best = t if best is None else min(best, t)
print("%.0f" % best)
' "$csv")
fi

a_rate=$(rate "$N" "$a_s")
echo
echo "Conflict events: $N ACLED events, $size_mb MB of CSV; tansiq's store $db_mb MB"
printf '%-58s %10s %12s %10s\n' "import" "seconds" "events/s" "peak MB"
printf '%-58s %10s %12s %10s\n' "(a) tansiq import acled (checked, mapped, aggregates)" "$a_s" "$a_rate" "$((a_kb / 1024))"
printf '%-58s %10s %12s %10s\n' "    the same file again (compared, nothing written)" "$a2_s" "$(rate "$N" "$a2_s")" "$((a2_kb / 1024))"
printf '%-58s %10s %12s %10s\n' "(b) sqlite3 .import, plain table, no checks" "$b_s" "$(rate "$N" "$b_s")" "$((b_kb / 1024))"
if [ "$c_s" != - ]; then
	printf '%-58s %10s %12s %10s\n' "(c) pandas read_csv + to_sql" "$c_s" "$(rate "$N" "$c_s")" "$((c_kb / 1024))"
else
	printf '%-58s %10s\n' "(c) pandas read_csv + to_sql" "skipped"
fi
printf '%-58s %10s\n' "country-month aggregation" "ms"
printf '%-58s %10s\n' "(d) GET /api/v1/country-months ($api_rows rows), first" "$d_cold"
printf '%-58s %10s\n' "    median of $REQUESTS requests (the server's answer cache)" "$d_med"
printf '%-58s %10s\n' "    p99 of $REQUESTS requests" "$d_p99"
printf '%-58s %10s\n' "(e) sqlite3 GROUP BY over the plain table, median of 5" "$e_med"
printf '%-58s %10s\n' "(f) pandas groupby, best of 5" "$f_ms"

status=0
awk -v r="$a_rate" -v t="$TARGET_RATE" 'BEGIN { exit !(r >= t) }' || { echo "target missed: import $a_rate events/s < $TARGET_RATE" >&2; status=1; }
[ $((a_kb / 1024)) -lt "$TARGET_RSS_MB" ] || { echo "target missed: peak RSS $((a_kb / 1024)) MB >= $TARGET_RSS_MB MB" >&2; status=1; }
awk -v m="$d_med" -v t="$TARGET_AGG_MS" 'BEGIN { exit !(m < t) }' || { echo "target missed: country-months median $d_med ms >= $TARGET_AGG_MS ms" >&2; status=1; }
exit $status
