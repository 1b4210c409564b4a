/* mkcorpus: the benchmark corpus and query set, from real news text.
 *
 *   mkcorpus -c CORPORA [-s SEED] [-n N -o DIR] [-q FILE [-k K]]
 *
 * Reads Reuters-21578 (CORPORA/reuters21578/reut2-NNN.sgm.gz, through
 * newsidx's own SGML reader) and the BBC collection
 * (CORPORA/bbc/<category>/NNN.txt:
 * headline, blank line, paragraphs) into a pool of real headlines and real
 * paragraphs.  Reuters bodies are wrapped lines whose paragraphs start
 * indented; BBC paragraphs are separated by blank lines.
 *
 * With -o it writes N new articles, each a real headline and 3 to 6
 * paragraphs drawn from the pool by a PRNG seeded with SEED, with the id
 * bench-N (the file name) and a date spread uniformly over 2020-2025, as
 * DIR/NNN/bench-NNNNNNN.txt, 1000 files to a directory:
 *
 *   <headline>
 *
 *   Date: YYYY-MM-DD
 *
 *   <paragraph>
 *
 *   <paragraph>...
 *
 * Each file's modification time is its date at 12:00 UTC, so that omindex,
 * which dates documents by mtime, sees the same dates.
 *
 * With -q it writes K queries of each class (default 100) drawn from the
 * pool with the same seed, one per line, "<class>\t<newsidx query>":
 *   term    a word of the text
 *   and     2 or 3 words joined by AND
 *   or      2 or 3 words joined by OR
 *   phrase  2 or 3 consecutive words of a paragraph, quoted
 *   title   title:word, a word of a headline
 *   date    date:YYYY-MM-DD..YYYY-MM-DD word, a range of 1 to 12 months
 * Words are lower-case ASCII letters, at least 3 of them, not stop words,
 * and stand between spaces or plain punctuation in the text (no
 * apostrophes, hyphens or digits next to them, where tokenizers differ).
 * The query set depends only on the pool and the seed, so the same set
 * serves corpora of every size.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "benchlib.h"
#include "newsidx.h"

static const char *prog = "mkcorpus";

#define FIRST_DAY_YEAR 2020
#define LAST_DAY_YEAR  2025
#define MIN_PARAGRAPH  80 /* shorter paragraphs (table rows) are left out */

/* ------------------------------------------------------------------ */
/* The pool: strings in one arena */

typedef struct text_pool {
	char *arena;
	size_t len, cap;
	size_t *offsets; /* of NUL-terminated strings */
	size_t n, n_cap;
} text_pool;

static void pool_add(text_pool *p, const char *s, size_t len)
{
	if (p->len + len + 1 > p->cap) {
		size_t cap = p->cap ? p->cap : 1 << 20;
		char *grown;

		while (p->len + len + 1 > cap)
			cap *= 2;
		grown = realloc(p->arena, cap);
		if (!grown)
			bench_die(prog, "out of memory");
		p->arena = grown;
		p->cap = cap;
	}
	if (p->n == p->n_cap) {
		size_t cap = p->n_cap ? p->n_cap * 2 : 4096;
		size_t *grown = realloc(p->offsets, cap * sizeof *grown);

		if (!grown)
			bench_die(prog, "out of memory");
		p->offsets = grown;
		p->n_cap = cap;
	}
	p->offsets[p->n++] = p->len;
	memcpy(p->arena + p->len, s, len);
	p->arena[p->len + len] = '\0';
	p->len += len + 1;
}

static const char *pool_get(const text_pool *p, size_t i)
{
	return p->arena + p->offsets[i];
}

