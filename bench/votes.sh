#!/usr/bin/env bash
# Benchmark: the live tally of an open vote (GET /api/v1/votes/{id}/tally), what the room's
# screens and every delegate's browser poll every 2 seconds, against nginx serving the same bytes
# as a file. The vote: the default data, a session of the CFM in progress with the 56 member
# states in good standing present, a draft put to the vote. Same settings and targets as
# bench/states.sh (which this runs); see docs/bench.md.
here=$(cd "$(dirname "$0")" && pwd)
BENCH_SETUP="$here/vote-setup.sh" exec "$here/states.sh" "$@"
