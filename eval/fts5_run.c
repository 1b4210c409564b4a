/* fts5_run.c: nx-eval-fts5, the SQLite FTS5 baseline of the ranking
 * evaluation.
 *
 *   nx-eval-fts5 DOCS.jsonl QUERIES.tsv TAG
 *
 * Loads the documents of DOCS.jsonl (the {"id","title","body"} lines that
 * nx-eval-convert writes and newsidx-index indexes) into an in-memory
 *   CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, title, body,
 *                                     tokenize = 'porter unicode61')
 * and runs each "QID<TAB>text" line of QUERIES.tsv as
 *   SELECT id, bm25(t) FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 1000
 * with bm25()'s default parameters (k1 = 1.2, b = 0.75, every column
 * weighted 1.0; FTS5 then scores title and body as one text: term counts
 * and lengths are summed over the columns).  The free text becomes an OR
 * of quoted tokens ("what" OR "similarity" OR ...), a token being a run of
 * ASCII letters and digits or of non-ASCII bytes, so no FTS5 operator,
 * column filter or punctuation in the text can change the query.  The run
 * goes to stdout as "QID Q0 ID RANK SCORE TAG" with SCORE = -bm25(t);
 * timings go to stderr.  Exit 0, or 2 with a message. */
#include <errno.h>
#include <json-c/json.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *prog = "nx-eval-fts5";

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail_db(sqlite3 *db, const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, sqlite3_errmsg(db));
	return 0;
}

static int is_token_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* The FTS5 query for free text: "tok" OR "tok" ...; "" when it has no
 * token.  malloc'ed, NULL on OOM. */
static char *fts5_or_query(const char *text)
{
	size_t len = strlen(text), n = 0;
	/* Each byte at most once, plus quotes and " OR " per token. */
	char *q = malloc(len * 7 + 1);
	const unsigned char *p = (const unsigned char *)text;

	if (!q)
		return NULL;
	while (*p) {
		const unsigned char *start;

		while (*p && !is_token_byte(*p))
			p++;
		if (!*p)
			break;
		start = p;
		while (*p && is_token_byte(*p))
			p++;
		if (n) {
			memcpy(q + n, " OR ", 4);
			n += 4;
		}
		q[n++] = '"';
		memcpy(q + n, start, (size_t)(p - start));
		n += (size_t)(p - start);
		q[n++] = '"';
	}
	q[n] = '\0';
	return q;
}

static const char *json_str(json_object *o, const char *key)
{
	json_object *v;

	if (json_object_object_get_ex(o, key, &v))
		return json_object_get_string(v);
	return "";
}

static int load_docs(sqlite3 *db, const char *path, unsigned *n_docs)
{
	FILE *f = fopen(path, "r");
	sqlite3_stmt *ins = NULL;
	char *buf = NULL;
	size_t cap = 0, line_no = 0;
	int ok = 1;

	*n_docs = 0;
	if (!f) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return 0;
	}
	if (sqlite3_exec(db,
			 "CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, "
			 "title, body, tokenize = 'porter unicode61');"
			 "BEGIN;",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?1, ?2, ?3)", -1,
			       &ins, NULL) != SQLITE_OK)
		ok = fail_db(db, "creating the table");
	while (ok && getline(&buf, &cap, f) >= 0) {
		json_object *o;

		line_no++;
		o = json_tokener_parse(buf);
		if (!o) {
			fprintf(stderr, "%s: %s:%zu: not JSON\n", prog, path,
				line_no);
			ok = 0;
			break;
		}
		sqlite3_bind_text(ins, 1, json_str(o, "id"), -1,
				  SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 2, json_str(o, "title"), -1,
				  SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 3, json_str(o, "body"), -1,
				  SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE)
			ok = fail_db(db, "inserting a document");
		sqlite3_reset(ins);
		json_object_put(o);
		(*n_docs)++;
	}
	sqlite3_finalize(ins);
	if (ok && sqlite3_exec(db, "COMMIT;", NULL, NULL, NULL) != SQLITE_OK)
		ok = fail_db(db, "committing");
	free(buf);
	fclose(f);
	return ok;
}

static int run_queries(sqlite3 *db, const char *path, const char *tag,
		       unsigned *n_queries)
{
	FILE *f = fopen(path, "r");
	sqlite3_stmt *sel = NULL;
	char *buf = NULL;
	size_t cap = 0;
	int ok = 1;

	*n_queries = 0;
	if (!f) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return 0;
	}
	if (sqlite3_prepare_v2(db,
			       "SELECT id, bm25(t) FROM t WHERE t MATCH ?1 "
			       "ORDER BY bm25(t) LIMIT 1000",
			       -1, &sel, NULL) != SQLITE_OK)
		ok = fail_db(db, "preparing the query");
	while (ok && getline(&buf, &cap, f) >= 0) {
		char *tab = strchr(buf, '\t'), *q;
		size_t n = strlen(buf);
		int rank = 0, rc;

		if (!tab)
			continue;
		while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
			buf[--n] = '\0';
		*tab = '\0';
		q = fts5_or_query(tab + 1);
		if (!q) {
			fprintf(stderr, "%s: out of memory\n", prog);
			ok = 0;
			break;
		}
		(*n_queries)++;
		if (q[0]) {
			sqlite3_bind_text(sel, 1, q, -1, SQLITE_TRANSIENT);
			while ((rc = sqlite3_step(sel)) == SQLITE_ROW)
				printf("%s Q0 %s %d %.9f %s\n", buf,
				       (const char *)sqlite3_column_text(sel,
									 0),
				       ++rank, -sqlite3_column_double(sel, 1),
				       tag);
			if (rc != SQLITE_DONE) {
				fprintf(stderr, "%s: query %s: %s\n", prog, buf,
					sqlite3_errmsg(db));
				ok = 0;
			}
			sqlite3_reset(sel);
		}
		free(q);
	}
	sqlite3_finalize(sel);
	free(buf);
	fclose(f);
	return ok;
}

int main(int argc, char **argv)
{
	sqlite3 *db = NULL;
	unsigned n_docs = 0, n_queries = 0;
	double t0, t1, t2;
	int ok;

	if (argc != 4) {
		fprintf(stderr, "Usage: %s DOCS.jsonl QUERIES.tsv TAG\n", prog);
		return 2;
	}
	if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
		fprintf(stderr, "%s: cannot open an in-memory database\n",
			prog);
		sqlite3_close(db);
		return 2;
	}
	t0 = now();
	ok = load_docs(db, argv[1], &n_docs);
	t1 = now();
	ok = ok && run_queries(db, argv[2], argv[3], &n_queries);
	t2 = now();
	sqlite3_close(db);
	if (fflush(stdout) != 0)
		ok = 0;
	if (ok)
		fprintf(stderr,
			"%s: %u documents indexed in %.2f s, %u queries in "
			"%.2f s\n",
			prog, n_docs, t1 - t0, n_queries, t2 - t1);
	return ok ? 0 : 2;
}
