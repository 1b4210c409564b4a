/* query_omega: the quest-equivalent peer of the query benchmark: Xapian on
 * the database omindex built, through our binding (include/xapian-c.h).
 *
 *   query_omega [-p PASSES] [-b] DB QUERIES
 *
 * What quest and Omega do for a query: a QueryParser with Xapian's english
 * stemmer, STEM_SOME, default operator OR, the default flags (boolean,
 * phrase, love/hate) and Omega's prefix title -> S, given the same query
 * string; BM25 with Xapian's defaults; the top 10 (check_at_least 10, as
 * newsidx asks).  For each hit: its document data, the "sample=" field
 * omindex stores (the first 512 bytes or so of the file's text, headline
 * included: omindex gives plain-text files no separate title), and
 * MSet::snippet of that sample, 200 bytes, with the background model, as
 * newsidx snippets its stored text.  Note that omindex sees no headline in
 * a plain-text file, so its index has no S terms and title:word queries
 * match nothing there.
 *
 * Dates: omindex dates documents by modification time (mkcorpus sets it to
 * the article's date) as D (day), M (month) and Y (year) terms, and Omega
 * filters a date range with the OR of the fewest such terms that cover it
 * (Omega's date_range_filter).  So "date:A..B" is taken out of the query
 * string and becomes that filter.
 *
 * One untimed pass, then PASSES (default 3) timed passes, each query
 * alone.  Prints benchlib's "lat omega ..." lines.  -b (a diagnostic)
 * snippets without the background model, to show what it costs (it looks
 * up the frequency of every word of the text in the database); its lines
 * say "omega_nobg".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchlib.h"
#include "xapian-c.h"

static const char *prog = "query_omega";

typedef struct ctx {
	xc_db *db;
	xc_stem *stem;
	xc_qparser *qp;
	unsigned snippet_flags;
	size_t consumed; /* bytes of titles and snippets read */
} ctx;

static void check(xc_status rc, const char *what)
{
	if (rc != XC_OK)
		bench_die(prog, "%s: %s (%s)", what, xc_status_str(rc),
			  xc_last_error());
}

/* ------------------------------------------------------------------ */
/* Omega's date filter */

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

typedef struct ymd {
	int y, m, d;
} ymd;

static int ymd_cmp(ymd a, ymd b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	return (a.d > b.d) - (a.d < b.d);
}

static int add_term(xc_query ***terms, size_t *n, size_t *cap, const char *term)
{
	if (*n == *cap) {
		size_t new_cap = *cap ? *cap * 2 : 32;
		xc_query **grown = realloc(*terms, new_cap * sizeof *grown);

		if (!grown)
			return -1;
		*terms = grown;
		*cap = new_cap;
	}
	if (xc_query_new_term(term, 1, 0, &(*terms)[*n]) != XC_OK)
		return -1;
	(*n)++;
	return 0;
}

/* The OR of Y, M and D terms covering [lo, hi] (inclusive): whole years
 * as Y terms, whole months as M terms, the days left as D terms. */
static xc_query *date_filter(ymd lo, ymd hi)
{
	xc_query **terms = NULL, *q = NULL;
	size_t n = 0, cap = 0, i;
	ymd cur = lo;

	while (ymd_cmp(cur, hi) <= 0) {
		char term[16];
		ymd year_end = { cur.y, 12, 31 };
		ymd month_end = { cur.y, cur.m, month_days(cur.y, cur.m) };

		if (cur.m == 1 && cur.d == 1 && ymd_cmp(year_end, hi) <= 0) {
			snprintf(term, sizeof term, "Y%04d", cur.y);
			cur.y++;
		} else if (cur.d == 1 && ymd_cmp(month_end, hi) <= 0) {
			snprintf(term, sizeof term, "M%04d%02d", cur.y, cur.m);
			cur.d = month_days(cur.y, cur.m);
			cur.d++;
		} else {
			snprintf(term, sizeof term, "D%04d%02d%02d", cur.y,
				 cur.m, cur.d);
			cur.d++;
		}
		if (cur.d > month_days(cur.y, cur.m)) {
			cur.d = 1;
			if (++cur.m > 12) {
				cur.m = 1;
				cur.y++;
			}
		}
		if (add_term(&terms, &n, &cap, term) != 0)
			bench_die(prog, "out of memory");
	}
	check(xc_query_new_combined(XC_OP_OR, terms, n, 0, &q), "date filter");
	for (i = 0; i < n; i++)
		xc_query_destroy(terms[i]);
	free(terms);
	return q;
}

/* Take "date:YYYY-MM-DD..YYYY-MM-DD" out of text (in place); 1 if found. */
static int take_date_range(char *text, ymd *lo, ymd *hi)
{
	char *p = strstr(text, "date:");
	size_t len;

	if (!p || sscanf(p, "date:%d-%d-%d..%d-%d-%d", &lo->y, &lo->m, &lo->d,
			 &hi->y, &hi->m, &hi->d) != 6)
		return 0;
	len = strcspn(p, " ");
	memmove(p, p + len, strlen(p + len) + 1);
	return 1;
}

