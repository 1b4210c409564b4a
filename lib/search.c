/* search.c: running queries and turning the match set into hits.
 *
 * Query strings use Xapian's QueryParser syntax with the field names of
 * the schema (newsidx-private.h).  They are folded like indexed text, so
 * "Erdoğan" and "erdogan" meet.  Ranking is BM25 with the k1 and b of the
 * options; equal scores come in article id order (value NX_SLOT_ID), the
 * same however the articles are spread over shards.
 *
 * Free-text mode is for long natural-language queries (a pasted paragraph,
 * a research question): no operator, field or phrase is recognised and the
 * words are ORed, prepared the way eval/RESULTS.md measured to rank such
 * queries best on seven test collections:
 *  - ASCII letters are lower-cased, because the parser leaves words that
 *    start with a capital unstemmed (as names): "MEASUREMENTS OF LIQUIDS"
 *    should find "measurement" and "liquid";
 *  - "- / : \ @" become spaces: between two words the parser would make
 *    them an unstemmed phrase ("x-ray", "title:word");
 *  - English stop words are dropped (Snowball's list), unless the query
 *    has nothing else;
 *  - optionally (off by default: they did not pay) the same words again
 *    against titles alone (the S terms), and a bonus for neighbouring
 *    words found near each other (OP_NEAR pairs of the unstemmed words,
 *    which alone carry positions);
 *  - optionally (off by default: it pays, but costs several times the
 *    query time) pseudo-relevance feedback, RM3-style: the best prf_docs
 *    hits are taken as relevant, Xapian's expand set (ESet) gives their
 *    best prf_terms stems, weighted alike, and the query becomes
 *        (1 - prf_weight) * query  OR  prf_weight * OR(expansion terms)
 *    with OP_SCALE_WEIGHT.
 */
#include <json-c/json.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx-private.h"
#include "xapian-c.h"

#define DEFAULT_SNIPPET_LEN 200
#define MIN_CHECK	    100 /* matches always counted exactly */

/* Ranking defaults: the measurements behind them are in eval/RESULTS.md. */
#define DEFAULT_K1	     2.0
#define DEFAULT_B	     0.5
#define DEFAULT_STOPWORDS    1
#define DEFAULT_PRF_DOCS     0
#define DEFAULT_PRF_TERMS    20
#define DEFAULT_PRF_WEIGHT   0.15
#define DEFAULT_TITLE_WEIGHT 0.0
#define DEFAULT_NEAR_WEIGHT  0.0
#define DEFAULT_NEAR_WINDOW  8

/* The ESet is asked for ESET_SLACK times the expansion terms wanted (plus
 * 20): it also offers the unstemmed and field-prefixed copies of words,
 * which are skipped.  MAX_PRF_TERMS bounds the request. */
#define ESET_SLACK    4
#define MAX_PRF_TERMS 1000

/* Snowball's English stop word list (snowballstem.org, english/stop.txt). */
static const char *const stop_words[] = {
	"i",	   "me",       "my",	     "myself",	   "we",
	"our",	   "ours",     "ourselves",  "you",	   "your",
	"yours",   "yourself", "yourselves", "he",	   "him",
	"his",	   "himself",  "she",	     "her",	   "hers",
	"herself", "it",       "its",	     "itself",	   "they",
	"them",	   "their",    "theirs",     "themselves", "what",
	"which",   "who",      "whom",	     "this",	   "that",
	"these",   "those",    "am",	     "is",	   "are",
	"was",	   "were",     "be",	     "been",	   "being",
	"have",	   "has",      "had",	     "having",	   "do",
	"does",	   "did",      "doing",	     "would",	   "should",
	"could",   "ought",    "i'm",	     "you're",	   "he's",
	"she's",   "it's",     "we're",	     "they're",	   "i've",
	"you've",  "we've",    "they've",    "i'd",	   "you'd",
	"he'd",	   "she'd",    "we'd",	     "they'd",	   "i'll",
	"you'll",  "he'll",    "she'll",     "we'll",	   "they'll",
	"isn't",   "aren't",   "wasn't",     "weren't",	   "hasn't",
	"haven't", "hadn't",   "doesn't",    "don't",	   "didn't",
	"won't",   "wouldn't", "shan't",     "shouldn't",  "can't",
	"cannot",  "couldn't", "mustn't",    "let's",	   "that's",
	"who's",   "what's",   "here's",     "there's",	   "when's",
	"where's", "why's",    "how's",	     "a",	   "an",
	"the",	   "and",      "but",	     "if",	   "or",
	"because", "as",       "until",	     "while",	   "of",
	"at",	   "by",       "for",	     "with",	   "about",
	"against", "between",  "into",	     "through",	   "during",
	"before",  "after",    "above",	     "below",	   "to",
	"from",	   "up",       "down",	     "in",	   "out",
	"on",	   "off",      "over",	     "under",	   "again",
	"further", "then",     "once",	     "here",	   "there",
	"when",	   "where",    "why",	     "how",	   "all",
	"any",	   "both",     "each",	     "few",	   "more",
	"most",	   "other",    "some",	     "such",	   "no",
	"nor",	   "not",      "only",	     "own",	   "same",
	"so",	   "than",     "too",	     "very",
};

struct newsidx_results {
	newsidx_hit *hits;
	size_t n;
	unsigned total;
	/* Storage the hits' strings point into. */
	json_object **data;
	char **snippets;
	newsidx_strlist *lists;	 /* 2 per hit: topics, authors */
	newsidx_strlist *dups;	 /* 1 per hit, items malloc'ed */
	nx_facets *facets;	 /* NULL unless asked for */
	nx_alias_query *aliases; /* names the query expanded */
	nx_explain *explain;	 /* NULL unless asked for */
	char *suggestion;	 /* malloc'ed; NULL for none */
	int corrected;		 /* the hits are the suggestion's */
	int exact;		 /* total is exact, not an estimate */
};

const nx_field nx_free_fields[NX_N_FREE_FIELDS] = {
	{ "title", "S" },   { "source", "XSRC" }, { "place", "XPL" },
	{ "topic", "XTO" }, { "person", "XPE" },  { "org", "XOR" },
	{ "author", "A" },
};

NX_EXPORT void newsidx_search_opts_init(newsidx_search_opts *opts)
{
	memset(opts, 0, sizeof *opts);
	opts->limit = 10;
	opts->sort = NEWSIDX_SORT_RELEVANCE;
	opts->snippet_len = DEFAULT_SNIPPET_LEN;
	opts->hi_start = "";
	opts->hi_end = "";
	opts->bm25_k1 = DEFAULT_K1;
	opts->bm25_b = DEFAULT_B;
	opts->stopwords = DEFAULT_STOPWORDS;
	opts->prf_docs = DEFAULT_PRF_DOCS;
	opts->prf_terms = DEFAULT_PRF_TERMS;
	opts->prf_weight = DEFAULT_PRF_WEIGHT;
	opts->title_weight = DEFAULT_TITLE_WEIGHT;
	opts->near_weight = DEFAULT_NEAR_WEIGHT;
	opts->near_window = DEFAULT_NEAR_WINDOW;
}

