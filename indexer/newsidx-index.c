/* newsidx-index: index news articles from files and directories.
 * A thin program over libnewsidx (newsidx_index_paths does the work): it
 * parses options, prints events, the progress line and the summary.
 * Bad inputs are reported and skipped; see --help. */
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

static const char *prog = "newsidx-index";

typedef struct cli {
	int quiet, verbose, progress;
	double last_progress;
	int progress_shown;
} cli;

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [OPTION]... PATH...\n"
		"       %s --compact | --stats | --aliases [-d PATH]\n"
		"Index news articles from files and directories (recursively) "
		"into a\n"
		"newsidx database.  Runs are incremental: unchanged files are "
		"skipped,\n"
		"changed ones replaced.\n"
		"\n"
		"Formats: plain text (.txt: headline, optional dateline), "
		"Reuters SGML (.sgm),\n"
		"JSON Lines (.jsonl, .ndjson), HTML pages (.html, .htm), and "
		"any of them\n"
		"gzip-compressed (.gz).  In directories, other files, hidden "
		"ones and\n"
		"README, LICENSE and COPYING files are ignored; files named on "
		"the\n"
		"command line are always read.\n"
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
		"      --include GLOB   in directories, read only files whose "
		"name matches GLOB\n"
		"                       (repeatable), e.g. --include "
		"'*.sgm.gz'\n"
		"      --exclude GLOB   in directories, skip files whose name "
		"matches GLOB\n"
		"      --field NAME=KEY take article field NAME (id, title, "
		"body, date, source,\n"
		"                       author, place, topics, url) from JSON "
		"key KEY\n"
		"  -j, --jobs N         parallel workers for a new database "
		"(default: cores)\n"
		"      --memory MB      memory budget for buffered changes "
		"(default 256)\n"
		"      --shards N       make a new database of N shards "
		"(shard0..shardN-1\n"
		"                       and a stub file): an article goes to "
		"the shard of\n"
		"                       a stable hash of its id\n"
		"      --shard-of N/M   index only the articles of shard N of "
		"M "
		"(one machine's\n"
		"                       part of an archive listing)\n"
		"      --prune          remove the articles of files that are "
		"gone\n"
		"      --force          re-index files even when unchanged\n"
		"      --strict         stop at the first bad input; nothing "
		"of this run is\n"
		"                       committed (exit 2)\n"
		"      --overwrite      start from an empty database\n"
		"      --wait           wait for another writer to finish "
		"instead of failing\n"
		"      --compact        compact the database in place and "
		"report its size\n"
		"      --stats          print articles, terms, date range and "
		"size on disk\n"
		"      --aliases        list the acronyms and aliases learned "
		"from the articles\n"
		"                       (\"Tehreek-e-Taliban Pakistan "
		"(TTP)\"), "
		"with the number\n"
		"                       of articles that define each, and "
		"those of the alias file\n"
		"      --alias-file FILE  add the aliases of FILE, lines "
		"\"NAME = NAME\", '#'\n"
		"                       comments; replaces the file given "
		"before (PATHs optional)\n"
		"  -q, --quiet          no notes and no progress line; errors "
		"and summary only\n"
		"  -v, --verbose        name each file as it is indexed\n"
		"  -h, --help           show this help\n"
		"      --version        show the version\n"
		"\n"
		"Examples:\n"
		"  %s -d archive.db corpus/\n"
		"  %s -d archive.db --prune ~/news/\n"
		"\n"
		"Exit status: 0 everything indexed, 1 some inputs were skipped "
		"(each is\n"
		"reported on stderr), 2 usage or database error (nothing "
		"half-written).\n",
		prog, prog, prog, prog);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void clear_progress(cli *c)
{
	if (c->progress_shown) {
		fputs("\r\033[K", stderr);
		c->progress_shown = 0;
	}
}

static void on_event(void *ctx, newsidx_event ev, const char *msg)
{
	cli *c = ctx;

	if (ev == NEWSIDX_EVENT_NOTE && c->quiet)
		return;
	if (ev == NEWSIDX_EVENT_FILE && !c->verbose)
		return;
	clear_progress(c);
	if (ev == NEWSIDX_EVENT_FILE)
		fprintf(stderr, "%s: indexing %s\n", prog, msg);
	else
		fprintf(stderr, "%s: %s\n", prog, msg);
}

