/* metrics.c: trec_eval's MAP, nDCG@10, P@10 and Recall@100 (metrics.h
 * states the definitions), and reading TREC qrels and run files. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"

static int cmp_hits(const void *a, const void *b)
{
	const nx_eval_hit *x = a, *y = b;

	if (x->score > y->score)
		return -1;
	if (x->score < y->score)
		return 1;
	return strcmp(y->docid, x->docid);
}

void nx_eval_sort_hits(nx_eval_hit *hits, size_t n_hits)
{
	if (n_hits > 1)
		qsort(hits, n_hits, sizeof *hits, cmp_hits);
}

static int cmp_judged(const void *a, const void *b)
{
	const nx_eval_judgement *x = a, *y = b;

	return strcmp(x->docid, y->docid);
}

static int cmp_str_ptr(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;

	return strcmp(*x, *y);
}

static int cmp_gain_desc(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x < y) - (x > y);
}

/* Whether hits holds some docid twice. */
static int has_duplicates(const nx_eval_hit *hits, size_t n, int *dup)
{
	const char **ids;
	size_t i;

	*dup = 0;
	if (n < 2)
		return NX_EVAL_OK;
	ids = malloc(n * sizeof *ids);
	if (!ids)
		return NX_EVAL_NOMEM;
	for (i = 0; i < n; i++)
		ids[i] = hits[i].docid;
	qsort(ids, n, sizeof *ids, cmp_str_ptr);
	for (i = 1; i < n && !*dup; i++)
		*dup = !strcmp(ids[i - 1], ids[i]);
	free(ids);
	return NX_EVAL_OK;
}

/* DCG over the first 10 gains of gains[0..n). */
static double dcg10(const int *gains, size_t n)
{
	double sum = 0.0;
	size_t i;

	for (i = 0; i < n && i < 10; i++)
		if (gains[i] > 0)
			sum += gains[i] / log2((double)(i + 2));
	return sum;
}

