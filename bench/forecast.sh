#!/usr/bin/env bash
# Benchmark: the risk forecast on a synthetic world of 200 countries x 30 years of months
# (bench/forecast.sql writes the country-month aggregates straight into a store made by tansiq
# init: 72,000 rows). Times tansiq forecast fit, the forecast of every country for 6 horizons
# through the API (GET /api/v1/forecast: cold, the first answer after a fit, and warm, from the
# response cache) and in the library alone (bench/forecast-time.c), and the rolling-origin
# backtest; then the same model in Python (bench/forecast-py.py: statsmodels' GLM when
# python3-statsmodels is installed, else numpy's own IRLS), and checks that both give the same
# probabilities.
#
#   bench/forecast.sh                       # uses build/tansiq; a minute or two
#
# Settings (environment): TANSIQ, TANSIQ_PORT (18083), COUNTRIES (200), MONTHS (360), ORIGINS
# (24, the backtest's), RUNS (20 warm requests and library calls), COLD_RUNS (5), PYTHON=0 skips
# Python, KEEP=1 keeps the temp dir. Exit status: 0 the target met (every country's forecast
# under 1 s, cold through the API and in the library), 1 missed, 2 could not run. See
# docs/bench.md.

set -u

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
repo=$(cd "$here/.." && pwd)
TANSIQ=${TANSIQ:-$repo/build/tansiq}
TANSIQ_PORT=${TANSIQ_PORT:-18083}
COUNTRIES=${COUNTRIES:-200}
MONTHS=${MONTHS:-360}
ORIGINS=${ORIGINS:-24}
RUNS=${RUNS:-20}
COLD_RUNS=${COLD_RUNS:-5}
PYTHON=${PYTHON:-1}
KEEP=${KEEP:-0}
TARGET_MS=1000

