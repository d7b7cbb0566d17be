# The front door. `make run` and `make check` are the README's two commands.
BUILD   ?= build
PORT    ?= 8080
DATA    ?= ./var
DEPS     = meson ninja-build pkg-config gcc libsqlite3-dev libmicrohttpd-dev libjansson-dev \
           libsodium-dev libcmocka-dev libstemmer-dev poppler-utils
TESTDEPS = node:nodejs npm:npm chromium clang sqlite3 wrk curl openssl xmllint:libxml2-utils

.PHONY: all run check sanitize fuzz bench deps test-deps clean man

all: $(BUILD)/build.ninja
	@ninja -C $(BUILD) | grep -v '^ninja: no work' || true
	@test -x $(BUILD)/tansiq

# Configure again when the list of web files changes (they are embedded in the binary).
$(BUILD)/build.ninja: meson.build $(shell tools/list-web.sh 2>/dev/null) | deps
	@if [ -f $(BUILD)/build.ninja ]; then meson setup --reconfigure $(BUILD) >/dev/null; \
	 else meson setup $(BUILD) >/dev/null; fi
	@touch $@

deps:
	@tools/deps.sh $(DEPS)

test-deps: deps
	@tools/deps.sh $(TESTDEPS)
	@test -d node_modules/playwright-core || npm ci --no-audit --no-fund

run: all
	@if [ ! -f $(DATA)/tansiq.db ]; then $(BUILD)/tansiq init --data $(DATA) && \
	   $(BUILD)/tansiq import ucdp-acd data/ucdp-prio-acd-23.1.csv --data $(DATA); fi
	@echo "Open http://127.0.0.1:$(PORT)/ (Ctrl-C stops the server)"
	@$(BUILD)/tansiq serve --data $(DATA) --listen 127.0.0.1:$(PORT)

check: all test-deps
	@tools/check.sh $(BUILD)

sanitize: deps
	@if [ ! -f build-san/build.ninja ]; then meson setup build-san -Db_sanitize=address,undefined \
	   -Db_lundef=false -Dbuildtype=debug >/dev/null; else meson setup --reconfigure build-san >/dev/null; fi
	@ninja -C build-san | grep -v '^ninja: no work' || true
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	   CHECK_FUZZ=0 CHECK_LOAD=0 tools/check.sh build-san

fuzz: all
	@tools/fuzz.sh

bench: all
	@bench/states.sh
	@bench/votes.sh
	@bench/gap.sh
	@bench/events.sh
	@bench/forecast.sh
	@bench/matching.sh
	@bench/search.sh

man: all
	@$(BUILD)/tansiq help --man > docs/tansiq.1

clean:
	rm -rf $(BUILD) build-san build-fuzz
