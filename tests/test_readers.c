/* test_readers.c: the Reuters SGML, JSON Lines and HTML readers on
 * in-memory samples, plain and gzip-compressed, with exact expectations
 * for every field, message and note. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "newsidx-private.h"

/**************************************************************************
 * Helpers
 */

/* A reader over len bytes of data (kept alive by the caller). */
static newsidx_reader *open_mem(const char *name, const void *data, size_t len,
				newsidx_format format,
				const char *const *field_map)
{
	nx_input *in;
	newsidx_reader *r;
	char *err = NULL;

	assert_int_equal(nx_input_open_mem(name, data, len, &in), NEWSIDX_OK);
	if (nx_reader_open_input(in, format, field_map, &r, &err) != NEWSIDX_OK)
		fail_msg("open %s: %s", name, err ? err : "?");
	assert_null(err);
	return r;
}

static newsidx_reader *open_str(const char *name, const char *text,
				newsidx_format format)
{
	return open_mem(name, text, strlen(text), format, NULL);
}

/* gzip-compress data; *out_len gets the size.  free() the result. */
static unsigned char *gzip_bytes(const void *data, size_t len, size_t *out_len)
{
	z_stream zs;
	uLong cap = compressBound((uLong)len) + 64;
	unsigned char *out = malloc(cap);

	assert_non_null(out);
	memset(&zs, 0, sizeof zs);
	assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8,
				      Z_DEFAULT_STRATEGY),
			 Z_OK);
	zs.next_in = (Bytef *)(uintptr_t)data;
	zs.avail_in = (uInt)len;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	*out_len = zs.total_out;
	deflateEnd(&zs);
	return out;
}

static void next_ok(newsidx_reader *r, newsidx_article *a)
{
	newsidx_status rc = newsidx_reader_next(r, a);

	if (rc != NEWSIDX_OK)
		fail_msg("expected an article, got status %d: %s", (int)rc,
			 newsidx_reader_message(r));
}

static void next_fails(newsidx_reader *r, newsidx_article *a,
		       newsidx_status want, const char *message)
{
	assert_int_equal(newsidx_reader_next(r, a), want);
	assert_string_equal(newsidx_reader_message(r), message);
}

static void next_done(newsidx_reader *r, newsidx_article *a)
{
	assert_int_equal(newsidx_reader_next(r, a), NEWSIDX_DONE);
}

/* NULL and "" are both "missing". */
static const char *str(const char *s)
{
	return s ? s : "";
}

/* list holds exactly the NULL-terminated want. */
static void assert_list(const newsidx_strlist *list, const char *const *want)
{
	size_t i;

	for (i = 0; want[i]; i++) {
		assert_true(i < list->n);
		assert_string_equal(list->items[i], want[i]);
	}
	assert_int_equal(list->n, i);
}

static const char *const none[] = { NULL };

/**************************************************************************
 * Reuters-21578 SGML
 */

static const char sgml_full[] =
	"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
	"<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" "
	"CGISPLIT=\"TRAINING-SET\" OLDID=\"5544\" NEWID=\"1\">\n"
	"<DATE>26-FEB-1987 15:01:01.79</DATE>\n"
	"<TOPICS><D>cocoa</D><D>coffee</D></TOPICS>\n"
	"<PLACES><D>el-salvador</D><D>usa</D><D>uruguay</D></PLACES>\n"
	"<PEOPLE><D>volcker</D></PEOPLE>\n"
	"<ORGS><D>imf</D><D>worldbank</D></ORGS>\n"
	"<EXCHANGES><D>nyse</D></EXCHANGES>\n"
	"<COMPANIES></COMPANIES>\n"
	"<UNKNOWN> \n"
	"&#5;&#5;&#5;C T\n"
	"&#22;&#22;&#1;f0704&#31;reute\n"
	"u f BC-BAHIA-COCOA-REVIEW   02-26 0105</UNKNOWN>\n"
	"<TEXT>&#2;\n"
	"<TITLE>BAHIA COCOA REVIEW &amp; OUTLOOK</TITLE>\n"
	"<AUTHOR>    By Janie Gabbett, Reuters</AUTHOR>\n"
	"<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued "
	"throughout the week in\n"
	"the Bahia cocoa zone &lt;BCZ> said.\n"
	"    The dry period means the temporao will be late.\n"
	" Reuter\n"
	"&#3;</BODY></TEXT>\n"
	"</REUTERS>\n";

static void test_sgml_full_record(void **state)
{
	newsidx_reader *r =
		open_str("reut.sgm", sgml_full, NEWSIDX_FORMAT_SGML);
	newsidx_article a = { 0 };
	static const char *const topics[] = { "cocoa", "coffee", NULL };
	static const char *const places[] = { "el-salvador", "usa", "uruguay",
					      NULL };
	static const char *const people[] = { "volcker", NULL };
	static const char *const orgs[] = { "imf", "worldbank", NULL };
	static const char *const authors[] = { "Janie Gabbett", NULL };

	(void)state;
	next_ok(r, &a);
	assert_string_equal(a.id, "reuters:1");
	assert_string_equal(a.title, "BAHIA COCOA REVIEW & OUTLOOK");
	assert_string_equal(a.body,
			    "Showers continued throughout the week in\n"
			    "the Bahia cocoa zone <BCZ> said.\n"
			    "    The dry period means the temporao will be "
			    "late.");
	assert_string_equal(a.date, "1987-02-26");
	assert_string_equal(a.source, "Reuters");
	assert_string_equal(a.place, "SALVADOR");
	assert_string_equal(str(a.url), "");
	assert_string_equal(a.path, "reut.sgm");
	assert_int_equal(a.record, 2);
	assert_list(&a.topics, topics);
	assert_list(&a.places, places);
	assert_list(&a.people, people);
	assert_list(&a.orgs, orgs);
	assert_list(&a.authors, authors);
	assert_string_equal(newsidx_reader_note(r), "");
	assert_string_equal(newsidx_reader_message(r), "");
	next_done(r, &a);
	next_done(r, &a);
	newsidx_reader_destroy(r);
}

