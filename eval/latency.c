/* latency.c: nx-eval-latency, what the ranking defaults cost per query.
 *
 *   nx-eval-latency DB QUERIES.tsv [ROUNDS [DOCSxTERMS]...]
 *
 * Opens DB once through libnewsidx and runs every query of QUERIES.tsv
 * ("QID<TAB>text") in free-text mode, 10 hits, ROUNDS times (default 5)
 * after one warm-up round, with each of these settings in turn, query by
 * query (so that caches and CPU speed treat them alike):
 *
 *   plain       BM25 with Xapian's stock parameters (k1 1, b 0.5), no stop
 *               words, no feedback: the ranking newsidx had before
 *   default     the defaults (newsidx_search_opts_init())
 *   prf-DxT     the defaults with pseudo-relevance feedback from the best
 *               D hits adding T terms (newsidx-query --prf D --prf-terms
 *               T), one setting per DOCSxTERMS argument
 *
 * once without snippets (the ranking alone) and once with them (what
 * newsidx-query prints).  Prints p50, p90 and mean per setting in
 * milliseconds, and the p50 of each over plain's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsidx.h"

#define MAX_SETS 10

/* A setting: prf_docs < 0 for plain, 0 for the defaults. */
typedef struct setting {
	char name[32];
	int prf_docs;
	unsigned prf_terms;
} setting;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The q-quantile of sorted[0..n) (nearest rank). */
static double quantile(const double *sorted, size_t n, double q)
{
	size_t i = (size_t)(q * (double)n + 0.5);

	if (i > 0)
		i--;
	return sorted[i < n ? i : n - 1];
}

static void set_opts(const setting *set, int snippets, const char *query,
		     newsidx_search_opts *opts)
{
	newsidx_search_opts_init(opts);
	opts->query = query;
	opts->limit = 10;
	opts->flags = NEWSIDX_SEARCH_FREE_TEXT |
		      (snippets ? 0 : NEWSIDX_SEARCH_NO_SNIPPETS);
	if (set->prf_docs < 0) {
		opts->bm25_k1 = 1.0;
		opts->bm25_b = 0.5;
		opts->stopwords = 0;
		opts->title_weight = 0;
		opts->near_weight = 0;
		opts->prf_docs = 0;
	} else if (set->prf_docs > 0) {
		opts->prf_docs = (unsigned)set->prf_docs;
		opts->prf_terms = set->prf_terms;
	}
}

static char **read_queries(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL, **list = NULL;
	size_t cap = 0, alloc = 0;

	*n = 0;
	if (!f)
		return NULL;
	while (getline(&buf, &cap, f) >= 0) {
		char *tab = strchr(buf, '\t');
		size_t len;

		if (!tab)
			continue;
		len = strcspn(tab + 1, "\r\n");
		if (*n == alloc) {
			char **nl;

			alloc = alloc ? 2 * alloc : 128;
			nl = realloc(list, alloc * sizeof *nl);
			if (!nl)
				break;
			list = nl;
		}
		list[*n] = strndup(tab + 1, len);
		if (!list[*n])
			break;
		(*n)++;
	}
	free(buf);
	fclose(f);
	return list;
}

