/* test_text.c: dates, datelines, text hygiene and the plain-text article
 * parser, with exact expectations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx-private.h"

static void expect_date(const char *s, int epoch, const char *iso)
{
	char out[11];
	int ok = nx_date_parse(s, epoch, out);

	if (iso) {
		assert_int_equal(ok, 1);
		assert_string_equal(out, iso);
	} else {
		assert_int_equal(ok, 0);
		assert_string_equal(out, "");
	}
}

static void test_date_shapes(void **state)
{
	(void)state;
	expect_date("2025-11-09", 0, "2025-11-09");
	expect_date("2025-11-09T10:30:00Z", 0, "2025-11-09");
	expect_date("2025-11-09T10:30:00+05:00", 0, "2025-11-09");
	expect_date("2025/1/9", 0, "2025-01-09");
	expect_date("20251109", 0, "2025-11-09");
	expect_date("November 9, 2025", 0, "2025-11-09");
	expect_date("Nov. 9 2025", 0, "2025-11-09");
	expect_date("Sept 30, 2025", 0, "2025-09-30");
	expect_date("9 November 2025", 0, "2025-11-09");
	expect_date("Sun, 09 Nov 2025 10:00:00 +0000", 0, "2025-11-09");
	expect_date("26-FEB-1987 15:01:01.79", 0, "1987-02-26");
	expect_date("1762646400", 1, "2025-11-09");
	expect_date("1762646400000", 1, "2025-11-09");
}

static void test_date_rejects(void **state)
{
	(void)state;
	expect_date("1762646400", 0, NULL); /* epoch only when allowed */
	expect_date("2025-11-31", 0, NULL);
	expect_date("2025-02-29", 0, NULL);
	expect_date("2024-02-29", 0, "2024-02-29");
	expect_date("31 November 2025", 0, NULL);
	expect_date("Nov 10", 0, NULL); /* no year: no date */
	expect_date("yesterday", 0, NULL);
	expect_date("", 0, NULL);
	expect_date("2025-13-01", 0, NULL);
	expect_date("Mayday 9, 2025", 0, NULL);
}

static void expect_dateline(const char *line, int year_hint, const char *source,
			    const char *place, const char *date,
			    const char *rest)
{
	nx_dateline d;

	assert_int_equal(nx_dateline_parse(line, year_hint, &d), 1);
	assert_string_equal(d.source, source);
	assert_string_equal(d.place, place);
	assert_string_equal(d.date, date);
	assert_string_equal(line + d.consumed, rest);
}

static void test_dateline_shapes(void **state)
{
	(void)state;
	expect_dateline("Example.com | Istanbul, Turkey | November 9, 2025 "
			"\xE2\x80\x94 The talks collapsed.",
			0, "Example.com", "Istanbul, Turkey", "2025-11-09",
			"The talks collapsed.");
	/* No space after the dash, as in real copy. */
	expect_dateline("TheInterviewTimes.com | Istanbul, Turkey | November "
			"9, 2025 \xE2\x80\x94The latest talks",
			0, "TheInterviewTimes.com", "Istanbul, Turkey",
			"2025-11-09", "The latest talks");
	expect_dateline("Dawn | 2025-11-10 - Prices rose.", 0, "Dawn", "",
			"2025-11-10", "Prices rose.");
	expect_dateline("ISLAMABAD, Nov 10 (Reuters) - Pakistan said", 0,
			"Reuters", "ISLAMABAD", "", "Pakistan said");
	expect_dateline("ISLAMABAD, Nov 10 (Reuters) - Pakistan said", 2025,
			"Reuters", "ISLAMABAD", "2025-11-10", "Pakistan said");
	expect_dateline("NEW DELHI, Sept. 3, 2025 (AP) \xE2\x80\x94 India", 0,
			"AP", "NEW DELHI", "2025-09-03", "India");
	expect_dateline("KABUL (AP) \xE2\x80\x94 Afghan officials", 0, "AP",
			"KABUL", "", "Afghan officials");
	expect_dateline("PESHAWAR, Pakistan (AP) \xE2\x80\x94 Traders", 0, "AP",
			"PESHAWAR, Pakistan", "", "Traders");
	expect_dateline("SALVADOR, Feb 26 - Showers continued", 1987, "",
			"SALVADOR", "1987-02-26", "Showers continued");
}

static void test_dateline_rejects(void **state)
{
	nx_dateline d;

	(void)state;
	/* Capitals without agency or date are not datelines. */
	assert_int_equal(nx_dateline_parse("BREAKING - markets fall", 0, &d),
			 0);
	assert_int_equal(nx_dateline_parse("The TTP (Tehreek-e-Taliban) - a "
					   "group",
					   0, &d),
			 0);
	assert_int_equal(nx_dateline_parse("Pakistan said on Monday (Reuters)"
					   " - nothing",
					   0, &d),
			 0);
	assert_int_equal(
		nx_dateline_parse("UN, Nov 31 (AP) - no such day", 2025, &d),
		0);
	assert_int_equal(nx_dateline_parse("a | b | not a date - text", 0, &d),
			 0);
	assert_int_equal(nx_dateline_parse("", 0, &d), 0);
	assert_int_equal(nx_dateline_parse("KABUL (AP) no dash", 0, &d), 0);
}