static const char sgml_brief_unproc[] =
	"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
	"<REUTERS TOPICS=\"NO\" OLDID=\"5573\" NEWID=\"30\">\n"
	"<DATE>26-FEB-1987 15:42:46.59</DATE>\n"
	"<TOPICS><D>money-supply</D></TOPICS>\n"
	"<PLACES></PLACES>\n"
	"<PEOPLE></PEOPLE>\n"
	"<ORGS></ORGS>\n"
	"<TEXT TYPE=\"BRIEF\">&#2;\n"
	"******<TITLE>ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE 720.4 MLN DLRS "
	"IN LATEST WEEK\n"
	"</TITLE>Blah blah blah.\n"
	"&#3;\n"
	"\n"
	"</TEXT>\n"
	"</REUTERS>\n"
	"<REUTERS TOPICS=\"NO\" OLDID=\"5640\" NEWID=\"95\">\n"
	"<DATE> 2-MAR-1987 09:05:00.00&#9;&#9;&#9;RM</DATE>\n"
	"<TOPICS></TOPICS>\n"
	"<PLACES><D>usa</D></PLACES>\n"
	"<TEXT TYPE=\"UNPROC\">&#2;\n"
	"FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26\n"
	"    Two weeks ended Feb 25      daily avgs-mlns\n"
	" Net free reserves.............644 vs.....1,337\n"
	" Reuter\n"
	"&#3;</TEXT>\n"
	"</REUTERS>\n";

static void test_sgml_brief_and_unproc(void **state)
{
	newsidx_reader *r =
		open_str("brief.sgm", sgml_brief_unproc, NEWSIDX_FORMAT_SGML);
	newsidx_article a = { 0 };
	static const char *const money[] = { "money-supply", NULL };
	static const char *const usa[] = { "usa", NULL };

	(void)state;
	next_ok(r, &a);
	assert_string_equal(a.id, "reuters:30");
	assert_string_equal(a.title, "ASSETS OF MONEY MARKET MUTUAL FUNDS "
				     "ROSE 720.4 MLN DLRS IN LATEST WEEK");
	assert_string_equal(a.body, "");
	assert_string_equal(a.date, "1987-02-26");
	assert_string_equal(a.place, "");
	assert_int_equal(a.record, 2);
	assert_list(&a.topics, money);
	assert_list(&a.places, none);
	assert_list(&a.authors, none);

	next_ok(r, &a);
	assert_string_equal(a.id, "reuters:95");
	assert_string_equal(a.title,
			    "FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26");
	assert_string_equal(a.body,
			    "Two weeks ended Feb 25      daily avgs-mlns\n"
			    " Net free reserves.............644 vs.....1,337");
	assert_string_equal(a.date, "1987-03-02");
	assert_string_equal(a.source, "Reuters");
	assert_int_equal(a.record, 15);
	assert_list(&a.topics, none);
	assert_list(&a.places, usa);
	next_done(r, &a);
	newsidx_reader_destroy(r);
}

static const char sgml_broken[] =
	"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
	"<REUTERS NEWID=\"1\">\n"
	"<DATE>26-FEB-1987 15:01:01.79</DATE>\n"
	"<TEXT><TITLE>ONE</TITLE><BODY>Cut off here\n"
	"<REUTERS NEWID=\"2\">\n"
	"<TEXT><TITLE>TWO</TITLE><BODY>Complete.</BODY></TEXT>\n"
	"</REUTERS>\n"
	"<REUTERS OLDID=\"7\">\n"
	"<TEXT><TITLE>NO ID</TITLE></TEXT>\n"
	"</REUTERS>\n"
	"<REUTERS NEWID=\"4\">\n"
	"<TEXT><TITLE>FOUR</TITLE></TEXT>\n"
	"</REUTERS>\n"
	"<REUTERS NEWID=\"3\">\n"
	"<TEXT><TITLE>THREE</TITLE>\n";

static void test_sgml_malformed_records(void **state)
{
	newsidx_reader *r =
		open_str("bad.sgm", sgml_broken, NEWSIDX_FORMAT_SGML);
	newsidx_article a = { 0 };

	(void)state;
	next_fails(r, &a, NEWSIDX_BAD_INPUT,
		   "bad.sgm: record NEWID 1 (line 2): no </REUTERS> end tag");
	assert_null(a.id);
	next_ok(r, &a);
	assert_string_equal(a.id, "reuters:2");
	assert_string_equal(a.title, "TWO");
	assert_string_equal(a.body, "Complete.");
	assert_string_equal(a.date, "");
	assert_int_equal(a.record, 5);
	next_fails(r, &a, NEWSIDX_BAD_INPUT,
		   "bad.sgm:8: record without a numeric NEWID, skipped");
	next_ok(r, &a);
	assert_string_equal(a.id, "reuters:4");
	assert_string_equal(a.title, "FOUR");
	next_fails(r, &a, NEWSIDX_BAD_INPUT,
		   "bad.sgm: record NEWID 3 (line 14): no </REUTERS> end tag");
	next_done(r, &a);
	newsidx_reader_destroy(r);
}

static void test_sgml_latin1_byte(void **state)
{
	static const char text[] =
		"<REUTERS NEWID=\"17980\">\n"
		"<TEXT><TITLE>GROWTH</TITLE><BODY>world economic\n"
		"growth.\xFC&#5;&#30;side measures</BODY></TEXT>\n"
		"</REUTERS>\n";
	newsidx_reader *r = open_str("latin.sgm", text, NEWSIDX_FORMAT_AUTO);
	newsidx_article a = { 0 };

	(void)state;
	assert_int_equal(newsidx_reader_format(r), NEWSIDX_FORMAT_SGML);
	next_ok(r, &a);
	assert_string_equal(a.body, "world economic\n"
				    "growth.\xC3\xBCside measures");
	assert_string_equal(newsidx_reader_note(r),
			    "record NEWID 17980: invalid UTF-8 at line 3, "
			    "transcoded from Windows-1252");
	newsidx_article_clear(&a);
	newsidx_reader_destroy(r);
}