/* Time every query with every setting; 0 on a search error. */
static int measure(newsidx_db *db, char **queries, size_t n_queries,
		   unsigned rounds, const setting *sets, size_t n_sets,
		   int snippets)
{
	double *samples[MAX_SETS], p50_plain = 0;
	size_t n_samples = 0, i, set;
	unsigned r;
	int ok = 1;

	for (set = 0; set < n_sets; set++) {
		samples[set] =
			calloc(n_queries * rounds + 1, sizeof *samples[set]);
		if (!samples[set])
			ok = 0;
	}
	for (r = 0; ok && r <= rounds; r++) {
		for (i = 0; ok && i < n_queries; i++) {
			for (set = 0; ok && set < n_sets; set++) {
				newsidx_search_opts opts;
				newsidx_results *res = NULL;
				double t0;

				set_opts(&sets[set], snippets, queries[i],
					 &opts);
				t0 = now_ms();
				if (newsidx_search_run(db, &opts, &res) !=
				    NEWSIDX_OK) {
					fprintf(stderr, "nx-eval-latency: %s\n",
						newsidx_db_error(db));
					ok = 0;
					break;
				}
				newsidx_results_destroy(res);
				if (r > 0) /* round 0 warms up */
					samples[set][n_samples] = now_ms() - t0;
			}
			if (r > 0)
				n_samples++;
		}
	}
	for (set = 0; ok && set < n_sets; set++) {
		double sum = 0, p50;

		qsort(samples[set], n_samples, sizeof(double), cmp_double);
		for (i = 0; i < n_samples; i++)
			sum += samples[set][i];
		p50 = quantile(samples[set], n_samples, 0.5);
		if (set == 0)
			p50_plain = p50;
		printf("%-10s %-11s p50 %7.3f ms  p90 %7.3f ms  mean %7.3f ms"
		       "  p50 x%.2f of plain  (%zu runs)\n",
		       sets[set].name, snippets ? "snippets" : "no-snippets",
		       p50, quantile(samples[set], n_samples, 0.9),
		       sum / (double)n_samples, p50 / p50_plain, n_samples);
	}
	for (set = 0; set < n_sets; set++)
		free(samples[set]);
	return ok;
}

int main(int argc, char **argv)
{
	newsidx_db *db = NULL;
	newsidx_search_opts defaults;
	setting sets[MAX_SETS] = { { "plain", -1, 0 }, { "default", 0, 0 } };
	size_t n_sets = 2, n_queries = 0, i;
	char *err = NULL, **queries;
	unsigned rounds = 5;
	int a, ok;

	if (argc < 3 || argc - 4 > MAX_SETS - 2) {
		fprintf(stderr, "Usage: nx-eval-latency DB QUERIES.tsv [ROUNDS "
				"[DOCSxTERMS]...]\n");
		return 2;
	}
	if (argc >= 4)
		rounds = (unsigned)strtoul(argv[3], NULL, 10);
	if (rounds == 0)
		rounds = 1;
	for (a = 4; a < argc; a++) {
		unsigned docs, terms;
		char end;

		if (sscanf(argv[a], "%ux%u%c", &docs, &terms, &end) != 2 ||
		    docs == 0 || terms == 0) {
			fprintf(stderr,
				"nx-eval-latency: '%s' is not DOCSxTERMS\n",
				argv[a]);
			return 2;
		}
		snprintf(sets[n_sets].name, sizeof sets[n_sets].name,
			 "prf-%ux%u", docs, terms);
		sets[n_sets].prf_docs = (int)docs;
		sets[n_sets].prf_terms = terms;
		n_sets++;
	}
	if (newsidx_db_open(argv[1], NEWSIDX_DB_READ, NULL, &db, &err) !=
	    NEWSIDX_OK) {
		fprintf(stderr, "nx-eval-latency: %s\n", err ? err : argv[1]);
		free(err);
		return 2;
	}
	queries = read_queries(argv[2], &n_queries);
	if (!queries || n_queries == 0) {
		fprintf(stderr, "nx-eval-latency: %s: no queries\n", argv[2]);
		newsidx_db_destroy(db);
		free(queries);
		return 2;
	}
	newsidx_search_opts_init(&defaults);
	printf("%zu queries x %u rounds, 10 hits, free text; defaults: "
	       "BM25 k1 %g, b %g; stop words %s; PRF ",
	       n_queries, rounds, defaults.bm25_k1, defaults.bm25_b,
	       defaults.stopwords ? "dropped" : "kept");
	if (defaults.prf_docs)
		printf("%u docs, %u terms, weight %g\n", defaults.prf_docs,
		       defaults.prf_terms, defaults.prf_weight);
	else
		printf("off\n");
	ok = measure(db, queries, n_queries, rounds, sets, n_sets, 0) &&
	     measure(db, queries, n_queries, rounds, sets, n_sets, 1);
	for (i = 0; i < n_queries; i++)
		free(queries[i]);
	free(queries);
	newsidx_db_destroy(db);
	return ok ? 0 : 2;
}
