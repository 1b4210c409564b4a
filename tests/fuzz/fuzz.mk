# tests/fuzz/fuzz.mk: the libFuzzer targets, one per parser, built with
# clang, libFuzzer, ASan and UBSan.  Only the library modules the readers
# need are compiled (no Xapian).  From the repository root:
#
#   make -f tests/fuzz/fuzz.mk BUILD=build-fuzz
#   sh tests/fuzz/run.sh build-fuzz 60

BUILD ?= build-fuzz
FUZZ_CC ?= clang
PKG_CONFIG ?= pkg-config

FUZZ_PKGS = zlib json-c libutf8proc libxml-2.0
FUZZ_WARN = -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -O1 -g -fno-omit-frame-pointer \
	$(FUZZ_WARN) $(FUZZ_SAN) -Iinclude -Ilib \
	$(shell $(PKG_CONFIG) --cflags $(FUZZ_PKGS))
FUZZ_LIBS = $(shell $(PKG_CONFIG) --libs $(FUZZ_PKGS))

FUZZ_LIB_SRCS = lib/buf.c lib/input.c lib/text.c lib/date.c lib/dateline.c \
	lib/reader.c lib/reader_text.c lib/reader_sgml.c lib/reader_jsonl.c \
	lib/reader_html.c lib/acronym.c
FUZZ_LIB_OBJS = $(FUZZ_LIB_SRCS:lib/%.c=$(BUILD)/lib/%.o)
FUZZ_TARGETS = fuzz_text fuzz_sgml fuzz_jsonl fuzz_html fuzz_gzip \
	fuzz_acronym
FUZZ_BINS = $(FUZZ_TARGETS:%=$(BUILD)/%)

.PHONY: all clean
.SECONDARY: $(FUZZ_LIB_OBJS)
all: $(FUZZ_BINS)

$(BUILD)/lib/%.o: lib/%.c include/newsidx.h lib/newsidx-private.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(BUILD)/%: tests/fuzz/%.c tests/fuzz/fuzz_common.h $(FUZZ_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< \
		$(FUZZ_LIB_OBJS) $(FUZZ_LIBS)

clean:
	rm -rf $(BUILD)