/* n records with varied text, so that gzip cannot squeeze them to nothing;
 * malloc'ed. */
static char *many_records(int n)
{
	nx_buf b = { 0 };
	unsigned seed = 12345;
	int i, w;

	nx_buf_puts(&b, "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n");
	for (i = 1; i <= n; i++) {
		nx_buf_printf(&b,
			      "<REUTERS NEWID=\"%d\">\n<TEXT><TITLE>STORY "
			      "%d</TITLE><BODY>",
			      i, i);
		for (w = 0; w < 60; w++) {
			seed = seed * 1103515245u + 12345u;
			nx_buf_printf(&b, "w%u ", (seed >> 8) % 100000u);
		}
		nx_buf_puts(&b, "</BODY></TEXT>\n</REUTERS>\n");
	}
	return nx_buf_steal(&b);
}

static void test_sgml_truncated_gzip(void **state)
{
	char *text = many_records(200);
	size_t gz_len;
	unsigned char *gz = gzip_bytes(text, strlen(text), &gz_len);
	newsidx_reader *r;
	newsidx_article a = { 0 };
	newsidx_status rc;
	int n = 0;

	(void)state;
	r = open_mem("cut.sgm.gz", gz, gz_len / 2, NEWSIDX_FORMAT_AUTO, NULL);
	assert_int_equal(newsidx_reader_format(r), NEWSIDX_FORMAT_SGML);
	while ((rc = newsidx_reader_next(r, &a)) == NEWSIDX_OK) {
		char id[32], title[32];

		n++;
		snprintf(id, sizeof id, "reuters:%d", n);
		snprintf(title, sizeof title, "STORY %d", n);
		assert_string_equal(a.id, id);
		assert_string_equal(a.title, title);
		/* 60 words of "wN " each, trimmed: the story is whole. */
		assert_int_equal(strspn(a.body, "w0123456789 "),
				 strlen(a.body));
		assert_true(strlen(a.body) > 60 * 3);
	}
	assert_int_equal(rc, NEWSIDX_IO);
	assert_true(n > 10 && n < 200);
	assert_non_null(strstr(newsidx_reader_message(r), "truncated gzip"));
	assert_true(!strncmp(newsidx_reader_message(r), "cut.sgm.gz:", 11));
	/* It stays failed. */
	assert_int_equal(newsidx_reader_next(r, &a), NEWSIDX_IO);
	newsidx_reader_destroy(r);
	free(gz);
	free(text);
}

/**************************************************************************
 * JSON Lines
 */

static void test_jsonl_default_keys(void **state)
{
	static const char text[] =
		"{\"id\": \"a1\", \"title\": \"  Talks   resume \", "
		"\"body\": \"First paragraph.\\n\\nSecond  paragraph.\", "
		"\"date\": \"2025-11-09T10:00:00Z\", \"source\": \"Dawn\", "
		"\"author\": \"Jane Roe\", \"place\": \"Kabul\", "
		"\"topics\": [\"border\", \"trade\"], "
		"\"url\": \"https://example.com/a1\", "
		"\"extra\": {\"nested\": [1, 2]}}\n";
	newsidx_reader *r = open_str("a.jsonl", text, NEWSIDX_FORMAT_AUTO);
	newsidx_article a = { 0 };
	static const char *const authors[] = { "Jane Roe", NULL };
	static const char *const topics[] = { "border", "trade", NULL };

	(void)state;
	assert_int_equal(newsidx_reader_format(r), NEWSIDX_FORMAT_JSONL);
	next_ok(r, &a);
	assert_string_equal(a.id, "a1");
	assert_string_equal(a.title, "Talks resume");
	assert_string_equal(a.body, "First paragraph.\n\nSecond  paragraph.");
	assert_string_equal(a.date, "2025-11-09");
	assert_string_equal(a.source, "Dawn");
	assert_string_equal(a.place, "Kabul");
	assert_string_equal(a.url, "https://example.com/a1");
	assert_string_equal(a.path, "a.jsonl");
	assert_int_equal(a.record, 1);
	assert_list(&a.authors, authors);
	assert_list(&a.topics, topics);
	assert_string_equal(newsidx_reader_note(r), "");
	next_done(r, &a);
	newsidx_reader_destroy(r);
}

static void test_jsonl_alias_keys(void **state)
{
	static const char text[] =
		"{\"url\": \"https://e.com/1\", \"headline\": \"H1\", "
		"\"text\": \"T1\", \"published\": \"2025-11-01\", "
		"\"source_domain\": \"e.com\", \"authors\": \"A1\", "
		"\"location\": \"Quetta\", \"tags\": [\"t1\"]}\n"
		"{\"guid\": 42, \"title\": \"H2\", \"content\": \"T2\", "
		"\"publish_date\": \"2025-11-02\", \"site\": \"S2\", "
		"\"keywords\": \"k1, k2\"}\n"
		"{\"guid\": \"g3\", \"title\": \"H3\", \"article\": \"T3\", "
		"\"date_publish\": \"2025-11-03\", \"outlet\": \"S3\", "
		"\"category\": \"Politics\"}\n"
		"{\"title\": \"H4\", \"maintext\": \"T4\", "
		"\"datePublished\": \"2025-11-04\"}\n";
	newsidx_reader *r = open_str("alias.jsonl", text, NEWSIDX_FORMAT_JSONL);
	newsidx_article a = { 0 };
	static const char *const a1[] = { "A1", NULL };
	static const char *const t1[] = { "t1", NULL };
	static const char *const k[] = { "k1", "k2", NULL };
	static const char *const pol[] = { "Politics", NULL };

	(void)state;
	next_ok(r, &a);
	assert_string_equal(a.id, "https://e.com/1");
	assert_string_equal(a.url, "https://e.com/1");
	assert_string_equal(a.title, "H1");
	assert_string_equal(a.body, "T1");
	assert_string_equal(a.date, "2025-11-01");
	assert_string_equal(a.source, "e.com");
	assert_string_equal(a.place, "Quetta");
	assert_list(&a.authors, a1);
	assert_list(&a.topics, t1);

	next_ok(r, &a);
	assert_string_equal(a.id, "42");
	assert_string_equal(str(a.url), "");
	assert_string_equal(a.body, "T2");
	assert_string_equal(a.date, "2025-11-02");
	assert_string_equal(a.source, "S2");
	assert_list(&a.topics, k);
	assert_int_equal(a.record, 2);

	next_ok(r, &a);
	assert_string_equal(a.id, "g3");
	assert_string_equal(a.body, "T3");
	assert_string_equal(a.date, "2025-11-03");
	assert_string_equal(a.source, "S3");
	assert_list(&a.topics, pol);

	next_ok(r, &a);
	assert_string_equal(str(a.id), "");
	assert_string_equal(a.title, "H4");
	assert_string_equal(a.body, "T4");
	assert_string_equal(a.date, "2025-11-04");
	assert_string_equal(a.source, "");
	next_done(r, &a);
	newsidx_reader_destroy(r);
}