static void on_progress(void *ctx, const newsidx_progress *p)
{
	cli *c = ctx;
	double t = now(), rate, eta;

	if (!c->progress || t - c->last_progress < 0.25)
		return;
	c->last_progress = t;
	rate = p->seconds > 0 ? (double)p->bytes_done / p->seconds : 0;
	eta = rate > 0 ? (double)(p->bytes_total - p->bytes_done) / rate : 0;
	fprintf(stderr,
		"\r\033[K%lu/%lu files, %lu articles, %.1f/%.1f MB, "
		"%.2f MB/s, ETA %d:%02d",
		p->files_done, p->files_total, p->articles,
		(double)p->bytes_done / 1e6, (double)p->bytes_total / 1e6,
		rate / 1e6, (int)(eta / 60), (int)eta % 60);
	c->progress_shown = 1;
}

/* Peak resident memory of this process, in bytes (0 if unknown). */
static unsigned long long peak_rss(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	unsigned long long kb = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %llu kB", &kb) == 1)
			break;
	fclose(f);
	return kb * 1024ULL;
}

static int parse_uint(const char *opt, const char *s, unsigned *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (!*s || *end || errno || v > 1000000 || *s == '-') {
		fprintf(stderr, "%s: %s needs a whole number, not '%s'\n", prog,
			opt, s);
		return 0;
	}
	*out = (unsigned)v;
	return 1;
}

static int do_compact(const char *db_path, int wait)
{
	unsigned long long before = 0, after = 0;
	char *errmsg = NULL;
	newsidx_status rc;

	rc = newsidx_db_compact(db_path, wait, &before, &after, &errmsg);
	if (rc != NEWSIDX_OK) {
		fprintf(stderr, "%s: %s\n", prog,
			errmsg ? errmsg : newsidx_status_str(rc));
		free(errmsg);
		return EXIT_FATAL;
	}
	printf("compacted %s: %.1f MB -> %.1f MB\n", db_path,
	       (double)before / 1e6, (double)after / 1e6);
	return 0;
}

static int do_stats(const char *db_path)
{
	newsidx_db_stats st;
	char *errmsg = NULL;
	newsidx_status rc;

	rc = newsidx_db_stats_get(db_path, &st, &errmsg);
	if (rc != NEWSIDX_OK) {
		fprintf(stderr, "%s: %s\n", prog,
			errmsg ? errmsg : newsidx_status_str(rc));
		free(errmsg);
		return EXIT_FATAL;
	}
	printf("database:   %s\n", db_path);
	printf("articles:   %u\n", st.articles);
	printf("files:      %lu\n", st.files);
	printf("terms:      %llu\n", st.terms);
	printf("dates:      %s .. %s\n", st.first_date[0] ? st.first_date : "-",
	       st.last_date[0] ? st.last_date : "-");
	printf("language:   %s\n", st.lang);
	printf("size:       %.1f MB\n", (double)st.bytes / 1e6);
	return 0;
}

