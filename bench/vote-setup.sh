#!/usr/bin/env bash
# Used by bench/votes.sh: TANSIQ DATA -> an open vote in DATA; prints its tally path last.
set -eu
tansiq=$1 data=$2
csv=$(mktemp)
"$tansiq" add meetings --set id=bench-session --set organ=cfm --set session_number=900 \
	--set "title_en=Benchmark session" --set start=2031-05-05 --set status=in_session --data "$data" >/dev/null
"$tansiq" add resolutions --set id=bench-draft --set "title_en=Benchmark draft" --set meeting=bench-session --data "$data" >/dev/null
{ echo "meeting,state"
  "$tansiq" list states --filter status=member --format csv --data "$data" | tail -n +2 | cut -d, -f1 | sed 's/^/bench-session,/'
} >"$csv"
"$tansiq" import attendance "$csv" --data "$data" >/dev/null
rm -f "$csv"
vote=$("$tansiq" vote open --meeting bench-session --resolution bench-draft --format json --data "$data" |
	sed -n 's/^ *"id": "\([0-9a-f]*\)",*$/\1/p' | head -1)
[ -n "$vote" ] || { echo "no vote opened" >&2; exit 1; }
echo "/api/v1/votes/$vote/tally"
