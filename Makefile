# kitgen: a static-site generator for interview kits.
#
#   make            build ./kitgen (installs missing libraries as root)
#   make run        build the example handbook in content/ into public/
#   make test       the whole suite, then again under ASan + UBSan
#   make fuzz       each libFuzzer target for FUZZ_SECONDS (clang)
#   make test-valgrind  the end-to-end suites under valgrind's memcheck
#   make install    PREFIX=/usr/local DESTDIR= : binary and man page
#   make clean

VERSION	 = 0.1.0
PREFIX	?= /usr/local
BINDIR	 = $(PREFIX)/bin
MANDIR	 = $(PREFIX)/share/man
BUILD	?= build
OPT	?= -O2 -g
SAN	?=
SHARED	?= $(CURDIR)/../shared
FUZZ_SECONDS ?= 60

comma	:= ,
WARN	 = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	   -Wwrite-strings
PKGS	 = md4c yaml-0.1
TPKGS	 = cmocka md4c-html
# Debian packages that provide the pkg-config modules above, and the tools
# the test suite runs.
DEBS	 = pkg-config libmd4c-dev libmd4c-html0-dev libyaml-dev libcmocka-dev \
	   python3 tzdata

# Recursive on purpose: evaluated after the deps target has run.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
ALL_CPPFLAGS = -DKITGEN_VERSION='"$(VERSION)"' -D_XOPEN_SOURCE=700 \
	   -D_DEFAULT_SOURCE -Igenerator -I$(BUILD)/gen $(CPPFLAGS)
ALL_CFLAGS = -std=c11 $(OPT) $(WARN) $(SAN) $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SAN) $(LDFLAGS)
ALL_LIBS   = $(PKG_LIBS) -lm -lpthread

