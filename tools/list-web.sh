#!/bin/sh
# Lists the web application's files for embedding (meson needs them at configure time).
cd "$(dirname "$0")/.." && find web -type f ! -name '.*' | LC_ALL=C sort