static int do_aliases(const char *db_path)
{
	newsidx_db *db = NULL;
	newsidx_alias *aliases = NULL;
	char *errmsg = NULL;
	size_t n = 0, i;
	newsidx_status rc;

	rc = newsidx_db_open(db_path, NEWSIDX_DB_READ, NULL, &db, &errmsg);
	if (rc == NEWSIDX_OK)
		rc = newsidx_db_aliases(db, &aliases, &n);
	if (rc != NEWSIDX_OK) {
		fprintf(stderr, "%s: %s\n", prog,
			errmsg ? errmsg
			: db   ? newsidx_db_error(db)
			       : newsidx_status_str(rc));
		free(errmsg);
		newsidx_db_destroy(db);
		return EXIT_FATAL;
	}
	for (i = 0; i < n; i++) {
		const newsidx_alias *a = &aliases[i];

		if (a->from_file)
			printf("%s = %s  (alias file)\n", a->name, a->alias);
		else
			printf("%s = %s  (%u article%s%s)\n", a->name, a->alias,
			       a->articles, a->articles == 1 ? "" : "s",
			       a->accepted ? ""
					   : "; not used: too few of the "
					     "definitions agree");
	}
	if (!n)
		printf("no aliases: no article defines an acronym, and no "
		       "alias file was given\n");
	newsidx_aliases_free(aliases, n);
	newsidx_db_destroy(db);
	return 0;
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
		OPT_MEMORY,
		OPT_PRUNE,
		OPT_FORCE,
		OPT_COMPACT,
		OPT_STATS,
		OPT_ALIASES,
		OPT_ALIAS_FILE,
		OPT_INCLUDE,
		OPT_EXCLUDE,
		OPT_SHARDS,
		OPT_SHARD_OF,
		OPT_VERSION
	};
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "list-languages", no_argument, NULL, OPT_LIST_LANGS },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "field", required_argument, NULL, OPT_FIELD },
		{ "jobs", required_argument, NULL, 'j' },
		{ "memory", required_argument, NULL, OPT_MEMORY },
		{ "prune", no_argument, NULL, OPT_PRUNE },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "overwrite", no_argument, NULL, OPT_OVERWRITE },
		{ "wait", no_argument, NULL, OPT_WAIT },
		{ "compact", no_argument, NULL, OPT_COMPACT },
		{ "stats", no_argument, NULL, OPT_STATS },
		{ "aliases", no_argument, NULL, OPT_ALIASES },
		{ "alias-file", required_argument, NULL, OPT_ALIAS_FILE },
		{ "include", required_argument, NULL, OPT_INCLUDE },
		{ "shards", required_argument, NULL, OPT_SHARDS },
		{ "shard-of", required_argument, NULL, OPT_SHARD_OF },
		{ "exclude", required_argument, NULL, OPT_EXCLUDE },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	const char *db_path = getenv("NEWSIDX_DB");
	const char **field_map, **include, **exclude;
	size_t n_fields = 0, n_include = 0, n_exclude = 0;
	newsidx_index_opts opts;
	newsidx_index_stats stats;
	cli c;
	int ch, status, compact = 0, show_stats = 0, show_aliases = 0;
	char *errmsg = NULL;
	newsidx_status rc;

	memset(&c, 0, sizeof c);
	newsidx_index_opts_init(&opts);
	field_map = calloc(3 * ((size_t)argc + 1), sizeof *field_map);
	if (!field_map) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return EXIT_FATAL;
	}
	/* One allocation, three NULL-terminated lists. */
	include = field_map + argc + 1;
	exclude = include + argc + 1;
	while ((ch = getopt_long(argc, argv, "d:j:qvh", longopts, NULL)) !=
	       -1) {
		switch (ch) {
		case 'd':
			db_path = optarg;
			break;
		case OPT_LANG:
			opts.lang = optarg;
			break;
		case OPT_LIST_LANGS:
			printf("%s\n", newsidx_languages());
			free(field_map);
			return 0;
		case OPT_FORMAT:
			if (newsidx_format_from_name(optarg, &opts.format) !=
			    NEWSIDX_OK) {
				fprintf(stderr,
					"%s: unknown format '%s'; use auto, "
					"text, sgml, jsonl or html\n",
					prog, optarg);
				free(field_map);
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
				free(field_map);
				return EXIT_FATAL;
			}
			field_map[n_fields++] = optarg;
			break;
		}
		case 'j':
			if (!parse_uint("--jobs", optarg, &opts.jobs)) {
				free(field_map);
				return EXIT_FATAL;
			}
			break;
		case OPT_MEMORY:
			if (!parse_uint("--memory", optarg, &opts.memory_mb) ||
			    opts.memory_mb < 4) {
				if (opts.memory_mb < 4)
					fprintf(stderr,
						"%s: --memory must be at "
						"least 4 (MB)\n",
						prog);
				free(field_map);
				return EXIT_FATAL;
			}
			break;
		case OPT_PRUNE:
			opts.prune = 1;
			break;
		case OPT_FORCE:
			opts.force = 1;
			break;
		case OPT_STRICT:
			opts.strict = 1;
			break;
		case OPT_OVERWRITE:
			opts.db_flags |= NEWSIDX_DB_OVERWRITE;
			break;
		case OPT_WAIT:
			opts.db_flags |= NEWSIDX_DB_WAIT;
			break;
		case OPT_COMPACT:
			compact = 1;
			break;
		case OPT_INCLUDE:
			include[n_include++] = optarg;
			break;
		case OPT_SHARDS:
			if (!parse_uint("--shards", optarg, &opts.shards) ||
			    opts.shards < 1 || opts.shards > 1024) {
				if (opts.shards < 1 || opts.shards > 1024)
					fprintf(stderr,
						"%s: --shards takes 1 to "
						"1024\n",
						prog);
				free(field_map);
				return EXIT_FATAL;
			}
			break;
		case OPT_SHARD_OF: {
			unsigned n, m;
			char extra;

			if (sscanf(optarg, "%u/%u%c", &n, &m, &extra) != 2 ||
			    m < 1 || n >= m) {
				fprintf(stderr,
					"%s: --shard-of needs N/M with 0 <= N "
					"< M, not '%s'\n",
					prog, optarg);
				free(field_map);
				return EXIT_FATAL;
			}
			opts.shard_of_n = n;
			opts.shard_of_m = m;
			break;
		}
		case OPT_EXCLUDE:
			exclude[n_exclude++] = optarg;
			break;
		case OPT_STATS:
			show_stats = 1;
			break;
		case OPT_ALIASES:
			show_aliases = 1;
			break;
		case OPT_ALIAS_FILE:
			opts.alias_file = optarg;
			break;
		case 'q':
			c.quiet = 1;
			break;
		case 'v':
			c.verbose = 1;
			break;
		case 'h':
			usage(stdout);
			free(field_map);
			return 0;
		case OPT_VERSION:
			printf("%s %s\n", prog, NEWSIDX_VERSION);
			free(field_map);
			return 0;
		default:
			fprintf(stderr, "Try '%s --help'.\n", prog);
			free(field_map);
			return EXIT_FATAL;
		}
	}
	if (!db_path || !db_path[0])
		db_path = "newsidx.db";
	if (compact || show_stats || show_aliases) {
		status = 0;
		if (optind < argc) {
			fprintf(stderr,
				"%s: --compact, --stats and --aliases take no "
				"paths\n",
				prog);
			status = EXIT_FATAL;
		}
		if (!status && compact)
			status = do_compact(db_path, (opts.db_flags &
						      NEWSIDX_DB_WAIT) != 0);
		if (!status && show_stats)
			status = do_stats(db_path);
		if (!status && show_aliases)
			status = do_aliases(db_path);
		free(field_map);
		return status;
	}
	if (optind >= argc && !opts.alias_file) {
		fprintf(stderr,
			"%s: no files or directories given\n"
			"Try '%s --help'.\n",
			prog, prog);
		free(field_map);
		return EXIT_FATAL;
	}
	opts.field_map = n_fields ? field_map : NULL;
	opts.include = n_include ? include : NULL;
	opts.exclude = n_exclude ? exclude : NULL;
	opts.on_event = on_event;
	opts.on_progress = on_progress;
	opts.ctx = &c;
	c.progress = !c.quiet && isatty(STDERR_FILENO);
	rc = newsidx_index_paths(db_path, (const char *const *)(argv + optind),
				 (size_t)(argc - optind), &opts, &stats,
				 &errmsg);
	clear_progress(&c);
	free(field_map);
	if (rc != NEWSIDX_OK) {
		if (rc == NEWSIDX_BAD_INPUT && opts.strict)
			fprintf(stderr,
				"%s: --strict: stopped at the first bad "
				"input; nothing from this run was committed\n",
				prog);
		else
			fprintf(stderr, "%s: %s\n", prog,
				errmsg ? errmsg : newsidx_status_str(rc));
		free(errmsg);
		return EXIT_FATAL;
	}
	free(errmsg);
	fprintf(stderr,
		"indexed %lu articles from %lu files (%lu skipped) in %.1f s\n",
		stats.articles, stats.files, stats.skipped, stats.seconds);
	if (!c.quiet)
		fprintf(stderr,
			"files: %lu added, %lu updated, %lu unchanged, %lu "
			"removed, %lu skipped; %.1f MB read with %u job%s; "
			"peak memory %.0f MB\n",
			stats.added, stats.updated, stats.unchanged,
			stats.removed, stats.skipped, (double)stats.bytes / 1e6,
			stats.jobs, stats.jobs == 1 ? "" : "s",
			(double)peak_rss() / 1e6);
	status = stats.skipped ? EXIT_SKIPPED : EXIT_ALL_OK;
	return status;
}