SRCS	 = $(wildcard generator/*.c)
LIBOBJS	 = $(patsubst generator/%.c,$(BUILD)/obj/%.o,$(filter-out generator/main.c,$(SRCS)))
OBJS	 = $(LIBOBJS) $(BUILD)/obj/main.o $(BUILD)/obj/embedded_data.o
UNITS	 = $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))
TOOLS	 = $(patsubst tests/tools/%.c,$(BUILD)/tests/%,$(wildcard tests/tools/*.c))
# Fuzz targets: linked with tests/fuzz/driver.c as main() to replay the
# saved inputs in make test; make fuzz links libFuzzer's main instead.
FUZZERS	 = $(basename $(notdir $(wildcard tests/fuzz/fuzz_*.c)))
FUZZBINS = $(patsubst %,$(BUILD)/fuzz/%,$(FUZZERS))
FUZZ_DRIVER ?= tests/fuzz/driver.c
FUZZ_LINK ?=
EMBED	 = $(sort $(shell find templates themes -type f ! -name '.*' 2>/dev/null))

.PHONY: all deps node-deps run test check units bench install uninstall clean \
	regress-update fuzz fuzz-bins test-valgrind
.SUFFIXES:

all: kitgen

# Every library through pkg-config; a missing one is installed when we are
# root, else make stops and names the command to run.
deps: $(BUILD)/.deps-ok
$(BUILD)/.deps-ok:
	@missing=; \
	command -v pkg-config >/dev/null 2>&1 || missing=1; \
	for p in $(PKGS) $(TPKGS); do \
		pkg-config --exists $$p 2>/dev/null || missing=1; \
	done; \
	command -v python3 >/dev/null 2>&1 || missing=1; \
	[ -f /usr/share/zoneinfo/Europe/London ] || missing=1; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "kitgen: installing build dependencies: $(DEBS)"; \
			apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBS) >/dev/null || exit 1; \
		else \
			echo "kitgen: missing build dependencies; run:" >&2; \
			echo "  sudo apt-get update && sudo apt-get install -y $(DEBS)" >&2; \
			exit 1; \
		fi; \
	fi
	@mkdir -p $(BUILD) && touch $@

kitgen: $(BUILD)/kitgen
	@if [ "$(BUILD)" = build ]; then cp $(BUILD)/kitgen kitgen; fi

$(BUILD)/kitgen: $(OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $(OBJS) $(ALL_LIBS)

$(BUILD)/obj/%.o: generator/%.c $(BUILD)/.deps-ok
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The default templates and theme, compiled into the binary.
$(BUILD)/gen/embedded_data.c: generator/embed.sh $(EMBED)
	@mkdir -p $(@D)
	sh generator/embed.sh $(EMBED) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/embedded_data.o: $(BUILD)/gen/embedded_data.c $(BUILD)/.deps-ok
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/test_%: tests/test_%.c $(LIBOBJS) $(BUILD)/obj/embedded_data.o
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(shell pkg-config --cflags cmocka) \
	    $(ALL_LDFLAGS) -o $@ $< $(LIBOBJS) $(BUILD)/obj/embedded_data.o \
	    $(ALL_LIBS) $(shell pkg-config --libs cmocka md4c-html)

# The fault tests wrap these system calls to make them fail on purpose.
WRAPS	 = open write read mkdir rename link close
$(BUILD)/tests/test_faults: tests/test_faults.c $(LIBOBJS) $(BUILD)/obj/embedded_data.o
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(shell pkg-config --cflags cmocka) \
	    $(ALL_LDFLAGS) $(patsubst %,-Wl$(comma)--wrap=%,$(WRAPS)) -o $@ $< \
	    $(LIBOBJS) $(BUILD)/obj/embedded_data.o $(ALL_LIBS) \
	    $(shell pkg-config --libs cmocka)

$(BUILD)/tests/%: tests/tools/%.c $(LIBOBJS) $(BUILD)/obj/embedded_data.o
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(shell pkg-config --cflags md4c-html) \
	    $(ALL_LDFLAGS) -o $@ $< $(LIBOBJS) $(BUILD)/obj/embedded_data.o \
	    $(ALL_LIBS) $(shell pkg-config --libs md4c-html)

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(FUZZ_DRIVER) $(LIBOBJS) \
    $(BUILD)/obj/embedded_data.o
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(FUZZ_LINK) -o $@ \
	    $< $(FUZZ_DRIVER) $(LIBOBJS) $(BUILD)/obj/embedded_data.o $(ALL_LIBS)

units: $(BUILD)/kitgen $(UNITS) $(TOOLS) $(FUZZBINS) node-deps

# libFuzzer: every target for FUZZ_SECONDS each, one at a time, niced;
# crashes land in build/fuzz/crashes/, totals in build/fuzz/stats.
fuzz-bins: $(FUZZBINS)
fuzz: deps
	@if ! command -v clang >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang >/dev/null || exit 1; \
		else \
			echo "kitgen: make fuzz needs clang; run:" >&2; \
			echo "  sudo apt-get install -y clang" >&2; exit 1; \
		fi; \
	fi
	@$(MAKE) --no-print-directory fuzz-bins BUILD=build/fuzz CC=clang \
	    OPT="-O1 -g" FUZZ_DRIVER= FUZZ_LINK=-fsanitize=fuzzer \
	    SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
	@SHARED="$(SHARED)" sh tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS) $(FUZZERS)

# Node packages the suite uses (CommonMark examples, mustache.js), pinned
# in tests/package-lock.json.
node-deps: tests/node_modules/.package-lock.json
tests/node_modules/.package-lock.json: tests/package.json tests/package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null || exit 1; \
		else \
			echo "kitgen: the test suite needs npm; run:" >&2; \
			echo "  sudo apt-get install -y nodejs npm" >&2; exit 1; \
		fi; \
	fi
	cd tests && npm ci --no-audit --no-fund --silent
	@touch $@

BENCHES	 = $(patsubst tests/bench/%.c,$(BUILD)/bench/%,$(wildcard tests/bench/*.c))

$(BUILD)/bench/%: tests/bench/%.c $(LIBOBJS) $(BUILD)/obj/embedded_data.o
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(shell pkg-config --cflags md4c-html) \
	    $(ALL_LDFLAGS) -o $@ $< $(LIBOBJS) $(BUILD)/obj/embedded_data.o \
	    $(ALL_LIBS) $(shell pkg-config --libs md4c-html)

# Benchmarks: every tests/bench/bench-*.sh, in one run.
bench: kitgen $(BENCHES) node-deps
	@sh tests/bench/run.sh $(BUILD)

# The sites in a real browser (tests/browser/): every cheat-sheet and
# scorecard one page of A4 and of Letter, print.html's page breaks, no
# navigation in print, axe-core (WCAG 2.1 A, AA) and the Nu HTML Checker
# on every page, no sideways scrolling at 1280 and 390 px, screenshots.
# The example and every fixture site, or SITES="DIR...". Installs
# chromium, poppler-utils and a Java runtime when missing; writes the
# PDFs and PNGs under $(BUILD)/browser/.
.PHONY: test-browser
test-browser: kitgen node-deps
	@KITGEN=$(abspath $(BUILD))/kitgen OUT=$(BUILD)/browser sh tests/browser/run.sh $(SITES)

# One pass of the suite against the build in $(BUILD).
check: deps
	@$(MAKE) --no-print-directory units BUILD=$(BUILD) OPT="$(OPT)" SAN="$(SAN)"
	@sh tests/run.sh $(BUILD) "$(SHARED)"

test: deps
	@st=0; \
	$(MAKE) --no-print-directory check BUILD=build || st=1; \
	$(MAKE) --no-print-directory check BUILD=build/san OPT="-O1 -g" \
	    SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" || st=1; \
	sh tests/summary.sh build build/san || st=1; \
	exit $$st

# memcheck over the end-to-end suites: no error, no leak.
test-valgrind: deps
	@$(MAKE) --no-print-directory units BUILD=build/vg OPT="-O1 -g" SAN=
	@sh tests/valgrind.sh build/vg "$(SHARED)"

run: kitgen
	@./kitgen build -C . -o public
	@echo "$(CURDIR)/public/index.html"

regress-update: kitgen
	TOP=$(CURDIR) KITGEN=$(CURDIR)/kitgen sh tests/golden.sh --update $(BUILD)

install: kitgen
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 kitgen $(DESTDIR)$(BINDIR)/kitgen
	sed 's/@VERSION@/$(VERSION)/' generator/kitgen.1 > $(DESTDIR)$(MANDIR)/man1/kitgen.1
	chmod 0644 $(DESTDIR)$(MANDIR)/man1/kitgen.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/kitgen $(DESTDIR)$(MANDIR)/man1/kitgen.1

clean:
	rm -rf build kitgen public

-include $(wildcard $(BUILD)/obj/*.d)
