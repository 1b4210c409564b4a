/* newsidx-index: index news articles from files and directories.
 * A thin program over libnewsidx: it walks the paths, reads each file with
 * newsidx_reader_*, adds the articles with newsidx_db_add_article and
 * commits.  Bad inputs are reported and skipped; see --help. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "newsidx.h"

#define EXIT_ALL_OK  0
#define EXIT_SKIPPED 1
#define EXIT_FATAL   2

/* Commit after this many articles, so a crash loses at most a batch. */
#define COMMIT_EVERY 5000

static const char *prog = "newsidx-index";

typedef struct run {
	newsidx_db *db;
	newsidx_format format;
	const char **field_map;
	int strict, quiet, verbose;
	unsigned long n_articles, n_files, n_skipped, n_bad_records;
	unsigned long since_commit;
	int fatal;
	/* Directories on the current walk, to break symlink loops. */
	struct dir_id {
		dev_t dev;
		ino_t ino;
	} * stack;
	size_t depth, stack_cap;
} run;

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [OPTION]... PATH...\n"
		"Index news articles from files and directories (recursively) "
		"into a\n"
		"newsidx database.  Re-indexing a file replaces its articles.\n"
		"\n"
		"Formats: plain text (.txt: headline, optional dateline), "
		"Reuters SGML (.sgm),\n"
		"JSON Lines (.jsonl, .ndjson), HTML pages (.html, .htm), and "
		"any of them\n"
		"gzip-compressed (.gz).  In directories, other files are "
		"ignored; files\n"
		"named on the command line are always read.\n"
		"\n"
		"  -d, --db PATH        database (default: $NEWSIDX_DB, else "
		"./newsidx.db)\n"
		"      --lang LANG      stemming language of a new database "
		"(default english)\n"
		"      --list-languages list the stemming languages and exit\n"
		"      --format FMT     read every file as FMT: auto "
		"(default), "
		"text, sgml,\n"
		"                       jsonl, html\n"
		"      --field NAME=KEY take article field NAME (id, title, "
		"body, date, source,\n"
		"                       author, place, topics, url) from JSON "
		"key KEY\n"
		"      --strict         stop at the first bad input; nothing "
		"of this run is\n"
		"                       committed (exit 2)\n"
		"      --overwrite      start from an empty database\n"
		"      --wait           wait for another writer to finish "
		"instead of failing\n"
		"  -q, --quiet          no notes, only errors and the summary\n"
		"  -v, --verbose        name each file as it is indexed\n"
		"  -h, --help           show this help\n"
		"      --version        show the version\n"
		"\n"
		"Example:\n"
		"  %s -d archive.db corpus/\n"
		"\n"
		"Exit status: 0 everything indexed, 1 some inputs were skipped "
		"(each is\n"
		"reported on stderr), 2 usage or database error (nothing "
		"half-written).\n",
		prog, prog);
}

/* Report one bad input; in strict mode it ends the run. */
static void skipped(run *r, const char *msg)
{
	fprintf(stderr, "%s: %s\n", prog, msg);
	r->n_skipped++;
	if (r->strict)
		r->fatal = 1;
}

static void maybe_commit(run *r)
{
	if (r->strict || ++r->since_commit < COMMIT_EVERY)
		return;
	if (newsidx_db_commit(r->db) != NEWSIDX_OK) {
		fprintf(stderr, "%s: %s\n", prog, newsidx_db_error(r->db));
		r->fatal = 1;
	}
	r->since_commit = 0;
}

static void index_file(run *r, const char *path)
{
	newsidx_reader *reader = NULL;
	newsidx_article a;
	newsidx_status rc;
	char *errmsg = NULL;
	char real[PATH_MAX];

	if (!realpath(path, real)) {
		char *msg = NULL;

		if (asprintf(&msg, "%s: %s", path, strerror(errno)) < 0)
			msg = NULL;
		skipped(r, msg ? msg : path);
		free(msg);
		return;
	}
	rc = newsidx_reader_open(real, r->format,
				 (const char *const *)r->field_map, &reader,
				 &errmsg);
	if (rc != NEWSIDX_OK) {
		skipped(r, errmsg ? errmsg : newsidx_status_str(rc));
		free(errmsg);
		return;
	}
	if (r->verbose)
		fprintf(stderr, "%s: indexing %s (%s)\n", prog, real,
			newsidx_format_name(newsidx_reader_format(reader)));
	/* The file's articles are replaced as a whole: its old ones go. */
	rc = newsidx_db_delete_file(r->db, real, NULL);
	if (rc != NEWSIDX_OK) {
		fprintf(stderr, "%s: %s\n", prog, newsidx_db_error(r->db));
		r->fatal = 1;
		newsidx_reader_destroy(reader);
		return;
	}
	memset(&a, 0, sizeof a);
	while (!r->fatal) {
		rc = newsidx_reader_next(reader, &a);
		if (rc == NEWSIDX_DONE)
			break;
		if (rc == NEWSIDX_BAD_INPUT) {
			skipped(r, newsidx_reader_message(reader));
			r->n_bad_records++;
			continue;
		}
		if (rc == NEWSIDX_IO) {
			skipped(r, newsidx_reader_message(reader));
			break;
		}
		if (rc != NEWSIDX_OK) {
			fprintf(stderr, "%s: %s: %s\n", prog, real,
				newsidx_status_str(rc));
			r->fatal = 1;
			break;
		}
		if (!r->quiet && newsidx_reader_note(reader)[0]) {
			if (a.record > 0)
				fprintf(stderr, "%s: %s:%ld: %s\n", prog, real,
					a.record, newsidx_reader_note(reader));
			else
				fprintf(stderr, "%s: %s: %s\n", prog, real,
					newsidx_reader_note(reader));
		}
		rc = newsidx_db_add_article(r->db, &a);
		if (rc == NEWSIDX_BAD_INPUT) {
			char *msg = NULL;

			if (asprintf(&msg, "%s%s%.0ld: %s", real,
				     a.record > 0 ? ":" : "", a.record,
				     newsidx_db_error(r->db)) < 0)
				msg = NULL;
			skipped(r, msg ? msg : real);
			free(msg);
		} else if (rc != NEWSIDX_OK) {
			fprintf(stderr, "%s: %s\n", prog,
				newsidx_db_error(r->db));
			r->fatal = 1;
		} else {
			r->n_articles++;
			maybe_commit(r);
		}
		newsidx_article_clear(&a);
	}
	newsidx_article_clear(&a);
	newsidx_reader_destroy(reader);
	r->n_files++;
}

