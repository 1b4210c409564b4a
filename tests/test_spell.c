/* test_spell.c: the edit distance behind spelling suggestions (spell.c)
 * and the text helpers it uses, with exact values; the search flags on a
 * database of four articles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx-private.h"

static unsigned dist(const char *a, const char *b, unsigned max)
{
	return nx_spell_distance(a, strlen(a), b, strlen(b), max);
}

static void test_distance_exact(void **state)
{
	(void)state;
	assert_int_equal(dist("torkham", "torkham", 2), 0);
	assert_int_equal(dist("torkam", "torkham", 2), 1);  /* deletion */
	assert_int_equal(dist("torkham", "torkam", 2), 1);  /* insertion */
	assert_int_equal(dist("torkhem", "torkham", 2), 1); /* substitution */
	assert_int_equal(dist("tokrham", "torkham", 2), 1); /* transposition */
	assert_int_equal(dist("ab", "ba", 2), 1);
	assert_int_equal(dist("abcdef", "badcfe", 5), 3);
	assert_int_equal(dist("kitten", "sitting", 5), 3);
	assert_int_equal(dist("pakistn", "pakistan", 2), 1);
	assert_int_equal(dist("", "abc", 5), 3);
	assert_int_equal(dist("abc", "", 5), 3);
	assert_int_equal(dist("", "", 0), 0);
	/* Optimal string alignment, not unrestricted Damerau-Levenshtein:
	 * "ca" -> "ac" -> "abc" would edit the transposed pair again. */
	assert_int_equal(dist("ca", "abc", 5), 3);
}

static void test_distance_cutoff(void **state)
{
	(void)state;
	assert_int_equal(dist("kitten", "sitting", 2), 3);
	assert_int_equal(dist("kitten", "sitting", 1), 2);
	assert_int_equal(dist("trade", "trades", 0), 1);
	assert_int_equal(dist("a", "abcd", 2), 3); /* length alone */
	assert_int_equal(dist("torkam", "tokai", 2), 2);
}

static void test_distance_code_points(void **state)
{
	(void)state;
	/* One code point of two bytes is one edit, not two. */
	assert_int_equal(dist("erdoğan", "erdogan", 2), 1);
	assert_int_equal(dist("türkiye", "turkiye", 2), 1);
	assert_int_equal(dist("κάβουλ", "καβουλ", 2), 1);
	assert_int_equal(dist("ğ", "g", 2), 1);
}

static void test_distance_long_words(void **state)
{
	char a[NX_SPELL_MAX_LEN + 2], b[NX_SPELL_MAX_LEN + 2];

	(void)state;
	memset(a, 'a', NX_SPELL_MAX_LEN);
	a[NX_SPELL_MAX_LEN] = '\0';
	memcpy(b, a, sizeof a);
	assert_int_equal(dist(a, b, 2), 0); /* the longest word measured */
	b[0] = 'b';
	assert_int_equal(dist(a, b, 2), 1);
	a[NX_SPELL_MAX_LEN] = 'a';
	a[NX_SPELL_MAX_LEN + 1] = '\0';
	assert_int_equal(dist(a, a, 2), 3); /* too long: out of reach */
}

