/* newsidx-query: search a newsidx database from the command line.
 * A thin program over libnewsidx (newsidx_search_run); see --help. */
#include <errno.h>
#include <getopt.h>
#include <json-c/json.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsidx.h"

#define EXIT_MATCH    0
#define EXIT_NO_MATCH 1
#define EXIT_ERROR    2

static const char *prog = "newsidx-query";

static void usage(FILE *f)
{
	newsidx_search_opts defaults;

	newsidx_search_opts_init(&defaults);
	fprintf(f,
		"Usage: %s [OPTION]... QUERY...\n"
		"       %s [OPTION]... --like ID [QUERY...]\n"
		"Search a newsidx database of news articles, best matches "
		"first (BM25).\n"
		"\n"
		"  -d, --db PATH        database (default: $NEWSIDX_DB, else "
		"./newsidx.db)\n"
		"  -n, --limit N        show at most N hits (default 10)\n"
		"      --offset N       skip the first N hits (paging)\n"
		"      --json           one JSON object per hit per line\n"
		"      --count          print only the number of matching "
		"articles (exact;\n"
		"                       near-duplicates count once unless "
		"--no-collapse)\n"
		"      --sort ORDER     relevance (default), date (newest "
		"first), oldest\n"
		"      --since DATE     only articles dated DATE (YYYY-MM-DD) "
		"or later\n"
		"      --until DATE     only articles dated DATE or earlier\n"
		"      --free-text      take the query as plain words: no "
		"operators, fields\n"
		"                       or phrases (for pasted text)\n"
		"      --snippet-len N  aim for N bytes of snippet (default "
		"200)\n"
		"      --no-snippets    no snippets (faster; \"snippet\" is "
		"\"\")\n"
		"      --color WHEN     highlight matches: auto (default), "
		"always, never\n"
		"      --facet NAME     count the matches by source, place, "
		"topic, person,\n"
		"                       org, year or month (repeatable; "
		"exact)\n"
		"      --timeline P     matches per day, week, month or year "
		"over their\n"
		"                       date range (a bar chart; JSON with "
		"--json)\n"
		"      --explain        show per hit what each query word, "
		"stem "
		"and alias\n"
		"                       added to the score, and which aliases "
		"applied\n"
		"      --no-aliases     do not expand acronyms and aliases "
		"(TTP = Tehreek-e-\n"
		"                       Taliban Pakistan, learned when "
		"indexing)\n"
		"      --no-collapse    show every near-duplicate (wire copy) "
		"as a "
		"hit of its own;\n"
		"                       by default copies are one hit with "
		"\"+N similar\"\n"
		"      --like ID        articles most like article ID (its own "
		"best terms),\n"
		"                       never ID or its copies; a QUERY is "
		"then optional\n"
		"                       and only filters\n"
		"      --timeout MS     for remote shards (default 10000)\n"
		"      --allow-partial  leave out shards that cannot be\n"
		"                       reached (a warning; with --json a "
		"first line\n"
		"                       {\"partial\":true,...})\n"
		"      --no-suggest     no spelling suggestion (by default a "
		"query with an\n"
		"                       unknown or rare word that a close word "
		"of the\n"
		"                       index would make find more prints "
		"\"Did you mean:\n"
		"                       QUERY\" on stderr; with --json also a "
		"line before\n"
		"                       the hits, {\"suggestion\":...,"
		"\"corrected\":false})\n"
		"      --correct        run the suggested query instead "
		"(\"Showing "
		"results\n"
		"                       for: QUERY\" on stderr; "
		"\"corrected\":true)\n"
		"\n"
		"Ranking (defaults measured in eval/RESULTS.md):\n"
		"      --bm25 K1,B      BM25 parameters (default %.2g,%.2g)\n"
		"      --no-stopwords, --stopwords\n"
		"                       free text: keep / drop English stop "
		"words (dropped)\n"
		"      --prf N          free text: pseudo-relevance feedback "
		"from the best N\n"
		"                       hits (default %u; 0 or --no-prf: off)\n"
		"      --prf-terms N    ... adding N of their terms (default "
		"%u)\n"
		"      --prf-weight W   ... weighted W, the query 1-W (default "
		"%.2g)\n"
		"      --title-weight W free text: words in titles score "
		"again, "
		"times W\n"
		"                       (default %.2g; 0: off)\n"
		"      --near W[,N]     free text: neighbouring words within N "
		"words score\n"
		"                       again, times W (default %.2g,%u; 0: "
		"off)\n"
		"  -h, --help           show this help\n"
		"      --version        show the version\n"
		"\n"
		"Query syntax: words (any may match; more matches rank higher),"
		" \"a phrase\",\n"
		"AND, OR, NOT, +required, -excluded, a NEAR b, (groups), and "
		"fields:\n"
		"title: source: place: topic: person: org: author: id: year:\n"
		"date:2025-10-01..2025-11-30 (either end may be left open).\n"
		"\n"
		"Examples:\n"
		"  %s 'TTP'\n"
		"  %s '\"Durand Line\" AND ceasefire' --json -n 20\n"
		"  %s 'Torkham AND trade' --since 2025-11-01 --sort date\n"
		"  %s --like ARTICLE-ID -n 5\n"
		"\n"
		"Exit status: 0 something matched, 1 nothing matched, 2 "
		"error.\n",
		prog, prog, defaults.bm25_k1, defaults.bm25_b,
		defaults.prf_docs, defaults.prf_terms, defaults.prf_weight,
		defaults.title_weight, defaults.near_weight,
		defaults.near_window, prog, prog, prog, prog);
}