static newsidx_status search_fail(newsidx_db *db, xc_status xrc,
				  const char *what)
{
	const char *detail = xc_last_error();

	return nx_db_fail(db, nx_status_from_xc(xrc), "%s: %s", what,
			  detail[0] ? detail : xc_status_str(xrc));
}

/* "YYYY-MM-DD" (or any date nx_date_parse takes) to "YYYYMMDD". */
static int date_value(const char *s, char out[9])
{
	char iso[11];

	if (!nx_date_parse(s, 0, iso))
		return 0;
	memcpy(out, iso, 4);
	memcpy(out + 4, iso + 5, 2);
	memcpy(out + 6, iso + 8, 2);
	out[8] = '\0';
	return 1;
}

static newsidx_status make_parser(newsidx_db *db, int free_text, int all_words,
				  xc_stem_strategy strategy,
				  xc_stopper *stopper, xc_qparser **out)
{
	xc_qparser *qp = NULL;
	xc_status xrc;
	size_t i;

	*out = NULL;
	xrc = xc_qparser_new(&qp);
	if (xrc == XC_OK)
		xrc = xc_qparser_set_stemmer(qp, db->stem);
	if (xrc == XC_OK)
		xrc = xc_qparser_set_stemming_strategy(qp, strategy);
	if (xrc == XC_OK)
		xrc = xc_qparser_set_database(qp, db->xdb);
	if (xrc == XC_OK)
		xrc = xc_qparser_set_default_op(qp, all_words ? XC_OP_AND
							      : XC_OP_OR);
	if (xrc == XC_OK && stopper)
		xrc = xc_qparser_set_stopper(qp, stopper);
	for (i = 0; !free_text && xrc == XC_OK && i < NX_N_FREE_FIELDS; i++)
		xrc = xc_qparser_add_prefix(qp, nx_free_fields[i].field,
					    nx_free_fields[i].prefix);
	if (!free_text && xrc == XC_OK)
		xrc = xc_qparser_add_boolean_prefix(qp, "id", "Q");
	if (!free_text && xrc == XC_OK)
		xrc = xc_qparser_add_boolean_prefix(qp, "year", "XY");
	if (!free_text && xrc == XC_OK)
		xrc = xc_qparser_add_date_range(qp, NX_SLOT_DATE, "date");
	if (xrc != XC_OK) {
		xc_qparser_destroy(qp);
		return search_fail(db, xrc, "setting up the query parser");
	}
	*out = qp;
	return NEWSIDX_OK;
}

/* A list of terms: a query's distinct terms in order of first appearance,
 * or expansion terms. */
typedef struct term_list {
	char **terms;
	size_t n, cap;
	size_t want; /* stop collecting at this many (0: all) */
	int nomem;
} term_list;

/* Add term[0..len); returns non-zero to stop a term walk (out of memory,
 * or tl->want reached). */
static int term_list_add(term_list *tl, const char *term, size_t len)
{
	if (tl->n == tl->cap) {
		size_t cap = tl->cap ? 2 * tl->cap : 16;
		char **terms = realloc(tl->terms, cap * sizeof *terms);

		if (!terms) {
			tl->nomem = 1;
			return 1;
		}
		tl->terms = terms;
		tl->cap = cap;
	}
	tl->terms[tl->n] = nx_strndup(term, len);
	if (!tl->terms[tl->n]) {
		tl->nomem = 1;
		return 1;
	}
	tl->n++;
	return tl->want && tl->n >= tl->want;
}

static int collect_term(void *ctx, const char *term, size_t len)
{
	return term_list_add(ctx, term, len);
}

static void term_list_free(term_list *tl)
{
	size_t i;

	for (i = 0; i < tl->n; i++)
		free(tl->terms[i]);
	free(tl->terms);
	memset(tl, 0, sizeof *tl);
}

/* OR of the term queries of terms[0..n); *out NULL when n is 0. */
static xc_status or_of_terms(char *const *terms, size_t n, xc_query **out)
{
	xc_query **subs;
	xc_status xrc = XC_OK;
	size_t i, made = 0;

	*out = NULL;
	if (n == 0)
		return XC_OK;
	subs = calloc(n, sizeof *subs);
	if (!subs)
		return XC_NOMEM;
	for (i = 0; i < n && xrc == XC_OK; i++) {
		xrc = xc_query_new_term(terms[i], 1, 0, &subs[i]);
		made = i + 1;
	}
	if (xrc == XC_OK)
		xrc = xc_query_new_combined(XC_OP_OR, subs, n, 0, out);
	for (i = 0; i < made; i++)
		xc_query_destroy(subs[i]);
	free(subs);
	return xrc;
}

/* *q = op(*q, scale * part); part is consumed.  Sticky on xrc. */
static xc_status combine(xc_status xrc, xc_query_op op, xc_query **q,
			 xc_query *part, double scale)
{
	xc_query *scaled = NULL, *both = NULL, *pair[2];

	if (xrc == XC_OK && part)
		xrc = xc_query_new_scaled(part, scale, &scaled);
	if (xrc == XC_OK && scaled) {
		pair[0] = *q;
		pair[1] = scaled;
		xrc = xc_query_new_combined(op, pair, 2, 0, &both);
	}
	if (xrc == XC_OK && both) {
		xc_query_destroy(*q);
		*q = both;
	}
	xc_query_destroy(scaled);
	xc_query_destroy(part);
	return xrc;
}

/* The title part of free text: the S-prefixed twin of each term ("Zfoo"
 * is "ZSfoo", "foo" is "Sfoo"). */
static xc_status title_part(const term_list *words, xc_query **out)
{
	term_list titled = { 0 };
	xc_status xrc;
	size_t i;

	*out = NULL;
	for (i = 0; i < words->n && !titled.nomem; i++) {
		const char *t = words->terms[i];
		char *s = t[0] == 'Z' ? nx_asprintf("ZS%s", t + 1)
				      : nx_asprintf("S%s", t);

		if (!s)
			titled.nomem = 1;
		else
			term_list_add(&titled, s, strlen(s));
		free(s);
	}
	xrc = titled.nomem ? XC_NOMEM
			   : or_of_terms(titled.terms, titled.n, out);
	term_list_free(&titled);
	return xrc;
}

/* The proximity part of free text: OR of NEAR(a, b) for each pair of
 * neighbouring words (unstemmed: only they carry positions). */