static int wanted_in_dir(const char *name)
{
	static const char *const exts[] = { ".txt",  ".text",  ".sgm",
					    ".sgml", ".jsonl", ".ndjson",
					    ".html", ".htm",   ".xhtml" };
	size_t len = strlen(name), i;

	if (len > 3 && !strcasecmp(name + len - 3, ".gz"))
		len -= 3;
	for (i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		size_t n = strlen(exts[i]);

		if (len > n && !strncasecmp(name + len - n, exts[i], n))
			return 1;
	}
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(run *r, const char *path, int top);

static void walk_dir(run *r, const char *path, const struct stat *st)
{
	DIR *dir;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	for (i = 0; i < r->depth; i++) {
		if (r->stack[i].dev == st->st_dev &&
		    r->stack[i].ino == st->st_ino) {
			char *msg = NULL;

			if (asprintf(&msg,
				     "%s: directory loop (a symbolic link "
				     "back to an enclosing directory), skipped",
				     path) < 0)
				msg = NULL;
			skipped(r, msg ? msg : path);
			free(msg);
			return;
		}
	}
	dir = opendir(path);
	if (!dir) {
		char *msg = NULL;

		if (asprintf(&msg, "%s: %s", path, strerror(errno)) < 0)
			msg = NULL;
		skipped(r, msg ? msg : path);
		free(msg);
		return;
	}
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue; /* ., .., and hidden files */
		if (n == cap) {
			char **grown;

			cap = cap ? cap * 2 : 64;
			grown = realloc(names, cap * sizeof *names);
			if (!grown)
				break;
			names = grown;
		}
		names[n] = strdup(e->d_name);
		if (names[n])
			n++;
	}
	closedir(dir);
	/* Sorted, so runs are repeatable. */
	if (n)
		qsort(names, n, sizeof *names, cmp_names);
	if (r->depth == r->stack_cap) {
		size_t new_cap = r->stack_cap ? r->stack_cap * 2 : 16;
		struct dir_id *grown =
			realloc(r->stack, new_cap * sizeof *grown);

		if (!grown) {
			fprintf(stderr, "%s: out of memory\n", prog);
			r->fatal = 1;
		} else {
			r->stack = grown;
			r->stack_cap = new_cap;
		}
	}
	if (!r->fatal) {
		r->stack[r->depth].dev = st->st_dev;
		r->stack[r->depth].ino = st->st_ino;
		r->depth++;
	}
	for (i = 0; i < n; i++) {
		char *child = NULL;

		if (!r->fatal &&
		    asprintf(&child, "%s%s%s", path,
			     path[strlen(path) - 1] == '/' ? "" : "/",
			     names[i]) >= 0) {
			walk(r, child, 0);
			free(child);
		}
		free(names[i]);
	}
	free(names);
	if (r->depth)
		r->depth--;
}

