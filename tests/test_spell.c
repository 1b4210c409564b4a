/* test_spell.c: the edit distance behind spelling suggestions (spell.c),
 * and the text helpers it uses, with exact values. */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance_exact),
		cmocka_unit_test(test_distance_cutoff),
		cmocka_unit_test(test_distance_code_points),
		cmocka_unit_test(test_distance_long_words),
		cmocka_unit_test(test_text_helpers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
