# newsidx: GNU make build.  `make`, `make check`, `make demo`, `make install`.
#
#   make              build the library, the two programs (in build/)
#   make check        install missing packages (as root), build, run every
#                     test, then the whole suite again under ASan+UBSan, the
#                     format check and the static checker
#   make demo         build, index corpus/, run sample queries
#   make fuzz         run each libFuzzer target for FUZZ_SECONDS
#   make bench        the benchmark (not part of check)
#   make eval         the ranking evaluation (not part of check)
#   make eval-dedup   near-duplicate detection: precision and recall on a
#                     Reuters-derived test set (not part of check)
#   make install PREFIX=/usr/local DESTDIR=

PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
SAN ?=
CC ?= cc
CXX ?= c++
PKG_CONFIG ?= pkg-config
STEMMER_LIBS ?= -lstemmer
FUZZ_SECONDS ?= 60

# Debian packages the build and the tests need (see deps below).
DEB_PACKAGES = pkg-config libxapian-dev libstemmer-dev zlib1g-dev \
	libjson-c-dev libutf8proc-dev libxml2-dev libcmocka-dev xapian-tools \
	clang libclang-rt-14-dev cppcheck clang-format libsqlite3-dev \
	xapian-omega

PKGS = xapian-core zlib json-c libutf8proc libxml-2.0
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

WARN = -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral
OPT ?= -O2 -g
ifeq ($(SAN),1)
OPT = -O1 -g -fno-omit-frame-pointer
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all
endif
CPPFLAGS += -Iinclude -Ilib -D_GNU_SOURCE
CFLAGS += -std=c11 $(WARN) $(OPT) $(SANFLAGS) -fPIC -fvisibility=hidden \
	$(PKG_CFLAGS)
CXXFLAGS += -std=c++17 $(WARN) $(OPT) $(SANFLAGS) -fPIC -fvisibility=hidden \
	$(PKG_CFLAGS)
LDLIBS = $(PKG_LIBS) $(STEMMER_LIBS) -lpthread -lm
LDFLAGS += $(SANFLAGS)