static xc_status near_part(const term_list *words, unsigned window,
			   xc_query **out)
{
	xc_query **pairs;
	xc_status xrc = XC_OK;
	size_t i, n = 0;

	*out = NULL;
	if (words->n < 2)
		return XC_OK;
	pairs = calloc(words->n - 1, sizeof *pairs);
	if (!pairs)
		return XC_NOMEM;
	for (i = 0; i + 1 < words->n && xrc == XC_OK; i++) {
		xc_query *two[2] = { NULL, NULL };

		xrc = xc_query_new_term(words->terms[i], 1, 0, &two[0]);
		if (xrc == XC_OK)
			xrc = xc_query_new_term(words->terms[i + 1], 1, 0,
						&two[1]);
		if (xrc == XC_OK)
			xrc = xc_query_new_combined(XC_OP_NEAR, two, 2, window,
						    &pairs[n++]);
		xc_query_destroy(two[0]);
		xc_query_destroy(two[1]);
	}
	if (xrc == XC_OK)
		xrc = xc_query_new_combined(XC_OP_OR, pairs, n, 0, out);
	for (i = 0; i < n; i++)
		xc_query_destroy(pairs[i]);
	free(pairs);
	return xrc;
}

/* Free text made plain words, in place: ASCII letters lower-cased, as the
 * query parser leaves words that start with a capital unstemmed (names, in
 * an interactive query); and the characters that make the parser join the
 * words on either side into a phrase ("x-ray", "and/or", "title:word")
 * made spaces: free text has no phrases, and the words then match
 * separately, stemmed. */
static void plain_words(char *s)
{
	for (; *s; s++) {
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
		else if (strchr("-/:\\@", *s))
			*s = ' ';
	}
}

/* Parse free text (folded) with strategy into *out, and its distinct
 * terms into *terms when terms is not NULL. */
static newsidx_status parse_words(newsidx_db *db,
				  const newsidx_search_opts *opts,
				  const char *text, xc_stem_strategy strategy,
				  xc_query **out, term_list *terms)
{
	xc_qparser *qp = NULL;
	xc_stopper *stopper = NULL;
	newsidx_status rc = NEWSIDX_OK;
	xc_status xrc = XC_OK;

	*out = NULL;
	if (opts->stopwords)
		xrc = xc_stopper_new(stop_words,
				     sizeof stop_words / sizeof stop_words[0],
				     &stopper);
	if (xrc != XC_OK)
		return search_fail(db, xrc, "stop words");
	rc = make_parser(db, 1, 0, strategy, stopper, &qp);
	if (rc == NEWSIDX_OK) {
		xrc = xc_qparser_parse(qp, text, 0u, NULL, out);
		if (xrc == XC_OK && terms)
			xrc = xc_query_terms(*out, collect_term, terms);
		if (xrc == XC_OK && terms && terms->nomem)
			xrc = XC_NOMEM;
		if (xrc != XC_OK)
			rc = search_fail(db, xrc, "query");
	}
	xc_qparser_destroy(qp);
	xc_stopper_destroy(stopper);
	return rc;
}

/* Free text into *out: the words ORed, plus the title and proximity
 * parts when asked for. */
static newsidx_status parse_free_text(newsidx_db *db,
				      const newsidx_search_opts *opts,
				      char *folded, xc_query **out)
{
	term_list words = { 0 }, plain = { 0 };
	xc_query *q = NULL, *part = NULL, *unstemmed = NULL;
	newsidx_status rc;
	xc_status xrc = XC_OK;

	plain_words(folded);
	rc = parse_words(db, opts, folded, XC_STEM_SOME, &q, &words);
	if (rc == NEWSIDX_OK && opts->title_weight > 0) {
		xrc = title_part(&words, &part);
		xrc = combine(xrc, XC_OP_OR, &q, part, opts->title_weight);
	}
	if (rc == NEWSIDX_OK && xrc == XC_OK && opts->near_weight > 0) {
		rc = parse_words(db, opts, folded, XC_STEM_NONE, &unstemmed,
				 &plain);
		if (rc == NEWSIDX_OK) {
			xrc = near_part(&plain,
					opts->near_window ? opts->near_window
							  : DEFAULT_NEAR_WINDOW,
					&part);
			xrc = combine(xrc, XC_OP_AND_MAYBE, &q, part,
				      opts->near_weight);
		}
	}
	if (rc == NEWSIDX_OK && xrc != XC_OK)
		rc = search_fail(db, xrc, "query");
	xc_query_destroy(unstemmed);
	term_list_free(&words);
	term_list_free(&plain);
	if (rc != NEWSIDX_OK) {
		xc_query_destroy(q);
		return rc;
	}
	*out = q;
	return NEWSIDX_OK;
}

/* Parse the query string into *out (the match-all query when empty);
 * *aliases gets the names expanded by aliases (free it after *out). */
static newsidx_status parse_query(newsidx_db *db,
				  const newsidx_search_opts *opts,
				  xc_query **out, nx_alias_query **aliases)
{
	xc_qparser *qp = NULL;
	int free_text = (opts->flags & NEWSIDX_SEARCH_FREE_TEXT) != 0;
	char *folded;
	newsidx_status rc;
	xc_status xrc;

	*out = NULL;
	*aliases = NULL;
	if (nx_str_empty(opts->query) ||
	    strspn(opts->query, " \t\r\n") == strlen(opts->query)) {
		xrc = xc_query_new_match_all(out);
		return xrc == XC_OK ? NEWSIDX_OK
				    : search_fail(db, xrc, "query");
	}
	if (!nx_text_valid_utf8(opts->query, strlen(opts->query)))
		return nx_db_fail(db, NEWSIDX_BAD_ARG,
				  "the query is not valid UTF-8");
	folded = nx_text_fold(opts->query, strlen(opts->query));
	if (!folded)
		return NEWSIDX_NOMEM;
	if (free_text) {
		rc = parse_free_text(db, opts, folded, out);
		free(folded);
		return rc;
	}
	rc = make_parser(db, 0, (opts->flags & NX_SEARCH_ALL_WORDS) != 0,
			 XC_STEM_SOME, NULL, &qp);
	/* Names with aliases become references to the expansion. */
	if (rc == NEWSIDX_OK && !(opts->flags & NEWSIDX_SEARCH_NO_ALIASES)) {
		char *rewritten = NULL;

		rc = nx_alias_rewrite(db, folded, aliases, &rewritten);
		if (rc == NEWSIDX_OK && nx_alias_query_size(*aliases) &&
		    nx_alias_attach(*aliases, qp) != XC_OK)
			rc = search_fail(db, XC_NOMEM, "query");
		if (rc == NEWSIDX_OK) {
			free(folded);
			folded = rewritten;
		} else {
			free(rewritten);
		}
	}
	if (rc == NEWSIDX_OK) {
		xrc = xc_qparser_parse(
			qp, folded, (unsigned)(XC_QP_DEFAULT | XC_QP_PURE_NOT),
			NULL, out);
		if (xrc == XC_QUERY_SYNTAX)
			rc = nx_db_fail(db, NEWSIDX_QUERY_SYNTAX,
					"cannot parse query '%s': %s",
					opts->query, xc_qparser_error(qp));
		else if (xrc != XC_OK)
			rc = search_fail(db, xrc, "query");
	}
	xc_qparser_destroy(qp);
	free(folded);
	return rc;
}