static void test_jsonl_dates(void **state)
{
	static const char text[] =
		"{\"title\": \"seconds\", \"date\": 1762646400}\n"
		"{\"title\": \"ms\", \"date\": 1700000000123}\n"
		"{\"title\": \"fraction\", \"date\": 1762646399.5}\n"
		"{\"title\": \"string epoch\", \"date\": \"1762646400\"}\n"
		"{\"title\": \"rfc\", \"date\": \"Sun, 09 Nov 2025 10:00:00 "
		"+0000\"}\n"
		"{\"title\": \"iso\", \"date\": "
		"\"2025-11-09T23:30:00+05:00\"}\n"
		"{\"title\": \"words\", \"date\": \"November 9, 2025\"}\n"
		"{\"title\": \"junk\", \"date\": \"last Tuesday\"}\n"
		"{\"title\": \"null\", \"date\": null, \"published\": "
		"\"9 November 2025\"}\n";
	static const char *const want[] = {
		"2025-11-09", "2023-11-14", "2025-11-08",
		"2025-11-09", "2025-11-09", "2025-11-09",
		"2025-11-09", "",	    "2025-11-09",
	};
	newsidx_reader *r = open_str("d.jsonl", text, NEWSIDX_FORMAT_JSONL);
	newsidx_article a = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		next_ok(r, &a);
		assert_string_equal(a.date, want[i]);
		if (i == 7)
			assert_string_equal(newsidx_reader_note(r),
					    "line 8: date \"last Tuesday\" is "
					    "not a date newsidx knows, left "
					    "empty");
		else
			assert_string_equal(newsidx_reader_note(r), "");
	}
	next_done(r, &a);
	newsidx_reader_destroy(r);
}

static void test_jsonl_authors_topics_source(void **state)
{
	static const char text[] =
		"{\"title\": \"x\", \"authors\": [\"A B\", {\"name\": \"C "
		"D\"}, "
		"5, null, \"A B\", \" \"], \"topics\": \"war, peace,, "
		"talks \", \"source\": {\"name\": \"Dawn\", \"url\": \"u\"}}\n"
		"{\"title\": \"y\", \"author\": {\"name\": \"Solo\"}, "
		"\"tags\": [\"one\", {\"name\": \"two\"}, 3]}\n";
	newsidx_reader *r = open_str("at.jsonl", text, NEWSIDX_FORMAT_JSONL);
	newsidx_article a = { 0 };
	static const char *const authors[] = { "A B", "C D", NULL };
	static const char *const topics[] = { "war", "peace", "talks", NULL };
	static const char *const solo[] = { "Solo", NULL };
	static const char *const tags[] = { "one", "two", NULL };

	(void)state;
	next_ok(r, &a);
	assert_list(&a.authors, authors);
	assert_list(&a.topics, topics);
	assert_string_equal(a.source, "Dawn");
	next_ok(r, &a);
	assert_list(&a.authors, solo);
	assert_list(&a.topics, tags);
	next_done(r, &a);
	newsidx_reader_destroy(r);
}

static void test_jsonl_field_map(void **state)
{
	static const char text[] =
		"{\"title\": \"default\", \"name\": \"mapped\", "
		"\"story\": \"mapped body\", \"when\": \"2024-01-02\", "
		"\"date\": \"2025-01-01\", \"link\": \"https://e.com/x\", "
		"\"key\": \"k-9\", \"subjects\": [\"s\"], \"by\": \"Z\", "
		"\"where\": \"Herat\", \"paper\": \"P\"}\n"
		"{\"title\": \"falls back\", \"name\": null}\n";
	static const char *const map[] = {
		"title=name", "body=story",  "date=when",
		"url=link",   "id=key",	     "topics=subjects",
		"author=by",  "place=where", "source=paper",
		NULL,
	};
	static const char *const bad_field[] = { "headline=h", NULL };
	static const char *const bad_entry[] = { "title", NULL };
	static const char *const s[] = { "s", NULL };
	static const char *const z[] = { "Z", NULL };
	newsidx_reader *r;
	newsidx_article a = { 0 };
	nx_input *in;
	char *err = NULL;

	(void)state;
	r = open_mem("map.jsonl", text, strlen(text), NEWSIDX_FORMAT_JSONL,
		     map);
	next_ok(r, &a);
	assert_string_equal(a.title, "mapped");
	assert_string_equal(a.body, "mapped body");
	assert_string_equal(a.date, "2024-01-02");
	assert_string_equal(a.url, "https://e.com/x");
	assert_string_equal(a.id, "k-9");
	assert_string_equal(a.place, "Herat");
	assert_string_equal(a.source, "P");
	assert_list(&a.topics, s);
	assert_list(&a.authors, z);
	next_ok(r, &a);
	assert_string_equal(a.title, "falls back");
	next_done(r, &a);
	newsidx_reader_destroy(r);

	assert_int_equal(
		nx_input_open_mem("map.jsonl", text, strlen(text), &in),
		NEWSIDX_OK);
	assert_int_equal(nx_reader_open_input(in, NEWSIDX_FORMAT_JSONL,
					      bad_field, &r, &err),
			 NEWSIDX_BAD_ARG);
	assert_null(r);
	assert_string_equal(err, "map.jsonl: field map \"headline=h\": no "
				 "field \"headline\" (id, title, body, date, "
				 "source, author, place, topics, url)");
	free(err);
	assert_int_equal(
		nx_input_open_mem("map.jsonl", text, strlen(text), &in),
		NEWSIDX_OK);
	assert_int_equal(nx_reader_open_input(in, NEWSIDX_FORMAT_JSONL,
					      bad_entry, &r, &err),
			 NEWSIDX_BAD_ARG);
	assert_string_equal(err,
			    "map.jsonl: field map \"title\": not field=key");
	free(err);
}

