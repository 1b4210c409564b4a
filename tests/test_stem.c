/* test_stem.c: the Snowball stemmer from libstemmer as Xapian sees it.
 * A golden file (tests/data/stem-english.txt, "word stem" per line, as
 * Snowball's own voc.txt/output.txt) is checked through the Xapian
 * binding, and against Xapian's built-in Snowball as a second opinion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx-private.h"
#include "xapian-c.h"

static char *stem_of(xc_stem *stem, const char *word)
{
	char *out = NULL;

	assert_int_equal(xc_stem_apply(stem, word, &out), XC_OK);
	return out;
}

static void test_golden_english(void **state)
{
	FILE *f = fopen("tests/data/stem-english.txt", "r");
	xc_stem *ours = NULL, *builtin = NULL;
	char line[512];
	int n = 0, agree = 0;

	(void)state;
	assert_non_null(f);
	assert_int_equal(nx_stem_new("english", &ours), NEWSIDX_OK);
	assert_int_equal(xc_stem_new_builtin("english", &builtin), XC_OK);
	while (fgets(line, sizeof line, f)) {
		char *sp = strchr(line, ' '), *got, *theirs;

		line[strcspn(line, "\n")] = '\0';
		assert_non_null(sp);
		*sp = '\0';
		got = stem_of(ours, line);
		if (strcmp(got, sp + 1))
			fail_msg("stem(%s): expected %s, got %s", line, sp + 1,
				 got);
		theirs = stem_of(builtin, line);
		agree += !strcmp(got, theirs);
		free(got);
		free(theirs);
		n++;
	}
	fclose(f);
	assert_int_equal(n, 318);
	/* Both are Snowball's English (Porter2) stemmer. */
	assert_int_equal(agree, n);
	xc_stem_destroy(ours);
	xc_stem_destroy(builtin);
}

static void test_other_language(void **state)
{
	xc_stem *fr = NULL;
	char *s;

	(void)state;
	assert_int_equal(nx_stem_new("french", &fr), NEWSIDX_OK);
	s = stem_of(fr, "continuellement");
	assert_string_equal(s, "continuel");
	free(s);
	xc_stem_destroy(fr);
}

static void test_unknown_language(void **state)
{
	xc_stem *st = (xc_stem *)state;

	assert_int_equal(nx_stem_new("klingon", &st), NEWSIDX_UNKNOWN_LANG);
	assert_null(st);
	assert_int_equal(nx_stem_known("english"), 1);
	assert_int_equal(nx_stem_known("klingon"), 0);
	assert_non_null(strstr(newsidx_languages(), "english"));
	assert_non_null(strstr(newsidx_languages(), "french"));
}

static int collect(void *ctx, const char *term, size_t len, unsigned wdf)
{
	char *all = ctx;

	(void)wdf;
	strncat(all, term, len);
	strcat(all, " ");
	return 0;
}

/* The term generator stems with ours: Z-prefixed stems appear. */
static void test_termgen_uses_stemmer(void **state)
{
	xc_stem *st = NULL;
	xc_termgen *tg = NULL;
	xc_doc *doc = NULL;
	char terms[512] = "";
	const char *text = "Crossings closed";

	(void)state;
	assert_int_equal(nx_stem_new("english", &st), NEWSIDX_OK);
	assert_int_equal(xc_termgen_new(&tg), XC_OK);
	assert_int_equal(xc_doc_new(&doc), XC_OK);
	assert_int_equal(xc_termgen_set_stemmer(tg, st), XC_OK);
	assert_int_equal(xc_termgen_set_stemming_strategy(tg, XC_STEM_SOME),
			 XC_OK);
	assert_int_equal(xc_termgen_set_document(tg, doc), XC_OK);
	assert_int_equal(
		xc_termgen_index_text(tg, text, strlen(text), 1, NULL, 0),
		XC_OK);
	assert_int_equal(xc_doc_termlist(doc, collect, terms), XC_OK);
	assert_string_equal(terms, "Zclose Zcross closed crossings ");
	xc_doc_destroy(doc);
	xc_termgen_destroy(tg);
	xc_stem_destroy(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_english),
		cmocka_unit_test(test_other_language),
		cmocka_unit_test(test_unknown_language),
		cmocka_unit_test(test_termgen_uses_stemmer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