static int parse_uint(const char *opt, const char *s, unsigned *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (!*s || *end || errno || v > UINT_MAX || *s == '-') {
		fprintf(stderr, "%s: %s needs a whole number, not '%s'\n", prog,
			opt, s);
		return 0;
	}
	*out = (unsigned)v;
	return 1;
}

/* A number >= 0 (and <= max when max >= 0) into *out. */
static int parse_double(const char *opt, const char *s, double max, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (!*s || *end || errno || !isfinite(v) || !(v >= 0) ||
	    (max >= 0 && v > max)) {
		if (max >= 0)
			fprintf(stderr,
				"%s: %s needs a number from 0 to %g, not "
				"'%s'\n",
				prog, opt, max, s);
		else
			fprintf(stderr,
				"%s: %s needs a number >= 0, not '%s'\n", prog,
				opt, s);
		return 0;
	}
	*out = v;
	return 1;
}

/* "A,B" into two numbers >= 0, the second at most max2 (< 0: no limit). */
static int parse_pair(const char *opt, const char *s, double max2, double *a,
		      double *b)
{
	const char *comma = strchr(s, ',');
	char first[64];

	if (!comma || (size_t)(comma - s) >= sizeof first) {
		fprintf(stderr, "%s: %s needs two numbers A,B, not '%s'\n",
			prog, opt, s);
		return 0;
	}
	memcpy(first, s, (size_t)(comma - s));
	first[comma - s] = '\0';
	return parse_double(opt, first, -1, a) &&
	       parse_double(opt, comma + 1, max2, b);
}

static json_object *json_explain(const newsidx_hit *h)
{
	json_object *arr = json_object_new_array();
	size_t i;

	for (i = 0; i < h->n_explain; i++) {
		const newsidx_contribution *c = &h->explain[i];
		json_object *e = json_object_new_object();
		char weight[32];

		snprintf(weight, sizeof weight, "%.4f", c->weight);
		json_object_object_add(e, "what",
				       json_object_new_string(c->what));
		json_object_object_add(e, "kind",
				       json_object_new_string(c->kind));
		json_object_object_add(
			e, "weight",
			json_object_new_double_s(c->weight, weight));
		json_object_array_add(arr, e);
	}
	return arr;
}