static void test_jsonl_bad_lines(void **state)
{
	static const char text[] =
		"{\"title\": \"one\"}\n"
		"\n"
		"{\"title\": oops}\n"
		"   \t \n"
		"[1, 2]\n"
		"{\"foo\": 1, \"title\": \"  \", \"body\": 7}\n"
		"{\"title\": \"unfinished\"\n"
		"{\"title\": \"tail\"} junk\n"
		"\"just a string\"\n"
		"{\"title\": \"last\"}";
	newsidx_reader *r = open_str("bad.jsonl", text, NEWSIDX_FORMAT_JSONL);
	newsidx_article a = { 0 };

	(void)state;
	next_ok(r, &a);
	assert_string_equal(a.title, "one");
	assert_int_equal(a.record, 1);
	next_fails(r, &a, NEWSIDX_BAD_INPUT,
		   "bad.jsonl:3: invalid JSON (unexpected character)");
	next_fails(r, &a, NEWSIDX_BAD_INPUT,
		   "bad.jsonl:5: not a JSON object (array)");
	next_fails(r, &a, NEWSIDX_BAD_INPUT, "bad.jsonl:6: no title or body");
	next_fails(r, &a, NEWSIDX_BAD_INPUT,
		   "bad.jsonl:7: invalid JSON (unexpected end of data)");
	next_fails(r, &a, NEWSIDX_BAD_INPUT,
		   "bad.jsonl:8: invalid JSON (unexpected character)");
	next_fails(r, &a, NEWSIDX_BAD_INPUT,
		   "bad.jsonl:9: not a JSON object (string)");
	next_ok(r, &a);
	assert_string_equal(a.title, "last");
	assert_int_equal(a.record, 10);
	next_done(r, &a);
	newsidx_reader_destroy(r);
}

static void test_jsonl_crlf_bom_latin1(void **state)
{
	static const char text[] =
		"\xEF\xBB\xBF{\"title\": \"crlf\", "
		"\"body\": \"b\"}\r\n"
		"\r\n"
		"{\"title\": \"caf\xE9 \x93quoted\x94\"}\r\n";
	newsidx_reader *r = open_str("crlf.jsonl", text, NEWSIDX_FORMAT_AUTO);
	newsidx_article a = { 0 };

	(void)state;
	assert_int_equal(newsidx_reader_format(r), NEWSIDX_FORMAT_JSONL);
	next_ok(r, &a);
	assert_string_equal(a.title, "crlf");
	assert_string_equal(a.body, "b");
	next_ok(r, &a);
	assert_string_equal(a.title,
			    "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D");
	assert_int_equal(a.record, 3);
	assert_string_equal(newsidx_reader_note(r),
			    "line 3: invalid UTF-8, transcoded from "
			    "Windows-1252");
	next_done(r, &a);
	newsidx_reader_destroy(r);
}

static void test_jsonl_long_line(void **state)
{
	static const char head[] = "{\"title\": \"";
	static const char tail[] = "\"}\n{\"title\": \"after\"}\n";
	size_t fill = NX_MAX_ARTICLE;
	size_t len = strlen(head) + fill + strlen(tail);
	char *text = malloc(len + 1);
	newsidx_reader *r;
	newsidx_article a = { 0 };

	(void)state;
	assert_non_null(text);
	memcpy(text, head, strlen(head));
	memset(text + strlen(head), 'a', fill);
	memcpy(text + strlen(head) + fill, tail, strlen(tail) + 1);
	r = open_mem("long.jsonl", text, len, NEWSIDX_FORMAT_JSONL, NULL);
	next_fails(r, &a, NEWSIDX_BAD_INPUT,
		   "long.jsonl:1: line longer than 32 MiB, skipped");
	next_ok(r, &a);
	assert_string_equal(a.title, "after");
	assert_int_equal(a.record, 2);
	next_done(r, &a);
	newsidx_reader_destroy(r);
	free(text);
}

/* Read every article of r into a compact description. */
static char *describe_all(newsidx_reader *r)
{
	nx_buf b = { 0 };
	newsidx_article a = { 0 };
	newsidx_status rc;

	while ((rc = newsidx_reader_next(r, &a)) != NEWSIDX_DONE) {
		size_t i;

		if (rc != NEWSIDX_OK) {
			nx_buf_printf(&b, "error %d %s\n", rc,
				      newsidx_reader_message(r));
			continue;
		}
		nx_buf_printf(&b, "%ld|%s|%s|%s|%s|%s|%s|%s|", a.record,
			      str(a.id), a.title, a.body, a.date, a.source,
			      a.place, str(a.url));
		for (i = 0; i < a.authors.n; i++)
			nx_buf_printf(&b, "a:%s,", a.authors.items[i]);
		for (i = 0; i < a.topics.n; i++)
			nx_buf_printf(&b, "t:%s,", a.topics.items[i]);
		nx_buf_puts(&b, "\n");
	}
	return nx_buf_steal(&b);
}

static const char jsonl_sample[] =
	"{\"id\": 1, \"title\": \"One\", \"body\": \"Body one.\", "
	"\"date\": \"2025-11-09\", \"authors\": [\"A\"], \"tags\": \"x, y\"}\n"
	"{\"url\": \"https://e.com/2\", \"headline\": \"Two\", "
	"\"text\": \"Body two.\", \"published\": 1762646400}\n"
	"not json\n"
	"{\"title\": \"Three\", \"source\": {\"name\": \"Dawn\"}}\n";