static void pool_free(text_pool *p)
{
	free(p->arena);
	free(p->offsets);
	memset(p, 0, sizeof *p);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* s[0..len) with runs of white space as one space, trimmed, into the
 * pool when at least min bytes remain. */
static void pool_add_squeezed(text_pool *p, const char *s, size_t len,
			      size_t min)
{
	char *buf = malloc(len + 1);
	size_t i, n = 0;

	if (!buf)
		bench_die(prog, "out of memory");
	for (i = 0; i < len; i++) {
		if (is_space(s[i])) {
			if (n && buf[n - 1] != ' ')
				buf[n++] = ' ';
		} else {
			buf[n++] = s[i];
		}
	}
	while (n && buf[n - 1] == ' ')
		n--;
	if (n >= min)
		pool_add(p, buf, n);
	free(buf);
}

/* ------------------------------------------------------------------ */
/* Reading the collections */

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir ending with suffix, sorted; *n gets how many. */
static char **list_dir(const char *dir, const char *suffix, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t cap = 0, m = strlen(suffix);

	*n = 0;
	if (!d)
		bench_die(prog, "%s: %s", dir, strerror(errno));
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (e->d_name[0] == '.' || len < m ||
		    strcmp(e->d_name + len - m, suffix))
			continue;
		if (*n == cap) {
			char **grown;

			cap = cap ? cap * 2 : 64;
			grown = realloc(names, cap * sizeof *grown);
			if (!grown)
				bench_die(prog, "out of memory");
			names = grown;
		}
		names[*n] = strdup(e->d_name);
		if (!names[*n])
			bench_die(prog, "out of memory");
		(*n)++;
	}
	closedir(d);
	if (*n)
		qsort(names, *n, sizeof *names, cmp_names);
	return names;
}

