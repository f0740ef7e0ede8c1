# baton - build, test and install. `make deps` installs what the build and the tests need
# (Debian 12, apt-get, idempotent); `make` builds build/baton; `make test` builds a copy under
# AddressSanitizer + UndefinedBehaviorSanitizer and runs the unit and end-to-end suites.

CC      ?= cc
PKGS    := sqlite3 libpq libfyaml jansson libical libsodium libmicrohttpd libcurl
DEB_PKGS := build-essential pkg-config libsqlite3-dev sqlite3 libfyaml-dev libjansson-dev \
	libical-dev libsodium-dev libcmocka-dev libcsv-dev liblinear-dev libunistring-dev libmicrohttpd-dev libcurl4-openssl-dev curl wrk tzdata jq \
	clang valgrind
# `make format` and `make format-check` (.clang-format needs clang-format 19; Debian 12's
# plain clang-format package is 14)
DEB_PKGS += clang-format-19
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# the dashboard's browser test drives Debian's chromium; node, npm and the npm packages: tools/npm_deps.sh
DEB_PKGS += chromium
# the PostgreSQL backend (libpq) and the throwaway cluster `make test` runs the suite against
DEB_PKGS += libpq-dev postgresql postgresql-client
# the SMTP server the notification tests send email to (python3 -m aiosmtpd, issue 16)
DEB_PKGS += python3-aiosmtpd

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libcsv, liblinear and libunistring (email normalisation) ship no pkg-config file
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -llinear -lunistring
WARN    := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
INC     := -Isrc -Ibuild/gen
REL_FLAGS := -O2 -g
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIB_SRC := $(wildcard src/util/*.c src/core/*.c src/store/*.c src/io/*.c src/service/*.c src/demo/*.c src/http/*.c)
CLI_SRC := $(wildcard src/cli/*.c)
GEN_SRC := build/gen/playbook_default.c build/gen/schema_sqlite.c build/gen/schema_postgres.c build/gen/web_assets.c
# the dashboard (web/), embedded into the binary with its charting library from npm (make deps)
WEB_SRC := web/index.html web/style.css web/app.js web/icon.svg $(sort $(wildcard web/js/*.js))
WEB_LIB := web/node_modules/chart.js/dist/chart.umd.min.js
UNIT_SRC := $(wildcard tests/unit/test_*.c)
# what .clang-format lays out (files listed in .clang-format-ignore are skipped by clang-format)
FORMAT_SRC := $(sort $(wildcard src/*/*.c src/*/*.h))
CLANG_FORMAT ?= clang-format-19

REL_OBJ := $(patsubst %.c,build/rel/%.o,$(LIB_SRC) $(CLI_SRC)) $(patsubst build/gen/%.c,build/rel/gen/%.o,$(GEN_SRC))
SAN_LIB_OBJ := $(patsubst %.c,build/san/%.o,$(LIB_SRC)) $(patsubst build/gen/%.c,build/san/gen/%.o,$(GEN_SRC))
SAN_CLI_OBJ := $(patsubst %.c,build/san/%.o,$(CLI_SRC))
UNIT_BIN := $(patsubst tests/unit/%.c,build/san/tests/%,$(UNIT_SRC))

# fuzz/: libFuzzer targets (clang), over the library built with -fsanitize=fuzzer-no-link
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_LIB_OBJ := $(patsubst %.c,build/fuzz/obj/%.o,$(LIB_SRC)) $(patsubst build/gen/%.c,build/fuzz/obj/gen/%.o,$(GEN_SRC))
FUZZ_BIN := $(patsubst fuzz/%.c,build/fuzz/%,$(wildcard fuzz/fuzz_*.c))
FUZZ_TEST_BIN := $(if $(shell command -v $(FUZZ_CC) 2>/dev/null),$(FUZZ_BIN))
# build/vg/baton: no sanitizer, for valgrind (make test-valgrind)
VG_OBJ := $(patsubst %.c,build/vg/%.o,$(LIB_SRC) $(CLI_SRC)) $(patsubst build/gen/%.c,build/vg/gen/%.o,$(GEN_SRC))

.PHONY: all deps test unit e2e demo walkthrough clean format format-check lint install fuzz test-valgrind
all: build/baton

deps:
	@missing=$$(for p in $(DEB_PKGS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
		grep -q 'install ok installed' || printf '%s ' $$p; done); \
	if [ -n "$$missing" ]; then echo "make deps: installing $$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	else echo "make deps: everything is installed"; fi
	@sh tools/npm_deps.sh web tests/browser

build/gen/playbook_default.c: src/core/playbook_default.yaml tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh playbook_default_text $< > $@
# each engine's schema, written from the one schema.sql (tools/schema.sh says how)
build/gen/schema_sqlite.sql: src/store/schema/schema.sql tools/schema.sh
	@mkdir -p $(@D)
	sh tools/schema.sh sqlite $< > $@.tmp && mv $@.tmp $@
build/gen/schema_postgres.sql: src/store/schema/schema.sql tools/schema.sh
	@mkdir -p $(@D)
	sh tools/schema.sh pg $< > $@.tmp && mv $@.tmp $@
build/gen/schema_sqlite.c: build/gen/schema_sqlite.sql tools/embed.sh
	sh tools/embed.sh schema_sqlite_text $< > $@
build/gen/schema_postgres.c: build/gen/schema_postgres.sql tools/embed.sh
	sh tools/embed.sh schema_postgres_text $< > $@
web/node_modules/.baton-stamp: web/package.json web/package-lock.json
	@sh tools/npm_deps.sh web
build/gen/web_assets.c: $(WEB_SRC) web/node_modules/.baton-stamp tools/embed_web.sh
	@mkdir -p $(@D)
	sh tools/embed_web.sh $(foreach f,$(WEB_SRC),$(f:web/%=%)=$(f)) vendor/chart.js=$(WEB_LIB) > $@.tmp && mv $@.tmp $@

build/rel/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(REL_FLAGS) $(INC) $(PKG_CFLAGS) -MMD -MP -c $< -o $@
build/rel/gen/%.o: build/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(REL_FLAGS) -c $< -o $@
build/san/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(SAN_FLAGS) $(INC) $(PKG_CFLAGS) -MMD -MP -c $< -o $@
build/san/gen/%.o: build/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(SAN_FLAGS) -c $< -o $@

build/baton: $(REL_OBJ)
	$(CC) $(REL_FLAGS) -o $@ $^ $(PKG_LIBS) -lpthread -lm
build/san/baton: $(SAN_LIB_OBJ) $(SAN_CLI_OBJ)
	$(CC) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS) -lpthread -lm
build/san/tests/%: tests/unit/%.c $(SAN_LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(SAN_FLAGS) $(INC) $(PKG_CFLAGS) -o $@ $^ $(PKG_LIBS) $(shell pkg-config --libs cmocka) -lpthread -lm

build/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(INC) $(PKG_CFLAGS) -MMD -MP -c $< -o $@
build/fuzz/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(WARN) $(FUZZ_FLAGS) -c $< -o $@
build/fuzz/fuzz_%: fuzz/fuzz_%.c $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer $(INC) $(PKG_CFLAGS) -o $@ $^ $(PKG_LIBS) -lpthread -lm

build/vg/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(WARN) -O0 -g $(INC) $(PKG_CFLAGS) -MMD -MP -c $< -o $@
build/vg/gen/%.o: build/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(WARN) -O0 -g -c $< -o $@
build/vg/baton: $(VG_OBJ)
	$(CC) -O0 -g -o $@ $^ $(PKG_LIBS) -lpthread -lm

# the unit and end-to-end suites; their fuzz step (tests/e2e/test_fuzz.sh) replays the regressions
# and runs each target with a fixed seed and number of runs, so it gives the same result every time
test: build/baton build/san/baton $(UNIT_BIN) $(FUZZ_TEST_BIN)
	@sh tests/run.sh

# each fuzz target for FUZZ_SECONDS of random fuzzing on a copy of its corpus, after its regressions;
# fails on a crash (`make test` runs them deterministically instead: tests/e2e/test_fuzz.sh)
fuzz: $(FUZZ_BIN)
	@sh fuzz/run.sh $(FUZZ_SECONDS)

# the end-to-end command-line suite with build/vg/baton under valgrind memcheck
test-valgrind: build/vg/baton
	@sh tests/valgrind.sh

demo: build/baton
	@sh examples/demo.sh build/baton demo.db

# the dashboard's browser tests on the demo store, keeping their screenshots in docs/screenshots/
.PHONY: screenshots
screenshots: build/baton
	@BATON=$(CURDIR)/build/baton BATON_SCREENSHOTS=$(CURDIR)/docs/screenshots sh tests/e2e/test_dashboard.sh
	@BATON=$(CURDIR)/build/baton BATON_SCREENSHOTS=$(CURDIR)/docs/screenshots sh tests/e2e/test_manager_browser.sh

walkthrough: build/baton
	@sh examples/walkthrough.sh build/baton

install: build/baton
	install -m 755 build/baton /usr/local/bin/baton

# format rewrites the sources in place; format-check fails on any line clang-format would change
format:
	$(CLANG_FORMAT) -i $(FORMAT_SRC)
format-check:
	$(CLANG_FORMAT) --dry-run -Werror $(FORMAT_SRC)
lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr -Isrc src
	clang-tidy --quiet $(LIB_SRC) $(CLI_SRC) -- $(WARN) $(INC) $(PKG_CFLAGS)

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