static void test_jsonl_gzip_same(void **state)
{
	size_t gz_len;
	unsigned char *gz =
		gzip_bytes(jsonl_sample, strlen(jsonl_sample), &gz_len);
	newsidx_reader *plain, *packed;
	char *want, *got;

	(void)state;
	plain = open_str("s.jsonl", jsonl_sample, NEWSIDX_FORMAT_AUTO);
	packed = open_mem("s.jsonl", gz, gz_len, NEWSIDX_FORMAT_AUTO, NULL);
	assert_true(nx_input_is_gzip(packed->in));
	want = describe_all(plain);
	got = describe_all(packed);
	assert_string_equal(want,
			    "1|1|One|Body one.|2025-11-09||||a:A,t:x,t:y,\n"
			    "2|https://e.com/2|Two|Body two.|2025-11-09|||"
			    "https://e.com/2|\n"
			    "error 4 s.jsonl:3: invalid JSON (null "
			    "expected)\n"
			    "4||Three|||Dawn|||\n");
	assert_string_equal(got, want);
	free(want);
	free(got);
	newsidx_reader_destroy(plain);
	newsidx_reader_destroy(packed);
	free(gz);
}

static void test_jsonl_truncated_gzip(void **state)
{
	nx_buf text = { 0 };
	unsigned seed = 99;
	unsigned char *gz;
	size_t gz_len;
	newsidx_reader *r;
	newsidx_article a = { 0 };
	newsidx_status rc;
	int i, n = 0;

	(void)state;
	for (i = 1; i <= 300; i++) {
		int w;

		nx_buf_printf(&text, "{\"title\": \"Article %d\", \"body\": \"",
			      i);
		for (w = 0; w < 40; w++) {
			seed = seed * 1103515245u + 12345u;
			nx_buf_printf(&text, "w%u ", (seed >> 8) % 100000u);
		}
		nx_buf_printf(&text, "end %d\"}\n", i);
	}
	gz = gzip_bytes(text.data, text.len, &gz_len);
	r = open_mem("cut.jsonl.gz", gz, gz_len * 2 / 3, NEWSIDX_FORMAT_AUTO,
		     NULL);
	while ((rc = newsidx_reader_next(r, &a)) == NEWSIDX_OK) {
		char title[32], end[32];

		n++;
		snprintf(title, sizeof title, "Article %d", n);
		snprintf(end, sizeof end, " end %d", n);
		assert_string_equal(a.title, title);
		assert_int_equal(a.record, n);
		assert_string_equal(a.body + strlen(a.body) - strlen(end), end);
	}
	assert_int_equal(rc, NEWSIDX_IO);
	assert_true(n > 10 && n < 300);
	assert_non_null(strstr(newsidx_reader_message(r), "truncated gzip"));
	newsidx_reader_destroy(r);
	free(gz);
	nx_buf_free(&text);
}

/**************************************************************************
 * HTML
 */

static const char html_full[] =
	"<!DOCTYPE html>\n"
	"<html><head><title>Page title | Site</title>\n"
	"<meta property=\"og:title\" content=\"Talks  collapse in "
	"Istanbul\">\n"
	"<meta property=\"og:site_name\" content=\"Example News\">\n"
	"<meta property=\"article:published_time\" "
	"content=\"2025-11-09T08:00:00+05:00\">\n"
	"<meta name=\"author\" content=\"Jane Roe\">\n"
	"<meta property=\"article:author\" "
	"content=\"https://facebook.com/jane\">\n"
	"<meta property=\"article:tag\" content=\"Border\">\n"
	"<meta name=\"keywords\" content=\"trade, Torkham , Border\">\n"
	"<link rel=\"stylesheet canonical\" href=\"https://example.com/a/1\">\n"
	"<meta property=\"og:url\" content=\"https://example.com/og\">\n"
	"<style>p { color: red }</style>\n"
	"<script>var p = '<p>not text</p>';</script>\n"
	"</head><body>\n"
	"<header><h1>Site header</h1><nav><p>Home</p></nav></header>\n"
	"<article>\n"
	"<h1>Story   headline</h1>\n"
	"<p>First   paragraph\n with <b>bold</b> text.</p><!-- a comment -->\n"
	"<script>document.write('no');</script><noscript>Enable JS</noscript>\n"
	"<p>Second<br>line &amp; more</p>\n"
	"<ul><li>one</li><li>two</li></ul>\n"
	"<aside><p>Related story</p></aside><form>Search</form>\n"
	"</article>\n"
	"<footer><p>Copyright</p></footer>\n"
	"</body></html>\n";

static void test_html_og_metadata(void **state)
{
	newsidx_reader *r =
		open_str("page.html", html_full, NEWSIDX_FORMAT_AUTO);
	newsidx_article a = { 0 };
	static const char *const authors[] = { "Jane Roe", NULL };
	static const char *const topics[] = { "Border", "trade", "Torkham",
					      NULL };

	(void)state;
	assert_int_equal(newsidx_reader_format(r), NEWSIDX_FORMAT_HTML);
	next_ok(r, &a);
	assert_string_equal(a.title, "Talks collapse in Istanbul");
	assert_string_equal(a.body, "Story headline\n"
				    "First paragraph with bold text.\n"
				    "Second\n"
				    "line & more\n"
				    "one\n"
				    "two");
	assert_string_equal(a.date, "2025-11-09");
	assert_string_equal(a.source, "Example News");
	assert_string_equal(a.url, "https://example.com/a/1");
	assert_string_equal(a.id, "https://example.com/a/1");
	assert_string_equal(a.place, "");
	assert_int_equal(a.record, 0);
	assert_list(&a.authors, authors);
	assert_list(&a.topics, topics);
	assert_string_equal(newsidx_reader_note(r), "");
	next_done(r, &a);
	newsidx_reader_destroy(r);
}