static void free_names(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Reuters paragraphs: a line that starts with white space starts one. */
static void add_reuters_body(text_pool *paras, const char *body)
{
	const char *start = body, *p = body;

	while (*p) {
		const char *nl = strchr(p, '\n');

		if (!nl)
			break;
		if (nl[1] == ' ' || nl[1] == '\t' || nl[1] == '\n') {
			pool_add_squeezed(paras, start, (size_t)(nl - start),
					  MIN_PARAGRAPH);
			start = nl + 1;
		}
		p = nl + 1;
	}
	pool_add_squeezed(paras, start, strlen(start), MIN_PARAGRAPH);
}

static void read_reuters(const char *corpora, text_pool *titles,
			 text_pool *paras)
{
	char *dir = NULL;
	char **names;
	size_t n, i;

	if (asprintf(&dir, "%s/reuters21578", corpora) < 0)
		bench_die(prog, "out of memory");
	names = list_dir(dir, ".sgm.gz", &n);
	if (!n)
		bench_die(prog, "%s: no reut2-*.sgm.gz files", dir);
	for (i = 0; i < n; i++) {
		char *path = NULL, *err = NULL;
		newsidx_reader *r = NULL;
		newsidx_article a;
		newsidx_status rc;

		if (asprintf(&path, "%s/%s", dir, names[i]) < 0)
			bench_die(prog, "out of memory");
		rc = newsidx_reader_open(path, NEWSIDX_FORMAT_SGML, NULL, &r,
					 &err);
		if (rc != NEWSIDX_OK)
			bench_die(prog, "%s",
				  err ? err : newsidx_status_str(rc));
		memset(&a, 0, sizeof a);
		while ((rc = newsidx_reader_next(r, &a)) != NEWSIDX_DONE) {
			if (rc == NEWSIDX_BAD_INPUT)
				continue;
			if (rc != NEWSIDX_OK)
				bench_die(prog, "%s",
					  newsidx_reader_message(r));
			if (a.title && a.title[0])
				pool_add_squeezed(titles, a.title,
						  strlen(a.title), 1);
			if (a.body && a.body[0])
				add_reuters_body(paras, a.body);
			newsidx_article_clear(&a);
		}
		newsidx_reader_destroy(r);
		free(path);
	}
	free_names(names, n);
	free(dir);
}

/* Valid UTF-8 from s: bytes that are not are taken as Latin-1 (the one
 * such byte in the BBC collection is). */
static char *utf8_from_latin1(const unsigned char *s, size_t len, size_t *out)
{
	char *buf = malloc(2 * len + 1);
	size_t i = 0, n = 0;

	if (!buf)
		bench_die(prog, "out of memory");
	while (i < len) {
		unsigned char c = s[i];
		size_t k = c < 0x80		? 1
			   : (c & 0xE0) == 0xC0 ? 2
			   : (c & 0xF0) == 0xE0 ? 3
			   : (c & 0xF8) == 0xF0 ? 4
						: 0;
		size_t j;

		for (j = 1; k && j < k; j++)
			if (i + j >= len || (s[i + j] & 0xC0) != 0x80)
				k = 0;
		if (k) {
			memcpy(buf + n, s + i, k);
			n += k;
			i += k;
		} else {
			buf[n++] = (char)(0xC0 | (c >> 6));
			buf[n++] = (char)(0x80 | (c & 0x3F));
			i++;
		}
	}
	buf[n] = '\0';
	*out = n;
	return buf;
}

static void add_bbc_file(const char *path, text_pool *titles, text_pool *paras)
{
	size_t raw_len, len;
	char *raw = bench_read_file(path, &raw_len);
	char *text, *p, *end, *start;

	if (!raw)
		bench_die(prog, "%s: %s", path, strerror(errno));
	text = utf8_from_latin1((unsigned char *)raw, raw_len, &len);
	free(raw);
	p = text;
	end = text + len;
	start = memchr(p, '\n', len);
	if (!start) {
		free(text);
		return;
	}
	pool_add_squeezed(titles, p, (size_t)(start - p), 1);
	/* Paragraphs: separated by blank lines. */
	p = start + 1;
	while (p < end) {
		char *blank = strstr(p, "\n\n");
		char *stop = blank ? blank : end;

		pool_add_squeezed(paras, p, (size_t)(stop - p), MIN_PARAGRAPH);
		p = blank ? blank + 2 : end;
	}
	free(text);
}

static void read_bbc(const char *corpora, text_pool *titles, text_pool *paras)
{
	static const char *const categories[] = { "business", "entertainment",
						  "politics", "sport", "tech" };
	size_t c;

	for (c = 0; c < sizeof categories / sizeof categories[0]; c++) {
		char *dir = NULL;
		char **names;
		size_t n, i;

		if (asprintf(&dir, "%s/bbc/%s", corpora, categories[c]) < 0)
			bench_die(prog, "out of memory");
		names = list_dir(dir, ".txt", &n);
		for (i = 0; i < n; i++) {
			char *path = NULL;

			if (asprintf(&path, "%s/%s", dir, names[i]) < 0)
				bench_die(prog, "out of memory");
			add_bbc_file(path, titles, paras);
			free(path);
		}
		free_names(names, n);
		free(dir);
	}
}

/* ------------------------------------------------------------------ */
/* Randomness and dates */

static uint64_t rng_state;

/* splitmix64 */
static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static size_t rng_below(size_t n)
{
	return n ? (size_t)(rng_next() % n) : 0;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static void format_day(long day, char out[16])
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
}

/* ------------------------------------------------------------------ */
/* Articles */

static void make_dirs(const char *path)
{
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		bench_die(prog, "%s: %s", path, strerror(errno));
}

static void write_corpus(const char *out, unsigned long n_articles,
			 const text_pool *titles, const text_pool *paras)
{
	long first = days_from_civil(FIRST_DAY_YEAR, 1, 1);
	long span = days_from_civil(LAST_DAY_YEAR, 12, 31) - first + 1;
	unsigned long i;
	unsigned long long bytes = 0;
	char *buf = NULL;
	size_t buf_cap = 0;

	make_dirs(out);
	for (i = 1; i <= n_articles; i++) {
		char dir[4096], path[4200], date[16];
		const char *title = pool_get(titles, rng_below(titles->n));
		unsigned k, n_paras = 3 + (unsigned)rng_below(4);
		long day = first + (long)rng_below((size_t)span);
		size_t need, len;
		struct timespec times[2];
		int fd;

		format_day(day, date);
		need = strlen(title) + 32;
		snprintf(dir, sizeof dir, "%s/%03lu", out, (i - 1) / 1000);
		if ((i - 1) % 1000 == 0)
			make_dirs(dir);
		snprintf(path, sizeof path, "%s/bench-%07lu.txt", dir, i);
		/* Draw the paragraphs first, to size the buffer. */
		{
			size_t picks[6];

			for (k = 0; k < n_paras; k++) {
				picks[k] = rng_below(paras->n);
				need += strlen(pool_get(paras, picks[k])) + 2;
			}
			if (need + 1 > buf_cap) {
				char *grown = realloc(buf, need + 1);

				if (!grown)
					bench_die(prog, "out of memory");
				buf = grown;
				buf_cap = need + 1;
			}
			len = (size_t)snprintf(buf, buf_cap, "%s\n\nDate: %s\n",
					       title, date);
			for (k = 0; k < n_paras; k++) {
				const char *para = pool_get(paras, picks[k]);
				size_t plen = strlen(para);

				buf[len++] = '\n';
				memcpy(buf + len, para, plen);
				len += plen;
				buf[len++] = '\n';
			}
		}
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (fd < 0 || write(fd, buf, len) != (ssize_t)len)
			bench_die(prog, "%s: %s", path, strerror(errno));
		times[0].tv_sec = times[1].tv_sec = day * 86400L + 12 * 3600L;
		times[0].tv_nsec = times[1].tv_nsec = 0;
		if (futimens(fd, times) != 0 || close(fd) != 0)
			bench_die(prog, "%s: %s", path, strerror(errno));
		bytes += len;
	}
	free(buf);
	fprintf(stderr, "%s: %lu articles, %.1f MB, %.0f bytes each\n", out,
		n_articles, (double)bytes / 1e6,
		(double)bytes / (double)n_articles);
}

/* ------------------------------------------------------------------ */
/* Queries */

static const char *const stop_words[] = {
	"the",	 "and",	  "for",   "that",  "with",  "was",    "are",
	"from",	 "his",	  "her",   "has",   "have",  "had",    "not",
	"but",	 "this",  "its",   "they",  "their", "them",   "been",
	"were",	 "will",  "would", "which", "who",   "whom",   "what",
	"when",	 "where", "there", "then",  "than",  "also",   "into",
	"about", "she",	  "him",   "our",   "you",   "your",   "all",
	"any",	 "can",	  "could", "did",   "does",  "should", "these",
	"those", "such",  "only",  "other", "some",  "more",   "most",
	"over",	 "under", "very",  "just",  "after", "before", "while",
	"being", "both",  "each",  "few",   "nor",   "off",    "out",
	"own",	 "same",  "too",   "once",  "here",  "why",    "how",
	"again", "said",  "one",   "two",   "near",
};

static int is_stop(const char *w)
{
	size_t i;

	for (i = 0; i < sizeof stop_words / sizeof stop_words[0]; i++)
		if (!strcmp(w, stop_words[i]))
			return 1;
	return 0;
}

static int is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Plain punctuation or white space: where every tokenizer splits alike. */
static int is_plain_boundary(char c)
{
	return c == '\0' || c == ' ' || c == ',' || c == '.' || c == ';' ||
	       c == ':' || c == '!' || c == '?' || c == '"' || c == '(' ||
	       c == ')';
}

typedef struct word {
	const char *start;
	size_t len;
	int clean; /* ASCII letters between plain boundaries */
} word;

/* The words (runs of non-space) of s, at most max. */
static size_t split_words(const char *s, word *words, size_t max)
{
	size_t n = 0;

	while (*s && n < max) {
		const char *w, *a, *b;

		while (*s == ' ')
			s++;
		if (!*s)
			break;
		w = s;
		while (*s && *s != ' ')
			s++;
		/* Strip plain punctuation around the letters. */
		a = w;
		b = s;
		while (a < b && is_plain_boundary(*a))
			a++;
		while (b > a && is_plain_boundary(b[-1]))
			b--;
		words[n].start = a;
		words[n].len = (size_t)(b - a);
		words[n].clean = b > a;
		for (const char *c = a; c < b; c++)
			if (!is_letter(*c))
				words[n].clean = 0;
		n++;
	}
	return n;
}

/* Lower-case copy of a word into out (size 64); 1 if it is a query word:
 * clean, 3 to 40 letters, not a stop word. */
static int query_word(const word *w, char out[64])
{
	size_t i;

	if (!w->clean || w->len < 3 || w->len > 40)
		return 0;
	for (i = 0; i < w->len; i++) {
		char c = w->start[i];

		out[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	out[w->len] = '\0';
	return !is_stop(out);
}

#define MAX_WORDS 2048

/* A random query word from a random string of pool into out. */
static void random_word(const text_pool *pool, char out[64])
{
	static word words[MAX_WORDS];

	for (;;) {
		size_t n = split_words(pool_get(pool, rng_below(pool->n)),
				       words, MAX_WORDS);
		size_t tries;

		for (tries = 0; n && tries < 8; tries++)
			if (query_word(&words[rng_below(n)], out))
				return;
	}
}

/* 2 or 3 consecutive words of a random paragraph, quoted: clean words,
 * only spaces between them, the first and last not stop words. */
static void random_phrase(const text_pool *paras, char *out, size_t size)
{
	static word words[MAX_WORDS];

	for (;;) {
		const char *para = pool_get(paras, rng_below(paras->n));
		size_t n = split_words(para, words, MAX_WORDS);
		size_t len = 2 + rng_below(2), start, i, tries;

		for (tries = 0; n >= len && tries < 8; tries++) {
			char w[3][64];
			int ok = 1;

			start = rng_below(n - len + 1);
			for (i = 0; i < len && ok; i++) {
				const word *cur = &words[start + i];

				ok = cur->clean && cur->len < 40 &&
				     (i + 1 == len ||
				      cur->start + cur->len ==
					      words[start + i + 1].start - 1);
				if (ok && !query_word(cur, w[i])) {
					/* Short or stop words only inside. */
					size_t j;

					ok = i > 0 && i + 1 < len;
					for (j = 0; ok && j < cur->len; j++)
						w[i][j] = (char)(cur->start[j] |
								 0x20);
					w[i][cur->len] = '\0';
				}
			}
			if (!ok)
				continue;
			if (len == 2)
				snprintf(out, size, "\"%s %s\"", w[0], w[1]);
			else
				snprintf(out, size, "\"%s %s %s\"", w[0], w[1],
					 w[2]);
			return;
		}
	}
}

static void write_queries(const char *path, unsigned per_class,
			  const text_pool *titles, const text_pool *paras)
{
	FILE *f = fopen(path, "w");
	long first = days_from_civil(FIRST_DAY_YEAR, 1, 1);
	long span = days_from_civil(LAST_DAY_YEAR, 12, 31) - first + 1;
	unsigned i;

	if (!f)
		bench_die(prog, "%s: %s", path, strerror(errno));
	fprintf(f, "# newsidx benchmark queries: class<TAB>query "
		   "(newsidx syntax)\n");
	for (i = 0; i < per_class; i++) {
		char a[64], b[64], c[64], phrase[256], lo[16], hi[16];
		long len, start;
		int three;

		random_word(paras, a);
		fprintf(f, "term\t%s\n", a);

		three = rng_below(2) != 0;
		random_word(paras, a);
		random_word(paras, b);
		random_word(paras, c);
		if (three)
			fprintf(f, "and\t%s AND %s AND %s\n", a, b, c);
		else
			fprintf(f, "and\t%s AND %s\n", a, b);

		three = rng_below(2) != 0;
		random_word(paras, a);
		random_word(paras, b);
		random_word(paras, c);
		if (three)
			fprintf(f, "or\t%s OR %s OR %s\n", a, b, c);
		else
			fprintf(f, "or\t%s OR %s\n", a, b);

		random_phrase(paras, phrase, sizeof phrase);
		fprintf(f, "phrase\t%s\n", phrase);

		random_word(titles, a);
		fprintf(f, "title\ttitle:%s\n", a);

		len = 30 + (long)rng_below(336);
		start = first + (long)rng_below((size_t)(span - len));
		format_day(start, lo);
		format_day(start + len - 1, hi);
		random_word(paras, a);
		fprintf(f, "date\tdate:%s..%s %s\n", lo, hi, a);
	}
	if (fclose(f) != 0)
		bench_die(prog, "%s: %s", path, strerror(errno));
}

int main(int argc, char **argv)
{
	const char *corpora = NULL, *out = NULL, *queries = NULL;
	unsigned long n_articles = 0, seed = 20251126;
	unsigned per_class = 100;
	text_pool titles, paras;
	int opt;

	while ((opt = getopt(argc, argv, "c:n:o:q:k:s:")) != -1) {
		switch (opt) {
		case 'c':
			corpora = optarg;
			break;
		case 'n':
			n_articles = strtoul(optarg, NULL, 10);
			break;
		case 'o':
			out = optarg;
			break;
		case 'q':
			queries = optarg;
			break;
		case 'k':
			per_class = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 's':
			seed = strtoul(optarg, NULL, 10);
			break;
		default:
			fprintf(stderr,
				"usage: %s -c CORPORA [-s SEED] [-n N -o DIR] "
				"[-q FILE [-k PER_CLASS]]\n",
				prog);
			return 2;
		}
	}
	if (!corpora || (!out && !queries) || (out && !n_articles))
		bench_die(prog, "need -c CORPORA and -n N -o DIR or -q FILE");
	memset(&titles, 0, sizeof titles);
	memset(&paras, 0, sizeof paras);
	read_reuters(corpora, &titles, &paras);
	read_bbc(corpora, &titles, &paras);
	fprintf(stderr, "%s: pool of %zu headlines, %zu paragraphs (%.1f MB)\n",
		prog, titles.n, paras.n, (double)paras.len / 1e6);
	if (out) {
		rng_state = seed;
		write_corpus(out, n_articles, &titles, &paras);
	}
	if (queries) {
		rng_state =
			seed ^ 0x5157455259ULL; /* "QWERY": its own stream */
		write_queries(queries, per_class, &titles, &paras);
	}
	pool_free(&titles);
	pool_free(&paras);
	return 0;
}
