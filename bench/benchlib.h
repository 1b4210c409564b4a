/* benchlib.h: what the benchmark programs share.
 *
 * The benchmark corpus (written by mkcorpus) is one plain-text article per
 * file, "<headline>\n\nDate: YYYY-MM-DD\n\n<paragraphs separated by blank
 * lines>\n", in subdirectories of 1000 files.  Every program reads the same
 * files in the same (sorted) order, so every system indexes the same bytes.
 *
 * The query set (also from mkcorpus) is one query per line,
 * "<class>\t<query in newsidx syntax>", classes term, and, or, phrase,
 * title and date; each harness translates the newsidx syntax into its own.
 */
#ifndef BENCHLIB_H
#define BENCHLIB_H

#include <stddef.h>

/* Monotonic seconds. */
double bench_now(void);

/* Print "prog: message" to stderr and exit 2. */
void bench_die(const char *prog, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/* ------------------------------------------------------------------ */
/* Files */

typedef struct bench_files {
	char **paths; /* sorted */
	size_t n;
	unsigned long long bytes;
} bench_files;

/* Every *.txt file under dir (recursively, hidden names skipped) into
 * files, sorted by path.  Returns 0, or -1 with errno set. */
int bench_files_list(const char *dir, bench_files *files);
void bench_files_free(bench_files *files);

/* The whole file at path into a malloc'ed, NUL-terminated buffer; *len gets
 * its length.  NULL with errno set on failure. */
char *bench_read_file(const char *path, size_t *len);

/* One benchmark article parsed in place from a file's text (which is
 * modified: the title and date are NUL-terminated inside it). */
typedef struct bench_article {
	const char *title;
	size_t title_len;
	const char *date; /* "YYYY-MM-DD" or "" */
	const char *body;
	size_t body_len;
} bench_article;

void bench_parse_article(char *text, size_t len, bench_article *a);

/* ------------------------------------------------------------------ */
/* Query sets and latencies */

typedef struct bench_query {
	char cls[16];
	char *text;
} bench_query;

typedef struct bench_queries {
	bench_query *q;
	size_t n;
} bench_queries;

/* Read a query set.  Returns 0, or -1 with errno set. */
int bench_queries_read(const char *path, bench_queries *qs);
void bench_queries_free(bench_queries *qs);

/* Latencies in microseconds, with the class of each. */
typedef struct bench_lat {
	double *us;
	const char **cls;
	unsigned *hits;
	size_t n, cap;
} bench_lat;

void bench_lat_add(bench_lat *lat, const char *cls, double us, unsigned hits);
void bench_lat_free(bench_lat *lat);

/* The p-th percentile (0 < p <= 100, nearest rank) of the latencies of
 * class cls (NULL: all). */
double bench_lat_percentile(const bench_lat *lat, const char *cls, double p);

/* Print the summary lines run.sh reads, one per class and one "all":
 *   "lat <system> <class> n=N p50_us=X p99_us=X mean_us=X hits=X"
 * where hits is the mean number of hits returned per query. */
void bench_lat_report(const bench_lat *lat, const char *system);

/* Run the query set: one untimed pass to warm the caches, then passes
 * timed passes, each query timed alone.  run() runs query i and returns
 * the number of hits, or -1 on an error (which it has reported); the
 * benchmark fails on any error.  Returns 0, or -1 after an error. */
int bench_run_queries(const bench_queries *qs, unsigned passes,
		      int (*run)(void *ctx, const bench_query *q), void *ctx,
		      bench_lat *lat);

#endif /* BENCHLIB_H */
