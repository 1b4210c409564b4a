/* test_corpora.c: the readers on the real collections beside the checkout
 * (../shared/corpora, see its README.md): all of Reuters-21578 and all of
 * the BBC News dataset.  Skipped, with a one-line reason, when the folder
 * is absent, as in a fresh clone.  Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "newsidx-private.h"

#define CORPORA	  "../shared/corpora"
#define N_REUTERS 21578
#define N_BBC	  2225

static int have_corpora(void)
{
	struct stat st;

	if (stat(CORPORA, &st) == 0 && S_ISDIR(st.st_mode))
		return 1;
	print_message("# " CORPORA " is absent: real-corpus tests skipped\n");
	return 0;
}

static void glob_files(const char *pattern, glob_t *g)
{
	memset(g, 0, sizeof *g);
	if (glob(pattern, 0, NULL, g) != 0)
		fail_msg("no files match %s", pattern);
}

/* The decompressed text of a .gz file, with plain zlib: independent of the
 * reader under test.  free() the result. */
static char *gunzip_file(const char *path)
{
	gzFile f = gzopen(path, "rb");
	nx_buf b = { 0 };
	char chunk[65536];
	int n;

	assert_non_null(f);
	while ((n = gzread(f, chunk, sizeof chunk)) > 0)
		assert_int_equal(nx_buf_append(&b, chunk, (size_t)n),
				 NEWSIDX_OK);
	assert_int_equal(n, 0);
	gzclose(f);
	return nx_buf_steal(&b);
}

/* <TOPICS> elements that list cocoa, by plain string search. */
static long count_cocoa_raw(const char *text)
{
	const char *p = text;
	long n = 0;

	while ((p = strstr(p, "<TOPICS>")) != NULL) {
		const char *end = strstr(p, "</TOPICS>");
		const char *cocoa = strstr(p, "<D>cocoa</D>");

		assert_non_null(end);
		if (cocoa && cocoa < end)
			n++;
		p = end;
	}
	return n;
}

static int has_item(const newsidx_strlist *list, const char *s)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		if (!strcmp(list->items[i], s))
			return 1;
	return 0;
}

static void test_reuters(void **state)
{
	glob_t g;
	unsigned char *seen;
	long n_articles = 0, n_cocoa = 0, n_cocoa_raw = 0;
	int saw_first = 0;
	size_t f;

	(void)state;
	if (!have_corpora())
		skip();
	glob_files(CORPORA "/reuters21578/reut2-*.sgm.gz", &g);
	assert_int_equal(g.gl_pathc, 22);
	seen = calloc(N_REUTERS + 1, 1);
	assert_non_null(seen);
	for (f = 0; f < g.gl_pathc; f++) {
		newsidx_reader *r;
		newsidx_article a = { 0 };
		newsidx_status rc;
		char *err = NULL, *raw;

		assert_int_equal(newsidx_reader_open(g.gl_pathv[f],
						     NEWSIDX_FORMAT_AUTO, NULL,
						     &r, &err),
				 NEWSIDX_OK);
		assert_int_equal(newsidx_reader_format(r), NEWSIDX_FORMAT_SGML);
		while ((rc = newsidx_reader_next(r, &a)) == NEWSIDX_OK) {
			char *end;
			long id;

			assert_true(!strncmp(a.id, "reuters:", 8));
			id = strtol(a.id + 8, &end, 10);
			assert_true(*end == '\0' && id >= 1 && id <= N_REUTERS);
			assert_int_equal(seen[id], 0);
			seen[id] = 1;
			n_articles++;
			assert_true(nx_text_valid_utf8(a.body, strlen(a.body)));
			assert_string_equal(a.source, "Reuters");
			if (has_item(&a.topics, "cocoa"))
				n_cocoa++;
			if (id == 1) {
				saw_first = 1;
				assert_string_equal(a.date, "1987-02-26");
				assert_string_equal(a.title,
						    "BAHIA COCOA REVIEW");
				assert_string_equal(a.place, "SALVADOR");
				assert_true(has_item(&a.places, "el-salvador"));
				assert_true(has_item(&a.topics, "cocoa"));
				assert_true(!strncmp(a.body,
						     "Showers continued", 17));
			}
			if (id == 17980)
				assert_non_null(strstr(newsidx_reader_note(r),
						       "invalid UTF-8"));
		}
		if (rc != NEWSIDX_DONE)
			fail_msg("%s", newsidx_reader_message(r));
		newsidx_reader_destroy(r);

		raw = gunzip_file(g.gl_pathv[f]);
		n_cocoa_raw += count_cocoa_raw(raw);
		free(raw);
	}
	print_message("# Reuters: %ld articles, %ld on cocoa\n", n_articles,
		      n_cocoa);
	assert_int_equal(n_articles, N_REUTERS);
	assert_int_equal(saw_first, 1);
	assert_true(n_cocoa_raw > 0);
	assert_int_equal(n_cocoa, n_cocoa_raw);
	free(seen);
	globfree(&g);
}

static void test_bbc(void **state)
{
	glob_t g;
	size_t f;
	int saw_199 = 0;

	(void)state;
	if (!have_corpora())
		skip();
	glob_files(CORPORA "/bbc/*/*.txt", &g);
	assert_int_equal(g.gl_pathc, N_BBC);
	for (f = 0; f < g.gl_pathc; f++) {
		newsidx_reader *r;
		newsidx_article a = { 0 };
		char *err = NULL;
		const char *path = g.gl_pathv[f];

		assert_int_equal(newsidx_reader_open(path, NEWSIDX_FORMAT_TEXT,
						     NULL, &r, &err),
				 NEWSIDX_OK);
		if (newsidx_reader_next(r, &a) != NEWSIDX_OK)
			fail_msg("%s", newsidx_reader_message(r));
		assert_false(nx_str_empty(a.title));
		assert_false(nx_str_empty(a.body));
		assert_true(nx_text_valid_utf8(a.body, strlen(a.body)));
		if (strstr(path, "/sport/199.txt")) {
			saw_199 = 1;
			assert_non_null(
				strstr(newsidx_reader_note(r), "transcoded"));
			assert_true(strstr(a.title, "\xC2\xA3") ||
				    strstr(a.body, "\xC2\xA3"));
		}
		assert_int_equal(newsidx_reader_next(r, &a), NEWSIDX_DONE);
		newsidx_reader_destroy(r);
	}
	assert_int_equal(saw_199, 1);
	globfree(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reuters),
		cmocka_unit_test(test_bbc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