/* ------------------------------------------------------------------ */
/* Queries */

/* The value of "key=" in omindex's document data (lines "key=value"),
 * borrowed from data; *len gets its length. */
static const char *data_field(const char *data, size_t data_len,
			      const char *key, size_t *len)
{
	const char *p = data, *end = data + data_len;
	size_t key_len = strlen(key);

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;

		if ((size_t)(stop - p) > key_len && !memcmp(p, key, key_len) &&
		    p[key_len] == '=') {
			*len = (size_t)(stop - p - (ptrdiff_t)key_len - 1);
			return p + key_len + 1;
		}
		p = stop + 1;
	}
	*len = 0;
	return "";
}

static int run_query(void *arg, const bench_query *bq)
{
	ctx *c = arg;
	char *text = strdup(bq->text);
	xc_query *parsed = NULL, *q = NULL;
	xc_enquire *enq = NULL;
	xc_mset *ms = NULL;
	ymd lo, hi;
	int dated;
	unsigned i, size;
	xc_status rc;

	if (!text)
		bench_die(prog, "out of memory");
	dated = take_date_range(text, &lo, &hi);
	rc = xc_qparser_parse(c->qp, text, XC_QP_DEFAULT, NULL, &parsed);
	if (rc != XC_OK) {
		fprintf(stderr, "%s: '%s': %s\n", prog, bq->text,
			xc_qparser_error(c->qp));
		free(text);
		return -1;
	}
	if (dated) {
		xc_query *pair[2];

		pair[0] = parsed;
		pair[1] = date_filter(lo, hi);
		check(xc_query_new_combined(XC_OP_FILTER, pair, 2, 0, &q),
		      "filter");
		xc_query_destroy(pair[1]);
		xc_query_destroy(parsed);
	} else {
		q = parsed;
	}
	check(xc_enquire_new(c->db, &enq), "enquire");
	check(xc_enquire_set_query(enq, q), "enquire");
	check(xc_enquire_mset(enq, 0, 10, 10, NULL, &ms), bq->text);
	size = xc_mset_size(ms);
	for (i = 0; i < size; i++) {
		xc_doc *doc = NULL;
		const char *data, *sample;
		size_t len, sample_len, caption_len;
		char *snippet = NULL;

		check(xc_mset_document(ms, i, &doc), "document");
		check(xc_doc_get_data(doc, &data, &len), "document data");
		/* The title, if omindex found one (never for plain text). */
		data_field(data, len, "caption", &caption_len);
		sample = data_field(data, len, "sample", &sample_len);
		check(xc_mset_snippet(ms, sample, sample_len, 200, c->stem,
				      c->snippet_flags, "", "", "…", &snippet),
		      "snippet");
		c->consumed += caption_len + strlen(snippet);
		free(snippet);
		xc_doc_destroy(doc);
	}
	xc_mset_destroy(ms);
	xc_enquire_destroy(enq);
	xc_query_destroy(q);
	free(text);
	return (int)size;
}

int main(int argc, char **argv)
{
	unsigned passes = 3;
	bench_queries qs;
	bench_lat lat;
	ctx c;
	int opt;

	memset(&c, 0, sizeof c);
	c.snippet_flags = XC_SNIPPET_BACKGROUND_MODEL;
	while ((opt = getopt(argc, argv, "p:b")) != -1) {
		if (opt == 'p')
			passes = (unsigned)strtoul(optarg, NULL, 10);
		else if (opt == 'b')
			c.snippet_flags = 0;
		else
			goto usage;
	}
	if (argc - optind != 2)
		goto usage;
	if (bench_queries_read(argv[optind + 1], &qs) != 0)
		bench_die(prog, "%s: %s", argv[optind + 1], strerror(errno));
	memset(&lat, 0, sizeof lat);
	check(xc_db_open(argv[optind], &c.db), argv[optind]);
	check(xc_stem_new_builtin("english", &c.stem), "stemmer");
	check(xc_qparser_new(&c.qp), "query parser");
	check(xc_qparser_set_stemmer(c.qp, c.stem), "query parser");
	check(xc_qparser_set_stemming_strategy(c.qp, XC_STEM_SOME),
	      "query parser");
	check(xc_qparser_set_database(c.qp, c.db), "query parser");
	check(xc_qparser_set_default_op(c.qp, XC_OP_OR), "query parser");
	check(xc_qparser_add_prefix(c.qp, "title", "S"), "query parser");
	if (bench_run_queries(&qs, passes, run_query, &c, &lat) != 0)
		return 1;
	bench_lat_report(&lat, c.snippet_flags ? "omega" : "omega_nobg");
	fprintf(stderr, "%s: %zu queries x %u passes, %zu bytes of hits\n",
		prog, qs.n, passes, c.consumed);
	xc_qparser_destroy(c.qp);
	xc_stem_destroy(c.stem);
	xc_db_destroy(c.db);
	bench_lat_free(&lat);
	bench_queries_free(&qs);
	return 0;
usage:
	fprintf(stderr, "usage: %s [-p PASSES] [-b] DB QUERIES\n", prog);
	return 2;
}
