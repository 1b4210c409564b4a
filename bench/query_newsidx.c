/* query_newsidx: newsidx in the query benchmark, through the library API.
 *
 *   query_newsidx [-p PASSES] [-n] DB QUERIES
 *
 * Opens DB once (newsidx_db_open, read-only) and runs the query set
 * (benchlib.h) as typed, through newsidx_search_run with the defaults of
 * newsidx-query: the top 10 by relevance, each hit's title and a snippet of
 * about 200 bytes of its text.  One untimed pass, then PASSES (default 3)
 * timed passes, each query alone.  Prints benchlib's "lat newsidx ..."
 * lines.  -n (a diagnostic, not the benchmark's work per hit) asks for no
 * snippets (NEWSIDX_SEARCH_NO_SNIPPETS), to show what the snippets cost;
 * its lines say "newsidx_nosnip".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchlib.h"
#include "newsidx.h"

static const char *prog = "query_newsidx";

typedef struct ctx {
	newsidx_db *db;
	unsigned flags;
	size_t consumed; /* bytes of titles and snippets read */
} ctx;

static int run_query(void *arg, const bench_query *q)
{
	ctx *c = arg;
	newsidx_search_opts opts;
	newsidx_results *res = NULL;
	newsidx_status rc;
	size_t i, n;

	newsidx_search_opts_init(&opts);
	opts.query = q->text;
	opts.flags = c->flags;
	rc = newsidx_search_run(c->db, &opts, &res);
	if (rc != NEWSIDX_OK) {
		fprintf(stderr, "%s: '%s': %s\n", prog, q->text,
			newsidx_db_error(c->db));
		return -1;
	}
	n = newsidx_results_size(res);
	for (i = 0; i < n; i++) {
		const newsidx_hit *h = newsidx_results_get(res, i);

		c->consumed += strlen(h->title) + strlen(h->snippet);
	}
	newsidx_results_destroy(res);
	return (int)n;
}

int main(int argc, char **argv)
{
	unsigned passes = 3;
	bench_queries qs;
	bench_lat lat;
	ctx c;
	char *err = NULL;
	int opt;

	memset(&c, 0, sizeof c);
	while ((opt = getopt(argc, argv, "p:n")) != -1) {
		if (opt == 'p')
			passes = (unsigned)strtoul(optarg, NULL, 10);
		else if (opt == 'n')
			c.flags |= NEWSIDX_SEARCH_NO_SNIPPETS;
		else
			goto usage;
	}
	if (argc - optind != 2)
		goto usage;
	if (bench_queries_read(argv[optind + 1], &qs) != 0)
		bench_die(prog, "%s: %s", argv[optind + 1], strerror(errno));
	memset(&lat, 0, sizeof lat);
	if (newsidx_db_open(argv[optind], NEWSIDX_DB_READ, NULL, &c.db, &err) !=
	    NEWSIDX_OK)
		bench_die(prog, "%s", err ? err : argv[optind]);
	if (bench_run_queries(&qs, passes, run_query, &c, &lat) != 0)
		return 1;
	bench_lat_report(&lat, c.flags ? "newsidx_nosnip" : "newsidx");
	fprintf(stderr, "%s: %zu queries x %u passes, %zu bytes of hits\n",
		prog, qs.n, passes, c.consumed);
	newsidx_db_destroy(c.db);
	bench_lat_free(&lat);
	bench_queries_free(&qs);
	return 0;
usage:
	fprintf(stderr, "usage: %s [-p PASSES] [-n] DB QUERIES\n", prog);
	return 2;
}
