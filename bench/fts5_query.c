/* fts5_query: the SQLite FTS5 peer of the query benchmark.
 *
 *   fts5_query [-p PASSES] DB QUERIES
 *
 * Runs the query set (benchlib.h) against the table fts5_index built: one
 * untimed pass, then PASSES (default 3) timed passes, each query alone:
 *
 *   SELECT title, snippet(t, 1, '', '', '…', 32) FROM t
 *    WHERE t MATCH ?  [AND date BETWEEN ? AND ?]
 *    ORDER BY bm25(t) LIMIT 10
 *
 * and reads each hit's title and snippet (32 tokens of the body, about the
 * 200 bytes newsidx aims for).  The newsidx syntax is translated:
 *   word              "word"
 *   a AND b, a OR b   "a" AND "b", "a" OR "b"
 *   "a b c"           "a b c"
 *   title:word        title : "word"   (FTS5 column filter)
 *   date:A..B rest    rest, and date BETWEEN A AND B on the date column
 * and two operands side by side get OR between them (newsidx's default
 * operator; FTS5's is AND).  Prints benchlib's "lat fts5 ..." lines.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchlib.h"

static const char *prog = "fts5_query";

#define MAX_MATCH 1024

typedef struct fts5_query {
	char match[MAX_MATCH];
	char lo[16], hi[16]; /* date range, "" when none */
} fts5_query;

static void append(char *out, const char *s, size_t len)
{
	size_t have = strlen(out);

	if (have + len + 1 > MAX_MATCH)
		bench_die(prog, "query too long");
	memcpy(out + have, s, len);
	out[have + len] = '\0';
}

/* Translate a newsidx query (see above). */
static void translate(const char *q, fts5_query *out)
{
	int operand_last = 0;

	memset(out, 0, sizeof *out);
	while (*q) {
		const char *start, *end;
		size_t len;

		while (*q == ' ')
			q++;
		if (!*q)
			break;
		start = q;
		if (*q == '"') {
			end = strchr(q + 1, '"');
			end = end ? end + 1 : q + strlen(q);
		} else {
			end = q;
			while (*end && *end != ' ')
				end++;
		}
		q = end;
		len = (size_t)(end - start);
		if ((len == 3 && !strncmp(start, "AND", 3)) ||
		    (len == 2 && !strncmp(start, "OR", 2)) ||
		    (len == 3 && !strncmp(start, "NOT", 3))) {
			append(out->match, " ", 1);
			append(out->match, start, len);
			operand_last = 0;
			continue;
		}
		if (len > 5 && !strncmp(start, "date:", 5)) {
			const char *dots = strstr(start, "..");

			if (!dots || dots > end || dots - (start + 5) != 10 ||
			    end - (dots + 2) != 10)
				bench_die(prog, "cannot translate '%.*s'",
					  (int)len, start);
			memcpy(out->lo, start + 5, 10);
			memcpy(out->hi, dots + 2, 10);
			continue;
		}
		if (operand_last)
			append(out->match, " OR", 3);
		if (out->match[0])
			append(out->match, " ", 1);
		if (len > 6 && !strncmp(start, "title:", 6)) {
			append(out->match, "title : \"", 9);
			append(out->match, start + 6, len - 6);
			append(out->match, "\"", 1);
		} else if (*start == '"') {
			append(out->match, start, len);
		} else {
			append(out->match, "\"", 1);
			append(out->match, start, len);
			append(out->match, "\"", 1);
		}
		operand_last = 1;
	}
}

typedef struct ctx {
	sqlite3 *db;
	sqlite3_stmt *plain, *dated;
	size_t consumed; /* bytes of titles and snippets read */
} ctx;

static int run_query(void *arg, const bench_query *q)
{
	ctx *c = arg;
	fts5_query t;
	sqlite3_stmt *st;
	int rc, hits = 0;

	translate(q->text, &t);
	st = t.lo[0] ? c->dated : c->plain;
	sqlite3_bind_text(st, 1, t.match, -1, SQLITE_STATIC);
	if (t.lo[0]) {
		sqlite3_bind_text(st, 2, t.lo, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, t.hi, -1, SQLITE_STATIC);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *title = sqlite3_column_text(st, 0);
		const unsigned char *snippet = sqlite3_column_text(st, 1);

		c->consumed += (title ? strlen((const char *)title) : 0) +
			       (snippet ? strlen((const char *)snippet) : 0);
		hits++;
	}
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "%s: '%s' (MATCH '%s'): %s\n", prog, q->text,
			t.match, sqlite3_errmsg(c->db));
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return hits;
}

int main(int argc, char **argv)
{
	unsigned passes = 3;
	bench_queries qs;
	bench_lat lat;
	ctx c;
	int opt;

	while ((opt = getopt(argc, argv, "p:")) != -1) {
		if (opt != 'p') {
			fprintf(stderr, "usage: %s [-p PASSES] DB QUERIES\n",
				prog);
			return 2;
		}
		passes = (unsigned)strtoul(optarg, NULL, 10);
	}
	if (argc - optind != 2) {
		fprintf(stderr, "usage: %s [-p PASSES] DB QUERIES\n", prog);
		return 2;
	}
	if (bench_queries_read(argv[optind + 1], &qs) != 0)
		bench_die(prog, "%s: %s", argv[optind + 1], strerror(errno));
	memset(&c, 0, sizeof c);
	memset(&lat, 0, sizeof lat);
	if (sqlite3_open_v2(argv[optind], &c.db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK)
		bench_die(prog, "%s: %s", argv[optind], sqlite3_errmsg(c.db));
	if (sqlite3_prepare_v2(c.db,
			       "SELECT title, snippet(t, 1, '', '', '…', 32) "
			       "FROM t WHERE t MATCH ?1 "
			       "ORDER BY bm25(t) LIMIT 10",
			       -1, &c.plain, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c.db,
			       "SELECT title, snippet(t, 1, '', '', '…', 32) "
			       "FROM t WHERE t MATCH ?1 AND date BETWEEN ?2 "
			       "AND ?3 ORDER BY bm25(t) LIMIT 10",
			       -1, &c.dated, NULL) != SQLITE_OK)
		bench_die(prog, "prepare: %s", sqlite3_errmsg(c.db));
	if (bench_run_queries(&qs, passes, run_query, &c, &lat) != 0)
		return 1;
	bench_lat_report(&lat, "fts5");
	fprintf(stderr, "%s: %zu queries x %u passes, %zu bytes of hits\n",
		prog, qs.n, passes, c.consumed);
	sqlite3_finalize(c.plain);
	sqlite3_finalize(c.dated);
	sqlite3_close(c.db);
	bench_lat_free(&lat);
	bench_queries_free(&qs);
	return 0;
}