int nx_eval_query(const nx_eval_judgement *judged, size_t n_judged,
		  nx_eval_hit *hits, size_t n_hits, nx_eval_scores *out)
{
	nx_eval_judgement *sorted = NULL;
	int *gains = NULL, *ideal = NULL, dup = 0, rc = NX_EVAL_OK;
	size_t i, n_rel = 0, rel_so_far = 0, n_ideal = 0;
	double ap_sum = 0.0, ideal_dcg;

	memset(out, 0, sizeof *out);
	out->n_ret = n_hits;
	for (i = 0; i < n_judged; i++)
		n_rel += judged[i].gain >= 1;
	if (n_rel == 0)
		return NX_EVAL_NO_RELEVANT;
	sorted = malloc(n_judged * sizeof *sorted);
	ideal = malloc(n_judged * sizeof *ideal);
	gains = malloc((n_hits ? n_hits : 1) * sizeof *gains);
	if (!sorted || !ideal || !gains) {
		rc = NX_EVAL_NOMEM;
		goto done;
	}
	memcpy(sorted, judged, n_judged * sizeof *sorted);
	qsort(sorted, n_judged, sizeof *sorted, cmp_judged);
	for (i = 1; i < n_judged; i++)
		if (!strcmp(sorted[i - 1].docid, sorted[i].docid)) {
			rc = NX_EVAL_DUPLICATE;
			goto done;
		}
	rc = has_duplicates(hits, n_hits, &dup);
	if (rc == NX_EVAL_OK && dup)
		rc = NX_EVAL_DUPLICATE;
	if (rc != NX_EVAL_OK)
		goto done;
	nx_eval_sort_hits(hits, n_hits);
	for (i = 0; i < n_hits; i++) {
		nx_eval_judgement key = { hits[i].docid, 0 };
		const nx_eval_judgement *j = bsearch(
			&key, sorted, n_judged, sizeof *sorted, cmp_judged);

		gains[i] = j ? j->gain : 0;
		if (gains[i] >= 1) {
			rel_so_far++;
			ap_sum += (double)rel_so_far / (double)(i + 1);
			if (i < 10)
				out->p10 += 1.0;
			if (i < 100)
				out->recall100 += 1.0;
		}
	}
	for (i = 0; i < n_judged; i++)
		if (sorted[i].gain > 0)
			ideal[n_ideal++] = sorted[i].gain;
	qsort(ideal, n_ideal, sizeof *ideal, cmp_gain_desc);
	ideal_dcg = dcg10(ideal, n_ideal);
	out->n_rel = n_rel;
	out->n_rel_ret = rel_so_far;
	out->ap = ap_sum / (double)n_rel;
	out->p10 /= 10.0;
	out->recall100 /= (double)n_rel;
	out->ndcg10 = ideal_dcg > 0.0 ? dcg10(gains, n_hits) / ideal_dcg : 0.0;
done:
	free(sorted);
	free(ideal);
	free(gains);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Files */

typedef struct entry {
	char *qid;
	char *docid;
	double value; /* gain or score */
	size_t line;
} entry;

struct nx_eval_set {
	entry *e;
	size_t n;
	char *path;
};

static char *fmt_msg(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static char *fmt_msg(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	return n < 0 ? NULL : s;
}

void nx_eval_set_free(nx_eval_set *set)
{
	size_t i;

	if (!set)
		return;
	for (i = 0; i < set->n; i++) {
		free(set->e[i].qid);
		free(set->e[i].docid);
	}
	free(set->e);
	free(set->path);
	free(set);
}

/* Split line into at most max white-space separated fields. */
static size_t split(char *line, char **fields, size_t max)
{
	size_t n = 0;
	char *save = NULL, *tok;

	for (tok = strtok_r(line, " \t\r\n", &save); tok && n < max;
	     tok = strtok_r(NULL, " \t\r\n", &save))
		fields[n++] = tok;
	return n;
}

static int is_number(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* Query ids: numbers first, in numeric order (leading zeros ignored), then
 * the others in strcmp() order. */
static int cmp_qid(const char *a, const char *b)
{
	int na = is_number(a), nb = is_number(b);

	if (na != nb)
		return na ? -1 : 1;
	if (na) {
		size_t la, lb;

		a += strspn(a, "0");
		b += strspn(b, "0");
		la = strlen(a);
		lb = strlen(b);
		if (la != lb)
			return la < lb ? -1 : 1;
	}
	return strcmp(a, b);
}

static int cmp_entry(const void *x, const void *y)
{
	const entry *a = x, *b = y;
	int c = cmp_qid(a->qid, b->qid);

	if (c)
		return c;
	return (a->line > b->line) - (a->line < b->line);
}

nx_eval_set *nx_eval_set_load(const char *path, int is_run, char **errmsg)
{
	FILE *f;
	nx_eval_set *set;
	char *buf = NULL;
	size_t cap = 0, alloc = 0, line_no = 0;
	const size_t want = is_run ? 6 : 4;

	*errmsg = NULL;
	f = fopen(path, "r");
	if (!f) {
		*errmsg = fmt_msg("%s: %s", path, strerror(errno));
		return NULL;
	}
	set = calloc(1, sizeof *set);
	if (!set || !(set->path = strdup(path)))
		goto nomem;
	while (getline(&buf, &cap, f) >= 0) {
		char *fields[6], *end;
		size_t n;
		entry *e;

		line_no++;
		n = split(buf, fields, 6);
		if (n == 0)
			continue;
		if (n != want) {
			*errmsg =
				fmt_msg("%s:%zu: expected %zu fields, got %zu",
					path, line_no, want, n);
			goto fail;
		}
		if (set->n == alloc) {
			size_t na = alloc ? 2 * alloc : 1024;
			entry *ne = realloc(set->e, na * sizeof *ne);

			if (!ne)
				goto nomem;
			set->e = ne;
			alloc = na;
		}
		e = &set->e[set->n];
		errno = 0;
		e->value = strtod(fields[is_run ? 4 : 3], &end);
		if (*end || errno) {
			*errmsg = fmt_msg("%s:%zu: '%s' is not a number", path,
					  line_no, fields[is_run ? 4 : 3]);
			goto fail;
		}
		e->line = line_no;
		e->qid = strdup(fields[0]);
		e->docid = strdup(fields[2]);
		set->n++;
		if (!e->qid || !e->docid)
			goto nomem;
	}
	if (ferror(f)) {
		*errmsg = fmt_msg("%s: %s", path, strerror(errno));
		goto fail;
	}
	fclose(f);
	free(buf);
	if (set->n > 1)
		qsort(set->e, set->n, sizeof *set->e, cmp_entry);
	return set;
nomem:
	*errmsg = fmt_msg("%s: out of memory", path);
fail:
	fclose(f);
	free(buf);
	nx_eval_set_free(set);
	return NULL;
}

/* The entries of query qid: *first and the count; 0 when none. */
static size_t find_query(const nx_eval_set *set, const char *qid, size_t *first)
{
	size_t lo = 0, hi = set->n, n = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_qid(set->e[mid].qid, qid) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	while (lo + n < set->n && !cmp_qid(set->e[lo + n].qid, qid))
		n++;
	return n;
}

int nx_eval_score_run(const nx_eval_set *qrels, const nx_eval_set *run,
		      void (*fn)(void *ctx, const char *qid,
				 const nx_eval_scores *s),
		      void *ctx, nx_eval_scores *mean, size_t *n_queries,
		      char **errmsg)
{
	nx_eval_judgement *judged = NULL;
	nx_eval_hit *hits = NULL;
	size_t i = 0, n_scored = 0;
	int rc = NX_EVAL_OK;

	*errmsg = NULL;
	memset(mean, 0, sizeof *mean);
	*n_queries = 0;
	judged = malloc((qrels->n ? qrels->n : 1) * sizeof *judged);
	hits = malloc((run->n ? run->n : 1) * sizeof *hits);
	if (!judged || !hits) {
		rc = NX_EVAL_NOMEM;
		goto done;
	}
	while (i < qrels->n) {
		const char *qid = qrels->e[i].qid;
		size_t n_judged = 0, n_hits, first, k;
		nx_eval_scores s;
		int qrc;

		while (i + n_judged < qrels->n &&
		       !cmp_qid(qrels->e[i + n_judged].qid, qid)) {
			judged[n_judged].docid = qrels->e[i + n_judged].docid;
			judged[n_judged].gain =
				(int)qrels->e[i + n_judged].value;
			n_judged++;
		}
		i += n_judged;
		n_hits = find_query(run, qid, &first);
		for (k = 0; k < n_hits; k++) {
			hits[k].docid = run->e[first + k].docid;
			hits[k].score = run->e[first + k].value;
		}
		qrc = nx_eval_query(judged, n_judged, hits, n_hits, &s);
		if (qrc == NX_EVAL_NO_RELEVANT)
			continue;
		if (qrc == NX_EVAL_DUPLICATE) {
			*errmsg = fmt_msg("query %s: a document is listed "
					  "twice in %s or %s",
					  qid, qrels->path, run->path);
			rc = qrc;
			goto done;
		}
		if (qrc != NX_EVAL_OK) {
			rc = qrc;
			goto done;
		}
		if (fn)
			fn(ctx, qid, &s);
		mean->ap += s.ap;
		mean->ndcg10 += s.ndcg10;
		mean->p10 += s.p10;
		mean->recall100 += s.recall100;
		mean->n_rel += s.n_rel;
		mean->n_ret += s.n_ret;
		mean->n_rel_ret += s.n_rel_ret;
		n_scored++;
	}
	if (n_scored) {
		mean->ap /= (double)n_scored;
		mean->ndcg10 /= (double)n_scored;
		mean->p10 /= (double)n_scored;
		mean->recall100 /= (double)n_scored;
	}
	*n_queries = n_scored;
done:
	if (rc == NX_EVAL_NOMEM && !*errmsg)
		*errmsg = fmt_msg("out of memory");
	free(judged);
	free(hits);
	return rc;
}