static void test_html_title_fallbacks(void **state)
{
	static const char h1[] =
		"<html><head><title>Tab title</title></head><body>"
		"<header><h1>Masthead</h1></header>"
		"<h1> Real  <em>headline</em></h1><p>Text.</p></body></html>";
	static const char h1_in_header[] =
		"<html><head><title>Tab title</title></head><body>"
		"<header><h1>Only header h1</h1></header><p>Text.</p>"
		"</body></html>";
	static const char title_only[] =
		"<html><head><title>\n  Just   the tab\n</title>"
		"<meta property=\"og:url\" content=\"https://e.com/og\">"
		"</head><body><p>Text.</p></body></html>";
	static const char svg_title[] =
		"<html><body><svg><title>Search icon</title></svg>"
		"<p>Text.</p></body></html>";
	newsidx_reader *r;
	newsidx_article a = { 0 };

	(void)state;
	r = open_str("svg.html", svg_title, NEWSIDX_FORMAT_HTML);
	next_ok(r, &a);
	assert_string_equal(a.title, "");
	assert_string_equal(a.body, "Text.");
	newsidx_reader_destroy(r);

	r = open_str("h1.html", h1, NEWSIDX_FORMAT_HTML);
	next_ok(r, &a);
	assert_string_equal(a.title, "Real headline");
	assert_string_equal(a.body, "Text.");
	assert_string_equal(a.id, "");
	newsidx_reader_destroy(r);

	r = open_str("h1h.html", h1_in_header, NEWSIDX_FORMAT_HTML);
	next_ok(r, &a);
	assert_string_equal(a.title, "Only header h1");
	newsidx_reader_destroy(r);

	r = open_str("t.html", title_only, NEWSIDX_FORMAT_HTML);
	next_ok(r, &a);
	assert_string_equal(a.title, "Just the tab");
	assert_string_equal(a.url, "https://e.com/og");
	assert_string_equal(a.id, "https://e.com/og");
	newsidx_article_clear(&a);
	newsidx_reader_destroy(r);
}

static void test_html_jsonld_and_time(void **state)
{
	static const char graph[] =
		"<html><head><title>T</title>"
		"<script type=\"application/ld+json\">{\"@context\": "
		"\"https://schema.org\", \"@graph\": [{\"@type\": \"WebSite\", "
		"\"name\": \"Site\"}, {\"@type\": \"NewsArticle\", "
		"\"datePublished\": \"2024-03-05T10:00:00Z\", \"author\": "
		"[{\"@type\": \"Person\", \"name\": \"LD One\"}, \"LD Two\"], "
		"\"publisher\": {\"@type\": \"Organization\", \"name\": "
		"\"LD Pub\"}}]}</script>"
		"</head><body><p>x</p></body></html>";
	static const char array[] =
		"<html><head><title>T</title>"
		"<script type=\"application/ld+json\">[{\"@type\": "
		"\"Organization\", \"name\": \"Org\"}, {\"@type\": "
		"\"NewsArticle\", \"datePublished\": \"March 6, 2024\", "
		"\"author\": {\"name\": \"Solo\"}}]</script>"
		"<script type=\"application/ld+json\">{ broken</script>"
		"</head><body><p>x</p></body></html>";
	static const char time_first[] =
		"<html><head><title>T</title>"
		"<script type=\"application/ld+json\">{\"datePublished\": "
		"\"2020-01-01\"}</script></head><body>"
		"<time>no attribute</time><time datetime=\"soon\">x</time>"
		"<time datetime=\"2023-05-06T07:00\">May 6</time>"
		"<p>x</p></body></html>";
	static const char *const ld_authors[] = { "LD One", "LD Two", NULL };
	static const char *const solo[] = { "Solo", NULL };
	newsidx_reader *r;
	newsidx_article a = { 0 };

	(void)state;
	r = open_str("g.html", graph, NEWSIDX_FORMAT_HTML);
	next_ok(r, &a);
	assert_string_equal(a.date, "2024-03-05");
	assert_string_equal(a.source, "LD Pub");
	assert_list(&a.authors, ld_authors);
	newsidx_reader_destroy(r);

	r = open_str("a.html", array, NEWSIDX_FORMAT_HTML);
	next_ok(r, &a);
	assert_string_equal(a.date, "2024-03-06");
	assert_string_equal(a.source, "");
	assert_list(&a.authors, solo);
	newsidx_reader_destroy(r);

	r = open_str("time.html", time_first, NEWSIDX_FORMAT_HTML);
	next_ok(r, &a);
	assert_string_equal(a.date, "2023-05-06");
	newsidx_article_clear(&a);
	newsidx_reader_destroy(r);
}

static void test_html_body_selection(void **state)
{
	static const char main_ps[] =
		"<html><body><nav><p>menu</p></nav><main><div>intro "
		"div</div><p>Main  para.</p><section><p>Deeper.</p></section>"
		"<aside><p>aside</p></aside></main><p>outside</p>"
		"</body></html>";
	static const char body_ps[] =
		"<html><body><div class=\"x\"><p>One.</p><div>loose</div>"
		"<p>Two.</p></div><footer><p>foot</p></footer>"
		"<script>var a;</script></body></html>";
	static const char longest_article[] =
		"<html><body><article><p>Short teaser.</p></article>"
		"<article><p>The real story is longer.</p><article><p>"
		"nested</p></article></article></body></html>";
	static const char no_paragraphs[] =
		"<html><body><div>Just <span>div</span> text</div>"
		"<div>second block</div><!-- note --></body></html>";
	newsidx_reader *r;
	newsidx_article a = { 0 };

	(void)state;
	r = open_str("m.html", main_ps, NEWSIDX_FORMAT_HTML);
	next_ok(r, &a);
	assert_string_equal(a.title, "");
	assert_string_equal(a.body, "Main para.\nDeeper.");
	newsidx_reader_destroy(r);

	r = open_str("b.html", body_ps, NEWSIDX_FORMAT_HTML);
	next_ok(r, &a);
	assert_string_equal(a.body, "One.\nTwo.");
	newsidx_reader_destroy(r);

	r = open_str("l.html", longest_article, NEWSIDX_FORMAT_HTML);
	next_ok(r, &a);
	assert_string_equal(a.body, "The real story is longer.\nnested");
	newsidx_reader_destroy(r);

	r = open_str("n.html", no_paragraphs, NEWSIDX_FORMAT_HTML);
	next_ok(r, &a);
	assert_string_equal(a.body, "Just div text\nsecond block");
	newsidx_article_clear(&a);
	newsidx_reader_destroy(r);
}