LIB_C_SRCS = $(sort $(wildcard lib/*.c))
LIB_CXX_SRCS = $(sort $(wildcard lib/xapian-c/*.cc))
LIB_OBJS = $(LIB_C_SRCS:%.c=$(BUILD)/%.o) $(LIB_CXX_SRCS:%.cc=$(BUILD)/%.o)
PROGS = $(BUILD)/newsidx-index $(BUILD)/newsidx-query
TEST_SRCS = $(sort $(wildcard tests/test_*.c))
TEST_PROGS = $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%)
TOOL_SRCS = $(sort $(wildcard tests/tool_*.c))
TOOL_PROGS = $(TOOL_SRCS:tests/%.c=$(BUILD)/tests/%)
FUZZ_SRCS = $(sort $(wildcard tests/fuzz/fuzz_*.c))
# The ranking evaluation's helpers (eval/README.md), built by `make eval`.
EVAL_PROGS = $(BUILD)/eval/nx-eval-convert $(BUILD)/eval/nx-eval-run \
	$(BUILD)/eval/nx-eval-score $(BUILD)/eval/nx-eval-fts5 \
	$(BUILD)/eval/nx-eval-latency
C_SOURCES = $(wildcard include/*.h lib/*.c lib/*.h lib/xapian-c/*.cc \
	indexer/*.c query/*.c tests/*.c tests/*.h tests/fuzz/*.c bench/*.c eval/*.c)

.SECONDARY:

.PHONY: all deps check test test-san lint format format-check demo fuzz \
	fuzz-build bench eval eval-build install clean eval-dedup

all: $(PROGS) $(BUILD)/libnewsidx.so

$(BUILD)/%.o: %.c include/newsidx.h include/xapian-c.h lib/newsidx-private.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.cc include/xapian-c.h
	@mkdir -p $(dir $@)
	$(CXX) $(CPPFLAGS) $(CXXFLAGS) -c -o $@ $<

$(BUILD)/libnewsidx.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libnewsidx.so: $(LIB_OBJS)
	$(CXX) -shared -Wl,-soname,libnewsidx.so.0 $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The programs link the C++ binding, so they link with $(CXX).
$(BUILD)/newsidx-index: $(BUILD)/indexer/newsidx-index.o $(BUILD)/libnewsidx.a
	$(CXX) $(LDFLAGS) -o $@ $< $(BUILD)/libnewsidx.a $(LDLIBS)
$(BUILD)/newsidx-query: $(BUILD)/query/newsidx-query.o $(BUILD)/libnewsidx.a
	$(CXX) $(LDFLAGS) -o $@ $< $(BUILD)/libnewsidx.a $(LDLIBS)

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/libnewsidx.a
	$(CXX) $(LDFLAGS) -o $@ $< $(BUILD)/libnewsidx.a $(LDLIBS) $(CMOCKA_LIBS)

# test_metrics tests the evaluation's metric code, eval/metrics.c.
$(BUILD)/eval/metrics.o $(BUILD)/eval/score.o \
	$(BUILD)/tests/test_metrics.o: eval/metrics.h
$(BUILD)/tests/test_metrics: $(BUILD)/tests/test_metrics.o \
		$(BUILD)/eval/metrics.o $(BUILD)/libnewsidx.a
	$(CXX) $(LDFLAGS) -o $@ $< $(BUILD)/eval/metrics.o \
		$(BUILD)/libnewsidx.a $(LDLIBS) $(CMOCKA_LIBS)

$(BUILD)/eval/nx-eval-convert: $(BUILD)/eval/convert.o
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
$(BUILD)/eval/nx-eval-run: $(BUILD)/eval/run_queries.o
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
$(BUILD)/eval/nx-eval-score: $(BUILD)/eval/score.o $(BUILD)/eval/metrics.o
	$(CC) $(LDFLAGS) -o $@ $^ -lm
$(BUILD)/eval/nx-eval-fts5: $(BUILD)/eval/fts5_run.o
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lsqlite3
$(BUILD)/eval/nx-eval-latency: $(BUILD)/eval/latency.o $(BUILD)/libnewsidx.a
	$(CXX) $(LDFLAGS) -o $@ $< $(BUILD)/libnewsidx.a $(LDLIBS)
$(BUILD)/eval/nx-eval-dedup: $(BUILD)/eval/dedup.o $(BUILD)/libnewsidx.a
	$(CXX) $(LDFLAGS) -o $@ $< $(BUILD)/libnewsidx.a $(LDLIBS)

eval-build: $(PROGS) $(EVAL_PROGS)

# deps: install what is missing when root, else print the exact command.
deps:
	@sh tests/deps.sh $(DEB_PACKAGES)

test: $(PROGS) $(TEST_PROGS) $(TOOL_PROGS) $(BUILD)/eval/nx-eval-dedup
	@sh tests/run-tests.sh $(BUILD)

check: deps
	@$(MAKE) --no-print-directory all-checks

.PHONY: all-checks
all-checks:
	@$(MAKE) --no-print-directory BUILD=build test > build-test.log 2>&1; \
		st1=$$?; tail -n 1 build-test.log; \
	$(MAKE) --no-print-directory BUILD=build-san SAN=1 test \
		> build-san-test.log 2>&1; st2=$$?; tail -n 1 build-san-test.log; \
	sh tests/static-checks.sh > build-static.log 2>&1; st3=$$?; \
	tail -n 1 build-static.log; \
	sh tests/summary.sh build-test.log build-san-test.log build-static.log; \
	test $$st1 = 0 && test $$st2 = 0 && test $$st3 = 0

lint:
	@sh tests/static-checks.sh

format:
	clang-format -i $(C_SOURCES)

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tests/demo.sh $(BUILD)

fuzz-build:
	@$(MAKE) --no-print-directory -f tests/fuzz/fuzz.mk BUILD=build-fuzz

fuzz: deps
	@$(MAKE) --no-print-directory fuzz-build
	@sh tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

# The benchmark's programs (bench/*.c) link the library and SQLite.
BENCH_NAMES = mkcorpus bare_xapian fts5_index fts5_query query_newsidx \
	query_omega runstat
BENCH_PROGS = $(BENCH_NAMES:%=$(BUILD)/bench/%)
SQLITE_LIBS = $(shell $(PKG_CONFIG) --libs sqlite3 2>/dev/null || echo -lsqlite3)

$(BUILD)/bench/%.o: bench/%.c bench/benchlib.h include/newsidx.h \
		include/xapian-c.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/bench/%: $(BUILD)/bench/%.o $(BUILD)/bench/benchlib.o \
		$(BUILD)/libnewsidx.a
	$(CXX) $(LDFLAGS) -o $@ $< $(BUILD)/bench/benchlib.o \
		$(BUILD)/libnewsidx.a $(LDLIBS) $(SQLITE_LIBS)

.PHONY: bench-progs
bench-progs: $(BENCH_PROGS)

bench: deps
	@$(MAKE) --no-print-directory all bench-progs
	@sh bench/run.sh $(BUILD)
	@sh bench/shards.sh $(BUILD)

eval: deps
	@$(MAKE) --no-print-directory all eval-build
	@sh eval/run.sh $(BUILD)

# Near-duplicate detection on a Reuters-derived test set (eval/DEDUP.md).
eval-dedup: deps
	@$(MAKE) --no-print-directory all $(BUILD)/eval/nx-eval-dedup
	@sh eval/dedup.sh $(BUILD)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib \
		$(DESTDIR)$(PREFIX)/include
	install -m 755 $(PROGS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(BUILD)/libnewsidx.a $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(BUILD)/libnewsidx.so \
		$(DESTDIR)$(PREFIX)/lib/libnewsidx.so.0
	install -m 644 include/newsidx.h $(DESTDIR)$(PREFIX)/include/

clean:
	rm -rf build build-san build-fuzz build-*.log
