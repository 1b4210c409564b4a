/* search.c: running queries and turning the match set into hits.
 *
 * Query strings use Xapian's QueryParser syntax with the field names of
 * the schema (newsidx-private.h).  They are folded like indexed text, so
 * "Erdoğan" and "erdogan" meet.  In free-text mode (long natural-language
 * queries) no operator is recognised: the words are ORed.  Ranking is BM25.
 */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx-private.h"
#include "xapian-c.h"

#define DEFAULT_SNIPPET_LEN 200

struct newsidx_results {
	newsidx_hit *hits;
	size_t n;
	unsigned total;
	/* Storage the hits' strings point into. */
	json_object **data;
	char **snippets;
	newsidx_strlist *lists; /* 2 per hit: topics, authors */
};

static const struct {
	const char *field;
	const char *prefix;
} free_prefixes[] = {
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

static newsidx_status make_parser(newsidx_db *db, int free_text,
				  xc_qparser **out)
{
	xc_qparser *qp = NULL;
	xc_status xrc;
	size_t i;

	*out = NULL;
	xrc = xc_qparser_new(&qp);
	if (xrc == XC_OK)
		xrc = xc_qparser_set_stemmer(qp, db->stem);
	if (xrc == XC_OK)
		xrc = xc_qparser_set_stemming_strategy(qp, XC_STEM_SOME);
	if (xrc == XC_OK)
		xrc = xc_qparser_set_database(qp, db->xdb);
	if (xrc == XC_OK)
		xrc = xc_qparser_set_default_op(qp, XC_OP_OR);
	for (i = 0; !free_text && xrc == XC_OK &&
		    i < sizeof free_prefixes / sizeof free_prefixes[0];
	     i++)
		xrc = xc_qparser_add_prefix(qp, free_prefixes[i].field,
					    free_prefixes[i].prefix);
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

/* Parse the query string into *out (the match-all query when empty). */
static newsidx_status
parse_query(newsidx_db *db, const newsidx_search_opts *opts, xc_query **out)
{
	xc_qparser *qp = NULL;
	int free_text = (opts->flags & NEWSIDX_SEARCH_FREE_TEXT) != 0;
	char *folded;
	newsidx_status rc;
	xc_status xrc;

	*out = NULL;
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
	rc = make_parser(db, free_text, &qp);
	if (rc == NEWSIDX_OK) {
		xrc = xc_qparser_parse(
			qp, folded,
			free_text ? 0u
				  : (unsigned)(XC_QP_DEFAULT | XC_QP_PURE_NOT),
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

/* AND the date filters of --since/--until into *q. */
static newsidx_status
add_date_filter(newsidx_db *db, const newsidx_search_opts *opts, xc_query **q)
{
	char lo[9], hi[9];
	xc_query *range = NULL, *filtered = NULL, *pair[2];
	xc_status xrc;

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
		nx_str_empty(opts->until) ? NULL : hi, &range);
	pair[0] = *q;
	pair[1] = range;
	if (xrc == XC_OK)
		xrc = xc_query_new_combined(XC_OP_FILTER, pair, 2, 0,
					    &filtered);
	xc_query_destroy(range);
	if (xrc != XC_OK)
		return search_fail(db, xrc, "date filter");
	xc_query_destroy(*q);
	*q = filtered;
	return NEWSIDX_OK;
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
	xrc = xc_mset_snippet(ms, text, strlen(text),
			      opts->snippet_len ? opts->snippet_len
						: DEFAULT_SNIPPET_LEN,
			      db->stem, XC_SNIPPET_BACKGROUND_MODEL,
			      opts->hi_start ? opts->hi_start : "",
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
				newsidx_results *res)
{
	unsigned i, size = xc_mset_size(ms);

	res->hits = calloc(size ? size : 1, sizeof *res->hits);
	res->data = calloc(size ? size : 1, sizeof *res->data);
	res->snippets = calloc(size ? size : 1, sizeof *res->snippets);
	res->lists = calloc(size ? 2 * size : 1, sizeof *res->lists);
	if (!res->hits || !res->data || !res->snippets || !res->lists)
		return NEWSIDX_NOMEM;
	for (i = 0; i < size; i++) {
		newsidx_hit *h = &res->hits[i];
		xc_doc *doc = NULL;
		const char *data;
		size_t len;
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

NX_EXPORT newsidx_status newsidx_search_run(newsidx_db *db,
					    const newsidx_search_opts *opts,
					    newsidx_results **out)
{
	xc_query *q = NULL;
	xc_enquire *enq = NULL;
	xc_mset *ms = NULL;
	newsidx_results *res;
	newsidx_status rc;
	xc_status xrc;
	unsigned doccount = 0, check;
	int attempt;

	*out = NULL;
	res = calloc(1, sizeof *res);
	if (!res)
		return NEWSIDX_NOMEM;
	rc = parse_query(db, opts, &q);
	if (rc == NEWSIDX_OK)
		rc = add_date_filter(db, opts, &q);
	/* A writer may commit while we read: reopen and try again. */
	for (attempt = 0; rc == NEWSIDX_OK && attempt < 3; attempt++) {
		xrc = xc_enquire_new(db->xdb, &enq);
		if (xrc == XC_OK)
			xrc = xc_enquire_set_query(enq, q);
		if (xrc == XC_OK)
			xrc = xc_enquire_set_bm25(enq, 1.0, 0.0, 1.0, 0.5, 0.5);
		if (xrc == XC_OK && opts->sort != NEWSIDX_SORT_RELEVANCE)
			xrc = xc_enquire_set_sort_by_value(
				enq, NX_SLOT_DATE,
				opts->sort == NEWSIDX_SORT_DATE);
		if (xrc == XC_OK)
			xrc = xc_db_doccount(db->xdb, &doccount);
		check = (opts->flags & NEWSIDX_SEARCH_EXACT_COUNT)
				? doccount
				: opts->offset + opts->limit;
		if (xrc == XC_OK)
			xrc = xc_enquire_mset(enq, opts->offset, opts->limit,
					      check, NULL, &ms);
		if (xrc == XC_OK) {
			res->total = xc_mset_matches_estimated(ms);
			rc = fill_hits(db, ms, opts, res);
		}
		xc_mset_destroy(ms);
		ms = NULL;
		xc_enquire_destroy(enq);
		enq = NULL;
		if (xrc == XC_MODIFIED && xc_db_reopen(db->xdb) == XC_OK) {
			newsidx_results *fresh = calloc(1, sizeof *fresh);

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
	if (rc != NEWSIDX_OK) {
		newsidx_results_destroy(res);
		return rc;
	}
	*out = res;
	return NEWSIDX_OK;
}

NX_EXPORT size_t newsidx_results_size(const newsidx_results *res)
{
	return res->n;
}

NX_EXPORT unsigned newsidx_results_total(const newsidx_results *res)
{
	return res->total;
}

NX_EXPORT const newsidx_hit *newsidx_results_get(const newsidx_results *res,
						 size_t i)
{
	return i < res->n ? &res->hits[i] : NULL;
}

NX_EXPORT void newsidx_results_destroy(newsidx_results *res)
{
	size_t i;

	if (!res)
		return;
	for (i = 0; i < res->n; i++) {
		json_object_put(res->data[i]);
		free(res->snippets[i]);
		free(res->lists[2 * i].items);
		free(res->lists[2 * i + 1].items);
	}
	free(res->hits);
	free(res->data);
	free(res->snippets);
	free(res->lists);
	free(res);
}
