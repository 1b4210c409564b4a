/* explain.c: why each hit scored what it did (--explain).
 *
 * Xapian does not report a document's score term by term, so each part of
 * the query is weighed again on its own, with the same BM25 parameters and
 * the same collection statistics, over just the hits shown (the part
 * FILTERed by the hits' id terms): one small match per part.  The parts
 * are the query's terms (a word as typed, a stem, a field's word), except
 * that an alias expansion (alias.c) is one part, because OP_SYNONYM weighs
 * the name and its aliases together.  For queries made of OR, AND and
 * phrases the parts add up to the score; NEAR and scaled parts, such as
 * the free-text options, make the sum differ, and it is shown as it is.
 */
#include <stdlib.h>
#include <string.h>

#include "newsidx-private.h"
#include "xapian-c.h"

typedef struct part {
	xc_query *query; /* owned */
	char *what;
	const char *kind;
} part;

struct nx_explain {
	newsidx_contribution *all; /* n_hits * n_parts, by hit */
	size_t *n_by_hit;
	part *parts;
	size_t n_parts;
};

/* How a term reads to a person, and its kind; NULL for the boolean terms
 * that only filter (id, year, file), which weigh nothing. */
static char *describe(const char *term, const char **kind)
{
	const char *t = term;
	int stem = 0;
	size_t i;

	if (t[0] == 'Z') {
		stem = 1;
		t++;
	}
	if (t[0] >= 'a' || (unsigned char)t[0] >= 0x80 ||
	    (t[0] >= '0' && t[0] <= '9')) {
		*kind = stem ? "stem" : "word";
		return strdup(t);
	}
	for (i = 0; i < NX_N_FREE_FIELDS; i++) {
		size_t len = strlen(nx_free_fields[i].prefix);

		if (!strncmp(t, nx_free_fields[i].prefix, len) &&
		    !(t[len] >= 'A' && t[len] <= 'Z')) {
			*kind = stem ? "field stem" : "field";
			return nx_asprintf("%s:%s", nx_free_fields[i].field,
					   t + len);
		}
	}
	return NULL;
}

static newsidx_status add_part(nx_explain *ex, xc_query *q, char *what,
			       const char *kind)
{
	part *parts = realloc(ex->parts, (ex->n_parts + 1) * sizeof *parts);

	if (!parts || !what) {
		xc_query_destroy(q);
		free(what);
		if (parts)
			ex->parts = parts;
		return NEWSIDX_NOMEM;
	}
	ex->parts = parts;
	parts[ex->n_parts].query = q;
	parts[ex->n_parts].what = what;
	parts[ex->n_parts].kind = kind;
	ex->n_parts++;
	return NEWSIDX_OK;
}

static int take_term(void *ctx, const char *t, size_t len)
{
	nx_strs *s = ctx;

	return nx_strs_has(s, t, len) ? 0 : nx_strs_add(s, t, len);
}

/* The parts of final: the alias expansions, then the other terms. */
static newsidx_status make_parts(nx_explain *ex, const xc_query *final,
				 const nx_alias_query *aliases)
{
	nx_strs in_aliases = { 0 }, terms = { 0 };
	newsidx_status rc = NEWSIDX_OK;
	xc_status xrc = XC_OK;
	size_t i;

	for (i = 0; i < nx_alias_query_size(aliases) && rc == NEWSIDX_OK; i++) {
		const char *const *synonyms;
		const xc_query *q;
		size_t n, k;
		const char *key =
			nx_alias_query_key(aliases, i, &synonyms, &n, &q);
		nx_buf what = { 0 };
		xc_query *copy = NULL;

		if (!q)
			continue;
		xrc = xc_query_terms(q, take_term, &in_aliases);
		if (xrc == XC_OK)
			xrc = xc_query_new_combined(
				XC_OP_OR, (xc_query *const *)&q, 1, 0, &copy);
		if (xrc != XC_OK || in_aliases.nomem) {
			nx_buf_free(&what);
			rc = NEWSIDX_NOMEM;
			break;
		}
		nx_buf_puts(&what, key);
		for (k = 0; k < n; k++)
			nx_buf_printf(&what, " = %s", synonyms[k]);
		rc = add_part(ex, copy, nx_buf_steal(&what), "alias");
	}
	if (rc == NEWSIDX_OK)
		xrc = xc_query_terms(final, take_term, &terms);
	if (rc == NEWSIDX_OK && (xrc != XC_OK || terms.nomem))
		rc = NEWSIDX_NOMEM;
	for (i = 0; rc == NEWSIDX_OK && i < terms.n; i++) {
		const char *kind = NULL;
		char *what;
		xc_query *q = NULL;

		if (nx_strs_has(&in_aliases, terms.items[i],
				strlen(terms.items[i])))
			continue;
		what = describe(terms.items[i], &kind);
		if (!what)
			continue;
		if (xc_query_new_term(terms.items[i], 1, 0, &q) != XC_OK) {
			free(what);
			rc = NEWSIDX_NOMEM;
			break;
		}
		rc = add_part(ex, q, what, kind);
	}
	nx_strs_free(&in_aliases);
	nx_strs_free(&terms);
	return rc;
}

