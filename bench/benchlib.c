/* benchlib.c: corpus files, query sets and latency statistics shared by the
 * benchmark programs (see benchlib.h). */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "benchlib.h"

double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void bench_die(const char *prog, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* ------------------------------------------------------------------ */
/* Files */

static int push_path(bench_files *files, size_t *cap, char *path)
{
	if (files->n == *cap) {
		size_t new_cap = *cap ? *cap * 2 : 1024;
		char **grown = realloc(files->paths, new_cap * sizeof *grown);

		if (!grown)
			return -1;
		files->paths = grown;
		*cap = new_cap;
	}
	files->paths[files->n++] = path;
	return 0;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static int walk(const char *dir, bench_files *files, size_t *cap)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (!d)
		return -1;
	while (rc == 0 && (e = readdir(d))) {
		char *path;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		if (asprintf(&path, "%s/%s", dir, e->d_name) < 0) {
			rc = -1;
			break;
		}
		if (stat(path, &st) != 0) {
			free(path);
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			rc = walk(path, files, cap);
			free(path);
		} else if (S_ISREG(st.st_mode) && has_suffix(path, ".txt")) {
			files->bytes += (unsigned long long)st.st_size;
			if (push_path(files, cap, path) != 0) {
				free(path);
				rc = -1;
			}
		} else {
			free(path);
		}
	}
	closedir(d);
	return rc;
}

static int cmp_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int bench_files_list(const char *dir, bench_files *files)
{
	size_t cap = 0;

	memset(files, 0, sizeof *files);
	if (walk(dir, files, &cap) != 0) {
		int saved = errno;

		bench_files_free(files);
		errno = saved;
		return -1;
	}
	if (files->n)
		qsort(files->paths, files->n, sizeof *files->paths, cmp_paths);
	return 0;
}

void bench_files_free(bench_files *files)
{
	size_t i;

	for (i = 0; i < files->n; i++)
		free(files->paths[i]);
	free(files->paths);
	memset(files, 0, sizeof *files);
}

char *bench_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t cap = 0, n = 0, got;

	*len = 0;
	if (!f)
		return NULL;
	for (;;) {
		if (cap - n < 4096) {
			size_t new_cap = cap ? cap * 2 : 8192;
			char *grown = realloc(data, new_cap + 1);

			if (!grown) {
				free(data);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			data = grown;
			cap = new_cap;
		}
		got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(data);
		fclose(f);
		errno = EIO;
		return NULL;
	}
	fclose(f);
	data[n] = '\0';
	*len = n;
	return data;
}

/* The line at *p, NUL-terminated in place (without "\r"), advancing *p. */
static char *cut_line(char **p, char *end, size_t *len)
{
	char *start = *p, *nl = memchr(start, '\n', (size_t)(end - start));
	char *stop = nl ? nl : end;

	*p = nl ? nl + 1 : end;
	while (stop > start && stop[-1] == '\r')
		stop--;
	*len = (size_t)(stop - start);
	*stop = '\0';
	return start;
}

static int blank_line(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return p == end || *p == '\n';
}

static char *skip_blank_lines(char *p, char *end)
{
	while (p < end && blank_line(p, end)) {
		char *nl = memchr(p, '\n', (size_t)(end - p));

		p = nl ? nl + 1 : end;
	}
	return p;
}

void bench_parse_article(char *text, size_t len, bench_article *a)
{
	char *p = text, *end = text + len;
	size_t line_len;

	memset(a, 0, sizeof *a);
	a->title = a->date = a->body = "";
	p = skip_blank_lines(p, end);
	if (p == end)
		return;
	a->title = cut_line(&p, end, &a->title_len);
	p = skip_blank_lines(p, end);
	if (end - p > 6 && !strncmp(p, "Date: ", 6)) {
		char *line = cut_line(&p, end, &line_len);

		a->date = line + 6;
		p = skip_blank_lines(p, end);
	}
	while (end > p && (end[-1] == '\n' || end[-1] == ' ' ||
			   end[-1] == '\r' || end[-1] == '\t'))
		end--;
	a->body = p;
	a->body_len = (size_t)(end - p);
}

/* ------------------------------------------------------------------ */
/* Query sets */

int bench_queries_read(const char *path, bench_queries *qs)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t line_cap = 0, cap = 0;
	ssize_t got;

	memset(qs, 0, sizeof *qs);
	if (!f)
		return -1;
	while ((got = getline(&line, &line_cap, f)) > 0) {
		char *tab = strchr(line, '\t');
		bench_query *q;

		while (got > 0 &&
		       (line[got - 1] == '\n' || line[got - 1] == '\r'))
			line[--got] = '\0';
		if (!tab || line[0] == '#')
			continue;
		if (qs->n == cap) {
			size_t new_cap = cap ? cap * 2 : 256;
			bench_query *grown =
				realloc(qs->q, new_cap * sizeof *grown);

			if (!grown)
				goto fail;
			qs->q = grown;
			cap = new_cap;
		}
		q = &qs->q[qs->n];
		*tab = '\0';
		snprintf(q->cls, sizeof q->cls, "%s", line);
		q->text = strdup(tab + 1);
		if (!q->text)
			goto fail;
		qs->n++;
	}
	free(line);
	fclose(f);
	return 0;
fail:
	free(line);
	fclose(f);
	bench_queries_free(qs);
	errno = ENOMEM;
	return -1;
}