static void print_json_hit(const newsidx_hit *h, int explain)
{
	json_object *o = json_object_new_object();
	json_object *topics = json_object_new_array();
	json_object *authors = json_object_new_array();
	json_object *duplicates = json_object_new_array();
	size_t i;
	char score[32];

	json_object_object_add(o, "rank", json_object_new_int((int)h->rank));
	snprintf(score, sizeof score, "%.4f", h->score);
	json_object_object_add(o, "score",
			       json_object_new_double_s(h->score, score));
	json_object_object_add(o, "id", json_object_new_string(h->id));
	json_object_object_add(o, "title", json_object_new_string(h->title));
	json_object_object_add(o, "date", json_object_new_string(h->date));
	json_object_object_add(o, "source", json_object_new_string(h->source));
	json_object_object_add(o, "place", json_object_new_string(h->place));
	json_object_object_add(o, "path", json_object_new_string(h->path));
	json_object_object_add(o, "url", json_object_new_string(h->url));
	for (i = 0; i < h->topics->n; i++)
		json_object_array_add(
			topics, json_object_new_string(h->topics->items[i]));
	for (i = 0; i < h->authors->n; i++)
		json_object_array_add(
			authors, json_object_new_string(h->authors->items[i]));
	json_object_object_add(o, "topics", topics);
	json_object_object_add(o, "authors", authors);
	for (i = 0; i < h->duplicates->n; i++)
		json_object_array_add(
			duplicates,
			json_object_new_string(h->duplicates->items[i]));
	json_object_object_add(o, "duplicates", duplicates);
	json_object_object_add(o, "snippet",
			       json_object_new_string(h->snippet));
	if (explain)
		json_object_object_add(o, "explain", json_explain(h));
	puts(json_object_to_json_string_ext(
		o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

/* Shards left out by --allow-partial ("a, b"): a warning, and with --json
 * a first line {"partial":true,"missing":[...]}. */
static void report_partial(const char *missing, int json)
{
	json_object *o, *list;
	const char *p = missing;

	fprintf(stderr, "%s: warning: results are partial: %s unavailable\n",
		prog, missing);
	if (!json)
		return;
	o = json_object_new_object();
	list = json_object_new_array();
	while (*p) {
		const char *end = strstr(p, ", ");
		size_t n = end ? (size_t)(end - p) : strlen(p);

		json_object_array_add(list,
				      json_object_new_string_len(p, (int)n));
		p += n;
		if (*p)
			p += 2;
	}
	json_object_object_add(o, "partial", json_object_new_boolean(1));
	json_object_object_add(o, "missing", list);
	puts(json_object_to_json_string_ext(
		o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

/* A spelling suggestion on stderr, where it leaves the output (a --count
 * number, a listing) as it is; with --json also a line before the hits,
 * {"suggestion":"torkham","corrected":false}. */
static void report_suggestion(const newsidx_results *res, int json)
{
	const char *suggestion = newsidx_results_suggestion(res);
	int corrected = newsidx_results_corrected(res);
	json_object *o;

	fprintf(stderr, "%s: %s\n",
		corrected ? "Showing results for" : "Did you mean", suggestion);
	if (!json)
		return;
	o = json_object_new_object();
	json_object_object_add(o, "suggestion",
			       json_object_new_string(suggestion));
	json_object_object_add(o, "corrected",
			       json_object_new_boolean(corrected));
	puts(json_object_to_json_string_ext(
		o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

static void print_facets(const newsidx_results *res,
			 const newsidx_search_opts *opts, int json)
{
	int f;
	size_t i, n;

	for (f = 0; f < NEWSIDX_N_FACETS; f++) {
		if (!(opts->facets & (1u << f)))
			continue;
		n = newsidx_results_facet_size(res, (newsidx_facet)f);
		if (json) {
			json_object *o = json_object_new_object();
			json_object *arr = json_object_new_array();

			for (i = 0; i < n; i++) {
				const newsidx_count *c = newsidx_results_facet(
					res, (newsidx_facet)f, i);
				json_object *e = json_object_new_object();

				json_object_object_add(
					e, "value",
					json_object_new_string(c->value));
				json_object_object_add(
					e, "count",
					json_object_new_int((int)c->count));
				json_object_array_add(arr, e);
			}
			json_object_object_add(
				o, "facet",
				json_object_new_string(
					newsidx_facet_name((newsidx_facet)f)));
			json_object_object_add(o, "counts", arr);
			puts(json_object_to_json_string_ext(
				o, JSON_C_TO_STRING_PLAIN |
					   JSON_C_TO_STRING_NOSLASHESCAPE));
			json_object_put(o);
			continue;
		}
		printf("\n%s (%zu value%s)\n",
		       newsidx_facet_name((newsidx_facet)f), n,
		       n == 1 ? "" : "s");
		for (i = 0; i < n; i++) {
			const newsidx_count *c =
				newsidx_results_facet(res, (newsidx_facet)f, i);

			printf("  %7u  %s\n", c->count, c->value);
		}
	}
}

static void print_timeline(const newsidx_results *res,
			   const newsidx_search_opts *opts, int json, int color)
{
	size_t i, n = newsidx_results_timeline_size(res);
	unsigned most = 1;
	const char *block = color ? "\xE2\x96\x88" : "#";

	if (!opts->timeline)
		return;
	if (json) {
		json_object *o = json_object_new_object();
		json_object *arr = json_object_new_array();

		for (i = 0; i < n; i++) {
			const newsidx_count *c =
				newsidx_results_timeline(res, i);
			json_object *e = json_object_new_object();

			json_object_object_add(
				e, "period", json_object_new_string(c->value));
			json_object_object_add(
				e, "count", json_object_new_int((int)c->count));
			json_object_array_add(arr, e);
		}
		json_object_object_add(
			o, "timeline",
			json_object_new_string(newsidx_period_name(
				(newsidx_period)opts->timeline)));
		json_object_object_add(o, "counts", arr);
		puts(json_object_to_json_string_ext(
			o, JSON_C_TO_STRING_PLAIN |
				   JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
		return;
	}
	for (i = 0; i < n; i++)
		if (newsidx_results_timeline(res, i)->count > most)
			most = newsidx_results_timeline(res, i)->count;
	printf("\ntimeline by %s (%zu period%s, dated matches only)\n",
	       newsidx_period_name((newsidx_period)opts->timeline), n,
	       n == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		const newsidx_count *c = newsidx_results_timeline(res, i);
		unsigned bar = (c->count * 50 + most - 1) / most, k;

		printf("  %-10s %6u ", c->value, c->count);
		for (k = 0; k < bar; k++)
			fputs(block, stdout);
		putchar('\n');
	}
}

/* The expansions with --explain: the names the query expanded with
 * aliases, and the spelling correction run. */
static void print_aliases(const newsidx_results *res, int json)
{
	size_t i, k, n, n_names = newsidx_results_aliases_size(res);
	json_object *o, *arr;

	if (!json) {
		if (newsidx_results_corrected(res))
			printf("spelling: %s\n",
			       newsidx_results_suggestion(res));
		for (i = 0; i < n_names; i++) {
			const char *const *aliases;
			const char *name =
				newsidx_results_alias(res, i, &aliases, &n);

			printf("alias: %s", name);
			for (k = 0; k < n; k++)
				printf(" = %s", aliases[k]);
			putchar('\n');
		}
		if (n_names || newsidx_results_corrected(res))
			putchar('\n');
		return;
	}
	o = json_object_new_object();
	arr = json_object_new_array();
	for (i = 0; i < n_names; i++) {
		const char *const *aliases;
		const char *name = newsidx_results_alias(res, i, &aliases, &n);
		json_object *e = json_object_new_object();
		json_object *list = json_object_new_array();

		for (k = 0; k < n; k++)
			json_object_array_add(
				list, json_object_new_string(aliases[k]));
		json_object_object_add(e, "name", json_object_new_string(name));
		json_object_object_add(e, "aliases", list);
		json_object_array_add(arr, e);
	}
	json_object_object_add(o, "aliases", arr);
	json_object_object_add(
		o, "spelling",
		newsidx_results_corrected(res)
			? json_object_new_string(
				  newsidx_results_suggestion(res))
			: NULL);
	puts(json_object_to_json_string_ext(
		o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

static void print_hit(const newsidx_hit *h, int color, int explain)
{
	const char *bold = color ? "\033[1m" : "",
		   *off = color ? "\033[0m" : "";
	const char *sep = "";
	size_t i;

	printf("%u. %s%s%s  [%.3f]\n", h->rank, bold,
	       h->title[0] ? h->title : "(no title)", off, h->score);
	printf("   ");
	if (h->date[0]) {
		printf("%s", h->date);
		sep = " | ";
	}
	if (h->source[0]) {
		printf("%s%s", sep, h->source);
		sep = " | ";
	}
	if (h->place[0]) {
		printf("%s%s", sep, h->place);
		sep = " | ";
	}
	printf("%s%s\n", sep, h->path[0] ? h->path : h->id);
	if (h->duplicates->n) {
		printf("   +%zu similar: ", h->duplicates->n);
		for (i = 0; i < h->duplicates->n; i++)
			printf("%s%s", i ? ", " : "", h->duplicates->items[i]);
		putchar('\n');
	}
	if (h->snippet[0])
		printf("   %s\n", h->snippet);
	for (i = 0; explain && i < h->n_explain; i++)
		printf("   %s %8.3f  %s  (%s)\n",
		       i ? "    " : "why:", h->explain[i].weight,
		       h->explain[i].what, h->explain[i].kind);
	putchar('\n');
}

static int want_color(const char *when)
{
	const char *term = getenv("TERM");

	if (!strcmp(when, "always"))
		return 1;
	if (!strcmp(when, "never"))
		return 0;
	if (getenv("NO_COLOR") && getenv("NO_COLOR")[0])
		return 0;
	return isatty(STDOUT_FILENO) && !(term && !strcmp(term, "dumb"));
}

int main(int argc, char **argv)
{
	enum {
		OPT_OFFSET = 256,
		OPT_JSON,
		OPT_COUNT,
		OPT_SORT,
		OPT_SINCE,
		OPT_UNTIL,
		OPT_FREE,
		OPT_SNIPLEN,
		OPT_NO_SNIPPETS,
		OPT_COLOR,
		OPT_BM25,
		OPT_STOPWORDS,
		OPT_NO_STOPWORDS,
		OPT_PRF,
		OPT_NO_PRF,
		OPT_PRF_TERMS,
		OPT_PRF_WEIGHT,
		OPT_TITLE_WEIGHT,
		OPT_NEAR,
		OPT_TIMEOUT,
		OPT_ALLOW_PARTIAL,
		OPT_FACET,
		OPT_TIMELINE,
		OPT_EXPLAIN,
		OPT_NO_ALIASES,
		OPT_VERSION,
		OPT_NO_SUGGEST,
		OPT_CORRECT,
		OPT_NO_COLLAPSE,
		OPT_LIKE
	};
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "limit", required_argument, NULL, 'n' },
		{ "offset", required_argument, NULL, OPT_OFFSET },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "count", no_argument, NULL, OPT_COUNT },
		{ "sort", required_argument, NULL, OPT_SORT },
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "free-text", no_argument, NULL, OPT_FREE },
		{ "snippet-len", required_argument, NULL, OPT_SNIPLEN },
		{ "no-snippets", no_argument, NULL, OPT_NO_SNIPPETS },
		{ "color", required_argument, NULL, OPT_COLOR },
		{ "bm25", required_argument, NULL, OPT_BM25 },
		{ "stopwords", no_argument, NULL, OPT_STOPWORDS },
		{ "no-stopwords", no_argument, NULL, OPT_NO_STOPWORDS },
		{ "prf", required_argument, NULL, OPT_PRF },
		{ "no-prf", no_argument, NULL, OPT_NO_PRF },
		{ "prf-terms", required_argument, NULL, OPT_PRF_TERMS },
		{ "prf-weight", required_argument, NULL, OPT_PRF_WEIGHT },
		{ "title-weight", required_argument, NULL, OPT_TITLE_WEIGHT },
		{ "near", required_argument, NULL, OPT_NEAR },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "allow-partial", no_argument, NULL, OPT_ALLOW_PARTIAL },
		{ "facet", required_argument, NULL, OPT_FACET },
		{ "timeline", required_argument, NULL, OPT_TIMELINE },
		{ "no-collapse", no_argument, NULL, OPT_NO_COLLAPSE },
		{ "like", required_argument, NULL, OPT_LIKE },
		{ "help", no_argument, NULL, 'h' },
		{ "explain", no_argument, NULL, OPT_EXPLAIN },
		{ "no-aliases", no_argument, NULL, OPT_NO_ALIASES },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "no-suggest", no_argument, NULL, OPT_NO_SUGGEST },
		{ "correct", no_argument, NULL, OPT_CORRECT },
		{ NULL, 0, NULL, 0 },
	};
	const char *db_path = getenv("NEWSIDX_DB");
	const char *color_when = "auto";
	int json = 0, count = 0, c, color, i;
	int suggest = 1; /* 0 --no-suggest, 1 suggest, 2 --correct */
	unsigned snippet_len = 200;
	newsidx_search_opts opts;
	newsidx_open_opts open_opts = { 0, 0 };
	newsidx_db *db = NULL;
	newsidx_results *res = NULL;
	newsidx_status rc;
	char *errmsg = NULL, *query;
	size_t qlen = 0, k;

	newsidx_search_opts_init(&opts);
	while ((c = getopt_long(argc, argv, "d:n:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db_path = optarg;
			break;
		case 'n':
			if (!parse_uint("--limit", optarg, &opts.limit))
				return EXIT_ERROR;
			break;
		case OPT_OFFSET:
			if (!parse_uint("--offset", optarg, &opts.offset))
				return EXIT_ERROR;
			break;
		case OPT_JSON:
			json = 1;
			break;
		case OPT_COUNT:
			count = 1;
			break;
		case OPT_SORT:
			if (!strcmp(optarg, "relevance"))
				opts.sort = NEWSIDX_SORT_RELEVANCE;
			else if (!strcmp(optarg, "date") ||
				 !strcmp(optarg, "newest"))
				opts.sort = NEWSIDX_SORT_DATE;
			else if (!strcmp(optarg, "oldest"))
				opts.sort = NEWSIDX_SORT_DATE_ASC;
			else {
				fprintf(stderr,
					"%s: --sort must be relevance, date or "
					"oldest, not '%s'\n",
					prog, optarg);
				return EXIT_ERROR;
			}
			break;
		case OPT_SINCE:
			opts.since = optarg;
			break;
		case OPT_UNTIL:
			opts.until = optarg;
			break;
		case OPT_FREE:
			opts.flags |= NEWSIDX_SEARCH_FREE_TEXT;
			break;
		case OPT_SNIPLEN:
			if (!parse_uint("--snippet-len", optarg, &snippet_len))
				return EXIT_ERROR;
			break;
		case OPT_NO_SNIPPETS:
			opts.flags |= NEWSIDX_SEARCH_NO_SNIPPETS;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") &&
			    strcmp(optarg, "always") &&
			    strcmp(optarg, "never")) {
				fprintf(stderr,
					"%s: --color must be auto, always or "
					"never, not '%s'\n",
					prog, optarg);
				return EXIT_ERROR;
			}
			color_when = optarg;
			break;
		case OPT_BM25:
			if (!parse_pair("--bm25", optarg, 1.0, &opts.bm25_k1,
					&opts.bm25_b))
				return EXIT_ERROR;
			break;
		case OPT_STOPWORDS:
			opts.stopwords = 1;
			break;
		case OPT_NO_STOPWORDS:
			opts.stopwords = 0;
			break;
		case OPT_PRF:
			if (!parse_uint("--prf", optarg, &opts.prf_docs))
				return EXIT_ERROR;
			break;
		case OPT_NO_PRF:
			opts.prf_docs = 0;
			break;
		case OPT_PRF_TERMS:
			if (!parse_uint("--prf-terms", optarg, &opts.prf_terms))
				return EXIT_ERROR;
			break;
		case OPT_PRF_WEIGHT:
			if (!parse_double("--prf-weight", optarg, 1.0,
					  &opts.prf_weight))
				return EXIT_ERROR;
			break;
		case OPT_TITLE_WEIGHT:
			if (!parse_double("--title-weight", optarg, -1,
					  &opts.title_weight))
				return EXIT_ERROR;
			break;
		case OPT_NEAR:
			if (strchr(optarg, ',')) {
				double window;

				if (!parse_pair("--near", optarg, -1,
						&opts.near_weight, &window))
					return EXIT_ERROR;
				if (window < 2 || window > 1000 ||
				    window != (unsigned)window) {
					fprintf(stderr,
						"%s: --near window must be a "
						"whole number from 2 to 1000, "
						"not '%s'\n",
						prog, optarg);
					return EXIT_ERROR;
				}
				opts.near_window = (unsigned)window;
			} else if (!parse_double("--near", optarg, -1,
						 &opts.near_weight)) {
				return EXIT_ERROR;
			}
			break;
		case OPT_TIMEOUT:
			if (!parse_uint("--timeout", optarg,
					&open_opts.timeout_ms))
				return EXIT_ERROR;
			break;
		case OPT_ALLOW_PARTIAL:
			open_opts.allow_partial = 1;
			break;
		case OPT_FACET: {
			newsidx_facet facet;

			if (newsidx_facet_from_name(optarg, &facet) !=
			    NEWSIDX_OK) {
				fprintf(stderr,
					"%s: --facet must be source, place, "
					"topic, person, org, year or month, "
					"not '%s'\n",
					prog, optarg);
				return EXIT_ERROR;
			}
			opts.facets |= 1u << facet;
			break;
		}
		case OPT_TIMELINE: {
			newsidx_period period;

			if (newsidx_period_from_name(optarg, &period) !=
			    NEWSIDX_OK) {
				fprintf(stderr,
					"%s: --timeline must be day, week, "
					"month or year, not '%s'\n",
					prog, optarg);
				return EXIT_ERROR;
			}
			opts.timeline = period;
			break;
		}
		case OPT_EXPLAIN:
			opts.flags |= NEWSIDX_SEARCH_EXPLAIN;
			break;
		case OPT_NO_ALIASES:
			opts.flags |= NEWSIDX_SEARCH_NO_ALIASES;
			break;
		case OPT_NO_COLLAPSE:
			opts.flags |= NEWSIDX_SEARCH_NO_COLLAPSE;
			break;
		case OPT_LIKE:
			if (!optarg[0]) {
				fprintf(stderr,
					"%s: --like needs an article id\n",
					prog);
				return EXIT_ERROR;
			}
			opts.like = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case OPT_VERSION:
			printf("%s %s\n", prog, NEWSIDX_VERSION);
			return 0;
		case OPT_NO_SUGGEST:
			suggest = 0;
			break;
		case OPT_CORRECT:
			suggest = 2;
			break;
		default:
			fprintf(stderr, "Try '%s --help'.\n", prog);
			return EXIT_ERROR;
		}
	}
	if (optind >= argc && !opts.like) {
		fprintf(stderr, "%s: no query given\nTry '%s --help'.\n", prog,
			prog);
		return EXIT_ERROR;
	}
	if (!db_path || !db_path[0])
		db_path = "newsidx.db";
	for (i = optind; i < argc; i++)
		qlen += strlen(argv[i]) + 1;
	query = malloc(qlen + 1);
	if (!query) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return EXIT_ERROR;
	}
	query[0] = '\0';
	for (i = optind, k = 0; i < argc; i++) {
		size_t n = strlen(argv[i]);

		if (k)
			query[k++] = ' ';
		memcpy(query + k, argv[i], n + 1);
		k += n;
	}
	color = !json && want_color(color_when);
	opts.query = query;
	opts.snippet_len = snippet_len;
	opts.hi_start = color ? "\033[1m" : "";
	opts.hi_end = color ? "\033[0m" : "";
	if (suggest)
		opts.flags |= suggest == 2 ? NEWSIDX_SEARCH_CORRECT
					   : NEWSIDX_SEARCH_SUGGEST;
	if (count) {
		opts.limit = 0;
		opts.offset = 0;
		opts.flags |=
			NEWSIDX_SEARCH_EXACT_COUNT | NEWSIDX_SEARCH_NO_SNIPPETS;
	}

	rc = newsidx_db_open_ex(db_path, NEWSIDX_DB_READ, NULL, &open_opts, &db,
				&errmsg);
	if (rc != NEWSIDX_OK) {
		fprintf(stderr, "%s: %s\n", prog,
			errmsg ? errmsg : newsidx_status_str(rc));
		free(errmsg);
		free(query);
		return EXIT_ERROR;
	}
	rc = newsidx_search_run(db, &opts, &res);
	if (rc != NEWSIDX_OK) {
		fprintf(stderr, "%s: %s\n", prog, newsidx_db_error(db));
		newsidx_db_destroy(db);
		free(query);
		return EXIT_ERROR;
	}
	if (newsidx_db_missing(db)[0])
		report_partial(newsidx_db_missing(db), json && !count);
	if (newsidx_results_suggestion(res)[0])
		report_suggestion(res, json && !count);
	if (count) {
		printf("%u\n", newsidx_results_total(res));
	} else {
		int explain = (opts.flags & NEWSIDX_SEARCH_EXPLAIN) != 0;

		if (explain && !json)
			print_aliases(res, 0);
		for (k = 0; k < newsidx_results_size(res); k++) {
			const newsidx_hit *h = newsidx_results_get(res, k);

			if (json)
				print_json_hit(h, explain);
			else
				print_hit(h, color, explain);
		}
		if (!json && newsidx_results_total(res) > 0)
			printf("%zu shown of %s%u matching article%s\n",
			       newsidx_results_size(res),
			       newsidx_results_total_exact(res) ? "" : "about ",
			       newsidx_results_total(res),
			       newsidx_results_total(res) == 1 ? "" : "s");
		else if (!json)
			printf("no articles match\n");
		print_facets(res, &opts, json);
		print_timeline(res, &opts, json, color);
		if (explain && json)
			print_aliases(res, 1);
	}
	i = newsidx_results_total(res) > 0 ? EXIT_MATCH : EXIT_NO_MATCH;
	newsidx_results_destroy(res);
	newsidx_db_destroy(db);
	free(query);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "%s: writing output: %s\n", prog,
			strerror(errno));
		return EXIT_ERROR;
	}
	return i;
}