# --- tools: install nothing, say what is missing
missing=()
command -v curl >/dev/null 2>&1 || missing+=("curl (Debian package: curl)")
command -v sqlite3 >/dev/null 2>&1 || missing+=("sqlite3, the shell (Debian package: sqlite3)")
stop_if_missing
[ -x "$TANSIQ" ] || die "tansiq binary not found at $TANSIQ (run make, or set TANSIQ=...)"
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_busy "$TANSIQ_PORT" && die "port $TANSIQ_PORT is already in use (set TANSIQ_PORT=...)"
# Python: the first of python3 and Debian's own /usr/bin/python3 (when python3 is another
# installation, e.g. pyenv's) that has numpy; statsmodels if that one has it too
py_note=""
py=""
if [ "$PYTHON" = 1 ]; then
	for p in python3 /usr/bin/python3; do
		if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import numpy' 2>/dev/null; then py=$p; break; fi
	done
	if [ -z "$py" ]; then
		py_note="Python skipped: numpy is missing (Debian packages: python3-numpy, and python3-statsmodels for statsmodels)"
		PYTHON=0
	fi
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tansiq-forecast.XXXXXX") || die "cannot make a temp dir"
tansiq_pid=""
cleanup() {
	stop_pids $tansiq_pid
	if [ "$KEEP" = 1 ]; then echo "bench: kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { date +%s%3N; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR) printf "%.1f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
timed() { # COMMAND... -> ms on stdout, the command's output in $tmp/out, fails with it
	local t0 t1
	t0=$(now_ms)
	"$@" >"$tmp/out" 2>"$tmp/err" </dev/null || { cat "$tmp/err" >&2; return 1; }
	t1=$(now_ms)
	echo $((t1 - t0))
}

# --- the data
data=$tmp/data
"$TANSIQ" init --data "$data" >"$tmp/init.log" 2>&1 </dev/null || { cat "$tmp/init.log" >&2; die "tansiq init failed"; }
user=$(awk '/^ *username:/ { print $2; exit }' "$tmp/init.log")
pass=$(awk '/^ *password:/ { print $2; exit }' "$tmp/init.log")
[ -n "$user" ] && [ -n "$pass" ] || die "tansiq init did not print the administrator's credentials"
echo "bench: $COUNTRIES countries x $MONTHS months of aggregates (bench/forecast.sql)..." >&2
t0=$(now_ms)
sqlite3 "$data/tansiq.db" -cmd ".parameter set :countries $COUNTRIES" -cmd ".parameter set :months $MONTHS" \
	<"$here/forecast.sql" >"$tmp/gen.log" 2>&1 || { cat "$tmp/gen.log" >&2; die "bench/forecast.sql failed"; }
gen_ms=$(($(now_ms) - t0))
rows=$(sqlite3 -readonly "$data/tansiq.db" 'SELECT count(*) FROM event_country_months')
share=$(sqlite3 -readonly "$data/tansiq.db" 'SELECT printf("%.1f", 100.0 * avg(fatalities >= 25)) FROM event_country_months')

# --- the CLI: fit (median of 3), backtest (once)
echo "bench: tansiq forecast fit (3 times)..." >&2
fit=()
for i in 1 2 3; do fit+=("$(timed "$TANSIQ" forecast fit --data "$data")") || die "tansiq forecast fit failed"; done
echo "bench: tansiq forecast backtest --origins $ORIGINS..." >&2
bt_ms=$(timed "$TANSIQ" forecast backtest --origins "$ORIGINS" --data "$data") || die "tansiq forecast backtest failed"
cp "$tmp/out" "$tmp/backtest.txt"
"$TANSIQ" forecast backtest --origins "$ORIGINS" --format json --data "$data" >"$tmp/backtest.json" </dev/null

# --- the library alone (bench/forecast-time.c), when it can be built
lib_line=""
libdir=$(dirname "$TANSIQ")
if command -v cc >/dev/null 2>&1 && command -v pkg-config >/dev/null 2>&1 && [ -f "$libdir/libtansiq.a" ]; then
	if cc -O2 -I"$repo/include" "$here/forecast-time.c" "$libdir/libtansiq.a" -o "$tmp/forecast-time" \
		$(pkg-config --libs sqlite3 jansson libsodium) -lm 2>"$tmp/cc.log"; then
		"$tmp/forecast-time" "$data" "$RUNS" >"$tmp/lib.txt" 2>&1 || { cat "$tmp/lib.txt" >&2; die "forecast-time failed"; }
		lib_line=$(awk '/^ts_forecast,/ { print $(NF - 1) }' "$tmp/lib.txt")
		lib_series=$(awk '/^ts_series_load/ { print $(NF - 1) }' "$tmp/lib.txt")
	else
		echo "bench: could not build bench/forecast-time.c (library timing skipped):" >&2
		cat "$tmp/cc.log" >&2
	fi
else
	echo "bench: no cc, pkg-config or $libdir/libtansiq.a: library timing skipped" >&2
fi

# --- the API
start_tansiq "$data" "$tmp/tansiq.log"
req_ms() { # METHOD PATH OUTFILE [curl args] -> ms; fails unless 200
	local r m=$1 p=$2 o=$3
	shift 3
	r=$(curl -sS -X "$m" -o "$o" -w '%{http_code} %{time_total}' "$@" "$base$p") || return 1
	[ "${r%% *}" = 200 ] || { echo "bench: $m $p answered ${r%% *}: $(head -c 300 "$o")" >&2; return 1; }
	awk -v t="${r#* }" 'BEGIN { printf "%.1f", t * 1000 }'
}
echo "bench: GET /api/v1/forecast, cold (after a fit through the API) x $COLD_RUNS, warm x $RUNS..." >&2
cold=() apifit=() warm=()
for ((i = 0; i < COLD_RUNS; i++)); do
	apifit+=("$(req_ms POST /api/v1/forecast/fit /dev/null -u "$user:$pass")") || die "POST /api/v1/forecast/fit failed"
	cold+=("$(req_ms GET /api/v1/forecast "$tmp/forecast.json")") || die "GET /api/v1/forecast failed"
done
for ((i = 0; i < RUNS; i++)); do warm+=("$(req_ms GET /api/v1/forecast /dev/null)") || die "GET /api/v1/forecast failed"; done
items=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["items"]))' "$tmp/forecast.json" 2>/dev/null || echo "?")
bytes=$(wc -c <"$tmp/forecast.json")