void bench_queries_free(bench_queries *qs)
{
	size_t i;

	for (i = 0; i < qs->n; i++)
		free(qs->q[i].text);
	free(qs->q);
	memset(qs, 0, sizeof *qs);
}

/* ------------------------------------------------------------------ */
/* Latencies */

void bench_lat_add(bench_lat *lat, const char *cls, double us, unsigned hits)
{
	if (lat->n == lat->cap) {
		size_t cap = lat->cap ? lat->cap * 2 : 1024;
		double *us_grown = realloc(lat->us, cap * sizeof *us_grown);
		const char **cls_grown;
		unsigned *hits_grown;

		if (!us_grown)
			bench_die("bench", "out of memory");
		lat->us = us_grown;
		cls_grown = realloc(lat->cls, cap * sizeof *cls_grown);
		if (!cls_grown)
			bench_die("bench", "out of memory");
		lat->cls = cls_grown;
		hits_grown = realloc(lat->hits, cap * sizeof *hits_grown);
		if (!hits_grown)
			bench_die("bench", "out of memory");
		lat->hits = hits_grown;
		lat->cap = cap;
	}
	lat->us[lat->n] = us;
	lat->cls[lat->n] = cls;
	lat->hits[lat->n] = hits;
	lat->n++;
}

void bench_lat_free(bench_lat *lat)
{
	free(lat->us);
	free(lat->cls);
	free(lat->hits);
	memset(lat, 0, sizeof *lat);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The latencies of class cls (NULL: all), sorted, into a malloc'ed array;
 * their mean and mean hits too. */
static double *select_sorted(const bench_lat *lat, const char *cls, size_t *n,
			     double *mean, double *mean_hits)
{
	double *v = malloc((lat->n ? lat->n : 1) * sizeof *v);
	double sum = 0, hits = 0;
	size_t i;

	if (!v)
		bench_die("bench", "out of memory");
	*n = 0;
	for (i = 0; i < lat->n; i++) {
		if (cls && strcmp(cls, lat->cls[i]))
			continue;
		v[(*n)++] = lat->us[i];
		sum += lat->us[i];
		hits += lat->hits[i];
	}
	qsort(v, *n, sizeof *v, cmp_double);
	*mean = *n ? sum / (double)*n : 0;
	*mean_hits = *n ? hits / (double)*n : 0;
	return v;
}

static double percentile_of(const double *sorted, size_t n, double p)
{
	size_t rank;

	if (!n)
		return 0;
	/* Nearest rank: the smallest value with at least p% at or below. */
	rank = (size_t)((p / 100.0) * (double)n + 0.999999);
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return sorted[rank - 1];
}

double bench_lat_percentile(const bench_lat *lat, const char *cls, double p)
{
	size_t n;
	double mean, hits;
	double *v = select_sorted(lat, cls, &n, &mean, &hits);
	double r = percentile_of(v, n, p);

	free(v);
	return r;
}

static void report_one(const bench_lat *lat, const char *system,
		       const char *cls)
{
	size_t n;
	double mean, hits;
	double *v = select_sorted(lat, cls, &n, &mean, &hits);

	printf("lat %s %s n=%zu p50_us=%.1f p99_us=%.1f mean_us=%.1f "
	       "hits=%.2f\n",
	       system, cls ? cls : "all", n, percentile_of(v, n, 50),
	       percentile_of(v, n, 99), mean, hits);
	free(v);
}

void bench_lat_report(const bench_lat *lat, const char *system)
{
	static const char *const classes[] = { "term",	 "and",	  "or",
					       "phrase", "title", "date" };
	size_t i;

	report_one(lat, system, NULL);
	for (i = 0; i < sizeof classes / sizeof classes[0]; i++)
		report_one(lat, system, classes[i]);
}

int bench_run_queries(const bench_queries *qs, unsigned passes,
		      int (*run)(void *ctx, const bench_query *q), void *ctx,
		      bench_lat *lat)
{
	size_t i;
	unsigned pass;

	for (i = 0; i < qs->n; i++)
		if (run(ctx, &qs->q[i]) < 0)
			return -1;
	for (pass = 0; pass < passes; pass++) {
		for (i = 0; i < qs->n; i++) {
			double t0 = bench_now();
			int hits = run(ctx, &qs->q[i]);
			double t1 = bench_now();

			if (hits < 0)
				return -1;
			bench_lat_add(lat, qs->q[i].cls, (t1 - t0) * 1e6,
				      (unsigned)hits);
		}
	}
	return 0;
}