static void test_html_encodings(void **state)
{
	/* Windows-1252 bytes and no charset: é, curly quotes, the euro. */
	static const char cp1252[] =
		"<html><head><title>Caf\xE9 \x93quoted\x94</title></head>"
		"<body><p>Price \x80 5 \xA3 4</p></body></html>";
	/* Declared Latin-1 is read as Windows-1252, as browsers do. */
	static const char latin1[] =
		"<html><head><meta http-equiv=\"Content-Type\" "
		"content=\"text/html; charset=ISO-8859-1\"></head>"
		"<body><p>\x93na\xEFve\x94</p></body></html>";
	static const char greek[] =
		"<html><head><meta charset=\"iso-8859-7\"></head>"
		"<body><p>\xE1\xE8\xDE\xED\xE1</p></body></html>";
	static const char utf8[] =
		"<html><head><meta charset=\"windows-1252\"></head>"
		"<body><p>Erdo\xC4\x9F"
		"an \xE2\x80\x94 \xC2\xA3</p></body></html>";
	newsidx_reader *r;
	newsidx_article a = { 0 };

	(void)state;
	r = open_str("cp.html", cp1252, NEWSIDX_FORMAT_HTML);
	next_ok(r, &a);
	assert_string_equal(a.title,
			    "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D");
	assert_string_equal(a.body, "Price \xE2\x82\xAC 5 \xC2\xA3 4");
	assert_string_equal(newsidx_reader_note(r),
			    "invalid UTF-8, transcoded from Windows-1252");
	newsidx_reader_destroy(r);

	r = open_str("l1.html", latin1, NEWSIDX_FORMAT_HTML);
	next_ok(r, &a);
	assert_string_equal(a.body, "\xE2\x80\x9Cna\xC3\xAFve\xE2\x80\x9D");
	assert_string_equal(newsidx_reader_note(r), "");
	newsidx_reader_destroy(r);

	r = open_str("el.html", greek, NEWSIDX_FORMAT_HTML);
	next_ok(r, &a);
	assert_string_equal(a.body, "\xCE\xB1\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1");
	newsidx_reader_destroy(r);

	r = open_str("u.html", utf8, NEWSIDX_FORMAT_HTML);
	next_ok(r, &a);
	assert_string_equal(a.body, "Erdo\xC4\x9F"
				    "an \xE2\x80\x94 \xC2\xA3");
	assert_string_equal(newsidx_reader_note(r), "");
	newsidx_article_clear(&a);
	newsidx_reader_destroy(r);
}

static void test_html_no_text(void **state)
{
	static const char empty[] =
		"<html><head><title>  </title><style>p{}</style></head><body>"
		"<nav><p>Home</p></nav><script>var x = 1;</script>"
		"<!-- <p>commented out</p> --><footer>foot</footer>"
		"</body></html>";
	newsidx_reader *r = open_str("empty.html", empty, NEWSIDX_FORMAT_HTML);
	newsidx_article a = { 0 };

	(void)state;
	next_fails(r, &a, NEWSIDX_BAD_INPUT,
		   "empty.html: no article text found");
	assert_null(a.title);
	next_done(r, &a);
	newsidx_reader_destroy(r);
}

static void test_html_gzip(void **state)
{
	size_t gz_len;
	unsigned char *gz = gzip_bytes(html_full, strlen(html_full), &gz_len);
	newsidx_reader *r;
	newsidx_article a = { 0 };

	(void)state;
	r = open_mem("page.html.gz", gz, gz_len, NEWSIDX_FORMAT_AUTO, NULL);
	assert_int_equal(newsidx_reader_format(r), NEWSIDX_FORMAT_HTML);
	next_ok(r, &a);
	assert_string_equal(a.title, "Talks collapse in Istanbul");
	newsidx_reader_destroy(r);
	newsidx_article_clear(&a);

	/* A damaged page yields no article. */
	r = open_mem("page.html.gz", gz, gz_len - 20, NEWSIDX_FORMAT_AUTO,
		     NULL);
	assert_int_equal(newsidx_reader_next(r, &a), NEWSIDX_IO);
	assert_non_null(strstr(newsidx_reader_message(r), "truncated gzip"));
	newsidx_reader_destroy(r);
	free(gz);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sgml_full_record),
		cmocka_unit_test(test_sgml_brief_and_unproc),
		cmocka_unit_test(test_sgml_malformed_records),
		cmocka_unit_test(test_sgml_latin1_byte),
		cmocka_unit_test(test_sgml_truncated_gzip),
		cmocka_unit_test(test_jsonl_default_keys),
		cmocka_unit_test(test_jsonl_alias_keys),
		cmocka_unit_test(test_jsonl_dates),
		cmocka_unit_test(test_jsonl_authors_topics_source),
		cmocka_unit_test(test_jsonl_field_map),
		cmocka_unit_test(test_jsonl_bad_lines),
		cmocka_unit_test(test_jsonl_crlf_bom_latin1),
		cmocka_unit_test(test_jsonl_long_line),
		cmocka_unit_test(test_jsonl_gzip_same),
		cmocka_unit_test(test_jsonl_truncated_gzip),
		cmocka_unit_test(test_html_og_metadata),
		cmocka_unit_test(test_html_title_fallbacks),
		cmocka_unit_test(test_html_jsonld_and_time),
		cmocka_unit_test(test_html_body_selection),
		cmocka_unit_test(test_html_encodings),
		cmocka_unit_test(test_html_no_text),
		cmocka_unit_test(test_html_gzip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
