/* test_alias.c: acronym definitions found in text (acronym.c) and the
 * names they are compared by, with exact expectations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx-private.h"

/* The definitions found in text, joined by "|". */
static char *found(const char *text)
{
	char **pairs = NULL;
	size_t n = 0, i;
	nx_buf b = { 0 };

	assert_int_equal(nx_acronyms_find(text, &pairs, &n), NEWSIDX_OK);
	for (i = 0; i < n; i++) {
		if (i)
			nx_buf_putc(&b, '|');
		nx_buf_puts(&b, pairs[i]);
	}
	nx_acronyms_free(pairs, n);
	return nx_buf_steal(&b);
}

static void expect(const char *text, const char *want)
{
	char *got = found(text);

	assert_string_equal(got, want);
	free(got);
}

static void test_long_form_before(void **state)
{
	(void)state;
	expect("Leaders of the banned Tehreek-e-Taliban Pakistan (TTP) said",
	       "ttp:tehreek e taliban pakistan");
	expect("the Tehrik-i-Taliban Pakistan (TTP) claimed it",
	       "ttp:tehrik i taliban pakistan");
	expect("the Inter-Services Intelligence (ISI) agency",
	       "isi:inter services intelligence");
	/* Connectors are skipped, or give a letter when the acronym has
	 * one for them. */
	expect("Bank of England (BOE) and the Department of Energy (DOE)",
	       "boe:bank of england|doe:department of energy");
	expect("the Chicago Board of Trade (CBT) said",
	       "cbt:chicago board of trade");
	/* A possessive is not part of the name. */
	expect("at the Chicago Board of Trade's (CBT) wheat pit",
	       "cbt:chicago board of trade");
	/* Lower-case long forms, all in lower case. */
	expect("gross domestic product (GDP) rose",
	       "gdp:gross domestic product");
	/* The shortest run of words that spells it. */
	expect("said that the European Community (EC) would",
	       "ec:european community");
	/* Diacritics are folded in the stored name. */
	expect("talks with Türkiye Petrolleri (TP) ended",
	       "tp:turkiye petrolleri");
}

static void test_long_form_inside(void **state)
{
	(void)state;
	expect("a TTP (Tehreek-e-Taliban Pakistan) commander",
	       "ttp:tehreek e taliban pakistan");
	expect("The ECB (European Central Bank) and the ECB (European "
	       "Central Bank) again",
	       "ecb:european central bank");
}

static void test_not_definitions(void **state)
{
	(void)state;
	/* Agency tags in datelines, single words, mismatched letters. */
	expect("KABUL (AP) — Officials said", "");
	expect("ISLAMABAD, Nov 10 (Reuters) - Pakistan", "");
	expect("the group said on Monday (TTP) that", "");
	expect("Pakistan Army (TTP) denied", "");
	/* Words are not taken across punctuation. */
	expect("Tehreek-e-Taliban, Pakistan (TTP)", "");
	/* Too long, lower case, digits only, empty. */
	expect("a Big Long Acronym Nobody Writes Ever Again Zzz (BLANWEAZZZ)",
	       "");
	expect("the fund (imf) said", "");
	expect("in (1987) and (G7) and () and (", "");
	/* A long form that starts with a connector is not taken as one. */
	expect("of England (OE)", "");
	/* Mixed case long forms are not names. */
	expect("said the chief Of Staff (COS)", "");
}

static void test_normalise(void **state)
{
	char *s;

	(void)state;
	s = nx_alias_normalise("Tehreek-e-Taliban  Pakistan", 27);
	assert_string_equal(s, "tehreek e taliban pakistan");
	free(s);
	s = nx_alias_normalise(" Erdoğan's “party” ",
			       strlen(" Erdoğan's “party” "));
	assert_string_equal(s, "erdogan s party");
	free(s);
	s = nx_alias_normalise("--", 2);
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_form_before),
		cmocka_unit_test(test_long_form_inside),
		cmocka_unit_test(test_not_definitions),
		cmocka_unit_test(test_normalise),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