/* The date range of --since/--until into *range (NULL when neither). */
static newsidx_status
date_range(newsidx_db *db, const newsidx_search_opts *opts, xc_query **range)
{
	char lo[9], hi[9];
	xc_status xrc;

	*range = NULL;
	if (nx_str_empty(opts->since) && nx_str_empty(opts->until))
		return NEWSIDX_OK;
	if (!nx_str_empty(opts->since) && !date_value(opts->since, lo))
		return nx_db_fail(db, NEWSIDX_BAD_ARG,
				  "--since '%s' is not a date (YYYY-MM-DD)",
				  opts->since);
	if (!nx_str_empty(opts->until) && !date_value(opts->until, hi))
		return nx_db_fail(db, NEWSIDX_BAD_ARG,
				  "--until '%s' is not a date (YYYY-MM-DD)",
				  opts->until);
	xrc = xc_query_new_value_range(
		NX_SLOT_DATE, nx_str_empty(opts->since) ? NULL : lo,
		nx_str_empty(opts->until) ? NULL : hi, range);
	return xrc == XC_OK ? NEWSIDX_OK : search_fail(db, xrc, "date filter");
}

/* q filtered by range (a copy of q when range is NULL) into *out. */
static xc_status filtered(xc_query *q, xc_query *range, xc_query **out)
{
	xc_query *pair[2] = { q, range };

	return xc_query_new_combined(range ? XC_OP_FILTER : XC_OP_OR, pair,
				     range ? 2 : 1, 0, out);
}

/* Keep a term of the expand set: stems of words only ("Z" then not a
 * capital: capitals start field prefixes). */
static int take_expansion_term(void *ctx, const char *term, size_t len,
			       double weight)
{
	(void)weight; /* each term weighs alike: eval/RESULTS.md */
	if (len < 2 || term[0] != 'Z' || (term[1] >= 'A' && term[1] <= 'Z'))
		return 0;
	return term_list_add(ctx, term, len);
}

/* Pseudo-relevance feedback on enq (set up with the weighting): match q
 * (filtered by range), take the best opts->prf_docs as relevant, and put
 * the expanded, filtered query in *out. */
static xc_status expand_query(xc_enquire *enq, const newsidx_search_opts *opts,
			      xc_query *q, xc_query *range, xc_query **out)
{
	xc_query *first = NULL, *expansion = NULL, *mixed = NULL;
	/* expansion is consumed by combine(). */
	xc_rset *rset = NULL;
	xc_mset *ms = NULL;
	term_list terms = { 0 };
	xc_status xrc;
	unsigned i, size = 0;

	*out = NULL;
	xrc = filtered(q, range, &first);
	if (xrc == XC_OK)
		xrc = xc_enquire_set_query(enq, first);
	if (xrc == XC_OK)
		xrc = xc_enquire_mset(enq, 0, opts->prf_docs, 0, NULL, &ms);
	if (xrc == XC_OK)
		size = xc_mset_size(ms);
	if (xrc == XC_OK && size > 0)
		xrc = xc_rset_new(&rset);
	for (i = 0; xrc == XC_OK && i < size; i++) {
		unsigned docid;

		xrc = xc_mset_docid(ms, i, &docid);
		if (xrc == XC_OK)
			xrc = xc_rset_add(rset, docid);
	}
	terms.want = opts->prf_terms < MAX_PRF_TERMS ? opts->prf_terms
						     : MAX_PRF_TERMS;
	if (xrc == XC_OK && size > 0)
		xrc = xc_enquire_eset(enq, terms.want * ESET_SLACK + 20, rset,
				      1, take_expansion_term, &terms);
	if (xrc == XC_OK && terms.nomem)
		xrc = XC_NOMEM;
	if (xrc == XC_OK && terms.n > 0) {
		xrc = or_of_terms(terms.terms, terms.n, &expansion);
		if (xrc == XC_OK)
			xrc = xc_query_new_scaled(q, 1.0 - opts->prf_weight,
						  &mixed);
		xrc = combine(xrc, XC_OP_OR, &mixed, expansion,
			      opts->prf_weight);
		if (xrc == XC_OK)
			xrc = filtered(mixed, range, out);
	} else if (xrc == XC_OK) {
		*out = first;
		first = NULL;
	}
	xc_query_destroy(first);
	xc_query_destroy(mixed);
	xc_rset_destroy(rset);
	xc_mset_destroy(ms);
	term_list_free(&terms);
	return xrc;
}

/* Similar articles (opts->like): at most LIKE_TERMS of the article's own
 * terms, weighted by the ESet. */
#define LIKE_TERMS 40

typedef struct weighted_terms {
	term_list terms;
	double *weights;
	size_t cap;
} weighted_terms;

/* Keep a stem of the article for --like, with its weight. */
static int take_like_term(void *ctx, const char *term, size_t len,
			  double weight)
{
	weighted_terms *wt = ctx;

	if (len < 2 || term[0] != 'Z' || (term[1] >= 'A' && term[1] <= 'Z'))
		return 0;
	if (wt->terms.n == wt->cap) {
		size_t cap = wt->cap ? 2 * wt->cap : 64;
		double *more = realloc(wt->weights, cap * sizeof *more);

		if (!more) {
			wt->terms.nomem = 1;
			return 1;
		}
		wt->weights = more;
		wt->cap = cap;
	}
	wt->weights[wt->terms.n] = weight;
	return term_list_add(&wt->terms, term, len);
}

static int first_docid(void *ctx, unsigned docid)
{
	*(unsigned *)ctx = docid;
	return 1;
}

/* The cluster key of document docid into *key (malloc'ed; NULL when it
 * has none). */
static xc_status cluster_of(xc_db *xdb, unsigned docid, char **key)
{
	xc_doc *doc = NULL;
	const char *v = NULL;
	size_t len = 0;
	xc_status xrc;

	*key = NULL;
	xrc = xc_db_get_document(xdb, docid, &doc);
	if (xrc == XC_OK)
		xrc = xc_doc_get_value(doc, NX_SLOT_CLUSTER, &v, &len);
	if (xrc == XC_OK && len && !(*key = nx_strndup(v, len)))
		xrc = XC_NOMEM;
	xc_doc_destroy(doc);
	return xrc;
}