static void test_text_helpers(void **state)
{
	int32_t cps[4];
	char *lower;
	size_t n;

	(void)state;
	lower = nx_text_lower("TORKHAM Ğ Κ", strlen("TORKHAM Ğ Κ"));
	assert_string_equal(lower, "torkham ğ κ");
	free(lower);
	assert_int_equal(nx_text_decode("ağb", strlen("ağb"), cps, 4), 3);
	assert_int_equal(cps[1], 0x011F);
	assert_int_equal(nx_text_decode("abcde", 5, cps, 4), 5);
	assert_int_equal(nx_text_char_class("ğx", 3, &n), 'L');
	assert_int_equal(n, 2);
	assert_int_equal(nx_text_char_class("7", 1, &n), 'N');
	assert_int_equal(nx_text_char_class(":", 1, &n), 0);
	assert_int_equal(nx_text_char_class("\xE2\x80\x94", 3, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(nx_text_char_class("\xFF", 1, &n), 0);
	assert_int_equal(n, 1);
}

/* A database of four articles: Torkham in three, Torkam in one. */
static char tmp_dir[] = "/tmp/newsidx-test-spell.XXXXXX";

static newsidx_db *spell_db(void)
{
	static const char *const bodies[] = {
		"Trucks wait at the Torkham crossing.",
		"Torkham stays shut for a fourth week.",
		"Traders at Torkham count their losses.",
		"A doctor asks to open Torkam for the sick.",
	};
	char *path;
	newsidx_db *db = NULL;
	size_t i;

	assert_non_null(mkdtemp(tmp_dir));
	path = nx_asprintf("%s/db", tmp_dir);
	assert_int_equal(
		newsidx_db_open(path, NEWSIDX_DB_WRITE, "english", &db, NULL),
		NEWSIDX_OK);
	for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		newsidx_article a;

		memset(&a, 0, sizeof a);
		a.id = nx_asprintf("a%zu", i);
		a.title = nx_strdup("Letter");
		a.body = nx_strdup(bodies[i]);
		assert_int_equal(newsidx_db_add_article(db, &a), NEWSIDX_OK);
		newsidx_article_clear(&a);
	}
	assert_int_equal(newsidx_db_close(db), NEWSIDX_OK);
	newsidx_db_destroy(db);
	assert_int_equal(
		newsidx_db_open(path, NEWSIDX_DB_READ, NULL, &db, NULL),
		NEWSIDX_OK);
	free(path);
	return db;
}

static void search(newsidx_db *db, const char *query, unsigned flags,
		   const char *suggestion, int corrected, unsigned total)
{
	newsidx_search_opts opts;
	newsidx_results *res = NULL;

	newsidx_search_opts_init(&opts);
	opts.query = query;
	opts.flags = flags | NEWSIDX_SEARCH_EXACT_COUNT;
	assert_int_equal(newsidx_search_run(db, &opts, &res), NEWSIDX_OK);
	assert_string_equal(newsidx_results_suggestion(res), suggestion);
	assert_int_equal(newsidx_results_corrected(res), corrected);
	assert_int_equal(newsidx_results_total(res), total);
	newsidx_results_destroy(res);
}

static void test_search_flags(void **state)
{
	newsidx_db *db = spell_db();

	(void)state;
	/* The library suggests only when asked. */
	search(db, "Torkam", 0, "", 0, 1);
	search(db, "Torkam", NEWSIDX_SEARCH_SUGGEST, "torkham", 0, 1);
	search(db, "Torkam", NEWSIDX_SEARCH_CORRECT, "torkham", 1, 3);
	search(db, "Torkam", NEWSIDX_SEARCH_CORRECT | NEWSIDX_SEARCH_SUGGEST,
	       "torkham", 1, 3);
	search(db, "Torkham", NEWSIDX_SEARCH_CORRECT, "", 0, 3);
	search(db, "Torkam OR doctor", NEWSIDX_SEARCH_SUGGEST,
	       "torkham OR doctor", 0, 1);
	search(db, "Torkam AND doctor", NEWSIDX_SEARCH_CORRECT, "", 0, 1);
	search(db, "Torkam", NEWSIDX_SEARCH_SUGGEST | NEWSIDX_SEARCH_FREE_TEXT,
	       "", 0, 1);
	search(db, "", NEWSIDX_SEARCH_SUGGEST, "", 0, 4);
	newsidx_db_destroy(db);
	nx_fs_remove_tree(tmp_dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance_exact),
		cmocka_unit_test(test_distance_cutoff),
		cmocka_unit_test(test_distance_code_points),
		cmocka_unit_test(test_distance_long_words),
		cmocka_unit_test(test_text_helpers),
		cmocka_unit_test(test_search_flags),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
