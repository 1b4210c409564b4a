/* fuzz_common.h: what every fuzz target does with its input, shared by the
 * libFuzzer targets (tests/fuzz/fuzz_*.c) and the replay test
 * (tests/test_fuzz_replay.c), so that seeds and crash reproducers replay
 * through exactly the code that was fuzzed.
 *
 * The bytes become an in-memory input (gzip is detected by its magic, so
 * compressed inputs are exercised too), are read as one format until DONE
 * or IO, and every article is checked: all text valid UTF-8, titles,
 * sources and places on one line.  A broken rule is a finding, as a crash
 * is.
 */
#ifndef NX_FUZZ_COMMON_H
#define NX_FUZZ_COMMON_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx-private.h"

typedef struct nx_fuzz_target {
	const char *name;      /* the target, and its seeds directory */
	newsidx_format format; /* AUTO: detected, as for a file on disk */
	const char *input;     /* the input's name (its extension counts);
				  NULL: the bytes are article text for the
				  acronym finder (acronym.c) */
} nx_fuzz_target;

static const nx_fuzz_target nx_fuzz_targets[] = {
	{ "fuzz_text", NEWSIDX_FORMAT_TEXT, "fuzz-input.txt" },
	{ "fuzz_sgml", NEWSIDX_FORMAT_SGML, "fuzz-input.sgm" },
	{ "fuzz_jsonl", NEWSIDX_FORMAT_JSONL, "fuzz-input.jsonl" },
	{ "fuzz_html", NEWSIDX_FORMAT_HTML, "fuzz-input.html" },
	{ "fuzz_gzip", NEWSIDX_FORMAT_AUTO, "fuzz-input" },
	{ "fuzz_acronym", NEWSIDX_FORMAT_AUTO, NULL },
};

#define NX_FUZZ_N_TARGETS (sizeof nx_fuzz_targets / sizeof nx_fuzz_targets[0])

/* Whether s is NULL or valid UTF-8 (on one line when one_line). */
static inline int nx_fuzz_good(const char *s, int one_line)
{
	if (!s)
		return 1;
	if (!nx_text_valid_utf8(s, strlen(s)))
		return 0;
	return !one_line || !strpbrk(s, "\r\n");
}

static inline int nx_fuzz_good_list(const newsidx_strlist *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		if (!nx_fuzz_good(list->items[i], 1) || !list->items[i][0])
			return 0;
	return 1;
}

static inline int nx_fuzz_check(const newsidx_article *a)
{
	return nx_fuzz_good(a->id, 1) && nx_fuzz_good(a->title, 1) &&
	       nx_fuzz_good(a->body, 0) && nx_fuzz_good(a->date, 1) &&
	       nx_fuzz_good(a->source, 1) && nx_fuzz_good(a->place, 1) &&
	       nx_fuzz_good(a->url, 1) &&
	       (!a->date || !a->date[0] || strlen(a->date) == 10) &&
	       nx_fuzz_good_list(&a->authors) &&
	       nx_fuzz_good_list(&a->topics) && nx_fuzz_good_list(&a->places) &&
	       nx_fuzz_good_list(&a->people) && nx_fuzz_good_list(&a->orgs);
}

/* Find the acronym definitions in data (cleaned as a reader would): each
 * must be "acronym:long form", valid UTF-8, lower case ASCII, single
 * spaces, of bounded length.  Returns the number of bad ones. */
static inline int nx_fuzz_acronyms(const uint8_t *data, size_t size)
{
	char *text = nx_text_clean((const char *)data, size, NULL);
	char **pairs = NULL;
	size_t n = 0, i;
	int bad = 0;

	if (!text || nx_acronyms_find(text, &pairs, &n) != NEWSIDX_OK) {
		free(text);
		return 0;
	}
	for (i = 0; i < n; i++) {
		const char *p = pairs[i], *colon = strchr(p, ':');
		size_t k;

		if (!nx_fuzz_good(p, 1) || !colon || colon == p || !colon[1] ||
		    strlen(colon + 1) > NX_ALIAS_MAX_LONG || strstr(p, "  ") ||
		    colon[1] == ' ' || p[strlen(p) - 1] == ' ')
			bad++;
		for (k = 0; p[k]; k++)
			if (p[k] >= 'A' && p[k] <= 'Z')
				bad++;
	}
	nx_acronyms_free(pairs, n);
	free(text);
	return bad;
}

/* Read data as target t.  Returns the number of articles that broke the
 * rules (0 when all is well). */
static inline int nx_fuzz_run(const nx_fuzz_target *t, const uint8_t *data,
			      size_t size)
{
	static const char *const field_map[] = { "date=when", "topics=subjects",
						 NULL };
	nx_input *in;
	newsidx_reader *r;
	newsidx_article a;
	char *err = NULL;
	int bad = 0;
	long n;

	if (!t->input)
		return nx_fuzz_acronyms(data, size);
	if (nx_input_open_mem(t->input, data, size, &in) != NEWSIDX_OK)
		return 0;
	if (nx_reader_open_input(in, t->format,
				 t->format == NEWSIDX_FORMAT_JSONL ? field_map
								   : NULL,
				 &r, &err) != NEWSIDX_OK) {
		free(err);
		return 0;
	}
	memset(&a, 0, sizeof a);
	/* Every call consumes input; the cap only guards against a reader
	 * that would not. */
	for (n = 0; n < 1000000; n++) {
		newsidx_status rc = newsidx_reader_next(r, &a);

		if (rc == NEWSIDX_DONE || rc == NEWSIDX_IO ||
		    rc == NEWSIDX_NOMEM)
			break;
		if (rc == NEWSIDX_OK && !nx_fuzz_check(&a))
			bad++;
		if (!nx_fuzz_good(newsidx_reader_message(r), 0) ||
		    !nx_fuzz_good(newsidx_reader_note(r), 0))
			bad++;
		newsidx_article_clear(&a);
	}
	newsidx_reader_destroy(r);
	return bad;
}

/* The body of target name's LLVMFuzzerTestOneInput. */
static inline int nx_fuzz_one(const char *name, const uint8_t *data,
			      size_t size)
{
	size_t i;

	for (i = 0; i < NX_FUZZ_N_TARGETS; i++)
		if (!strcmp(nx_fuzz_targets[i].name, name) &&
		    nx_fuzz_run(&nx_fuzz_targets[i], data, size) != 0)
			abort();
	return 0;
}

#endif /* NX_FUZZ_COMMON_H */
