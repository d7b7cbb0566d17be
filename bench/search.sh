#!/usr/bin/env bash
# Benchmark: search over a generated corpus of 100,000 documents (issue 8: "indexing speed in
# MB/s and query latency (median and p99), beside FTS5 with its default unicode61 tokenizer on the
# same corpus, and the recall of each on a set of Arabic queries in other forms than the indexed
# words. Target: median query under 5 ms, and recall on the Arabic variant queries well above
# unicode61's").
#
# bench/search-gen.py writes the corpus (half Arabic, a quarter English, a quarter French, from
# the vocabularies of bench/search-vocab/, inflected) and the queries with the generator's truth;
# bench/search-time.c, built against libtansiq.a, then in one process: creates every document in
# a store made by `tansiq init` (ts_record_create, one transaction), fills plain FTS5 tables with
# the tansiq tokenizer and with unicode61, times ts_search() and the plain tables' queries, takes
# ts_search()'s statements apart, and measures recall and precision. See docs/bench.md.
#
#   bench/search.sh                       # 100,000 documents: some 20 minutes
#   N=10000 RUNS=5 bench/search.sh        # a quick try
#   CORPUS=/tmp/corpus bench/search.sh    # keeps the generated corpus there, and reuses it
#
# Settings (environment): N (100000 documents), SEED (1), RUNS (3 timed runs of each query, after
# one not counted), BUILD (the meson build directory: build; set up as a release build when
# missing, then brought up to date with ninja), CORPUS (a directory for the corpus, kept and
# reused), KEEP=1 keeps the temp dir (the store, the plain FTS5 databases). Reads nothing from
# /work/shared. Exit status: 0 the targets met, 1 missed, 2 could not run.

set -u

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
repo=$(cd "$here/.." && pwd)
BUILD=${BUILD:-$repo/build}
N=${N:-100000}
SEED=${SEED:-1}
RUNS=${RUNS:-3}
KEEP=${KEEP:-0}

# --- tools: install nothing, say what is missing
missing=()
command -v python3 >/dev/null 2>&1 || missing+=("python3 (Debian package: python3)")
command -v cc >/dev/null 2>&1 || missing+=("cc (Debian package: gcc)")
command -v pkg-config >/dev/null 2>&1 || missing+=("pkg-config (Debian package: pkg-config)")
command -v ninja >/dev/null 2>&1 || missing+=("ninja (Debian package: ninja-build)")
[ -f "$BUILD/build.ninja" ] || command -v meson >/dev/null 2>&1 || missing+=("meson (Debian package: meson)")
stop_if_missing

# --- the build: the binary (for tansiq init) and the library the driver links
if [ ! -f "$BUILD/build.ninja" ]; then
	echo "bench: setting up a release build in $BUILD..." >&2
	meson setup "$BUILD" "$repo" --buildtype=release >/dev/null || die "meson setup $BUILD failed"
fi
ninja -C "$BUILD" tansiq libtansiq.a >/dev/null || die "building tansiq in $BUILD failed (ninja -C $BUILD)"
TANSIQ=$BUILD/tansiq

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tansiq-search.XXXXXX") || die "cannot make a temp dir"
cleanup() {
	if [ "$KEEP" = 1 ]; then echo "bench: kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

libs="$(pkg-config --libs sqlite3 jansson libsodium libmicrohttpd 2>/dev/null) -lstemmer"
cc -O2 -I"$repo/include" "$here/search-time.c" "$BUILD/libtansiq.a" -o "$tmp/search-time" $libs -lpthread -lm \
	2>"$tmp/cc.log" || { cat "$tmp/cc.log" >&2; die "could not build bench/search-time.c"; }

# --- the corpus: generated once per N and SEED in CORPUS, or in the temp dir
corpus=${CORPUS:-$tmp/corpus}/n$N-s$SEED
if [ -f "$corpus/queries.tsv" ] && [ "$corpus/queries.tsv" -nt "$here/search-gen.py" ]; then
	echo "bench: reusing the corpus in $corpus" >&2
else
	echo "bench: generating $N documents in $corpus..." >&2
	t0=$(date +%s)
	python3 "$here/search-gen.py" "$corpus" --docs "$N" --seed "$SEED" || die "generating the corpus failed"
	echo "bench: generated in $(($(date +%s) - t0)) s" >&2
fi

# --- the store, then the driver
"$TANSIQ" init --data "$tmp/data" >"$tmp/init.log" 2>&1 </dev/null || { cat "$tmp/init.log" >&2; die "tansiq init failed"; }
echo "Machine: $(nproc) CPUs, load average before: $(cut -d' ' -f1-3 /proc/loadavg); binary $TANSIQ"
"$tmp/search-time" "$tmp/data" "$corpus" "$RUNS"
rc=$?
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg); the store: $(du -m "$tmp/data/tansiq.db" | cut -f1) MiB;" \
	"plain FTS5 databases: tansiq $(du -m "$corpus/fts-tansiq.db" | cut -f1) MiB, unicode61 $(du -m "$corpus/fts-unicode61.db" | cut -f1) MiB"
rm -f "$corpus/fts-tansiq.db" "$corpus/fts-unicode61.db"
[ "$rc" -le 1 ] || die "bench/search-time.c failed"
exit "$rc"