/* The OR of the hits' id terms. */
static xc_status hits_filter(const newsidx_hit *hits, size_t n, xc_query **out)
{
	xc_query **ids = calloc(n, sizeof *ids);
	xc_status xrc = XC_OK;
	size_t i, made = 0;

	*out = NULL;
	if (!ids)
		return XC_NOMEM;
	for (i = 0; i < n && xrc == XC_OK; i++) {
		char *term = nx_db_key_term("Q", hits[i].id);

		xrc = term ? xc_query_new_term(term, 1, 0, &ids[i]) : XC_NOMEM;
		made += xrc == XC_OK;
		free(term);
	}
	if (xrc == XC_OK)
		xrc = xc_query_new_combined(XC_OP_OR, ids, n, 0, out);
	for (i = 0; i < made; i++)
		xc_query_destroy(ids[i]);
	free(ids);
	return xrc;
}

static int cmp_contribution(const void *a, const void *b)
{
	const newsidx_contribution *x = a, *y = b;

	if (x->weight != y->weight)
		return x->weight < y->weight ? 1 : -1;
	return strcmp(x->what, y->what);
}

/* Weigh part p over the hits; fill their contributions. */
static xc_status weigh_part(newsidx_db *db, const newsidx_search_opts *opts,
			    nx_explain *ex, size_t p, xc_query *filter,
			    newsidx_hit *hits, size_t n)
{
	xc_enquire *enq = NULL;
	xc_mset *ms = NULL;
	xc_query *q = NULL, *pair[2] = { ex->parts[p].query, filter };
	xc_status xrc;
	unsigned i, size;

	xrc = xc_query_new_combined(XC_OP_FILTER, pair, 2, 0, &q);
	if (xrc == XC_OK)
		xrc = xc_enquire_new(db->xdb, &enq);
	if (xrc == XC_OK)
		xrc = xc_enquire_set_bm25(enq, opts->bm25_k1, 0.0, 1.0,
					  opts->bm25_b, 0.5);
	if (xrc == XC_OK)
		xrc = xc_enquire_set_query(enq, q);
	if (xrc == XC_OK)
		xrc = xc_enquire_mset(enq, 0, (unsigned)n, (unsigned)n, NULL,
				      &ms);
	size = xrc == XC_OK ? xc_mset_size(ms) : 0;
	for (i = 0; i < size && xrc == XC_OK; i++) {
		unsigned docid;
		double weight;
		size_t h;

		xrc = xc_mset_docid(ms, i, &docid);
		if (xrc == XC_OK)
			xrc = xc_mset_weight(ms, i, &weight);
		for (h = 0; xrc == XC_OK && h < n; h++) {
			newsidx_contribution *c;

			if (hits[h].docid != docid || weight <= 0)
				continue;
			c = &ex->all[h * ex->n_parts + ex->n_by_hit[h]++];
			c->what = ex->parts[p].what;
			c->kind = ex->parts[p].kind;
			c->weight = weight;
		}
	}
	xc_mset_destroy(ms);
	xc_enquire_destroy(enq);
	xc_query_destroy(q);
	return xrc;
}

newsidx_status nx_explain_hits(newsidx_db *db, const newsidx_search_opts *opts,
			       const struct xc_query *final,
			       const nx_alias_query *aliases, newsidx_hit *hits,
			       size_t n, nx_explain **out)
{
	nx_explain *ex;
	xc_query *filter = NULL;
	newsidx_status rc;
	xc_status xrc = XC_OK;
	size_t p, h;

	*out = NULL;
	ex = calloc(1, sizeof *ex);
	if (!ex)
		return NEWSIDX_NOMEM;
	rc = make_parts(ex, final, aliases);
	if (rc == NEWSIDX_OK && n && ex->n_parts) {
		ex->all = calloc(n * ex->n_parts, sizeof *ex->all);
		ex->n_by_hit = calloc(n, sizeof *ex->n_by_hit);
		if (!ex->all || !ex->n_by_hit)
			rc = NEWSIDX_NOMEM;
	}
	if (rc == NEWSIDX_OK && n && ex->n_parts)
		xrc = hits_filter(hits, n, &filter);
	for (p = 0;
	     rc == NEWSIDX_OK && xrc == XC_OK && filter && p < ex->n_parts; p++)
		xrc = weigh_part(db, opts, ex, p, filter, hits, n);
	xc_query_destroy(filter);
	if (rc == NEWSIDX_OK && xrc != XC_OK)
		rc = nx_db_fail(db, nx_status_from_xc(xrc), "explain: %s",
				xc_last_error());
	if (rc != NEWSIDX_OK) {
		nx_explain_free(ex);
		return rc;
	}
	for (h = 0; h < n && ex->all; h++) {
		newsidx_contribution *c = &ex->all[h * ex->n_parts];

		qsort(c, ex->n_by_hit[h], sizeof *c, cmp_contribution);
		hits[h].explain = c;
		hits[h].n_explain = ex->n_by_hit[h];
	}
	*out = ex;
	return NEWSIDX_OK;
}

void nx_explain_free(nx_explain *ex)
{
	size_t p;

	if (!ex)
		return;
	for (p = 0; p < ex->n_parts; p++) {
		xc_query_destroy(ex->parts[p].query);
		free(ex->parts[p].what);
	}
	free(ex->parts);
	free(ex->all);
	free(ex->n_by_hit);
	free(ex);
}