# --- Python
py_json=""
if [ "$PYTHON" = 1 ]; then
	echo "bench: the same model in Python (bench/forecast-py.py, with the backtest: a minute or so)..." >&2
	"$py" "$here/forecast-py.py" "$data/tansiq.db" --backtest "$ORIGINS" >"$tmp/py.json" 2>"$tmp/py.log" ||
		{ cat "$tmp/py.log" >&2; die "bench/forecast-py.py failed"; }
	py_json=$tmp/py.json
fi

# --- report
cpu=$(awk -F: '/^model name/ { gsub(/^ +/, "", $2); print $2; exit }' /proc/cpuinfo)
echo
echo "== the risk forecast: $COUNTRIES countries x $MONTHS months ($rows aggregate rows, $share% conflict months; generated in $gen_ms ms)"
echo "   $(nproc) cores, $cpu"
echo
printf '%-52s %12s\n' "Tansiq (milliseconds, wall clock)" "median"
printf '%-52s %12s\n' "tansiq forecast fit (6 horizons x 2 models, stored)" "$(median "${fit[@]}")"
printf '%-52s %12s\n' "POST /api/v1/forecast/fit" "$(median "${apifit[@]}")"
printf '%-52s %12s\n' "GET /api/v1/forecast, cold (first after a fit)" "$(median "${cold[@]}")"
printf '%-52s %12s\n' "GET /api/v1/forecast, warm (response cache)" "$(median "${warm[@]}")"
[ -n "$lib_line" ] && printf '%-52s %12s\n' "ts_forecast in the library (JSON included)" "$lib_line"
[ -n "$lib_line" ] && printf '%-52s %12s\n' "  of which ts_series_load (the SQL)" "$lib_series"
printf '%-52s %12s\n' "tansiq forecast backtest --origins $ORIGINS ($((ORIGINS * 6)) fits)" "$bt_ms"
echo "   the forecast: $items countries x 6 horizons, $bytes bytes of JSON"
echo
if [ -n "$py_json" ]; then
	"$py" - "$py_json" "$tmp/forecast.json" "$tmp/backtest.json" "$ORIGINS" <<'EOF'
import json, sys
py = json.load(open(sys.argv[1]))
ts = json.load(open(sys.argv[2]))
bt = json.load(open(sys.argv[3]))
ms = py["ms"]
print(f"{'Python: ' + py['library'] + ' (milliseconds)':52} {'':>12}")
print(f"{'reading the series (sqlite3 module, GROUP BY)':52} {ms['load']:12.1f}")
print(f"{'features (numpy, vectorised)':52} {ms['features']:12.1f}")
print(f"{'fit, 6 horizons x 2 models':52} {ms['fit']:12.1f}")
print(f"{'forecast every country, 6 horizons':52} {ms['forecast']:12.1f}")
if "backtest" in ms:
    print(f"{'backtest, ' + str(6 * int(sys.argv[4])) + ' fits':52} {ms['backtest']:12.1f}")
p = {i["country"]: i["horizons"][0]["p"] for i in ts["items"]}
diff = max(abs(p[c] - py["p1"][c]) for c in p)
print(f"\nthe same probabilities? p at h=1, largest difference over {len(p)} countries: {diff:.4f}"
      " (Tansiq rounds p to 4 decimals and its fit has an L2 penalty of 1 on standardised slopes)")
if "backtest" in py:
    d = max(abs(a["model"]["auc"] - b["auc"]) for a, b in zip(bt["horizons"], py["backtest"]))
    print(f"the same backtest? the model's AUC, largest difference over the 6 horizons: {d:.4f}")
EOF
	echo
else
	echo "${py_note:-Python skipped (PYTHON=0)}"
	echo
fi
echo "backtest (tansiq forecast backtest --origins $ORIGINS):"
sed 's/^/   /' "$tmp/backtest.txt"
echo

status=0
c=$(median "${cold[@]}")
if awk -v c="$c" -v l="${lib_line:-0}" -v t="$TARGET_MS" 'BEGIN { exit !(c < t && l < t) }'; then
	echo "target met: every country's forecast for 6 horizons under $TARGET_MS ms (API cold $c ms${lib_line:+, library $lib_line ms})"
else
	echo "target MISSED: every country's forecast for 6 horizons under $TARGET_MS ms (API cold $c ms${lib_line:+, library $lib_line ms})"
	status=1
fi
exit $status