static void test_dateline_headers(void **state)
{
	nx_dateline d;
	char author[64] = "";

	(void)state;
	memset(&d, 0, sizeof d);
	assert_int_equal(nx_dateline_header("Date: 2025-11-09", &d, author,
					    sizeof author),
			 1);
	assert_string_equal(d.date, "2025-11-09");
	assert_int_equal(nx_dateline_header("Published: 9 November 2025", &d,
					    author, sizeof author),
			 1);
	assert_string_equal(d.date, "2025-11-09");
	assert_int_equal(
		nx_dateline_header("Source: Dawn", &d, author, sizeof author),
		1);
	assert_string_equal(d.source, "Dawn");
	assert_int_equal(nx_dateline_header("Place:  Peshawar ", &d, author,
					    sizeof author),
			 1);
	assert_string_equal(d.place, "Peshawar");
	assert_int_equal(
		nx_dateline_header("By: A. Writer", &d, author, sizeof author),
		1);
	assert_string_equal(author, "A. Writer");
	assert_int_equal(
		nx_dateline_header("Date: tomorrow", &d, author, sizeof author),
		0);
	assert_int_equal(nx_dateline_header("Note: not a header we know", &d,
					    author, sizeof author),
			 0);
	assert_int_equal(nx_dateline_header("The ratio was 3:1 overall", &d,
					    author, sizeof author),
			 0);
}

static void test_clean_transcodes(void **state)
{
	size_t fixed;
	char *s;

	(void)state;
	/* Latin-1 pound sign and Windows-1252 quotes become UTF-8. */
	s = nx_text_clean("\xA3"
			  "5m \x93quoted\x94 caf\xE9",
			  17, &fixed);
	assert_non_null(s);
	assert_string_equal(s, "\xC2\xA3"
			       "5m \xE2\x80\x9Cquoted\xE2\x80\x9D "
			       "caf\xC3\xA9");
	assert_int_equal(fixed, 4);
	free(s);
	/* Valid UTF-8 is kept, controls become spaces, BOM dropped. */
	s = nx_text_clean("\xEF\xBB\xBF"
			  "Erdo\xC4\x9F"
			  "an\x01!",
			  13, &fixed);
	assert_string_equal(s, "Erdo\xC4\x9F"
			       "an !");
	assert_int_equal(fixed, 0);
	free(s);
	/* NFC: e + combining acute becomes one code point. */
	s = nx_text_clean("Cafe\xCC\x81", 6, NULL);
	assert_string_equal(s, "Caf\xC3\xA9");
	free(s);
	/* A truncated sequence and a surrogate are not UTF-8. */
	assert_int_equal(nx_text_valid_utf8("ab\xC3", 3), 0);
	assert_int_equal(nx_text_valid_utf8("\xED\xA0\x80", 3), 0);
	assert_int_equal(nx_text_valid_utf8("\xC0\xAF", 2), 0);
	assert_int_equal(nx_text_valid_utf8("\xF0\x9F\x98\x80", 4), 1);
}

static char *fold(const char *s)
{
	return nx_text_fold(s, strlen(s));
}

static void test_fold(void **state)
{
	char *s;

	(void)state;
	s = fold("Erdo\xC4\x9F"
		 "an T\xC3\xBCrkiye K\xC4\xB1l\xC4\xB1\xC3\xA7");
	assert_string_equal(s, "Erdogan Turkiye Kilic");
	free(s);
	/* NFKC: ligature and full-width forms; apostrophes unified. */
	s = fold("\xEF\xAC\x81"
		 "le \xEF\xBC\xB4\xEF\xBC\xB4\xEF\xBC\xB0 "
		 "Pakistan\xE2\x80\x99s");
	assert_string_equal(s, "file TTP Pakistan's");
	free(s);
	/* Marks on non-Latin letters stay (Devanagari vowel signs). */
	s = fold("\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\x82");
	assert_string_equal(s, "\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\x82");
	free(s);
}

static void test_entities_and_squeeze(void **state)
{
	char s1[] = "A &amp; B &lt;x&gt; &#2;&#3;caf&#233; &#x20AC; &bogus; &";
	char s2[] = "  one \t two\n\nthree  ";

	(void)state;
	nx_text_decode_entities(s1);
	assert_string_equal(s1, "A & B <x> caf\xC3\xA9 \xE2\x82\xAC &bogus; &");
	nx_text_squeeze(s2);
	assert_string_equal(s2, "one two three");
}

