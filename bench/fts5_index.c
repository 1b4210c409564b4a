/* fts5_index: the SQLite FTS5 peer of the indexing benchmark.
 *
 *   fts5_index DB CORPUS_DIR
 *
 * Creates DB (removed first) with one FTS5 table
 *
 *   CREATE VIRTUAL TABLE t USING fts5(title, body, date UNINDEXED,
 *                                     tokenize = 'porter unicode61')
 *
 * and inserts every article of the corpus (the same files, in the same
 * order as the other systems) in one transaction, without fsync
 * (synchronous=OFF, as Xapian's DB_NO_SYNC) and with a page cache the size
 * of newsidx's default memory budget (256 MB).  Then, timed apart, FTS5's
 * 'optimize' (merge every segment into one, like a Xapian compaction) and
 * VACUUM (give the freed pages back).  Prints on stdout:
 *
 *   fts5 docs=N bytes=B insert_s=X optimize_s=X vacuum_s=X
 *        size_built=B size_optimized=B sqlite=VERSION
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchlib.h"

static const char *prog = "fts5_index";

static void exec_sql(sqlite3 *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		bench_die(prog, "%s: %s", sql, err ? err : "error");
}

static long long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

int main(int argc, char **argv)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *ins = NULL;
	bench_files files;
	size_t i;
	double t0, t1, t2, t3;
	long long size_built;

	if (argc != 3) {
		fprintf(stderr, "usage: %s DB CORPUS_DIR\n", prog);
		return 2;
	}
	if (bench_files_list(argv[2], &files) != 0)
		bench_die(prog, "%s: %s", argv[2], strerror(errno));
	if (unlink(argv[1]) != 0 && errno != ENOENT)
		bench_die(prog, "%s: %s", argv[1], strerror(errno));
	t0 = bench_now();
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		bench_die(prog, "%s: %s", argv[1], sqlite3_errmsg(db));
	exec_sql(db, "PRAGMA synchronous = OFF");
	exec_sql(db, "PRAGMA cache_size = -262144");
	exec_sql(db, "CREATE VIRTUAL TABLE t USING fts5(title, body, "
		     "date UNINDEXED, tokenize = 'porter unicode61')");
	exec_sql(db, "BEGIN");
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO t(title, body, date) "
			       "VALUES (?, ?, ?)",
			       -1, &ins, NULL) != SQLITE_OK)
		bench_die(prog, "prepare: %s", sqlite3_errmsg(db));
	for (i = 0; i < files.n; i++) {
		size_t len;
		char *text = bench_read_file(files.paths[i], &len);
		bench_article a;

		if (!text)
			bench_die(prog, "%s: %s", files.paths[i],
				  strerror(errno));
		bench_parse_article(text, len, &a);
		sqlite3_bind_text(ins, 1, a.title, (int)a.title_len,
				  SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, a.body, (int)a.body_len,
				  SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, a.date, -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE)
			bench_die(prog, "%s: insert: %s", files.paths[i],
				  sqlite3_errmsg(db));
		sqlite3_reset(ins);
		free(text);
	}
	sqlite3_finalize(ins);
	exec_sql(db, "COMMIT");
	t1 = bench_now();
	size_built = file_size(argv[1]);
	exec_sql(db, "INSERT INTO t(t) VALUES ('optimize')");
	t2 = bench_now();
	exec_sql(db, "VACUUM");
	t3 = bench_now();
	if (sqlite3_close(db) != SQLITE_OK)
		bench_die(prog, "close: %s", sqlite3_errmsg(db));
	printf("fts5 docs=%zu bytes=%llu insert_s=%.3f optimize_s=%.3f "
	       "vacuum_s=%.3f size_built=%lld size_optimized=%lld sqlite=%s\n",
	       files.n, files.bytes, t1 - t0, t2 - t1, t3 - t2, size_built,
	       file_size(argv[1]), sqlite3_libversion());
	bench_files_free(&files);
	return 0;
}
