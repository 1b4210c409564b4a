/* test_dedup.c: MinHash signatures of article bodies (lib/dedup.c): what
 * counts as the same text, what does not, and the stored forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx-private.h"

/* About 60 words of plain news prose, written for this test. */
static const char story[] =
	"The regional water board said on Tuesday that reservoir levels had "
	"fallen to their lowest point in eleven years after a dry spring, and "
	"asked farmers in the valley to cut irrigation by a fifth until the "
	"autumn rains arrive. Officials said household supplies were not at "
	"risk for now, but that restrictions on garden hoses and car washing "
	"would begin next month in the three largest towns.";

static const char other_story[] =
	"A chess club in the old library building has doubled its membership "
	"since the winter, its secretary said, helped by a televised "
	"tournament and free lessons for pupils on Saturday mornings. The club "
	"now meets four evenings a week and has asked the council for a larger "
	"room, a request that will be decided when the budget is set in March "
	"along with repairs to the roof.";

static void signature_of(const char *text, uint32_t sig[NX_DEDUP_K])
{
	int has_sig = 0;

	assert_int_equal(nx_dedup_signature(text, strlen(text), sig, &has_sig),
			 NEWSIDX_OK);
	assert_true(has_sig);
}

static void test_identical(void **state)
{
	uint32_t a[NX_DEDUP_K], b[NX_DEDUP_K];

	(void)state;
	signature_of(story, a);
	signature_of(story, b);
	assert_memory_equal(a, b, sizeof a);
	assert_true(nx_dedup_similarity(a, b) == 1.0);
}

/* Case, punctuation and spacing are not part of the words. */
static void test_case_and_punctuation(void **state)
{
	char *shouted = strdup(story), *p;
	uint32_t a[NX_DEDUP_K], b[NX_DEDUP_K];

	(void)state;
	assert_non_null(shouted);
	for (p = shouted; *p; p++) {
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
		else if (*p == ',' || *p == '.')
			*p = ' ';
	}
	signature_of(story, a);
	signature_of(shouted, b);
	assert_true(nx_dedup_similarity(a, b) == 1.0);
	free(shouted);
}

static void test_disjoint(void **state)
{
	uint32_t a[NX_DEDUP_K], b[NX_DEDUP_K];

	(void)state;
	signature_of(story, a);
	signature_of(other_story, b);
	assert_true(nx_dedup_similarity(a, b) < 0.1);
}

/* A wire copy with a sentence added at the end, one cut, and a word
 * changed, still passes the threshold. */
static void test_edited_copy(void **state)
{
	char copy[2048];
	uint32_t a[NX_DEDUP_K], b[NX_DEDUP_K];
	double sim;

	(void)state;
	snprintf(copy, sizeof copy, "%s %s", story,
		 "A spokeswoman for the board declined to say how long the "
		 "restrictions might last.");
	signature_of(story, a);
	signature_of(copy, b);
	sim = nx_dedup_similarity(a, b);
	assert_true(sim >= 0.7);
	assert_true(sim < 1.0);

	snprintf(copy, sizeof copy, "%s %s",
		 "The regional water board said on Tuesday that reservoir "
		 "levels had fallen to their lowest point in eleven years.",
		 other_story);
	signature_of(copy, b);
	/* Another story quoting the first sentence of this one is not a
	 * copy. */
	sim = nx_dedup_similarity(a, b);
	assert_true(sim > 0.05);
	assert_true(sim < NX_DEDUP_THRESHOLD);
}

static void test_too_short(void **state)
{
	uint32_t sig[NX_DEDUP_K];
	int has_sig = 1;

	(void)state;
	assert_int_equal(
		nx_dedup_signature("Shr 10 cts vs 12 cts", 20, sig, &has_sig),
		NEWSIDX_OK);
	assert_false(has_sig);
	has_sig = 1;
	assert_int_equal(nx_dedup_signature(NULL, 0, sig, &has_sig),
			 NEWSIDX_OK);
	assert_false(has_sig);
}

static void test_encode_and_bands(void **state)
{
	uint32_t a[NX_DEDUP_K], b[NX_DEDUP_K];
	unsigned char bytes[NX_DEDUP_SIG_BYTES];
	char term[NX_DEDUP_BAND_TERM], again[NX_DEDUP_BAND_TERM];

	(void)state;
	signature_of(story, a);
	nx_dedup_encode(a, bytes);
	assert_true(nx_dedup_decode((const char *)bytes, sizeof bytes, b));
	assert_memory_equal(a, b, sizeof a);
	assert_false(nx_dedup_decode((const char *)bytes, 7, b));
	nx_dedup_band_term(a, 0, term);
	assert_int_equal(strlen(term), 13);
	assert_memory_equal(term, "XMH00", 5);
	nx_dedup_band_term(a, NX_DEDUP_BANDS - 1, term);
	snprintf(again, sizeof again, "XMH%02x", NX_DEDUP_BANDS - 1);
	assert_memory_equal(term, again, 5);
	/* Bands differ from each other, and depend only on their rows. */
	nx_dedup_band_term(a, 1, again);
	assert_string_not_equal(term, again);
	b[0] ^= 1;
	nx_dedup_band_term(b, 1, term);
	assert_string_equal(term, again);
}

/* The corpus's three outlets running one wire story are copies; another
 * article on the same closure is not. */
static void signature_of_file(const char *path, uint32_t sig[NX_DEDUP_K])
{
	FILE *f = fopen(path, "rb");
	char text[16384];
	size_t n;

	assert_non_null(f);
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	signature_of(text, sig);
}

static void test_corpus_wire_copies(void **state)
{
	uint32_t dawn[NX_DEDUP_K], tribune[NX_DEDUP_K], frontier[NX_DEDUP_K],
		other[NX_DEDUP_K];

	(void)state;
	signature_of_file("corpus/wire-trade-dawn.txt", dawn);
	signature_of_file("corpus/wire-trade-tribune.txt", tribune);
	signature_of_file("corpus/wire-trade-frontier.txt", frontier);
	signature_of_file("corpus/torkham-crossing-closed.txt", other);
	assert_true(nx_dedup_similarity(dawn, tribune) >= NX_DEDUP_THRESHOLD);
	assert_true(nx_dedup_similarity(dawn, frontier) >= NX_DEDUP_THRESHOLD);
	assert_true(nx_dedup_similarity(tribune, frontier) >=
		    NX_DEDUP_THRESHOLD);
	assert_true(nx_dedup_similarity(dawn, other) < 0.1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identical),
		cmocka_unit_test(test_case_and_punctuation),
		cmocka_unit_test(test_disjoint),
		cmocka_unit_test(test_edited_copy),
		cmocka_unit_test(test_too_short),
		cmocka_unit_test(test_encode_and_bands),
		cmocka_unit_test(test_corpus_wire_copies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