static void test_parse_article(void **state)
{
	newsidx_article a;

	(void)state;
	memset(&a, 0, sizeof a);
	assert_int_equal(
		nx_text_parse_article(
			"\n  Talks collapse in  Istanbul \n\nDate: 2025-11-09\n"
			"By: Staff Reporter\n\nExample.com | Istanbul, Turkey "
			"| November 9, 2025 \xE2\x80\x94 The talks ended.\n\n"
			"Second paragraph.\n",
			0, &a),
		NEWSIDX_OK);
	assert_string_equal(a.title, "Talks collapse in Istanbul");
	assert_string_equal(a.date, "2025-11-09");
	assert_string_equal(a.source, "Example.com");
	assert_string_equal(a.place, "Istanbul, Turkey");
	assert_int_equal(a.authors.n, 1);
	assert_string_equal(a.authors.items[0], "Staff Reporter");
	assert_string_equal(a.body, "Example.com | Istanbul, Turkey | "
				    "November 9, 2025 \xE2\x80\x94 The talks "
				    "ended.\n\nSecond paragraph.");
	newsidx_article_clear(&a);

	/* BBC shape: headline, blank line, body; no metadata. */
	assert_int_equal(
		nx_text_parse_article("Ad sales boost profits\n\nQuarterly"
				      " profits rose.\n",
				      0, &a),
		NEWSIDX_OK);
	assert_string_equal(a.title, "Ad sales boost profits");
	assert_string_equal(a.body, "Quarterly profits rose.");
	assert_string_equal(a.date, "");
	assert_string_equal(a.source, "");
	assert_string_equal(a.place, "");
	newsidx_article_clear(&a);

	/* A dateline a few lines into the body (after a standfirst). */
	assert_int_equal(nx_text_parse_article(
				 "Headline\n\nA standfirst line.\n\nKABUL (AP) "
				 "\xE2\x80\x94 Officials said.\n",
				 0, &a),
			 NEWSIDX_OK);
	assert_string_equal(a.source, "AP");
	assert_string_equal(a.place, "KABUL");
	newsidx_article_clear(&a);

	/* Header wins over the dateline for the date. */
	assert_int_equal(
		nx_text_parse_article("H\nDate: 2025-10-01\n\nDoha | Qatar | "
				      "November 9, 2025 - x\n",
				      0, &a),
		NEWSIDX_OK);
	assert_string_equal(a.date, "2025-10-01");
	assert_string_equal(a.source, "Doha");
	newsidx_article_clear(&a);

	assert_int_equal(nx_text_parse_article(" \n\t\n", 0, &a),
			 NEWSIDX_BAD_INPUT);
	newsidx_article_clear(&a);
}

static void test_input_lines_and_gzip(void **state)
{
	/* "one\r\ntwo\nthree" gzipped by gzip -n. */
	static const unsigned char gz[] = {
		0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x03, 0xcb, 0xcf, 0x4b, 0xe5, 0xe5, 0x2a, 0x29, 0xcf,
		0xe7, 0x2a, 0xc9, 0x28, 0x4a, 0x4d, 0x05, 0x00, 0xf2,
		0x68, 0xf8, 0xc4, 0x0e, 0x00, 0x00, 0x00,
	};
	nx_input *in;
	nx_buf line = { 0 };

	(void)state;
	assert_int_equal(nx_input_open_mem("t.gz", gz, sizeof gz, &in),
			 NEWSIDX_OK);
	assert_int_equal(nx_input_is_gzip(in), 1);
	assert_int_equal(nx_input_getline(in, &line, 100), NEWSIDX_OK);
	assert_string_equal(line.data, "one");
	assert_int_equal(nx_input_getline(in, &line, 100), NEWSIDX_OK);
	assert_string_equal(line.data, "two");
	assert_int_equal(nx_input_getline(in, &line, 100), NEWSIDX_OK);
	assert_string_equal(line.data, "three");
	assert_int_equal(nx_input_line(in), 3);
	assert_int_equal(nx_input_getline(in, &line, 100), NEWSIDX_DONE);
	nx_input_close(in);

	/* Cut short: what was decoded is returned, then an IO error. */
	assert_int_equal(nx_input_open_mem("t.gz", gz, 20, &in), NEWSIDX_OK);
	nx_buf_reset(&line);
	assert_int_equal(nx_input_read_all(in, &line, 100), NEWSIDX_IO);
	assert_string_equal(nx_input_error(in),
			    "truncated gzip data (unexpected end of file)");
	nx_input_close(in);

	/* A line over the limit is consumed and reported. */
	assert_int_equal(nx_input_open_mem("t.txt", "abcdefgh\nok\n", 12, &in),
			 NEWSIDX_OK);
	assert_int_equal(nx_input_getline(in, &line, 4), NEWSIDX_BAD_INPUT);
	assert_int_equal(line.len, 0);
	assert_int_equal(nx_input_getline(in, &line, 4), NEWSIDX_OK);
	assert_string_equal(line.data, "ok");
	assert_int_equal(nx_input_line(in), 2);
	nx_input_close(in);
	nx_buf_free(&line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_shapes),
		cmocka_unit_test(test_date_rejects),
		cmocka_unit_test(test_dateline_shapes),
		cmocka_unit_test(test_dateline_rejects),
		cmocka_unit_test(test_dateline_headers),
		cmocka_unit_test(test_clean_transcodes),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_entities_and_squeeze),
		cmocka_unit_test(test_parse_article),
		cmocka_unit_test(test_input_lines_and_gzip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