static void walk(run *r, const char *path, int top)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		char *msg = NULL;
		struct stat lst;

		/* A dangling link inside a tree is not worth a complaint
		 * unless it was named. */
		if (!top && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) &&
		    !wanted_in_dir(path))
			return;
		if (asprintf(&msg, "%s: %s", path, strerror(errno)) < 0)
			msg = NULL;
		skipped(r, msg ? msg : path);
		free(msg);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		walk_dir(r, path, &st);
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		if (top) {
			char *msg = NULL;

			if (asprintf(&msg, "%s: not a regular file", path) < 0)
				msg = NULL;
			skipped(r, msg ? msg : path);
			free(msg);
		}
		return;
	}
	if (!top && !wanted_in_dir(path))
		return;
	index_file(r, path);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	enum {
		OPT_LANG = 256,
		OPT_LIST_LANGS,
		OPT_FORMAT,
		OPT_FIELD,
		OPT_STRICT,
		OPT_OVERWRITE,
		OPT_WAIT,
		OPT_VERSION
	};
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "list-languages", no_argument, NULL, OPT_LIST_LANGS },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "field", required_argument, NULL, OPT_FIELD },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "overwrite", no_argument, NULL, OPT_OVERWRITE },
		{ "wait", no_argument, NULL, OPT_WAIT },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	const char *db_path = getenv("NEWSIDX_DB");
	const char *lang = NULL;
	unsigned flags = NEWSIDX_DB_WRITE;
	size_t n_fields = 0;
	run r;
	int c, i, status;
	char *errmsg = NULL;
	newsidx_status rc;
	double t0 = now();

	memset(&r, 0, sizeof r);
	r.field_map = calloc((size_t)argc + 1, sizeof *r.field_map);
	if (!r.field_map) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return EXIT_FATAL;
	}
	while ((c = getopt_long(argc, argv, "d:qvh", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db_path = optarg;
			break;
		case OPT_LANG:
			lang = optarg;
			break;
		case OPT_LIST_LANGS:
			printf("%s\n", newsidx_languages());
			free(r.field_map);
			return 0;
		case OPT_FORMAT:
			if (newsidx_format_from_name(optarg, &r.format) !=
			    NEWSIDX_OK) {
				fprintf(stderr,
					"%s: unknown format '%s'; use auto, "
					"text, sgml, jsonl or html\n",
					prog, optarg);
				free(r.field_map);
				return EXIT_FATAL;
			}
			break;
		case OPT_FIELD: {
			static const char *const names[] = {
				"id",	  "title", "body",   "date", "source",
				"author", "place", "topics", "url",  NULL
			};
			const char *eq = strchr(optarg, '=');
			int k, ok = 0;

			for (k = 0; eq && eq[1] && names[k]; k++)
				if ((size_t)(eq - optarg) == strlen(names[k]) &&
				    !strncmp(optarg, names[k],
					     (size_t)(eq - optarg)))
					ok = 1;
			if (!ok) {
				fprintf(stderr,
					"%s: --field needs NAME=KEY with NAME "
					"one of id, title, body, date, "
					"source, author, place, topics, url; "
					"not '%s'\n",
					prog, optarg);
				free(r.field_map);
				return EXIT_FATAL;
			}
			r.field_map[n_fields++] = optarg;
			break;
		}
		case OPT_STRICT:
			r.strict = 1;
			break;
		case OPT_OVERWRITE:
			flags |= NEWSIDX_DB_OVERWRITE;
			break;
		case OPT_WAIT:
			flags |= NEWSIDX_DB_WAIT;
			break;
		case 'q':
			r.quiet = 1;
			break;
		case 'v':
			r.verbose = 1;
			break;
		case 'h':
			usage(stdout);
			free(r.field_map);
			return 0;
		case OPT_VERSION:
			printf("%s %s\n", prog, NEWSIDX_VERSION);
			free(r.field_map);
			return 0;
		default:
			fprintf(stderr, "Try '%s --help'.\n", prog);
			free(r.field_map);
			return EXIT_FATAL;
		}
	}
	if (optind >= argc) {
		fprintf(stderr,
			"%s: no files or directories given\n"
			"Try '%s --help'.\n",
			prog, prog);
		free(r.field_map);
		return EXIT_FATAL;
	}
	if (!db_path || !db_path[0])
		db_path = "newsidx.db";
	if (r.strict)
		flags |= NEWSIDX_DB_ATOMIC;
	rc = newsidx_db_open(db_path, flags, lang, &r.db, &errmsg);
	if (rc != NEWSIDX_OK) {
		fprintf(stderr, "%s: %s\n", prog,
			errmsg ? errmsg : newsidx_status_str(rc));
		free(errmsg);
		free(r.field_map);
		return EXIT_FATAL;
	}
	for (i = optind; i < argc && !r.fatal; i++)
		walk(&r, argv[i], 1);

	if (r.fatal) {
		/* Nothing of this run after the last commit is kept. */
		if (r.strict)
			fprintf(stderr,
				"%s: --strict: stopping at the first bad "
				"input; nothing from this run was committed\n",
				prog);
		newsidx_db_destroy(r.db);
		free(r.stack);
		free(r.field_map);
		return EXIT_FATAL;
	}
	rc = newsidx_db_close(r.db);
	if (rc != NEWSIDX_OK) {
		fprintf(stderr, "%s: %s\n", prog, newsidx_db_error(r.db));
		newsidx_db_destroy(r.db);
		free(r.stack);
		free(r.field_map);
		return EXIT_FATAL;
	}
	newsidx_db_destroy(r.db);
	fprintf(stderr,
		"indexed %lu articles from %lu files (%lu skipped) "
		"in %.1f s\n",
		r.n_articles, r.n_files, r.n_skipped, now() - t0);
	status = r.n_skipped ? EXIT_SKIPPED : EXIT_ALL_OK;
	free(r.stack);
	free(r.field_map);
	return status;
}