/* NOT(the article OR its cluster): what --like leaves out. */
static xc_status like_exclusions(const char *qterm, const char *key,
				 xc_query **out)
{
	char *terms[2];
	size_t n = 0;
	xc_status xrc;

	*out = NULL;
	terms[n++] = (char *)qterm;
	if (key) {
		terms[n] = nx_db_key_term("XCL", key);
		if (!terms[n])
			return XC_NOMEM;
		n++;
	}
	xrc = or_of_terms(terms, n, out);
	if (key)
		free(terms[1]);
	return xrc;
}

/* The query of opts->like into *out: OR of the article's best terms,
 * each scaled by its ESet weight, AND_NOT the article and its cluster. */
static newsidx_status
like_query(newsidx_db *db, const newsidx_search_opts *opts, xc_query **out)
{
	char *qterm = nx_db_key_term("Q", opts->like), *key = NULL;
	weighted_terms wt;
	xc_enquire *enq = NULL;
	xc_rset *rset = NULL;
	xc_query **subs = NULL, *any = NULL, *excluded = NULL, *pair[2];
	unsigned docid = 0;
	size_t i, made = 0;
	xc_status xrc;

	*out = NULL;
	memset(&wt, 0, sizeof wt);
	wt.terms.want = LIKE_TERMS;
	if (!qterm)
		return NEWSIDX_NOMEM;
	xrc = xc_db_postlist(db->xdb, qterm, first_docid, &docid);
	if (xrc == XC_OK && !docid) {
		free(qterm);
		return nx_db_fail(db, NEWSIDX_BAD_ARG,
				  "--like '%s': no article has this id",
				  opts->like);
	}
	if (xrc == XC_OK)
		xrc = cluster_of(db->xdb, docid, &key);
	if (xrc == XC_OK)
		xrc = xc_enquire_new(db->xdb, &enq);
	if (xrc == XC_OK)
		xrc = xc_rset_new(&rset);
	if (xrc == XC_OK)
		xrc = xc_rset_add(rset, docid);
	if (xrc == XC_OK)
		xrc = xc_enquire_eset(enq, LIKE_TERMS * ESET_SLACK + 20, rset,
				      1, take_like_term, &wt);
	if (xrc == XC_OK && wt.terms.nomem)
		xrc = XC_NOMEM;
	if (xrc == XC_OK && wt.terms.n &&
	    !(subs = calloc(wt.terms.n, sizeof *subs)))
		xrc = XC_NOMEM;
	for (i = 0; xrc == XC_OK && i < wt.terms.n; i++) {
		xc_query *term = NULL;

		xrc = xc_query_new_term(wt.terms.terms[i], 1, 0, &term);
		if (xrc == XC_OK)
			xrc = xc_query_new_scaled(term, wt.weights[i],
						  &subs[i]);
		xc_query_destroy(term);
		made = i + 1;
	}
	/* No term to go on (an empty article): nothing is like it. */
	if (xrc == XC_OK)
		xrc = xc_query_new_combined(XC_OP_OR, subs, made, 0, &any);
	if (xrc == XC_OK)
		xrc = like_exclusions(qterm, key, &excluded);
	if (xrc == XC_OK) {
		pair[0] = any;
		pair[1] = excluded;
		xrc = xc_query_new_combined(XC_OP_AND_NOT, pair, 2, 0, out);
	}
	for (i = 0; i < made; i++)
		xc_query_destroy(subs[i]);
	free(subs);
	xc_query_destroy(any);
	xc_query_destroy(excluded);
	xc_rset_destroy(rset);
	xc_enquire_destroy(enq);
	term_list_free(&wt.terms);
	free(wt.weights);
	free(key);
	free(qterm);
	return xrc == XC_OK ? NEWSIDX_OK : search_fail(db, xrc, "--like");
}

/* The query of opts: the parsed query string, or with opts->like the
 * similar-articles query filtered by it. */
static newsidx_status make_query(newsidx_db *db,
				 const newsidx_search_opts *opts,
				 xc_query **out, nx_alias_query **aliases)
{
	xc_query *q = NULL, *like = NULL, *pair[2];
	newsidx_status rc;
	xc_status xrc;

	*out = NULL;
	*aliases = NULL;
	if (nx_str_empty(opts->like))
		return parse_query(db, opts, out, aliases);
	rc = like_query(db, opts, &like);
	if (rc == NEWSIDX_OK && !nx_str_empty(opts->query) &&
	    strspn(opts->query, " \t\r\n") != strlen(opts->query)) {
		rc = parse_query(db, opts, &q, aliases);
		if (rc == NEWSIDX_OK) {
			pair[0] = like;
			pair[1] = q;
			xrc = xc_query_new_combined(XC_OP_FILTER, pair, 2, 0,
						    out);
			if (xrc != XC_OK)
				rc = search_fail(db, xrc, "--like");
		}
		xc_query_destroy(like);
		xc_query_destroy(q);
		return rc;
	}
	if (rc == NEWSIDX_OK)
		*out = like;
	return rc;
}

/* Near-duplicates listed per hit at most. */
#define MAX_DUPLICATES 100

/* The ids of the other members of cluster key that match final, best
 * first, into list (items malloc'ed). */
static xc_status find_duplicates(newsidx_db *db,
				 const newsidx_search_opts *opts,
				 xc_query *final, const char *key,
				 unsigned docid, newsidx_strlist *list)
{
	char *term = nx_db_key_term("XCL", key);
	xc_query *member = NULL, *both = NULL, *pair[2];
	xc_enquire *enq = NULL;
	xc_mset *ms = NULL;
	xc_status xrc = term ? XC_OK : XC_NOMEM;
	unsigned i, size = 0;

	if (xrc == XC_OK)
		xrc = xc_query_new_term(term, 1, 0, &member);
	if (xrc == XC_OK) {
		pair[0] = final;
		pair[1] = member;
		xrc = xc_query_new_combined(XC_OP_FILTER, pair, 2, 0, &both);
	}
	if (xrc == XC_OK)
		xrc = xc_enquire_new(db->xdb, &enq);
	if (xrc == XC_OK)
		xrc = xc_enquire_set_bm25(enq, opts->bm25_k1, 0.0, 1.0,
					  opts->bm25_b, 0.5);
	if (xrc == XC_OK)
		xrc = xc_enquire_set_sort_by_relevance_then_value(
			enq, NX_SLOT_ID, 0);
	if (xrc == XC_OK)
		xrc = xc_enquire_set_query(enq, both);
	if (xrc == XC_OK)
		xrc = xc_enquire_mset(enq, 0, MAX_DUPLICATES + 1, 0, NULL, &ms);
	if (xrc == XC_OK)
		size = xc_mset_size(ms);
	if (xrc == XC_OK && size &&
	    !(list->items = calloc(size, sizeof *list->items)))
		xrc = XC_NOMEM;
	for (i = 0; xrc == XC_OK && i < size && list->n < MAX_DUPLICATES; i++) {
		xc_doc *doc = NULL;
		const char *id = NULL;
		size_t len = 0;
		unsigned other = 0;

		xrc = xc_mset_docid(ms, i, &other);
		if (xrc != XC_OK || other == docid)
			continue;
		xrc = xc_mset_document(ms, i, &doc);
		if (xrc == XC_OK)
			xrc = xc_doc_get_value(doc, NX_SLOT_ID, &id, &len);
		if (xrc == XC_OK &&
		    !(list->items[list->n++] = nx_strndup(id, len)))
			xrc = XC_NOMEM;
		xc_doc_destroy(doc);
	}
	xc_mset_destroy(ms);
	xc_enquire_destroy(enq);
	xc_query_destroy(both);
	xc_query_destroy(member);
	free(term);
	return xrc;
}

static const char *json_str(json_object *o, const char *key)
{
	json_object *v;

	if (o && json_object_object_get_ex(o, key, &v) &&
	    json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	return "";
}

/* A list in the document data, as a borrowed strlist view. */
static newsidx_status json_list(json_object *o, const char *key,
				newsidx_strlist *list)
{
	json_object *arr;
	size_t i, n;

	memset(list, 0, sizeof *list);
	if (!o || !json_object_object_get_ex(o, key, &arr) ||
	    !json_object_is_type(arr, json_type_array))
		return NEWSIDX_OK;
	n = json_object_array_length(arr);
	if (!n)
		return NEWSIDX_OK;
	list->items = calloc(n, sizeof *list->items);
	if (!list->items)
		return NEWSIDX_NOMEM;
	for (i = 0; i < n; i++)
		list->items[i] = (char *)json_object_get_string(
			json_object_array_get_idx(arr, i));
	list->n = n;
	return NEWSIDX_OK;
}

static newsidx_status make_snippet(newsidx_db *db, const xc_mset *ms,
				   const newsidx_search_opts *opts,
				   const char *text, char **out)
{
	xc_status xrc;

	*out = NULL;
	/* Without Xapian's background model: it looks up the frequency of
	 * every word of the text, which was 60% of a query's time on the
	 * 100k benchmark (bench/results), for a choice among windows that
	 * already hold the query's words. */
	xrc = xc_mset_snippet(ms, text, strlen(text),
			      opts->snippet_len ? opts->snippet_len
						: DEFAULT_SNIPPET_LEN,
			      db->stem, 0, opts->hi_start ? opts->hi_start : "",
			      opts->hi_end ? opts->hi_end : "", "…", out);
	if (xrc != XC_OK)
		return search_fail(db, xrc, "snippet");
	/* Xapian escapes the snippet for HTML; ours is plain text. */
	nx_text_decode_entities(*out);
	nx_text_squeeze(*out);
	return NEWSIDX_OK;
}

static newsidx_status fill_hits(newsidx_db *db, const xc_mset *ms,
				const newsidx_search_opts *opts,
				xc_query *final, newsidx_results *res)
{
	unsigned i, size = xc_mset_size(ms);

	res->hits = calloc(size ? size : 1, sizeof *res->hits);
	res->data = calloc(size ? size : 1, sizeof *res->data);
	res->snippets = calloc(size ? size : 1, sizeof *res->snippets);
	res->lists = calloc(size ? 2 * size : 1, sizeof *res->lists);
	res->dups = calloc(size ? size : 1, sizeof *res->dups);
	if (!res->hits || !res->data || !res->snippets || !res->lists ||
	    !res->dups)
		return NEWSIDX_NOMEM;
	for (i = 0; i < size; i++) {
		newsidx_hit *h = &res->hits[i];
		xc_doc *doc = NULL;
		const char *data;
		size_t len;
		const char *key = NULL;
		size_t key_len = 0;
		char *cluster = NULL;
		xc_status xrc;
		json_object *o;

		xrc = xc_mset_docid(ms, i, &h->docid);
		if (xrc == XC_OK)
			xrc = xc_mset_weight(ms, i, &h->score);
		if (xrc == XC_OK)
			xrc = xc_mset_document(ms, i, &doc);
		if (xrc == XC_OK)
			xrc = xc_doc_get_data(doc, &data, &len);
		if (xrc != XC_OK) {
			xc_doc_destroy(doc);
			return search_fail(db, xrc, "reading a document");
		}
		o = json_tokener_parse(data);
		/* After the data: the value replaces what data points to. */
		xrc = xc_doc_get_value(doc, NX_SLOT_CLUSTER, &key, &key_len);
		if (xrc == XC_OK && key_len &&
		    !(opts->flags & NEWSIDX_SEARCH_NO_COLLAPSE) &&
		    !(cluster = nx_strndup(key, key_len)))
			xrc = XC_NOMEM;
		xc_doc_destroy(doc);
		res->data[i] = o;
		res->n = i + 1;
		h->rank = opts->offset + i + 1;
		h->id = json_str(o, "id");
		h->title = json_str(o, "title");
		h->date = json_str(o, "date");
		h->source = json_str(o, "source");
		h->place = json_str(o, "place");
		h->path = json_str(o, "path");
		h->url = json_str(o, "url");
		h->snippet = "";
		h->topics = &res->lists[2 * i];
		h->authors = &res->lists[2 * i + 1];
		h->duplicates = &res->dups[i];
		if (cluster) {
			xrc = find_duplicates(db, opts, final, cluster,
					      h->docid, &res->dups[i]);
			free(cluster);
			if (xrc != XC_OK)
				return search_fail(db, xrc,
						   "listing near-duplicates");
		}
		if (json_list(o, "topics", &res->lists[2 * i]) != NEWSIDX_OK ||
		    json_list(o, "authors", &res->lists[2 * i + 1]) !=
			    NEWSIDX_OK)
			return NEWSIDX_NOMEM;
		if (!(opts->flags & NEWSIDX_SEARCH_NO_SNIPPETS)) {
			const char *text = json_str(o, "text");
			newsidx_status rc;

			rc = make_snippet(db, ms, opts,
					  text[0] ? text : h->title,
					  &res->snippets[i]);
			if (rc != NEWSIDX_OK)
				return rc;
			h->snippet = res->snippets[i];
		}
	}
	return NEWSIDX_OK;
}

static int subtract_copies(void *ctx, const char *value, size_t len,
			   unsigned count)
{
	(void)value;
	(void)len;
	*(unsigned *)ctx -= count - 1;
	return 0;
}

/* The number of matches with each cluster counted once, exact when the
 * spy saw every match. */
static xc_status count_clusters_once(xc_spy *spy, unsigned check,
				     unsigned doccount, newsidx_results *res)
{
	unsigned seen = 0;
	xc_status xrc = xc_spy_total(spy, &seen);

	/* The spy saw every match when the match looked at all documents,
	 * or saw fewer than it had to check; else the total stays Xapian's
	 * estimate. */
	if (xrc != XC_OK || (seen >= check && check < doccount)) {
		res->exact = 0;
		return xrc;
	}
	xrc = xc_spy_values(spy, subtract_copies, &seen);
	if (xrc == XC_OK) {
		res->total = seen;
		res->exact = 1;
	}
	return xrc;
}

/* Whether opts ask for pseudo-relevance feedback on this query. */
static int want_prf(const newsidx_search_opts *opts)
{
	return nx_str_empty(opts->like) &&
	       (opts->flags & NEWSIDX_SEARCH_FREE_TEXT) &&
	       opts->sort == NEWSIDX_SORT_RELEVANCE && opts->limit > 0 &&
	       opts->prf_docs > 0 && opts->prf_terms > 0 &&
	       opts->prf_weight > 0 && !nx_str_empty(opts->query) &&
	       strspn(opts->query, " \t\r\n") != strlen(opts->query);
}

/* One search of opts->query, as newsidx_search_run() without spelling.
 * count_to > 0 (with limit 0): count the matches exactly up to count_to
 * only; the total is then exact below count_to, else at least count_to. */
static newsidx_status search_once(newsidx_db *db,
				  const newsidx_search_opts *opts,
				  unsigned count_to, newsidx_results **out)
{
	xc_query *q = NULL, *range = NULL, *final = NULL;
	xc_enquire *enq = NULL;
	xc_mset *ms = NULL;
	newsidx_results *res;
	newsidx_status rc;
	xc_status xrc;
	unsigned doccount = 0, check;
	xc_spy *clusters = NULL;
	int attempt;

	*out = NULL;
	/* Written so that NaN and infinities fail too. */
	if (!(opts->bm25_k1 >= 0 && opts->bm25_k1 < 1e9) ||
	    !(opts->bm25_b >= 0 && opts->bm25_b <= 1) ||
	    !(opts->prf_weight >= 0 && opts->prf_weight <= 1) ||
	    !(opts->title_weight >= 0 && opts->title_weight < 1e9) ||
	    !(opts->near_weight >= 0 && opts->near_weight < 1e9) ||
	    opts->near_window == 1)
		return nx_db_fail(db, NEWSIDX_BAD_ARG,
				  "ranking options out of range (0 <= k1, "
				  "title and near weights < 1e9; 0 <= b, "
				  "PRF weight <= 1; near window >= 2)");
	res = calloc(1, sizeof *res);
	if (!res)
		return NEWSIDX_NOMEM;
	rc = make_query(db, opts, &q, &res->aliases);
	if (rc == NEWSIDX_OK)
		rc = date_range(db, opts, &range);
	/* A writer may commit while we read: reopen and try again. */
	for (attempt = 0; rc == NEWSIDX_OK && attempt < 3; attempt++) {
		xrc = xc_enquire_new(db->xdb, &enq);
		if (xrc == XC_OK)
			xrc = xc_enquire_set_bm25(enq, opts->bm25_k1, 0.0, 1.0,
						  opts->bm25_b, 0.5);
		/* Equal scores in id order, the same however the articles
		 * are spread over shards.  (Counts need no order.) */
		if (xrc == XC_OK && !count_to &&
		    opts->sort == NEWSIDX_SORT_RELEVANCE)
			xrc = xc_enquire_set_sort_by_relevance_then_value(
				enq, NX_SLOT_ID, 0);
		if (xrc == XC_OK && !count_to &&
		    opts->sort != NEWSIDX_SORT_RELEVANCE)
			xrc = xc_enquire_set_sort_by_value(
				enq, NX_SLOT_DATE,
				opts->sort == NEWSIDX_SORT_DATE);
		/* Feedback matches on enq first, in the same order. */
		if (xrc == XC_OK)
			xrc = want_prf(opts) ? expand_query(enq, opts, q, range,
							    &final)
					     : filtered(q, range, &final);
		/* A count that may stop early: weights of 0 let the match
		 * stop once it has seen count_to matches, where BM25 would
		 * look on for better ones. */
		if (xrc == XC_OK && count_to) {
			xc_query *unweighted = NULL;

			xrc = xc_query_new_scaled(final, 0.0, &unweighted);
			xc_query_destroy(final);
			final = unweighted;
		}
		if (xrc == XC_OK)
			xrc = xc_enquire_set_query(enq, final);
		/* Near-duplicates (dedup.c) are one hit. */
		if (xrc == XC_OK && !(opts->flags & NEWSIDX_SEARCH_NO_COLLAPSE))
			xrc = xc_enquire_set_collapse_key(enq, NX_SLOT_CLUSTER,
							  1);
		if (xrc == XC_OK)
			xrc = xc_db_doccount(db->xdb, &doccount);
		/* Facets count every match, so the match looks at all. */
		if (xrc == XC_OK && nx_facets_wanted(opts)) {
			nx_facets_destroy(res->facets);
			res->facets = NULL;
			rc = nx_facets_new(opts, enq, &res->facets);
		}
		/* Up to MIN_CHECK matches are counted exactly: the estimate
		 * of a query with synonyms or collapsed copies can be far off
		 * ("about 8" for 5 matches). */
		check = ((opts->flags & NEWSIDX_SEARCH_EXACT_COUNT) ||
			 nx_facets_wanted(opts))
				? doccount
				: opts->offset + opts->limit;
		if (check < MIN_CHECK)
			check = MIN_CHECK;
		if (count_to)
			check = count_to;
		/* An exact count with collapsing counts each cluster once: a spy
		 * on the cluster keys sees every match. */
		if (xrc == XC_OK && rc == NEWSIDX_OK &&
		    !(opts->flags & NEWSIDX_SEARCH_NO_COLLAPSE)) {
			xrc = xc_spy_new(NX_SLOT_CLUSTER, &clusters);
			if (xrc == XC_OK)
				xrc = xc_enquire_add_spy(enq, clusters);
		}
		if (xrc == XC_OK && rc == NEWSIDX_OK)
			xrc = xc_enquire_mset(enq, opts->offset, opts->limit,
					      check, NULL, &ms);
		if (xrc == XC_OK && rc == NEWSIDX_OK) {
			res->total = count_to ? xc_mset_matches_lower_bound(ms)
					      : xc_mset_matches_estimated(ms);
			res->exact = check >= doccount ||
				     xc_mset_matches_lower_bound(ms) ==
					     xc_mset_matches_upper_bound(ms);
			if (clusters)
				xrc = count_clusters_once(clusters, check,
							  doccount, res);
		}
		if (xrc == XC_OK && rc == NEWSIDX_OK) {
			rc = fill_hits(db, ms, opts, final, res);
		}
		if (xrc == XC_OK && rc == NEWSIDX_OK && res->facets)
			rc = nx_facets_collect(res->facets);
		if (xrc == XC_OK && rc == NEWSIDX_OK &&
		    (opts->flags & NEWSIDX_SEARCH_EXPLAIN))
			rc = nx_explain_hits(db, opts, final, res->aliases,
					     res->hits, res->n, &res->explain);
		xc_mset_destroy(ms);
		ms = NULL;
		xc_enquire_destroy(enq);
		enq = NULL;
		xc_spy_destroy(clusters);
		clusters = NULL;
		xc_query_destroy(final);
		final = NULL;
		if (xrc == XC_MODIFIED && xc_db_reopen(db->xdb) == XC_OK) {
			newsidx_results *fresh = calloc(1, sizeof *fresh);

			if (fresh) {
				fresh->aliases = res->aliases;
				res->aliases = NULL;
			}
			newsidx_results_destroy(res);
			res = fresh;
			if (!res) {
				rc = NEWSIDX_NOMEM;
				break;
			}
			continue;
		}
		if (xrc != XC_OK)
			rc = search_fail(db, xrc, "search");
		break;
	}
	xc_query_destroy(q);
	xc_query_destroy(range);
	if (rc != NEWSIDX_OK) {
		newsidx_results_destroy(res);
		return rc;
	}
	*out = res;
	return NEWSIDX_OK;
}

newsidx_status nx_search_count(newsidx_db *db, const newsidx_search_opts *opts,
			       const char *query, int all_words,
			       unsigned count_to, unsigned *out)
{
	newsidx_search_opts count = *opts;
	newsidx_results *res = NULL;
	newsidx_status rc;

	*out = 0;
	count.query = query;
	count.offset = 0;
	count.limit = 0;
	count.flags = (opts->flags &
		       (NEWSIDX_SEARCH_FREE_TEXT | NEWSIDX_SEARCH_NO_ALIASES)) |
		      NEWSIDX_SEARCH_EXACT_COUNT | NEWSIDX_SEARCH_NO_SNIPPETS |
		      (all_words ? NX_SEARCH_ALL_WORDS : 0u);
	count.prf_docs = 0;
	count.facets = 0;
	count.timeline = 0;
	/* Xapian counts no further than the database holds. */
	rc = search_once(db, &count, count_to ? count_to : UINT_MAX, &res);
	if (rc == NEWSIDX_OK)
		*out = res->total;
	newsidx_results_destroy(res);
	return rc;
}

NX_EXPORT newsidx_status newsidx_search_run(newsidx_db *db,
					    const newsidx_search_opts *opts,
					    newsidx_results **out)
{
	newsidx_search_opts corrected;
	char *suggestion = NULL;
	newsidx_status rc;

	*out = NULL;
	if (opts->flags & (NEWSIDX_SEARCH_SUGGEST | NEWSIDX_SEARCH_CORRECT)) {
		rc = nx_spell_suggest(db, opts, &suggestion);
		/* A query the suggester cannot count is reported by the
		 * search itself, with its own message. */
		if (rc == NEWSIDX_NOMEM) {
			free(suggestion);
			return rc;
		}
	}
	if (suggestion && suggestion[0] &&
	    (opts->flags & NEWSIDX_SEARCH_CORRECT)) {
		corrected = *opts;
		corrected.query = suggestion;
		rc = search_once(db, &corrected, 0, out);
	} else {
		rc = search_once(db, opts, 0, out);
	}
	if (rc != NEWSIDX_OK) {
		free(suggestion);
		return rc;
	}
	if (suggestion && suggestion[0]) {
		(*out)->suggestion = suggestion;
		(*out)->corrected = (opts->flags & NEWSIDX_SEARCH_CORRECT) != 0;
	} else {
		free(suggestion);
	}
	return NEWSIDX_OK;
}

NX_EXPORT const char *newsidx_results_suggestion(const newsidx_results *res)
{
	return res->suggestion ? res->suggestion : "";
}

NX_EXPORT int newsidx_results_corrected(const newsidx_results *res)
{
	return res->corrected;
}

NX_EXPORT size_t newsidx_results_size(const newsidx_results *res)
{
	return res->n;
}

NX_EXPORT unsigned newsidx_results_total(const newsidx_results *res)
{
	return res->total;
}

NX_EXPORT int newsidx_results_total_exact(const newsidx_results *res)
{
	return res->exact;
}

NX_EXPORT const newsidx_hit *newsidx_results_get(const newsidx_results *res,
						 size_t i)
{
	return i < res->n ? &res->hits[i] : NULL;
}

NX_EXPORT void newsidx_results_destroy(newsidx_results *res)
{
	size_t i, k;

	if (!res)
		return;
	for (i = 0; i < res->n; i++) {
		json_object_put(res->data[i]);
		free(res->snippets[i]);
		free(res->lists[2 * i].items);
		free(res->lists[2 * i + 1].items);
		for (k = 0; k < res->dups[i].n; k++)
			free(res->dups[i].items[k]);
		free(res->dups[i].items);
	}
	free(res->hits);
	free(res->data);
	free(res->snippets);
	free(res->lists);
	free(res->dups);
	nx_facets_destroy(res->facets);
	nx_alias_query_free(res->aliases);
	nx_explain_free(res->explain);
	free(res->suggestion);
	free(res);
}

NX_EXPORT size_t newsidx_results_facet_size(const newsidx_results *res,
					    newsidx_facet facet)
{
	return nx_facets_size(res->facets, facet);
}

NX_EXPORT const newsidx_count *
newsidx_results_facet(const newsidx_results *res, newsidx_facet facet, size_t i)
{
	return nx_facets_get(res->facets, facet, i);
}

NX_EXPORT size_t newsidx_results_timeline_size(const newsidx_results *res)
{
	return nx_facets_timeline_size(res->facets);
}

NX_EXPORT const newsidx_count *
newsidx_results_timeline(const newsidx_results *res, size_t i)
{
	return nx_facets_timeline(res->facets, i);
}

NX_EXPORT size_t newsidx_results_aliases_size(const newsidx_results *res)
{
	return nx_alias_query_size(res->aliases);
}

NX_EXPORT const char *newsidx_results_alias(const newsidx_results *res,
					    size_t i,
					    const char *const **aliases,
					    size_t *n)
{
	const struct xc_query *q;

	if (i >= nx_alias_query_size(res->aliases)) {
		*aliases = NULL;
		*n = 0;
		return NULL;
	}
	return nx_alias_query_key(res->aliases, i, aliases, n, &q);
}
